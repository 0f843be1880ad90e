package appconfig

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// EnvironmentExtensions are the file extensions of environment files; both
// spellings of YAML's extension are read, and an environment written twice
// (dev.yaml and dev.yml) is an error.
var EnvironmentExtensions = []string{".yaml", ".yml"}

// readFile reads a config file, refusing at once what is not a regular
// file (a directory, a named pipe, a device: reading one could block
// forever) and files over MaxFileBytes. display names the file in errors.
func readFile(fsys fs.FS, name, display string) ([]byte, *Error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, &Error{File: display, Msg: readProblem(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{File: display, Msg: fmt.Sprintf("is %s, not a regular file; expected a YAML file", fileKind(info.Mode()))}
	}
	if info.Size() > MaxFileBytes {
		return nil, &Error{File: display, Msg: fmt.Sprintf("is %d bytes; a config file may be at most %d bytes", info.Size(), MaxFileBytes)}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Error{File: display, Msg: readProblem(err)}
	}
	defer f.Close()
	// The size can change between Stat and Read: read one byte more than
	// the limit to notice.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: display, Msg: readProblem(err)}
	}
	if len(data) > MaxFileBytes {
		return nil, &Error{File: display, Msg: fmt.Sprintf("is over %d bytes, the most a config file may have", MaxFileBytes)}
	}
	return data, nil
}

func fileKind(m fs.FileMode) string {
	switch {
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
	return "not a regular file (" + m.String() + ")"
}

// environmentFiles lists environments/<name>.yaml and <name>.yml, sorted
// by name. Other entries of the folder (except hidden ones, such as an
// editor's .swp) are errors: a file that is not read must not look like an
// environment that is deployed.
func environmentFiles(fsys fs.FS, root string) ([]string, ErrorList) {
	entries, err := fs.ReadDir(fsys, EnvironmentsDir)
	dir := path.Join(root, EnvironmentsDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrorList{{File: dir, Msg: "is missing; expected environments/<name>.yaml, e.g. environments/dev.yaml"}}
		}
		return nil, ErrorList{{File: dir, Msg: "cannot be read: " + err.Error()}}
	}
	var names []string
	var errs ErrorList
	byEnv := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := path.Join(EnvironmentsDir, e.Name())
		ext := path.Ext(e.Name())
		if !isEnvironmentExt(ext) {
			errs = append(errs, &Error{File: path.Join(root, name), Msg: "is not an environment file; expected environments/<name>.yaml or <name>.yml (move other files out of environments/)"})
			continue
		}
		env := strings.TrimSuffix(e.Name(), ext)
		if other, dup := byEnv[env]; dup {
			errs = append(errs, &Error{File: path.Join(root, name), Msg: fmt.Sprintf("environment %s is also defined by %s; keep one of the two files", quote(env), path.Join(root, other))})
			continue
		}
		byEnv[env] = name
		names = append(names, name)
	}
	if len(names) == 0 && len(errs) == 0 {
		errs = append(errs, &Error{File: dir, Msg: "no environment files; expected environments/<name>.yaml, e.g. environments/dev.yaml"})
	}
	sort.Strings(names)
	return names, errs
}

func isEnvironmentExt(ext string) bool {
	for _, e := range EnvironmentExtensions {
		if ext == e {
			return true
		}
	}
	return false
}
