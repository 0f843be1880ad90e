package spec

import (
	"strings"
	"testing"
)

// A webhook URL that carries a credential is refused with the way to move
// it out; a dynamic reference and a plain URL pass.
func TestSubscriptionCredentials(t *testing.T) {
	cases := []struct{ https, want string }{
		{"https://events.pagerduty.com/integration/0123456789abcdef/enqueue", `the path segment "0123…"`},
		{"https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX1", `the path segment "XXXX…"`},
		{"https://ops:s3cret@alerts.example.com/hook", "a user name and password"},
		{"https://alerts.example.com/hook?api_key=abc", `the query parameter "api_key"`},
		{"https://alerts.example.com/hook?token=abc", `the query parameter "token"`},
		{"https://events.example.com/hook", ""},
		{"https://api.example.com/v1/alert-receivers/on-call-team?team=ops", ""},
		{"{{resolve:secretsmanager:eventwatch/prod/pagerduty:SecretString:url}}", ""},
		{"{{resolve:ssm:/eventwatch/prod/pagerduty-url}}", ""},
	}
	for _, c := range cases {
		err := Subscription{HTTPS: c.https}.validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want it accepted", c.https, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "{{resolve:secretsmanager:")):
			t.Errorf("%s: %v, want %q and the way to move it to Secrets Manager", c.https, err, c.want)
		}
	}
}
