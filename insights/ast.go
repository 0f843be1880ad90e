package insights

import (
	"strconv"
	"strings"
)

// Pos is a byte offset in the query text.
type Pos int

// Node is an element of the syntax tree.
type Node interface {
	// Pos returns the offset of the node's first byte in the query.
	Pos() Pos
	// String returns the node in canonical query syntax.
	String() string
}

// Query is a parsed query: commands separated by "|".
type Query struct {
	Commands []Command
	src      string
	// regexSize is the size of the query's regexes (subqueries count
	// apart), measured by the parser: see MaxRegexWork.
	regexSize int
}

// Pos returns 0, the start of the query.
func (q *Query) Pos() Pos { return 0 }

// String returns the canonical query text: one command per line, lines
// after the first starting with "| ". Parse(q.String()) gives an equal tree.
func (q *Query) String() string {
	parts := make([]string, len(q.Commands))
	for i, c := range q.Commands {
		parts[i] = c.String()
	}
	return strings.Join(parts, "\n| ")
}

// Source returns the text the query was parsed from.
func (q *Query) Source() string { return q.src }

// Command is one command of a query.
type Command interface {
	Node
	command()
}

// Expr is an expression.
type Expr interface {
	Node
	expr()
}

// Projection is an expression with an optional name: `expr as alias`.
type Projection struct {
	Expr  Expr
	Alias string // "" when not given
}

// Name returns the alias, or the canonical text of the expression.
func (p *Projection) Name() string {
	if p.Alias != "" {
		return p.Alias
	}
	if f, ok := p.Expr.(*Field); ok {
		return f.Name()
	}
	return p.Expr.String()
}

// Pos returns the position of the expression.
func (p *Projection) Pos() Pos { return p.Expr.Pos() }

// String returns `expr` or `expr as alias`.
func (p *Projection) String() string {
	if p.Alias == "" {
		return p.Expr.String()
	}
	return p.Expr.String() + " as " + quoteName(p.Alias)
}

func joinNodes[T Node](nodes []T) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = n.String()
	}
	return strings.Join(parts, ", ")
}

// FieldsCmd is `fields proj, ...` or, with Display set, `display proj, ...`.
type FieldsCmd struct {
	P       Pos
	Display bool
	Items   []*Projection
}

// FilterCmd is `filter expr` (also spelled `where`).
type FilterCmd struct {
	P    Pos
	Cond Expr
}

// StatsCmd is `stats agg, ... [by group, ...]`.
type StatsCmd struct {
	P    Pos
	Aggs []*Projection
	By   []*Projection
}

// SortKey is one key of a sort command.
type SortKey struct {
	Field *Field
	Desc  bool
}

// SortCmd is `sort field [asc|desc], ...`.
type SortCmd struct {
	P    Pos
	Keys []SortKey
}

// LimitCmd is `limit [any] N`.
type LimitCmd struct {
	P   Pos
	Any bool
	N   int
}

// ParseKind is the kind of pattern of a parse command.
type ParseKind int

// Parse pattern kinds.
const (
	ParseGlob   ParseKind = iota // "text * text" as a, b
	ParseRegex                   // /(?<a>...)/
	ParseLogfmt                  // logfmt as m
	ParseCSV                     // csv as a, b
)

// ParseCmd is `parse [field] pattern [as names] [multi]`.
type ParseCmd struct {
	P       Pos
	Source  *Field // nil means @message
	Kind    ParseKind
	Pattern string   // glob text or regex
	Names   []string // aliases, or the regex's named groups
	Multi   bool
}

// DedupCmd is `dedup field, ...`.
type DedupCmd struct {
	P      Pos
	Fields []*Field
}

// UnmaskCmd is `unmask [field, ...]`; offline it changes nothing.
type UnmaskCmd struct {
	P      Pos
	Fields []*Field
}

// Pos returns the position of the node.
func (c *FieldsCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *FilterCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *StatsCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *SortCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *LimitCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *ParseCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *DedupCmd) Pos() Pos { return c.P }

// Pos returns the position of the node.
func (c *UnmaskCmd) Pos() Pos { return c.P }

func (*FieldsCmd) command() {}
func (*FilterCmd) command() {}
func (*StatsCmd) command()  {}
func (*SortCmd) command()   {}
func (*LimitCmd) command()  {}
func (*ParseCmd) command()  {}
func (*DedupCmd) command()  {}
func (*UnmaskCmd) command() {}

// String returns the node in canonical query syntax.
func (c *FieldsCmd) String() string {
	kw := "fields "
	if c.Display {
		kw = "display "
	}
	return kw + joinNodes(c.Items)
}

