package cliflags

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

func newSet() (*flag.FlagSet, *bool, *string, *Choice, *List) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	v := fs.Bool("v", false, "verbose")
	q := fs.String("q", "", "query")
	format := NewChoice(fs, "format", "table", []string{"table", "json", "csv"}, "output")
	var groups List
	fs.Var(&groups, "log-group", "log group")
	return fs, v, q, format, &groups
}

// Each case is a command line and what Parse makes of it: the arguments
// left, and the flags set (v, q, format, log-group), or an error.
var parseCases = []struct {
	args []string
	rest []string
	set  string // "v q format groups" after parsing
	err  string
}{
	{args: nil, rest: nil, set: "false  table "},
	{args: []string{"a", "-v", "b"}, rest: []string{"a", "b"}, set: "true  table "},
	{args: []string{"-q", "Q", "file", "--format", "json"}, rest: []string{"file"}, set: "false Q json "},
	{args: []string{"file", "--format=csv", "-q=x"}, rest: []string{"file"}, set: "false x csv "},
	{args: []string{"--v=false", "-v", "x"}, rest: []string{"x"}, set: "true  table "},
	{args: []string{"-", "-v"}, rest: []string{"-"}, set: "true  table "},
	{args: []string{"a", "--", "-v", "--format", "b"}, rest: []string{"a", "-v", "--format", "b"}, set: "false  table "},
	{args: []string{"-q", "--", "x"}, rest: []string{"x"}, set: "false -- table "},
	{args: []string{"-q", "-f", "x"}, rest: []string{"x"}, set: "false -f table "},
	{args: []string{"--log-group", "a", "x", "--log-group=b"}, rest: []string{"x"}, set: "false  table a,b"},
	{args: []string{"x", "-DEBUG"}, err: "unknown flag -DEBUG"},
	{args: []string{"--nope=1"}, err: "unknown flag --nope"},
	{args: []string{"x", "-q"}, err: "flag -q needs a value"},
	{args: []string{"--format", "xml"}, err: `invalid value "xml" for --format: must be table, json or csv`},
	{args: []string{"-v=maybe"}, err: `invalid value "maybe" for -v`},
	{args: []string{"---v"}, err: "bad flag syntax: ---v"},
	{args: []string{"x", "--help"}, err: flag.ErrHelp.Error()},
	{args: []string{"-h"}, err: flag.ErrHelp.Error()},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		fs, v, q, format, groups := newSet()
		rest, err := Parse(fs, c.args)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if !slices.Equal(rest, c.rest) {
			t.Errorf("%q: arguments %q, want %q", c.args, rest, c.rest)
		}
		if got := fmt.Sprintf("%v %s %s %s", *v, *q, format, groups); got != c.set {
			t.Errorf("%q: flags %q, want %q", c.args, got, c.set)
		}
	}
}

func TestParseErrors(t *testing.T) {
	fs, _, _, _, _ := newSet()
	if _, err := Parse(fs, []string{"-x"}); !errors.Is(err, ErrUnknownFlag) {
		t.Errorf("unknown flag: %v is not ErrUnknownFlag", err)
	}
	if _, err := Parse(fs, []string{"--help"}); err != flag.ErrHelp {
		t.Errorf("--help: %v", err)
	}
}

func TestDescribe(t *testing.T) {
	fs, _, _, _, _ := newSet()
	var got []string
	for _, f := range Describe(fs) {
		got = append(got, fmt.Sprintf("%s value=%v repeat=%v choices=%v (%s)", f.Spelling, f.TakesValue, f.Repeatable, f.Choices, f.Usage))
	}
	want := []string{
		"--format value=true repeat=false choices=[table json csv] (output)",
		"--log-group value=true repeat=true choices=[] (log group)",
		"-q value=true repeat=false choices=[] (query)",
		"-v value=false repeat=false choices=[] (verbose)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Describe:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
