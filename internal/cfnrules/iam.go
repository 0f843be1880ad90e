package cfnrules

import (
	"encoding/json"
	"regexp"
	"strings"
)

// AWS::IAM::Role.
var roleRules = []rule{
	{ID: "iam-role-name", Source: srcRole, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "RoleName", 1, maxRoleNameLength, "IAM", "RoleName"); ok && !iamName.MatchString(name) {
			ps.add(r, "RoleName", "%s is not a role name; IAM allows letters, digits and + = , . @ _ -", echo(name))
		}
	}},
	{ID: "iam-role-path", Source: srcRole, Check: func(r *resource, ps *problems) {
		if path, ok := checkLength(r, ps, "Path", 1, maxRolePathLength, "IAM", "Path"); ok && !iamPath.MatchString(path) {
			ps.add(r, "Path", "%s is not a path; IAM takes / or /a/b/, printable ASCII between slashes", echo(path))
		}
	}},
	{ID: "iam-role-description", Source: srcRole, Check: func(r *resource, ps *problems) {
		if d, ok := checkLength(r, ps, "Description", 0, maxRoleDescription, "IAM", "Description"); ok {
			for _, c := range d {
				if !(c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c >= 0xA1 && c <= 0xFF) {
					ps.add(r, "Description", "%s contains %q; IAM allows printable ASCII and Latin-1 characters in a role description", echo(d), c)
					break
				}
			}
		}
	}},
	{ID: "iam-role-session", Source: srcRole, Check: func(r *resource, ps *problems) {
		checkRange(r, ps, "MaxSessionDuration", minSessionDuration, maxSessionDuration, true, "s", "IAM", "MaxSessionDuration")
	}},
	{ID: "iam-role-trust-policy", Source: srcIAMQuotas, Check: func(r *resource, ps *problems) {
		if !r.has("AssumeRolePolicyDocument") {
			ps.add(r, "AssumeRolePolicyDocument", "is missing; a role needs a trust policy saying who may assume it")
			return
		}
		checkPolicy(r, ps, "AssumeRolePolicyDocument", trustPolicy)
		if doc, ok := r.resolveDeep(r.Props["AssumeRolePolicyDocument"]); ok {
			if _, n := jsonSize(doc); n > maxTrustPolicyChars {
				ps.add(r, "AssumeRolePolicyDocument", "is %d characters without white space; IAM allows a trust policy of at most %d (2,048 unless the quota was raised)", n, maxTrustPolicyChars)
			}
		}
	}},
	{ID: "iam-role-policies", Source: srcIAMQuotas, Check: func(r *resource, ps *problems) {
		names := map[string]bool{}
		total, known := 0, true
		for i := range list(r.Props["Policies"]) {
			if name, ok := checkLength(r, ps, "PolicyName", 1, maxPolicyNameLength, "IAM", "Policies", i, "PolicyName"); ok {
				switch {
				case !iamName.MatchString(name):
					ps.add(r, prop("Policies", i, "PolicyName"), "%s is not a policy name; IAM allows letters, digits and + = , . @ _ -", echo(name))
				case names[name]:
					ps.add(r, prop("Policies", i, "PolicyName"), "%s names another of the role's inline policies; each name is unique in a role", echo(name))
				}
				names[name] = true
			}
			checkPolicyAt(r, ps, r.get("Policies", i, "PolicyDocument"), prop("Policies", i, "PolicyDocument"), identityPolicy)
			doc, ok := r.resolveDeep(r.get("Policies", i, "PolicyDocument"))
			_, n := jsonSize(doc)
			total, known = total+n, known && ok
		}
		// AWS::IAM::Policy resources of the stack attached to the role
		// are inline policies of the role too (PutRolePolicy).
		for _, id := range r.stack.ids {
			p := r.stack.res[id]
			if p.Type != "AWS::IAM::Policy" || !attachedTo(p, r.ID) {
				continue
			}
			doc, ok := p.resolveDeep(p.Props["PolicyDocument"])
			_, n := jsonSize(doc)
			total, known = total+n, known && ok
		}
		if known && total > maxRoleInlinePolicyChars {
			ps.add(r, "Policies", "the role's inline policies are %d characters without white space; IAM allows at most %d in all", total, maxRoleInlinePolicyChars)
		}
	}},
	{ID: "iam-role-managed-policies", Source: srcIAMQuotas, Check: func(r *resource, ps *problems) {
		if n := len(list(r.Props["ManagedPolicyArns"])); n > maxManagedPolicies {
			ps.add(r, "ManagedPolicyArns", "has %d managed policies; IAM attaches at most %d to a role (10 unless the quota was raised)", n, maxManagedPolicies)
		}
	}},
	tagsRule,
}

