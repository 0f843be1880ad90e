package eventschema_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/eventwatch/eventwatch/eventschema"
)

// fixture reads testdata/schema.json, the declared events the data files
// refer to.
func fixture(t testing.TB) *eventschema.Schema {
	t.Helper()
	data, err := os.ReadFile("testdata/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s eventschema.Schema
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("testdata/schema.json: %v", err)
	}
	return &s
}

// event returns the fixture's event called name.
func event(t testing.TB, s *eventschema.Schema, name string) eventschema.Event {
	t.Helper()
	ev, ok := s.Event(name)
	if !ok {
		t.Fatalf("schema.json declares no event %q", name)
	}
	return ev
}

// cases groups keyed entries into blocks, one per case.
type block struct {
	line int
	keys map[string][]string
}

func (b block) one(key string) string {
	if v := b.keys[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}
