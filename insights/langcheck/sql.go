package langcheck

import (
	"strings"

	"github.com/eventwatch/eventwatch/insights"
)

// MaxQueryLength is the longest saved query CloudWatch accepts, in
// characters, whatever its language.
const MaxQueryLength = insights.MaxQueryLength

// sqlClauses are the clauses of a SELECT in the order they must come.
var sqlClauses = []string{"SELECT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT"}

// sqlWrites are statements CloudWatch's read-only SQL does not run.
var sqlWrites = map[string]bool{"INSERT": true, "UPDATE": true, "DELETE": true, "DROP": true, "CREATE": true,
	"ALTER": true, "TRUNCATE": true, "MERGE": true, "GRANT": true, "REVOKE": true, "REPLACE": true}

// SQL checks an OpenSearch SQL query as CloudWatch Logs Insights runs it:
//
//	query  := ( "WITH" ... )? select ( ( "UNION" | "INTERSECT" | "EXCEPT" ) select )* ";"?
//	select := "SELECT" items "FROM" source ( "WHERE" ... )? ( "GROUP BY" ... )?
//	          ( "HAVING" ... )? ( "ORDER BY" ... )? ( "LIMIT" number )?
//
// It checks quotes ('...', "...", `...`), comments (-- and /* */),
// balanced brackets, one read-only statement, the clauses of each
// top-level SELECT (present, not empty, in order, once each, no trailing
// comma) and that LIMIT takes a number. Expressions are not parsed.
func SQL(src string) error {
	s := &scanner{src: src, lineCmt: "--", blockCmt: true, maxLength: MaxQueryLength}
	toks, err := s.scan()
	if err != nil {
		return err
	}
	d := depths(toks)
	errAt := func(t token, format string, a ...any) error { return insights.NewError(src, t.pos, format, a...) }
	first := toks[0]
	switch {
	case first.kind == tEOF:
		return errAt(first, "expected a SELECT query, found an empty query")
	case sqlWrites[first.upper()]:
		return errAt(first, "%s is not allowed: CloudWatch runs read-only queries; expected SELECT", first.text)
	case first.upper() != "SELECT" && first.upper() != "WITH":
		return errAt(first, "expected SELECT (or WITH), found %s", describe(first))
	}
	next := 0 // index in sqlClauses of the next clause allowed
	inSelect := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if d[i] != 0 {
			continue
		}
		if t.kind == tPunct && t.text == ";" {
			if toks[i+1].kind != tEOF {
				return errAt(toks[i+1], "only one statement is allowed, found %s after \";\"", describe(toks[i+1]))
			}
			continue
		}
		if t.kind == tEOF {
			break
		}
		if t.kind != tWord {
			continue
		}
		kw := t.upper()
		switch kw {
		case "UNION", "INTERSECT", "EXCEPT", "MINUS":
			if inSelect && next <= 1 {
				return errAt(t, "expected FROM and a log group before %s", kw)
			}
			next, inSelect = 0, false
			continue
		case "GROUP", "ORDER":
			if toks[i+1].upper() != "BY" {
				return errAt(toks[i+1], "expected BY after %s, found %s", kw, describe(toks[i+1]))
			}
			kw += " BY"
			i++
		}
		k := clauseIndex(kw)
		if k < 0 {
			if sqlWrites[kw] && inSelect {
				return errAt(t, "%s is not allowed: CloudWatch runs read-only queries", t.text)
			}
			continue
		}
		if kw == "SELECT" {
			inSelect = true
		}
		if k < next {
			return errAt(t, "%s cannot come here: the clauses of a SELECT come in the order %s, each once", kw, strings.Join(sqlClauses, ", "))
		}
		if kw != "SELECT" && next <= 1 && k > 1 {
			return errAt(t, "expected FROM and a log group (FROM `LogGroupA`) before %s", kw)
		}
		next = k + 1
		if i > 0 && toks[i-1].kind == tPunct && toks[i-1].text == "," && d[i-1] == 0 {
			return errAt(toks[i-1], "unexpected \",\" before %s", kw)
		}
		after := toks[i+1]
		if after.kind == tEOF || after.kind == tPunct && after.text == ";" || after.kind == tWord && clauseIndex(after.upper()) >= 0 {
			return errAt(after, "expected %s after %s, found %s", sqlWants[kw], kw, describe(after))
		}
		if kw == "LIMIT" && (after.kind != tWord || strings.Trim(after.text, "0123456789") != "") {
			return errAt(after, "expected a whole number after LIMIT, found %s", describe(after))
		}
	}
	if inSelect && next <= 1 {
		return errAt(toks[len(toks)-1], "expected FROM and a log group (FROM `LogGroupA`), found end of query")
	}
	return nil
}

var sqlWants = map[string]string{
	"SELECT": "the columns", "FROM": "a log group", "WHERE": "a condition", "GROUP BY": "the grouping columns",
	"HAVING": "a condition", "ORDER BY": "the sort columns", "LIMIT": "a number",
}

func clauseIndex(kw string) int {
	for i, c := range sqlClauses {
		if c == kw {
			return i
		}
	}
	return -1
}
