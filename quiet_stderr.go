package main

import (
	"bytes"
	"io"
	"os"
)

// jsiiExitNoise is what jsii-runtime-go (v1.139) prints, without a newline,
// when its Node.js process was already reaped as the program exits: the
// synth is complete and the exit code 0, so the line only joins the next
// line of output. Nothing else is filtered.
const jsiiExitNoise = "Runtime process exited abnormally: waitid: no child processes"

// quietStderr points os.Stderr at a pipe whose text reaches stderr without
// jsiiExitNoise, and returns the function that restores os.Stderr and
// waits for the pipe to drain; call it before exiting. jsii's Node.js
// process keeps the original stderr: only what Go writes passes here.
func quietStderr() (restore func()) {
	orig := os.Stderr
	r, w, err := os.Pipe()
	if err != nil {
		return func() {}
	}
	os.Stderr = w
	done := make(chan struct{})
	go func() {
		io.Copy(&noiseFilter{w: orig}, r)
		close(done)
	}()
	return func() {
		os.Stderr = orig
		w.Close()
		<-done
	}
}

// noiseFilter writes everything but jsiiExitNoise to w. It holds back a
// tail that could be the start of the noise until the next write or Close
// shows it is not.
type noiseFilter struct {
	w       io.Writer
	pending []byte
}

func (f *noiseFilter) Write(p []byte) (int, error) {
	f.pending = append(f.pending, p...)
	f.pending = bytes.ReplaceAll(f.pending, []byte(jsiiExitNoise), nil)
	keep := 0
	for n := min(len(f.pending), len(jsiiExitNoise)-1); n > 0; n-- {
		if bytes.HasSuffix(f.pending, []byte(jsiiExitNoise[:n])) {
			keep = n
			break
		}
	}
	out := f.pending[:len(f.pending)-keep]
	if _, err := f.w.Write(out); err != nil {
		return 0, err
	}
	f.pending = append(f.pending[:0], f.pending[len(f.pending)-keep:]...)
	return len(p), nil
}

// ReadFrom is io.Copy's path: it writes what is held back at the end.
func (f *noiseFilter) ReadFrom(r io.Reader) (int64, error) {
	var total int64
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		total += int64(n)
		if n > 0 {
			if _, werr := f.Write(buf[:n]); werr != nil {
				return total, werr
			}
		}
		if err != nil {
			if len(f.pending) > 0 {
				f.w.Write(f.pending)
			}
			if err == io.EOF {
				err = nil
			}
			return total, err
		}
	}
}
