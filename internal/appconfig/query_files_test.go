package appconfig_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/safefile"
	"github.com/eventwatch/eventwatch/queries"
)

// Saved queries of any fs.FS (embed.FS, os.DirFS, here fstest.MapFS) are
// read through safefile's guards, used or not: a file that is not a
// regular file, too large, or not text is named with what was expected,
// and a queries entry that is not a folder is reported as itself. The
// operating system's cases (a real named pipe, /dev/zero, a symbolic link
// loop) are in the root package's TestBadFilesFailFastWithTheirName.
func TestSavedQueryFilesAreReadSafely(t *testing.T) {
	big := strings.Repeat("x", safefile.MaxQueryBytes+1)
	for _, c := range []struct {
		name  string
		file  string
		entry *fstest.MapFile
		use   bool
		want  string
	}{
		{"named pipe", "queries/p.insights", &fstest.MapFile{Mode: fs.ModeNamedPipe}, false,
			"cfg/queries/p.insights: is a named pipe (FIFO), not a regular file; expected a query file (text)"},
		{"named pipe used", "queries/p.insights", &fstest.MapFile{Mode: fs.ModeNamedPipe}, true,
			"cfg/services.yaml:6: queries[0].file: cfg/queries/p.insights: is a named pipe (FIFO), not a regular file; expected a query file (text)"},
		{"device", "queries/p.sql", &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice}, false,
			"cfg/queries/p.sql: is a device, not a regular file; expected a query file (text)"},
		{"directory", "queries/p.insights/x", &fstest.MapFile{Data: []byte("x")}, false, ""},
		{"over the limit", "queries/p.insights", &fstest.MapFile{Data: []byte(big)}, false,
			"cfg/queries/p.insights: is 65537 bytes; expected a query file (text) of at most 64 KiB (65536 bytes)"},
		{"NUL byte", "queries/p.insights", &fstest.MapFile{Data: []byte("fields a\n| filter b = '\x00'")}, false,
			"cfg/queries/p.insights:2:15: has a NUL byte (a binary file?); expected a query file (text) in UTF-8"},
		{"invalid UTF-8", "queries/p.ppl", &fstest.MapFile{Data: []byte("fields \xff")}, false,
			"cfg/queries/p.ppl:1:8: has the byte 0xFF, which is not UTF-8; expected a query file (text) in UTF-8"},
		{"queries is a file", "queries", &fstest.MapFile{Data: []byte("fields a")}, false,
			"cfg/queries: is a regular file, not a folder; expected a folder of saved queries (<name>.insights, .sql or .ppl)"},
		{"queries is a named pipe", "queries", &fstest.MapFile{Mode: fs.ModeNamedPipe}, true,
			"cfg/queries: is a named pipe (FIFO), not a folder; expected a folder of saved queries"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var use []string
			if c.use {
				use = []string{"p"}
			}
			fsys := queryConfig(map[string]string{"ok.insights": "fields a"}, use...)
			if c.file == "queries" {
				for name := range fsys {
					if strings.HasPrefix(name, "queries/") {
						delete(fsys, name)
					}
				}
			}
			fsys[c.file] = c.entry
			done := make(chan error, 1)
			go func() { _, err := appconfig.Load(fsys, "cfg", queries.FS); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Second):
				t.Fatal("Load still running after 1s")
			}
			if c.want == "" {
				if err == nil || strings.Contains(err.Error(), "p.insights: is a directory, not a regular file") {
					return // a folder named like a query is a folder, and its files are not queries
				}
				t.Fatalf("got %v", err)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v\nwant it to contain %s", err, c.want)
			}
			if strings.Contains(err.Error(), "no saved query") {
				t.Errorf("a query reported missing:\n%v", err)
			}
		})
	}
}
