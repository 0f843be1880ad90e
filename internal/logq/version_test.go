package logq

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	cases := []struct {
		name     string
		override string
		bi       *debug.BuildInfo
		want     string
	}{
		{"no build info", "", nil, "logq (devel)"},
		{"go install @version", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}}, "logq v0.3.0"},
		{"source build, no VCS", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "logq (devel)"},
		{"test binary", "", &debug.BuildInfo{}, "logq (devel)"},
		{"source build in a checkout", "", &debug.BuildInfo{
			Main:     debug.Module{Version: "v0.0.0-20261101090000-663a8bd1c2e3+dirty"},
			Settings: vcs("vcs", "git", "vcs.revision", "663a8bd1c2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7", "vcs.time", "2026-11-01T09:00:00Z", "vcs.modified", "true"),
		}, "logq v0.0.0-20261101090000-663a8bd1c2e3+dirty (revision 663a8bd1c2e3, 2026-11-01T09:00:00Z, modified)"},
		{"-ldflags -X wins", "v0.3.0", &debug.BuildInfo{
			Main:     debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "663a8bd", "vcs.modified", "false"),
		}, "logq v0.3.0 (revision 663a8bd)"},
	}
	for _, c := range cases {
		if got := versionLine(c.override, c.bi); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// logq --version and logq version print the same line; the version set
// with -ldflags -X (here, directly) replaces the module's.
func TestVersionCommand(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v0.3.0"
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		code, out, errs := runLogq(args...)
		if code != exitOK || !strings.HasPrefix(out, "logq v0.3.0") || strings.Count(out, "\n") != 1 || errs != "" {
			t.Errorf("%q: exit %d, %q %q", args, code, out, errs)
		}
	}
	if code, _, errs := runLogq("version", "extra"); code != exitUsage || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("version extra: exit %d, %q", code, errs)
	}
	if code, out, _ := runLogq("version", "--help"); code != exitOK || !strings.Contains(out, "usage: logq version") {
		t.Errorf("version --help: exit %d, %q", code, out)
	}
}
