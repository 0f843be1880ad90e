package spec

import (
	"strings"

	"github.com/eventwatch/eventwatch/insights/langcheck"
	"github.com/eventwatch/eventwatch/internal/cfn"
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

// Validate checks the name and parses the query.
func (p *SavedQueryProps) Validate() error {
	switch {
	case p.Name == "" || len(p.Name) > MaxQueryNameLength:
		return fieldErr("name", "%q must be 1 to %d characters", p.Name, MaxQueryNameLength)
	case strings.TrimSpace(p.QueryString) == "":
		return fieldErr("queryString", "is empty; expected a query")
	case len(p.QueryString) > MaxQueryStringLength:
		return fieldErr("queryString", "is %d characters; CloudWatch allows at most %d", len(p.QueryString), MaxQueryStringLength)
	}
	switch p.QueryLanguage {
	case "", QueryLanguageInsights, QueryLanguageSQL, QueryLanguagePPL:
	default:
		return fieldErr("queryLanguage", "%q is not a query language; expected %s, %s or %s", p.QueryLanguage, QueryLanguageInsights, QueryLanguageSQL, QueryLanguagePPL)
	}
	// Logs Insights queries are parsed; SQL and PPL are checked as far as
	// package langcheck can without their full grammars.
	if err := langcheck.Check(p.QueryLanguage, p.QueryString); err != nil {
		return &FieldError{Field: "queryString", Msg: err.Error(), Cause: err}
	}
	return nil
}

// renderSavedQuery renders the AWS::Logs::QueryDefinition; logGroups, when
// given, replaces the names (Refs to log groups of the same bundle).
func renderSavedQuery(name string, p SavedQueryProps, logGroups []any) (cfn.Resources, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	props := map[string]any{"Name": p.Name, "QueryString": p.QueryString}
	if logGroups == nil {
		for _, n := range p.LogGroupNames {
			logGroups = append(logGroups, n)
		}
	}
	if len(logGroups) > 0 {
		props["LogGroupNames"] = logGroups
	}
	rs := cfn.Resources{}
	return rs, rs.Add(cfn.LogicalID("Query", name), cfn.Resource{Type: "AWS::Logs::QueryDefinition", Properties: props})
}
