//go:build !unix

package safefile

import "os"

// openNoBlock refuses what is not a regular file before opening it, where
// there is no O_NONBLOCK: named pipes are not files one opens by path
// there.
func openNoBlock(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return os.Open(name)
}
