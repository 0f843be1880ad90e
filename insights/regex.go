package insights

import (
	"regexp"
	"regexp/syntax"
	"unicode/utf8"

	"github.com/eventwatch/eventwatch/internal/regexbound"
)

// This file bounds the work of regexes (see MaxRegexProgram,
// MaxQueryRegexProgram and MaxRegexWork in semantics.go). The parser
// measures every regex of a query before anything compiles it; the engine
// shows each regex only as much of its input as the query's budget allows.

// checkRegex checks pattern, the regex of a /regex/ literal, an =~ string, a
// regexReplace pattern or a parse glob (what names it in messages) at
// offset pos: it must be valid RE2 syntax, compile to at most
// MaxRegexProgram instructions, and keep the regexes of the query within
// MaxQueryRegexProgram. It returns the parse tree.
func (p *parser) checkRegex(pos int, pattern, what string) *syntax.Regexp {
	tree, err := syntax.Parse(pattern, syntax.Perl) // as regexp.Compile parses
	if err != nil {
		p.failAt(pos, "invalid %s: %v", what, err)
	}
	n := regexbound.Size(tree)
	if n > MaxRegexProgram {
		hint := "use smaller repetition counts such as {1,64}"
		if what == "parse pattern" {
			hint = "use a shorter pattern"
		}
		p.failAt(pos, "the %s is too complex to match in bounded time: about %d steps per character, at most %d (MaxRegexProgram); %s", what, n, MaxRegexProgram, hint)
	}
	p.regexSize += n
	if p.regexSize > MaxQueryRegexProgram {
		p.failAt(pos, "the regexes of the query up to this %s take about %d steps per character in all, at most %d (MaxQueryRegexProgram); use fewer or smaller regexes", what, p.regexSize, MaxQueryRegexProgram)
	}
	return tree
}

// regex is a compiled regex and how much of its input it looks at. Its
// methods search only the window of their input; match indexes are valid
// in the whole input too.
type regex struct {
	re     *regexp.Regexp
	size   int // regexbound.Size: steps per byte in the worst case
	window int // the longest input it scans, in bytes (see regexWindow)
}

func (r *regex) match(s string) bool { return r.re.MatchString(r.input(s)) }

func (r *regex) find(s string) []int { return r.re.FindStringSubmatchIndex(r.input(s)) }

func (r *regex) findAll(s string) [][]int { return r.re.FindAllStringSubmatchIndex(r.input(s), -1) }

// regexWindow is the number of bytes each regex of a query scans when the
// query's regexes total size instructions: MaxRegexWork/size, so that all
// of them together do at most MaxRegexWork steps per row.
func regexWindow(size int) int {
	return MaxRegexWork / max(size, 1)
}

// testHookRegexScan, when set by a test, sees the size of each regex and
// the length of each input it scans.
var testHookRegexScan func(size, n int)

// input returns the part of s that r scans: all of s, or its first r.window
// bytes, cut before a partial UTF-8 character.
func (r *regex) input(s string) string {
	if len(s) > r.window {
		n := r.window
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	if testHookRegexScan != nil {
		testHookRegexScan(r.size, len(s))
	}
	return s
}

// regex returns the compiled pattern, checked by the parser, with the
// window of p's query; it compiles each pattern once per run.
func (p *plan) regex(pattern string) *regex {
	if re, ok := p.regexCache.Load(pattern); ok {
		return re.(*regex)
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("insights: regex not checked by the parser: " + err.Error())
	}
	size := regexbound.Size(tree)
	re := &regex{
		re:   regexp.MustCompile(pattern),
		size: size,
		// the parser counted every regex of the query; max covers a
		// Query not built by Parse
		window: regexWindow(max(p.q.regexSize, size)),
	}
	p.regexCache.Store(pattern, re)
	return re
}
