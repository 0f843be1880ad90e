package logq

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/cliflags"
)

// The examples of the help texts run from the repository's root, where the
// paths they name (queries/..., test/alarms, ./config) are; the log files
// they name stand for the user's and are the files of testdata/examples.
// Commands before "|" or "&&" are not run; what they give is set here.

// examplePipes is what the command before "|" writes to logq's standard
// input, by its first word; cat FILE writes FILE.
var examplePipes = map[string]string{
	// aws logs filter-log-events ... | jq -c '.events[]': one CloudWatch
	// event per line, as the API returns them.
	"aws": "filter-log-events.jsonl",
}

// exampleSteps are the arguments that stand for a command run before "&&".
var exampleSteps = map[string][]string{
	// make synth writes cdk.out, a build output; test/golden holds the
	// same templates, committed.
	"make synth": {"--cdk-out", "test/golden"},
}

// exampleFixtures is where the files the examples name are found.
var exampleFixtures = filepath.Join("testdata", "examples")

// Every example of every command's help runs, with the fixtures, and
// succeeds: not exit 2 (a usage or input error), nor 1 (which here would
// mean a fixture that does not show what the example shows). An example
// that needs AWS (--log-group) only has its flags parsed.
func TestHelpExamples(t *testing.T) {
	fixtures, err := filepath.Abs(exampleFixtures)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("..", ".."))
	for _, c := range commands {
		code, help, _ := runLogq(c.name, "--help")
		if code != exitOK {
			t.Fatalf("%s --help: exit %d", c.name, code)
		}
		examples := helpExamples(help)
		if len(examples) == 0 {
			t.Errorf("logq %s --help has no examples", c.name)
		}
		for _, ex := range examples {
			t.Run(ex, func(t *testing.T) {
				args, stdin, err := exampleRun(ex, fixtures)
				if err != nil {
					t.Fatal(err)
				}
				if len(args) == 0 || args[0] != c.name {
					t.Fatalf("an example of logq %s runs logq %s", c.name, strings.Join(args, " "))
				}
				if hasFlag(args, "log-group") {
					flagArgs := args[1:]
					if len(c.words) > 0 {
						flagArgs = flagArgs[1:]
					}
					if _, err := cliflags.Parse(c.flags(), flagArgs); err != nil {
						t.Fatalf("flags: %v", err)
					}
					t.Skip("--log-group runs the query in CloudWatch, which needs AWS credentials; its flags parse")
				}
				var out, errb bytes.Buffer
				code := Run(args, bytes.NewReader(stdin), &out, &errb)
				if code != exitOK || out.Len() == 0 {
					t.Errorf("logq %s: exit %d, %d bytes of output\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.Len(), out.String(), errb.String())
				}
			})
		}
	}
}

// Every flag a command parses is in its help text, as written there.
func TestHelpDocumentsEveryFlag(t *testing.T) {
	for _, c := range commands {
		if c.flags == nil {
			continue
		}
		_, help, _ := runLogq(c.name, "--help")
		for _, f := range cliflags.Describe(c.flags()) {
			if !strings.Contains(help, f.Spelling+" ") && !strings.Contains(help, f.Spelling+",") && !strings.Contains(help, f.Spelling+"]") {
				t.Errorf("logq %s --help does not document %s", c.name, f.Spelling)
			}
		}
	}
}

