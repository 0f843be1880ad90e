package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// checkOutput reads the synthesized templates of the named stacks and
// fails on one CloudFormation would refuse for its size, and, with
// `-c baseline=DIR`, on changes against the deployed templates in DIR that
// would lose data or fail the deploy.
func checkOutput(app awscdk.App, stacks []string) error {
	dir := outdir(app)
	proposed := map[string][]byte{}
	var errs []error
	for _, stack := range stacks {
		body, err := os.ReadFile(filepath.Join(dir, stack+".template.json"))
		if err != nil {
			return err
		}
		if err := cfn.CheckTemplateSize(stack, body); err != nil {
			errs = append(errs, err)
		}
		proposed[stack] = body
	}
	if err := errorList(errs); err != nil {
		return err
	}
	if baseline := contextString(app, contextBaseline); baseline != "" {
		return checkBaseline(baseline, proposed)
	}
	return nil
}

// checkBaseline compares the synthesized templates with the deployed ones
// in dir (<stack>.template.json, from `aws cloudformation get-template` or
// an earlier cdk.out): a log group, key or topic replaced or dropped, a
// replacement CloudFormation would refuse, a custom-named resource under a
// new logical ID, or a resource moved between stacks fails the synth.
// Stacks without a template in dir are new and pass.
func checkBaseline(dir string, proposed map[string][]byte) error {
	deployed := map[string][]byte{}
	for stack := range proposed {
		file := filepath.Join(dir, stack+".template.json")
		body, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		deployed[stack] = body
	}
	problems := cfn.CheckStacks(deployed, proposed, nil)
	if len(problems) == 0 {
		return nil
	}
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String()
	}
	return fmt.Errorf("unsafe changes, compared with the deployed templates in %s:\n%s", dir, strings.Join(lines, "\n"))
}
