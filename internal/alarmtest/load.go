package alarmtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// File is a scenario ready to run: read from a file, or generated.
type File struct {
	Scenario
	// Path names the file, or the generated scenario.
	Path  string
	yaml  *appconfig.YAMLFile // nil for a generated scenario
	start time.Time
	// duration is the simulated time; 0 for the default (simulatedDuration).
	duration time.Duration
	logs     []logSpec
	expect   []expectSpec
}

// logSpec is a Logs entry with its offsets parsed.
type logSpec struct {
	Logs
	path             string
	message          string
	at, every, until time.Duration
}

// expectSpec is an Expectation with its offsets parsed.
type expectSpec struct {
	Expectation
	path  string
	at    time.Duration
	hasAt bool
	by    time.Duration
	hasBy bool
}

// LoadFile reads and checks a scenario file. Every problem is reported,
// with the file, the line and the field.
func LoadFile(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	var s Scenario
	y, err := appconfig.DecodeYAMLFile(os.DirFS(dir), base, path, safefile.Scenario, &s)
	if err != nil {
		return nil, err
	}
	f := &File{Scenario: s, Path: path, yaml: y}
	if errs := f.compile(); len(errs) > 0 {
		return nil, errs.Err()
	}
	return f, nil
}

// errAt is an error at a key path of the file, or naming the generated
// scenario.
func (f *File) errAt(path, format string, args ...any) *appconfig.Error {
	if f.yaml != nil {
		return f.yaml.At(path, format, args...)
	}
	return &appconfig.Error{File: f.Path, Field: path, Msg: fmt.Sprintf(format, args...)}
}

// where is file:line of a key path, for reports.
func (f *File) where(path string) string {
	if f.yaml != nil {
		return fmt.Sprintf("%s:%d", f.Path, f.yaml.Line(path))
	}
	return f.Path
}

// compile checks the scenario and parses its offsets.
func (f *File) compile() appconfig.ErrorList {
	var errs appconfig.ErrorList
	if f.Name == "" {
		f.Name = strings.TrimSuffix(filepath.Base(f.Path), scenarioExt)
	}
	if f.Environment == "" {
		errs = append(errs, f.errAt("environment", "is required: the environment whose stacks the scenario runs on"))
	}
	start := f.Start
	if start == "" {
		start = DefaultStart
	}
	t, err := time.Parse(time.RFC3339, start)
	if err != nil {
		errs = append(errs, f.errAt("start", "%q is not an RFC 3339 time such as %s", f.Start, DefaultStart))
	}
	f.start = t.UTC()
	if f.Duration != "" {
		d, err := offset(f.Duration)
		if err != nil || d <= 0 {
			errs = append(errs, f.errAt("duration", "%q is not a duration such as 90m or 6h", f.Duration))
		}
		f.duration = d
	}
	for i, l := range f.Logs {
		spec, e := f.compileLogs(fmt.Sprintf("logs[%d]", i), l)
		errs = append(errs, e...)
		f.logs = append(f.logs, spec)
	}
	if len(f.Expect) == 0 {
		errs = append(errs, f.errAt("expect", "is empty; expected at least one expectation (alarm, notified, notNotified, quiet or filterDisabled)"))
	}
	for i, x := range f.Expect {
		spec, e := f.compileExpectation(fmt.Sprintf("expect[%d]", i), x)
		errs = append(errs, e...)
		f.expect = append(f.expect, spec)
	}
	return errs
}

