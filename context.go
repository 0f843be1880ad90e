package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/assembly"
)

// contextAllowEmptyBaseline, true, lets `-c baseline=DIR` name a directory
// without templates (a first deploy), which is otherwise an error: a
// mistyped directory would pass the stateful-change check comparing
// nothing.
const contextAllowEmptyBaseline = "allow-empty-baseline"

// knownContextKeys are the `-c` keys the app reads.
var knownContextKeys = []string{contextConfigDir, contextEnv, contextBaseline, contextAllowEmptyBaseline}

// checkContext refuses a context key the app does not read, so that a typo
// (`-c envs=prod`) is not silently ignored while every environment is
// synthesized. aws-cdk's own keys (feature flags "@aws-cdk/...", "aws:cdk:..."
// and every key with a ':') pass.
func checkContext(ctx cdkContext) error {
	var unknown []string
	for k := range ctx {
		if strings.HasPrefix(k, "@") || strings.Contains(k, ":") || slices.Contains(knownContextKeys, k) {
			continue
		}
		unknown = append(unknown, fmt.Sprintf("-c %s: unknown context key; %s (the app reads %s; aws-cdk's own keys start with @ or hold a ':')",
			k, appconfig.DidYouMean(k, knownContextKeys), strings.Join(knownContextKeys, ", ")))
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		return fmt.Errorf("%s", strings.Join(unknown, "\n"))
	}
	return nil
}

// checkBaselineDir refuses `-c baseline=DIR` naming a directory that does
// not exist or holds no template, unless allow-empty-baseline is true.
func checkBaselineDir(ctx cdkContext, dir string) error {
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("-c %s=%s: %w", contextBaseline, dir, err)
	case !info.IsDir():
		return fmt.Errorf("-c %s=%s: is not a directory; expected a directory of deployed <stack>%s", contextBaseline, dir, assembly.TemplateSuffix)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"+assembly.TemplateSuffix))
	if len(files) == 0 && ctx.str(contextAllowEmptyBaseline) != "true" {
		return fmt.Errorf("-c %s=%s: holds no *%s, so nothing would be compared; fetch the deployed templates first, or give -c %s=true for a first deploy",
			contextBaseline, dir, assembly.TemplateSuffix, contextAllowEmptyBaseline)
	}
	return nil
}
