package insights

import (
	"fmt"
	"strconv"
	"strings"
)

// This file parses the newer documented commands. Each function writes
// the command's documented syntax above it.

// otherCommands are the documented commands the engine parses and checks
// but does not run, by lower-case name, with their documented spelling and
// why they are not run offline.
var otherCommands = map[string]struct{ name, why string }{
	"pattern":        {"pattern", "it clusters events with machine learning"},
	"anomaly":        {"anomaly", "it detects anomalies with machine learning"},
	"join":           {"join", "it reads another log group"},
	"appendcols":     {"appendcols", "its subquery reads other log groups"},
	"addtotals":      {"addtotals", "not implemented offline"},
	"accum":          {"accum", "not implemented offline"},
	"autoregress":    {"autoregress", "not implemented offline"},
	"logcompare":     {"logcompare", "it reads a shifted time window"},
	"filldown":       {"filldown", "not implemented offline"},
	"fillmissing":    {"fillmissing", "not implemented offline"},
	"cidrlookup":     {"cidrlookup", "not implemented offline"},
	"outlier":        {"outlier", "not implemented offline"},
	"sessionize":     {"sessionize", "not implemented offline"},
	"countfrequent":  {"countFrequent", "its counts are approximate"},
	"count_frequent": {"count_frequent", "its counts are approximate"},
	"relevantfields": {"relevantfields", "it scores fields statistically"},
	"expand":         {"expand", "not implemented offline"},
}

// parseNewerCommand parses the commands added to Logs Insights after the
// original nine; it returns nil when name is none of them.
func (p *parser) parseNewerCommand(name string, pos Pos) Command {
	switch name {
	case "unnest":
		return p.parseUnnest(pos)
	case "filterindex":
		p.next()
		if p.tok.kind == tEOF || p.tok.kind == tPipe {
			p.expected(`a condition after "filterIndex" (field = value or field in [...])`)
		}
		c := &FilterIndexCmd{P: pos, Cond: p.parseExpr()}
		p.checkIndexCond(c.Cond)
		return c
	case "source":
		return p.parseSource(pos)
	case "lookup":
		return p.parseLookup(pos)
	case "diff":
		p.next()
		c := &DiffCmd{P: pos}
		for _, per := range []string{DiffPreviousDay, DiffPreviousWeek, DiffPreviousMonth} {
			if p.tok.keyword(strings.ToLower(per)) {
				c.Period = per
				p.next()
				break
			}
		}
		if c.Period == "" && p.tok.kind != tEOF && p.tok.kind != tPipe {
			p.expected(`previousDay, previousWeek, previousMonth or "|" after "diff"`)
		}
		return c
	}
	info, ok := otherCommands[name]
	if !ok {
		return nil
	}
	p.next()
	switch name {
	case "pattern":
		if p.tok.kind != tEOF && p.tok.kind != tPipe {
			p.parseExpr()
		}
	case "anomaly":
	case "join":
		p.parseJoin()
	case "appendcols":
		p.parseOptions("appendcols", map[string]optKind{"override": optBool, "max": optCount})
		p.parseSubquery()
	case "addtotals":
		p.parseOptions("addtotals", map[string]optKind{"fieldname": optName, "row": optBool, "col": optBool})
		if p.tok.kind != tEOF && p.tok.kind != tPipe {
			p.parseFieldList("addtotals", false)
		}
	case "accum", "expand":
		p.parseField(fmt.Sprintf("a field name after %q", info.name))
		if name == "accum" {
			p.optionalAlias()
		}
	case "autoregress":
		p.parseField(`a field name after "autoregress"`)
		p.optionalAlias()
		if p.tok.keyword("p") && p.peek().kind == tEq {
			p.next()
			p.next()
			lo := p.count("a lag such as p=1 or p=1-4")
			if p.tok.kind == tMinus {
				p.next()
				if hi := p.count("the last lag of the range"); hi < lo {
					p.failAt(p.tok.pos, "lag range p=%d-%d must not go down", lo, hi)
				}
			}
		}
	case "logcompare":
		if !p.tok.keyword("timeshift") {
			p.expected(`"timeshift" and a period after "logcompare"`)
		}
		p.next()
		p.duration(`a period such as 7d after "timeshift"`)
	case "filldown", "outlier":
		if name == "outlier" {
			p.parseOptions("outlier", map[string]optKind{"action": optAction, "param": optNumber, "uselower": optBool, "mark": optBool})
			if p.tok.kind == tEOF || p.tok.kind == tPipe {
				p.expected(`a field name after "outlier"`)
			}
		}
		for p.tok.kind != tEOF && p.tok.kind != tPipe {
			p.parseField(fmt.Sprintf("a field name or pattern after %q", info.name))
			if p.tok.kind == tStar && p.tok.pos == p.prevEnd {
				p.next() // cpu* matches cpu_user, cpu_system
			}
		}
	case "fillmissing":
		// fillmissing [with VALUE for FIELD [, VALUE for FIELD ...]]
		if p.tok.keyword("with") {
			for range p.commaList("") {
				if p.tok.keyword("with") {
					p.next()
				}
				p.parseUnary()
				if !p.tok.keyword("for") {
					p.expected(`"for" and a field name after the value`)
				}
				p.next()
				p.parseField(`a field name after "for"`)
			}
		}
	case "cidrlookup":
		p.parseName(`"cidrlookup" (the lookup table)`)
		p.parseField("the IP address field after the table name")
		p.optionalAlias()
		p.parseOutputs("cidrlookup", true)
	case "sessionize":
		p.parseFieldList("sessionize", false)
		if p.tok.keyword("maxspan") {
			p.next()
			p.duration(`a period such as 30m after "maxspan"`)
		}
		p.optionalAlias()
	case "countfrequent", "count_frequent":
		p.parseFieldList(info.name, false)
	case "relevantfields":
		if !p.tok.keyword("where") {
			p.parseFieldList("relevantfields", false)
		}
		if !p.tok.keyword("where") {
			p.expected(`"where" and a condition`)
		}
		p.next()
		if p.tok.kind == tEOF || p.tok.kind == tPipe {
			p.expected(`a condition after "where"`)
		}
		p.noAggregates(p.parseExpr(), "relevantfields")
	}
	return &OtherCmd{P: pos, Name: info.name, Text: strings.TrimSpace(p.src[pos:p.prevEnd])}
}

