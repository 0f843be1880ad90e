package loggen_test

// Helpers that run generated loggers: they write a program that makes
// given calls of a generated Go package or Python module, run it (go run,
// python3) and return the lines it logged.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/eventschema/loggen"
)

// call is one call of a generated logger: the event, and the values of the
// fields passed (string, float64 or bool); fields not in Fields are left
// out.
type call struct {
	Event  string
	Fields map[string]any
}

// sample returns, for every event of s, a call with every field and one
// with the required fields only, with sample values: each value of an
// enum in turn, a string with quotes, a backslash and non-ASCII letters,
// numbers with and without a fraction.
func sample(s *eventschema.Schema) []call {
	var out []call
	for _, ev := range s.Events {
		all, required := map[string]any{}, map[string]any{}
		for i, f := range ev.Fields {
			var v any
			switch f.Type {
			case eventschema.TypeString:
				v = fmt.Sprintf(`say "%s" \ é <%d>`, f.Name, i)
			case eventschema.TypeNumber:
				v = []float64{12.5, 3, -0.25, 1e-7}[i%4]
			case eventschema.TypeBoolean:
				v = i%2 == 0
			case eventschema.TypeEnum:
				v = f.Values[len(out)%len(f.Values)]
			}
			all[f.Name] = v
			if f.Required {
				required[f.Name] = v
			}
		}
		out = append(out, call{ev.Name, all}, call{ev.Name, required})
	}
	return out
}

// pairs returns the key/value pairs of a JSON object line in order, values
// decoded (numbers as float64); an error when the line is not one object.
func pairs(line string) ([][2]any, error) {
	d := json.NewDecoder(strings.NewReader(line))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object: %s", line)
	}
	var out [][2]any
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return nil, err
		}
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, [2]any{k, v})
	}
	if _, err := d.Token(); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("text after the object: %s", line)
	}
	return out, nil
}

// want returns the pairs a call must log: the event field, then the
// fields given, in declaration order.
func want(s *eventschema.Schema, c call) [][2]any {
	ef := s.EventField
	if ef == "" {
		ef = eventschema.DefaultEventField
	}
	out := [][2]any{{ef, c.Event}}
	ev, _ := s.Event(c.Event)
	for _, f := range ev.Fields {
		if v, ok := c.Fields[f.Name]; ok {
			out = append(out, [2]any{f.Name, v})
		}
	}
	return out
}

// logger is a generated logger, Go package or Python module name, and the
// calls to make with it.
type logger struct {
	name  string
	s     *eventschema.Schema
	src   []byte
	calls []call
}

// runGo writes the generated packages into a module in a temporary
// directory with a main that makes their calls, vets it, runs it and
// returns each logger's lines. It fails the test when go is not installed.
func runGo(t testing.TB, loggers ...logger) [][]string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not installed: %v", err)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module loggentest\n\ngo 1.22\n")
	for _, l := range loggers {
		write(t, filepath.Join(dir, l.name, l.name+".go"), string(l.src))
	}
	write(t, filepath.Join(dir, "main.go"), goMain(loggers))
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOPROXY=off")
	run(t, dir, env, gobin, "vet", "./...")
	return split(t, lines(run(t, dir, env, gobin, "run", ".")), loggers)
}

// runPython writes the generated modules beside a script that makes their
// calls, compiles them, runs the script and returns each logger's lines.
// It skips the test, saying so, when python3 is not installed.
func runPython(t testing.TB, loggers ...logger) [][]string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skipf("python3 is not installed, so the generated Python logger is not run: %v", err)
	}
	dir := t.TempDir()
	args := []string{"-m", "py_compile"}
	for _, l := range loggers {
		write(t, filepath.Join(dir, l.name+".py"), string(l.src))
		args = append(args, l.name+".py")
	}
	write(t, filepath.Join(dir, "main.py"), pyMain(loggers))
	env := append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	run(t, dir, env, py, args...)
	return split(t, lines(run(t, dir, env, py, "main.py")), loggers)
}

