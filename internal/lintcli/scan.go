package lintcli

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/chunked"
	"github.com/eventwatch/eventwatch/internal/querycli"
)

// scanner checks the lines of the inputs on every core (internal/chunked)
// and merges the chunks' tallies in input order.
type scanner struct {
	m      *model
	chunks chunked.Config
	pool   sync.Pool // *worker
	total  *tally
}

func newScanner(m *model, chunks chunked.Config) *scanner {
	s := &scanner{m: m, chunks: chunks, total: newTally(len(m.events))}
	s.pool.New = func() any { return newWorker(m) }
	return s
}

// worker is what one goroutine checks lines with: checkers are not safe
// for concurrent use.
type worker struct {
	m          *model
	all        *eventschema.Checker
	perService []*eventschema.Checker
	cwl        *insights.Extractor
	msg        []byte
}

func newWorker(m *model) *worker {
	w := &worker{m: m, all: eventschema.NewChecker(m.all), cwl: insights.NewExtractor(cwlFields...)}
	for _, s := range m.services {
		w.perService = append(w.perService, eventschema.NewChecker(s.schema))
	}
	return w
}

// cwlFields are the keys of a CloudWatch event line that lint reads.
var cwlFields = []string{"timestamp", "message", "logGroupName"}

// Input modes of a file, told by its first line under --input auto.
const (
	modeUntold int32 = iota
	modeRaw
	modeCWL
)

// file checks one input, name being how findings name it.
func (s *scanner) file(name string, in *input, inputMode string) error {
	var mode atomic.Int32
	switch inputMode {
	case querycli.InputRaw:
		mode.Store(modeRaw)
	case querycli.InputCWL:
		mode.Store(modeCWL)
	}
	cfg := s.chunks
	cfg.MaxLineBytes = querycli.MaxLineBytes + 1 // a "\r" before the "\n" is not counted
	cfg.Inspect = func(c *chunked.Chunk) {
		if mode.Load() == modeUntold {
			mode.Store(s.tell(c))
		}
	}
	work := func(c *chunked.Chunk) *tally {
		w := s.pool.Get().(*worker)
		defer s.pool.Put(w)
		return w.chunk(name, c, mode.Load())
	}
	return chunked.Process(in.r, cfg, work, func(_ *chunked.Chunk, t *tally) error {
		s.total.merge(t)
		return nil
	})
}

// tell returns the mode of a file by its first line that is not blank:
// cwl for a JSON object with "timestamp" and "message", else raw.
// modeUntold when the chunk holds no such line.
func (s *scanner) tell(c *chunked.Chunk) int32 {
	mode := modeUntold
	c.Each(func(b []byte, _ int) bool {
		b = bytes.TrimSuffix(b, []byte("\r"))
		if len(bytes.TrimSpace(b)) == 0 || len(b) > querycli.MaxLineBytes {
			return true
		}
		w := s.pool.Get().(*worker)
		defer s.pool.Put(w)
		mode = modeRaw
		if vals, ok := w.cwl.Extract(string(b)); ok[0] && ok[1] && vals[0] != "" {
			mode = modeCWL
		}
		return false
	})
	return mode
}

// chunk checks the lines of one chunk of file.
func (w *worker) chunk(file string, c *chunked.Chunk, mode int32) *tally {
	t := newTally(len(w.m.events))
	switch {
	case c.LongLine > 0:
		t.add(groupKey{event: -1, kind: kindInput}, file, c.Line, fmt.Sprintf("line of %d bytes is over the %d-byte limit (MaxLineBytes); skipped", c.LongLine, querycli.MaxLineBytes))
		return t
	case c.Err != nil:
		t.add(groupKey{event: -1, kind: kindInput}, file, c.Line, "read error: "+c.Err.Error())
		return t
	}
	c.Each(func(b []byte, n int) bool {
		b = bytes.TrimSuffix(b, []byte("\r"))
		if len(bytes.TrimSpace(b)) == 0 {
			return true
		}
		if mode != modeCWL {
			w.line(t, file, n, b, "", -1)
			return true
		}
		vals, ok := w.cwl.Extract(string(b))
		ts, err := strconv.ParseInt(vals[0], 10, 64)
		if !ok[0] || !ok[1] || err != nil {
			t.add(groupKey{event: -1, kind: kindInput}, file, n, `expected a CloudWatch event: a JSON object with "timestamp" (epoch ms) and "message"`)
			return true
		}
		w.msg = append(w.msg[:0], vals[1]...)
		w.line(t, file, n, w.msg, vals[2], ts/msPerHour)
		return true
	})
	return t
}

// line checks one log message; group is its log group ("" unknown) and
// hour the hour it was logged in (-1 unknown).
func (w *worker) line(t *tally, file string, n int, msg []byte, group string, hour int64) {
	m := w.m
	t.lines++
	checker, first := w.all, 0
	if svc, ok := m.byGroup[group]; ok {
		checker, first = w.perService[svc], m.services[svc].first
	}
	r := checker.Check(msg)
	switch r.Class {
	case eventschema.Conforming, eventschema.Nonconforming:
		ev := first + r.Event
		t.events[ev].lines++
		if r.Class == eventschema.Conforming {
			t.conforming++
			t.events[ev].conforming++
		}
		for _, p := range r.Problems {
			t.add(groupKey{event: ev, kind: p.Kind.String(), name: p.Field}, file, n, p.String())
		}
		w.dimensions(t, ev, checker, r.Class == eventschema.Conforming, msg, hour)
	case eventschema.NotJSON:
		for _, pe := range m.plain {
			if pe.p.MatchBytes(msg) {
				t.plainText++
				return
			}
		}
		t.add(groupKey{event: -1, kind: kindNotJSON}, file, n, r.Detail+": "+excerpt(msg))
	case eventschema.NoEvent:
		t.add(groupKey{event: -1, kind: kindNoEvent}, file, n, r.Detail+": "+excerpt(msg))
	case eventschema.UnknownEvent:
		t.add(groupKey{event: -1, kind: kindUndeclared, name: r.Name}, file, n, excerpt(msg))
	}
}

// dimensions records the dimension values of the metrics that count
// event ev and match the line, c having checked it. A conforming line's
// enum values are among the enum's, so they cannot take an enum
// dimension over its bound, and are not recorded.
func (w *worker) dimensions(t *tally, ev int, c *eventschema.Checker, conforming bool, msg []byte, hour int64) {
	for _, mi := range w.m.byEvent[ev] {
		mt := &w.m.metrics[mi]
		if conforming && mt.enumsOnly() {
			continue
		}
		if !mt.direct {
			w.extracted(t, mi, msg, hour)
			continue
		}
		if !mt.p.MatchBytes(msg) {
			continue
		}
		for di, d := range mt.dims {
			if conforming && d.enum {
				continue
			}
			if v, ok := c.Text(msg, d.key); ok {
				t.value(valueKey{metric: mi, dim: di, hour: hour}, v)
			}
		}
	}
}

// extracted records the dimension values of metric mi by its extractor.
func (w *worker) extracted(t *tally, mi int, msg []byte, hour int64) {
	mt := &w.m.metrics[mi]
	res, ok := mt.x.ExtractBytes(msg)
	if !ok {
		return
	}
	for di, d := range mt.dims {
		if v, ok := res.Dimensions[d.name]; ok {
			t.value(valueKey{metric: mi, dim: di, hour: hour}, []byte(v))
		}
	}
}
