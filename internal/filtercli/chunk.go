package filtercli

import (
	"bytes"

	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/chunked"
)

// filterChunk returns the output of the matches among the lines of c, as
// a sequential run writes it; it runs on a worker. With a prefilter, only
// the lines holding its longest needle (or, for JSON, a backslash) are
// looked at, found by a search over the whole chunk.
func (r *runner) filterChunk(c *chunked.Chunk, file string) *[]byte {
	out, _ := r.bufs.Get().(*[]byte)
	if out == nil {
		out = new([]byte)
	}
	b := (*out)[:0]
	data := c.Data
	line, pos := c.Line, 0 // the number of the line starting at pos
	each := func(start, end int) bool {
		msg := data[start:end]
		if r.opts.json {
			line += bytes.Count(data[pos:start], []byte{'\n'})
			pos = start
		}
		if r.pre != nil && !r.pre.MayMatch(msg) {
			return true
		}
		b = r.event(b, file, line, msg)
		return true
	}
	if r.pre != nil {
		r.pre.Lines(data, each)
	} else {
		for start := 0; start < len(data); {
			end := bytes.IndexByte(data[start:], '\n')
			if end < 0 {
				end = len(data)
			} else {
				end += start
			}
			each(start, end)
			start = end + 1
		}
	}
	*out = b
	return out
}

// event appends the output of one message to b if it matches.
func (r *runner) event(b []byte, file string, line int, msg []byte) []byte {
	if !r.opts.json {
		if !r.pat.MatchBytes(msg) {
			return b
		}
		b = append(b, msg...)
		return append(b, '\n')
	}
	var res filterpattern.Result
	if r.ext != nil {
		var ok bool
		if res, ok = r.ext.ExtractBytes(msg); !ok {
			return b
		}
	} else if !r.pat.MatchBytes(msg) {
		return b
	}
	return r.appendMatch(b, file, line, msg, res)
}
