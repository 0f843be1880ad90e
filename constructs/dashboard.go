package constructs

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
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
	// LogGroups, of the dashboard's account and region, each get a graph of
	// their incoming events and bytes. Default: none.
	LogGroups *[]awslogs.ILogGroup
	// Queries each get a Logs Insights widget. Default: none.
	Queries *[]*DashboardQuery
}

// DashboardAlarms is an alarm status widget.
type DashboardAlarms struct {
	// Title of the widget. Required.
	Title *string
	// Alarms shown, at most spec.MaxAlarmsPerWidget (100) with AlarmArns;
	// split more with spec.AlarmWidgets. Required, or AlarmArns.
	Alarms *[]awscloudwatch.IAlarm
	// AlarmArns of alarms shown after Alarms that are not at hand, such as
	// another stack's (AlarmArnsByName). Default: none.
	AlarmArns *[]*string
}

// count is how many alarms the widget shows.
func (g *DashboardAlarms) count() int {
	n := 0
	if g.Alarms != nil {
		n += len(*g.Alarms)
	}
	if g.AlarmArns != nil {
		n += len(*g.AlarmArns)
	}
	return n
}

// arns are the ARNs of the alarms shown, Alarms' first.
func (g *DashboardAlarms) arns() []string {
	var out []string
	if g.Alarms != nil {
		for _, a := range *g.Alarms {
			out = append(out, alarmArn(a))
		}
	}
	return append(out, strs(g.AlarmArns)...)
}

// DashboardGraph is a graph of metrics, with an alarm threshold drawn.
type DashboardGraph struct {
	// Title of the graph. Required.
	Title *string
	// Metrics drawn on the left axis: EventMetric.Metric's, or any
	// aws-cdk-lib awscloudwatch.Metric of the dashboard's account and
	// region (not a math or search expression). Required.
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
			if g == nil || g.count() == 0 || g.count() > spec.MaxAlarmsPerWidget {
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
// Insights queries. Its CloudFormation resource, the child "Resource", is
// an aws-cdk-lib awscloudwatch.CfnDashboard whose body eventwatch renders
// in Go (dashboard_body.go) as aws-cdk-lib's Dashboard and widgets render
// it, at a call into the CDK per alarm rather than per widget and metric.
// For widgets of your own, use an aws-cdk-lib awscloudwatch.Dashboard with
// EventMetric.Metric.
type Dashboard struct {
	constructs.Construct
	name     string
	resource awscloudwatch.CfnDashboard
}

// NewDashboard validates props and adds the dashboard to scope.
func NewDashboard(scope constructs.Construct, id string, props *DashboardProps) *Dashboard {
	if props == nil {
		props = &DashboardProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	var graphs [][]graphLine
	if props.Graphs != nil {
		for i, g := range *props.Graphs {
			lines, err := graphLines(*g.Metrics)
			if err != nil {
				mustValidateAt(scope, id, &spec.FieldError{Field: fmt.Sprintf("graphs[%d].metrics", i), Msg: err.Error()})
			}
			graphs = append(graphs, lines)
		}
	}
	d := &Dashboard{name: str(props.DashboardName)}
	constructs.NewConstruct_Override(d, scope, jsii.String(id))
	region := *awscdk.Aws_REGION()
	widgets := []bodyWidget{textWidget(fullWidth, headerHeight, headerMarkdown(props))}
	if props.AlarmGroups != nil {
		for _, g := range *props.AlarmGroups {
			widgets = append(widgets, alarmWidget(fullWidth, alarmsHeight, str(g.Title), g.arns()))
		}
	}
	for i, lines := range graphs {
		g := (*props.Graphs)[i]
		widgets = append(widgets, graphWidget(halfWidth, graphHeight, str(g.Title), region, lines, g.thresholds()))
	}
	if props.LogGroups != nil {
		for _, lg := range *props.LogGroups {
			// The log group's own traffic: ILogGroup.Metric of aws-cdk-lib
			// 2.270 adds no LogGroupName dimension and would graph the account's.
			name := [][2]string{{"LogGroupName", *logGroupName(lg)}}
			widgets = append(widgets, graphWidget(halfWidth, graphHeight, "Incoming log events and bytes", region, []graphLine{
				{namespace: "AWS/Logs", name: "IncomingLogEvents", dimensions: name, statistic: "Sum"},
				{namespace: "AWS/Logs", name: "IncomingBytes", dimensions: name, statistic: "Sum", right: true},
			}, nil))
		}
	}
	if props.Queries != nil {
		for _, q := range *props.Queries {
			widgets = append(widgets, logWidget(fullWidth, queryHeight, str(q.Title), region,
				logSources(strs(q.LogGroupNames), str(q.QueryString)),
				queryLanguageValues[logQueryLanguage(str(q.QueryLanguage))], queryViewValues[queryView(q)]))
		}
	}
	d.resource = awscloudwatch.NewCfnDashboard(d, jsii.String("Resource"), &awscloudwatch.CfnDashboardProps{
		DashboardName: props.DashboardName,
		DashboardBody: jsii.String(renderBody(widgets)),
	})
	return d
}

// Resource is the dashboard's CloudFormation resource.
func (d *Dashboard) Resource() awscloudwatch.CfnDashboard { return d.resource }

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

// queryLanguageValues and queryViewValues are the values aws-cdk-lib's
// enums stand for in a widget's JSON (aws-cdk-go's enum constants are
// their names).
var (
	queryLanguageValues = map[awscloudwatch.LogQueryLanguage]string{
		awscloudwatch.LogQueryLanguage_LOGS_INSIGHTS: "Logs",
		awscloudwatch.LogQueryLanguage_SQL:           "SQL",
		awscloudwatch.LogQueryLanguage_PPL:           "PPL",
	}
	queryViewValues = map[awscloudwatch.LogQueryVisualizationType]string{
		awscloudwatch.LogQueryVisualizationType_TABLE:       "table",
		awscloudwatch.LogQueryVisualizationType_LINE:        "line",
		awscloudwatch.LogQueryVisualizationType_STACKEDAREA: "stackedarea",
		awscloudwatch.LogQueryVisualizationType_BAR:         "bar",
		awscloudwatch.LogQueryVisualizationType_PIE:         "pie",
	}
)

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
