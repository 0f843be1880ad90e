package spec

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// A subscription endpoint may carry a credential: an integration key in
// the path (PagerDuty's events.pagerduty.com/integration/<key>/enqueue,
// Slack's hooks.slack.com/services/...), a user:password, a token query
// parameter. Written in the config, it would be committed to git, copied
// into the template and CloudFormation's copy of it, and readable by
// anyone who can read either. Such an endpoint is written as a
// CloudFormation dynamic reference instead, resolved at deploy.
var (
	// dynamicReference is a CloudFormation dynamic reference to an SSM
	// parameter or a Secrets Manager secret.
	dynamicReference = regexp.MustCompile(`^\{\{resolve:(ssm|ssm-secure|secretsmanager):[^{}]+\}\}$`)
	// credentialParam names query parameters that hold a credential.
	credentialParam = regexp.MustCompile(`(?i)^(.*[-_])?(token|key|apikey|secret|password|passwd|pwd|signature|sig|auth|credential)s?$`)
	// keyLike is a path segment that looks like a key: at least
	// MinKeyLength letters, digits, '-' or '_', with letters and digits.
	keyLike = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// MinKeyLength is the length from which a path segment mixing letters and
// digits is taken for a key (PagerDuty's integration keys have 32; UUIDs
// 36; a 16-character hex key is refused too).
const MinKeyLength = 16

// IsDynamicReference reports whether s is a CloudFormation dynamic
// reference such as {{resolve:secretsmanager:name:SecretString:url}}.
func IsDynamicReference(s string) bool { return dynamicReference.MatchString(s) }

// checkNoCredential refuses a URL that carries a credential, saying how to
// move it out of the config.
func checkNoCredential(field string, u *url.URL) error {
	what := ""
	switch {
	case u.User != nil:
		what = "a user name and password"
	default:
		for name := range u.Query() {
			if credentialParam.MatchString(name) {
				what = fmt.Sprintf("the query parameter %q", name)
				break
			}
		}
		if what == "" {
			for _, seg := range strings.Split(u.Path, "/") {
				if len(seg) >= MinKeyLength && keyLike.MatchString(seg) && strings.ContainsAny(seg, "0123456789") && strings.ContainsAny(strings.ToLower(seg), "abcdefghijklmnopqrstuvwxyz") {
					what = fmt.Sprintf("the path segment %q, which looks like a key", seg[:4]+"…")
					break
				}
			}
		}
	}
	if what == "" {
		return nil
	}
	return fmt.Errorf("%s carries what looks like a credential (%s): in the config it is committed to git and copied into the template; store the URL in AWS Secrets Manager and write %s: '{{resolve:secretsmanager:<secret name>:SecretString:<json key>}}', or in an SSM parameter: '{{resolve:ssm:<parameter name>}}', which CloudFormation resolves at deploy", field, what, field)
}

// CheckURLCredential refuses an http(s) URL that carries a credential, for
// checks beyond the subscriptions (a scan of committed files).
func CheckURLCredential(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil
	}
	return checkNoCredential("the URL", u)
}
