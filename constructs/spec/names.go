package spec

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	// stackNameRE is CloudFormation's stack name pattern.
	stackNameRE = regexp.MustCompile(`^[a-zA-Z][-a-zA-Z0-9]*$`)
	// queryNameRE is the Name pattern of AWS::Logs::QueryDefinition's
	// resource schema, ^([^:*/]+/?)*[^:*/]+$: no ':' or '*', and '/'
	// only between folder and name parts.
	queryNameRE = regexp.MustCompile(`^([^:*/]+/)*[^:*/]+$`)
)

// CheckStackName checks a CloudFormation stack name: 1 to
// MaxStackNameLength characters, a letter first, then letters, digits and '-'.
func CheckStackName(field, name string) error {
	switch {
	case name == "" || chars(name) > MaxStackNameLength:
		return fieldErr(field, "makes the stack name %s of %d characters; CloudFormation allows 1 to %d", echo(name), chars(name), MaxStackNameLength)
	case !stackNameRE.MatchString(name):
		return fieldErr(field, "makes the stack name %s; CloudFormation allows a letter, then letters, digits and '-'", echo(name))
	}
	return nil
}

// CheckLogicalID checks that a logical ID made of prefix and the
// alphanumeric characters of name fits CloudFormation's limit.
func CheckLogicalID(field, prefix, name string) error {
	n := len(prefix)
	for _, r := range name {
		if r <= unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			n++
		}
	}
	if n > MaxLogicalIDLength {
		return fieldErr(field, "%s makes the logical ID %s... of %d characters; CloudFormation allows at most %d", echo(name), prefix, n, MaxLogicalIDLength)
	}
	return nil
}

// checkQueryName checks a query definition's name against its resource schema.
func checkQueryName(name string) error {
	switch {
	case name == "" || chars(name) > MaxQueryNameLength:
		return fieldErr("name", "%s must be 1 to %d characters", echo(name), MaxQueryNameLength)
	case strings.ContainsAny(name, ":*"):
		return fieldErr("name", "%s contains ':' or '*'; a query definition name may not (AWS::Logs::QueryDefinition)", echo(name))
	case !queryNameRE.MatchString(name):
		return fieldErr("name", "%s must not start or end with '/' or hold '//'; '/' separates folders from the name", echo(name))
	}
	return nil
}

// checkAlarmName checks CloudWatch's alarm name rules beyond its length:
// no control characters.
func checkAlarmName(name string) error {
	for _, r := range name {
		if unicode.IsControl(r) {
			return fieldErr("alarmName", "%s contains the control character %q; CloudWatch does not allow them", echo(name), r)
		}
	}
	return nil
}
