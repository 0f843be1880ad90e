package constructs

import (
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/internal/jsjson"
)

// A dashboard's body is rendered here, in Go, as the JSON that aws-cdk-lib's
// Dashboard, TextWidget, AlarmStatusWidget, GraphWidget and LogQueryWidget
// render (aws-cdk-lib aws-cloudwatch/lib: text.ts, alarm-status-widget.ts,
// graph.ts, log-query.ts, private/rendering.ts, layout.ts), key for key and
// in their order, so that a template is the same byte for byte; made by
// those classes, it cost a call into the CDK per widget and metric. Values
// that are tokens (the region, a log group's name, an alarm's ARN) stay in
// the text as the CDK's token strings, and the CDK turns the body into the
// same Fn::Join that its Dashboard's Stack.toJsonString gives.

// bodyWidget is one widget of the body: its size, and its type and
// properties (JSON text, without position) as aws-cdk-lib renders them.
type bodyWidget struct {
	width, height int
	kind          string
	properties    string
}

// gridWidth is CloudWatch's dashboard grid, in columns.
const gridWidth = 24

// renderBody is the dashboard body, {"widgets":[...]}, the widgets laid out
// as aws-cdk-lib's Row lays out the widgets of one Dashboard.addWidgets:
// left to right, a widget that would pass gridWidth starting a line
// below everything so far.
func renderBody(widgets []bodyWidget) string {
	var b strings.Builder
	b.WriteString(`{"widgets":[`)
	x, y, bottom := 0, 0, 0
	for i, w := range widgets {
		if x+w.width > gridWidth {
			x, y = 0, bottom
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"type":` + jsjson.Quote(w.kind) +
			`,"width":` + strconv.Itoa(w.width) + `,"height":` + strconv.Itoa(w.height) +
			`,"x":` + strconv.Itoa(x) + `,"y":` + strconv.Itoa(y) +
			`,"properties":` + w.properties + `}`)
		bottom = max(bottom, y+w.height)
		x += w.width
	}
	b.WriteString(`]}`)
	return b.String()
}

// object writes a JSON object of the fields set, in order, as
// JSON.stringify writes an object whose unset keys are undefined.
type object struct{ b strings.Builder }

func (o *object) raw(key, value string) *object {
	if o.b.Len() == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	o.b.WriteString(jsjson.Quote(key) + ":" + value)
	return o
}

func (o *object) str(key, value string) *object { return o.raw(key, jsjson.Quote(value)) }

func (o *object) text() string {
	if o.b.Len() == 0 {
		return "{}"
	}
	return o.b.String() + "}"
}

// textWidget is aws-cdk-lib's TextWidget, with its default background.
func textWidget(width, height int, markdown string) bodyWidget {
	p := new(object).str("markdown", markdown).str("background", "transparent")
	return bodyWidget{width, height, "text", p.text()}
}

// alarmWidget is aws-cdk-lib's AlarmStatusWidget of alarms given by ARN.
func alarmWidget(width, height int, title string, arns []string) bodyWidget {
	list := make([]string, len(arns))
	for i, a := range arns {
		list[i] = jsjson.Quote(a)
	}
	p := new(object).str("title", title).raw("alarms", "["+strings.Join(list, ",")+"]")
	return bodyWidget{width, height, "alarm", p.text()}
}

// graphLine is a metric of a graph as private/rendering.ts draws it:
// [namespace, name, dimension name, value, ..., {options}], the options
// in their order (color, label, id, visible, period unless 300 s, stat
// unless Average, yAxis when right) and left out when none is set.
type graphLine struct {
	namespace, name string
	dimensions      [][2]string // sorted by name, as Metric.dimensionsAsList
	color, label    string
	id              string
	visible         *bool
	periodSeconds   int
	statistic       string
	right           bool
	// expression, for a math expression, is its text, drawn from the
	// metrics it uses, sorted by their IDs (namespace, name, dimensions
	// and statistic are then unset).
	expression string
	using      []graphLine
}

// defaultGraphPeriodSeconds and defaultGraphStatistic are what a graph's
// metric shows when its options do not say (rendering.ts leaves them out).
const (
	defaultGraphPeriodSeconds = 300
	defaultGraphStatistic     = "Average"
)

// entries are the line's entries in a graph's metrics: itself, then,
// for an expression, the metrics it uses, hidden, each with its ID.
func (l graphLine) entries() []string {
	if l.expression == "" {
		return []string{l.json()}
	}
	opts := new(object)
	if l.label != "" {
		opts.str("label", l.label)
	}
	if l.color != "" {
		opts.str("color", l.color)
	}
	opts.str("expression", l.expression)
	if l.periodSeconds != 0 && l.periodSeconds != defaultGraphPeriodSeconds {
		opts.raw("period", strconv.Itoa(l.periodSeconds))
	}
	if l.right {
		opts.str("yAxis", "right")
	}
	out := []string{"[" + opts.text() + "]"}
	hidden := false
	for _, u := range l.using {
		u.visible = &hidden
		out = append(out, u.json())
	}
	return out
}

func (l graphLine) json() string {
	parts := []string{jsjson.Quote(l.namespace), jsjson.Quote(l.name)}
	for _, d := range l.dimensions {
		parts = append(parts, jsjson.Quote(d[0]), jsjson.Quote(d[1]))
	}
	opts := new(object)
	if l.color != "" {
		opts.str("color", l.color)
	}
	if l.label != "" {
		opts.str("label", l.label)
	}
	if l.id != "" {
		opts.str("id", l.id)
	}
	if l.visible != nil {
		opts.raw("visible", strconv.FormatBool(*l.visible))
	}
	if l.periodSeconds != 0 && l.periodSeconds != defaultGraphPeriodSeconds {
		opts.raw("period", strconv.Itoa(l.periodSeconds))
	}
	if l.statistic != "" && l.statistic != defaultGraphStatistic {
		opts.str("stat", l.statistic)
	}
	if l.right {
		opts.str("yAxis", "right")
	}
	if opts.b.Len() > 0 {
		parts = append(parts, opts.text())
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// threshold is a horizontal annotation on the left axis; value is JSON
// text (a number, or a number token's string unquoted).
type threshold struct{ label, value string }

// graphWidget is aws-cdk-lib's GraphWidget (time series) of lines, in the
// stack's region, with an annotation per threshold. Lines drawn twice are
// drawn once, as aws-cdk-lib's MetricSet does.
func graphWidget(width, height int, title, region string, lines []graphLine, thresholds []threshold) bodyWidget {
	var drawn []string
	seen := map[string]bool{}
	for _, l := range lines {
		for _, j := range l.entries() {
			if !seen[j] {
				seen[j] = true
				drawn = append(drawn, j)
			}
		}
	}
	p := new(object).str("view", "timeSeries").str("title", title).str("region", region)
	if len(drawn) > 0 {
		p.raw("metrics", "["+strings.Join(drawn, ",")+"]")
	}
	if len(thresholds) > 0 {
		list := make([]string, len(thresholds))
		for i, t := range thresholds {
			list[i] = new(object).str("label", t.label).raw("value", t.value).str("yAxis", "left").text()
		}
		p.raw("annotations", `{"horizontal":[`+strings.Join(list, ",")+`]}`)
	}
	p.raw("yAxis", "{}")
	return bodyWidget{width, height, "metric", p.text()}
}

// logWidget is aws-cdk-lib's LogQueryWidget: the query after a SOURCE
// per log group, its language, and a line or stacked-area view shown as
// CloudWatch's timeSeries with "stacked" last.
func logWidget(width, height int, title, region, query, language, view string) bodyWidget {
	p := new(object)
	shown := view
	if view == "line" || view == "stackedarea" {
		shown = "timeSeries"
	}
	p.str("view", shown).str("title", title).str("region", region).str("query", query).str("queryLanguage", language)
	if shown != view {
		p.raw("stacked", strconv.FormatBool(view == "stackedarea"))
	}
	return bodyWidget{width, height, "log", p.text()}
}

// logSources is a LogQueryWidget's query: "SOURCE 'group' | ... | query".
func logSources(groups []string, query string) string {
	s := make([]string, len(groups))
	for i, g := range groups {
		s[i] = "SOURCE '" + g + "'"
	}
	return strings.Join(s, " | ") + " | " + query
}
