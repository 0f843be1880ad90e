package lintcli

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/eventschema"
)

// problemOrder sorts the field problems of an event in the report.
var problemOrder = []string{eventschema.Missing.String(), eventschema.Mistyped.String(), eventschema.NotInEnum.String(),
	eventschema.Extra.String(), eventschema.Duplicate.String()}

// lineOrder sorts the problems of lines that are no declared event.
var lineOrder = []string{kindNotJSON, kindNoEvent, kindUndeclared}

// report writes the findings and returns the number of problems found.
func report(w io.Writer, m *model, t *tally) int {
	problems := 0
	byEvent := map[int][]groupKey{}
	var lines, inputs []groupKey
	for k, g := range t.groups {
		switch {
		case k.kind == kindInput:
			inputs = append(inputs, k)
		case k.event < 0:
			lines = append(lines, k)
			problems += g.count
		default:
			byEvent[k.event] = append(byEvent[k.event], k)
			problems += g.count
		}
	}
	if len(m.events) > 0 {
		fmt.Fprintf(w, "declared events: lines, conforming\n")
	}
	for i, ev := range m.events {
		c := t.events[i]
		fmt.Fprintf(w, "  %-40s %8d %8d\n", ev.service+"/"+ev.Name, c.lines, c.conforming)
		keys := byEvent[i]
		slices.SortFunc(keys, func(a, b groupKey) int {
			return cmp.Or(cmp.Compare(slices.Index(problemOrder, a.kind), slices.Index(problemOrder, b.kind)), cmp.Compare(a.name, b.name))
		})
		for _, k := range keys {
			writeGroup(w, "    ", k.kind+" "+k.name, t.groups[k])
		}
	}
	slices.SortFunc(lines, func(a, b groupKey) int {
		return cmp.Or(cmp.Compare(slices.Index(lineOrder, a.kind), slices.Index(lineOrder, b.kind)),
			cmp.Compare(t.groups[b].count, t.groups[a].count), cmp.Compare(a.name, b.name))
	})
	if len(lines) > 0 {
		fmt.Fprintf(w, "lines that are no declared event:\n")
	}
	for _, k := range lines {
		title := k.kind
		if k.name != "" {
			title += " " + strconv.Quote(k.name)
		}
		writeGroup(w, "  ", title, t.groups[k])
	}
	over := overBound(m, t)
	if len(over) > 0 {
		fmt.Fprintf(w, "dimensions over their bound:\n")
	}
	for _, o := range over {
		fmt.Fprintf(w, "  %s\n", o)
	}
	problems += len(over)
	unwatched := 0
	for i, ev := range m.events {
		if len(m.watchers[i]) > 0 {
			continue
		}
		if unwatched == 0 {
			fmt.Fprintf(w, "declared events no alarm watches:\n")
		}
		unwatched++
		why := "no config event counts it"
		if len(m.counters[i]) > 0 {
			why = "counted by " + strings.Join(m.counters[i], ", ") + ", without an alarm"
		}
		fmt.Fprintf(w, "  %s: %s\n", ev.service+"/"+ev.Name, why)
	}
	// Unwatched events are listed for the reader, and do not fail the run:
	// an event counted only for a dashboard is a choice, not a defect.
	slices.SortFunc(inputs, func(a, b groupKey) int { return cmp.Compare(a.name, b.name) })
	if len(inputs) > 0 {
		fmt.Fprintf(w, "input errors:\n")
	}
	for _, k := range inputs {
		writeGroup(w, "  ", k.kind, t.groups[k])
	}
	withProblems := t.lines - t.conforming - t.plainText
	fmt.Fprintf(w, "%d lines: %d conforming, %d plain text that a pattern counts, %d with problems; dimensions over their bound: %d; declared events no alarm watches: %d",
		t.lines, t.conforming, t.plainText, withProblems, len(over), unwatched)
	if t.inputs > 0 {
		fmt.Fprintf(w, "; input errors: %d", t.inputs)
	}
	fmt.Fprintln(w)
	return problems
}

// writeGroup writes a problem's count and its first findings, indented.
func writeGroup(w io.Writer, indent, title string, g *group) {
	fmt.Fprintf(w, "%s%-*s %8d\n", indent, 42-len(indent), title, g.count)
	for _, f := range g.first {
		fmt.Fprintf(w, "%s  %s:%d: %s\n", indent, f.file, f.line, f.detail)
	}
}

// overBound describes every metric dimension that took more values
// within an hour than its bound, by metric, dimension and hour.
func overBound(m *model, t *tally) []string {
	keys := slices.SortedFunc(maps.Keys(t.values), func(a, b valueKey) int {
		return cmp.Or(cmp.Compare(a.metric, b.metric), cmp.Compare(a.dim, b.dim), cmp.Compare(a.hour, b.hour))
	})
	var out []string
	for _, k := range keys {
		mt, set := &m.metrics[k.metric], t.values[k]
		d := mt.dims[k.dim]
		if len(set) <= d.bound {
			continue
		}
		n := strconv.Itoa(len(set))
		if len(set) > maxTrackedValues {
			n = "more than " + strconv.Itoa(maxTrackedValues)
		}
		when := "in the input (its lines have no timestamps)"
		if k.hour >= 0 {
			when = "in the hour from " + time.UnixMilli(k.hour*msPerHour).UTC().Format("2006-01-02T15:04Z")
		}
		values := slices.Sorted(maps.Keys(set))
		shown := quoteAll(values[:min(len(values), MaxShown)])
		if len(values) > MaxShown {
			shown += ", ..."
		}
		out = append(out, fmt.Sprintf("%s/%s %s: %s values %s, over the bound of %d (%s): %s", mt.service, mt.event, d.name, n, when, d.bound, d.why, shown))
	}
	return out
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
