package insights

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScanner flattens the JSON object of a message and keeps only the
// leaves a query asked for (see semantics.go for the flattening rules). It
// reuses its buffers from message to message and does not allocate for
// leaves without escapes.
type jsonScanner struct {
	want  map[string]int // flattened name → index in out
	out   []value
	s     string
	i     int
	path  []byte
	seen  int // leaves seen
	found int // wanted leaves found
	stop  bool
}

// scan fills out (len(want) values, reset to null first) from msg.
func (j *jsonScanner) scan(msg string, out []value) {
	for i := range out {
		out[i] = nullValue
	}
	if len(j.want) == 0 {
		return
	}
	start := -1
	for i := 0; i < len(msg); i++ {
		if msg[i] == '{' {
			start = i
			break
		}
	}
	if start < 0 {
		return
	}
	j.s, j.i, j.out, j.seen, j.found, j.stop = msg, start, out, 0, 0, false
	j.path = j.path[:0]
	j.object(0)
	j.s, j.out = "", nil
}

func (j *jsonScanner) ws() {
	for j.i < len(j.s) {
		switch j.s[j.i] {
		case ' ', '\t', '\n', '\r':
			j.i++
		default:
			return
		}
	}
}

// object scans {...} at j.i; it reports false on a syntax error.
func (j *jsonScanner) object(depth int) bool {
	j.i++ // {
	base := len(j.path)
	j.ws()
	if j.i < len(j.s) && j.s[j.i] == '}' {
		j.i++
		return true
	}
	for !j.stop {
		j.ws()
		if j.i >= len(j.s) || j.s[j.i] != '"' {
			return false
		}
		ks, ke, esc, ok := j.str()
		if !ok {
			return false
		}
		j.path = j.path[:base]
		if base > 0 {
			j.path = append(j.path, '.')
		} else if ke > ks && j.s[ks] == '@' {
			j.path = append(j.path, '@')
		}
		if esc {
			j.path = append(j.path, unescapeJSON(j.s[ks:ke])...)
		} else {
			j.path = append(j.path, j.s[ks:ke]...)
		}
		j.ws()
		if j.i >= len(j.s) || j.s[j.i] != ':' {
			return false
		}
		j.i++
		if !j.value(depth + 1) {
			return false
		}
		j.ws()
		if j.i >= len(j.s) {
			return false
		}
		switch j.s[j.i] {
		case ',':
			j.i++
		case '}':
			j.i++
			j.path = j.path[:base]
			return true
		default:
			return false
		}
	}
	return true
}

// array scans [...] at j.i.
func (j *jsonScanner) array(depth int) bool {
	j.i++ // [
	base := len(j.path)
	j.ws()
	if j.i < len(j.s) && j.s[j.i] == ']' {
		j.i++
		return true
	}
	for n := 0; !j.stop; n++ {
		j.path = strconv.AppendInt(append(j.path[:base], '.'), int64(n), 10)
		if !j.value(depth + 1) {
			return false
		}
		j.ws()
		if j.i >= len(j.s) {
			return false
		}
		switch j.s[j.i] {
		case ',':
			j.i++
		case ']':
			j.i++
			j.path = j.path[:base]
			return true
		default:
			return false
		}
	}
	return true
}

// str scans a string at j.i and returns the bounds of its raw content.
func (j *jsonScanner) str() (start, end int, esc, ok bool) {
	j.i++
	start = j.i
	for j.i < len(j.s) {
		switch j.s[j.i] {
		case '\\':
			esc = true
			j.i += 2
		case '"':
			end = j.i
			j.i++
			return start, end, esc, true
		default:
			j.i++
		}
	}
	return 0, 0, false, false
}

// value scans any JSON value at j.i; leaves are recorded when wanted.
func (j *jsonScanner) value(depth int) bool {
	j.ws()
	if j.i >= len(j.s) {
		return false
	}
	c := j.s[j.i]
	if c == '{' || c == '[' {
		if depth >= MaxJSONDepth {
			j.stop = true
			return true
		}
		if c == '{' {
			return j.object(depth)
		}
		return j.array(depth)
	}
	j.seen++
	if j.seen > MaxJSONFields {
		j.stop = true
		return true
	}
	idx, wanted := j.want[string(j.path)]
	var v value
	switch {
	case c == '"':
		s, e, esc, ok := j.str()
		if !ok {
			return false
		}
		if !wanted {
			return true
		}
		if esc {
			v = strValue(unescapeJSON(j.s[s:e]))
		} else {
			v = strValue(j.s[s:e])
		}
	case c == 't' || c == 'f' || c == 'n':
		word := "null"
		switch c {
		case 't':
			word, v = "true", boolValue(true)
		case 'f':
			word, v = "false", boolValue(false)
		default:
			v = nullValue
		}
		if len(j.s)-j.i < len(word) || j.s[j.i:j.i+len(word)] != word {
			return false
		}
		j.i += len(word)
	default:
		s := j.i
		for j.i < len(j.s) {
			c := j.s[j.i]
			if isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
				j.i++
				continue
			}
			break
		}
		if s == j.i {
			return false
		}
		if wanted {
			text := j.s[s:j.i]
			f, ok := parseNumber(text)
			if !ok {
				return false
			}
			v = value{k: kNum, n: f, s: text}
		}
	}
	if wanted && j.out[idx].k == kNull {
		j.out[idx] = v
		j.found++
		if j.found == len(j.want) {
			j.stop = true
		}
	}
	return true
}

// unescapeJSON decodes the escapes of a JSON string's content.
func unescapeJSON(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b = append(b, c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case 'r':
			b = append(b, '\r')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'u':
			if i+4 < len(s) {
				r1, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
				if err == nil {
					i += 4
					r := rune(r1)
					if utf16.IsSurrogate(r) && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
						if r2, err := strconv.ParseUint(s[i+3:i+7], 16, 32); err == nil {
							if d := utf16.DecodeRune(r, rune(r2)); d != utf8.RuneError {
								r = d
								i += 6
							}
						}
					}
					b = utf8.AppendRune(b, r)
					continue
				}
			}
			b = append(b, 'u')
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}

// ExtractField returns the text of the flattened JSON field name of a
// message (as a query would see it), and whether it is present.
func ExtractField(message, name string) (string, bool) {
	return NewExtractor(name).Get(message, 0)
}

// Extractor pulls named fields out of JSON text, flattened as a query sees
// them (see semantics.go), reusing its buffers from call to call. It is not
// safe for concurrent use.
type Extractor struct {
	j   jsonScanner
	out []value
}

// NewExtractor returns an Extractor for the given flattened field names.
func NewExtractor(names ...string) *Extractor {
	x := &Extractor{j: jsonScanner{want: map[string]int{}}, out: make([]value, len(names))}
	for i, n := range names {
		x.j.want[n] = i
	}
	return x
}

// Extract scans text and returns, for each name in order, its text value
// and whether it is present (JSON null counts as missing).
func (x *Extractor) Extract(text string) (values []string, present []bool) {
	x.j.scan(text, x.out)
	values, present = make([]string, len(x.out)), make([]bool, len(x.out))
	for i, v := range x.out {
		if !v.isNull() {
			values[i], present[i] = v.text(), true
		}
	}
	return values, present
}

// Get scans text and returns the text of the i-th name, for one-field
// extractors that must not allocate.
func (x *Extractor) Get(text string, i int) (string, bool) {
	x.j.scan(text, x.out)
	v := x.out[i]
	if v.isNull() {
		return "", false
	}
	return v.text(), true
}
