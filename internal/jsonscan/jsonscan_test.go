package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
)

// scalarCases are single tokens: the kind SkipScalar gives them and how many
// bytes it reads (end), -1 when the token is invalid.
var scalarCases = []struct {
	in   string
	kind Kind
	end  int
}{
	// strings
	{`""`, String, 2},
	{`"abc"`, String, 5},
	{`"abc" tail`, String, 5},
	{`"a\"b"`, String, 6},
	{`"\\"`, String, 4},
	{`"\/\b\f\n\r\t"`, String, 14},
	{`"\u0041"`, String, 8},
	{`"\uD83D\uDE00"`, String, 14},
	{`"\ud800"`, String, 8}, // a lone surrogate is valid JSON text
	{`"\uabcdz"`, String, 9},
	{"\"\x7f\xff\xfe\"", String, 5}, // bytes >= 0x7f are taken as they are
	{"\"é\"", String, 4},
	{`"abc`, Invalid, -1},
	{`"`, Invalid, -1},
	{`"\"`, Invalid, -1},
	{`"\`, Invalid, -1},
	{`"\x"`, Invalid, -1},
	{`"\'"`, Invalid, -1},
	{`"\u12"`, Invalid, -1},
	{`"\u12g4"`, Invalid, -1},
	{`"\U0041"`, Invalid, -1},
	{"\"a\tb\"", Invalid, -1},
	{"\"a\nb\"", Invalid, -1},
	{"\"\x00\"", Invalid, -1},
	{"\"\x1f\"", Invalid, -1},
	// numbers
	{`0`, Number, 1},
	{`-0`, Number, 2},
	{`7`, Number, 1},
	{`123`, Number, 3},
	{`-123.456`, Number, 8},
	{`1e5`, Number, 3},
	{`1E+5`, Number, 4},
	{`1.5e-10`, Number, 7},
	{`0.0`, Number, 3},
	{`01`, Number, 1}, // reads "0"; what follows is the caller's business
	{`1,`, Number, 1},
	{`1.`, Invalid, -1},
	{`.5`, Invalid, -1},
	{`-`, Invalid, -1},
	{`+1`, Invalid, -1},
	{`1e`, Invalid, -1},
	{`1e+`, Invalid, -1},
	{`1.e5`, Invalid, -1},
	{`-a`, Invalid, -1},
	// literals
	{`true`, True, 4},
	{`false`, False, 5},
	{`null`, Null, 4},
	{`nullx`, Null, 4},
	{`tru`, Invalid, -1},
	{`True`, Invalid, -1},
	{`nul`, Invalid, -1},
	{`fals`, Invalid, -1},
	// not scalars
	{``, Invalid, -1},
	{`{}`, Invalid, -1},
	{`[]`, Invalid, -1},
	{` 1`, Invalid, -1},
}

func TestSkipScalar(t *testing.T) {
	for _, c := range scalarCases {
		kind, end := SkipScalar(c.in, 0)
		if kind != c.kind || c.kind != Invalid && end != c.end {
			t.Errorf("SkipScalar(%q) = %v, %d; want %v, %d", c.in, kind, end, c.kind, c.end)
		}
		bkind, bend := SkipScalar([]byte(c.in), 0)
		if bkind != kind || bend != end {
			t.Errorf("SkipScalar([]byte(%q)) = %v, %d; the string gives %v, %d", c.in, bkind, bend, kind, end)
		}
		if c.kind == String {
			_, escaped, _ := SkipString(c.in, 0)
			if want := strings.Contains(c.in[:c.end], `\`); escaped != want {
				t.Errorf("SkipString(%q) escaped = %v", c.in, escaped)
			}
		}
	}
}

// TestSkipAt checks that the functions read from the offset, not from 0.
func TestSkipAt(t *testing.T) {
	s := `xx "a\n" 12.5 true [1, {"k": null}] ,`
	if i := SkipSpace(s, 2); i != 3 {
		t.Fatalf("SkipSpace = %d", i)
	}
	want := []struct {
		kind Kind
		end  int
	}{{String, 8}, {Number, 13}, {True, 18}, {Array, 35}}
	i := 3
	for _, w := range want {
		kind, end := SkipValue(s, i, 2)
		if kind != w.kind || end != w.end {
			t.Fatalf("SkipValue(s, %d) = %v, %d; want %v, %d", i, kind, end, w.kind, w.end)
		}
		i = SkipSpace(s, end)
	}
	if s[i] != ',' {
		t.Fatalf("ended at %q", s[i:])
	}
}

func TestSkipValueDepth(t *testing.T) {
	for _, c := range []struct {
		in    string
		depth int
		kind  Kind
	}{
		{`1`, 0, Number},
		{`[]`, 0, Invalid},
		{`[]`, 1, Array},
		{`{}`, 1, Object},
		{`[[1]]`, 1, Invalid},
		{`[[1]]`, 2, Array},
		{`{"a":{"b":[]}}`, 2, Invalid},
		{`{"a":{"b":[]}}`, 3, Object},
	} {
		if kind, _ := SkipValue(c.in, 0, c.depth); kind != c.kind {
			t.Errorf("SkipValue(%q, depth %d) = %v, want %v", c.in, c.depth, kind, c.kind)
		}
	}
}

// validCases are whole texts for Valid, which must agree with
// encoding/json.Valid on each.
var validCases = []string{
	`{}`, `[]`, ` { } `, "\t[\r\n]\n", `1`, `"s"`, `null`, ` true `,
	`{"a":1}`, `{"a" : 1 , "b" : [ 1 , 2 ] }`, `[1,"a",true,false,null,{},[]]`,
	`{"a":{"b":{"c":[{"d":"\u00e9"}]}}}`, `{"":""}`, `{"a":1,"a":2}`,
	``, ` `, `{`, `}`, `[`, `]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[,1]`,
	`{,}`, `{"a":1 "b":2}`, `[1 2]`, `{1:2}`, `{'a':1}`, `{"a":1}}`, `[1]]`,
	`{"a":1]`, `[1}`, `{} {}`, `1 2`, `01`, `-01`, `1.`, `[.1]`, `{"a":tru}`,
	`{"a":"\q"}`, "{\"a\":\"\x01\"}", `[1e]`, `NaN`, `Infinity`, `[-]`,
	"\x00", `{"a":1}x`, "\u00a0{}", "{}\u00a0", "\v{}", "\f{}",
}

func TestValid(t *testing.T) {
	for _, s := range validCases {
		if got, want := Valid(s), json.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%q) = %v, encoding/json says %v", s, got, want)
		}
		if Valid([]byte(s)) != Valid(s) {
			t.Errorf("Valid([]byte(%q)) differs from Valid of the string", s)
		}
	}
}

func TestValidMaxDepth(t *testing.T) {
	for _, n := range []int{MaxDepth, MaxDepth + 1} {
		s := strings.Repeat("[", n) + strings.Repeat("]", n)
		if got, want := Valid(s), json.Valid([]byte(s)); got != want || got != (n <= MaxDepth) {
			t.Errorf("Valid(%d nested arrays) = %v, encoding/json says %v", n, got, want)
		}
	}
}

func TestOpenNext(t *testing.T) {
	if i, empty := Open(`{ }x`, 0); !empty || i != 3 {
		t.Errorf("Open({ }) = %d, %v", i, empty)
	}
	if i, empty := Open(`[ 1]`, 0); empty || i != 2 {
		t.Errorf("Open([ 1]) = %d, %v", i, empty)
	}
	if i, empty := Open(`[}`, 0); empty || i != 1 {
		t.Errorf("Open([}) = %d, %v", i, empty)
	}
	for _, c := range []struct {
		in       string
		close    byte
		end      int
		more, ok bool
	}{
		{` , "b"`, '}', 2, true, true},
		{`,`, ']', 1, true, true},
		{` }`, '}', 2, false, true},
		{`]`, ']', 1, false, true},
		{`}`, ']', 0, false, false},
		{` `, ']', 1, false, false},
		{` :`, '}', 1, false, false},
	} {
		end, more, ok := Next(c.in, 0, c.close)
		if end != c.end || more != c.more || ok != c.ok {
			t.Errorf("Next(%q, %q) = %d, %v, %v; want %d, %v, %v", c.in, c.close, end, more, ok, c.end, c.more, c.ok)
		}
	}
}

func TestMember(t *testing.T) {
	for _, c := range []struct {
		in  string
		end int
		ok  bool
	}{
		{`"a":1`, 4, true},
		{`"a" : 1`, 6, true},
		{`"a\"b":1`, 7, true},
		{`"a" 1`, 0, false},
		{`"a`, 0, false},
		{`a:1`, 0, false},
		{`"\x":1`, 0, false},
		{``, 0, false},
	} {
		end, ok := member(c.in, 0)
		if ok != c.ok || ok && end != c.end {
			t.Errorf("member(%q) = %d, %v; want %d, %v", c.in, end, ok, c.end, c.ok)
		}
	}
}

