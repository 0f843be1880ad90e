package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// SavedQueryProps configures a SavedQuery.
type SavedQueryProps struct {
	// QueryDefinitionName is the query's name in the console; a "/" makes
	// folders ("team/slow-requests"). Required.
	QueryDefinitionName *string
	// QueryString is the query, as written; it is checked when the construct
	// is built (a Logs Insights query is parsed). Required.
	QueryString *string
	// QueryLanguage is spec.QueryLanguageInsights ("CWLI"),
	// spec.QueryLanguageSQL or spec.QueryLanguagePPL.
	// Default: spec.QueryLanguageInsights.
	QueryLanguage *string
	// LogGroups the query runs on by default. Default: none, chosen in the console.
	LogGroups *[]awslogs.ILogGroup
	// LogGroupNames of existing log groups the query runs on by default,
	// after LogGroups. Default: none.
	LogGroupNames *[]*string
}

func (p *SavedQueryProps) spec() spec.SavedQueryProps {
	s := spec.SavedQueryProps{
		Name:          str(p.QueryDefinitionName),
		QueryString:   str(p.QueryString),
		LogGroupNames: strs(p.LogGroupNames),
		QueryLanguage: str(p.QueryLanguage),
	}
	if p.LogGroups != nil {
		for range *p.LogGroups {
			s.LogGroupNames = append(s.LogGroupNames, spec.GivenAsObject)
		}
	}
	return s
}

// Validate checks the name and the query, without Node.js.
func (p *SavedQueryProps) Validate() error {
	s := p.spec()
	return s.Validate()
}

// SavedQuery is a Logs Insights query definition, in any of the query
// languages CloudWatch Logs Insights accepts. It is built on the L1
// awslogs.CfnQueryDefinition, because aws-cdk-lib's QueryDefinition builds
// Logs Insights queries from parts and has no query language.
type SavedQuery struct {
	constructs.Construct
	query awslogs.CfnQueryDefinition
}

// NewSavedQuery validates props and adds the query definition ("Resource") to scope.
func NewSavedQuery(scope constructs.Construct, id string, props *SavedQueryProps) *SavedQuery {
	if props == nil {
		props = &SavedQueryProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	q := &SavedQuery{}
	constructs.NewConstruct_Override(q, scope, jsii.String(id))
	var names []any
	if props.LogGroups != nil {
		for _, lg := range *props.LogGroups {
			names = append(names, logGroupName(lg))
		}
	}
	for _, n := range strs(props.LogGroupNames) {
		names = append(names, n)
	}
	cfnProps := &awslogs.CfnQueryDefinitionProps{
		Name:          props.QueryDefinitionName,
		QueryString:   props.QueryString,
		QueryLanguage: props.QueryLanguage,
	}
	if len(names) > 0 {
		cfnProps.LogGroupNames = &names
	}
	q.query = awslogs.NewCfnQueryDefinition(q, jsii.String(resourceID), cfnProps)
	return q
}

// QueryDefinition is the query definition.
func (q *SavedQuery) QueryDefinition() awslogs.CfnQueryDefinition { return q.query }
