package alarmtest

import "github.com/invopop/jsonschema"

// Schema is the JSON Schema of scenario files, generated from Scenario;
// the doc comments of this package's source (srcDir, imported as
// importBase) become its descriptions.
func Schema(importBase, srcDir string) (*jsonschema.Schema, error) {
	r := &jsonschema.Reflector{FieldNameTag: "json", AllowAdditionalProperties: false}
	if err := r.AddGoComments(importBase, srcDir); err != nil {
		return nil, err
	}
	s := r.Reflect(&Scenario{})
	s.Title = "eventwatch alarm scenario (test/alarms/*.yaml)"
	return s, nil
}
