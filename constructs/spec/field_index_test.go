package spec

import (
	"strings"
	"testing"
)

// A log group indexes at most 20 fields, each named once within 100
// characters, and only in the STANDARD class.
func TestFieldIndexRules(t *testing.T) {
	many := make([]string, MaxFieldIndexes+1)
	for i := range many {
		many[i] = "f" + strings.Repeat("x", i)
	}
	for _, c := range []struct {
		name  string
		props LogGroupProps
		want  string // "" for valid
	}{
		{"standard", LogGroupProps{FieldIndexes: []string{"event", "requestId"}}, ""},
		{"too many", LogGroupProps{FieldIndexes: many}, "fieldIndexes: 21 fields; CloudWatch Logs indexes at most 20"},
		{"twice", LogGroupProps{FieldIndexes: []string{"event", "event"}}, `fieldIndexes[1]: "event" is listed twice`},
		{"long", LogGroupProps{FieldIndexes: []string{strings.Repeat("a", 101)}}, "an indexed field name has at most 100"},
		{"infrequent", LogGroupProps{Class: ClassInfrequentAccess, FieldIndexes: []string{"event"}}, "a INFREQUENT_ACCESS log group takes no field index policy"},
	} {
		err := c.props.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}
