package cfnrules

import (
	"errors"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// tagsRule checks a resource's Tags: at most maxTagsPerResource, each key
// and value as spec.CheckTag checks them (lengths, characters, no aws:
// prefix). Tags of a list of {Key, Value} and of a map are both read.
var tagsRule = rule{ID: "tags", Source: srcTags, Check: func(r *resource, ps *problems) {
	pairs := map[string]any{}
	var keys []string
	switch t := r.Props["Tags"].(type) {
	case []any:
		for _, x := range t {
			k, ok := r.text(get(x, "Key"))
			if !ok {
				continue
			}
			pairs[k] = get(x, "Value")
			keys = append(keys, k)
		}
		if len(t) > maxTagsPerResource {
			ps.add(r, "Tags", "has %d tags; AWS allows at most %d per resource", len(t), maxTagsPerResource)
		}
	case map[string]any:
		for k, v := range t {
			pairs[k] = v
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		v, ok := r.text(pairs[k])
		if !ok {
			v = ""
		}
		if err := spec.CheckTag(k, v); err != nil {
			ps.add(r, "Tags", "%s", fieldMsg(err))
		}
	}
}}

// fieldMsg is a spec error's message without its field name.
func fieldMsg(err error) string {
	var fe *spec.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

// customResourceRules apply to every custom resource: CloudFormation needs
// the ServiceToken that says which function or topic serves it.
var customResourceRules = []rule{
	{ID: "custom-service-token", Source: srcCustomResource, Check: func(r *resource, ps *problems) {
		if !r.has("ServiceToken") {
			ps.add(r, "ServiceToken", "is missing; CloudFormation requires the ARN of the Lambda function or SNS topic that serves a custom resource")
		}
	}},
}

// cdkMetadataRules: AWS::CDK::Metadata (the CDK's version reporting) has
// nothing CloudFormation checks beyond counting it among the stack's
// resources (stack-resources).
var cdkMetadataRules = []rule{}
