package appconfig_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// maxMessage bounds an error message: a filter pattern (1024 characters)
// or a query line with its caret, and cut values.
const maxMessage = 16 << 10

// FuzzLoad checks that no services.yaml and environment file, however
// broken, makes Load panic, hang or answer with anything but a list of
// errors that each name a file and echo no long value. Seeds: the shipped
// config and every case of testdata/invalid.
func FuzzLoad(f *testing.F) {
	services, _ := os.ReadFile("../../config/services.yaml")
	env, _ := os.ReadFile("../../config/environments/prod.yaml")
	f.Add(services, env)
	files, _ := filepath.Glob("testdata/invalid/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		var s, e []byte
		for _, af := range ar.Files {
			switch {
			case af.Name == "services.yaml":
				s = af.Data
			case strings.HasPrefix(af.Name, "environments/") && e == nil:
				e = af.Data
			}
		}
		if len(s) < 64<<10 {
			f.Add(s, e)
		}
	}
	f.Fuzz(func(t *testing.T, services, env []byte) {
		fsys := fstest.MapFS{"services.yaml": {Data: services}, "environments/dev.yaml": {Data: env}}
		cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
		if err == nil {
			for _, name := range cfg.EnvironmentNames() {
				if _, err := cfg.Plan(name); err != nil {
					t.Fatalf("Load accepted a config that Plan(%s) refuses: %v", name, err)
				}
			}
			return
		}
		var list appconfig.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("Load error is %T, not an ErrorList: %v", err, err)
		}
		for _, e := range list {
			if !strings.HasPrefix(e.File, "cfg/") {
				t.Fatalf("error without its file: %v", e)
			}
			// A message may carry a pattern's or query's source line, never
			// a long value of the config.
			if len(e.Msg) > maxMessage {
				t.Fatalf("error of %d bytes: %.300s", len(e.Msg), e.Msg)
			}
		}
	})
}