// optKind is the kind of value a key=value option takes.
type optKind int

const (
	optBool   optKind = iota // true or false
	optCount                 // a whole number from 1
	optNumber                // any number
	optName                  // a name
	optAction                // remove or transform
	optJoin                  // inner or left
)

var optWant = map[optKind]string{
	optBool: "true or false", optCount: "a whole number above 0", optNumber: "a number",
	optName: "a name", optAction: "remove or transform", optJoin: "inner or left",
}

// parseOptions parses `key=value` options in any order; each key once.
func (p *parser) parseOptions(cmd string, keys map[string]optKind) map[string]string {
	got := map[string]string{}
	for p.tok.kind == tIdent && p.peek().kind == tEq {
		key := strings.ToLower(p.tok.parts[0])
		kind, ok := keys[key]
		if !ok {
			return got // a field compared with "=", or the caller's next part
		}
		if _, dup := got[key]; dup {
			p.failAt(p.tok.pos, "%s: option %s is given twice", cmd, key)
		}
		p.next()
		p.next()
		val, vpos := p.src[p.tok.pos:p.tok.end], p.tok.pos
		valid := false
		switch kind {
		case optBool:
			valid = p.tok.keyword("true") || p.tok.keyword("false")
		case optCount:
			n, err := strconv.Atoi(p.tok.val)
			valid = p.tok.kind == tNumber && err == nil && n >= 1 && n <= MaxLimit
		case optNumber:
			valid = p.tok.kind == tNumber
		case optName:
			valid = p.tok.kind == tIdent || p.tok.kind == tString
		case optAction:
			valid = p.tok.keyword("remove") || p.tok.keyword("transform")
		case optJoin:
			valid = p.tok.keyword("inner") || p.tok.keyword("left")
		}
		if !valid {
			p.failAt(vpos, "%s: %s= takes %s, found %s", cmd, key, optWant[kind], p.describe())
		}
		got[key] = val
		p.next()
	}
	return got
}

