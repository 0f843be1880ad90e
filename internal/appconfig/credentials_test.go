package appconfig_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// urlPattern finds URLs in committed text files.
var urlPattern = regexp.MustCompile(`https?://[^\s'"<>)\]]+`)

// No committed config, scenario or example holds a credential in a URL:
// the patterns the synth refuses in a subscription are scanned for in
// every YAML file of the repository.
func TestNoCommittedCredential(t *testing.T) {
	root := filepath.Join("..", "..")
	scanned := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "cdk.out" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		scanned++
		for _, u := range urlPattern.FindAllString(string(b), -1) {
			if err := spec.CheckURLCredential(u); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned == 0 {
		t.Fatal("no YAML file scanned")
	}
}
