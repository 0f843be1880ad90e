package filterpattern

import (
	"strconv"
	"strings"
)

// Node is a node of the syntax tree of a filter pattern. Pos is the byte
// offset of the node in the pattern source; String renders the node in
// canonical filter pattern syntax, so that parsing String gives the same
// tree back (positions aside).
type Node interface {
	Pos() int
	String() string
}

// MatchAll is an empty or blank pattern, or a quoted blank (" "): it
// matches every event.
type MatchAll struct {
	Offset int
}

// TermList is an unstructured term pattern: terms separated by blanks.
type TermList struct {
	Offset int
	Terms  []*Term
}

// TermPrefix is the optional prefix of a term: none, '?' (any of) or '-'
// (must not contain).
type TermPrefix byte

// Term prefixes.
const (
	PrefixNone    TermPrefix = 0
	PrefixAny     TermPrefix = '?'
	PrefixExclude TermPrefix = '-'
)

// Term is one term of a TermList: a bare word or a quoted phrase, with an
// optional prefix. Text is the unescaped text to search for.
type Term struct {
	Offset int
	Prefix TermPrefix
	Text   string
	Quoted bool
}

// Regex is a standalone %regex% pattern. Body is the text between the
// percent signs, as written.
type Regex struct {
	Offset int
	Body   string
}

// JSONPattern is a { ... } pattern holding one boolean expression.
type JSONPattern struct {
	Offset int
	Expr   Expr
}

// Expr is a boolean expression of a JSON pattern: *BinaryExpr, *ParenExpr
// or *Condition.
type Expr interface {
	Node
	expr()
}

// BinaryExpr is X && Y or X || Y. Offset is the position of the operator.
type BinaryExpr struct {
	Offset int
	Op     string // "&&" or "||"
	X, Y   Expr
}

// ParenExpr is a parenthesized expression, kept in the tree so that String
// writes the parentheses back.
type ParenExpr struct {
	Offset int
	X      Expr
}

// Op is a comparison operator or a unary test of a condition.
type Op string

// Operators. OpIsNull, OpIsTrue, OpIsFalse and OpNotExists take no value.
const (
	OpEq        Op = "="
	OpNe        Op = "!="
	OpLt        Op = "<"
	OpLe        Op = "<="
	OpGt        Op = ">"
	OpGe        Op = ">="
	OpIsNull    Op = "IS NULL"
	OpIsTrue    Op = "IS TRUE"
	OpIsFalse   Op = "IS FALSE"
	OpNotExists Op = "NOT EXISTS"
)

// unary reports whether op takes no value.
func (op Op) unary() bool {
	return op == OpIsNull || op == OpIsTrue || op == OpIsFalse || op == OpNotExists
}

// Condition is "selector op value" or "selector IS NULL" and the like.
// Value is nil for unary operators.
type Condition struct {
	Offset   int
	Selector *Selector
	Op       Op
	Value    *Value
}

// Selector is a JSON path such as $.a.b[0].* or $.['cluster.name'].
type Selector struct {
	Offset int
	Steps  []Step
}

// StepKind is the kind of one selector step.
type StepKind int

// Selector step kinds.
const (
	StepKey      StepKind = iota // .name or .['name']
	StepIndex                    // [3]
	StepWildcard                 // .* or [*]
)

// Step is one step of a Selector. Bracket records the written form: .['k']
// rather than .k, or [*] rather than .*.
type Step struct {
	Kind    StepKind
	Key     string
	Index   int
	Bracket bool
}

// ValueKind is the kind of a comparison value.
type ValueKind int

// Value kinds.
const (
	ValueString ValueKind = iota // "quoted text" (may hold * globs)
	ValueBare                    // unquoted text such as ConsoleLogin or 123.123.* (may hold * globs)
	ValueNumber                  // 404, -1.5, 1e+3
	ValueRegex                   // %regex%
	ValueAny                     // a lone *: the field exists
)

// Value is the right-hand side of a comparison. Text is the unescaped
// string, the number or the regex body as written; Number holds the value
// of a ValueNumber.
type Value struct {
	Offset int
	Kind   ValueKind
	Text   string
	Number float64
}

// SpacePattern is a space-delimited [ ... ] pattern.
type SpacePattern struct {
	Offset int
	Fields []*Field
}

// Field is one field of a SpacePattern: "..." (Ellipsis), or a name with an
// optional condition.
type Field struct {
	Offset   int
	Name     string
	Ellipsis bool
	Cond     FieldExpr // nil when the field has no condition
}

// FieldExpr is the condition of a field: *FieldBinary or *FieldCond.
type FieldExpr interface {
	Node
	fieldExpr()
}

// FieldBinary is X && Y or X || Y inside one field.
type FieldBinary struct {
	Offset int
	Op     string // "&&" or "||"
	X, Y   FieldExpr
}