// AWS::IAM::Policy: an inline policy put on roles, users or groups.
var policyRules = []rule{
	{ID: "iam-policy-name", Source: srcPolicy, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "PolicyName", 1, maxPolicyNameLength, "IAM", "PolicyName"); ok && !iamName.MatchString(name) {
			ps.add(r, "PolicyName", "%s is not a policy name; IAM allows letters, digits and + = , . @ _ -", echo(name))
		}
	}},
	{ID: "iam-policy-document", Source: srcIAMGrammar, Check: func(r *resource, ps *problems) {
		if !r.has("PolicyDocument") {
			ps.add(r, "PolicyDocument", "is missing; a policy needs a document")
			return
		}
		checkPolicy(r, ps, "PolicyDocument", identityPolicy)
	}},
	{ID: "iam-policy-attachment", Source: srcPolicy, Check: func(r *resource, ps *problems) {
		for _, p := range []string{"Roles", "Users", "Groups"} {
			if len(list(r.Props[p])) > 0 {
				return
			}
		}
		ps.add(r, "Roles", "is empty, as are Users and Groups; CloudFormation requires at least one of them")
	}},
}

// AWS::IAM::ManagedPolicy: a customer-managed policy, attached to the
// roles that list it (or that it lists).
var managedPolicyRules = []rule{
	{ID: "iam-managed-policy-name", Source: srcManagedPolicy, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "ManagedPolicyName", 1, maxPolicyNameLength, "IAM", "ManagedPolicyName"); ok && !iamName.MatchString(name) {
			ps.add(r, "ManagedPolicyName", "%s is not a policy name; IAM allows letters, digits and + = , . @ _ -", echo(name))
		}
	}},
	{ID: "iam-managed-policy-description", Source: srcManagedPolicy, Check: func(r *resource, ps *problems) {
		checkLength(r, ps, "Description", 0, maxRoleDescription, "IAM", "Description")
	}},
	{ID: "iam-managed-policy-document", Source: srcIAMQuotas, Check: func(r *resource, ps *problems) {
		if !r.has("PolicyDocument") {
			ps.add(r, "PolicyDocument", "is missing; a policy needs a document")
			return
		}
		checkPolicy(r, ps, "PolicyDocument", identityPolicy)
		if doc, ok := r.resolveDeep(r.Props["PolicyDocument"]); ok {
			if _, n := jsonSize(doc); n > maxManagedPolicyChars {
				ps.add(r, "PolicyDocument", "is %d characters without white space; IAM allows a managed policy of at most %d", n, maxManagedPolicyChars)
			}
		}
	}},
}

// AWS::IAM::OIDCProvider.
var oidcProviderRules = []rule{
	{ID: "iam-oidc-url", Source: srcOIDCProvider, Check: func(r *resource, ps *problems) {
		if url, ok := checkLength(r, ps, "Url", 1, maxOIDCURLLength, "IAM", "Url"); ok && !strings.HasPrefix(url, "https://") {
			ps.add(r, "Url", "%s is not an https:// URL; IAM's OpenID Connect providers are", echo(url))
		}
	}},
	{ID: "iam-oidc-client-ids", Source: srcOIDCProvider, Check: func(r *resource, ps *problems) {
		ids := list(r.Props["ClientIdList"])
		if len(ids) > maxOIDCClientIDs {
			ps.add(r, "ClientIdList", "has %d client IDs; IAM allows at most %d", len(ids), maxOIDCClientIDs)
		}
		for i := range ids {
			checkLength(r, ps, "client ID", 1, maxOIDCClientIDLength, "IAM", "ClientIdList", i)
		}
	}},
	{ID: "iam-oidc-thumbprints", Source: srcOIDCProvider, Check: func(r *resource, ps *problems) {
		prints := list(r.Props["ThumbprintList"])
		if len(prints) > maxOIDCThumbprints {
			ps.add(r, "ThumbprintList", "has %d thumbprints; IAM allows at most %d", len(prints), maxOIDCThumbprints)
		}
		for i := range prints {
			if t, ok := r.textAt("ThumbprintList", i); ok && !thumbprint.MatchString(t) {
				ps.add(r, prop("ThumbprintList", i), "%s is not a thumbprint: 40 hexadecimal digits", echo(t))
			}
		}
	}},
	tagsRule,
}

