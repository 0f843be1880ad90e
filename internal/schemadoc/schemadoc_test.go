package schemadoc

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/config-reference.md")

var root = filepath.Join("..", "..")

// The committed reference is what the committed schemas generate: every
// key of every file, with its default and limits.
func TestReferenceIsUpToDate(t *testing.T) {
	got, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, ReferenceFile)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, got, 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s is out of date: run `make schema` (or go test ./internal/schemadoc -update)", ReferenceFile)
	}
}

// A key's default, limits and example reach its row.
func TestReferenceRows(t *testing.T) {
	schema := `{"$ref":"#/$defs/Root","$defs":{"Root":{"type":"object","required":["name"],"properties":{
	  "name":{"type":"string","pattern":"^[a-z]+$","maxLength":8,"description":"Name of it."},
	  "period":{"type":"string","enum":["1m","5m"],"description":"How often. Default: 5m."},
	  "child":{"$ref":"#/$defs/Child","description":"The child."}}},
	  "Child":{"type":"object","properties":{"n":{"type":"integer","minimum":1,"description":"N. Default: 1."}}}}}`
	var b strings.Builder
	if err := Reference(&b, "f.yaml", []byte(schema), []byte("name: abc\nchild: {n: 3}\n")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| `name` | string | required | pattern `^[a-z]+$`; at most 8 characters | `abc` | Name of it. |",
		"| `period` | string | 5m | one of 1m, 5m |  | How often. |",
		"| `child` | [Child](#child) |  |  | `{n: 3}` | The child. |",
		"### Child",
		"| `n` | integer | 1 | at least 1 | `3` | N. |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("reference:\n%s\nwant a row %q", b.String(), want)
		}
	}
}
