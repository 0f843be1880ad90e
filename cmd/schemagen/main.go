// Command schemagen writes the JSON Schemas of eventwatch's config files,
// generated from the Go types in internal/appconfig, so that editors
// autocomplete and check services.yaml and environments/*.yaml:
//
//	go run ./cmd/schemagen -out config/schema -src internal/appconfig
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/eventwatch/eventwatch/internal/appconfig"
)

func main() {
	out := flag.String("out", "config/schema", "directory to write the schemas to")
	src := flag.String("src", "internal/appconfig", "source directory of the config types, for descriptions")
	flag.Parse()
	if err := write(*out, *src); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func write(dir, src string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	schemas, err := appconfig.Schemas(src)
	if err != nil {
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
	return nil
}
