package stacks

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// recordLogEvents writes snap, the log events the stack's services
// declare, into the stack's template Metadata under
// appconfig.LogEventsMetadataKey, next to the keys already there
// (cdk_nag), so that `make diff` can compare the schema with the one a
// baseline template recorded. Nothing is written for a nil snap (no
// service of the stack declares log events).
func recordLogEvents(stack awscdk.Stack, snap *appconfig.SchemaSnapshot) {
	if snap == nil {
		return
	}
	stack.AddMetadata(jsii.String(appconfig.LogEventsMetadataKey), jsonValue(snap))
}

// jsonValue is v as JSON values (maps, slices, strings, booleans), which
// jsii passes on with their keys sorted, so the template is the same on
// every synth. v's types marshal without error; an error is a bug.
func jsonValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("stacks: %T does not marshal to JSON: %v", v, err))
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("stacks: %T does not unmarshal from JSON: %v", v, err))
	}
	return out
}
