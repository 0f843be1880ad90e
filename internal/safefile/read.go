package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"unicode/utf8"
)

// ReadFile reads the file name (a path of the operating system) whole, as
// a file of kind k. It opens without blocking (a named pipe without a
// writer is refused at once, not waited on), refuses what is not a
// regular file and files over k's limit, and, for text kinds, NUL bytes
// and what is not UTF-8. Errors are *Error.
func ReadFile(name string, k Kind) ([]byte, error) {
	if k == Log {
		return nil, &Error{Path: name, Err: errors.ErrUnsupported, Msg: "is a log file, which is streamed (safefile.OpenLog), not read whole"}
	}
	f, err := openNoBlock(name)
	if err != nil {
		// A socket cannot be opened (ENXIO): say what it is.
		if info, serr := os.Stat(name); serr == nil {
			if e := checkMode(name, k, info); e != nil {
				return nil, e
			}
		}
		return nil, openError(name, k.String(), err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, openError(name, k.String(), err)
	}
	if e := checkMode(name, k, info); e != nil {
		return nil, e
	}
	return read(f, name, k, info.Size())
}

// ReadFS reads name from fsys whole, as a file of kind k, with the guards
// of ReadFile; display names the file in errors (name when empty).
//
// fsys is asked for the file's metadata (fs.Stat) before the file is
// opened, so that a named pipe is never opened. For that, fs.Stat must not
// open files of fsys: os.DirFS, fstest.MapFS and NewFS implement
// fs.StatFS, and embed.FS holds no pipes; the result of fs.Sub of an
// os.DirFS does not (fs.Stat would open the file to stat it): take
// subfolders with Sub, or fs.Sub of a NewFS, which stay fs.StatFS.
func ReadFS(fsys fs.FS, name, display string, k Kind) ([]byte, error) {
	if display == "" {
		display = name
	}
	if g, ok := fsys.(*guardFS); ok {
		// Read once, through the guards, with the caller's kind and name.
		full, err := g.full("read", name)
		if err != nil {
			return nil, err
		}
		fsys, name = g.fsys, full
	}
	info, err := StatFS(fsys, name, display, k)
	if err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, openError(display, k.String(), err)
	}
	defer f.Close()
	// The file may have been replaced since the Stat.
	if now, err := f.Stat(); err == nil {
		if e := checkMode(display, k, now); e != nil {
			return nil, e
		}
		info = now
	}
	return read(f, display, k, info.Size())
}

// StatFS checks name in fsys without opening it: that it exists, is a
// regular file (after symbolic links) and is within k's limit. It returns
// the file's metadata, or an *Error naming display (name when empty).
func StatFS(fsys fs.FS, name, display string, k Kind) (fs.FileInfo, error) {
	if display == "" {
		display = name
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, openError(display, k.String(), err)
	}
	if e := checkMode(display, k, info); e != nil {
		return nil, e
	}
	return info, nil
}

// StatDir checks that name in fsys is a folder (after symbolic links)
// without opening anything; what says what was expected there ("a folder
// of saved queries"). A missing folder wraps fs.ErrNotExist. Errors are
// *Error naming display (name when empty).
func StatDir(fsys fs.FS, name, display, what string) error {
	if display == "" {
		display = name
	}
	info, err := fs.Stat(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &Error{Path: display, Err: err, Msg: "no such folder; expected " + what}
	}
	if err != nil {
		return openError(display, what, err)
	}
	if !info.IsDir() {
		return &Error{Path: display, Err: ErrNotDir, Msg: fmt.Sprintf("is %s, not a folder; expected %s", describeMode(info.Mode()), what)}
	}
	return nil
}

// ReadAll reads r whole as a file of kind k named name in errors (such as
// "<stdin>" for logq query -f -): at most k's limit, and text for the
// text kinds. r may be a pipe; the limit is what bounds it.
func ReadAll(r io.Reader, name string, k Kind) ([]byte, error) {
	if k == Log {
		return nil, &Error{Path: name, Err: errors.ErrUnsupported, Msg: "is a log file, which is streamed (safefile.OpenLog), not read whole"}
	}
	return read(r, name, k, -1)
}

