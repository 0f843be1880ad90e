package safefile_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// readers are the functions that open or read a file by name, by import
// path; anything that calls them outside package safefile bypasses its
// guards (a named pipe hangs it, /dev/zero fills memory).
var readers = map[string][]string{
	"os":                    {"Open", "OpenFile", "ReadFile", "OpenInRoot"},
	"io/fs":                 {"ReadFile"},
	"io/ioutil":             {"ReadFile"},
	"syscall":               {"Open", "Openat"},
	"golang.org/x/sys/unix": {"Open", "Openat"},
}

// allowed are the calls that stay, by "file: pkg.Func", each with why.
var allowed = map[string]string{
	"insights/querytest/querytest.go: fs.ReadFile": "reads the saved queries and test files through the fs.FS it is given; " +
		"every caller hands it a guarded one (safefile.NewFS in logq check, appconfig's Config.Queries in logq test) " +
		"or the embedded queries.FS (queries/ tests). The package belongs to the query engine's owners; " +
		"its lookup tables are read with safefile.ReadFS (lookup.go)",
}

// Every file the module opens goes through package safefile: this lists
// the calls of os.Open, os.OpenFile, os.ReadFile, fs.ReadFile,
// ioutil.ReadFile and syscall/unix Open in the module's non-test Go files
// (from their syntax trees, import names resolved), and fails on each one
// outside internal/safefile that allowed does not list.
func TestNoFileIsReadAroundSafefile(t *testing.T) {
	root := moduleRoot(t)
	fset := token.NewFileSet()
	found := map[string][]string{} // "file: pkg.Func" -> positions
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules" || name == "vendor" || rel == "internal/safefile") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil && p != root {
				return filepath.SkipDir // another module
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for call, pos := range readerCalls(fset, f) {
			key := rel + ": " + call
			found[key] = append(found[key], pos...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := allowed[k]; !ok {
			t.Errorf("%s at %s: read it with package safefile (ReadFile, ReadFS, NewFS, OpenLog), or add it to allowed with the reason it must stay", k, strings.Join(found[k], ", "))
		}
	}
	for k := range allowed {
		if _, ok := found[k]; !ok {
			t.Errorf("allowed lists %s, which the module no longer calls: remove it", k)
		}
	}
}

// readerCalls returns the uses of readers in f ("os.ReadFile") with their
// positions (line:col), resolving the names files import packages under.
func readerCalls(fset *token.FileSet, f *ast.File) map[string][]string {
	local := map[string]string{} // name in the file -> import path
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if _, ok := readers[p]; !ok {
			continue
		}
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		local[name] = p
	}
	out := map[string][]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		p, ok := local[x.Name]
		if !ok {
			return true
		}
		for _, fn := range readers[p] {
			if sel.Sel.Name == fn {
				pos := fset.Position(sel.Pos())
				call := path.Base(p) + "." + fn
				out[call] = append(out[call], strconv.Itoa(pos.Line)+":"+strconv.Itoa(pos.Column))
			}
		}
		return true
	})
	return out
}

// moduleRoot is the folder of the go.mod above this package.
func moduleRoot(t *testing.T) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above", dir)
		}
		dir = parent
	}
}
