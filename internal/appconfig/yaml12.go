package appconfig

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The config files are read as YAML 1.2 (its core schema, "Tag
// Resolution" in https://yaml.org/spec/1.2.2/#1032-tag-resolution), where
// yaml.v3 keeps some YAML 1.1 readings that change a value silently:
//
//	030          the integer 30 (yaml.v3: 24, an octal)
//	0o30, 0x1e   the integers 24 and 30 (octal and hexadecimal, as 1.2 writes them)
//	1_000, 0b11  text (yaml.v3: 1000 and 3); a number field refuses it
//	yes, no, on, off, y, n
//	             text (yaml.v3 reads them as booleans into a bool field,
//	             which the strict check already refused); only true and
//	             false (True, TRUE, False, FALSE) are booleans
//	2001-12-14   text (yaml.v3: a timestamp)
//
// An explicit tag must be one of the core schema's (!!str, !!int,
// !!float, !!bool, !!null, !!seq, !!map) and fit its value: !!binary,
// which would decode base64 into a string, and !!bool yes are refused.
// Merge keys (<<: *base), from YAML 1.1, still work (expand.go).
var (
	yaml12Int   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	yaml12Oct   = regexp.MustCompile(`^0o[0-7]+$`)
	yaml12Hex   = regexp.MustCompile(`^0x[0-9a-fA-F]+$`)
	yaml12Float = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$`)
)

// yaml12Tags are the core schema's tags.
var yaml12Tags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true, "!!seq": true, "!!map": true}

// resolveYAML12 resolves a plain scalar as YAML 1.2's core schema does: its
// tag, and for an integer its value in decimal (030 is "30", 0x1e "30").
func resolveYAML12(v string) (tag, canonical string) {
	switch v {
	case "", "~", "null", "Null", "NULL":
		return "!!null", v
	case "true", "True", "TRUE":
		return "!!bool", "true"
	case "false", "False", "FALSE":
		return "!!bool", "false"
	}
	base, digits := 0, v
	switch {
	case yaml12Int.MatchString(v):
		base = 10
	case yaml12Oct.MatchString(v):
		base, digits = 8, v[2:]
	case yaml12Hex.MatchString(v):
		base, digits = 16, v[2:]
	case yaml12Float.MatchString(v):
		return "!!float", v
	default:
		return "!!str", v
	}
	var n big.Int
	n.SetString(strings.TrimPrefix(digits, "+"), base)
	return "!!int", n.String()
}

// scalarYAML12 is the YAML 1.2 tag of a scalar node and, for an integer,
// its value in decimal; or why it cannot be read: an explicit tag outside
// the core schema, or one its value does not fit.
func scalarYAML12(n *yaml.Node) (tag, canonical, problem string) {
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if n.Style&yaml.TaggedStyle == 0 {
		if quoted {
			return "!!str", n.Value, ""
		}
		tag, canonical = resolveYAML12(n.Value)
		return tag, canonical, ""
	}
	explicit := n.ShortTag()
	if !yaml12Tags[explicit] || explicit == "!!seq" || explicit == "!!map" {
		return "", "", fmt.Sprintf("the tag %s is not one of YAML 1.2's core schema (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map); remove it", explicit)
	}
	if explicit == "!!str" {
		return "!!str", n.Value, ""
	}
	tag, canonical = resolveYAML12(n.Value)
	if tag == explicit || explicit == "!!float" && tag == "!!int" {
		return tag, canonical, ""
	}
	what := map[string]string{"!!int": "integer", "!!float": "number", "!!bool": "boolean", "!!null": "null"}[explicit]
	expect := map[string]string{"!!int": "a whole number such as 30", "!!float": "a number such as 2.5", "!!bool": "true or false", "!!null": "null or ~"}[explicit]
	return "", "", fmt.Sprintf("%s is not a YAML 1.2 %s; expected %s", quote(n.Value), what, expect)
}

// yaml11Hint says how a value that YAML 1.1 (and yaml.v3) read as a
// number or a boolean, and YAML 1.2 reads as text, is written in YAML 1.2;
// "" for other text.
func yaml11Hint(v string) string {
	switch strings.ToLower(v) {
	case "y", "yes", "n", "no", "on", "off":
		return " (YAML 1.2 reads yes, no, on and off as text)"
	}
	clean := strings.ReplaceAll(v, "_", "")
	if tag, canonical := resolveYAML12(clean); clean != v && (tag == "!!int" || tag == "!!float") {
		return " (YAML 1.2 reads it as text: write " + canonical + ")"
	}
	if n, err := strconv.ParseInt(clean, 0, 64); err == nil && strings.Contains(strings.ToLower(clean), "0b") {
		return fmt.Sprintf(" (YAML 1.2 reads it as text: write %d)", n)
	}
	return ""
}
