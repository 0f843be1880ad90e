package cfn

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The dashboard type and the property that holds its widgets, a JSON
// string (often an Fn::Join of strings and references).
const (
	dashboardType = "AWS::CloudWatch::Dashboard"
	dashboardBody = "DashboardBody"
)

// widgetLayout are the keys of a widget that place and size it; a change
// of only these is a move, not a change of what the widget shows.
var widgetLayout = []string{"x", "y", "width", "height"}

// DashboardChange is a changed DashboardBody, widget by widget.
type DashboardChange struct {
	// Widgets are the widgets removed (in the old body's order), then
	// those added or changed (in the new body's order), matched by type
	// and title.
	Widgets []WidgetChange
	// Moved counts the widgets kept whose place or size changes.
	Moved int
	// Body are the changed keys of the body besides its widgets (start,
	// periodOverride).
	Body []string
	// Unreadable says why either body could not be read as dashboard JSON;
	// the change is then only "body changed".
	Unreadable string
}

// WidgetChange is one widget added, removed or changed.
type WidgetChange struct {
	Kind ChangeKind // ChangeAdded, ChangeRemoved or ChangeModified
	// Type is the widget's type (metric, log, alarm, text, ...).
	Type string
	// Title is properties.title, a text widget's first line of markdown,
	// or "" when the widget has neither; a title repeated within one type
	// is numbered (#2).
	Title string
	// Paths are the changed paths inside a modified widget
	// (properties.metrics[0][3]), its layout left out; a list of plain
	// values that grows or shrinks says what it gains and loses
	// (properties.alarms (-${AlarmA.Arn})).
	Paths []string
}

// diffDashboard compares the DashboardBody of two dashboards.
func diffDashboard(oldBody, newBody any) *DashboardChange {
	oldDoc, err := readDashboardBody(oldBody)
	if err == nil {
		var newDoc map[string]any
		if newDoc, err = readDashboardBody(newBody); err == nil {
			return compareDashboards(oldDoc, newDoc)
		}
		err = fmt.Errorf("the new body: %w", err)
	} else {
		err = fmt.Errorf("the old body: %w", err)
	}
	return &DashboardChange{Unreadable: err.Error()}
}

func compareDashboards(oldDoc, newDoc map[string]any) *DashboardChange {
	d := &DashboardChange{}
	oldWidgets, newWidgets := keyWidgets(oldDoc["widgets"].([]any)), keyWidgets(newDoc["widgets"].([]any))
	byKey := map[string]keyedWidget{}
	for _, w := range newWidgets {
		byKey[w.key] = w
	}
	kept := map[string]keyedWidget{}
	for _, w := range oldWidgets {
		if _, ok := byKey[w.key]; ok {
			kept[w.key] = w
			continue
		}
		d.Widgets = append(d.Widgets, WidgetChange{Kind: ChangeRemoved, Type: w.typ, Title: w.title})
	}
	for _, w := range newWidgets {
		o, ok := kept[w.key]
		if !ok {
			d.Widgets = append(d.Widgets, WidgetChange{Kind: ChangeAdded, Type: w.typ, Title: w.title})
			continue
		}
		if diffPaths("", layoutOf(o.widget), layoutOf(w.widget), -1) != nil {
			d.Moved++
		}
		if paths := widgetPaths("", withoutLayout(o.widget), withoutLayout(w.widget)); len(paths) > 0 {
			d.Widgets = append(d.Widgets, WidgetChange{Kind: ChangeModified, Type: w.typ, Title: w.title, Paths: paths})
		}
	}
	for _, k := range sortedKeys(union(oldDoc, newDoc)) {
		if k != "widgets" {
			d.Body = append(d.Body, diffPaths(k, oldDoc[k], newDoc[k], -1)...)
		}
	}
	return d
}

