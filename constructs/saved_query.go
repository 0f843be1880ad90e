package constructs

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/eventwatch/eventwatch/constructs/render"
)

// SavedQueryProps configures a SavedQuery; see render.SavedQueryProps.
type SavedQueryProps = render.SavedQueryProps

// SavedQuery is a Logs Insights query definition.
type SavedQuery struct {
	constructs.Construct
}

// NewSavedQuery validates props (the query is parsed) and adds the query
// definition to scope; its logical ID comes from id. It panics on invalid
// props; call props.Validate() first to handle the error yourself.
func NewSavedQuery(scope constructs.Construct, id string, props *SavedQueryProps) *SavedQuery {
	b := render.NewBundle()
	b.AddSavedQuery(id, *props, nil)
	return &SavedQuery{Construct: mustInclude(scope, id, b)}
}