// read reads at most k's limit and one byte more, to notice a file that
// grew since it was measured (or a stream of unknown size), then checks
// text kinds. size is the size from the file's metadata, or -1.
func read(r io.Reader, path string, k Kind, size int64) ([]byte, error) {
	limit := k.Limit()
	var buf bytes.Buffer
	if size >= 0 && size <= limit {
		buf.Grow(int(size) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, openError(path, k.String(), err)
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, tooLarge(path, k, "is over "+sizeOf(limit))
	}
	if k.Text() {
		if err := checkText(path, k, data); err != nil {
			return nil, err
		}
	}
	return data, nil
}

func tooLarge(path string, k Kind, is string) *Error {
	return &Error{Path: path, Err: ErrTooLarge, Msg: fmt.Sprintf("%s; expected %s of at most %s", is, k, sizeOf(k.Limit()))}
}

// sizeOf is a limit as written in the docs, with its bytes when that is
// not the same number: "4 MiB (4194304 bytes)".
func sizeOf(n int64) string {
	s := size(n)
	if b := fmt.Sprintf("%d bytes", n); s != b {
		s += " (" + b + ")"
	}
	return s
}

// checkMode refuses what is not a regular file, and a regular file over
// k's limit.
func checkMode(path string, k Kind, info fs.FileInfo) *Error {
	m := info.Mode()
	if !m.IsRegular() {
		return newError(path, k, ErrNotRegular, "is %s, not a regular file", describeMode(m))
	}
	if limit := k.Limit(); limit > 0 && info.Size() > limit {
		return tooLarge(path, k, fmt.Sprintf("is %d bytes", info.Size()))
	}
	return nil
}

// describeMode names the kind of a file that is not a regular file.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file (" + m.String() + ")"
}

// openError describes an error of stat, open or read without repeating
// the path the operating system puts in it; expected says what was
// expected at path.
func openError(path, expected string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	problem := "cannot be read: " + cause.Error()
	switch {
	case errors.Is(err, syscall.ELOOP):
		problem = "is a symbolic link loop (too many levels of symbolic links)"
	case errors.Is(err, fs.ErrNotExist):
		problem = "no such file"
	case errors.Is(err, syscall.ENOTDIR):
		problem = "no such file (a folder on its path is a file)"
	case errors.Is(err, syscall.EISDIR):
		problem, cause = "is a directory, not a regular file", ErrNotRegular
	case errors.Is(err, fs.ErrPermission):
		problem = "cannot be read: permission denied"
	}
	return &Error{Path: path, Err: cause, Msg: problem + "; expected " + expected}
}

// checkText refuses a UTF-16 file, a NUL byte and invalid UTF-8, naming
// the line and column of the first bad byte.
func checkText(path string, k Kind, data []byte) *Error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return &Error{Path: path, Err: ErrNotText, Msg: fmt.Sprintf("is UTF-16 (it starts with a UTF-16 byte-order mark); expected %s in UTF-8: save it as UTF-8", k)}
	}
	if bytes.IndexByte(data, 0) < 0 && utf8.Valid(data) {
		return nil
	}
	i := 0
	for i < len(data) {
		if data[i] == 0 {
			break
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	e := &Error{Path: path, Err: ErrNotText, Line: 1 + bytes.Count(data[:start], []byte{'\n'}), Col: 1 + utf8.RuneCount(data[start:i])}
	if data[i] == 0 {
		e.Msg = fmt.Sprintf("has a NUL byte (a binary file?); expected %s in UTF-8", k)
	} else {
		e.Msg = fmt.Sprintf("has the byte 0x%02X, which is not UTF-8; expected %s in UTF-8", data[i], k)
	}
	return e
}
