package iam

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Policy is a policy document with the name the simulation reports.
type Policy struct {
	Name     string `json:"name"`
	Document any    `json:"policy"`
}

// Role is an IAM role the simulation knows: its trust policy, its
// identity policies (inline ones, and the ARNs of managed ones until
// World.link) and its permissions boundary's ARN.
type Role struct {
	Arn, Name, Account string
	Trust              any
	Policies           []Policy
	managed            []string
	boundary           string
	Boundary           *Policy
}

// World is what the simulated accounts hold: roles, managed policies,
// OIDC providers and the resource policies of buckets.
type World struct {
	Partition string
	Roles     map[string]*Role // by ARN
	Managed   map[string]Policy
	Providers map[string]bool
	// Buckets maps a bucket's ARN to its policy.
	Buckets map[string]any
	// Keys maps a KMS key's ARN to the key.
	Keys map[string]Key
	// Topics maps an SNS topic's ARN to the topic and its policy.
	Topics map[string]*Topic
	// Alarms are the CloudWatch alarms of the templates, in the order added.
	Alarms []Alarm
}

// Key is a KMS key of a stack, with its key policy.
type Key struct {
	Stack  string
	Policy any
}

func newWorld(partition string) *World {
	return &World{Partition: partition, Roles: map[string]*Role{}, Managed: map[string]Policy{}, Providers: map[string]bool{}, Buckets: map[string]any{}, Keys: map[string]Key{},
		Topics: map[string]*Topic{}}
}

// addManaged adds AWS managed policies: a JSON object of ARN to document.
func (w *World) addManaged(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("AWS managed policies: %w", err)
	}
	for arn, doc := range m {
		w.Managed[arn] = Policy{Name: arn[strings.LastIndex(arn, "/")+1:], Document: doc}
	}
	return nil
}

// addTemplate adds the IAM resources of a template deployed as stack in
// account and region: roles, managed and inline policies, OIDC providers,
// bucket and key policies; only those of the types in only, when given.
// params are its parameter values. Generated names are
// <stack>-<logical ID>, as CloudFormation's without the suffix.
func (w *World) addTemplate(tmpl template, stack, account, region string, params map[string]string, only ...string) error {
	r, err := newResolver(tmpl, account, region, w.Partition, params)
	if err != nil {
		return fmt.Errorf("%s: %w", stack, err)
	}
	r.stack = stack
	ids := make([]string, 0, len(tmpl.Resources))
	for id := range tmpl.Resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// Names first: they depend on parameters only.
	for _, id := range ids {
		if err := w.name(r, stack, id); err != nil {
			return fmt.Errorf("%s: %s: %w", stack, id, err)
		}
	}
	for _, id := range ids {
		if !r.exists(id) || (len(only) > 0 && !slices.Contains(only, tmpl.Resources[id].Type)) {
			continue
		}
		if err := w.add(r, id, account); err != nil {
			return fmt.Errorf("%s: %s: %w", stack, id, err)
		}
	}
	return nil
}

// name gives a resource its Ref and attributes.
func (w *World) name(r *resolver, stack, id string) error {
	res := r.tmpl.Resources[id]
	account := r.pseudo["AWS::AccountId"]
	named := func(prop string) (string, error) {
		if v, ok := res.Properties[prop]; ok {
			s, err := r.resolve(v)
			return fmt.Sprint(s), err
		}
		return stack + "-" + id, nil
	}
	iamArn := func(kind, name string) string {
		return "arn:" + w.Partition + ":iam::" + account + ":" + kind + "/" + name
	}
	switch res.Type {
	case "AWS::IAM::Role":
		n, err := named("RoleName")
		r.refs[id], r.attrs[id] = n, map[string]string{"Arn": iamArn("role", n)}
		return err
	case "AWS::IAM::ManagedPolicy":
		n, err := named("ManagedPolicyName")
		r.refs[id], r.attrs[id] = iamArn("policy", n), map[string]string{"PolicyArn": iamArn("policy", n)}
		return err
	case "AWS::IAM::OIDCProvider":
		u, err := r.resolve(res.Properties["Url"])
		arn := iamArn("oidc-provider", strings.TrimPrefix(fmt.Sprint(u), "https://"))
		r.refs[id], r.attrs[id] = arn, map[string]string{"Arn": arn}
		return err
	case "AWS::S3::Bucket":
		n, err := named("BucketName")
		r.refs[id], r.attrs[id] = n, map[string]string{"Arn": "arn:" + w.Partition + ":s3:::" + n}
		return err
	case "AWS::SSM::Parameter":
		n, err := named("Name")
		r.refs[id] = n
		return err
	case "AWS::KMS::Key":
		n := stack + "-" + id
		r.refs[id], r.attrs[id] = n, map[string]string{"Arn": "arn:" + w.Partition + ":kms:" + r.pseudo["AWS::Region"] + ":" + account + ":key/" + n}
	case "AWS::SNS::Topic":
		// Ref is the topic's ARN.
		n, err := named("TopicName")
		arn := "arn:" + w.Partition + ":sns:" + r.pseudo["AWS::Region"] + ":" + account + ":" + n
		r.refs[id], r.attrs[id] = arn, map[string]string{"TopicArn": arn, "TopicName": n}
		return err
	case "AWS::ECR::Repository":
		n := strings.ToLower(stack + "-" + id)
		r.refs[id], r.attrs[id] = n, map[string]string{"Arn": "arn:" + w.Partition + ":ecr:" + r.pseudo["AWS::Region"] + ":" + account + ":repository/" + n}
	default:
		r.refs[id] = stack + "-" + id
	}
	return nil
}

