package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A release build sets the version with -ldflags -X, as the help of
// logq version documents; logq --version prints it.
func TestVersionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds logq; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "logq")
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X github.com/eventwatch/eventwatch/internal/logq.version=v0.3.0", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "logq v0.3.0") {
		t.Fatalf("logq --version: %v %q", err, out)
	}
}
