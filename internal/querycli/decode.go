package querycli

import (
	"bytes"
	"fmt"
	"strconv"
	"sync/atomic"
	"unsafe"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/chunked"
)

// Input modes of a file, once told (atomic: the reading goroutine tells
// it, the workers read it).
const (
	modeUntold int32 = iota // --input auto before the first line that counts
	modeRaw
	modeCWL
)

// modeOf returns the mode that --input gives before any line is read.
func modeOf(input string) int32 {
	switch input {
	case InputRaw:
		return modeRaw
	case InputCWL:
		return modeCWL
	}
	return modeUntold
}

// fileDecoder decodes the chunks of one input.
type fileDecoder struct {
	rd   *reader
	name string
	mode atomic.Int32
}

// decoded is a chunk's block of events and what else decoding found, in
// input order.
type decoded struct {
	block insights.Block
	index []int // room for block.Index
	cands []int // offsets of the lines the prefilter's search found
	bad   []badLine
	where []checkpoint // index counts from the block's first event
	times sameTime
}

// reset empties d for reuse, keeping its slices' room; the events it held
// were copied by the engine.
func (d *decoded) reset() {
	clear(d.block.Events)
	d.block = insights.Block{Events: d.block.Events[:0]}
	d.index, d.cands, d.bad, d.where, d.times = d.index[:0], d.cands[:0], d.bad[:0], d.where[:0], sameTime{}
}

// badLine is a line that is not an event, and why.
type badLine struct {
	line int
	msg  string
}

// inspect tells the mode of an --input auto file by its first line that
// is neither blank nor over the limit, as it is read: the workers of the
// chunks before have only such lines, and need no mode.
func (f *fileDecoder) inspect(c *chunked.Chunk) {
	if f.mode.Load() != modeUntold {
		return
	}
	c.Each(func(b []byte, _ int) bool {
		line := bytes.TrimSuffix(b, []byte("\r"))
		if len(line) > MaxLineBytes || len(bytes.TrimSpace(line)) == 0 {
			return true
		}
		x := f.rd.extractor()
		defer f.rd.cwl.Put(x)
		mode := modeRaw
		if vals, ok := x.Extract(string(line)); ok[0] && ok[1] && vals[0] != "" {
			mode = modeCWL
		}
		f.mode.Store(mode)
		return false
	})
}

// extractor returns an extractor of CloudWatch event lines, to Put back
// into rd.cwl.
func (rd *reader) extractor() *insights.Extractor {
	if x, ok := rd.cwl.Get().(*insights.Extractor); ok {
		return x
	}
	return insights.NewExtractor(cwlFields...)
}

// decode turns the lines of a chunk into events; it runs on a worker.
// Events that the query's prefilter rejects are counted and left out, so
// their messages are never copied.
func (f *fileDecoder) decode(c *chunked.Chunk) *decoded {
	d, _ := f.rd.spare.Get().(*decoded)
	if d == nil {
		d = &decoded{}
	}
	if c.LongLine > 0 || c.Err != nil {
		return d
	}
	mode := f.mode.Load()
	var x *insights.Extractor
	if mode == modeCWL {
		x = f.rd.extractor()
		defer f.rd.cwl.Put(x)
	}
	blk := &d.block
	dense := true
	pre := f.rd.keep
	scan := pre != nil && mode != modeCWL // raw lines are messages: find the candidates in one search
	if scan {
		pre.Lines(c.Data, func(start, _ int) bool {
			d.cands = append(d.cands, start)
			return true
		})
	}
	cands := d.cands
	data := c.Data
	for n, off := c.Line, 0; off < len(data); n++ {
		end := bytes.IndexByte(data[off:], '\n')
		size := end + 1
		if end < 0 {
			end, size = len(data)-off, len(data)-off
		}
		b := bytes.TrimSuffix(data[off:off+end], []byte("\r"))
		candidate := !scan || len(cands) > 0 && cands[0] == off
		if candidate && scan {
			cands = cands[1:]
		}
		off += size
		if len(b) > MaxLineBytes {
			d.bad = append(d.bad, badLine{n, fmt.Sprintf("line of %d bytes is over the %d-byte limit (MaxLineBytes); skipped", size, MaxLineBytes)})
			continue
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		ev, msg, problem := event(mode, b, x)
		if problem == "" && len(msg) > MaxEventBytes {
			problem = fmt.Sprintf("message of %d bytes is over CloudWatch's %d-byte event limit (MaxEventBytes); skipped", len(msg), MaxEventBytes)
		}
		if problem != "" {
			d.bad = append(d.bad, badLine{n, problem})
			continue
		}
		i := blk.N
		if k := len(d.where) - 1; k < 0 || d.where[k].line+int(int64(i)-d.where[k].index) != n {
			d.where = append(d.where, checkpoint{index: int64(i), file: f.name, line: n})
		}
		blk.N++
		blk.Bytes += int64(len(msg))
		d.times.add(ev.Timestamp, mode != modeCWL)
		if pre != nil && (!candidate || !pre.MayMatch(msg)) {
			dense = false
			continue
		}
		if mode != modeCWL {
			// @timestamp comes from Options.TimestampField, read by the
			// engine's workers.
			ev.Message = string(msg)
		}
		blk.Events = append(blk.Events, ev)
		d.index = append(d.index, i)
	}
	if !dense {
		blk.Index = d.index
	}
	blk.Passed = pre != nil
	return d
}

// event reads one line that is not blank: a raw line is its own message
// (msg; the caller makes ev.Message of it if it keeps the event); a
// CloudWatch event line gives ev and its message, or problem says why it
// is not an event.
func event(mode int32, line []byte, x *insights.Extractor) (ev insights.Event, msg []byte, problem string) {
	if mode != modeCWL {
		return ev, line, ""
	}
	vals, ok := x.Extract(string(line))
	if !ok[0] || !ok[1] {
		return ev, nil, `expected a CloudWatch event: a JSON object with "timestamp" (epoch ms) and "message"`
	}
	t, err := strconv.ParseInt(vals[0], 10, 64)
	if err != nil {
		return ev, nil, fmt.Sprintf(`"timestamp" must be epoch milliseconds, found %q`, vals[0])
	}
	if t < minTimestamp || t > maxTimestamp {
		return ev, nil, fmt.Sprintf(`"timestamp" %d is outside the times CloudWatch accepts (epoch ms from %d, 1970-01-01, to %d, 9999-12-31); skipped`, t, int64(minTimestamp), int64(maxTimestamp))
	}
	ev = insights.Event{Timestamp: t, Message: vals[1], LogStream: vals[2], LogGroup: vals[3]}
	if ok[4] {
		ev.IngestionTime, _ = strconv.ParseInt(vals[4], 10, 64)
	}
	return ev, unsafe.Slice(unsafe.StringData(ev.Message), len(ev.Message)), ""
}
