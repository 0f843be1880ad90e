package eventschema_test

import (
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
)

// Each line of lines.txt gets its class, event and problems.
func TestCheckLine(t *testing.T) {
	s := fixture(t)
	c := eventschema.NewChecker(s)
	for _, b := range blocks(t, "testdata/lines.txt") {
		line := b.one("line")
		r := c.Check([]byte(line))
		if r.Class.String() != b.one("class") {
			t.Errorf("lines.txt:%d: class %s, want %s (%+v)", b.line, r.Class, b.one("class"), r)
			continue
		}
		name := r.Name
		if r.Event >= 0 {
			name = s.Events[r.Event].Name
		}
		if want := b.one("event"); want != "" && name != want {
			t.Errorf("lines.txt:%d: event %q, want %q", b.line, name, want)
		}
		if !strings.Contains(r.Detail, b.one("detail")) {
			t.Errorf("lines.txt:%d: detail %q, want %q", b.line, r.Detail, b.one("detail"))
		}
		var got []string
		for _, p := range r.Problems {
			got = append(got, p.String())
		}
		if strings.Join(got, "\n") != strings.Join(b.keys["problem"], "\n") {
			t.Errorf("lines.txt:%d: problems\n%s\nwant\n%s", b.line, strings.Join(got, "\n"), strings.Join(b.keys["problem"], "\n"))
		}
		if one := s.CheckLine([]byte(line)); one.Class != r.Class || len(one.Problems) != len(r.Problems) {
			t.Errorf("lines.txt:%d: Schema.CheckLine disagrees with the Checker: %+v", b.line, one)
		}
	}
}

// An event name declared twice (services merged) takes the declaration
// the line fits best.
func TestCheckerTakesTheBestOfTwoDeclarations(t *testing.T) {
	s := &eventschema.Schema{Events: []eventschema.Event{
		{Name: "run", Fields: []eventschema.Field{{Name: "a", Type: "number", Required: true}}},
		{Name: "run", Fields: []eventschema.Field{{Name: "b", Type: "string", Required: true}}},
	}}
	c := eventschema.NewChecker(s)
	if r := c.Check([]byte(`{"event":"run","b":"x"}`)); r.Class != eventschema.Conforming || r.Event != 1 {
		t.Errorf("got %+v, want the second declaration", r)
	}
	if r := c.Check([]byte(`{"event":"run","a":"x"}`)); r.Class != eventschema.Nonconforming || r.Event != 0 || len(r.Problems) != 1 {
		t.Errorf("got %+v, want one problem against the first", r)
	}
}

// A conforming line allocates nothing.
func TestCheckerDoesNotAllocate(t *testing.T) {
	c := eventschema.NewChecker(fixture(t))
	line := []byte(`{"event":"my-queue-worker","success":"False","time":1.2,"queue":"orders"}`)
	if n := testing.AllocsPerRun(100, func() { c.Check(line) }); n != 0 {
		t.Errorf("Check allocates %v times per conforming line", n)
	}
}

func BenchmarkChecker(b *testing.B) {
	c := eventschema.NewChecker(fixture(b))
	line := []byte(`{"event":"my-queue-worker","success":"False","time":1.2,"queue":"orders"}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		c.Check(line)
	}
}

// Text reads a dimension's value from the line checked as filterpattern's
// extractor does.
func TestCheckerTextReadsDimensionsAsMetricFiltersDo(t *testing.T) {
	c := eventschema.NewChecker(fixture(t))
	names := []string{"success", "queue", "time", "b", "n", "o", "nope"}
	dims := map[string]string{}
	for _, n := range names {
		dims[n] = "$." + n
	}
	p, err := filterpattern.Parse(`{ $.event = * }`)
	if err != nil {
		t.Fatal(err)
	}
	x, err := p.NewExtractor("1", map[string]string{"success": "$.success", "queue": "$.queue", "time": "$.time"})
	if err != nil {
		t.Fatal(err)
	}
	y, _ := p.NewExtractor("1", map[string]string{"b": "$.b", "n": "$.n", "o": "$.o"})
	for _, line := range []string{
		`{"event":"my-queue-worker","success":"Tr\u0075e","queue":"a","queue":"b","time":1.50,"n":null,"o":{"x":1},"b":false}`,
		`{"event":"x","time":-1e3,"b":true,"queue":"\"q\""}`,
		`{"event":"x"}`,
	} {
		c.Check([]byte(line))
		rx, _ := x.Extract(line)
		ry, _ := y.Extract(line)
		for _, n := range names {
			v, ok := c.Text([]byte(line), n)
			want, wantOK := rx.Dimensions[n]
			if w, o := ry.Dimensions[n]; o {
				want, wantOK = w, o
			}
			if ok != wantOK || string(v) != want {
				t.Errorf("%s: Text(%s) = %q, %v; the extractor reads %q, %v", line, n, v, ok, want, wantOK)
			}
		}
	}
	c.Check([]byte(`nope`))
	if _, ok := c.Text([]byte(`nope`), "queue"); ok {
		t.Error("Text found a value in a line that is not JSON")
	}
}