// String returns the node in canonical query syntax.
func (c *FilterCmd) String() string { return "filter " + c.Cond.String() }

// String returns the node in canonical query syntax.
func (c *StatsCmd) String() string {
	s := "stats " + joinNodes(c.Aggs)
	if len(c.By) > 0 {
		s += " by " + joinNodes(c.By)
	}
	return s
}

// String returns the node in canonical query syntax.
func (c *SortCmd) String() string {
	parts := make([]string, len(c.Keys))
	for i, k := range c.Keys {
		parts[i] = k.Field.String() + " asc"
		if k.Desc {
			parts[i] = k.Field.String() + " desc"
		}
	}
	return "sort " + strings.Join(parts, ", ")
}

// String returns the node in canonical query syntax.
func (c *LimitCmd) String() string {
	if c.Any {
		return "limit any " + strconv.Itoa(c.N)
	}
	return "limit " + strconv.Itoa(c.N)
}

// String returns the node in canonical query syntax.
func (c *ParseCmd) String() string {
	var b strings.Builder
	b.WriteString("parse ")
	if c.Source != nil {
		b.WriteString(c.Source.String() + " ")
	}
	names := make([]string, len(c.Names))
	for i, n := range c.Names {
		names[i] = quoteName(n)
	}
	switch c.Kind {
	case ParseGlob:
		b.WriteString(quoteString(c.Pattern) + " as " + strings.Join(names, ", "))
	case ParseRegex:
		b.WriteString(quoteRegex(c.Pattern))
	case ParseLogfmt:
		b.WriteString("logfmt as " + strings.Join(names, ", "))
	case ParseCSV:
		b.WriteString("csv as " + strings.Join(names, ", "))
	}
	if c.Multi {
		b.WriteString(" multi")
	}
	return b.String()
}

// String returns the node in canonical query syntax.
func (c *DedupCmd) String() string { return "dedup " + joinNodes(c.Fields) }

// String returns the node in canonical query syntax.
func (c *UnmaskCmd) String() string {
	if len(c.Fields) == 0 {
		return "unmask"
	}
	return "unmask " + joinNodes(c.Fields)
}

// Field is a field reference: name segments joined by "." (`a.b`,
// `items.0.id`, `@message`).
type Field struct {
	P     Pos
	Parts []string
}

// Name returns the segments joined by ".", the flattened field name.
func (f *Field) Name() string { return strings.Join(f.Parts, ".") }

// NumberLit is a number literal.
type NumberLit struct {
	P   Pos
	Val float64
}

// StringLit is a string literal.
type StringLit struct {
	P   Pos
	Val string
}

// RegexLit is a /regex/ literal (RE2 syntax, named groups (?<name>...)).
type RegexLit struct {
	P       Pos
	Pattern string
}

// DurationLit is a period such as 5m or 1h: N units, Unit canonical
// (ms s m h d w mo q y).
type DurationLit struct {
	P    Pos
	N    int64
	Unit string
}

// Unary is `-x` or `not x`.
type Unary struct {
	P  Pos
	Op string // "-" or "not"
	X  Expr
}

// Binary is `x op y`; Op is one of or and = != < <= > >= =~ like "not like"
// + - * / % ^. P is the position of the operator.
type Binary struct {
	P  Pos
	Op string
	X  Expr
	Y  Expr
}

// In is `x [not] in [lit, ...]` or, with Sub set, `x [not] in (subquery)`.
// P is the position of the operator.
type In struct {
	P    Pos
	X    Expr
	Not  bool
	List []Expr
	Sub  *Query // a subquery instead of List (subquery.go runs it)
}

// Call is a function or aggregate call; Name is the documented spelling.
// Star is set for count(*).
type Call struct {
	P    Pos
	Name string
	Args []Expr
	Star bool
}

// Pos returns the position of the node.
func (e *Field) Pos() Pos { return e.P }

// Pos returns the position of the node.
func (e *NumberLit) Pos() Pos { return e.P }

// Pos returns the position of the node.
func (e *StringLit) Pos() Pos { return e.P }

// Pos returns the position of the node.
func (e *RegexLit) Pos() Pos { return e.P }

// Pos returns the position of the node.
func (e *DurationLit) Pos() Pos { return e.P }

// Pos returns the position of the node.
func (e *Unary) Pos() Pos { return e.P }

// Pos returns the position of the node.
func (e *Binary) Pos() Pos { return e.X.Pos() }

// Pos returns the position of the node.
func (e *In) Pos() Pos { return e.X.Pos() }

