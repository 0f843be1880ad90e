// Package config holds eventwatch's example configuration, the one
// `make synth` deploys when no other config directory is given:
// services.yaml (the services and their structured log events, written once)
// and environments/<name>.yaml (where and how strictly to watch them).
// The JSON Schemas under schema/ are generated from the Go types by
// `go generate ./config` and let editors autocomplete and check the files.
package config

import "embed"

//go:generate go run ../cmd/schemagen -out schema -root ..

// FS holds services.yaml and environments/*.yaml.
//
//go:embed services.yaml environments/*.yaml
var FS embed.FS