func (f *File) compileLogs(path string, l Logs) (logSpec, appconfig.ErrorList) {
	var errs appconfig.ErrorList
	spec := logSpec{Logs: l, path: path}
	if (l.Service == "") == (l.LogGroup == "") {
		errs = append(errs, f.errAt(path, "set service or logGroup (exactly one): where the line is logged"))
	}
	switch {
	case (l.Line == "") == (l.JSON == nil):
		errs = append(errs, f.errAt(path, "set line or json (exactly one): the log message"))
	case l.JSON != nil:
		b, err := json.Marshal(l.JSON)
		if err != nil {
			errs = append(errs, f.errAt(path+".json", "cannot be written as JSON: %v", err))
		}
		spec.message = string(b)
	default:
		spec.message = l.Line
	}
	var e *appconfig.Error
	spec.at, e = f.offsetField(path+".at", l.At, 0)
	errs = appendErr(errs, e)
	if l.Every != "" || l.Until != "" {
		spec.every, e = f.offsetField(path+".every", l.Every, -1)
		errs = appendErr(errs, e)
		spec.until, e = f.offsetField(path+".until", l.Until, -1)
		errs = appendErr(errs, e)
		switch {
		case l.Every == "" || l.Until == "":
			errs = append(errs, f.errAt(path, "every and until go together: the line repeats every <every> until <until>"))
		case spec.every <= 0:
			errs = append(errs, f.errAt(path+".every", "must be more than 0s"))
		case spec.until <= spec.at:
			errs = append(errs, f.errAt(path+".until", "%s is not after at (%s)", l.Until, spec.at))
		case spec.occurrences() > MaxOccurrences:
			errs = append(errs, f.errAt(path, "writes %d lines; at most %d per entry", spec.occurrences(), MaxOccurrences))
		}
	}
	if l.Count < 0 {
		errs = append(errs, f.errAt(path+".count", "must be at least 1"))
	}
	return spec, errs
}

func (f *File) compileExpectation(path string, x Expectation) (expectSpec, appconfig.ErrorList) {
	var errs appconfig.ErrorList
	spec := expectSpec{Expectation: x, path: path}
	set := 0
	for _, v := range []bool{x.Alarm != "", x.Notified != "", x.NotNotified != "", len(x.Quiet) > 0, x.FilterDisabled != ""} {
		if v {
			set++
		}
	}
	if set != 1 {
		errs = append(errs, f.errAt(path, "set exactly one of alarm, notified, notNotified, quiet and filterDisabled"))
	}
	switch x.State {
	case "", "OK", "ALARM", "INSUFFICIENT_DATA":
	default:
		errs = append(errs, f.errAt(path+".state", "%q is not a state; expected OK, ALARM or INSUFFICIENT_DATA", x.State))
	}
	if spec.State == "" {
		spec.State = "ALARM"
	}
	var e *appconfig.Error
	if x.At != "" {
		spec.at, e = f.offsetField(path+".at", x.At, 0)
		spec.hasAt = e == nil
		errs = appendErr(errs, e)
	}
	if x.By != "" {
		spec.by, e = f.offsetField(path+".by", x.By, 0)
		spec.hasBy = e == nil
		errs = appendErr(errs, e)
	}
	if x.At != "" && x.By != "" {
		errs = append(errs, f.errAt(path, "set at or by, not both"))
	}
	if x.At != "" && x.Alarm == "" {
		errs = append(errs, f.errAt(path+".at", "goes with alarm; notified and notNotified take by"))
	}
	return spec, errs
}

// offsetField parses an offset field; empty gives def (an error when def < 0).
func (f *File) offsetField(path, s string, def time.Duration) (time.Duration, *appconfig.Error) {
	if s == "" {
		if def < 0 {
			return 0, nil
		}
		return def, nil
	}
	d, err := offset(s)
	if err != nil {
		return 0, f.errAt(path, "%q is not an offset such as 0m, 90s, +5m or 1h30m", s)
	}
	return d, nil
}

// offset parses "+5m", "90s", "1h30m".
func offset(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimPrefix(s, "+"))
	if err == nil && d < 0 {
		err = fmt.Errorf("negative")
	}
	return d, err
}

func appendErr(errs appconfig.ErrorList, e *appconfig.Error) appconfig.ErrorList {
	if e != nil {
		return append(errs, e)
	}
	return errs
}

// occurrences is how many times the entry writes its line.
func (l logSpec) occurrences() int {
	if l.every <= 0 {
		return 1
	}
	return int((l.until - l.at + l.every - 1) / l.every)
}
