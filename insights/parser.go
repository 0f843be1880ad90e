package insights

import (
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"
)

// Parse parses a Logs Insights query. The error is an *Error, or an
// ErrorList when there are several.
func Parse(src string) (*Query, error) {
	if err := checkSize(src); err != nil {
		return nil, err
	}
	p := &parser{lx: lexer{src: src}, src: src}
	q := p.parseQuery()
	if err := p.errs.err(); err != nil {
		return nil, err
	}
	q.src = src
	q.regexSize = p.regexSize
	if errs := check(q); len(errs) > 0 {
		return nil, errs.err()
	}
	return q, nil
}

// MustParse is Parse for queries known to be valid; it panics on error.
func MustParse(src string) *Query {
	q, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return q
}

// parser is a recursive-descent parser with one token of lookahead.
type parser struct {
	lx      lexer
	src     string
	tok     token
	errs    ErrorList
	prevEnd int // end offset of the token before tok
	depth   int // nesting of expressions and subqueries (see enter)
	// regexSize is the size of the regexes of the query being parsed
	// (see checkRegex).
	regexSize int
}

// bailout unwinds the parse of one command after an error.
type bailout struct{}

func (p *parser) failAt(pos int, format string, args ...any) {
	p.errs = append(p.errs, newError(p.src, pos, format, args...))
	panic(bailout{})
}

func (p *parser) next() {
	t, err := p.lx.next()
	if err != nil {
		p.errs = append(p.errs, err)
		p.tok = token{kind: tIllegal, pos: err.Offset}
		panic(bailout{})
	}
	p.prevEnd = p.tok.end
	p.tok = t
}

// peek returns the token after the current one without consuming it.
func (p *parser) peek() token {
	save := p.lx.pos
	t, err := p.lx.next()
	p.lx.pos = save
	if err != nil {
		return token{kind: tEOF, pos: save}
	}
	return t
}

// describe names the current token for an error message.
func (p *parser) describe() string {
	t := p.tok
	switch t.kind {
	case tEOF:
		return "end of query"
	case tIdent, tNumber, tDuration, tString:
		return strconv.Quote(p.src[t.pos:t.end])
	}
	return tokNames[t.kind]
}

func (p *parser) expected(what string) {
	p.failAt(p.tok.pos, "expected %s, found %s", what, p.describe())
}

func (p *parser) expect(k tokKind, context string) token {
	if p.tok.kind != k {
		p.expected(tokNames[k] + context)
	}
	t := p.tok
	p.next()
	return t
}

// renamedCommands are spellings that are not Logs Insights commands, with
// what to write instead.
var renamedCommands = map[string]string{
	"head": "limit", "tail": "sort and limit", "eval": "fields",
}

// exprKeywords cannot be field names without backquotes.
var exprKeywords = map[string]bool{"and": true, "or": true, "not": true, "like": true, "in": true, "as": true, "by": true}

const commandList = "fields, display, filter, stats, sort, limit, parse, dedup, unnest, lookup, pattern, diff, SOURCE, ... (see the Logs Insights command reference)"

// parseQuery parses
//
//	query := command ( "|" command )*
//
// After an error it skips to the next "|" so that later commands are checked
// too.
func (p *parser) parseQuery() *Query {
	q := &Query{}
	first := true
	for {
		ok := func() (ok bool) {
			defer func() {
				if r := recover(); r != nil {
					if _, isBail := r.(bailout); !isBail {
						panic(r)
					}
					ok = false
				}
			}()
			if first {
				p.next()
				if p.tok.kind == tEOF {
					p.failAt(p.tok.pos, "expected a command (%s), found end of query", commandList)
				}
			}
			p.depth = 0
			q.Commands = append(q.Commands, p.parseCommand())
			if p.tok.kind != tPipe && p.tok.kind != tEOF {
				p.expected(`"|" or end of query`)
			}
			return true
		}()
		first = false
		if !ok {
			if !p.skipToPipe() {
				return q
			}
		}
		if p.tok.kind == tEOF {
			return q
		}
		// p.tok is "|"
		if !p.safeNext() {
			if !p.skipToPipe() {
				return q
			}
		}
	}
}

