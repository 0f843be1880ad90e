package chunked

import (
	"bufio"
	"errors"
	"io"
	"sync"
)

// minReadBytes is the least read from the input at a time, however small
// the chunks: lines longer than a chunk are read in pieces of this size.
const minReadBytes = 64 << 10

// ErrConfig is returned by Process for a Config without MaxLineBytes.
var ErrConfig = errors.New("chunked: Config.MaxLineBytes must be set")

// Process reads r in chunks and calls work for each chunk, on up to
// cfg.Workers goroutines at once, then merge for each chunk and its result
// on the calling goroutine, in input order. A chunk's Data is valid in
// work and merge only. Process stops at the end of r, or when merge
// returns an error, which it returns. Read errors are not returned: they
// come as the stream's last chunk (Chunk.Err), for merge to report.
func Process[R any](r io.Reader, cfg Config, work func(*Chunk) R, merge func(*Chunk, R) error) error {
	if cfg.MaxLineBytes <= 0 {
		return ErrConfig
	}
	cfg = cfg.withDefaults()
	cfg.ChunkBytes = min(cfg.ChunkBytes, cfg.MaxLineBytes+1)
	s := &splitter{r: bufio.NewReaderSize(r, max(cfg.ChunkBytes, minReadBytes)), size: cfg.ChunkBytes, maxLine: cfg.MaxLineBytes, line: 1}
	if cfg.Workers == 1 {
		return sequential(s, cfg, work, merge)
	}
	return parallel(s, cfg, work, merge)
}

// sequential is Process on the calling goroutine alone.
func sequential[R any](s *splitter, cfg Config, work func(*Chunk) R, merge func(*Chunk, R) error) error {
	buf := make([]byte, cfg.ChunkBytes)
	var c Chunk
	for s.next(&c, buf) {
		if cfg.Inspect != nil {
			cfg.Inspect(&c)
		}
		if err := merge(&c, work(&c)); err != nil {
			return err
		}
	}
	return nil
}

// job is one chunk in flight: read, worked on, then merged.
type job[R any] struct {
	c    Chunk
	buf  []byte
	res  R
	done chan struct{}
}

// parallel is Process with workers: the reader hands jobs to the workers
// and, in the same order, to the merging loop, which waits for each to be
// done. The free list bounds the jobs in flight.
func parallel[R any](s *splitter, cfg Config, work func(*Chunk) R, merge func(*Chunk, R) error) error {
	free := make(chan *job[R], cfg.InFlight)
	for range cfg.InFlight {
		free <- &job[R]{buf: make([]byte, cfg.ChunkBytes), done: make(chan struct{}, 1)}
	}
	todo := make(chan *job[R], cfg.InFlight)
	inOrder := make(chan *job[R], cfg.InFlight)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				j.res = work(&j.c)
				j.done <- struct{}{}
			}
		}()
	}
	wg.Add(1)
	go func() { // the reader
		defer wg.Done()
		defer close(inOrder)
		defer close(todo)
		for {
			var j *job[R]
			select {
			case j = <-free:
			case <-stop:
				return
			}
			if !s.next(&j.c, j.buf) {
				return
			}
			if cfg.Inspect != nil {
				cfg.Inspect(&j.c)
			}
			todo <- j
			inOrder <- j
		}
	}()
	var err error
	for j := range inOrder {
		<-j.done
		if err == nil {
			err = merge(&j.c, j.res)
			if err != nil {
				close(stop)
			}
		}
		if err != nil {
			continue // the reader stops at the next free job it waits for
		}
		var zero R
		j.res, j.c = zero, Chunk{}
		free <- j
	}
	wg.Wait()
	return err
}
