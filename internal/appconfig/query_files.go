package appconfig

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
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

// QueryFile returns the file of the saved query name (its path below the
// queries folder, with the extension) and its query language. A name with
// files of two languages is an error.
func (c *Config) QueryFile(name string) (file, language string, err error) {
	for _, l := range queryLanguages {
		st, serr := fs.Stat(c.Queries, name+l.ext)
		if serr != nil {
			continue
		}
		if st.IsDir() {
			return "", "", fmt.Errorf("%s%s is a directory, not a saved query", name, l.ext)
		}
		if file != "" {
			return "", "", fmt.Errorf("two saved queries are named %s: %s and %s; keep one", name, file, name+l.ext)
		}
		file, language = name+l.ext, l.language
	}
	if file == "" {
		return "", "", fmt.Errorf("no saved query %s (%s, .sql or .ppl): %w", name, QueryExtension, fs.ErrNotExist)
	}
	return file, language, nil
}
