package ci

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const scriptDir = "../../.github/scripts"

// Stand-ins for the commands the CI scripts call, so that the scripts run
// here without AWS, GitHub or a synth.
const (
	// fakeAWS answers `aws cloudformation get-template` from the files in
	// $FAKE_DEPLOYED (one per stack), like CloudFormation for a stack that
	// does not exist, or with AccessDenied for the stack in $FAKE_DENIED.
	fakeAWS = `#!/usr/bin/env bash
while [[ $# -gt 0 ]]; do
  if [[ "$1" == --stack-name ]]; then stack="$2"; fi
  shift
done
if [[ "$stack" == "${FAKE_DENIED:-}" ]]; then
  echo "An error occurred (AccessDenied) when calling the GetTemplate operation: not authorized" >&2; exit 254
fi
if [[ -f "$FAKE_DEPLOYED/$stack" ]]; then cat "$FAKE_DEPLOYED/$stack"; exit 0; fi
echo "An error occurred (ValidationError) when calling the GetTemplate operation: Stack with id $stack does not exist" >&2
exit 254
`
	// fakeMake fails `make synth ... BASELINE=...` when $FAKE_UNSAFE is set,
	// as the stateful-change check does.
	fakeMake = `#!/usr/bin/env bash
if [[ "$*" == *BASELINE=* && -n "${FAKE_UNSAFE:-}" ]]; then
  echo "unsafe changes to stateful resources, compared with the templates in deployed/dev:"
  echo "app-dev: LogGroupOrders (AWS::Logs::LogGroup): is no longer in the stack"
  exit 2
fi
echo "synthesized $*"
`
	// fakeCDK prints a diff, and its arguments to $FAKE_CDK_ARGS when set.
	fakeCDK = `#!/usr/bin/env bash
if [[ -n "${FAKE_CDK_ARGS:-}" ]]; then echo "$*" >"$FAKE_CDK_ARGS"; fi
echo "Stack app-dev"
echo "[~] AWS::Logs::LogGroup LogGroupOrders"
`
	manifestOneRegion = `{"artifacts": {
  "app-dev": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/eu-west-1", "properties": {"templateFile": "app-dev.template.json"}},
  "Payments": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/eu-west-1", "properties": {"templateFile": "Payments.template.json", "stackName": "app-dev-payments"}},
  "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}`
	manifestTwoRegions = `{"artifacts": {
  "a": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/eu-west-1"},
  "b": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/us-east-1"}}}`
)

// fakeRepo lays out a checkout for the scripts: the scripts themselves,
// cdk.out/manifest.json, node_modules/.bin/cdk, and make and aws on PATH.
func fakeRepo(t *testing.T, manifest string) (dir string, env []string) {
	t.Helper()
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the CI scripts need %s, which is not installed here", tool)
		}
	}
	dir = t.TempDir()
	scripts, err := filepath.Glob(filepath.Join(scriptDir, "*.sh"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts in %s (%v)", scriptDir, err)
	}
	for _, s := range scripts {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, ".github", "scripts", filepath.Base(s)), string(b), 0o755)
	}
	write(t, filepath.Join(dir, "cdk.out", "manifest.json"), manifest, 0o644)
	write(t, filepath.Join(dir, "node_modules", ".bin", "cdk"), fakeCDK, 0o755)
	bin := filepath.Join(dir, "fakebin")
	write(t, filepath.Join(bin, "aws"), fakeAWS, 0o755)
	write(t, filepath.Join(bin, "make"), fakeMake, 0o755)
	deployed := filepath.Join(dir, "fake-deployed")
	write(t, filepath.Join(deployed, "app-dev"), `{"Resources": {}}`, 0o644)
	env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "FAKE_DEPLOYED="+deployed, "RUNNER_TEMP="+t.TempDir(),
		"GITHUB_STEP_SUMMARY="+filepath.Join(dir, "summary.md"), "COMMENT_FILE="+filepath.Join(dir, "comment.md"))
	return dir, env
}