// policyKind says which statement elements a policy must and must not have.
type policyKind int

const (
	// identityPolicy is attached to a role, user or group: no Principal,
	// and a Resource in every statement.
	identityPolicy policyKind = iota
	// resourcePolicy is a topic's, queue's or key's: a Principal in every
	// statement.
	resourcePolicy
	// trustPolicy is a role's AssumeRolePolicyDocument: a Principal, and
	// no Resource.
	trustPolicy
)

// checkPolicy checks the policy document of a property.
func checkPolicy(r *resource, ps *problems, name string, kind policyKind) {
	if !r.has(name) {
		if kind == resourcePolicy && r.Type != "AWS::KMS::Key" {
			ps.add(r, name, "is missing; a policy needs a document")
		}
		return
	}
	checkPolicyAt(r, ps, r.Props[name], name, kind)
}

// checkPolicyAt checks a policy document v found at path at: a JSON object
// (or a string holding one) with a Version CloudFormation knows and
// statements whose Effect, Action, Principal and Resource fit the kind
// (srcIAMGrammar: IAM refuses a Principal in an identity policy, a
// statement without a Resource there, a Resource in a trust policy, and a
// resource policy's statement without a Principal).
func checkPolicyAt(r *resource, ps *problems, v any, at string, kind policyKind) {
	if s, isString := v.(string); isString {
		var doc any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			ps.add(r, at, "is not a JSON policy document: %v", err)
			return
		}
		v = doc
	}
	doc, isObject := v.(map[string]any)
	if !isObject || isIntrinsic(doc) {
		return
	}
	if version, ok := r.text(doc["Version"]); ok && version != "2012-10-17" && version != "2008-10-17" {
		ps.add(r, at+".Version", "%s is not a policy language version; IAM knows 2012-10-17 and 2008-10-17", echo(version))
	}
	var statements []any
	switch s := doc["Statement"].(type) {
	case []any:
		statements = s
	case map[string]any:
		statements = []any{s}
	case nil:
		ps.add(r, at, "has no Statement; a policy needs at least one")
		return
	default:
		return
	}
	if len(statements) == 0 {
		ps.add(r, at+".Statement", "is empty; a policy needs at least one statement")
	}
	for i, x := range statements {
		st, ok := x.(map[string]any)
		if !ok || isIntrinsic(st) {
			continue
		}
		sat := at + ".Statement[" + itoa(i) + "]"
		if effect, ok := r.text(st["Effect"]); !ok && st["Effect"] == nil {
			ps.add(r, sat, "has no Effect; every statement is Allow or Deny")
		} else if ok && effect != "Allow" && effect != "Deny" {
			ps.add(r, sat+".Effect", "%s is not an effect; expected Allow or Deny", echo(effect))
		}
		if st["Action"] == nil && st["NotAction"] == nil {
			ps.add(r, sat, "has no Action or NotAction; every statement names what it allows or denies")
		}
		principal := st["Principal"] != nil || st["NotPrincipal"] != nil
		resource := st["Resource"] != nil || st["NotResource"] != nil
		switch kind {
		case identityPolicy:
			if principal {
				ps.add(r, sat, "has a Principal; a policy attached to a role, user or group must not (the principal is who it is attached to)")
			}
			if !resource {
				ps.add(r, sat, "has no Resource or NotResource; every statement of an identity policy names its resources")
			}
		case resourcePolicy:
			if !principal {
				ps.add(r, sat, "has no Principal; every statement of a resource policy names who it applies to")
			}
		case trustPolicy:
			if !principal {
				ps.add(r, sat, "has no Principal; a trust policy names who may assume the role")
			}
			if resource {
				ps.add(r, sat, "has a Resource; a trust policy must not (the resource is the role itself)")
			}
		}
	}
}

// attachedTo reports whether an AWS::IAM::Policy names the role (by Ref).
func attachedTo(p *resource, roleID string) bool {
	for _, x := range list(p.Props["Roles"]) {
		if get(x, "Ref") == roleID {
			return true
		}
	}
	return false
}

var (
	iamName    = regexp.MustCompile(`^[\w+=,.@-]+$`)
	iamPath    = regexp.MustCompile(`^(/|/[\x21-\x7E]+/)$`)
	thumbprint = regexp.MustCompile(`^[0-9A-Fa-f]{40}$`)
)
