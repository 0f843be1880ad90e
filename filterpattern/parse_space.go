package filterpattern

// spaceStop ends an unquoted value inside a space-delimited pattern.
func spaceStop(c byte) bool { return c == ',' || c == ']' || c == '&' || c == '|' }

// isOpStart reports whether c can start a comparison operator.
func isOpStart(c byte) bool { return c == '=' || c == '!' || c == '<' || c == '>' }

// parseSpace parses a space-delimited pattern at its '['.
//
//	space_pattern := "[" ws* field ( ws* "," ws* field )* ws* "]"
func (p *parser) parseSpace() *SpacePattern {
	n := &SpacePattern{Offset: p.i}
	p.i++
	names := map[string]bool{}
	ellipsis := false
	for {
		p.skipBlanks()
		f := p.parseField()
		if f.Ellipsis {
			if ellipsis {
				panic(p.errorAt(f.Offset, "'...' may appear only once in a pattern"))
			}
			ellipsis = true
		} else {
			if names[f.Name] {
				panic(p.errorAt(f.Offset, "field %s is declared twice", f.Name))
			}
			names[f.Name] = true
		}
		n.Fields = append(n.Fields, f)
		p.skipBlanks()
		switch p.peek() {
		case ',':
			p.i++
			continue
		case ']':
			p.i++
			return n
		case 0:
			panic(p.errorAt(p.i, "expected ']' to close the pattern opened at offset %d", n.Offset))
		default:
			panic(p.errorAt(p.i, "expected ',' or ']' after field %s but found %s", f, p.here()))
		}
	}
}

// parseField parses one field.
//
//	field := "..." | name ( ws* cond_expr )?
//	name  := [A-Za-z0-9_-]+
func (p *parser) parseField() *Field {
	f := &Field{Offset: p.i}
	if p.at("...") {
		p.i += 3
		f.Ellipsis = true
		return f
	}
	f.Name = p.readName()
	if f.Name == "" {
		panic(p.errorAt(p.i, "expected a field name or '...' but found %s", p.here()))
	}
	p.skipBlanks()
	if isOpStart(p.peek()) {
		p.nameTaken = true
		f.Cond = p.parseFieldOr(f.Name)
	}
	return f
}

// parseFieldOr parses the conditions of field name; && binds tighter.
//
//	cond_or := cond_and ( "||" cond_and )*
func (p *parser) parseFieldOr(name string) FieldExpr {
	x := p.parseFieldAnd(name)
	for p.skipBlanks(); p.at("||"); p.skipBlanks() {
		op := p.i
		p.i += 2
		x = &FieldBinary{Offset: op, Op: "||", X: x, Y: p.parseFieldAnd(name)}
	}
	return x
}

// parseFieldAnd parses a conjunction of conditions.
//
//	cond_and := cond ( "&&" cond )*
func (p *parser) parseFieldAnd(name string) FieldExpr {
	x := p.parseFieldCond(name)
	for p.skipBlanks(); p.at("&&"); p.skipBlanks() {
		op := p.i
		p.i += 2
		x = &FieldBinary{Offset: op, Op: "&&", X: x, Y: p.parseFieldCond(name)}
	}
	if c := p.peek(); (c == '&' || c == '|') && !p.at("||") {
		panic(p.errorAt(p.i, "expected '%c%c' but found %s", c, c, p.here()))
	}
	return x
}

// parseFieldCond parses one condition. The first condition of a field
// borrows the field's name; later ones repeat it.
//
//	cond := name? ws* cmp_op ws* value
func (p *parser) parseFieldCond(name string) FieldExpr {
	c := &FieldCond{Offset: p.i, Name: name}
	if p.nameTaken {
		p.nameTaken = false
	} else {
		p.skipBlanks()
		c.Offset = p.i
		if got := p.readName(); got != name {
			if got == "" {
				panic(p.errorAt(c.Offset, "expected %s before the operator but found %s", name, p.here()))
			}
			panic(p.errorAt(c.Offset, "a condition in field %s must test %s, not %s", name, name, got))
		}
		p.skipBlanks()
	}
	if c.Op = p.readOp(); c.Op == "" {
		panic(p.errorAt(p.i, "expected a comparison operator after %s but found %s", name, p.here()))
	}
	p.skipBlanks()
	c.Value = p.parseValue(c.Op, spaceStop)
	return c
}
