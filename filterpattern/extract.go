package filterpattern

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/eventwatch/eventwatch/internal/jsonscan"
)

// Extractor computes what a metric filter emits for a matching event: the
// metric value and the dimensions of its metricTransformation. Create it
// with Pattern.NewExtractor; it is safe for concurrent use.
type Extractor struct {
	p     *Pattern
	value source
	dims  []dimension // sorted by name
}

// Result is what a metric filter emits for one matching event.
type Result struct {
	// Value is the metric value; valid only when HasValue is true.
	Value float64
	// HasValue is false when the value selector found nothing or found a
	// value that is not a number: CloudWatch then emits no data point for
	// the event.
	HasValue bool
	// Dimensions maps each dimension name to the text of its value;
	// dimensions whose selector found nothing (or null, an object or an
	// array) are left out. Nil when the extractor has no dimensions.
	Dimensions map[string]string
}

type dimension struct {
	name string
	src  source
}

// source is a compiled metric value or dimension expression.
type source struct {
	expr     string
	constant bool    // a number literal
	num      float64 // its value
	steps    []Step  // a JSON selector
	field    int     // a space-delimited field index, or -1
	token    int     // a positional $N token index, or -1
}

// NewExtractor validates a metricTransformation against the pattern and
// compiles it. value is a number literal ("1", "2.5"), a JSON selector
// ("$.latency", JSON patterns only) or a field ("$bytes", space-delimited
// patterns only; "$7", the 7th token, is accepted as a legacy form).
// dimensions maps names to selectors or fields; at most MaxDimensions, and
// only with JSON or space-delimited patterns.
func (p *Pattern) NewExtractor(value string, dimensions map[string]string) (*Extractor, error) {
	if len(dimensions) > MaxDimensions {
		return nil, fmt.Errorf("at most %d dimensions are allowed, got %d", MaxDimensions, len(dimensions))
	}
	if len(dimensions) > 0 && p.kind != KindJSON && p.kind != KindSpaceDelimited {
		return nil, fmt.Errorf("dimensions need a JSON or space-delimited pattern, not a %s pattern", p.kind)
	}
	x := &Extractor{p: p}
	v, err := p.source("metric value", strings.TrimSpace(value), true)
	if err != nil {
		return nil, err
	}
	x.value = v
	for name, expr := range dimensions {
		if name == "" {
			return nil, fmt.Errorf("a dimension name must not be empty")
		}
		src, err := p.source("dimension "+name, strings.TrimSpace(expr), false)
		if err != nil {
			return nil, err
		}
		x.dims = append(x.dims, dimension{name: name, src: src})
	}
	sort.Slice(x.dims, func(i, j int) bool { return x.dims[i].name < x.dims[j].name })
	return x, nil
}

// source compiles one value or dimension expression; role names it in
// error messages.
func (p *Pattern) source(role, expr string, numberOK bool) (source, error) {
	s := source{expr: expr, field: -1, token: -1}
	switch {
	case expr == "":
		return s, fmt.Errorf("%s is empty; use a number such as 1 or a selector", role)
	case isNumber(expr):
		if !numberOK {
			return s, fmt.Errorf("%s must be a selector such as $.field or $field, got %q", role, expr)
		}
		f, err := strconv.ParseFloat(expr, 64)
		if err != nil {
			return s, fmt.Errorf("%s %s is out of range", role, expr)
		}
		s.constant, s.num = true, f
		return s, nil
	case strings.HasPrefix(expr, "$.") || strings.HasPrefix(expr, "$["):
		if p.kind != KindJSON {
			return s, fmt.Errorf("%s %s is a JSON selector, which needs a JSON pattern, not a %s pattern", role, expr, p.kind)
		}
		sel, err := parseSelectorOnly(expr)
		if err != nil {
			return s, fmt.Errorf("%s: %w", role, err)
		}
		for _, st := range sel.Steps {
			if st.Kind == StepWildcard {
				return s, fmt.Errorf("%s %s holds a wildcard; it must select a single value", role, expr)
			}
		}
		s.steps = sel.Steps
		return s, nil
	case strings.HasPrefix(expr, "$"):
		if p.kind != KindSpaceDelimited {
			return s, fmt.Errorf("%s %s names a field, which needs a space-delimited pattern, not a %s pattern", role, expr, p.kind)
		}
		name := expr[1:]
		for i, n := range p.space.names {
			if n == name && n != "" {
				s.field = i
				return s, nil
			}
		}
		if n, err := strconv.Atoi(name); err == nil && n >= 1 && isDigit(name[0]) {
			if p.space.ellipsis < 0 && n > p.space.nfields {
				return s, fmt.Errorf("%s %s is past the last of the pattern's %d fields", role, expr, p.space.nfields)
			}
			s.token = n - 1
			return s, nil
		}
		return s, fmt.Errorf("%s %s names no field of the pattern; its fields are %s", role, expr, strings.Join(p.fields, ", "))
	default:
		if numberOK {
			return s, fmt.Errorf("%s must be a number such as 1, a JSON selector such as $.field or a field such as $bytes, got %q", role, expr)
		}
		return s, fmt.Errorf("%s must be a JSON selector such as $.field or a field such as $bytes, got %q", role, expr)
	}
}