// helpExamples returns the command lines under "Examples:" in a help
// text, a line ending in "\" joined with the next, comments kept.
func helpExamples(help string) []string {
	_, block, ok := strings.Cut(help, "\nExamples:\n")
	if !ok {
		return nil
	}
	var out []string
	cont := false
	for _, line := range strings.Split(block, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		line = strings.TrimSpace(line)
		if cont {
			out[len(out)-1] += " " + line
		} else {
			out = append(out, line)
		}
		if cont = strings.HasSuffix(line, `\`); cont {
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], `\`)
		}
	}
	return out
}

// exampleRun returns the arguments of the logq command of an example line,
// its files replaced by the fixtures found in dir, and its standard input.
func exampleRun(line, dir string) ([]string, []byte, error) {
	words, err := shellWords(line)
	if err != nil {
		return nil, nil, err
	}
	// Split at the operators; the logq command is the last part.
	var parts [][]string
	var ops []string
	cur := []string{}
	for _, w := range words {
		if w.op != "" {
			parts, ops, cur = append(parts, cur), append(ops, w.op), []string{}
			continue
		}
		cur = append(cur, w.text)
	}
	parts = append(parts, cur)
	logq := parts[len(parts)-1]
	if len(logq) == 0 || logq[0] != "logq" {
		return nil, nil, fmt.Errorf("%q: the last command is not logq", line)
	}
	args := append([]string{}, logq[1:]...)
	for i, a := range args {
		if fixture := filepath.Join(dir, filepath.Clean(a)); !strings.HasPrefix(a, "-") && exists(fixture) {
			args[i] = fixture
		}
	}
	var stdin []byte
	for i, op := range ops {
		before := parts[i]
		switch op {
		case "&&":
			extra, ok := exampleSteps[strings.Join(before, " ")]
			if !ok {
				return nil, nil, fmt.Errorf("%q: nothing stands for %q; add it to exampleSteps", line, strings.Join(before, " "))
			}
			args = append(args, extra...)
		case "|":
			if i > 0 && ops[i-1] == "|" {
				continue // the first command of the pipeline says what flows
			}
			file := examplePipes[before[0]]
			if before[0] == "cat" && len(before) == 2 {
				file = before[1]
			}
			if file == "" {
				return nil, nil, fmt.Errorf("%q: nothing stands for the output of %q; add it to examplePipes", line, before[0])
			}
			if stdin, err = os.ReadFile(filepath.Join(dir, file)); err != nil {
				return nil, nil, err
			}
		default:
			return nil, nil, fmt.Errorf("%q: %s is not run by this test", line, op)
		}
	}
	return args, stdin, nil
}

// word is a shell word, or an operator (| && > ;).
type word struct {
	text string
	op   string
}

// shellWords splits a line as sh does, for what help texts use: words,
// '...' and "..." (with \" and \\), a # comment, and the operators | &&
// > ;.
func shellWords(line string) ([]word, error) {
	var out []word
	var cur strings.Builder
	have := false
	flush := func() {
		if have {
			out = append(out, word{text: cur.String()})
			cur.Reset()
			have = false
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
		case c == '#' && !have:
			flush()
			return out, nil
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("%q: unclosed '", line)
			}
			cur.WriteString(line[i+1 : i+1+j])
			have, i = true, i+1+j
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					i++
				}
				cur.WriteByte(line[i])
			}
			if i == len(line) {
				return nil, fmt.Errorf("%q: unclosed \"", line)
			}
			have = true
		case c == '|' || c == '>' || c == ';' || strings.HasPrefix(line[i:], "&&"):
			flush()
			op := string(c)
			if c == '&' {
				op, i = "&&", i+1
			}
			out = append(out, word{op: op})
		default:
			cur.WriteByte(c)
			have = true
		}
	}
	flush()
	return out, nil
}

func TestShellWords(t *testing.T) {
	cases := []struct{ line, want string }{
		{`logq filter 'ERROR -"retrying"' app.log`, `[logq filter ERROR -"retrying" app.log]`},
		{`logq test ./config        # a config directory`, `[logq test ./config]`},
		{`cat app.log | logq filter -- '-DEBUG'`, `[cat app.log | logq filter -- -DEBUG]`},
		{`make synth && logq alarms test test/alarms`, `[make synth && logq alarms test test/alarms]`},
		{`a "b \"c\" d"x > f`, `[a b "c" dx > f]`},
	}
	for _, c := range cases {
		words, err := shellWords(c.line)
		if err != nil {
			t.Errorf("%s: %v", c.line, err)
			continue
		}
		var parts []string
		for _, w := range words {
			parts = append(parts, w.text+w.op)
		}
		if got := "[" + strings.Join(parts, " ") + "]"; got != c.want {
			t.Errorf("%s: %s, want %s", c.line, got, c.want)
		}
	}
}

// hasFlag reports whether args set the flag name, before any "--".
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		spelled, _, _ := strings.Cut(a, "=")
		if spelled == "-"+name || spelled == "--"+name {
			return true
		}
	}
	return false
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
