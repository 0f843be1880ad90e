// Package chunked processes a stream of lines on every core: it reads the
// stream in chunks cut at line boundaries, hands the chunks to workers and
// passes their results on in input order, so that a caller's output and
// its line numbers are those of a sequential read.
//
//	err := chunked.Process(r, chunked.Config{MaxLineBytes: max},
//		func(c *chunked.Chunk) Out { ...each line of c.Data... },
//		func(c *chunked.Chunk, out Out) error { ...write out... })
//
// Memory is bounded: at most Config.InFlight chunks are read and not yet
// merged, each of Config.ChunkBytes (or one line, when a line is longer).
// The input is streamed, never read whole, so pipes and standard input
// work as files do. logq filter and logq query use it.
package chunked

import "runtime"

// Defaults of Config, named once.
const (
	// DefaultChunkBytes is the size of a chunk: large enough that handing
	// one to a worker costs nothing next to reading its lines, small
	// enough that a few per worker stay in the CPU caches.
	DefaultChunkBytes = 512 << 10
	// DefaultInFlightPerWorker is how many chunks per worker may be read
	// and not yet merged: one being worked on, one waiting, one merged.
	DefaultInFlightPerWorker = 3
)

// Config sets how a stream is cut and processed.
type Config struct {
	// Workers is the number of goroutines running work. Default:
	// runtime.GOMAXPROCS(0); 1 runs work and merge on the calling
	// goroutine, one chunk after the other.
	Workers int
	// ChunkBytes is the size chunks are read in; a chunk ends at the last
	// line end within it. Tests make it tiny so that lines and multibyte
	// characters straddle chunk boundaries. Default: DefaultChunkBytes.
	ChunkBytes int
	// MaxLineBytes is the longest line (without its "\n") delivered; a
	// longer one comes as a chunk of its own with LongLine set and no
	// data, and is never held in memory whole. Required (> 0).
	MaxLineBytes int
	// InFlight is the number of chunks read and not yet merged. Default:
	// DefaultInFlightPerWorker per worker.
	InFlight int
	// Inspect, when set, sees each chunk on the reading goroutine, in
	// input order, before its worker does: for what depends on the lines
	// before a chunk, such as an input's format told by its first line.
	// It must be quick. Default: nil.
	Inspect func(*Chunk)
}

// withDefaults resolves the defaults of c.
func (c Config) withDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.ChunkBytes <= 0 {
		c.ChunkBytes = DefaultChunkBytes
	}
	if c.InFlight <= 0 {
		c.InFlight = DefaultInFlightPerWorker * c.Workers
	}
	c.InFlight = max(c.InFlight, c.Workers)
	return c
}

// Chunk is a run of whole lines of the input, or one line over the limit.
type Chunk struct {
	// Seq is the chunk's position in the input, from 0.
	Seq int
	// Line is the 1-based line number of the chunk's first line.
	Line int
	// Lines is the number of lines in the chunk: lines of Data, or 1 for
	// a long line, or 0 for a read error.
	Lines int
	// Data holds whole lines, each ending in "\n" except the input's last
	// line when it has none. Workers must not keep it after work returns:
	// its buffer is reused.
	Data []byte
	// LongLine, when > 0, is the byte count (with its "\n") of a line
	// over Config.MaxLineBytes; Data is empty.
	LongLine int
	// Err is a read error met at line Line; Data is empty. It is the last
	// chunk of the stream.
	Err error
}

// Each calls fn with every line of c.Data, without its "\n", and its line
// number; it stops when fn returns false.
func (c *Chunk) Each(fn func(line []byte, n int) bool) {
	data, n := c.Data, c.Line
	for len(data) > 0 {
		end := indexNL(data)
		next := end + 1
		if end < 0 {
			end, next = len(data), len(data)
		}
		if !fn(data[:end], n) {
			return
		}
		data, n = data[next:], n+1
	}
}
