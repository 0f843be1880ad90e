package insights

import (
	"strings"
)

// This file holds the nodes of the newer documented commands: the ones the
// offline engine runs (unnest, filterIndex, SOURCE, lookup, diff) have their
// own node; the others are an OtherCmd that keeps its checked text.

// UnnestCmd is `unnest field into name`: one row per element of a list.
type UnnestCmd struct {
	P     Pos
	Field *Field
	Into  string
}

// FilterIndexCmd is `filterIndex field = value` or `filterIndex field in
// [...]` (conditions joined by and/or); offline it is a filter.
type FilterIndexCmd struct {
	P    Pos
	Cond Expr
}

// LogGroupSelection is the argument of `SOURCE logGroups(...)`.
type LogGroupSelection struct {
	NamePrefix         []string
	AccountIdentifiers []string
	Class              []string
}

// SourceCmd is `SOURCE logGroups(namePrefix: [...], ...)` or `SOURCE name
// [start=... end=...]`: the log groups the query reads.
type SourceCmd struct {
	P         Pos
	LogGroups *LogGroupSelection // nil when Names are given
	Names     []string           // log group names
	Start     string             // text of start=, "" when absent
	End       string             // text of end=, "" when absent
}

// LookupKey pairs a lookup-table column with the log field it matches.
type LookupKey struct {
	Column string
	Field  *Field
}

// LookupCmd is `lookup table column [as field], ... OUTPUT|OUTPUTNEW
// column, ...`.
type LookupCmd struct {
	P       Pos
	Table   string
	Keys    []LookupKey
	New     bool // OUTPUTNEW: fill only fields that are missing
	Outputs []string
}

// Diff periods of `diff [period]`.
const (
	DiffPrevious      = ""              // the range just before the query's
	DiffPreviousDay   = "previousDay"   // the same range a day earlier
	DiffPreviousWeek  = "previousWeek"  // a week earlier
	DiffPreviousMonth = "previousMonth" // a calendar month earlier
)

// DiffCmd is `diff [previousDay|previousWeek|previousMonth]`.
type DiffCmd struct {
	P      Pos
	Period string
}

// OtherCmd is a documented command the offline engine parses and checks
// but does not run (pattern, anomaly, join, addtotals, ...). Text is its
// source text, from the command name to its last token.
type OtherCmd struct {
	P    Pos
	Name string // the documented spelling
	Text string
}

// Pos returns the position of the node.
func (c *UnnestCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *FilterIndexCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *SourceCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *LookupCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *DiffCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *OtherCmd) Pos() Pos { return c.P }

func (*UnnestCmd) command()      {}
func (*FilterIndexCmd) command() {}
func (*SourceCmd) command()      {}
func (*LookupCmd) command()      {}
func (*DiffCmd) command()        {}
func (*OtherCmd) command()       {}

// String returns the node in canonical query syntax.
func (c *UnnestCmd) String() string {
	return "unnest " + c.Field.String() + " into " + quoteName(c.Into)
}

// String returns the node in canonical query syntax.
func (c *FilterIndexCmd) String() string { return "filterIndex " + c.Cond.String() }

// String returns the node in canonical query syntax.
func (c *SourceCmd) String() string {
	var b strings.Builder
	b.WriteString("SOURCE ")
	if c.LogGroups != nil {
		var parts []string
		for _, kv := range []struct {
			k string
			v []string
		}{{"namePrefix", c.LogGroups.NamePrefix}, {"accountIdentifiers", c.LogGroups.AccountIdentifiers}, {"class", c.LogGroups.Class}} {
			if kv.v != nil {
				parts = append(parts, kv.k+": ["+quoteStrings(kv.v)+"]")
			}
		}
		b.WriteString("logGroups(" + strings.Join(parts, ", ") + ")")
	} else {
		b.WriteString(quoteStrings(c.Names))
	}
	if c.Start != "" {
		b.WriteString(" start=" + c.Start)
	}
	if c.End != "" {
		b.WriteString(" end=" + c.End)
	}
	return b.String()
}

func quoteStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quoteString(s)
	}
	return strings.Join(q, ", ")
}

// String returns the node in canonical query syntax.
func (c *LookupCmd) String() string {
	keys := make([]string, len(c.Keys))
	for i, k := range c.Keys {
		keys[i] = quoteName(k.Column) + " as " + k.Field.String()
	}
	outs := make([]string, len(c.Outputs))
	for i, o := range c.Outputs {
		outs[i] = quoteName(o)
	}
	mode := " OUTPUT "
	if c.New {
		mode = " OUTPUTNEW "
	}
	return "lookup " + quoteName(c.Table) + " " + strings.Join(keys, ", ") + mode + strings.Join(outs, ", ")
}

// String returns the node in canonical query syntax.
func (c *DiffCmd) String() string {
	if c.Period == "" {
		return "diff"
	}
	return "diff " + c.Period
}

// String returns the command's source text.
func (c *OtherCmd) String() string { return c.Text }
