package langcheck

import (
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/insights"
)

// pplCommands are the PPL commands of the OpenSearch PPL reference that
// CloudWatch Logs Insights lists (and the general PPL commands around
// them), by lower-case name.
var pplCommands = map[string]bool{
	"search": true, "source": true, "where": true, "fields": true, "stats": true, "eventstats": true,
	"streamstats": true, "sort": true, "head": true, "top": true, "rare": true, "dedup": true, "eval": true,
	"rename": true, "parse": true, "grok": true, "patterns": true, "lookup": true, "join": true,
	"fillnull": true, "expand": true, "flatten": true, "trendline": true, "appendcol": true, "append": true,
	"table": true, "reverse": true, "bin": true, "timechart": true, "chart": true, "regex": true, "rex": true,
	"spath": true, "addtotals": true, "addcoltotals": true, "replace": true, "describe": true, "subquery": true,
	"fieldsummary": true, "ml": true, "ad": true, "kmeans": true, "transpose": true, "multisearch": true,
	"nomv": true, "mvcombine": true, "appendpipe": true,
}

// pplNeedsArgs are commands that are invalid without arguments.
var pplNeedsArgs = map[string]string{
	"where": "a condition", "fields": "field names", "stats": "an aggregation such as count()",
	"eventstats": "an aggregation", "sort": "field names", "eval": "an assignment such as x = a + 1",
	"rename": "a rename such as a as b", "parse": "a field and a pattern", "grok": "a field and a pattern",
	"lookup": "a lookup table and fields", "join": "a join condition and a source", "dedup": "field names",
	"expand": "a field", "flatten": "a field", "top": "field names", "rare": "field names", "source": "a log group",
	"search": "source=LOG_GROUP",
}

// PPL checks an OpenSearch PPL query as CloudWatch Logs Insights runs it:
//
//	query   := command ( "|" command )*
//	command := name arguments
//
// It checks quotes ('...', "...", `...`), balanced brackets, that no
// command is empty, that every command is a known PPL command, that
// commands which need arguments have some, and that head takes a number.
// Arguments are not parsed further.
func PPL(src string) error {
	s := &scanner{src: src, maxLength: MaxQueryLength, pipeline: true}
	toks, err := s.scan()
	if err != nil {
		return err
	}
	d := depths(toks)
	errAt := func(t token, format string, a ...any) error { return insights.NewError(src, t.pos, format, a...) }
	start := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if d[i] != 0 || !(t.kind == tEOF || t.kind == tPunct && t.text == "|") {
			continue
		}
		cmd := toks[start:i]
		if len(cmd) == 0 {
			if t.kind == tEOF && start == 0 {
				return errAt(t, "expected a PPL command such as fields or where, found an empty query")
			}
			return errAt(t, "expected a command before %s", describe(t))
		}
		if err := checkPPLCommand(src, cmd, t, start == 0); err != nil {
			return err
		}
		start = i + 1
	}
	return nil
}

// checkPPLCommand checks one command; end is the token after it.
func checkPPLCommand(src string, cmd []token, end token, first bool) error {
	errAt := func(t token, format string, a ...any) error { return insights.NewError(src, t.pos, format, a...) }
	name := cmd[0]
	if name.kind != tWord {
		return errAt(name, "expected a PPL command name, found %s", describe(name))
	}
	word := strings.ToLower(name.text)
	if len(cmd) > 1 && cmd[1].kind == tPunct && cmd[1].text == "=" && first {
		word = "source" // source=LogGroup starts a query; so does search source=...
		if strings.ToLower(name.text) != "source" {
			return errAt(name, "expected a PPL command, found %q followed by \"=\"", name.text)
		}
		if len(cmd) == 2 {
			return errAt(end, "expected a log group after \"source=\"")
		}
		return nil
	}
	if !pplCommands[word] {
		known := make([]string, 0, len(pplCommands))
		for k := range pplCommands {
			known = append(known, k)
		}
		sort.Strings(known)
		return errAt(name, "unknown PPL command %q; expected one of %s", name.text, strings.Join(known, ", "))
	}
	if what, ok := pplNeedsArgs[word]; ok && len(cmd) == 1 {
		return errAt(end, "expected %s after %s, found %s", what, name.text, describe(end))
	}
	if word == "head" && len(cmd) > 1 && cmd[1].kind == tWord && strings.Trim(cmd[1].text, "0123456789") != "" && strings.ToLower(cmd[1].text) != "from" {
		return errAt(cmd[1], "expected a number after head, found %s", describe(cmd[1]))
	}
	return nil
}
