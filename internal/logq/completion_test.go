package logq

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/cliflags"
)

// Every command, and every flag each one defines, is in both scripts.
func TestCompletionListsEveryCommandAndFlag(t *testing.T) {
	for _, shell := range shells {
		code, script, errs := runLogq("completion", shell)
		if code != exitOK || errs != "" {
			t.Fatalf("completion %s: exit %d %s", shell, code, errs)
		}
		for _, c := range commands {
			if !strings.Contains(script, "\n    "+c.name+")") && !strings.Contains(script, "\n  "+c.name+")") {
				t.Errorf("%s: no case for command %s", shell, c.name)
			}
			if c.flags == nil {
				continue
			}
			for _, f := range cliflags.Describe(c.flags()) {
				if !strings.Contains(script, f.Spelling) {
					t.Errorf("%s: %s lacks flag %s", shell, c.name, f.Spelling)
				}
				for _, v := range f.Choices {
					if !strings.Contains(script, v) {
						t.Errorf("%s: %s %s lacks value %s", shell, c.name, f.Spelling, v)
					}
				}
			}
		}
	}
	if code, _, errs := runLogq("completion", "fish"); code != exitUsage || !strings.Contains(errs, "expected bash or zsh") {
		t.Errorf("completion fish: exit %d %q", code, errs)
	}
}

// The scripts are valid for their shell: bash -n and zsh -n.
func TestCompletionScriptsParse(t *testing.T) {
	for _, shell := range shells {
		t.Run(shell, func(t *testing.T) {
			path := writeCompletion(t, shell)
			if out, err := exec.Command(shell, "-n", path).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", shell, err, out)
			}
		})
	}
}

// In bash, the script completes commands, flags, the values of --format
// and --input, and a command's first word.
func TestBashCompletes(t *testing.T) {
	path := writeCompletion(t, "bash")
	cases := []struct {
		line string // the words typed; the last one is being completed
		want string // COMPREPLY, space-separated
	}{
		{"logq qu", "query"},
		{"logq ", "filter query test check lint gen alarms completion version help --help --version"},
		{"logq query --for", "--format"},
		{"logq query events.jsonl --format c", "csv chart"},
		{"logq query -q x --input=", "auto cwl raw"},
		{"logq filter --d", "--dimension"},
		{"logq test config -", "-v -h --help"},
		{"logq alarms ", "test"},
		{"logq alarms test --g", "--generate"},
		{"logq completion ", "bash zsh"},
		{"logq help a", "alarms"},
		{"logq query -f ", ""}, // a file: the shell's default completion
	}
	for _, c := range cases {
		words := strings.Split(c.line, " ")
		if strings.HasSuffix(c.line, "=") { // bash splits at "=" (COMP_WORDBREAKS)
			last := words[len(words)-1]
			words = append(words[:len(words)-1], strings.TrimSuffix(last, "="), "=", "")
		}
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, bashQuote(w))
		}
		script := "source " + bashQuote(path) + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
			strconv.Itoa(len(words)-1) + "\n_logq\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "--norc", "--noprofile", "-c", script).CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", c.line, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("%q completes to %q, want %q", c.line, got, c.want)
		}
	}
}

// In zsh, the sourced script registers _logq for logq with compdef (a
// stub here: compinit would scan every completion function installed).
func TestZshRegisters(t *testing.T) {
	path := writeCompletion(t, "zsh")
	script := "compdef() { print -r -- compdef $* }; source " + bashQuote(path) + " && whence -w _logq"
	out, err := exec.Command("zsh", "-f", "-c", script).CombinedOutput()
	if want := "compdef _logq logq\n_logq: function\n"; err != nil || string(out) != want {
		t.Errorf("zsh: %v %q, want %q", err, out, want)
	}
}

// writeCompletion writes the script for shell to a file, or skips the
// test when the shell is not installed.
func writeCompletion(t *testing.T, shell string) string {
	t.Helper()
	if _, err := exec.LookPath(shell); err != nil {
		t.Skipf("%s is not installed, so its completion script is not checked: %v", shell, err)
	}
	_, script, _ := runLogq("completion", shell)
	path := filepath.Join(t.TempDir(), "logq."+shell)
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
