package stacks

import (
	"maps"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// The functions here turn a plan's props (package spec: plain Go values, as
// the config writes them) into the constructs' props (aws-cdk-go's types).
// The plan was validated; the constructs validate again, which costs
// microseconds.

func alertTopicProps(p spec.AlertTopicProps) *eventwatch.AlertTopicProps {
	return &eventwatch.AlertTopicProps{
		NamePrefix:    jsii.String(p.NamePrefix),
		Subscriptions: p.Subscriptions,
		RemovalPolicy: eventwatch.RemovalPolicy(p.RemovalPolicy),
		Tags:          stringMap(p.Tags),
		KeyAccess:     eventwatch.KeyAccessOf(p.KeyAccess),

		PublishingAlarms: optionalStrings(p.PublishingAlarms),
	}
}

// optionalStrings is nil for a nil list, so that the construct's default applies.
func optionalStrings(l []string) *[]*string {
	if l == nil {
		return nil
	}
	return jsii.Strings(l...)
}

func savedQueryProps(p spec.SavedQueryProps, logGroups []awslogs.ILogGroup) *eventwatch.SavedQueryProps {
	out := &eventwatch.SavedQueryProps{
		QueryDefinitionName: jsii.String(p.Name),
		QueryString:         jsii.String(p.QueryString),
	}
	if p.QueryLanguage != "" && p.QueryLanguage != spec.QueryLanguageInsights {
		out.QueryLanguage = jsii.String(p.QueryLanguage)
	}
	if len(logGroups) > 0 {
		out.LogGroups = &logGroups
	} else if len(p.LogGroupNames) > 0 {
		out.LogGroupNames = jsii.Strings(p.LogGroupNames...)
	}
	return out
}

// sortedKeys are the keys of m, sorted.
func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// stringMap is m in aws-cdk-go's form, or nil when empty.
func stringMap(m map[string]string) *map[string]*string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]*string, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out[k] = jsii.String(m[k])
	}
	return &out
}