// optionalAlias parses an optional `as name`.
func (p *parser) optionalAlias() string {
	if !p.tok.keyword("as") {
		return ""
	}
	p.next()
	return p.parseName(`"as"`)
}

// count parses a whole number above 0.
func (p *parser) count(what string) int {
	if p.tok.kind != tNumber {
		p.expected(what)
	}
	n, err := strconv.Atoi(p.tok.val)
	if err != nil || n < 1 || n > MaxLimit {
		p.failAt(p.tok.pos, "expected a whole number from 1 to %d, found %s", MaxLimit, p.tok.val)
	}
	p.next()
	return n
}

// duration parses a period literal such as 7d.
func (p *parser) duration(what string) {
	if p.tok.kind != tDuration {
		p.expected(what)
	}
	p.next()
}

// parseUnnest parses
//
//	unnest := "unnest" field "into" name
func (p *parser) parseUnnest(pos Pos) *UnnestCmd {
	p.next()
	c := &UnnestCmd{P: pos, Field: p.parseField(`a field name after "unnest"`)}
	if !p.tok.keyword("into") {
		p.expected(`"into" and a name after the field of unnest`)
	}
	p.next()
	c.Into = p.parseName(`"into"`)
	return c
}

// checkIndexCond checks that a filterIndex condition is made of `field =
// literal` and `field in [literals]` joined by and/or.
func (p *parser) checkIndexCond(e Expr) {
	switch e := e.(type) {
	case *Binary:
		switch e.Op {
		case "and", "or":
			p.checkIndexCond(e.X)
			p.checkIndexCond(e.Y)
			return
		case "=":
			_, isField := e.X.(*Field)
			switch e.Y.(type) {
			case *StringLit, *NumberLit:
				if isField {
					return
				}
			}
		}
	case *In:
		if _, isField := e.X.(*Field); isField && e.Sub == nil && !e.Not {
			return
		}
	}
	p.failAt(int(e.Pos()), "filterIndex takes an indexed field compared with = to a value, or with in [...], found %s", e.String())
}