// widgetPaths lists the paths where two widgets differ, as diffPaths
// does, and says what a list of plain values (an alarm widget's alarms)
// gains and loses: properties.alarms (-${AlarmA.Arn}, +${AlarmB.Arn}).
func widgetPaths(prefix string, a, b any) []string {
	if canonical(a) == canonical(b) {
		return nil
	}
	switch x := a.(type) {
	case map[string]any:
		if y, ok := b.(map[string]any); ok {
			var out []string
			for _, k := range sortedKeys(union(x, y)) {
				out = append(out, widgetPaths(joinPath(prefix, k), x[k], y[k])...)
			}
			return out
		}
	case []any:
		y, ok := b.([]any)
		switch {
		case ok && len(x) == len(y):
			var out []string
			for i := range x {
				out = append(out, widgetPaths(fmt.Sprintf("%s[%d]", prefix, i), x[i], y[i])...)
			}
			return out
		case ok && scalars(x) && scalars(y):
			return []string{prefix + " (" + listDelta(x, y) + ")"}
		}
	}
	return []string{prefix}
}

func scalars(list []any) bool {
	for _, v := range list {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// listDelta says which values b lacks and which it adds, against a:
// "-x, +y", each value as often as it is missing or added.
func listDelta(a, b []any) string {
	count := map[string]int{}
	for _, v := range b {
		count[display(v)]++
	}
	var removed, added []string
	for _, v := range a {
		if count[display(v)] > 0 {
			count[display(v)]--
			continue
		}
		removed = append(removed, "-"+display(v))
	}
	have := map[string]int{}
	for _, v := range a {
		have[display(v)]++
	}
	for _, v := range b {
		if have[display(v)] > 0 {
			have[display(v)]--
			continue
		}
		added = append(added, "+"+display(v))
	}
	return strings.Join(append(removed, added...), ", ")
}

// readDashboardBody renders a DashboardBody (a string, or an Fn::Join of
// strings and references) and parses it. A reference becomes a
// placeholder, ${LogicalID} or ${LogicalID.Attribute}, which keeps the
// JSON valid when the reference sits inside a string, as CDK writes it.
func readDashboardBody(v any) (map[string]any, error) {
	if fn, ok := v.(map[string]any); ok && fn["Fn::Join"] == nil && fn["Fn::Sub"] == nil {
		return nil, fmt.Errorf("%s, known only at deploy", strings.Join(sortedKeys(fn), ", "))
	}
	text, err := renderBody(v)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) && syntax.Offset > 0 {
			rest := text[syntax.Offset-1:]
			if end := strings.IndexByte(rest, '}'); strings.HasPrefix(rest, "${") && end > 0 {
				return nil, fmt.Errorf("the reference %s stands outside a JSON string", rest[:end+1])
			}
		}
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	widgets, ok := doc["widgets"].([]any)
	if !ok {
		return nil, errors.New(`no "widgets" list`)
	}
	for i, w := range widgets {
		if _, ok := w.(map[string]any); !ok {
			return nil, fmt.Errorf("widget %d is a %T; expected an object", i, w)
		}
	}
	return doc, nil
}

// renderBody joins the literal parts of a body and writes a placeholder
// for each reference.
func renderBody(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case map[string]any:
		if args, ok := x["Fn::Join"].([]any); ok && len(x) == 1 && len(args) == 2 {
			sep, isString := args[0].(string)
			parts, isList := args[1].([]any)
			if !isString || !isList {
				return "", errors.New("an Fn::Join without a separator and a list")
			}
			out := make([]string, len(parts))
			for i, p := range parts {
				s, err := renderBody(p)
				if err != nil {
					return "", err
				}
				out[i] = s
			}
			return strings.Join(out, sep), nil
		}
		if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 {
			return s, nil // its ${...} are placeholders already
		}
		return placeholder(x), nil
	case nil:
		return "", errors.New("no DashboardBody")
	}
	return "", fmt.Errorf("a DashboardBody of %T", v)
}