func write(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// script runs a script of the fake checkout and returns its exit code and
// combined output.
func script(t *testing.T, dir string, env []string, name string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(dir, ".github", "scripts", name), args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return 0, string(out)
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStackRegion(t *testing.T) {
	dir, env := fakeRepo(t, manifestOneRegion)
	if code, out := script(t, dir, env, "stack-region.sh", "cdk.out"); code != 0 || out != "eu-west-1\n" {
		t.Errorf("one region: exit %d, output %q; want eu-west-1", code, out)
	}
	dir, env = fakeRepo(t, manifestTwoRegions)
	if code, out := script(t, dir, env, "stack-region.sh", "cdk.out"); code != 1 || !strings.Contains(out, "expected the stacks of one environment in one region, found: eu-west-1") {
		t.Errorf("two regions: exit %d, output %q; want exit 1 naming the regions", code, out)
	}
}

func TestFetchDeployed(t *testing.T) {
	dir, env := fakeRepo(t, manifestOneRegion)
	code, out := script(t, dir, env, "fetch-deployed.sh", "deployed/dev")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if got := read(t, filepath.Join(dir, "deployed", "dev", "app-dev.template.json")); got != `{"Resources": {}}` {
		t.Errorf("app-dev: deployed template %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "deployed", "dev", "app-dev-payments.template.json")); !os.IsNotExist(err) {
		t.Errorf("app-dev-payments is not deployed, yet it has a template file (%v)", err)
	}
	if !strings.Contains(out, "app-dev-payments: not deployed yet (a new stack)") {
		t.Errorf("output lacks the new stack:\n%s", out)
	}

	code, out = script(t, dir, append(env, "FAKE_DENIED=app-dev-payments"), "fetch-deployed.sh", "deployed/dev")
	if code != 1 || !strings.Contains(out, "::error::app-dev-payments: aws cloudformation get-template failed: An error occurred (AccessDenied)") {
		t.Errorf("access denied: exit %d, output:\n%s\nwant exit 1 and an error naming the stack", code, out)
	}
}

func TestPullRequestDiff(t *testing.T) {
	cases := []struct {
		name    string
		env     []string
		code    int
		comment []string
	}{
		{"the check passes", nil, 0, []string{"### dev\n", "Stateful-change check against the deployed stacks: passed.", "<details><summary>cdk diff</summary>", "[~] AWS::Logs::LogGroup LogGroupOrders"}},
		{"the check fails", []string{"FAKE_UNSAFE=1"}, 1, []string{"**Stateful-change check against the deployed stacks: failed.**", "app-dev: LogGroupOrders (AWS::Logs::LogGroup): is no longer in the stack"}},
		{"the templates cannot be fetched", []string{"FAKE_DENIED=app-dev"}, 2, []string{"**Could not compare with the deployed stacks:**", "AccessDenied"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, env := fakeRepo(t, manifestOneRegion)
			code, out := script(t, dir, append(append(env, c.env...), "FAKE_CDK_ARGS="+filepath.Join(dir, "cdk-args")), "pr-diff.sh", "dev")
			if code != c.code {
				t.Fatalf("exit %d, want %d:\n%s", code, c.code, out)
			}
			if c.code != 2 {
				// The diff role creates no change set: cdk diff compares templates.
				if args := read(t, filepath.Join(dir, "cdk-args")); args != "diff --app cdk.out --method=template --no-color\n" {
					t.Errorf("cdk %q, want diff --app cdk.out --method=template --no-color", args)
				}
			}
			comment := read(t, filepath.Join(dir, "comment.md"))
			for _, w := range c.comment {
				if !strings.Contains(comment, w) {
					t.Errorf("the comment lacks %q:\n%s", w, comment)
				}
			}
			if summary := read(t, filepath.Join(dir, "summary.md")); !strings.Contains(summary, "## cdk diff: dev") {
				t.Errorf("the job summary lacks the diff:\n%s", summary)
			}
		})
	}
}

// The comment of a diff job starts with its environments, the commit and
// a link to the run.
func TestPullRequestCommentStart(t *testing.T) {
	dir, env := fakeRepo(t, manifestOneRegion)
	if code, out := script(t, dir, env, "pr-comment-start.sh", "dev, staging", "abc123", "https://github.com/o/r/actions/runs/42"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	want := "## cdk diff against the deployed stacks: dev, staging\n\nCommit abc123; run [42](https://github.com/o/r/actions/runs/42).\n\n"
	if got := read(t, filepath.Join(dir, "comment.md")); got != want {
		t.Errorf("comment %q, want %q", got, want)
	}
	if code, out := script(t, dir, env, "pr-comment-start.sh", "dev"); code == 0 || !strings.Contains(out, "usage: pr-comment-start.sh ENVIRONMENTS SHA RUN_URL") {
		t.Errorf("without arguments: exit %d, %s", code, out)
	}
}
