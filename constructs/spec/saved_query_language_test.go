package spec

import (
	"strings"
	"testing"
)

// TestSavedQueryLanguages checks that Validate checks the query in its
// QueryLanguage, and refuses hostile nesting with a position.
func TestSavedQueryLanguages(t *testing.T) {
	for _, c := range []struct{ lang, query, want string }{
		{"", "fields @message | pattern @message", ""},
		{QueryLanguageInsights, "SOURCE logGroups(namePrefix: ['/aws']) | filterIndex requestId = 'x'", ""},
		{QueryLanguageInsights, "fields a | frob", `1:12: unknown command "frob"`},
		{QueryLanguageInsights, "filter " + strings.Repeat("(", 200) + "x" + strings.Repeat(")", 200), "deeper than 100 levels"},
		{QueryLanguageInsights, "fields " + strings.Repeat("-", 5000) + "1", "deeper than 100 levels"},
		{QueryLanguageSQL, "SELECT a FROM `LogGroupA` WHERE b = 1", ""},
		{QueryLanguageSQL, "SELECT a FROM `LogGroupA` GROUP BY a WHERE b = 1", "1:38: WHERE cannot come here"},
		{QueryLanguagePPL, "fields a | where b = 1 | head 5", ""},
		{QueryLanguagePPL, "fields a | frob", `1:12: unknown PPL command "frob"`},
		{"KQL", "x", `queryLanguage: "KQL" is not a query language`},
	} {
		p := SavedQueryProps{Name: "q", QueryString: c.query, QueryLanguage: c.lang}
		err := p.Validate()
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: Validate() = %v, want %q", c.lang, c.query, err, c.want)
		}
	}
}
