package appconfig

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Defaults of the config, named once.
const (
	// DefaultApp prefixes stacks, log groups and topics when services.yaml sets no app.
	DefaultApp = "eventwatch"
	// ServicesFile and EnvironmentsDir are the layout of a config directory.
	ServicesFile    = "services.yaml"
	EnvironmentsDir = "environments"
	// QueriesDir in a config directory holds its own saved queries; without
	// it, the queries shipped with eventwatch are used.
	QueriesDir = "queries"
	// QueryExtension is the file extension of a saved Logs Insights query;
	// .sql and .ppl files are OpenSearch SQL and PPL queries (query_files.go).
	QueryExtension = ".insights"
)

// Config is a loaded and validated configuration.
type Config struct {
	// Services is services.yaml with defaults applied.
	Services Services
	// Environments by name, sorted.
	Environments []NamedEnvironment
	// Queries holds the saved query files, <name>.insights.
	Queries fs.FS
	// QueriesRoot names the queries folder in messages.
	QueriesRoot string

	services *document
}

// NamedEnvironment is an environment file and the name it takes from the file name.
type NamedEnvironment struct {
	Name string
	Environment
	doc *document
}

// Load reads services.yaml and environments/*.yaml from fsys, which is
// named root in messages, takes saved queries from its queries/ folder or
// else from builtinQueries, and validates everything. All problems are
// returned together as an ErrorList, sorted by file and line: a file that
// cannot be read or decoded does not stop the checks of the others, nor a
// key that cannot be decoded the checks of the rest of its file; what
// only follows from a problem reported is left out (cascade.go).
//
// Every file is read through package safefile, and stat'ed before it is
// opened, so that a named pipe never blocks the load. For that, fs.Stat
// must not open files of fsys: os.DirFS, fstest.MapFS and safefile.NewFS
// implement fs.StatFS, and embed.FS holds no pipes; fs.Sub of os.DirFS
// opens to stat.
func Load(fsys fs.FS, root string, builtinQueries fs.FS) (*Config, error) {
	cfg := &Config{}
	var errs ErrorList
	if qerr := cfg.openQueries(fsys, root, builtinQueries); qerr != nil {
		errs = append(errs, qerr)
	}
	var list ErrorList
	cfg.services, list = readConfigFile(fsys, ServicesFile, path.Join(root, ServicesFile), &cfg.Services)
	errs = append(errs, list...)

	names, list := environmentFiles(fsys, root)
	errs = append(errs, list...)
	for _, name := range names {
		file := path.Join(root, name)
		env := NamedEnvironment{Name: strings.TrimSuffix(path.Base(name), path.Ext(name))}
		env.doc, list = readConfigFile(fsys, name, file, &env.Environment)
		errs = append(errs, list...)
		errs = append(errs, checkEnvironmentName(file, env.Name)...)
		cfg.Environments = append(cfg.Environments, env)
	}
	sort.Slice(cfg.Environments, func(i, j int) bool { return cfg.Environments[i].Name < cfg.Environments[j].Name })
	cfg.applyDefaults()
	errs = append(errs, cfg.validate()...)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return cfg, nil
}

// readConfigFile reads and decodes one config file into out. A file that
// cannot be read is reported, and its document has every path damaged.
func readConfigFile(fsys fs.FS, name, file string, out any) (*document, ErrorList) {
	data, rerr := readFile(fsys, name, file, safefile.Config)
	if rerr != nil {
		doc := newDocument(file)
		doc.damaged[""] = true
		return doc, ErrorList{rerr}
	}
	return decodeStrict(file, data, out)
}

func readProblem(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "is missing; a config directory holds services.yaml and environments/<name>.yaml"
	}
	return "cannot be read: " + err.Error()
}

func (c *Config) applyDefaults() {
	if c.Services.App == "" {
		c.Services.App = DefaultApp
	}
}

// Environment returns the environment called name.
func (c *Config) Environment(name string) (NamedEnvironment, bool) {
	for _, e := range c.Environments {
		if e.Name == name {
			return e, true
		}
	}
	return NamedEnvironment{}, false
}

// EnvironmentNames lists the environments, sorted.
func (c *Config) EnvironmentNames() []string {
	out := make([]string, len(c.Environments))
	for i, e := range c.Environments {
		out[i] = e.Name
	}
	return out
}