// parseSource parses
//
//	source    := "SOURCE" ( "logGroups" "(" ( key ":" "[" strings "]" ( "," key ":" "[" strings "]" )* )? ")"
//	                      | name ( "," name )* ) ( "start" "=" time )? ( "end" "=" time )?
//	key       := "namePrefix" | "accountIdentifiers" | "class"
func (p *parser) parseSource(pos Pos) *SourceCmd {
	p.next()
	c := &SourceCmd{P: pos}
	if p.tok.keyword("loggroups") && p.peek().kind == tLParen {
		p.next()
		p.next()
		sel := &LogGroupSelection{}
		c.LogGroups = sel
		seen := map[string]bool{}
		for p.tok.kind != tRParen {
			if len(seen) > 0 {
				p.expect(tComma, ` or ")" after a logGroups list`)
			}
			kpos := p.tok.pos
			key := ""
			if p.tok.kind == tIdent && len(p.tok.parts) == 1 {
				key = p.tok.parts[0]
			}
			var dst *[]string
			switch key {
			case "namePrefix":
				dst = &sel.NamePrefix
			case "accountIdentifiers":
				dst = &sel.AccountIdentifiers
			case "class":
				dst = &sel.Class
			default:
				p.expected(`namePrefix, accountIdentifiers or class in logGroups(...)`)
			}
			if seen[key] {
				p.failAt(kpos, "logGroups: %s is given twice", key)
			}
			seen[key] = true
			p.next()
			p.expect(tColon, " after "+key)
			if p.tok.kind != tLBrack {
				p.expected(`"[" and a list of strings after ` + key + ":")
			}
			*dst = p.stringList(key)
			p.checkSourceList(key, *dst, kpos)
		}
		p.next()
	} else {
		for first := true; first || p.tok.kind == tComma; first = false {
			if !first {
				p.next()
			}
			switch p.tok.kind {
			case tString:
				c.Names = append(c.Names, p.tok.val)
			case tIdent:
				if p.tok.keyword("start") || p.tok.keyword("end") {
					p.expected("a log group name")
				}
				c.Names = append(c.Names, strings.Join(p.tok.parts, "."))
			default:
				p.expected(`logGroups(...) or a log group name after "SOURCE"`)
			}
			p.next()
		}
	}
	for _, kw := range []string{"start", "end"} {
		if p.tok.keyword(kw) && p.peek().kind == tEq {
			p.next()
			p.next()
			start := p.tok.pos
			switch {
			case p.tok.kind == tMinus:
				p.next()
				p.duration("a period such as 1d after \"-\"")
			case p.tok.keyword("now"), p.tok.kind == tNumber, p.tok.kind == tString:
				p.next()
			default:
				p.expected(kw + "= takes now, -PERIOD (-1d), epoch seconds or a quoted time")
			}
			if kw == "start" {
				c.Start = p.src[start:p.prevEnd]
			} else {
				c.End = p.src[start:p.prevEnd]
			}
		}
	}
	return c
}

// checkSourceList checks one list of SOURCE logGroups(...).
func (p *parser) checkSourceList(key string, list []string, pos int) {
	switch key {
	case "namePrefix":
		if len(list) > maxSourcePrefixes {
			p.failAt(pos, "namePrefix takes at most %d prefixes, found %d", maxSourcePrefixes, len(list))
		}
	case "accountIdentifiers":
		if len(list) > maxSourceAccounts {
			p.failAt(pos, "accountIdentifiers takes at most %d accounts, found %d", maxSourceAccounts, len(list))
		}
		for _, a := range list {
			if len(a) != 12 || strings.Trim(a, "0123456789") != "" {
				p.failAt(pos, "accountIdentifiers: %q is not a 12-digit AWS account ID", a)
			}
		}
	case "class":
		for _, c := range list {
			if c != "STANDARD" && c != "INFREQUENT_ACCESS" {
				p.failAt(pos, "class: %q is not a log class; expected STANDARD or INFREQUENT_ACCESS", c)
			}
		}
	}
}

// stringList parses `[ "a", 'b', ... ]` at "[".
func (p *parser) stringList(what string) []string {
	list := []string{}
	for _, e := range p.parseLiteralList() {
		s, ok := e.(*StringLit)
		if !ok {
			p.failAt(int(e.Pos()), "%s takes quoted strings, found %s", what, e.String())
		}
		list = append(list, s.Val)
	}
	return list
}

// parseLookup parses
//
//	lookup := "lookup" table column ( "as" field )? ( "," column ( "as" field )? )*
//	          ( "OUTPUT" | "OUTPUTNEW" ) column ( "," column )*
func (p *parser) parseLookup(pos Pos) *LookupCmd {
	p.next()
	c := &LookupCmd{P: pos, Table: p.parseName(`"lookup" (the lookup table)`)}
	for range p.commaList("") {
		if p.tok.keyword("output") || p.tok.keyword("outputnew") {
			p.expected("a lookup table column to match before " + p.describe())
		}
		col := p.parseField("a lookup table column to match")
		k := LookupKey{Column: col.Name(), Field: col}
		if p.tok.keyword("as") {
			p.next()
			k.Field = p.parseField(`a log field after "as"`)
		}
		c.Keys = append(c.Keys, k)
	}
	c.New, c.Outputs = p.parseOutputs("lookup", false)
	return c
}