// safeNext advances, recording a lexical error instead of panicking.
func (p *parser) safeNext() (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			ok = false
		}
	}()
	p.next()
	return true
}

// skipToPipe moves past the next "|" that is outside strings; it reports
// false at the end of the query.
func (p *parser) skipToPipe() bool {
	if p.tok.kind == tPipe {
		return true
	}
	for {
		t, err := p.lx.next()
		if err != nil {
			// skip the bad byte
			p.lx.pos = err.Offset + 1
			if p.lx.pos >= len(p.src) {
				return false
			}
			continue
		}
		if t.kind == tEOF {
			return false
		}
		if t.kind == tPipe {
			p.tok = t
			return true
		}
	}
}

// parseCommand parses
//
//	command := fields | display | filter | stats | sort | limit | parse | dedup | unmask
func (p *parser) parseCommand() Command {
	t := p.tok
	if t.kind != tIdent || t.quoted || len(t.parts) != 1 {
		p.expected("a command (" + commandList + ")")
	}
	name := strings.ToLower(t.parts[0])
	pos := Pos(t.pos)
	switch name {
	case "fields", "display":
		p.next()
		return &FieldsCmd{P: pos, Display: name == "display", Items: p.parseProjections(name)}
	case "filter", "where":
		p.next()
		if p.tok.kind == tEOF || p.tok.kind == tPipe {
			p.expected(fmt.Sprintf("a condition after %q", name))
		}
		return &FilterCmd{P: pos, Cond: p.parseExpr()}
	case "stats":
		return p.parseStats()
	case "sort":
		return p.parseSort()
	case "limit":
		return p.parseLimit()
	case "parse":
		return p.parseParse()
	case "dedup":
		p.next()
		return &DedupCmd{P: pos, Fields: p.parseFieldList("dedup", false)}
	case "unmask":
		p.next()
		c := &UnmaskCmd{P: pos}
		if p.tok.kind == tLParen {
			p.next()
			c.Fields = p.parseFieldList("unmask(", false)
			p.expect(tRParen, ` after the field of unmask(`)
		} else {
			c.Fields = p.parseFieldList("unmask", true)
		}
		return c
	}
	if c := p.parseNewerCommand(name, pos); c != nil {
		return c
	}
	if instead, ok := renamedCommands[name]; ok {
		p.failAt(t.pos, "unknown command %q: Logs Insights has no such command; use %s", t.parts[0], instead)
	}
	p.failAt(t.pos, "unknown command %q: expected one of %s", p.src[t.pos:t.end], commandList)
	return nil
}

// parseProjections parses
//
//	proj := expr ( "as" name )?
//	projections := proj ( "," proj )*
func (p *parser) parseProjections(after string) []*Projection {
	var items []*Projection
	for after := range p.commaList(after) {
		if p.tok.kind == tEOF || p.tok.kind == tPipe || p.tok.kind == tComma || p.tok.keyword("by") {
			p.expected(fmt.Sprintf("an expression after %q", after))
		}
		item := &Projection{Expr: p.parseExpr()}
		if p.tok.keyword("as") {
			p.next()
			item.Alias = p.parseName(`"as"`)
		}
		items = append(items, item)
	}
	return items
}

// commaList iterates over the items of a comma-separated list, consuming
// the commas: the body parses one item. It yields what the item follows, for
// error messages: after for the first item, "," for the others.
func (p *parser) commaList(after string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for yield(after) && p.tok.kind == tComma {
			after = ","
			p.next()
		}
	}
}

// parseName parses an alias: a name of one or more segments.
func (p *parser) parseName(after string) string {
	if p.tok.kind != tIdent {
		p.expected("a name after " + after)
	}
	name := strings.Join(p.tok.parts, ".")
	p.next()
	return name
}

