package drill

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

// templateSuffix ends every template file in cdk.out.
const templateSuffix = ".template.json"

// stackFile is one synthesized stack's template.
type stackFile struct {
	Name, Region, File string
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

// readStacks lists the stacks of a cloud assembly directory: from its
// manifest.json when there is one (with their regions), otherwise every
// <stack>.template.json, named by its file.
func readStacks(dir string) ([]stackFile, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if errors.Is(err, fs.ErrNotExist) {
		files, err := filepath.Glob(filepath.Join(dir, "*"+templateSuffix))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			if _, statErr := os.Stat(dir); statErr != nil {
				return nil, fmt.Errorf("%s: %w; run make synth ENV=<env> first", dir, statErr)
			}
			return nil, fmt.Errorf("%s: no *%s; expected synthesized templates (make synth ENV=<env>)", dir, templateSuffix)
		}
		stacks := make([]stackFile, 0, len(files))
		for _, f := range files {
			stacks = append(stacks, stackFile{Name: strings.TrimSuffix(filepath.Base(f), templateSuffix), File: f})
		}
		return stacks, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: not a cloud assembly manifest: %w", filepath.Join(dir, "manifest.json"), err)
	}
	var stacks []stackFile
	for id, a := range m.Artifacts {
		if a.Type != "aws:cloudformation:stack" {
			continue
		}
		name := a.Properties.StackName
		if name == "" {
			name = id
		}
		stacks = append(stacks, stackFile{Name: name, Region: regionOf(a.Environment), File: filepath.Join(dir, a.Properties.TemplateFile)})
	}
	sort.Slice(stacks, func(i, j int) bool { return stacks[i].Name < stacks[j].Name })
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
// <app>-<env>-<name> belongs to env (the rule of cmd/stackdiff).
func inEnvironment(stack, env string) bool {
	return strings.HasSuffix(stack, "-"+env) || strings.Contains(stack, "-"+env+"-")
}
