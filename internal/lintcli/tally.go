package lintcli

import (
	"bytes"
	"unicode/utf8"
)

// tally is what the lines of one chunk, or merged of a whole run, add up
// to. Findings keep input order: a chunk's are merged after those of the
// chunks before it.
type tally struct {
	lines      int // lines that are not blank
	conforming int
	plainText  int          // non-JSON lines a plain-text config event counts
	events     []eventCount // by event index
	groups     map[groupKey]*group
	values     map[valueKey]map[string]struct{} // the values of a metric's dimension within an hour
	inputs     int                              // input errors: lines over the limit, bad CloudWatch events, read errors
}

// eventCount counts the lines of one declared event.
type eventCount struct{ lines, conforming int }

// groupKey names a kind of problem: of a declared event's field (event
// >= 0, kind a FieldProblem kind, name the field), or of a line (event
// -1, kind a lineKind, name the undeclared event's name).
type groupKey struct {
	event int
	kind  string
	name  string
}

// Kinds of line problems.
const (
	kindNotJSON    = "not JSON"
	kindNoEvent    = "no event field"
	kindUndeclared = "undeclared event"
	kindInput      = "input error"
)

// group counts one kind of problem and keeps its first findings.
type group struct {
	count int
	first []finding
}

// finding is one problem at a line of a file.
type finding struct {
	file   string
	line   int
	detail string
}

// valueKey is one dimension of one metric within one hour (-1: the input
// has no timestamps).
type valueKey struct {
	metric, dim int
	hour        int64
}

func newTally(events int) *tally {
	return &tally{events: make([]eventCount, events), groups: map[groupKey]*group{}, values: map[valueKey]map[string]struct{}{}}
}

// add counts a problem of kind k at file:line.
func (t *tally) add(k groupKey, file string, line int, detail string) {
	g := t.groups[k]
	if g == nil {
		g = &group{}
		t.groups[k] = g
	}
	g.count++
	if len(g.first) < MaxShown {
		g.first = append(g.first, finding{file, line, detail})
	}
	if k.kind == kindInput {
		t.inputs++
	}
}

// value records a dimension's value, up to maxTrackedValues per hour.
func (t *tally) value(k valueKey, v []byte) {
	set := t.values[k]
	if set == nil {
		set = map[string]struct{}{}
		t.values[k] = set
	}
	if _, seen := set[string(v)]; !seen && len(set) <= maxTrackedValues {
		set[string(v)] = struct{}{}
	}
}

// merge adds o, which follows t in the input.
func (t *tally) merge(o *tally) {
	t.lines += o.lines
	t.conforming += o.conforming
	t.plainText += o.plainText
	t.inputs += o.inputs
	for i, c := range o.events {
		t.events[i].lines += c.lines
		t.events[i].conforming += c.conforming
	}
	for k, og := range o.groups {
		g := t.groups[k]
		if g == nil {
			t.groups[k] = og
			continue
		}
		g.count += og.count
		for _, f := range og.first {
			if len(g.first) < MaxShown {
				g.first = append(g.first, f)
			}
		}
	}
	for k, set := range o.values {
		for v := range set {
			t.value(k, []byte(v))
		}
	}
}

// excerpt is the start of a line for a report, valid UTF-8.
func excerpt(line []byte) string {
	if len(line) > maxExcerpt {
		line = line[:maxExcerpt]
		for len(line) > 0 && !utf8.Valid(line) {
			line = line[:len(line)-1]
		}
		return string(bytes.ToValidUTF8(line, []byte("?"))) + "..."
	}
	return string(bytes.ToValidUTF8(line, []byte("?")))
}
