// Package regexbound measures how much work a regular expression can cost,
// before it is compiled, for the filter pattern and Logs Insights engines.
//
// Go's regexp (RE2) matches in time proportional to the size of the
// compiled program times the length of the text: in the worst case every
// instruction is a live thread at every byte. A counted repetition such as
// a{1000} compiles to a thousand copies of its operand, so a short
// expression can compile to a program that takes minutes per megabyte.
// Size estimates the program from the parse tree, so that a caller can
// refuse it before compiling it.
package regexbound

import "regexp/syntax"

// ceiling is where Size saturates instead of overflowing.
const ceiling = 1 << 30

// Size estimates the number of instructions re compiles to, the work per
// byte of text in the worst case: a counted repetition costs its count times
// its operand, a literal one per character, a character class one. It is
// within a few instructions of len(syntax.Compile(re.Simplify()).Inst) (see
// the tests) and saturates at 2^30 instead of overflowing.
func Size(re *syntax.Regexp) int {
	add := func(a, b int) int { return min(a+b, ceiling) }
	mul := func(a, b int) int {
		if a != 0 && b > ceiling/a {
			return ceiling
		}
		return a * b
	}
	switch re.Op {
	case syntax.OpLiteral:
		return max(len(re.Rune), 1)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return add(Size(re.Sub[0]), 1)
	case syntax.OpRepeat:
		sub := Size(re.Sub[0])
		if re.Max < 0 {
			return add(mul(sub, re.Min), add(sub, 1))
		}
		return add(mul(sub, re.Min), mul(add(sub, 1), re.Max-re.Min))
	case syntax.OpCapture:
		return Size(re.Sub[0])
	case syntax.OpConcat, syntax.OpAlternate:
		n := len(re.Sub) - 1
		for _, sub := range re.Sub {
			n = add(n, Size(sub))
		}
		return n
	}
	return 1
}