// parseField parses a field reference.
func (p *parser) parseField(what string) *Field {
	if p.tok.kind != tIdent {
		p.expected(what)
	}
	f := &Field{P: Pos(p.tok.pos), Parts: p.tok.parts}
	p.next()
	return f
}

// parseFieldList parses
//
//	fields := field ( "," field )*
//
// An empty list is allowed when optional is set.
func (p *parser) parseFieldList(after string, optional bool) []*Field {
	if optional && (p.tok.kind == tEOF || p.tok.kind == tPipe) {
		return nil
	}
	var fs []*Field
	for after := range p.commaList(after) {
		fs = append(fs, p.parseField(fmt.Sprintf("a field name after %q", after)))
	}
	return fs
}

// parseStats parses
//
//	stats := "stats" proj ( "," proj )* ( "by" proj ( "," proj )* )?
func (p *parser) parseStats() *StatsCmd {
	c := &StatsCmd{P: Pos(p.tok.pos)}
	p.next()
	c.Aggs = p.parseProjections("stats")
	if p.tok.keyword("by") {
		p.next()
		c.By = p.parseProjections("by")
	}
	return c
}

// parseSort parses
//
//	sort := "sort" field ( "asc" | "desc" )? ( "," field ( "asc" | "desc" )? )*
func (p *parser) parseSort() *SortCmd {
	c := &SortCmd{P: Pos(p.tok.pos)}
	p.next()
	for after := range p.commaList("sort") {
		k := SortKey{Field: p.parseField(fmt.Sprintf("a field name after %q", after))}
		switch {
		case p.tok.keyword("asc"):
			p.next()
		case p.tok.keyword("desc"):
			k.Desc = true
			p.next()
		}
		c.Keys = append(c.Keys, k)
	}
	return c
}

// parseLimit parses
//
//	limit := "limit" "any"? int
func (p *parser) parseLimit() *LimitCmd {
	c := &LimitCmd{P: Pos(p.tok.pos)}
	p.next()
	if p.tok.keyword("any") && p.peek().kind == tNumber {
		c.Any = true
		p.next()
	}
	if p.tok.kind != tNumber {
		p.expected(`a number after "limit"`)
	}
	n, err := strconv.Atoi(p.tok.val)
	if err != nil || n < 1 || n > MaxLimit {
		p.failAt(p.tok.pos, "limit must be a whole number from 1 to %d, found %s", MaxLimit, p.tok.val)
	}
	c.N = n
	p.next()
	return c
}

// parseParse parses
//
//	parse := "parse" field? ( string "as" name ( "," name )*
//	                        | regex
//	                        | "logfmt" "as" name
//	                        | "csv" "as" name ( "," name )* ) "multi"?
func (p *parser) parseParse() *ParseCmd {
	c := &ParseCmd{P: Pos(p.tok.pos)}
	p.next()
	mode := func() bool {
		return (p.tok.keyword("logfmt") || p.tok.keyword("csv")) && p.peek().keyword("as")
	}
	if p.tok.kind == tIdent && !mode() {
		c.Source = p.parseField("a field")
	}
	switch {
	case p.tok.kind == tString:
		c.Kind, c.Pattern = ParseGlob, p.tok.val
		strPos := p.tok.pos
		p.next()
		if !p.tok.keyword("as") {
			p.expected(`"as" and names after the parse pattern`)
		}
		p.next()
		c.Names = p.parseNames()
		if stars := strings.Count(c.Pattern, "*"); stars != len(c.Names) {
			p.failAt(strPos, "parse pattern has %d * but %d names follow \"as\"; they must be equal", stars, len(c.Names))
		}
		p.checkRegex(strPos, globRegex(c.Pattern), "parse pattern")
	case p.tok.kind == tSlash:
		t, err := p.lx.rescanRegex(p.tok.pos)
		if err != nil {
			p.errs = append(p.errs, err)
			panic(bailout{})
		}
		c.Kind, c.Pattern = ParseRegex, t.val
		for _, n := range p.checkRegex(t.pos, t.val, "regex").CapNames() {
			if n != "" {
				c.Names = append(c.Names, n)
			}
		}
		if len(c.Names) == 0 {
			p.failAt(t.pos, "parse regex needs named groups such as (?<name>...)")
		}
		p.next()
	case mode():
		c.Kind = ParseLogfmt
		if p.tok.keyword("csv") {
			c.Kind = ParseCSV
		}
		p.next()
		p.next() // "as"
		c.Names = p.parseNames()
		if c.Kind == ParseLogfmt && len(c.Names) != 1 {
			p.failAt(int(c.P), "parse logfmt takes one name, found %d", len(c.Names))
		}
	default:
		p.expected(`a "glob" string, a /regex/, logfmt or csv after "parse"`)
	}
	if p.tok.keyword("multi") {
		c.Multi = true
		p.next()
	}
	return c
}

