package safefile_test

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// fixture makes one file of a kind in dir: its name is its kind. It
// skips the test where the system cannot make it.
func fixture(t *testing.T, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, name)
	var err error
	switch name {
	case "ok", "ok.insights":
		err = os.WriteFile(p, []byte("fields @message\n| limit 5\n"), 0o644)
	case "fifo", "fifo.insights":
		err = syscall.Mkfifo(p, 0o644)
	case "zero", "zero.insights":
		if _, serr := os.Stat("/dev/zero"); serr != nil {
			t.Skip("no /dev/zero here")
		}
		err = os.Symlink("/dev/zero", p)
	case "dir":
		err = os.Mkdir(p, 0o755)
	case "loop", "loop.insights":
		err = os.Symlink(name, p) // a link to itself
	case "socket":
		var l net.Listener
		if l, err = net.Listen("unix", p); err == nil {
			t.Cleanup(func() { l.Close() })
		}
	case "big":
		err = os.WriteFile(p, bytes.Repeat([]byte("x"), safefile.MaxQueryBytes+1), 0o644)
	case "nul", "nul.insights":
		err = os.WriteFile(p, []byte("fields @message\n| filter a\x00b\n"), 0o644)
	case "latin1":
		err = os.WriteFile(p, []byte("fields @message\n| filter @message like /caf\xe9/\n"), 0o644)
	case "utf16":
		err = os.WriteFile(p, []byte("\xff\xfef\x00i\x00"), 0o644)
	case "file/below":
		err = os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o644)
	case "missing":
	default:
		t.Fatalf("no fixture %q", name)
	}
	if err != nil {
		t.Skipf("cannot make %s here: %v", name, err)
	}
}

// within runs f, failing the test if it takes a second: no read may wait
// on a named pipe.
func within(t *testing.T, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		t.Fatal("still reading after 1s: the reader blocks")
		return nil
	}
}

// Every reader refuses what is not a regular file before it waits on it
// or reads it whole, and says what the file is, what was expected and, for
// bad text, where.
func TestReadersRefuseWhatIsNotAFileOfTheirKind(t *testing.T) {
	cases := []struct {
		file string
		want string // the message after "DIR/"; "" when the read succeeds
		is   error
	}{
		{"ok", "", nil},
		{"fifo", "fifo: is a named pipe (FIFO), not a regular file; expected a query file (text)", safefile.ErrNotRegular},
		{"zero", "zero: is a device, not a regular file; expected a query file (text)", safefile.ErrNotRegular},
		{"dir", "dir: is a directory, not a regular file; expected a query file (text)", safefile.ErrNotRegular},
		{"socket", "socket: is a socket, not a regular file; expected a query file (text)", safefile.ErrNotRegular},
		{"loop", "loop: is a symbolic link loop (too many levels of symbolic links); expected a query file (text)", syscall.ELOOP},
		{"missing", "missing: no such file; expected a query file (text)", fs.ErrNotExist},
		{"file/below", "file/below: no such file (a folder on its path is a file); expected a query file (text)", syscall.ENOTDIR},
		{"big", "big: is 65537 bytes; expected a query file (text) of at most 64 KiB (65536 bytes)", safefile.ErrTooLarge},
		{"nul", "nul:2:11: has a NUL byte (a binary file?); expected a query file (text) in UTF-8", safefile.ErrNotText},
		{"latin1", "latin1:2:28: has the byte 0xE9, which is not UTF-8; expected a query file (text) in UTF-8", safefile.ErrNotText},
		{"utf16", "utf16: is UTF-16 (it starts with a UTF-16 byte-order mark); expected a query file (text) in UTF-8: save it as UTF-8", safefile.ErrNotText},
	}
	readers := map[string]func(dir, name string) ([]byte, error){
		"ReadFile": func(dir, name string) ([]byte, error) {
			return safefile.ReadFile(filepath.Join(dir, name), safefile.Query)
		},
		"ReadFS": func(dir, name string) ([]byte, error) {
			return safefile.ReadFS(os.DirFS(dir), name, filepath.Join(dir, name), safefile.Query)
		},
		"NewFS": func(dir, name string) ([]byte, error) {
			data, err := fs.ReadFile(safefile.NewFS(os.DirFS(dir), func(string) safefile.Kind { return safefile.Query }), name)
			var fe *safefile.Error
			if errors.As(err, &fe) {
				fe.Path = filepath.Join(dir, fe.Path) // NewFS names files from its root
			}
			return data, err
		},
		"NewFS.Open": func(dir, name string) ([]byte, error) {
			f, err := safefile.NewFS(os.DirFS(dir), func(string) safefile.Kind { return safefile.Query }).Open(name)
			if err != nil {
				var fe *safefile.Error
				if errors.As(err, &fe) {
					fe.Path = filepath.Join(dir, fe.Path)
				}
				return nil, err
			}
			defer f.Close()
			return io.ReadAll(f)
		},
	}
	for rname, read := range readers {
		for _, c := range cases {
			t.Run(rname+"/"+c.file, func(t *testing.T) {
				dir := t.TempDir()
				fixture(t, dir, c.file)
				var data []byte
				err := within(t, func() (err error) {
					data, err = read(dir, c.file)
					return err
				})
				if c.want == "" {
					if err != nil || len(data) == 0 {
						t.Fatalf("got %q, %v; want the file", data, err)
					}
					return
				}
				if c.file == "dir" && rname == "NewFS.Open" {
					// Directories open as in fsys (fs.WalkDir needs them);
					// reading one fails.
					if err == nil {
						t.Fatal("read a directory")
					}
					return
				}
				var fe *safefile.Error
				if !errors.As(err, &fe) {
					t.Fatalf("got %v (%T), want a *safefile.Error", err, err)
				}
				if want := filepath.Join(dir, c.want); err.Error() != want {
					t.Errorf("got  %s\nwant %s", err, want)
				}
				if !errors.Is(err, c.is) {
					t.Errorf("%v is not %v", err, c.is)
				}
			})
		}
	}
}