// placeholder stands for a reference in a rendered body: ${LogicalID},
// ${LogicalID.Attribute}, or ${Fn::Function} for other intrinsics.
func placeholder(fn map[string]any) string {
	if ref, ok := fn["Ref"].(string); ok {
		return "${" + ref + "}"
	}
	switch att := fn["Fn::GetAtt"].(type) {
	case []any:
		parts := make([]string, len(att))
		for i, p := range att {
			parts[i] = fmt.Sprint(p)
		}
		return "${" + strings.Join(parts, ".") + "}"
	case string:
		return "${" + att + "}"
	}
	if keys := sortedKeys(fn); len(keys) > 0 {
		return "${" + keys[0] + "}"
	}
	return "${}"
}

// keyedWidget is a widget with the key it is matched by.
type keyedWidget struct {
	key, typ, title string
	widget          map[string]any
}

// keyWidgets keys each widget by type and title, numbering repeats.
func keyWidgets(widgets []any) []keyedWidget {
	seen := map[string]int{}
	out := make([]keyedWidget, 0, len(widgets))
	for _, v := range widgets {
		w := v.(map[string]any)
		typ, _ := w["type"].(string)
		title := widgetTitle(w)
		base := typ + "\x00" + title
		seen[base]++
		if n := seen[base]; n > 1 {
			title += " #" + strconv.Itoa(n)
		}
		out = append(out, keyedWidget{key: typ + "\x00" + title, typ: typ, title: title, widget: w})
	}
	return out
}

// widgetTitle is properties.title, or the first line of a text widget's
// markdown without its heading marks.
func widgetTitle(w map[string]any) string {
	props, _ := w["properties"].(map[string]any)
	if t, ok := props["title"].(string); ok && t != "" {
		return t
	}
	md, _ := props["markdown"].(string)
	for _, line := range strings.Split(md, "\n") {
		if line = strings.TrimSpace(strings.TrimLeft(line, "# ")); line != "" {
			return line
		}
	}
	return ""
}

func layoutOf(w map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range widgetLayout {
		out[k] = w[k]
	}
	return out
}

func withoutLayout(w map[string]any) map[string]any {
	out := make(map[string]any, len(w))
	for k, v := range w {
		out[k] = v
	}
	for _, k := range widgetLayout {
		delete(out, k)
	}
	return out
}

// lines renders the change, one line per widget, as StackDiff.String
// writes them under the dashboard's line:
//
//	~ OrdersDashboard (AWS::CloudWatch::Dashboard app-prod-orders) modified: Properties.DashboardBody
//	    - log widget "exceptions-per-hour"
//	    + metric widget "prod-orders-critical-failed"
//	    ~ metric widget "Incoming log events and bytes": properties.metrics[1][3]
//	    2 widgets moved or resized
func (d *DashboardChange) lines() []string {
	if d.Unreadable != "" {
		return []string{"body changed (its widgets cannot be read: " + d.Unreadable + ")"}
	}
	var out []string
	sign := map[ChangeKind]string{ChangeAdded: "+", ChangeRemoved: "-", ChangeModified: "~"}
	for _, w := range d.Widgets {
		s := fmt.Sprintf("%s %s widget", sign[w.Kind], w.Type)
		if w.Title != "" {
			s += " " + strconv.Quote(w.Title)
		} else {
			s += " (untitled)"
		}
		if len(w.Paths) > 0 {
			s += ": " + strings.Join(w.Paths, ", ")
		}
		out = append(out, s)
	}
	if len(d.Body) > 0 {
		out = append(out, "~ body: "+strings.Join(d.Body, ", "))
	}
	switch {
	case d.Moved == 1:
		out = append(out, "1 widget moved or resized")
	case d.Moved > 1:
		out = append(out, fmt.Sprintf("%d widgets moved or resized", d.Moved))
	}
	if len(out) == 0 {
		out = append(out, "body rewritten, same widgets")
	}
	return out
}
