package appconfig

import (
	"fmt"
	"io/fs"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// YAMLFile is a YAML file decoded as strictly as the config files (unknown
// and duplicate keys, values of the wrong kind, aliases beyond MaxNodes and
// token markers are errors), for the other YAML files eventwatch reads,
// such as alarm scenarios. It remembers the line of every key path.
type YAMLFile struct{ doc *document }

// DecodeYAMLFile reads name from fsys through safefile's guards for kind k
// (a regular file, text, at most k's limit: safefile.Scenario for alarm
// scenarios) and decodes it into out, a pointer to a struct with yaml
// tags. display names the file in errors.
func DecodeYAMLFile(fsys fs.FS, name, display string, k safefile.Kind, out any) (*YAMLFile, error) {
	data, e := readFile(fsys, name, display, k)
	if e != nil {
		return nil, ErrorList{e}
	}
	doc, errs := decodeStrict(display, data, out)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return &YAMLFile{doc: doc}, nil
}

// At is an error at the line of a key path ("expect[2].by"), or of its
// closest parent in the file.
func (f *YAMLFile) At(path, format string, args ...any) *Error {
	return f.doc.at(path, format, args...)
}

// Line is the line of a key path, or of its closest parent in the file.
func (f *YAMLFile) Line(path string) int { return f.doc.line(path) }

// String names the file.
func (f *YAMLFile) String() string { return fmt.Sprint(f.doc.file) }
