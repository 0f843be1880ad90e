package ci

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// dependabotConfig is the part of .github/dependabot.yml checked here.
type dependabotConfig struct {
	Version int `yaml:"version"`
	Updates []struct {
		Ecosystem string `yaml:"package-ecosystem"`
		Directory string `yaml:"directory"`
		Groups    map[string]struct {
			Patterns []string `yaml:"patterns"`
		} `yaml:"groups"`
		Ignore []struct {
			Name     string   `yaml:"dependency-name"`
			Versions []string `yaml:"versions"`
		} `yaml:"ignore"`
	} `yaml:"updates"`
}

// Dependabot updates the Go modules, the pinned CDK CLI and the actions;
// aws-cdk-go, constructs and jsii-runtime-go land in one pull request, and
// the CLI is kept below 3.0, which cannot read this library's assembly.
func TestDependabotCoversEveryDependency(t *testing.T) {
	b, err := os.ReadFile("../../.github/dependabot.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c dependabotConfig
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.Version != 2 {
		t.Errorf("version %d, want 2", c.Version)
	}
	seen := map[string]bool{}
	for _, u := range c.Updates {
		seen[u.Ecosystem+" "+u.Directory] = true
		if u.Ecosystem == "gomod" {
			for _, mod := range []string{"github.com/aws/aws-cdk-go/awscdk/v2", "github.com/aws/constructs-go/constructs/v10", "github.com/aws/jsii-runtime-go"} {
				if g := groupOf(u.Groups, mod); g != "aws-cdk" {
					t.Errorf("%s is in group %q, want aws-cdk with the other CDK modules", mod, g)
				}
			}
		}
		if u.Ecosystem == "npm" && u.Directory == "/" {
			held := false
			for _, ig := range u.Ignore {
				held = held || ig.Name == "aws-cdk" && strings.Join(ig.Versions, ",") == ">=3.0.0"
			}
			if !held {
				t.Error("the CDK CLI is not held below 3.0.0")
			}
		}
	}
	for _, want := range []string{"gomod /", "npm /", "github-actions /"} {
		if !seen[want] {
			t.Errorf("no update for %s", want)
		}
	}
}

func groupOf(groups map[string]struct {
	Patterns []string `yaml:"patterns"`
}, module string) string {
	for name, g := range groups {
		for _, p := range g.Patterns {
			// Dependabot's "*" matches any characters, "/" included.
			re := "^" + strings.ReplaceAll(regexp.QuoteMeta(p), `\*`, ".*") + "$"
			if regexp.MustCompile(re).MatchString(module) {
				return name
			}
		}
	}
	return ""
}
