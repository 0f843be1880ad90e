package constructs

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// Widths and heights of the widgets a Dashboard lays out, in CloudWatch's
// grid of 24 columns.
const (
	fullWidth    = 24
	halfWidth    = 12
	headerHeight = 3
	alarmsHeight = 3
	graphHeight  = 6
	queryHeight  = 6
)

// DashboardProps configures a Dashboard; every section is optional, and
// the widgets come in the order of the fields.
type DashboardProps struct {
	// DashboardName follows CloudWatch's rule: 1 to 255 characters of A-Z,
	// a-z, 0-9, '-' and '_'. Required.
	DashboardName *string
	// Title heads the dashboard in a text widget. Default: the dashboard name.
	Title *string
	// Description, Owner and Links (runbooks) go under the title. Default: none.
	Description *string
	Owner       *string
	Links       *[]*string
	// AlarmGroups each get an alarm status widget, in order. Default: none.
	AlarmGroups *[]*DashboardAlarms
	// Graphs each get a graph widget, two to a row. Default: none.
	Graphs *[]*DashboardGraph
	// LogGroups each get a graph of their incoming events and bytes. Default: none.
	LogGroups *[]awslogs.ILogGroup
	// Queries each get a Logs Insights widget. Default: none.
	Queries *[]*DashboardQuery
}

// DashboardAlarms is an alarm status widget.
type DashboardAlarms struct {
	// Title of the widget. Required.
	Title *string
	// Alarms shown, at most spec.MaxAlarmsPerWidget (100); split more with
	// spec.AlarmWidgets. Required.
	Alarms *[]awscloudwatch.IAlarm
}

// DashboardGraph is a graph of metrics, with an alarm threshold drawn.
type DashboardGraph struct {
	// Title of the graph. Required.
	Title *string
	// Metrics drawn on the left axis. Required.
	Metrics *[]awscloudwatch.IMetric
	// Threshold is drawn as a horizontal annotation. Default: none.
	Threshold *float64
	// ThresholdLabel names the annotation. Default: "threshold".
	ThresholdLabel *string
}

// DashboardQuery is a Logs Insights widget.
type DashboardQuery struct {
	// Title of the widget. Required.
	Title *string
	// QueryString is the query. Required.
	QueryString *string
	// QueryLanguage is spec.QueryLanguageInsights, SQL or PPL. Default: Logs Insights.
	QueryLanguage *string
	// LogGroupNames the query reads. Required.
	LogGroupNames *[]*string
	// View shows the results as a table, lines, a bar or a pie chart.
	// Default: lines for a Logs Insights query whose last stats groups by
	// bin(), a table otherwise.
	View awscloudwatch.LogQueryVisualizationType
}

// Validate checks the dashboard name and each section, without Node.js,
// and reports every problem (errors.Join'ed spec.FieldErrors).
func (p *DashboardProps) Validate() error {
	var ps spec.Problems
	ps.Add(spec.CheckDashboardName("dashboardName", str(p.DashboardName)))
	if p.AlarmGroups != nil {
		for i, g := range *p.AlarmGroups {
			if g == nil || g.Alarms == nil || len(*g.Alarms) == 0 || len(*g.Alarms) > spec.MaxAlarmsPerWidget {
				ps.Add(&spec.FieldError{Field: fmt.Sprintf("alarmGroups[%d]", i), Msg: fmt.Sprintf("an alarm status widget shows 1 to %d alarms; split them with spec.AlarmWidgets", spec.MaxAlarmsPerWidget)})
			}
		}
	}
	if p.Graphs != nil {
		for i, g := range *p.Graphs {
			if g == nil || g.Metrics == nil || len(*g.Metrics) == 0 {
				ps.Add(&spec.FieldError{Field: fmt.Sprintf("graphs[%d]", i), Msg: "a graph needs at least one metric"})
			}
		}
	}
	if p.Queries != nil {
		for i, q := range *p.Queries {
			if q == nil || str(q.QueryString) == "" || q.LogGroupNames == nil || len(*q.LogGroupNames) == 0 {
				ps.Add(&spec.FieldError{Field: fmt.Sprintf("queries[%d]", i), Msg: "a Logs Insights widget needs a query and at least one log group"})
			}
		}
	}
	return ps.Err()
}

// Dashboard is a CloudWatch dashboard laid out from sections: a text
// header, alarm status, graphs with thresholds, log group traffic and Logs
// Insights queries. It is an aws-cdk-lib awscloudwatch.Dashboard, so more
// widgets can be added with AddWidgets.
type Dashboard struct {
	awscloudwatch.Dashboard
	name string
}

