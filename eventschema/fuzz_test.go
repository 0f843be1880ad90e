package eventschema_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/internal/datafile"
)

// The Checker never panics, calls a line JSON exactly when encoding/json
// reads it as one object, and finds a declared event only in an object
// whose event field names it.
func FuzzChecker(f *testing.F) {
	for _, e := range datafile.Keyed(f, "testdata/lines.txt") {
		if e.Key == "line" {
			f.Add([]byte(e.Text))
		}
	}
	s := fixture(f)
	c := eventschema.NewChecker(s)
	f.Fuzz(func(t *testing.T, line []byte) {
		r := c.Check(line)
		trimmed := bytes.TrimLeft(line, " \t\r\n")
		object := json.Valid(line) && len(trimmed) > 0 && trimmed[0] == '{'
		if (r.Class == eventschema.NotJSON) == object {
			t.Fatalf("%q: class %s, but encoding/json says object=%v", line, r.Class, object)
		}
		if r.Class == eventschema.Conforming || r.Class == eventschema.Nonconforming {
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			// encoding/json keeps the last of duplicate keys, the Checker
			// the first: compare only when the key is not repeated.
			if name, ok := m[s.EventField].(string); ok && bytes.Count(line, []byte(`"`+s.EventField+`"`)) == 1 && name != s.Events[r.Event].Name {
				t.Fatalf("%q: event %s, but the line names %s", line, s.Events[r.Event].Name, name)
			}
		}
	})
}