// parseOutputs parses `OUTPUT|OUTPUTNEW column [as name], ...`; aliases
// only where allowed.
func (p *parser) parseOutputs(cmd string, aliases bool) (bool, []string) {
	var isNew bool
	switch {
	case p.tok.keyword("output"):
	case p.tok.keyword("outputnew"):
		isNew = true
	default:
		p.expected(`OUTPUT or OUTPUTNEW and the columns to add in ` + cmd)
	}
	p.next()
	var outs []string
	for range p.commaList("") {
		outs = append(outs, p.parseName("OUTPUT"))
		if aliases {
			p.optionalAlias()
		}
	}
	return isNew, outs
}

// parseJoin parses, after "join",
//
//	join := ( "type" "=" ( "inner" | "left" ) )? "left" "=" alias "right" "=" alias
//	        "where" alias "." field "=" alias "." field "(" subquery ")"
func (p *parser) parseJoin() {
	opts := p.parseOptions("join", map[string]optKind{"type": optJoin, "left": optName, "right": optName})
	left, right := opts["left"], opts["right"]
	if left == "" || right == "" {
		p.expected(`left=ALIAS and right=ALIAS in join`)
	}
	if left == right {
		p.failAt(p.tok.pos, "join: left and right aliases must differ, both are %s", left)
	}
	if !p.tok.keyword("where") {
		p.expected(`"where" and the join keys (left.field = right.field)`)
	}
	p.next()
	for i, alias := range []string{left, right} {
		if i == 1 {
			p.expect(tEq, " between the join keys")
		}
		f := p.parseField(fmt.Sprintf("%s.FIELD in the join condition", alias))
		if len(f.Parts) < 2 || f.Parts[0] != alias {
			p.failAt(int(f.P), "join: the %s key must start with %s. (the %s alias), found %s", []string{"first", "second"}[i], alias, []string{"left", "right"}[i], f.String())
		}
	}
	p.parseSubquery()
}

// parseSubquery parses `( query )` at "(".
func (p *parser) parseSubquery() *Query {
	if p.tok.kind != tLParen {
		p.expected(`"(" and a subquery`)
	}
	p.enter()
	defer p.leave()
	open := p.tok.pos
	p.next()
	q := &Query{}
	// the subquery runs in a pass of its own: its regexes count apart
	outerRegexSize := p.regexSize
	p.regexSize = 0
	defer func() { p.regexSize = outerRegexSize }()
	for {
		if p.tok.kind == tRParen || p.tok.kind == tEOF {
			p.expected("a command of the subquery")
		}
		q.Commands = append(q.Commands, p.parseCommand())
		switch p.tok.kind {
		case tPipe:
			p.next()
			continue
		case tRParen:
			p.next()
			q.src = p.src
			q.regexSize = p.regexSize
			for _, e := range check(q) {
				p.errs = append(p.errs, e)
			}
			return q
		case tEOF:
			p.failAt(open, `unclosed "(": the subquery needs a closing ")"`)
		}
		p.expected(`"|" or ")" after a command of the subquery`)
	}
}

// noAggregates fails on an aggregate call in e.
func (p *parser) noAggregates(e Expr, where string) {
	walkExpr(e, func(x Expr) bool {
		if call, ok := x.(*Call); ok && functions[strings.ToLower(call.Name)].agg {
			p.failAt(int(call.P), "aggregate function %s() can only be used in stats, not in %s", call.Name, where)
		}
		return true
	})
}

// enter counts one level of nesting and fails past MaxNestingDepth, so
// that hostile input gives an error instead of exhausting the stack; leave
// (deferred by the caller) ends the level.
func (p *parser) enter() {
	p.depth++
	if p.depth > MaxNestingDepth {
		p.failAt(p.tok.pos, "the query nests expressions deeper than %d levels (MaxNestingDepth); simplify it", MaxNestingDepth)
	}
}

func (p *parser) leave() { p.depth-- }
