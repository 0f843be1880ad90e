// Package langcheck checks saved queries written in the two other languages
// CloudWatch Logs Insights runs, OpenSearch SQL and OpenSearch PPL, as far
// as can be done without their full grammars: lexical structure (quotes,
// backquotes, comments), balanced brackets, the statement or pipeline
// shape, and known commands and clauses. Errors are *insights.Error, with
// line, column and a caret. Neither language is run offline.
package langcheck

import (
	"strings"

	"github.com/eventwatch/eventwatch/insights"
)

// Query languages, as AWS::Logs::QueryDefinition's QueryLanguage names them.
const (
	LanguageInsights = "CWLI"
	LanguageSQL      = "SQL"
	LanguagePPL      = "PPL"
)

// Check checks src in language (CWLI, SQL or PPL; "" is CWLI).
func Check(language, src string) error {
	switch language {
	case "", LanguageInsights:
		_, err := insights.Parse(src)
		return err
	case LanguageSQL:
		return SQL(src)
	case LanguagePPL:
		return PPL(src)
	}
	return insights.NewError("", 0, "unknown query language %q: expected CWLI, SQL or PPL", language)
}

// tokKind is the kind of a token.
type tokKind int

const (
	tWord   tokKind = iota // name, keyword or number
	tString                // '...' or "..."
	tQuoted                // `...`
	tPunct                 // any other character (or two-character operator)
	tEOF
)

// token is one token of a query; text is its source text.
type token struct {
	kind tokKind
	pos  int
	text string
}

// upper returns the text in upper case, for keywords.
func (t token) upper() string { return strings.ToUpper(t.text) }

// scanner splits a query into tokens and checks brackets.
type scanner struct {
	src       string
	lineCmt   string // starts a comment to the end of the line ("--" for SQL)
	blockCmt  bool   // /* ... */ comments
	stack     []token
	maxLength int
	pipeline  bool // "|" separates commands: "||" is two tokens
}

func isWordByte(c byte) bool {
	return c == '_' || c == '@' || c == '.' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// scan returns the tokens of src, or the first lexical or bracket error.
func (s *scanner) scan() ([]token, error) {
	src := s.src
	if n := len([]rune(src)); n > s.maxLength {
		e := insights.NewError(src, 0, "the query is %d characters; CloudWatch accepts at most %d", n, s.maxLength)
		e.Src = ""
		return nil, e
	}
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case s.lineCmt != "" && strings.HasPrefix(src[i:], s.lineCmt):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case s.blockCmt && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, insights.NewError(src, i, "unterminated comment: expected */")
			}
			i += end + 4
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for ; j < len(src); j++ {
				if src[j] == '\\' && c != '`' {
					j++
					continue
				}
				if src[j] == c {
					if j+1 < len(src) && src[j+1] == c { // '' inside '...'
						j++
						continue
					}
					break
				}
			}
			if j >= len(src) {
				what := "string"
				if c == '`' {
					what = "quoted name"
				}
				return nil, insights.NewError(src, i, "unterminated %s: expected a closing %c", what, c)
			}
			kind := tString
			if c == '`' {
				kind = tQuoted
			}
			toks = append(toks, token{kind: kind, pos: i, text: src[i : j+1]})
			i = j + 1
		case isWordByte(c):
			j := i
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			toks = append(toks, token{kind: tWord, pos: i, text: src[i:j]})
			i = j
		default:
			n := 1
			if two := src[i:min(i+2, len(src))]; len(two) == 2 && strings.Contains("<= >= != <> == || &&", two) && two[1] != ' ' && !(s.pipeline && two == "||") {
				n = 2
			}
			t := token{kind: tPunct, pos: i, text: src[i : i+n]}
			if err := s.bracket(t); err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += n
		}
	}
	if len(s.stack) > 0 {
		open := s.stack[len(s.stack)-1]
		return nil, insights.NewError(src, open.pos, "unclosed %q: expected a matching %q", open.text, closing[open.text])
	}
	return append(toks, token{kind: tEOF, pos: len(strings.TrimRight(src, " \t\r\n"))}), nil
}

var closing = map[string]string{"(": ")", "[": "]", "{": "}"}

// bracket keeps the stack of open brackets.
func (s *scanner) bracket(t token) error {
	switch t.text {
	case "(", "[", "{":
		s.stack = append(s.stack, t)
	case ")", "]", "}":
		if len(s.stack) == 0 {
			return insights.NewError(s.src, t.pos, "unexpected %q: no bracket is open", t.text)
		}
		open := s.stack[len(s.stack)-1]
		if closing[open.text] != t.text {
			return insights.NewError(s.src, t.pos, "unexpected %q: the %q at %s needs %q first", t.text, open.text, insights.NewError(s.src, open.pos, "").Position(), closing[open.text])
		}
		s.stack = s.stack[:len(s.stack)-1]
	}
	return nil
}

// depthAt returns, for each token, the bracket depth before it.
func depths(toks []token) []int {
	d := make([]int, len(toks))
	n := 0
	for i, t := range toks {
		if t.kind == tPunct && (t.text == ")" || t.text == "]" || t.text == "}") {
			n--
		}
		d[i] = n
		if t.kind == tPunct && (t.text == "(" || t.text == "[" || t.text == "{") {
			n++
		}
	}
	return d
}

// describe names a token for a message.
func describe(t token) string {
	if t.kind == tEOF {
		return "end of query"
	}
	return "\"" + t.text + "\""
}
