package safefile

import (
	"bytes"
	"io/fs"
	"path"
)

// NewFS returns fsys with every file read through the guards of ReadFS,
// for code that takes an fs.FS and reads it with fs.ReadFile or Open (the
// queries folder given to insights/querytest, embed.FS and os.DirFS
// alike). Open and ReadFile of a file check it before opening it and read
// it whole, as the Kind kindOf gives its name (a path from the root of the
// returned FS); errors are *Error, naming the file by that path.
// Directories open, list and stat as in fsys. fsys must implement
// fs.StatFS (see ReadFS); fs.Sub of the result is guarded too, and stays
// an fs.StatFS.
func NewFS(fsys fs.FS, kindOf func(name string) Kind) fs.FS {
	return &guardFS{fsys: fsys, dir: ".", kindOf: kindOf}
}

// Sub is fs.Sub(NewFS(fsys, kindOf), dir), with kindOf given paths from
// dir. Unlike fs.Sub of fsys, the result implements fs.StatFS.
func Sub(fsys fs.FS, dir string, kindOf func(name string) Kind) (fs.FS, error) {
	if !fs.ValidPath(dir) {
		return nil, &fs.PathError{Op: "sub", Path: dir, Err: fs.ErrInvalid}
	}
	return &guardFS{fsys: fsys, dir: dir, kindOf: kindOf}, nil
}

// QueriesKind is the Kind of a file of a saved-queries folder (queries/,
// a config's queries/, logq check DIR): NAME.insights, NAME.sql and
// NAME.ppl are queries, TABLE.csv lookup tables, and the rest test data
// (testdata/NAME.events.jsonl, testdata/NAME.expected.json).
func QueriesKind(name string) Kind {
	switch path.Ext(name) {
	case ".insights", ".sql", ".ppl":
		return Query
	case ".csv":
		return LookupTable
	}
	return QueryTestData
}

// guardFS is the FS of NewFS and Sub: fsys below dir.
type guardFS struct {
	fsys   fs.FS
	dir    string
	kindOf func(string) Kind
}

func (g *guardFS) full(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(g.dir, name), nil
}

// Open opens a directory as fsys does, and reads a file whole through
// the guards: the file returned serves its bytes from memory.
func (g *guardFS) Open(name string) (fs.File, error) {
	full, err := g.full("open", name)
	if err != nil {
		return nil, err
	}
	k := g.kindOf(name)
	info, err := fs.Stat(g.fsys, full)
	if err != nil {
		return nil, openError(name, k.String(), err)
	}
	if info.IsDir() {
		return g.fsys.Open(full)
	}
	data, err := ReadFS(g.fsys, full, name, k)
	if err != nil {
		return nil, err
	}
	return &memFile{Reader: bytes.NewReader(data), info: info}, nil
}

// ReadFile reads a file through the guards.
func (g *guardFS) ReadFile(name string) ([]byte, error) {
	full, err := g.full("read", name)
	if err != nil {
		return nil, err
	}
	return ReadFS(g.fsys, full, name, g.kindOf(name))
}

// Stat returns fsys's metadata; it opens nothing when fsys is an
// fs.StatFS.
func (g *guardFS) Stat(name string) (fs.FileInfo, error) {
	full, err := g.full("stat", name)
	if err != nil {
		return nil, err
	}
	return fs.Stat(g.fsys, full)
}

// ReadDir lists a directory of fsys.
func (g *guardFS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := g.full("readdir", name)
	if err != nil {
		return nil, err
	}
	return fs.ReadDir(g.fsys, full)
}

// Sub is the guarded FS of a subfolder; kindOf still sees paths from the
// root it was given with.
func (g *guardFS) Sub(dir string) (fs.FS, error) {
	full, err := g.full("sub", dir)
	if err != nil {
		return nil, err
	}
	kindOf := g.kindOf
	return &guardFS{fsys: g.fsys, dir: full, kindOf: func(name string) Kind { return kindOf(path.Join(dir, name)) }}, nil
}

// memFile is a file read whole by Open.
type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }
