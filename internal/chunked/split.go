package chunked

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// indexNL returns the index of the first "\n" in b, or -1.
func indexNL(b []byte) int { return bytes.IndexByte(b, '\n') }

// countLines returns the number of lines in b: its "\n"s, plus one for a
// last line without one.
func countLines(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// splitter cuts a stream into chunks at line ends. It keeps the bytes
// after the last line end of a read (the start of the next line) for the
// next chunk.
type splitter struct {
	r       *bufio.Reader // reads into chunks directly when its buffer is empty
	size    int           // Config.ChunkBytes
	maxLine int           // Config.MaxLineBytes
	rest    []byte
	line    int // number of the next line
	seq     int
	done    bool
}

// next fills c with the next chunk, reading into buf (ChunkBytes long),
// and reports false at the end of the stream. c.Data may be buf, or a
// buffer of its own for a line longer than buf.
func (s *splitter) next(c *Chunk, buf []byte) bool {
	if s.done {
		return false
	}
	*c = Chunk{Seq: s.seq, Line: s.line}
	s.seq++
	n := copy(buf, s.rest)
	s.rest = s.rest[:0]
	m, err := io.ReadFull(s.r, buf[n:])
	n += m
	atEnd := err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)
	if err != nil && !atEnd {
		return s.fail(c, buf[:n], err)
	}
	data := buf[:n]
	switch {
	case atEnd:
		s.done = true
		if n == 0 {
			return false
		}
	case bytes.LastIndexByte(data, '\n') >= 0:
		end := bytes.LastIndexByte(data, '\n') + 1
		s.rest = append(s.rest, data[end:]...)
		data = data[:end]
	default:
		// The buffer holds part of one line.
		return s.long(c, data)
	}
	c.Data, c.Lines = data, countLines(data)
	s.line += c.Lines
	return true
}

// fail delivers the whole lines read before a read error, keeping the
// error for the chunk after them; a chunk without lines is the error.
func (s *splitter) fail(c *Chunk, data []byte, err error) bool {
	if end := bytes.LastIndexByte(data, '\n') + 1; end > 0 {
		c.Data, c.Lines = data[:end], countLines(data[:end])
		s.line += c.Lines
		s.r = bufio.NewReader(errReader{err})
		return true
	}
	c.Err, s.done = err, true
	return true
}

// errReader returns its error on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// long reads the rest of a line that started in head and is longer than a
// chunk: the line is the chunk, in a buffer of its own, or when it is over
// maxLine, skipped to its end and reported by its length.
func (s *splitter) long(c *Chunk, head []byte) bool {
	line := append([]byte(nil), head...)
	total := len(line)
	over := total > s.maxLine
	if over {
		line = nil
	}
	for {
		piece, err := s.r.ReadSlice('\n')
		total += len(piece)
		content := total
		if err == nil {
			content-- // the "\n"
		}
		if !over && content > s.maxLine {
			over, line = true, nil
		}
		if !over {
			line = append(line, piece...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			c.Err, s.done = err, true
			return true
		}
		s.done = err == io.EOF
		break
	}
	c.Lines = 1
	s.line++
	if over {
		c.LongLine = total
	} else {
		c.Data = line
	}
	return true
}
