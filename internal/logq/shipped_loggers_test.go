package logq

import (
	"bytes"
	"testing"
)

// The loggers committed under examples/loggers are what `make loggers`
// writes from the shipped config: a change to config/services.yaml's
// logEvents without regenerating them fails here.
func TestShippedLoggersAreCurrent(t *testing.T) {
	t.Chdir("../..")
	for _, args := range [][]string{
		{"--config", "config", "--lang", "go", "--package", "logevents", "--out", "examples/loggers/go/logevents/logevents.go", "--check"},
		{"--config", "config", "--lang", "python", "--out", "examples/loggers/python/logevents.py", "--check"},
	} {
		var stdout, stderr bytes.Buffer
		if code := runGen(args, nil, &stdout, &stderr); code != 0 {
			t.Errorf("logq gen %v: exit %d: %s%s; run make loggers", args, code, stdout.String(), stderr.String())
		}
	}
}
