package constructs

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// LogGroupProps configures a LogGroup; see spec.LogGroupProps for each
// prop and its default.
type LogGroupProps = spec.LogGroupProps

// RemovalPolicy says what happens to a stateful resource when the stack is
// deleted or the resource must be replaced.
type RemovalPolicy = spec.RemovalPolicy

// Removal policies.
const (
	Retain  = spec.Retain
	Destroy = spec.Destroy
)

// LogGroup is a CloudWatch Logs log group, retained on stack deletion and
// replacement unless its props say otherwise.
type LogGroup struct {
	constructs.Construct
	name string
}

// NewLogGroup validates props and adds the log group (and its key, when
// encrypted) to scope. The logical IDs come from id ("Orders" gives
// LogGroupOrders), so keep id stable. It panics on invalid props, as
// aws-cdk constructs throw; call props.Validate() first to handle the error.
func NewLogGroup(scope constructs.Construct, id string, props *LogGroupProps) *LogGroup {
	b := spec.NewBundle()
	b.AddLogGroup(id, *props)
	return &LogGroup{Construct: mustInclude(scope, id, b), name: props.LogGroupName}
}

// LogGroupName is the log group's name.
func (l *LogGroup) LogGroupName() string { return l.name }