// Pos returns the position of the node.
func (e *Call) Pos() Pos { return e.P }

func (*Field) expr()       {}
func (*NumberLit) expr()   {}
func (*StringLit) expr()   {}
func (*RegexLit) expr()    {}
func (*DurationLit) expr() {}
func (*Unary) expr()       {}
func (*Binary) expr()      {}
func (*In) expr()          {}
func (*Call) expr()        {}

// String returns the node in canonical query syntax.
func (e *Field) String() string {
	parts := make([]string, len(e.Parts))
	for i, p := range e.Parts {
		if i == 0 {
			parts[i] = quoteName(p)
		} else {
			parts[i] = quoteSegment(p)
		}
	}
	return strings.Join(parts, ".")
}

// String returns the node in canonical query syntax.
func (e *NumberLit) String() string { return strconv.FormatFloat(e.Val, 'f', -1, 64) }

// String returns the node in canonical query syntax.
func (e *StringLit) String() string { return quoteString(e.Val) }

// String returns the node in canonical query syntax.
func (e *RegexLit) String() string { return quoteRegex(e.Pattern) }

// String returns the node in canonical query syntax.
func (e *DurationLit) String() string { return strconv.FormatInt(e.N, 10) + e.Unit }

// String returns the node in canonical query syntax.
func (e *Unary) String() string {
	x := e.X.String()
	if precedence(e.X) < precUnary {
		x = "(" + x + ")"
	}
	if e.Op == "not" {
		return "not " + x
	}
	return "-" + x
}

// String returns the node in canonical query syntax.
func (e *Binary) String() string {
	p := binaryPrec[e.Op]
	x, y := e.X.String(), e.Y.String()
	if px := precedence(e.X); px < p || p == precCmp && px == precCmp {
		x = "(" + x + ")"
	}
	if precedence(e.Y) <= p {
		y = "(" + y + ")"
	}
	return x + " " + e.Op + " " + y
}

// String returns the node in canonical query syntax.
func (e *In) String() string {
	x := e.X.String()
	if precedence(e.X) <= precCmp {
		x = "(" + x + ")"
	}
	op := " in "
	if e.Not {
		op = " not in "
	}
	if e.Sub != nil {
		return x + op + "(" + e.Sub.String() + ")"
	}
	return x + op + "[" + joinNodes(e.List) + "]"
}

// String returns the node in canonical query syntax.
func (e *Call) String() string {
	if e.Star {
		return e.Name + "(*)"
	}
	return e.Name + "(" + joinNodes(e.Args) + ")"
}

// Operator precedence levels, loosest first.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCmp
	precAdd
	precMul
	precPow
	precUnary
	precPrimary
)

var binaryPrec = map[string]int{
	"or": precOr, "and": precAnd,
	"=": precCmp, "!=": precCmp, "<": precCmp, "<=": precCmp, ">": precCmp, ">=": precCmp,
	"=~": precCmp, "like": precCmp, "not like": precCmp,
	"+": precAdd, "-": precAdd, "*": precMul, "/": precMul, "%": precMul, "^": precPow,
}

// precedence returns how tightly e binds when printed.
func precedence(e Expr) int {
	switch e := e.(type) {
	case *Binary:
		return binaryPrec[e.Op]
	case *In:
		return precCmp
	case *Unary:
		if e.Op == "not" {
			return precNot
		}
		return precUnary
	case *NumberLit:
		if e.Val < 0 {
			return precUnary
		}
	}
	return precPrimary
}

// reserved are words that must be backquoted when used as a field name.
var reserved = map[string]bool{
	"and": true, "or": true, "not": true, "like": true, "in": true, "as": true,
	"by": true, "asc": true, "desc": true, "multi": true, "any": true, "logfmt": true, "csv": true,
}

// quoteSegment returns a name segment bare when it lexes back as itself,
// otherwise backquoted.
func quoteSegment(s string) string {
	ok := s != ""
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	if len(s) > 1 && s[0] == '@' {
		return "@`" + s[1:] + "`"
	}
	return "`" + s + "`"
}

// quoteName quotes a whole name (alias or first segment): backquoted when it
// has other bytes than [A-Za-z0-9_@], starts with a digit or is a keyword.
func quoteName(s string) string {
	if s != "" && (isDigit(s[0]) || reserved[strings.ToLower(s)]) {
		return "`" + s + "`"
	}
	return quoteSegment(s)
}

// quoteString returns s as a double-quoted string literal.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteRegex returns p as a /regex/ literal.
func quoteRegex(p string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
		case c == '/':
			b.WriteString(`\/`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('/')
	return b.String()
}
