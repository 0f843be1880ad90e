package constructs

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// SavedQueryProps configures a SavedQuery; see spec.SavedQueryProps.
type SavedQueryProps = spec.SavedQueryProps

// SavedQuery is a Logs Insights query definition.
type SavedQuery struct {
	constructs.Construct
}

// NewSavedQuery validates props (the query is parsed) and adds the query
// definition to scope; its logical ID comes from id. It panics on invalid
// props; call props.Validate() first to handle the error yourself.
func NewSavedQuery(scope constructs.Construct, id string, props *SavedQueryProps) *SavedQuery {
	b := spec.NewBundle()
	b.AddSavedQuery(id, *props, nil)
	return &SavedQuery{Construct: mustInclude(scope, id, b)}
}
