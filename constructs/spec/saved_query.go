package spec

import (
	"strings"

	"github.com/eventwatch/eventwatch/insights/langcheck"
)

// SavedQueryProps configures a SavedQuery.
type SavedQueryProps struct {
	// Name is the query's name in the console; a "/" makes folders
	// ("team/slow-requests"). Required.
	Name string
	// QueryString is the Logs Insights query; it is parsed when the construct
	// is built. Required.
	QueryString string
	// LogGroupNames the query runs on by default. Default: none, chosen in the console.
	LogGroupNames []string
	// QueryLanguage is the language of QueryString: QueryLanguageInsights,
	// QueryLanguageSQL or QueryLanguagePPL. Default: QueryLanguageInsights.
	QueryLanguage string
}

// Query languages of AWS::Logs::QueryDefinition's QueryLanguage.
const (
	// QueryLanguageInsights is the Logs Insights query language.
	QueryLanguageInsights = "CWLI"
	// QueryLanguageSQL is OpenSearch SQL.
	QueryLanguageSQL = "SQL"
	// QueryLanguagePPL is OpenSearch Piped Processing Language.
	QueryLanguagePPL = "PPL"
)

// Validate checks the name and parses the query, and reports every
// problem (see Problems).
func (p *SavedQueryProps) Validate() error {
	var ps Problems
	p.checkRules(&ps)
	if p.Name == "" || chars(p.Name) > MaxQueryNameLength {
		ps.Add(fieldErr("name", "%q must be 1 to %d characters", p.Name, MaxQueryNameLength))
	}
	switch {
	case strings.TrimSpace(p.QueryString) == "":
		ps.Add(fieldErr("queryString", "is empty; expected a query"))
	case chars(p.QueryString) > MaxQueryStringLength:
		ps.Add(fieldErr("queryString", "is %d characters; CloudWatch allows at most %d", chars(p.QueryString), MaxQueryStringLength))
	}
	switch p.QueryLanguage {
	case "", QueryLanguageInsights, QueryLanguageSQL, QueryLanguagePPL:
	default:
		ps.Add(fieldErr("queryLanguage", "%q is not a query language; expected %s, %s or %s", p.QueryLanguage, QueryLanguageInsights, QueryLanguageSQL, QueryLanguagePPL))
	}
	// Logs Insights queries are parsed; SQL and PPL are checked as far as
	// package langcheck can without their full grammars.
	if !ps.Has("queryString") && !ps.Has("queryLanguage") {
		if err := langcheck.Check(p.QueryLanguage, p.QueryString); err != nil {
			ps.Add(&FieldError{Field: "queryString", Msg: err.Error(), Cause: err})
		}
	}
	return ps.Err()
}
