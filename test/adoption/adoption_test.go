// Package adoption tests that a team's own config is what gets tested,
// following the README's quickstart: a copy of config/ with the
// quickstart's service, a saved query and an environment added passes
// every synthesized-template test once its goldens are accepted, and
// nothing but the goldens changes.
package adoption

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// root is the repository, from this package's directory.
var root = filepath.Join("..", "..")

// quickstartService is the service the README's quickstart adds: the
// YAML block between its quickstart:service markers, unindented from the
// numbered list to the list of services.
func quickstartService(t *testing.T) string {
	t.Helper()
	readme := read(t, filepath.Join(root, "README.md"))
	_, after, ok := strings.Cut(readme, "<!-- quickstart:service -->")
	block, _, ok2 := strings.Cut(after, "<!-- /quickstart:service -->")
	_, body, ok3 := strings.Cut(block, "```yaml\n")
	body, _, ok4 := strings.Cut(body, "```")
	if !ok || !ok2 || !ok3 || !ok4 {
		t.Fatal("README.md has no quickstart:service YAML block")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(body, " \n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "   "))
	}
	return "\n" + strings.Join(lines, "\n") + "\n"
}

const newQuery = `
  - file: payments-failures
    logGroups: [payments]
`

func TestATeamAddsAServiceAQueryAndAnEnvironment(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes twice (Node.js)")
	}
	dir := t.TempDir()
	cfg, golden := filepath.Join(dir, "config"), filepath.Join(dir, "golden")
	copyTree(t, filepath.Join(root, "config"), cfg)
	copyTree(t, filepath.Join(root, "queries"), filepath.Join(cfg, "queries"))
	copyTree(t, filepath.Join(root, "test", "golden"), golden)
	services := read(t, filepath.Join(cfg, "services.yaml"))
	i := strings.Index(services, "\nqueries:\n")
	if i < 0 {
		t.Fatal("services.yaml has no queries section to add to")
	}
	services = services[:i] + quickstartService(t) + services[i:i+len("\nqueries:\n")] + strings.TrimPrefix(newQuery, "\n") + services[i+len("\nqueries:\n"):]
	write(t, filepath.Join(cfg, "services.yaml"), services)
	write(t, filepath.Join(cfg, "queries", "payments-failures.insights"), "filter event = \"charge\" and outcome = \"failed\"\n| stats count(*) as failures by bin(5m)\n")
	write(t, filepath.Join(cfg, "environments", "qa.yaml"), "account: \"444444444444\"\nregion: eu-central-1\nretentionDays: 14\nalarmActions: false\nremovalPolicy: destroy\n")
	before := snapshot(t, dir)

	env := append(os.Environ(), "EVENTWATCH_TEST_CONFIG="+cfg, "EVENTWATCH_TEST_GOLDEN="+golden)
	goTest := func(args ...string) string {
		cmd := exec.Command("go", append([]string{"test", "-count=1", "./test/"}, args...)...)
		cmd.Dir, cmd.Env = root, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go test ./test/ %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goTest("-run", "TestGoldenTemplates", "-update")
	changed := changedFiles(t, dir, before)
	for _, f := range changed {
		if !strings.HasPrefix(f, "golden/") {
			t.Errorf("-update changed %s; only golden templates may change", f)
		}
	}
	for _, want := range []string{"golden/eventwatch-qa.template.json", "golden/eventwatch-prod.template.json"} {
		if !slices.Contains(changed, want) {
			t.Errorf("-update did not write %s; changed: %v", want, changed)
		}
	}
	goTest()
	if out := run(t, "go", "run", "./cmd/logq", "test", cfg); !strings.Contains(out, " 0 failed") {
		t.Errorf("logq test on the team's config:\n%s", out)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot maps every file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = read(t, p)
		}
		return nil
	})
	return out
}

func changedFiles(t *testing.T, dir string, before map[string]string) []string {
	t.Helper()
	var out []string
	for f, content := range snapshot(t, dir) {
		if before[f] != content {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = root
	out, _ := cmd.CombinedOutput()
	return string(out)
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
