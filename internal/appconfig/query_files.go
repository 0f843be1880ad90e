package appconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"syscall"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// queryLanguages maps the extension of a saved query file to the
// QueryLanguage of its AWS::Logs::QueryDefinition, in the order files are
// looked for.
var queryLanguages = []struct{ ext, language string }{
	{QueryExtension, spec.QueryLanguageInsights}, // Logs Insights
	{".sql", spec.QueryLanguageSQL},              // OpenSearch SQL
	{".ppl", spec.QueryLanguagePPL},              // OpenSearch PPL
}

// queryFileName returns the query name and language of a file path below
// the queries folder, and whether it is a saved query at all.
func queryFileName(p string) (name, language string, ok bool) {
	for _, l := range queryLanguages {
		if n, found := strings.CutSuffix(p, l.ext); found && n != "" && !strings.HasSuffix(n, "/") {
			return n, l.language, true
		}
	}
	return "", "", false
}

// queriesFolderExpected says what a config's queries entry must be.
const queriesFolderExpected = "a folder of saved queries (<name>.insights, .sql or .ppl), or nothing named queries there, to use the queries shipped with eventwatch"

// openQueries sets the saved queries of the config in fsys (named root in
// messages): its queries/ folder, or else builtin, both read through
// safefile's guards (safefile.QueriesKind). A queries entry that is not a
// folder (a regular file, a symbolic link loop) is reported as itself;
// every query is then looked up in vain with that error, not as missing.
func (c *Config) openQueries(fsys fs.FS, root string, builtin fs.FS) *Error {
	c.Queries, c.QueriesRoot = safefile.NewFS(builtin, safefile.QueriesKind), QueriesDir
	display := path.Join(root, QueriesDir)
	err := safefile.StatDir(fsys, QueriesDir, display, queriesFolderExpected)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	c.QueriesRoot = display
	if err != nil {
		c.Queries = brokenFS{err}
		return fileError(display, err)
	}
	c.Queries, _ = safefile.Sub(fsys, QueriesDir, safefile.QueriesKind)
	return nil
}

// brokenFS is a queries folder that cannot be read: every lookup fails
// with the folder's error, so that a reference to a query names the
// folder, not a missing query.
type brokenFS struct{ err error }

func (b brokenFS) Open(string) (fs.File, error)     { return nil, b.err }
func (b brokenFS) Stat(string) (fs.FileInfo, error) { return nil, b.err }

// QueryFile returns the file of the saved query name (its path below the
// queries folder, with the extension) and its query language, checked
// without opening it (safefile.StatFS): a regular file within
// safefile.MaxQueryBytes. A name with files of two languages is an error,
// and so is a file that is not a saved query (a named pipe, a device, a
// symbolic link loop, a directory): only a name without any file wraps
// fs.ErrNotExist.
func (c *Config) QueryFile(name string) (file, language string, err error) {
	for _, l := range queryLanguages {
		rel := name + l.ext
		_, serr := safefile.StatFS(c.Queries, rel, path.Join(c.QueriesRoot, rel), safefile.Query)
		if errors.Is(serr, fs.ErrNotExist) || errors.Is(serr, syscall.ENOTDIR) || errors.Is(serr, fs.ErrInvalid) {
			continue
		}
		if serr != nil {
			return "", "", serr
		}
		if file != "" {
			return "", "", fmt.Errorf("two saved queries are named %s: %s and %s; keep one", name, file, rel)
		}
		file, language = rel, l.language
	}
	if file == "" {
		return "", "", fmt.Errorf("no saved query %s (%s, .sql or .ppl): %w", name, QueryExtension, fs.ErrNotExist)
	}
	return file, language, nil
}

// QueryText reads the saved query file (name without extension, in any
// of the languages of QueryFile) through safefile's guards: at most
// safefile.MaxQueryBytes of UTF-8 text without NUL bytes. Errors are
// *safefile.Error naming the file below QueriesRoot, and the line of a bad
// byte.
func (c *Config) QueryText(name string) (string, error) {
	file, _, err := c.QueryFile(name)
	if err != nil {
		return "", err
	}
	b, err := safefile.ReadFS(c.Queries, file, path.Join(c.QueriesRoot, file), safefile.Query)
	return string(b), err
}

// fileError is the *Error of a file that safefile refused (a config file,
// a saved query that QueryFile or QueryText refused): at the file, line
// and column the *safefile.Error names, with its message; any other error
// is at file.
func fileError(file string, err error) *Error {
	var fe *safefile.Error
	if errors.As(err, &fe) {
		return &Error{File: fe.Path, Line: fe.Line, Col: fe.Col, Msg: fe.Msg}
	}
	return &Error{File: file, Msg: err.Error()}
}
