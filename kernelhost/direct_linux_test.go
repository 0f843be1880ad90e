package kernelhost

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// children are the processes whose parent is pid, with their command
// lines, read from /proc.
func children(t *testing.T, pid int) map[int][]string {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(stats) == 0 {
		t.Skip("no /proc here")
	}
	out := map[int][]string{}
	for _, stat := range stats {
		b, err := os.ReadFile(stat)
		if err != nil {
			continue // the process ended
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(fields) < 2 || fields[1] != strconv.Itoa(pid) {
			continue
		}
		child, _ := strconv.Atoi(filepath.Base(filepath.Dir(stat)))
		cmdline, _ := os.ReadFile(filepath.Join(filepath.Dir(stat), "cmdline"))
		out[child] = strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
	}
	return out
}

// After Direct, a CDK app's jsii kernel is one Node.js process, the
// program's child, running host.js on the linked jsii-runtime-go's kernel
// program, with no relay process under it; and it synthesizes.
func TestDirectKernelIsOneProcess(t *testing.T) {
	if os.Getenv(RelayEnv) != "" {
		t.Skip(RelayEnv + " is set: programs run with jsii's relay")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	if programPath() == "" {
		t.Skipf("jsii-runtime-go's source is not in the module cache %q: programs run with jsii's relay here", moduleCache())
	}
	if _, posix := directEnv([]string{"SHELL=" + os.Getenv("SHELL")}, "p"); !posix {
		t.Skipf("$SHELL %q is not a POSIX shell: programs run with jsii's relay here", os.Getenv("SHELL"))
	}
	if !Active() {
		t.Fatalf("Direct in TestMain did not take effect: JSII_RUNTIME=%q", os.Getenv(runtimeEnv))
	}
	defer jsii.Close()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	stack := awscdk.NewStack(app, jsii.String("Kernel"), nil)
	awscdk.NewCfnWaitConditionHandle(stack, jsii.String("Handle"), nil)
	tmpl, _ := app.Synth(nil).GetStackByName(jsii.String("Kernel")).Template().(map[string]any)
	if resources, _ := tmpl["Resources"].(map[string]any); resources["Handle"] == nil {
		t.Fatalf("the template lacks the resource made: %v", tmpl)
	}

	kids := children(t, os.Getpid())
	if len(kids) != 1 {
		t.Fatalf("the test process has %d child processes %v, want the kernel alone", len(kids), kids)
	}
	for pid, argv := range kids {
		if len(argv) != 5 || argv[1] != "--preserve-symlinks" || argv[2] != "-e" || argv[3] != hostScript || argv[4] != programPath() {
			short := make([]string, len(argv))
			for i, a := range argv {
				short[i] = strings.SplitN(a, "\n", 2)[0]
			}
			t.Errorf("the kernel runs %q, want node --preserve-symlinks -e <host.js> %s", short, programPath())
		}
		if grand := children(t, pid); len(grand) > 0 {
			t.Errorf("the kernel has child processes %v: a relay is still in the way", grand)
		}
	}
}
