package alarmtest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/eventwatch/eventwatch/cwsim"
)

// Summary counts the scenarios of a run.
type Summary struct {
	Passed, Failed int
	// Errors are scenarios that could not run (invalid, or naming what the
	// assembly does not have).
	Errors int
}

// OK reports whether every scenario ran and passed.
func (s Summary) OK() bool { return s.Failed == 0 && s.Errors == 0 }

func (s Summary) String() string {
	text := fmt.Sprintf("alarm scenarios: %d passed, %d failed", s.Passed, s.Failed)
	if s.Errors > 0 {
		text += fmt.Sprintf(" (%d could not run)", s.Errors)
	}
	return text
}

// RunFiles runs each scenario on its environment's model of asm, on every
// core, and writes a line per scenario to w in the order given, with the
// failed expectations and the timelines that explain them (every timeline
// with verbose).
func RunFiles(asm *Assembly, files []*File, w io.Writer, verbose bool) Summary {
	outcomes := make([]outcome, len(files))
	for i, f := range files { // models are read once, before the workers start
		outcomes[i].model, outcomes[i].err = asm.Model(f.Environment)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if o := &outcomes[i]; o.err == nil {
					o.result, o.err = Run(files[i], o.model)
					if o.err == nil && len(o.result.Failures) == 0 && !verbose {
						o.result.Report = nil // only failures and -v print it
					}
				}
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var sum Summary
	for i, f := range files {
		outcomes[i].write(w, f, verbose, &sum)
	}
	return sum
}

// outcome is one scenario's run.
type outcome struct {
	model  *cwsim.Model
	result *Result
	err    error
}

func (o outcome) write(w io.Writer, f *File, verbose bool, sum *Summary) {
	r := o.result
	switch {
	case o.err != nil:
		sum.Errors++
		fmt.Fprintf(w, "ERROR %s: %v\n", f.Path, o.err)
	case len(r.Failures) > 0:
		sum.Failed++
		fmt.Fprintf(w, "FAIL  %s (%s): %d of %d expectations failed\n", f.Path, f.Name, len(r.Failures), len(r.Failures)+r.Passed)
		for _, fail := range r.Failures {
			fmt.Fprintf(w, "  %s: %s\n", fail.Where, fail.Msg)
			WriteTimeline(w, r.Report, fail.Alarms)
		}
		writeFixtures(w, r)
	default:
		sum.Passed++
		fmt.Fprintf(w, "ok    %s (%s): %d expectations\n", f.Path, f.Name, r.Passed)
		if verbose {
			WriteTimeline(w, r.Report, alarmNames(o.model))
			writeFixtures(w, r)
		}
	}
}

// writeFixtures lists what the simulation assumed.
func writeFixtures(w io.Writer, r *Result) {
	if len(r.Report.BandsUsed) > 0 {
		fmt.Fprintf(w, "  anomaly band fixtures: %s\n", strings.Join(r.Report.BandsUsed, ", "))
	}
	if len(r.Report.Unevaluated) > 0 {
		fmt.Fprintf(w, "  not evaluated, without a band fixture: %s\n", strings.Join(r.Report.Unevaluated, ", "))
	}
	for _, d := range r.Report.Disabled {
		fmt.Fprintf(w, "  metric filter %s (%s) disabled at +%s: %d dimension name/value pairs within an hour (%s)\n",
			d.Filter.Metric.Name, d.Filter.Source, fmtOffset(d.At.Sub(r.Report.Start)), d.Pairs, strings.Join(d.Examples, ", "))
	}
}

// LoadPaths loads the scenario files named, a directory standing for its
// *.yaml files, sorted. Every file's problems are reported.
func LoadPaths(paths []string) ([]*File, error) {
	var names []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			names = append(names, p)
			continue
		}
		found, err := filepath.Glob(filepath.Join(p, "*"+scenarioExt))
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no *%s scenario file", p, scenarioExt)
		}
		sort.Strings(found)
		names = append(names, found...)
	}
	var files []*File
	var errs []string
	for _, n := range names {
		f, err := LoadFile(n)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		files = append(files, f)
	}
	if len(errs) > 0 {
		return files, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return files, nil
}
