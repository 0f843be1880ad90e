package cfnrules

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// AWS::CloudWatch::Dashboard. DashboardBody is JSON in a string, most
// often an Fn::Join of literal JSON and references (alarm ARNs, the
// region): references known only at deploy become placeholders inside
// their JSON strings (resource.sketch), so the body's structure is checked
// whatever they resolve to. CloudWatch documents no size for a body of
// its own; the template that holds it is limited (stack-template-size).
var dashboardRules = []rule{
	{ID: "dashboard-name", Source: srcPutDashboard, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "DashboardName", 1, maxDashboardNameLength, "CloudWatch", "DashboardName"); ok && !dashboardName.MatchString(name) {
			ps.add(r, "DashboardName", "%s contains characters CloudWatch does not allow in a dashboard name; it allows A-Z, a-z, 0-9, '-' and '_'", echo(name))
		}
	}},
	{ID: "dashboard-body", Source: srcDashboardBody, Check: func(r *resource, ps *problems) {
		if !r.has("DashboardBody") {
			ps.add(r, "DashboardBody", "is missing; CloudWatch requires the dashboard's JSON")
			return
		}
		if _, err := dashboardWidgets(r); err != "" {
			ps.add(r, "DashboardBody", "%s", err)
		}
	}},
	{ID: "dashboard-widgets", Source: srcCWQuotas, Check: func(r *resource, ps *problems) {
		widgets, err := dashboardWidgets(r)
		if err != "" {
			return
		}
		if len(widgets) > maxWidgetsPerDashboard {
			ps.add(r, "DashboardBody", "has %d widgets; CloudWatch allows at most %d per dashboard", len(widgets), maxWidgetsPerDashboard)
		}
		total := 0
		for i, w := range widgets {
			n := len(list(get(w, "properties", "metrics")))
			total += n
			if n > maxMetricsPerWidget {
				ps.add(r, "DashboardBody", "widget %d (%s) has %d metrics; CloudWatch allows at most %d per widget", i, widgetTitle(w), n, maxMetricsPerWidget)
			}
		}
		if total > maxMetricsPerDashboard {
			ps.add(r, "DashboardBody", "has %d metrics across its widgets; CloudWatch allows at most %d per dashboard", total, maxMetricsPerDashboard)
		}
	}},
	{ID: "dashboard-widget-layout", Source: srcDashboardBody, Check: func(r *resource, ps *problems) {
		widgets, err := dashboardWidgets(r)
		if err != "" {
			return
		}
		for i, w := range widgets {
			for _, c := range []struct {
				key      string
				min, max float64
			}{{"width", 1, gridWidth}, {"height", 1, maxWidgetHeight}, {"x", 0, gridWidth - 1}, {"y", 0, 1 << 53}} {
				v, present := get(w, c.key).(float64)
				if _, isSet := w.(map[string]any)[c.key]; isSet && (!present || v < c.min || v > c.max || !isWhole(v)) {
					ps.add(r, "DashboardBody", "widget %d (%s) has %s %v; CloudWatch allows whole numbers from %s to %s", i, widgetTitle(w), c.key, get(w, c.key), num(c.min), num(c.max))
				}
			}
		}
	}},
	{ID: "dashboard-alarm-widget", Source: srcDashboardBody, Check: func(r *resource, ps *problems) {
		widgets, err := dashboardWidgets(r)
		if err != "" {
			return
		}
		for i, w := range widgets {
			if get(w, "type") != "alarm" {
				continue
			}
			if n := len(list(get(w, "properties", "alarms"))); n < 1 || n > maxAlarmsPerWidget {
				ps.add(r, "DashboardBody", "alarm widget %d (%s) has %d alarms; an alarm status widget shows 1 to %d", i, widgetTitle(w), n, maxAlarmsPerWidget)
			}
		}
	}},
	{ID: "dashboard-links", Source: srcDashboardBody, Check: func(r *resource, ps *problems) {
		// Stricter than CloudWatch on purpose: a dashboard's markdown (a
		// service's runbook link) is read by the on-call engineer, and a
		// link that is not https (javascript:, data:, http:) is refused.
		widgets, err := dashboardWidgets(r)
		if err != "" {
			return
		}
		for i, w := range widgets {
			md, _ := get(w, "properties", "markdown").(string)
			for _, link := range markdownLinks(md) {
				if scheme := linkScheme(link); scheme != "" && scheme != "https" {
					ps.add(r, "DashboardBody", "text widget %d (%s) links to %s; dashboard links must be https:// (or relative to the console)", i, widgetTitle(w), echo(link))
				}
			}
		}
	}},
	tagsRule,
}

