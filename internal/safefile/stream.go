package safefile

import (
	"io/fs"
	"os"
)

// OpenLog opens a log file to be streamed (logq query and logq filter
// inputs): a regular file, or a pipe — a named pipe, or the /dev/fd/N of
// a shell's process substitution (`logq query <(zcat app.log.gz)`), read
// as it is written. A directory, a device (such as /dev/zero, which never
// ends, or a terminal: give - for standard input), a socket and a
// symbolic link loop are refused before they are opened, with an *Error
// naming the file. There is no total limit: the readers bound each line
// (querycli.MaxLineBytes, filtercli.MaxLineBytes).
//
// Opening a named pipe waits for its writer, as cat and grep do: that is
// the pipe's meaning, and the writer is the user's own command.
func OpenLog(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, openError(name, Log.String(), err)
	}
	if e := checkLog(name, info); e != nil {
		return nil, e
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, openError(name, Log.String(), err)
	}
	// The path may have been replaced since the Stat.
	if info, err := f.Stat(); err == nil {
		if e := checkLog(name, info); e != nil {
			f.Close()
			return nil, e
		}
	}
	return f, nil
}

// checkLog allows regular files and pipes.
func checkLog(name string, info fs.FileInfo) *Error {
	m := info.Mode()
	if m.IsRegular() || m&fs.ModeNamedPipe != 0 {
		return nil
	}
	return newError(name, Log, ErrNotRegular, "is %s, not a regular file or a pipe", describeMode(m))
}
