// Command schemagen writes the JSON Schemas of eventwatch's config files,
// generated from the Go types in internal/appconfig and internal/alarmtest,
// so that editors autocomplete and check services.yaml, environments/*.yaml
// and the alarm scenarios, and the config reference generated from them
// (docs/config-reference.md):
//
//	go run ./cmd/schemagen -out config/schema
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/eventwatch/eventwatch/internal/alarmtest"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/schemadoc"
)

const modulePath = "github.com/eventwatch/eventwatch"

func main() {
	out := flag.String("out", "config/schema", "directory to write the schemas to")
	root := flag.String("root", ".", "the repository root; -out is relative to the current directory")
	flag.Parse()
	if err := write(*out, *root); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func write(dir, root string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.Chdir(root); err != nil {
		return err
	}
	schemas, err := appconfig.Schemas(modulePath, "internal/appconfig")
	if err != nil {
		return err
	}
	if schemas["scenario.schema.json"], err = alarmtest.Schema(modulePath, "internal/alarmtest"); err != nil {
		return err
	}
	for name, schema := range schemas {
		b, err := json.MarshalIndent(schema, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	// The reference is generated from the schemas just written.
	ref, err := schemadoc.Generate(".")
	if err != nil {
		return err
	}
	return os.WriteFile(schemadoc.ReferenceFile, ref, 0o644)
}
