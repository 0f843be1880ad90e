package stat

import "strings"

// respell returns the spelling CloudWatch documents for a statistic written
// in the wrong case (P99, average, iqm, TM99, tm(10%:90%), pr(:300)), or ""
// when changing the case does not make s valid.
func respell(s string) string {
	for name := range simpleNames {
		if strings.EqualFold(s, name) {
			return name
		}
	}
	if strings.EqualFold(s, "IQM") {
		return "IQM"
	}
	name, rest, ranged := strings.Cut(s, "(")
	if ranged {
		rest = "(" + rest
	} else {
		i := strings.IndexFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
		if i < 0 {
			return ""
		}
		name, rest = s[:i], s[i:]
	}
	var fixed string
	if ranged {
		fixed = strings.ToUpper(name) + rest
	} else {
		fixed = strings.ToLower(name) + rest
	}
	if fixed == s {
		return ""
	}
	if _, err := parse(fixed); err != nil {
		return ""
	}
	return fixed
}