func (p *parser) parseNames() []string {
	var names []string
	for range p.commaList("") {
		names = append(names, p.parseName(`"as"`))
	}
	return names
}

// parseExpr parses
//
//	or  := and ( "or" and )*
func (p *parser) parseExpr() Expr {
	p.enter()
	defer p.leave()
	x := p.parseAnd()
	for p.tok.keyword("or") {
		pos := p.tok.pos
		p.next()
		x = &Binary{P: Pos(pos), Op: "or", X: x, Y: p.parseAnd()}
	}
	return x
}

// parseAnd parses
//
//	and := not ( "and" not )*
func (p *parser) parseAnd() Expr {
	x := p.parseNot()
	for p.tok.keyword("and") {
		pos := p.tok.pos
		p.next()
		x = &Binary{P: Pos(pos), Op: "and", X: x, Y: p.parseNot()}
	}
	return x
}

// parseNot parses
//
//	not := "not" not | cmp
func (p *parser) parseNot() Expr {
	if p.tok.keyword("not") {
		p.enter()
		defer p.leave()
		pos := p.tok.pos
		p.next()
		return &Unary{P: Pos(pos), Op: "not", X: p.parseNot()}
	}
	return p.parseCmp()
}

var cmpOps = map[tokKind]string{tEq: "=", tNe: "!=", tLt: "<", tLe: "<=", tGt: ">", tGe: ">="}

// parseCmp parses
//
//	cmp   := add ( cmpop add
//	             | "not"? "like" ( string | regex )
//	             | "=~" ( regex | string )
//	             | "not"? "in" "[" literal ( "," literal )* "]" )?
//	cmpop := "=" | "!=" | "<" | "<=" | ">" | ">="
func (p *parser) parseCmp() Expr {
	x := p.parseAdd()
	pos := p.tok.pos
	if op, ok := cmpOps[p.tok.kind]; ok {
		p.next()
		return &Binary{P: Pos(pos), Op: op, X: x, Y: p.operand(op)}
	}
	not := false
	if p.tok.keyword("not") {
		if nt := p.peek(); nt.keyword("like") || nt.keyword("in") {
			not = true
			p.next()
		}
	}
	switch {
	case p.tok.keyword("like"):
		p.next()
		op := "like"
		if not {
			op = "not like"
		}
		return &Binary{P: Pos(pos), Op: op, X: x, Y: p.parsePattern(op)}
	case p.tok.kind == tMatch:
		p.next()
		return &Binary{P: Pos(pos), Op: "=~", X: x, Y: p.parsePattern("=~")}
	case p.tok.keyword("in"):
		p.next()
		if p.tok.kind == tLParen {
			return &In{P: Pos(pos), X: x, Not: not, Sub: p.parseSubquery()}
		}
		return &In{P: Pos(pos), X: x, Not: not, List: p.parseList(not)}
	}
	return x
}

// operand parses the right side of a binary operator, saying what was
// expected when it is missing.
func (p *parser) operand(op string) Expr {
	switch p.tok.kind {
	case tEOF, tPipe, tComma, tRParen, tRBrack:
		p.expected(fmt.Sprintf("an expression after %q", op))
	}
	return p.parseAdd()
}

