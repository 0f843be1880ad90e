package insights

import (
	"strconv"

	"github.com/eventwatch/eventwatch/internal/jsonscan"
)

// jsonScanner flattens the JSON object of a message and keeps only the
// leaves a query asked for (see semantics.go for the flattening rules). It
// reuses its buffers from message to message and does not allocate for
// leaves without escapes.
//
// Unlike the filter pattern engine it does not validate the message: JSON
// that is cut off or malformed still yields the leaves before the fault, so
// strings are delimited without checking their escapes and numbers are
// checked only when wanted. The shared lexical pieces come from
// internal/jsonscan.
type jsonScanner struct {
	want  map[string]int // flattened name → index in out (setWant)
	sig   wantSig        // rejects most names not in want without hashing them
	out   []value
	s     string
	i     int
	path  []byte
	buf   []byte // unescaped string values
	seen  int    // leaves seen
	found int    // wanted leaves found
	stop  bool
}

// wantSig holds, for each name length under 64, a bit per first byte
// (modulo 64) of the wanted names of that length; long names are always
// looked up.
type wantSig [64]uint64

// setWant sets the wanted names.
func (j *jsonScanner) setWant(want map[string]int) {
	j.want, j.sig = want, wantSig{}
	for name := range want {
		if n := len(name); n > 0 && n < len(j.sig) {
			j.sig[n] |= 1 << (name[0] & 63)
		}
	}
}

// mayWant reports whether the current path may be a wanted name.
func (j *jsonScanner) mayWant() bool {
	n := len(j.path)
	return n == 0 || n >= len(j.sig) || j.sig[n]&(1<<(j.path[0]&63)) != 0
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

func (j *jsonScanner) ws() { j.i = jsonscan.SkipSpace(j.s, j.i) }

// object scans {...} at j.i; it reports false on a syntax error.
func (j *jsonScanner) object(depth int) bool {
	base := len(j.path)
	empty := false
	if j.i, empty = jsonscan.Open(j.s, j.i); empty {
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
			j.path = jsonscan.AppendUnescaped(j.path, j.s[ks:ke])
		} else {
			j.path = append(j.path, j.s[ks:ke]...)
		}
		if j.i, ok = jsonscan.Colon(j.s, j.i); !ok || !j.value(depth+1) {
			return false
		}
		more := false
		if j.i, more, ok = jsonscan.Next(j.s, j.i, '}'); !more {
			j.path = j.path[:base]
			return ok
		}
	}
	return true
}

// array scans [...] at j.i.
func (j *jsonScanner) array(depth int) bool {
	base := len(j.path)
	empty := false
	if j.i, empty = jsonscan.Open(j.s, j.i); empty {
		return true
	}
	for n := 0; !j.stop; n++ {
		j.path = strconv.AppendInt(append(j.path[:base], '.'), int64(n), 10)
		if !j.value(depth + 1) {
			return false
		}
		more, ok := false, false
		if j.i, more, ok = jsonscan.Next(j.s, j.i, ']'); !more {
			j.path = j.path[:base]
			return ok
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
	idx, wanted := 0, false
	if j.mayWant() {
		idx, wanted = j.want[string(j.path)]
	}
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
			j.buf = jsonscan.AppendUnescaped(j.buf[:0], j.s[s:e])
			v = strValue(string(j.buf))
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
		ok := false
		if j.i, ok = jsonscan.SkipLiteral(j.s, j.i, word); !ok {
			return false
		}
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
	x := &Extractor{out: make([]value, len(names))}
	want := map[string]int{}
	for i, n := range names {
		want[n] = i
	}
	x.j.setWant(want)
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
