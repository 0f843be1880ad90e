package logq

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// version is the version logq reports. Empty, it is the main module's
// version from the build info: v0.3.0 after `go install ...@v0.3.0`, a
// pseudo-version or "(devel)" in a source build. A release build sets it:
//
//	go build -ldflags "-X github.com/eventwatch/eventwatch/internal/logq.version=v0.3.0" ./cmd/logq
var version string

const versionUsage = `usage: logq version
       logq --version

Prints logq's version: the one set at build time with
-ldflags "-X github.com/eventwatch/eventwatch/internal/logq.version=v0.3.0",
else the module version Go recorded in the binary (v0.3.0 after go install
...@v0.3.0, "(devel)" in a source build without version control), then
the commit it was built from, when Go recorded one, with its time and
"modified" when the work tree had changes.

Examples:
  logq version

Exit status: 0, or 2 when given arguments.
`

// runVersion is `logq version` and `logq --version`.
func runVersion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help":
			fmt.Fprint(stdout, versionUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "logq version: takes no arguments, got %q\n\n%s", args, versionUsage)
		return exitUsage
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(version, bi))
	return exitOK
}

// versionLine is "logq VERSION", followed, when the build info records a
// commit, by "(revision R, TIME[, modified])". override, when set, is the
// version; bi may be nil.
func versionLine(override string, bi *debug.BuildInfo) string {
	v := override
	if v == "" && bi != nil {
		v = bi.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	line := "logq " + v
	if bi == nil {
		return line
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	rev := vcs["vcs.revision"]
	if rev == "" {
		return line
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	details := []string{"revision " + rev}
	if t := vcs["vcs.time"]; t != "" {
		details = append(details, t)
	}
	if vcs["vcs.modified"] == "true" {
		details = append(details, "modified")
	}
	return line + " (" + strings.Join(details, ", ") + ")"
}