// parsePattern parses the string or /regex/ after like or =~.
func (p *parser) parsePattern(op string) Expr {
	switch p.tok.kind {
	case tString:
		e := &StringLit{P: Pos(p.tok.pos), Val: p.tok.val}
		if op == "=~" {
			p.checkRegex(p.tok.pos, e.Val, "regex")
		}
		p.next()
		return e
	case tSlash:
		return p.parseRegex()
	}
	p.expected(fmt.Sprintf("a string or /regex/ after %q", op))
	return nil
}

// parseRegex parses a /regex/ literal at the current "/" and checks it.
func (p *parser) parseRegex() *RegexLit {
	t, err := p.lx.rescanRegex(p.tok.pos)
	if err != nil {
		p.errs = append(p.errs, err)
		panic(bailout{})
	}
	p.checkRegex(t.pos, t.val, "regex")
	p.next()
	return &RegexLit{P: Pos(t.pos), Pattern: t.val}
}

// parseList parses
//
//	list    := "[" literal ( "," literal )* "]"
//	literal := string | "-"? number
func (p *parser) parseList(not bool) []Expr {
	kw := `"in"`
	if not {
		kw = `"not in"`
	}
	if p.tok.kind != tLBrack {
		p.expected(`"[" after ` + kw)
	}
	return p.parseLiteralList()
}

// parseLiteralList parses the list after its "[".
func (p *parser) parseLiteralList() []Expr {
	p.next()
	var list []Expr
	for {
		switch {
		case p.tok.kind == tString:
			list = append(list, &StringLit{P: Pos(p.tok.pos), Val: p.tok.val})
			p.next()
		case p.tok.kind == tNumber || p.tok.kind == tMinus:
			pos, sign := p.tok.pos, 1.0
			if p.tok.kind == tMinus {
				sign = -1
				p.next()
				if p.tok.kind != tNumber {
					p.expected(`a number after "-"`)
				}
			}
			list = append(list, &NumberLit{P: Pos(pos), Val: sign * p.number()})
		default:
			p.expected("a string or number in the list")
		}
		if p.tok.kind == tRBrack {
			p.next()
			return list
		}
		if p.tok.kind != tComma {
			p.expected(`"," or "]" in the list`)
		}
		p.next()
	}
}

// number consumes a number token and returns its value.
func (p *parser) number() float64 {
	v, err := strconv.ParseFloat(p.tok.val, 64)
	if err != nil || math.IsInf(v, 0) {
		p.failAt(p.tok.pos, "invalid number %s", p.tok.val)
	}
	p.next()
	return v
}

// parseAdd parses
//
//	add := mul ( ( "+" | "-" ) mul )*
func (p *parser) parseAdd() Expr {
	x := p.parseMul()
	for p.tok.kind == tPlus || p.tok.kind == tMinus {
		op, pos := tokNames[p.tok.kind][1:2], p.tok.pos
		p.next()
		x = &Binary{P: Pos(pos), Op: op, X: x, Y: p.parseMulOperand(op)}
	}
	return x
}

func (p *parser) parseMulOperand(op string) Expr {
	switch p.tok.kind {
	case tEOF, tPipe, tComma, tRParen:
		p.expected(fmt.Sprintf("an expression after %q", op))
	}
	return p.parseMul()
}

// parseMul parses
//
//	mul := pow ( ( "*" | "/" | "%" ) pow )*
func (p *parser) parseMul() Expr {
	x := p.parsePow()
	for p.tok.kind == tStar || p.tok.kind == tSlash || p.tok.kind == tPercent {
		op, pos := tokNames[p.tok.kind][1:2], p.tok.pos
		p.next()
		switch p.tok.kind {
		case tEOF, tPipe, tComma, tRParen:
			p.expected(fmt.Sprintf("an expression after %q", op))
		}
		x = &Binary{P: Pos(pos), Op: op, X: x, Y: p.parsePow()}
	}
	return x
}