// split cuts the lines of a run into each logger's, one per call.
func split(t testing.TB, all []string, loggers []logger) [][]string {
	t.Helper()
	n := 0
	for _, l := range loggers {
		n += len(l.calls)
	}
	if len(all) != n {
		t.Fatalf("%d lines for %d calls:\n%s", len(all), n, strings.Join(all, "\n"))
	}
	out := make([][]string, len(loggers))
	for i, l := range loggers {
		out[i], all = all[:len(l.calls)], all[len(l.calls):]
	}
	return out
}

// goMain is a Go program making each logger's calls.
func goMain(loggers []logger) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"os\"\n\n")
	for _, l := range loggers {
		fmt.Fprintf(&b, "\t%q\n", "loggentest/"+l.name)
	}
	b.WriteString(")\n\nfunc ptr[T any](v T) *T { return &v }\n\nfunc main() {\n\tctx := context.Background()\n")
	for _, l := range loggers {
		fmt.Fprintf(&b, "\t{\n\t\tlog := %s.NewJSON(os.Stdout)\n", l.name)
		for _, c := range l.calls {
			fmt.Fprintf(&b, "\t\t%s\n", goCall(l, c))
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// goCall is the Go statement of one call.
func goCall(l logger, c call) string {
	pkg := l.name
	ev, _ := l.s.Event(c.Event)
	name := loggen.GoName(ev.Name)
	args := []string{"ctx"}
	var opts []string
	hasOptional := false
	for _, f := range ev.Fields {
		v, given := c.Fields[f.Name]
		lit := goLiteral(pkg, name, f, v)
		switch {
		case f.Required:
			args = append(args, lit)
		case given:
			hasOptional = true
			typ := map[string]string{eventschema.TypeString: "string", eventschema.TypeNumber: "float64", eventschema.TypeBoolean: "bool"}[f.Type]
			if f.Type == eventschema.TypeEnum {
				typ = pkg + "." + name + loggen.GoFieldName(f.Name)
			}
			opts = append(opts, fmt.Sprintf("%s: ptr[%s](%s)", loggen.GoFieldName(f.Name), typ, lit))
		default:
			hasOptional = true
		}
	}
	if hasOptional {
		args = append(args, fmt.Sprintf("%s.%sOptions{%s}", pkg, name, strings.Join(opts, ", ")))
	}
	return fmt.Sprintf("log.%s(%s)", name, strings.Join(args, ", "))
}

// goLiteral is the Go expression of value v of field f.
func goLiteral(pkg, event string, f eventschema.Field, v any) string {
	switch v := v.(type) {
	case string:
		if f.Type == eventschema.TypeEnum {
			return fmt.Sprintf("%s.%s%s(%q)", pkg, event, loggen.GoFieldName(f.Name), v)
		}
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return "nil"
}

// pyMain is a Python script making each logger's calls.
func pyMain(loggers []logger) string {
	var b strings.Builder
	b.WriteString("import logging\nimport sys\n\n")
	for _, l := range loggers {
		fmt.Fprintf(&b, "import %s\n", l.name)
	}
	b.WriteString("\nhandler = logging.StreamHandler(sys.stdout)\n")
	for _, l := range loggers {
		fmt.Fprintf(&b, "handler.setFormatter(%s.JSONFormatter())\n", l.name)
		fmt.Fprintf(&b, "%s.logger.addHandler(handler)\n%s.logger.setLevel(logging.INFO)\n%s.logger.propagate = False\n", l.name, l.name, l.name)
	}
	for _, l := range loggers {
		for _, c := range l.calls {
			var args []string
			for _, k := range slices.Sorted(maps.Keys(c.Fields)) {
				args = append(args, loggen.PythonParam(k)+"="+pyLiteral(c.Fields[k]))
			}
			fmt.Fprintf(&b, "%s.%s(%s)\n", l.name, loggen.PythonName(c.Event), strings.Join(args, ", "))
		}
	}
	return b.String()
}

// pyLiteral is the Python expression of v.
func pyLiteral(v any) string {
	switch v := v.(type) {
	case string:
		j, _ := json.Marshal(v) // a JSON string is a Python string literal
		return string(j)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		if v {
			return "True"
		}
		return "False"
	}
	return "None"
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs a command in dir and returns its standard output; it fails the
// test with the command's output when the command fails.
func run(t testing.TB, dir string, env []string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.Bytes()
}

func lines(out []byte) []string {
	s := strings.TrimSuffix(string(out), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
