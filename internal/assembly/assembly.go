// Package assembly reads the stacks of a synthesized cloud assembly
// (cdk.out) or of a directory of templates (test/golden), for the tools
// that compare and drill them (cmd/stackdiff, cmd/drill).
package assembly

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// TemplateSuffix ends every template file in cdk.out and test/golden.
const TemplateSuffix = ".template.json"

// Stack is one synthesized stack.
type Stack struct {
	Name    string // the CloudFormation stack name
	Region  string // from the assembly's manifest; empty when unknown
	Account string // from the assembly's manifest; empty when unknown
	File    string
	Body    []byte
}

// manifest is the part of cdk.out/manifest.json that names the stacks.
type manifest struct {
	Artifacts map[string]struct {
		Type        string `json:"type"`
		Environment string `json:"environment"` // aws://ACCOUNT/REGION
		Properties  struct {
			TemplateFile string `json:"templateFile"`
			StackName    string `json:"stackName"`
		} `json:"properties"`
	} `json:"artifacts"`
}

// Read reads the stacks of dir, sorted by name: from its manifest.json
// when there is one (stack names and regions), otherwise every
// <stack>.template.json, named by its file. Files are read through
// safefile's guards: a manifest or template that is not a regular file, or
// is over safefile.MaxManifestBytes or MaxTemplateBytes, is an error
// naming it.
func Read(dir string) ([]Stack, error) {
	raw, err := safefile.ReadFile(filepath.Join(dir, "manifest.json"), safefile.Manifest)
	if errors.Is(err, fs.ErrNotExist) {
		return readTemplateDir(dir)
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: not a cloud assembly manifest: %w", filepath.Join(dir, "manifest.json"), err)
	}
	var stacks []Stack
	for id, a := range m.Artifacts {
		if a.Type != "aws:cloudformation:stack" {
			continue
		}
		file := filepath.Join(dir, a.Properties.TemplateFile)
		body, err := safefile.ReadFile(file, safefile.Template)
		if err != nil {
			return nil, fmt.Errorf("stack %s: %w", id, err)
		}
		name := a.Properties.StackName
		if name == "" {
			name = id
		}
		stacks = append(stacks, Stack{Name: name, Region: regionOf(a.Environment), Account: accountOf(a.Environment), File: file, Body: body})
	}
	if len(stacks) == 0 {
		return nil, fmt.Errorf("%s: the manifest lists no stack; expected a synthesized cdk.out (make synth)", dir)
	}
	sort.Slice(stacks, func(i, j int) bool { return stacks[i].Name < stacks[j].Name })
	return stacks, nil
}

// readTemplateDir reads every <stack>.template.json in dir.
func readTemplateDir(dir string) ([]Stack, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*"+TemplateSuffix))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		if _, statErr := os.Stat(dir); statErr != nil {
			return nil, fmt.Errorf("%s: %w; run make synth first", dir, statErr)
		}
		return nil, fmt.Errorf("%s: no *%s; expected synthesized templates (make synth)", dir, TemplateSuffix)
	}
	stacks := make([]Stack, 0, len(files))
	for _, f := range files {
		body, err := safefile.ReadFile(f, safefile.Template)
		if err != nil {
			return nil, err
		}
		stacks = append(stacks, Stack{Name: strings.TrimSuffix(filepath.Base(f), TemplateSuffix), File: f, Body: body})
	}
	return stacks, nil
}

// regionOf takes the region of an aws://ACCOUNT/REGION environment; empty
// for an environment-agnostic stack (unknown-region).
func regionOf(env string) string {
	parts := strings.Split(strings.TrimPrefix(env, "aws://"), "/")
	if len(parts) != 2 || strings.HasPrefix(parts[1], "unknown-") {
		return ""
	}
	return parts[1]
}

// accountOf takes the account of an aws://ACCOUNT/REGION environment;
// empty for an environment-agnostic stack (unknown-account).
func accountOf(env string) string {
	parts := strings.Split(strings.TrimPrefix(env, "aws://"), "/")
	if len(parts) != 2 || strings.HasPrefix(parts[0], "unknown-") {
		return ""
	}
	return parts[0]
}

// InEnvironment reports whether a stack named <app>-<env> or
// <app>-<env>-<name> belongs to env.
func InEnvironment(stack, env string) bool {
	return strings.HasSuffix(stack, "-"+env) || strings.Contains(stack, "-"+env+"-")
}
