package ci

import (
	"fmt"
	"io"
	"os/exec"

	"github.com/rhysd/actionlint"
)

// Lint runs actionlint on one workflow file's content. shellcheck runs on
// the `run:` scripts when it is installed, as the actionlint command does.
func Lint(path string, content []byte) ([]Finding, error) {
	opts := &actionlint.LinterOptions{LogWriter: io.Discard}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	l, err := actionlint.NewLinter(io.Discard, opts)
	if err != nil {
		return nil, fmt.Errorf("actionlint: %w", err)
	}
	errs, err := l.Lint(path, content, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: actionlint: %w", path, err)
	}
	out := make([]Finding, 0, len(errs))
	for _, e := range errs {
		out = append(out, Finding{File: path, Line: e.Line, Col: e.Column, Rule: e.Kind, Message: e.Message})
	}
	return out, nil
}
