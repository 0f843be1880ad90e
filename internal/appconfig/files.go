package appconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// EnvironmentExtensions are the file extensions of environment files; both
// spellings of YAML's extension are read, and an environment written twice
// (dev.yaml and dev.yml) is an error.
var EnvironmentExtensions = []string{".yaml", ".yml"}

// readFile reads a config file (or another file of kind k, such as an
// alarm scenario) through safefile's guards: what is not a regular file (a
// directory, a named pipe, a device: reading one could block forever or
// fill memory) is refused before it is opened, and so are files over the
// kind's limit (MaxFileBytes for config files), NUL bytes and invalid
// UTF-8, with the line of the first bad byte. display names the file in
// errors.
func readFile(fsys fs.FS, name, display string, k safefile.Kind) ([]byte, *Error) {
	data, err := safefile.ReadFS(fsys, name, display, k)
	if err == nil {
		return data, nil
	}
	if k == safefile.Config && errors.Is(err, fs.ErrNotExist) {
		return nil, &Error{File: display, Msg: readProblem(err)}
	}
	return nil, fileError(display, err)
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
