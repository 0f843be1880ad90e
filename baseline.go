package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// checkBaseline compares each planned stack with its deployed template in
// dir (<stack>.template.json, from `aws cloudformation get-template` or an
// earlier cdk.out), so that a change a deploy would refuse, or that would
// replace or drop a log group, topic or key, fails the synth instead.
// Stacks without a template in dir are new and pass.
func checkBaseline(dir string, plans []appconfig.StackPlan) error {
	var problems []string
	for _, plan := range plans {
		file := filepath.Join(dir, plan.StackName+".template.json")
		deployed, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		bundle, err := plan.Bundle()
		if err != nil {
			return err
		}
		changes, err := cfn.UnsafeChanges(deployed, bundle.Resources())
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		for _, c := range changes {
			problems = append(problems, fmt.Sprintf("%s: %s", plan.StackName, c))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("unsafe changes to stateful resources, compared with the templates in %s:\n%s", dir, strings.Join(problems, "\n"))
	}
	return nil
}