// unescapeCases are string contents (between the quotes) and their decoded
// text; the lenient ones hold escapes that a valid string cannot.
var unescapeCases = []struct{ in, want string }{
	{``, ``},
	{`plain`, `plain`},
	{`a\"b`, `a"b`},
	{`\\ \/`, `\ /`},
	{`\b\f\n\r\t`, "\b\f\n\r\t"},
	{`\u0041\u00e9\u20AC`, "Aé€"},
	{`\u0000`, "\x00"},
	{`\uD83D\uDE00`, "😀"},
	{`\ud83d\ude00!`, "😀!"},
	{`x\uD83D`, "x\uFFFD"},            // lone high surrogate
	{`\uDE00x`, "\uFFFDx"},            // lone low surrogate
	{`\uD83D\u0041`, "\uFFFDA"},       // high surrogate before a non-surrogate
	{`\uD83D\uD83D\uDE00`, "\uFFFD😀"}, // two highs, then a pair
	{`\uDE00\uD83D`, "\uFFFD\uFFFD"},
	{"é\x7f", "é\x7f"},
	// lenient
	{`\x`, `x`},
	{`\u12`, `u12`},
	{`\u12g4`, `u12g4`},
	{`a\`, `a\`},
	{`\uD83D\u12`, "\uFFFDu12"},
}

func TestAppendUnescaped(t *testing.T) {
	for _, c := range unescapeCases {
		if got := string(AppendUnescaped([]byte("pre:"), c.in)); got != "pre:"+c.want {
			t.Errorf("AppendUnescaped(%q) = %q, want %q", c.in, got, "pre:"+c.want)
		}
		if got := string(AppendUnescaped(nil, []byte(c.in))); got != c.want {
			t.Errorf("AppendUnescaped([]byte(%q)) = %q, want %q", c.in, got, c.want)
		}
		// Valid contents decode as encoding/json does.
		q := `"` + c.in + `"`
		if _, _, ok := SkipString(q, 0); ok {
			var want string
			if err := json.Unmarshal([]byte(q), &want); err != nil {
				t.Fatalf("encoding/json rejects %s: %v", q, err)
			}
			if string(AppendUnescaped(nil, c.in)) != want {
				t.Errorf("AppendUnescaped(%q) differs from encoding/json's %q", c.in, want)
			}
		}
	}
}

func TestNoAllocs(t *testing.T) {
	s := []byte(`{"a":[1,-2.5e3,"x\ty\u00e9",true,false,null],"b":{"c":{}}}`)
	body := []byte(`a\n\u00e9\uD83D\uDE00`)
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() {
		if !Valid(s) {
			t.Fatal("not valid")
		}
		buf = AppendUnescaped(buf[:0], body)
	}); n != 0 {
		t.Errorf("%v allocations per run, want 0", n)
	}
}