// parsedBody is a dashboard body's widgets, or why it has none.
type parsedBody struct {
	widgets []any
	err     string
}

// dashboardWidgets parses the body (placeholders for what is known only at
// deploy) and returns its widgets, or why it is not a dashboard body. The
// rules of one dashboard share one parse.
func dashboardWidgets(r *resource) ([]any, string) {
	if r.dashboard == nil {
		w, err := parseDashboard(r)
		r.dashboard = &parsedBody{w, err}
	}
	return r.dashboard.widgets, r.dashboard.err
}

func parseDashboard(r *resource) ([]any, string) {
	body := r.sketch(r.Props["DashboardBody"])
	if body == "" {
		if s, isString := r.Props["DashboardBody"].(string); !isString || s != "" {
			return nil, "" // an intrinsic the sketch cannot render: known only at deploy
		}
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		if _, known := r.textAt("DashboardBody"); !known {
			return nil, "" // a reference outside a JSON string: decided at deploy
		}
		return nil, "is not a JSON object: " + err.Error()
	}
	widgets, ok := doc["widgets"].([]any)
	if !ok {
		if _, present := doc["widgets"]; present {
			return nil, `"widgets" is not a list`
		}
		return nil, `has no "widgets" list`
	}
	for i, w := range widgets {
		if _, ok := w.(map[string]any); !ok {
			return nil, fmt.Sprintf("widget %d is not a JSON object", i)
		}
	}
	return widgets, ""
}

// widgetTitle names a widget in messages: its type and title.
func widgetTitle(w any) string {
	typ, _ := get(w, "type").(string)
	title, _ := get(w, "properties", "title").(string)
	if title == "" {
		md, _ := get(w, "properties", "markdown").(string)
		title, _, _ = strings.Cut(strings.TrimLeft(md, "# "), "\n")
	}
	if title == "" {
		return typ
	}
	return typ + " " + echo(title)
}

var (
	dashboardName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	// autolink matches a markdown autolink, <scheme:...>.
	autolink = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>`)
)

// markdownLinks are the link targets of markdown text: of each inline
// link or image, [text](target "title") (a target may hold balanced
// parentheses, as CommonMark allows), and of each autolink.
func markdownLinks(md string) []string {
	var out []string
	for i := 0; ; {
		j := strings.Index(md[i:], "](")
		if j < 0 {
			break
		}
		start := i + j + 2
		depth, end := 0, len(md)
	scan:
		for k := start; k < len(md); k++ {
			switch md[k] {
			case '(':
				depth++
			case ')':
				if depth == 0 {
					end = k
					break scan
				}
				depth--
			}
		}
		target := strings.TrimSpace(md[start:end])
		if k := strings.IndexAny(target, " \t\n"); k >= 0 { // a title follows
			target = target[:k]
		}
		out = append(out, strings.Trim(target, "<>"))
		i = end
		if i >= len(md) {
			break
		}
	}
	for _, m := range autolink.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// linkScheme is a link's scheme in lower case, "" for a relative link.
// Blanks and control characters that browsers drop are dropped first, so
// that "java\tscript:" is seen as javascript.
func linkScheme(link string) string {
	clean := strings.Map(func(c rune) rune {
		if c <= ' ' {
			return -1
		}
		return c
	}, link)
	u, err := url.Parse(clean)
	if err != nil {
		if i := strings.IndexByte(clean, ':'); i > 0 {
			return strings.ToLower(clean[:i])
		}
		return ""
	}
	return strings.ToLower(u.Scheme)
}
