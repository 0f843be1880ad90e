package appconfig

import (
	"github.com/invopop/jsonschema"
)

// Schemas returns the JSON Schemas of the config files by file name,
// generated from the Go types: services.schema.json and environment.schema.json.
// The doc comments of this package's source become the schemas'
// descriptions: srcDir is its directory and importBase the import path of
// the current directory (see jsonschema.Reflector.AddGoComments).
func Schemas(importBase, srcDir string) (map[string]*jsonschema.Schema, error) {
	r := &jsonschema.Reflector{
		// Go field names are not YAML keys; the json tags mirror the yaml ones.
		FieldNameTag:               "json",
		AllowAdditionalProperties:  false,
		RequiredFromJSONSchemaTags: false,
		DoNotReference:             false,
	}
	if err := r.AddGoComments(importBase, srcDir); err != nil {
		return nil, err
	}
	services := r.Reflect(&Services{})
	services.Title = "eventwatch services.yaml"
	env := r.Reflect(&Environment{})
	env.Title = "eventwatch environments/<name>.yaml"
	return map[string]*jsonschema.Schema{
		"services.schema.json":    services,
		"environment.schema.json": env,
	}, nil
}