// parseSelectorOnly parses expr as one JSON selector.
func parseSelectorOnly(expr string) (sel *Selector, err error) {
	p := &parser{src: expr}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	sel = p.parseSelector()
	if p.i < len(expr) {
		return nil, p.errorAt(p.i, "unexpected %s after the selector", p.here())
	}
	return sel, nil
}

// Extract reports whether message matches the pattern and, if so, what the
// metric filter emits for it.
func (x *Extractor) Extract(message string) (Result, bool) {
	return x.ExtractBytes(unsafe.Slice(unsafe.StringData(message), len(message)))
}

// ExtractBytes is Extract for a message held in a byte slice.
func (x *Extractor) ExtractBytes(b []byte) (Result, bool) {
	if !x.p.m.match(b) {
		return Result{}, false
	}
	var r Result
	var toks []span
	if x.p.kind == KindSpaceDelimited {
		toks = tokenize(b, nil)
	}
	text, kind := x.lookup(b, toks, &x.value)
	switch {
	case x.value.constant:
		r.Value, r.HasValue = x.value.num, true
	case kind == jsonscan.Number || kind == jsonscan.String && isNumber(text):
		f, err := strconv.ParseFloat(string(text), 64)
		r.Value, r.HasValue = f, err == nil && !math.IsInf(f, 0)
	}
	if len(x.dims) > 0 {
		r.Dimensions = make(map[string]string, len(x.dims))
		for i := range x.dims {
			text, kind := x.lookup(b, toks, &x.dims[i].src)
			switch kind {
			case jsonscan.String, jsonscan.Number, jsonscan.True, jsonscan.False:
				r.Dimensions[x.dims[i].name] = string(text)
			}
		}
	}
	return r, true
}

// lookup returns the text selected by s in the matching message b (toks
// are its tokens for space-delimited patterns). Space-delimited fields are
// strings; JSON strings are unescaped; jsonscan.Invalid means nothing found.
func (x *Extractor) lookup(b []byte, toks []span, s *source) ([]byte, jsonscan.Kind) {
	switch {
	case s.constant:
		return nil, jsonscan.Invalid
	case s.field >= 0:
		v, ok := x.p.space.fieldValue(b, toks, s.field)
		if !ok {
			return nil, jsonscan.Invalid
		}
		return v, jsonscan.String
	case s.token >= 0:
		if s.token >= len(toks) {
			return nil, jsonscan.Invalid
		}
		return b[toks[s.token].vs:toks[s.token].ve], jsonscan.String
	}
	kind, raw := jsonLookup(b, s.steps)
	if kind == jsonscan.String {
		raw = stringContent(raw, nil)
	}
	return raw, kind
}

// jsonLookup returns the kind and raw text of the first value that steps
// (without wildcards) select in the JSON text b.
func jsonLookup(b []byte, steps []Step) (jsonscan.Kind, []byte) {
	w := walker{b: b}
	w.ws()
	for _, st := range steps {
		switch {
		case st.Kind == StepKey && w.peek() == '{':
			if !w.findKey(st.Key) {
				return jsonscan.Invalid, nil
			}
		case st.Kind == StepIndex && w.peek() == '[':
			if !w.findIndex(st.Index) {
				return jsonscan.Invalid, nil
			}
		default:
			return jsonscan.Invalid, nil
		}
	}
	start := w.i
	kind := w.value(nil, 0)
	return kind, b[start:w.i]
}

// findKey moves from an object's '{' to the value of its first member
// named key.
func (w *walker) findKey(key string) bool {
	w.i++
	for w.ws(); w.peek() == '"'; w.ws() {
		got, escaped, ok := w.key()
		if !ok {
			return false
		}
		if escaped {
			got = jsonscan.AppendUnescaped(nil, got)
		}
		if string(got) == key {
			return true
		}
		if !w.skipElement() {
			return false
		}
	}
	return false
}

// findIndex moves from an array's '[' to its element idx.
func (w *walker) findIndex(idx int) bool {
	w.i++
	w.ws()
	if w.peek() == ']' {
		return false
	}
	for i := 0; i < idx; i++ {
		if !w.skipElement() {
			return false
		}
	}
	return true
}

// skipElement skips the member or element value at the offset and the ','
// after it; it reports false on invalid JSON or when no ',' follows.
func (w *walker) skipElement() bool {
	kind, i := jsonscan.SkipValue(w.b, w.i, maxJSONDepth)
	if kind == jsonscan.Invalid {
		return false
	}
	w.i = i
	w.ws()
	if w.peek() != ',' {
		return false
	}
	w.i++
	w.ws()
	return true
}
