package compositerule

// Node is a node of the syntax tree of an alarm rule. Pos is the byte
// offset of the node in the rule; String renders the node so that parsing
// it gives the same tree back (positions aside): parentheses are kept as
// *Paren nodes, and each alarm name keeps its quoting.
type Node interface {
	Pos() int
	String() string
	node()
}

// State is an alarm state, as a state function names it and as the state
// callback of Eval returns it.
type State string

// Alarm states.
const (
	StateOK               State = "OK"
	StateAlarm            State = "ALARM"
	StateInsufficientData State = "INSUFFICIENT_DATA"
)

// Bool is TRUE or FALSE.
type Bool struct {
	Offset int
	Value  bool
}

// Func is a state function, ALARM(name), OK(name) or
// INSUFFICIENT_DATA(name): true when the alarm named Alarm (a name or an
// ARN) is in State. Quoted records whether the name was written between
// double quotes; AlarmOffset is the position of the name.
type Func struct {
	Offset      int
	State       State
	Alarm       string
	Quoted      bool
	AlarmOffset int
}

// Not is NOT X.
type Not struct {
	Offset int
	X      Node
}

// Op is a binary operator.
type Op string

// Binary operators.
const (
	OpAnd Op = "AND"
	OpOr  Op = "OR"
)

// Binary is X AND Y or X OR Y. Offset is the position of the operator.
type Binary struct {
	Offset int
	Op     Op
	X, Y   Node
}

// Paren is a parenthesized rule.
type Paren struct {
	Offset int
	X      Node
}

// Pos returns the byte offset of the Bool in the rule.
func (n *Bool) Pos() int { return n.Offset }

// Pos returns the byte offset of the Func in the rule.
func (n *Func) Pos() int { return n.Offset }

// Pos returns the byte offset of the Not in the rule.
func (n *Not) Pos() int { return n.Offset }

// Pos returns the byte offset of the Binary's operator in the rule.
func (n *Binary) Pos() int { return n.Offset }

// Pos returns the byte offset of the Paren in the rule.
func (n *Paren) Pos() int { return n.Offset }

func (*Bool) node()   {}
func (*Func) node()   {}
func (*Not) node()    {}
func (*Binary) node() {}
func (*Paren) node()  {}

// String returns TRUE or FALSE.
func (n *Bool) String() string {
	if n.Value {
		return "TRUE"
	}
	return "FALSE"
}

// String returns STATE(name), or STATE("name") when it was quoted.
func (n *Func) String() string {
	if n.Quoted {
		return string(n.State) + `("` + n.Alarm + `")`
	}
	return string(n.State) + "(" + n.Alarm + ")"
}

// String returns NOT X.
func (n *Not) String() string { return "NOT " + n.X.String() }

// String returns X AND Y or X OR Y.
func (n *Binary) String() string { return n.X.String() + " " + string(n.Op) + " " + n.Y.String() }

// String returns (X).
func (n *Paren) String() string { return "(" + n.X.String() + ")" }