// FieldCond is "name op value" inside a field. Name is always the name of
// the enclosing field (the first condition borrows it from the field).
type FieldCond struct {
	Offset int
	Name   string
	Op     Op
	Value  *Value
}

// Pos returns the byte offset of the MatchAll in the pattern.
func (n *MatchAll) Pos() int { return n.Offset }

// Pos returns the byte offset of the TermList in the pattern.
func (n *TermList) Pos() int { return n.Offset }

// Pos returns the byte offset of the Term in the pattern.
func (n *Term) Pos() int { return n.Offset }

// Pos returns the byte offset of the Regex in the pattern.
func (n *Regex) Pos() int { return n.Offset }

// Pos returns the byte offset of the JSONPattern in the pattern.
func (n *JSONPattern) Pos() int { return n.Offset }

// Pos returns the byte offset of the BinaryExpr in the pattern.
func (n *BinaryExpr) Pos() int { return n.Offset }

// Pos returns the byte offset of the ParenExpr in the pattern.
func (n *ParenExpr) Pos() int { return n.Offset }

// Pos returns the byte offset of the Condition in the pattern.
func (n *Condition) Pos() int { return n.Offset }

// Pos returns the byte offset of the Selector in the pattern.
func (n *Selector) Pos() int { return n.Offset }

// Pos returns the byte offset of the Value in the pattern.
func (n *Value) Pos() int { return n.Offset }

// Pos returns the byte offset of the SpacePattern in the pattern.
func (n *SpacePattern) Pos() int { return n.Offset }

// Pos returns the byte offset of the Field in the pattern.
func (n *Field) Pos() int { return n.Offset }

// Pos returns the byte offset of the FieldBinary in the pattern.
func (n *FieldBinary) Pos() int { return n.Offset }

// Pos returns the byte offset of the FieldCond in the pattern.
func (n *FieldCond) Pos() int { return n.Offset }

func (*BinaryExpr) expr()       {}
func (*ParenExpr) expr()        {}
func (*Condition) expr()        {}
func (*FieldBinary) fieldExpr() {}
func (*FieldCond) fieldExpr()   {}

// String returns "": the canonical match-everything pattern.
func (n *MatchAll) String() string { return "" }

// String returns the terms joined by single spaces.
func (n *TermList) String() string {
	parts := make([]string, len(n.Terms))
	for i, t := range n.Terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}

// String returns the term with its prefix, quoted if it was quoted.
func (n *Term) String() string {
	s := n.Text
	if n.Quoted {
		s = quote(s)
	}
	if n.Prefix != PrefixNone {
		s = string(n.Prefix) + s
	}
	return s
}

// String returns %body%.
func (n *Regex) String() string { return "%" + n.Body + "%" }

// String returns { expr }.
func (n *JSONPattern) String() string { return "{ " + n.Expr.String() + " }" }

// String returns X op Y.
func (n *BinaryExpr) String() string { return n.X.String() + " " + n.Op + " " + n.Y.String() }

// String returns (X).
func (n *ParenExpr) String() string { return "(" + n.X.String() + ")" }

// String returns "selector op value" or "selector IS NULL" and the like.
func (n *Condition) String() string {
	if n.Op.unary() {
		return n.Selector.String() + " " + string(n.Op)
	}
	return n.Selector.String() + " " + string(n.Op) + " " + n.Value.String()
}

// String returns the selector in the form it was written.
func (n *Selector) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range n.Steps {
		switch s.Kind {
		case StepKey:
			if s.Bracket {
				b.WriteString(".['" + s.Key + "']")
			} else {
				b.WriteString("." + s.Key)
			}
		case StepIndex:
			b.WriteString("[" + strconv.Itoa(s.Index) + "]")
		case StepWildcard:
			if s.Bracket {
				b.WriteString("[*]")
			} else {
				b.WriteString(".*")
			}
		}
	}
	return b.String()
}

// String returns the value as written: quoted strings re-quoted, regexes
// between percent signs.
func (n *Value) String() string {
	switch n.Kind {
	case ValueString:
		return quote(n.Text)
	case ValueRegex:
		return "%" + n.Text + "%"
	case ValueAny:
		return "*"
	default:
		return n.Text
	}
}

// String returns [field, field, ...].
func (n *SpacePattern) String() string {
	parts := make([]string, len(n.Fields))
	for i, f := range n.Fields {
		parts[i] = f.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// String returns "...", the name, or the field's condition (which starts
// with the name).
func (n *Field) String() string {
	switch {
	case n.Ellipsis:
		return "..."
	case n.Cond != nil:
		return n.Cond.String()
	default:
		return n.Name
	}
}

// String returns X op Y.
func (n *FieldBinary) String() string { return n.X.String() + " " + n.Op + " " + n.Y.String() }

// String returns "name op value".
func (n *FieldCond) String() string { return n.Name + " " + string(n.Op) + " " + n.Value.String() }

// quote returns s between double quotes, escaping '"' and '\' with a
// backslash (the quoting rule of aws-cdk's pattern.ts).
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
