package spec

import "strconv"

// Limits of a log group's field index policy (PutIndexPolicy).
const (
	// MaxFieldIndexes is the most fields one log group indexes.
	MaxFieldIndexes = 20
	// MaxFieldIndexNameLength is the longest indexed field name, in characters.
	MaxFieldIndexNameLength = 100
)

// checkFieldIndexes checks the fields a log group indexes: at most
// MaxFieldIndexes, unique, each named within MaxFieldIndexNameLength, and
// only on a class that indexes fields (STANDARD).
func (p *LogGroupProps) checkFieldIndexes(ps *Problems) {
	if len(p.FieldIndexes) == 0 {
		return
	}
	if p.Class != "" && p.Class != DefaultLogGroupClass {
		ps.Add(fieldErr("fieldIndexes", "a %s log group takes no field index policy; only the %s class does", p.Class, DefaultLogGroupClass))
	}
	if n := len(p.FieldIndexes); n > MaxFieldIndexes {
		ps.Add(fieldErr("fieldIndexes", "%d fields; CloudWatch Logs indexes at most %d per log group", n, MaxFieldIndexes))
	}
	seen := map[string]bool{}
	for i, f := range p.FieldIndexes {
		field := "fieldIndexes[" + strconv.Itoa(i) + "]"
		switch {
		case f == "":
			ps.Add(fieldErr(field, "is empty; expected a field name such as requestId"))
		case chars(f) > MaxFieldIndexNameLength:
			ps.Add(fieldErr(field, "%s has %d characters; an indexed field name has at most %d", echo(f), chars(f), MaxFieldIndexNameLength))
		case seen[f]:
			ps.Add(fieldErr(field, "%s is listed twice", echo(f)))
		}
		seen[f] = true
	}
}