// add records a resource the simulation evaluates.
func (w *World) add(r *resolver, id, account string) error {
	res := r.tmpl.Resources[id]
	prop := func(name string) (any, error) {
		v, err := r.resolve(res.Properties[name])
		if _, none := v.(noValue); none {
			return nil, err
		}
		return v, err
	}
	switch res.Type {
	case "AWS::IAM::Role":
		role := &Role{Arn: r.attrs[id]["Arn"], Name: r.refs[id], Account: account}
		var err error
		if role.Trust, err = prop("AssumeRolePolicyDocument"); err != nil {
			return err
		}
		inline, err := prop("Policies")
		if err != nil {
			return err
		}
		for _, p := range asList(inline) {
			m := p.(map[string]any)
			role.Policies = append(role.Policies, Policy{Name: fmt.Sprint(m["PolicyName"]), Document: m["PolicyDocument"]})
		}
		managed, err := prop("ManagedPolicyArns")
		if err != nil {
			return err
		}
		for _, arn := range asList(managed) {
			role.managed = append(role.managed, fmt.Sprint(arn))
		}
		if b, err := prop("PermissionsBoundary"); err != nil {
			return err
		} else if b != nil {
			role.boundary = fmt.Sprint(b)
		}
		w.Roles[role.Arn] = role
	case "AWS::IAM::ManagedPolicy":
		doc, err := prop("PolicyDocument")
		if err != nil {
			return err
		}
		arn := r.refs[id]
		w.Managed[arn] = Policy{Name: arn[strings.LastIndex(arn, "/")+1:], Document: doc}
	case "AWS::IAM::Policy":
		doc, err := prop("PolicyDocument")
		if err != nil {
			return err
		}
		roles, err := prop("Roles")
		if err != nil {
			return err
		}
		name, err := prop("PolicyName")
		if err != nil {
			return err
		}
		for _, n := range asList(roles) {
			arn := "arn:" + w.Partition + ":iam::" + account + ":role/" + fmt.Sprint(n)
			if role, ok := w.Roles[arn]; ok {
				role.Policies = append(role.Policies, Policy{Name: fmt.Sprint(name), Document: doc})
			} else {
				return fmt.Errorf("policy for role %s, which is not in the template", n)
			}
		}
	case "AWS::IAM::OIDCProvider":
		w.Providers[r.refs[id]] = true
	case "AWS::KMS::Key":
		doc, err := prop("KeyPolicy")
		if err != nil {
			return err
		}
		w.Keys[r.attrs[id]["Arn"]] = Key{Stack: r.stack, Policy: doc}
	case "AWS::SNS::Topic":
		key, err := prop("KmsMasterKeyId")
		if err != nil {
			return err
		}
		t := w.topic(r.refs[id])
		t.Stack, t.Account, t.Region = r.stack, account, r.pseudo["AWS::Region"]
		if key != nil {
			t.KeyID = fmt.Sprint(key)
		}
	case "AWS::SNS::TopicPolicy":
		topics, err := prop("Topics")
		if err != nil {
			return err
		}
		doc, err := prop("PolicyDocument")
		if err != nil {
			return err
		}
		for _, arn := range asList(topics) {
			t := w.topic(fmt.Sprint(arn))
			if t.Policy != nil {
				return fmt.Errorf("a second policy for the topic %s: SNS keeps one, the last deployed", arn)
			}
			t.Policy = doc
		}
	case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm":
		a, err := w.alarm(r, id, prop)
		if err != nil {
			return err
		}
		w.Alarms = append(w.Alarms, a)
	case "AWS::S3::BucketPolicy":
		bucket, err := prop("Bucket")
		if err != nil {
			return err
		}
		doc, err := prop("PolicyDocument")
		if err != nil {
			return err
		}
		w.Buckets["arn:"+w.Partition+":s3:::"+fmt.Sprint(bucket)] = doc
	}
	return nil
}

// link attaches managed policies and boundaries to the roles: a policy
// that no template and no AWS managed policy file holds is an error.
func (w *World) link() error {
	for _, role := range w.Roles {
		for _, arn := range role.managed {
			p, ok := w.Managed[arn]
			if !ok {
				return fmt.Errorf("role %s: managed policy %s is in no template nor in the AWS managed policies", role.Name, arn)
			}
			role.Policies = append(role.Policies, p)
		}
		role.managed = nil
		if role.boundary != "" {
			p, ok := w.Managed[role.boundary]
			if !ok {
				return fmt.Errorf("role %s: permissions boundary %s is in no template", role.Name, role.boundary)
			}
			role.Boundary = &p
		}
	}
	return nil
}

// key is a KMS key of the stacks, the first by ARN, and its key policy.
func (w *World) key(stacks []string) (string, any) {
	var arns []string
	for arn, k := range w.Keys {
		if slices.Contains(stacks, k.Stack) {
			arns = append(arns, arn)
		}
	}
	if len(arns) == 0 {
		return "", nil
	}
	sort.Strings(arns)
	return arns[0], w.Keys[arns[0]].Policy
}

// bucketPolicy is the policy of the bucket resource is in, or nil.
func (w *World) bucketPolicy(resource string) any {
	for arn, doc := range w.Buckets {
		if resource == arn || strings.HasPrefix(resource, arn+"/") {
			return doc
		}
	}
	return nil
}

func asList(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}
