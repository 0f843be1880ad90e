package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// templateSuffix ends every template file in cdk.out and test/golden.
const templateSuffix = ".template.json"

// stackTemplate is one synthesized stack.
type stackTemplate struct {
	Name   string // the CloudFormation stack name
	Region string // from the assembly's manifest; empty when unknown
	File   string
	Body   []byte
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

// readAssembly reads the stacks of a cloud assembly directory: from its
// manifest.json when there is one (stack names and regions), otherwise
// every *.template.json, named by its file.
func readAssembly(dir string) ([]stackTemplate, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
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
	var stacks []stackTemplate
	for id, a := range m.Artifacts {
		if a.Type != "aws:cloudformation:stack" {
			continue
		}
		file := filepath.Join(dir, a.Properties.TemplateFile)
		body, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("stack %s: %w", id, err)
		}
		name := a.Properties.StackName
		if name == "" {
			name = id
		}
		stacks = append(stacks, stackTemplate{Name: name, Region: regionOf(a.Environment), File: file, Body: body})
	}
	if len(stacks) == 0 {
		return nil, fmt.Errorf("%s: the manifest lists no stack; expected a synthesized cdk.out (make synth)", dir)
	}
	sort.Slice(stacks, func(i, j int) bool { return stacks[i].Name < stacks[j].Name })
	return stacks, nil
}

// readTemplateDir reads every <stack>.template.json in dir.
func readTemplateDir(dir string) ([]stackTemplate, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*"+templateSuffix))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no *%s; expected synthesized templates (make synth)", dir, templateSuffix)
	}
	stacks := make([]stackTemplate, 0, len(files))
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		stacks = append(stacks, stackTemplate{Name: strings.TrimSuffix(filepath.Base(f), templateSuffix), File: f, Body: body})
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

// inEnvironment reports whether a stack named <app>-<env> or
// <app>-<env>-<name> belongs to env.
func inEnvironment(stack, env string) bool {
	return strings.HasSuffix(stack, "-"+env) || strings.Contains(stack, "-"+env+"-")
}
