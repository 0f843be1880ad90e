// Package cliflags parses the command lines of logq's subcommands and
// describes their flags for shell completion.
//
// Every subcommand defines its flags once, on a flag.FlagSet, and parses
// them with Parse: flags may come anywhere among the arguments, as with Go's
// flag package when arguments and flags are interspersed. Describe reads the
// same definitions back for `logq completion`.
//
// The syntax is the flag package's:
//
//	-name  --name                 a boolean flag
//	-name=value  --name=value     any flag
//	-name value  --name value     a flag that is not boolean
//	--                            ends the flags: the rest are arguments
//	-                             an argument (standard input, by convention)
package cliflags

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// ErrUnknownFlag is wrapped by the error Parse returns for a flag the set
// does not define.
var ErrUnknownFlag = errors.New("unknown flag")

// Parse sets the flags of fs found anywhere in args and returns the other
// arguments, in order. "--" ends the flags; "-" alone is an argument.
// -h, -help and --help, unless fs defines them, return flag.ErrHelp. The
// messages of the other errors name the flag as it was written:
//
//	unknown flag -DEBUG
//	flag --value needs a value
//	invalid value "xml" for --format: must be table, json, csv or chart
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return append(rest, args[i+1:]...), nil
		}
		if len(arg) < 2 || arg[0] != '-' {
			rest = append(rest, arg)
			continue
		}
		spelled, value, hasValue := strings.Cut(arg, "=")
		name := strings.TrimPrefix(spelled[1:], "-")
		if name == "" || name[0] == '-' {
			return nil, fmt.Errorf("bad flag syntax: %s", arg)
		}
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				return nil, flag.ErrHelp
			}
			return nil, fmt.Errorf("%w %s", ErrUnknownFlag, spelled)
		}
		switch {
		case hasValue:
		case IsBool(f):
			value = "true"
		case i+1 < len(args):
			i++
			value = args[i]
		default:
			return nil, fmt.Errorf("flag %s needs a value", spelled)
		}
		if err := fs.Set(name, value); err != nil {
			return nil, fmt.Errorf("invalid value %q for %s: %v", value, spelled, err)
		}
	}
	return rest, nil
}

// IsBool reports whether f is a boolean flag, given without a value.
func IsBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// Spelling returns the flag as logq's help texts write it: -q for a
// one-letter name, --format for a longer one.
func Spelling(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// Choice is a string flag that takes one of a list of values; Set rejects
// the others, and completion offers them.
type Choice struct {
	Value   string
	Choices []string
}

// NewChoice defines a Choice flag on fs with a default value.
func NewChoice(fs *flag.FlagSet, name, value string, choices []string, usage string) *Choice {
	c := &Choice{Value: value, Choices: choices}
	fs.Var(c, name, usage)
	return c
}

func (c *Choice) String() string {
	if c == nil {
		return ""
	}
	return c.Value
}

// Set accepts one of c.Choices.
func (c *Choice) Set(s string) error {
	for _, v := range c.Choices {
		if s == v {
			c.Value = s
			return nil
		}
	}
	return fmt.Errorf("must be %s", orList(c.Choices))
}

// orList writes "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// List is a flag that may be repeated; it collects the values in order.
type List []string

func (l *List) String() string     { return strings.Join(*l, ",") }
func (l *List) Set(s string) error { *l = append(*l, s); return nil }

// Flag describes one flag for completion.
type Flag struct {
	Spelling   string   // -q or --format
	Usage      string   // the flag's usage text
	TakesValue bool     // not a boolean flag
	Repeatable bool     // a List
	Choices    []string // the values of a Choice; nil for free text or a file
}

// Describe lists the flags of fs in name order.
func Describe(fs *flag.FlagSet) []Flag {
	var out []Flag
	fs.VisitAll(func(f *flag.Flag) {
		d := Flag{Spelling: Spelling(f.Name), Usage: f.Usage, TakesValue: !IsBool(f)}
		switch v := f.Value.(type) {
		case *Choice:
			d.Choices = v.Choices
		case *List:
			d.Repeatable = true
		}
		out = append(out, d)
	})
	return out
}
