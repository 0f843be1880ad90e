// Package cfn reads CloudFormation templates: it compares deployed and
// synthesized templates (CheckStacks, DiffTemplates), checks their size,
// and names resources with logical IDs derived from stable names.
package cfn

import (
	"strings"
	"unicode"
)

// LogicalID joins name parts into a CloudFormation logical ID: each part is
// split on non-alphanumeric characters and written in CamelCase, so
// ("Alarm", "orders", "httpbin-post") gives "AlarmOrdersHttpbinPost". The
// ID depends only on the names, never on where a construct sits in the
// tree, so refactoring cannot replace a resource.
func LogicalID(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		upper := true
		for _, r := range p {
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				upper = true
				continue
			}
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Retain is the DeletionPolicy that keeps a resource when CloudFormation
// removes it from its stack.
const Retain = "Retain"
