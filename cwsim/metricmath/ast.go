package metricmath

import "strings"

// Node is a node of the syntax tree of a metric math expression. Pos is
// the byte offset of the node in the source; String renders the node so
// that parsing it gives the same tree back (positions aside): parentheses
// are kept as *Paren nodes, and numbers and operators keep their spelling.
type Node interface {
	Pos() int
	String() string
	node()
}

// Number is a number literal such as 0, 2.5 or 1e3. Text is the literal as
// written; Value its value.
type Number struct {
	Offset int
	Text   string
	Value  float64
}

// Ref is the Id of another metric or expression, such as m1 or errors: a
// lower-case letter, then letters, digits and underscores.
type Ref struct {
	Offset int
	ID     string
}

// StringLit is a quoted string argument, as SEARCH('{AWS/EC2} CPU',
// 'Average', 300) and METRICS("errors") take. Quote is the quote character
// (' or "); Text the characters between the quotes (there are no escapes,
// so Text never holds Quote).
type StringLit struct {
	Offset int
	Quote  byte
	Text   string
}

// Keyword is an upper-case word used as an argument: REPEAT or LINEAR in
// FILL, the statistic and the order in SORT.
type Keyword struct {
	Offset int
	Name   string
}

// Op is an operator, as written.
type Op string

// Operators. OpAnd and OpAndSym (and OpOr, OpOrSym) mean the same; the
// spelling is kept so that String gives the source's spelling back.
const (
	OpAdd    Op = "+"
	OpSub    Op = "-"
	OpMul    Op = "*"
	OpDiv    Op = "/"
	OpPow    Op = "^"
	OpEq     Op = "=="
	OpNe     Op = "!="
	OpLt     Op = "<"
	OpLe     Op = "<="
	OpGt     Op = ">"
	OpGe     Op = ">="
	OpAnd    Op = "AND"
	OpAndSym Op = "&&"
	OpOr     Op = "OR"
	OpOrSym  Op = "||"
)

// Unary is unary subtraction, -X.
type Unary struct {
	Offset int
	X      Node
}

// Binary is X Op Y. Offset is the position of the operator.
type Binary struct {
	Offset int
	Op     Op
	X, Y   Node
}

// Paren is a parenthesized expression.
type Paren struct {
	Offset int
	X      Node
}

// Call is a function call such as IF(a > 0, b / a, 0). Func is the
// upper-case function name.
type Call struct {
	Offset int
	Func   string
	Args   []Node
}

// Array is an array of time series, [X, Y, ...].
type Array struct {
	Offset int
	Elems  []Node
}

// Pos returns the byte offset of the Number in the expression.
func (n *Number) Pos() int { return n.Offset }

// Pos returns the byte offset of the Ref in the expression.
func (n *Ref) Pos() int { return n.Offset }

// Pos returns the byte offset of the StringLit in the expression.
func (n *StringLit) Pos() int { return n.Offset }

// Pos returns the byte offset of the Keyword in the expression.
func (n *Keyword) Pos() int { return n.Offset }

// Pos returns the byte offset of the Unary in the expression.
func (n *Unary) Pos() int { return n.Offset }

// Pos returns the byte offset of the Binary's operator in the expression.
func (n *Binary) Pos() int { return n.Offset }

// Pos returns the byte offset of the Paren in the expression.
func (n *Paren) Pos() int { return n.Offset }

// Pos returns the byte offset of the Call in the expression.
func (n *Call) Pos() int { return n.Offset }

// Pos returns the byte offset of the Array in the expression.
func (n *Array) Pos() int { return n.Offset }

func (*Number) node()    {}
func (*Ref) node()       {}
func (*StringLit) node() {}
func (*Keyword) node()   {}
func (*Unary) node()     {}
func (*Binary) node()    {}
func (*Paren) node()     {}
func (*Call) node()      {}
func (*Array) node()     {}

// String returns the number as written.
func (n *Number) String() string { return n.Text }

// String returns the Id.
func (n *Ref) String() string { return n.ID }

// String returns the string between its quotes.
func (n *StringLit) String() string { return string(n.Quote) + n.Text + string(n.Quote) }

// String returns the keyword.
func (n *Keyword) String() string { return n.Name }

// String returns -X.
func (n *Unary) String() string { return "-" + n.X.String() }

// String returns X Op Y.
func (n *Binary) String() string { return n.X.String() + " " + string(n.Op) + " " + n.Y.String() }

// String returns (X).
func (n *Paren) String() string { return "(" + n.X.String() + ")" }

// String returns FUNC(arg, arg, ...).
func (n *Call) String() string { return n.Func + "(" + join(n.Args) + ")" }

// String returns [X, Y, ...].
func (n *Array) String() string { return "[" + join(n.Elems) + "]" }

// join renders nodes separated by ", ".
func join(nodes []Node) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = n.String()
	}
	return strings.Join(parts, ", ")
}

// unparen returns n without the parentheses around it.
func unparen(n Node) Node {
	for {
		p, ok := n.(*Paren)
		if !ok {
			return n
		}
		n = p.X
	}
}