// NewDashboard validates props and adds the dashboard (its CloudFormation
// resource is its child "Resource") to scope.
func NewDashboard(scope constructs.Construct, id string, props *DashboardProps) *Dashboard {
	if props == nil {
		props = &DashboardProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	widgets := []awscloudwatch.IWidget{awscloudwatch.NewTextWidget(&awscloudwatch.TextWidgetProps{
		Markdown: jsii.String(headerMarkdown(props)), Width: jsii.Number(fullWidth), Height: jsii.Number(headerHeight),
	})}
	if props.AlarmGroups != nil {
		for _, g := range *props.AlarmGroups {
			widgets = append(widgets, alarmStatus(g.Title, *g.Alarms))
		}
	}
	if props.Graphs != nil {
		for _, g := range *props.Graphs {
			widgets = append(widgets, graph(g))
		}
	}
	if props.LogGroups != nil {
		for _, lg := range *props.LogGroups {
			// The log group's own traffic: ILogGroup.Metric of aws-cdk-lib
			// 2.270 adds no LogGroupName dimension and would graph the account's.
			widgets = append(widgets, awscloudwatch.NewGraphWidget(&awscloudwatch.GraphWidgetProps{
				Title: jsii.String("Incoming log events and bytes"),
				Left:  &[]awscloudwatch.IMetric{logGroupMetric(lg, "IncomingLogEvents", nil)},
				Right: &[]awscloudwatch.IMetric{logGroupMetric(lg, "IncomingBytes", nil)},
				Width: jsii.Number(halfWidth), Height: jsii.Number(graphHeight),
			}))
		}
	}
	if props.Queries != nil {
		for _, q := range *props.Queries {
			widgets = append(widgets, awscloudwatch.NewLogQueryWidget(&awscloudwatch.LogQueryWidgetProps{
				Title: q.Title, QueryString: q.QueryString, LogGroupNames: q.LogGroupNames,
				QueryLanguage: logQueryLanguage(str(q.QueryLanguage)),
				View:          queryView(q),
				Width:         jsii.Number(fullWidth), Height: jsii.Number(queryHeight),
			}))
		}
	}
	// One row: CloudWatch lays the widgets out left to right, wrapping at
	// 24 columns; passed as a prop, they cost no call of their own.
	rows := []*[]awscloudwatch.IWidget{&widgets}
	d := &Dashboard{name: str(props.DashboardName)}
	awscloudwatch.NewDashboard_Override(d, scope, jsii.String(id), &awscloudwatch.DashboardProps{DashboardName: props.DashboardName, Widgets: &rows})
	return d
}

// Name is the dashboard's name.
func (d *Dashboard) Name() string { return d.name }

// headerMarkdown is the text widget's Markdown: title, description, owner, links.
func headerMarkdown(p *DashboardProps) string {
	title := str(p.Title)
	if title == "" {
		title = str(p.DashboardName)
	}
	lines := []string{"# " + title}
	if desc := str(p.Description); desc != "" {
		lines = append(lines, desc)
	}
	var facts []string
	if owner := str(p.Owner); owner != "" {
		facts = append(facts, "Owner: **"+owner+"**")
	}
	for _, l := range strs(p.Links) {
		facts = append(facts, "[Runbook]("+l+")")
	}
	if len(facts) > 0 {
		lines = append(lines, strings.Join(facts, " · "))
	}
	return strings.Join(lines, "\n\n")
}

func alarmStatus(title *string, alarms []awscloudwatch.IAlarm) awscloudwatch.IWidget {
	refs := make([]interfacesawscloudwatch.IAlarmRef, len(alarms))
	for i, a := range alarms {
		refs[i] = a
	}
	return awscloudwatch.NewAlarmStatusWidget(&awscloudwatch.AlarmStatusWidgetProps{
		Title: title, Alarms: &refs, Width: jsii.Number(fullWidth), Height: jsii.Number(alarmsHeight),
	})
}

func graph(g *DashboardGraph) awscloudwatch.IWidget {
	props := &awscloudwatch.GraphWidgetProps{Title: g.Title, Left: g.Metrics, Width: jsii.Number(halfWidth), Height: jsii.Number(graphHeight)}
	if g.Threshold != nil {
		label := g.ThresholdLabel
		if label == nil {
			label = jsii.String("threshold")
		}
		props.LeftAnnotations = &[]*awscloudwatch.HorizontalAnnotation{{Value: g.Threshold, Label: label}}
	}
	return awscloudwatch.NewGraphWidget(props)
}

// logQueryLanguage is the widget language of a saved query's language.
func logQueryLanguage(lang string) awscloudwatch.LogQueryLanguage {
	switch lang {
	case spec.QueryLanguageSQL:
		return awscloudwatch.LogQueryLanguage_SQL
	case spec.QueryLanguagePPL:
		return awscloudwatch.LogQueryLanguage_PPL
	}
	return awscloudwatch.LogQueryLanguage_LOGS_INSIGHTS
}