// Log files are streamed: regular files and pipes are read, a named pipe
// as its writer writes; directories, devices, sockets and loops are not.
func TestOpenLog(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"ok", ""},
		{"dir", "dir: is a directory, not a regular file or a pipe; expected a log file, a pipe, or - for standard input"},
		{"zero", "zero: is a device, not a regular file or a pipe; expected a log file, a pipe, or - for standard input"},
		{"socket", "socket: is a socket, not a regular file or a pipe; expected a log file, a pipe, or - for standard input"},
		{"loop", "loop: is a symbolic link loop (too many levels of symbolic links); expected a log file, a pipe, or - for standard input"},
		{"missing", "missing: no such file; expected a log file, a pipe, or - for standard input"},
	} {
		t.Run(c.file, func(t *testing.T) {
			dir := t.TempDir()
			fixture(t, dir, c.file)
			err := within(t, func() error {
				f, err := safefile.OpenLog(filepath.Join(dir, c.file))
				if err == nil {
					f.Close()
				}
				return err
			})
			if c.want == "" && err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(dir, c.want); c.want != "" && (err == nil || err.Error() != want) {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}

	t.Run("named pipe", func(t *testing.T) {
		dir := t.TempDir()
		fixture(t, dir, "fifo")
		p := filepath.Join(dir, "fifo")
		go func() {
			w, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err == nil {
				w.WriteString("line one\nline two\n")
				w.Close()
			}
		}()
		err := within(t, func() error {
			f, err := safefile.OpenLog(p)
			if err != nil {
				return err
			}
			defer f.Close()
			data, err := io.ReadAll(f)
			if err == nil && string(data) != "line one\nline two\n" {
				t.Errorf("read %q", data)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// ReadAll bounds a stream (logq query -f -) by the kind's limit, and
// checks its text.
func TestReadAll(t *testing.T) {
	if _, err := safefile.ReadAll(strings.NewReader("fields a"), "<stdin>", safefile.Query); err != nil {
		t.Fatal(err)
	}
	_, err := safefile.ReadAll(io.LimitReader(zeros{}, 1<<30), "<stdin>", safefile.Query)
	if want := "<stdin>: is over 64 KiB (65536 bytes); expected a query file (text) of at most 64 KiB (65536 bytes)"; err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	_, err = safefile.ReadAll(strings.NewReader("a\nb\x00"), "<stdin>", safefile.Query)
	if !errors.Is(err, safefile.ErrNotText) || !strings.HasPrefix(err.Error(), "<stdin>:2:2: has a NUL byte") {
		t.Errorf("got %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// fs.Sub of a NewFS is guarded and stays an fs.StatFS (fs.Sub of os.DirFS
// is not one: fs.Stat on it opens the file, and would wait on a pipe).
// Kinds are given paths from the root the function was given with.
func TestSubStaysGuarded(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "queries", "testdata"), 0o755)
	fixture(t, filepath.Join(dir, "queries"), "fifo.insights")
	os.WriteFile(filepath.Join(dir, "queries", "testdata", "t.csv"), bytes.Repeat([]byte("x"), safefile.MaxQueryBytes+1), 0o644)

	plain, _ := fs.Sub(os.DirFS(dir), "queries")
	if _, ok := plain.(fs.StatFS); ok {
		t.Log("fs.Sub of os.DirFS is an fs.StatFS now; Sub is still needed for the guards")
	}
	for _, sub := range []func() (fs.FS, error){
		func() (fs.FS, error) { return fs.Sub(safefile.NewFS(os.DirFS(dir), subKind), "queries") },
		func() (fs.FS, error) { return safefile.Sub(os.DirFS(dir), "queries", safefile.QueriesKind) },
	} {
		q, err := sub()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := q.(fs.StatFS); !ok {
			t.Fatalf("%T is not an fs.StatFS", q)
		}
		err = within(t, func() error { _, err := fs.Stat(q, "fifo.insights"); return err })
		if err != nil {
			t.Fatal(err)
		}
		err = within(t, func() error { _, err := fs.ReadFile(q, "fifo.insights"); return err })
		if !errors.Is(err, safefile.ErrNotRegular) || !strings.Contains(err.Error(), "fifo.insights: is a named pipe (FIFO)") {
			t.Errorf("got %v", err)
		}
		// t.csv is a lookup table (10 MiB), not a query (64 KiB).
		if _, err := fs.ReadFile(q, "testdata/t.csv"); err != nil {
			t.Errorf("testdata/t.csv: %v", err)
		}
		var names []string
		fs.WalkDir(q, ".", func(p string, d fs.DirEntry, err error) error {
			names = append(names, p)
			return err
		})
		if got := strings.Join(names, " "); got != ". fifo.insights testdata testdata/t.csv" {
			t.Errorf("walk: %s", got)
		}
	}
}

func subKind(name string) safefile.Kind {
	return safefile.QueriesKind(strings.TrimPrefix(name, "queries/"))
}

// The limits that restate AWS's, or leave room above them, agree with
// the constants of the packages that check AWS's limits.
func TestLimitsAgreeWithAWS(t *testing.T) {
	if safefile.MaxLookupTableBytes != insights.MaxLookupTableBytes {
		t.Errorf("MaxLookupTableBytes %d, insights' %d", safefile.MaxLookupTableBytes, insights.MaxLookupTableBytes)
	}
	if safefile.MaxQueryBytes < 4*insights.MaxQueryLength {
		t.Errorf("MaxQueryBytes %d cannot hold a query of %d characters of 4 bytes", safefile.MaxQueryBytes, insights.MaxQueryLength)
	}
	if safefile.MaxTemplateBytes <= cfn.MaxTemplateBytesS3 {
		t.Errorf("MaxTemplateBytes %d leaves no room above CloudFormation's %d, which cfn.CheckTemplateSize reports", safefile.MaxTemplateBytes, cfn.MaxTemplateBytesS3)
	}
	for k := safefile.Config; k <= safefile.Log; k++ {
		if strings.HasPrefix(k.String(), "Kind(") {
			t.Errorf("kind %d has no description", k)
		}
		if (k.Limit() == 0) != (k == safefile.Log) {
			t.Errorf("%s: limit %d", k, k.Limit())
		}
	}
}
