package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Environment variables through which the CDK CLI hands an app its
// context (aws-cdk-lib's cx-api CONTEXT_ENV and
// CONTEXT_OVERFLOW_LOCATION_ENV): a JSON object, and the path of a file
// holding one for a context too large for the environment.
const (
	envContextJSON     = "CDK_CONTEXT_JSON"
	envContextOverflow = "CONTEXT_OVERFLOW_LOCATION_ENV"
	envOutdir          = "CDK_OUTDIR"
)

// cdkContext is the app's context: cdk.json's feature flags and the keys
// given with `-c key=value`.
type cdkContext map[string]any

// str is the string value of key, "" when unset or not a string.
func (c cdkContext) str(key string) string {
	s, _ := c[key].(string)
	return s
}

// appContext is the context of a started app, asked of the CDK once.
func appContext(app awscdk.App) cdkContext {
	all, _ := app.Node().GetAllContext(nil).(map[string]any)
	return all
}

// contextOf reads the context as aws-cdk-lib's App would be given it with
// props, without starting Node.js: props.Context, then CDK_CONTEXT_JSON,
// then the file CONTEXT_OVERFLOW_LOCATION_ENV names, then
// props.PostCliContext, a later source's key winning (App.loadContext).
func contextOf(props *awscdk.AppProps) (cdkContext, error) {
	ctx := cdkContext{}
	if props != nil && props.Context != nil {
		maps.Copy(ctx, *props.Context)
	}
	if s := os.Getenv(envContextJSON); s != "" {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return nil, fmt.Errorf("%s: %w", envContextJSON, err)
		}
		maps.Copy(ctx, m)
	}
	if path := os.Getenv(envContextOverflow); path != "" {
		b, err := safefile.ReadFile(path, safefile.Manifest)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		maps.Copy(ctx, m)
	}
	if props != nil && props.PostCliContext != nil {
		maps.Copy(ctx, *props.PostCliContext)
	}
	return ctx, nil
}