// parsePow parses
//
//	pow := unary ( "^" unary )*
func (p *parser) parsePow() Expr {
	x := p.parseUnary()
	for p.tok.kind == tCaret {
		pos := p.tok.pos
		p.next()
		x = &Binary{P: Pos(pos), Op: "^", X: x, Y: p.parseUnary()}
	}
	return x
}

// parseUnary parses
//
//	unary := "-" unary | primary
func (p *parser) parseUnary() Expr {
	if p.tok.kind == tMinus {
		p.enter()
		defer p.leave()
		pos := p.tok.pos
		p.next()
		return &Unary{P: Pos(pos), Op: "-", X: p.parseUnary()}
	}
	return p.parsePrimary()
}

// parsePrimary parses
//
//	primary := number | duration | string | regex | field | call | "(" or ")"
//	call    := name "(" ( "*" | or ( "," or )* )? ")"
func (p *parser) parsePrimary() Expr {
	t := p.tok
	switch t.kind {
	case tNumber:
		return &NumberLit{P: Pos(t.pos), Val: p.number()}
	case tDuration:
		n, err := strconv.ParseInt(t.val, 10, 64)
		if err != nil || n <= 0 {
			p.failAt(t.pos, "invalid duration %s: expected a whole number above 0 before the unit", p.src[t.pos:t.end])
		}
		p.next()
		return &DurationLit{P: Pos(t.pos), N: n, Unit: t.unit}
	case tString:
		p.next()
		return &StringLit{P: Pos(t.pos), Val: t.val}
	case tSlash:
		return p.parseRegex()
	case tLParen:
		p.next()
		if p.tok.kind == tRParen {
			p.expected(`an expression after "("`)
		}
		x := p.parseExpr()
		p.expect(tRParen, ` to close "("`)
		return x
	case tIdent:
		p.next()
		if p.tok.kind == tLParen && len(t.parts) == 1 && !t.quoted {
			return p.parseCall(t)
		}
		if !t.quoted && len(t.parts) == 1 && exprKeywords[strings.ToLower(t.parts[0])] {
			p.failAt(t.pos, "expected an expression, found keyword %q", t.parts[0])
		}
		return &Field{P: Pos(t.pos), Parts: t.parts}
	}
	p.expected("an expression")
	return nil
}

// parseCall parses the arguments of a call to the function named by t and
// checks the name and the number of arguments.
func (p *parser) parseCall(t token) Expr {
	name := t.parts[0]
	fi, ok := functions[strings.ToLower(name)]
	if !ok {
		p.failAt(t.pos, "unknown function %q", name)
	}
	c := &Call{P: Pos(t.pos), Name: fi.name}
	p.next() // "("
	if p.tok.kind == tStar {
		if !fi.star {
			p.failAt(p.tok.pos, "%s(*) is not allowed: only count(*) takes *", fi.name)
		}
		c.Star = true
		p.next()
		p.expect(tRParen, " after *")
		return c
	}
	if p.tok.kind != tRParen {
		for range p.commaList("") {
			if p.tok.kind == tComma || p.tok.kind == tEOF || p.tok.kind == tPipe {
				p.expected(fmt.Sprintf("an argument of %s()", fi.name))
			}
			c.Args = append(c.Args, p.parseExpr())
		}
	}
	if p.tok.kind != tRParen {
		p.expected(fmt.Sprintf(`"," or ")" in the arguments of %s()`, fi.name))
	}
	p.next()
	if err := fi.checkArgs(c); err != "" {
		p.failAt(t.pos, "%s", err)
	}
	// literal arguments are regexes; a /regex/ was checked as it was parsed
	for _, i := range fi.literal {
		if i < len(c.Args) {
			if s, ok := c.Args[i].(*StringLit); ok {
				p.checkRegex(int(s.P), s.Val, "regex")
			}
		}
	}
	return c
}
