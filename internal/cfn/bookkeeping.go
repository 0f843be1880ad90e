package cfn

import "strings"

// CDK's bookkeeping in a synthesized template: `cdk synth` adds it (the CLI
// turns on path metadata and version reporting), the in-process synthesis
// of the golden tests does not, and none of it changes an AWS resource.
const (
	cdkMetadataType      = "AWS::CDK::Metadata"
	cdkMetadataCondition = "CDKMetadataAvailable"
	cdkPathMetadata      = "aws:cdk:path"
	cdkAssetMetadata     = "aws:asset:" // prefix of the asset metadata keys
)

// withoutBookkeeping drops CDK's bookkeeping from t: the CDKMetadata
// resource and its condition, and the aws:cdk:path and aws:asset:* entries
// of resource Metadata (Metadata left empty goes too). t is not modified.
func withoutBookkeeping(t template) template {
	out := template{sections: map[string]any{}, resources: map[string]resource{}}
	for k, v := range t.sections {
		out.sections[k] = v
	}
	if conds, ok := t.sections["Conditions"].(map[string]any); ok {
		if _, has := conds[cdkMetadataCondition]; has {
			kept := map[string]any{}
			for k, v := range conds {
				if k != cdkMetadataCondition {
					kept[k] = v
				}
			}
			if len(kept) == 0 {
				delete(out.sections, "Conditions")
			} else {
				out.sections["Conditions"] = kept
			}
		}
	}
	for id, r := range t.resources {
		if r.Type == cdkMetadataType {
			continue
		}
		out.resources[id] = r.withoutCDKMetadata()
	}
	return out
}

func (r resource) withoutCDKMetadata() resource {
	md, ok := r.raw["Metadata"].(map[string]any)
	if !ok {
		return r
	}
	kept := map[string]any{}
	for k, v := range md {
		if k != cdkPathMetadata && !strings.HasPrefix(k, cdkAssetMetadata) {
			kept[k] = v
		}
	}
	raw := make(map[string]any, len(r.raw))
	for k, v := range r.raw {
		raw[k] = v
	}
	if len(kept) == 0 {
		delete(raw, "Metadata")
	} else {
		raw["Metadata"] = kept
	}
	r.raw = raw
	return r
}
