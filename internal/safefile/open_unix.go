//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openNoBlock opens name for reading without waiting for a writer when it
// is a named pipe (O_NONBLOCK); the caller refuses what fstat says is not
// a regular file. For regular files the flag changes nothing.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
