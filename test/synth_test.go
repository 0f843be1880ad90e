package test

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/kernelhost"
	"github.com/eventwatch/eventwatch/queries"
	"github.com/eventwatch/eventwatch/stacks"
)

// cdkContext is the context of cdk.json: the feature flags.
var cdkContext map[string]any

var update = flag.Bool("update", false, "rewrite the golden templates in test/golden")

// The config and golden templates tested: the repository's, unless
// EVENTWATCH_TEST_CONFIG names another config directory and
// EVENTWATCH_TEST_GOLDEN another golden directory (the adoption test runs
// this package so on a team's copy).
var (
	testConfigFS   fs.FS = config.FS
	testConfigName       = "config"
	goldenDir            = "golden"
)

func init() {
	if dir := os.Getenv("EVENTWATCH_TEST_CONFIG"); dir != "" {
		testConfigFS, testConfigName = os.DirFS(dir), dir
	}
	if dir := os.Getenv("EVENTWATCH_TEST_GOLDEN"); dir != "" {
		goldenDir = dir
	}
}

// synthesized is the one synthesis every test here reads.
var synthesized struct {
	dir    string
	stacks []string // stack names, sorted
	// deployStacks are the deploy-role stacks, one per account, sorted.
	deployStacks []string
	// config is the example config the stacks are built from.
	config    *appconfig.Config
	templates map[string]template
	// planned is each stack's resource count as the config's plan predicts it.
	planned map[string]int
	// metadata holds each stack's construct metadata (<stack>.metadata.json):
	// cdk-nag's findings are annotations there.
	metadata map[string]stackMetadata
	// compliance is, per stack, the compliance profiles its environment
	// names and the cdk-nag packs run on it for them.
	compliance map[string][]string
}

type template struct {
	Resources map[string]struct {
		Type           string         `json:"Type"`
		Properties     map[string]any `json:"Properties"`
		DeletionPolicy string         `json:"DeletionPolicy"`
	} `json:"Resources"`
}

// stackMetadata maps construct paths to their metadata entries.
type stackMetadata map[string][]struct {
	Type string `json:"type"`
	Data any    `json:"data"`
}

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		fmt.Println("skipping the synthesized-template tests in -short mode (they start Node.js)")
		os.Exit(0)
	}
	kernelhost.Direct()
	code := func() int {
		defer jsii.Close()
		dir, err := os.MkdirTemp("", "eventwatch-test-*")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		if err := synthesize(dir); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

// synthesize builds every environment of the example config as app.go does,
// with cdk-nag's AwsSolutionsChecks on every stack, into dir.
func synthesize(dir string) error {
	cfg, err := appconfig.Load(testConfigFS, testConfigName, queries.FS)
	if err != nil {
		return err
	}
	// The feature flags of cdk.json, so that the templates are the ones `cdk synth` writes.
	var cdkJSON struct {
		Context map[string]any `json:"context"`
	}
	if err := readJSON(filepath.Join("..", "cdk.json"), &cdkJSON); err != nil {
		return err
	}
	cdkContext = cdkJSON.Context
	synthesized.planned = map[string]int{}
	synthesized.compliance = map[string][]string{}
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(dir), Context: &cdkContext})
	for _, env := range cfg.EnvironmentNames() {
		built, err := stacks.NewEnvironment(app, cfg, env)
		if err != nil {
			return err
		}
		plans, err := cfg.Plan(env)
		if err != nil {
			return err
		}
		for _, p := range plans {
			synthesized.planned[p.StackName] = p.ResourceCount()
		}
		e, _ := cfg.Environment(env)
		for _, s := range built {
			synthesized.stacks = append(synthesized.stacks, *s.StackName())
			synthesized.compliance[*s.StackName()] = e.Compliance
			addCompliancePacks(s.Stack, e.Compliance)
		}
	}
	sort.Strings(synthesized.stacks)
	for _, plan := range cfg.DeployStacks() {
		s, err := stacks.NewDeployRoleStack(app, &stacks.DeployRoleStackProps{Plan: plan})
		if err != nil {
			return err
		}
		synthesized.deployStacks = append(synthesized.deployStacks, *s.StackName())
		// The account's roles serve its environments: the stack is held
		// to every profile one of them names.
		var profiles []string
		for _, name := range plan.Environments {
			e, _ := cfg.Environment(name)
			for _, p := range e.Compliance {
				if !slices.Contains(profiles, p) {
					profiles = append(profiles, p)
				}
			}
		}
		synthesized.compliance[*s.StackName()] = profiles
		addCompliancePacks(s.Stack, profiles)
	}
	synthesized.config = cfg
	nag := &cdknag.NagPackProps{Reports: jsii.Bool(false), Verbose: jsii.Bool(true), LogIgnores: jsii.Bool(true)}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(nag), nil)
	// The Serverless pack, for its rule that SNS subscriptions have a
	// dead-letter queue (TestEverySubscriptionHasADeadLetterQueue).
	awscdk.Aspects_Of(app).Add(cdknag.NewServerlessChecks(nag), nil)
	app.Synth(nil)

	synthesized.dir = dir
	synthesized.templates = map[string]template{}
	synthesized.metadata = map[string]stackMetadata{}
	for _, s := range allStacks() {
		var t template
		if err := readJSON(filepath.Join(dir, s+".template.json"), &t); err != nil {
			return err
		}
		synthesized.templates[s] = t
		var md stackMetadata
		if err := readJSON(filepath.Join(dir, s+".metadata.json"), &md); err != nil {
			return err
		}
		synthesized.metadata[s] = md
	}
	return nil
}

// allStacks are the environments' stacks, then the deploy-role stacks.
func allStacks() []string {
	return append(append([]string(nil), synthesized.stacks...), synthesized.deployStacks...)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// templateFiles are the synthesized templates of every stack, by name, as
// the IAM evaluation reads them.
func templateFiles(t *testing.T) map[string][]byte {
	t.Helper()
	templates := map[string][]byte{}
	for _, s := range allStacks() {
		b, err := os.ReadFile(filepath.Join(synthesized.dir, s+".template.json"))
		if err != nil {
			t.Fatal(err)
		}
		templates[s] = b
	}
	return templates
}
