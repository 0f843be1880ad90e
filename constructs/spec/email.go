package spec

import (
	"fmt"
	"strings"
)

// checkEmail checks an e-mail endpoint the way SNS needs it: one address,
// local@domain, at most MaxEmailLength characters of ASCII, a local part
// of 1 to 64 characters without spaces, quotes or leading, trailing or
// doubled dots, and a domain of dot-separated labels (letters, digits, '-'
// not at either end) ending in a top-level domain of letters. A display
// name ("Ops <ops@example.com>"), a list of addresses or a quoted local
// part is refused: SNS subscribes exactly one address per endpoint.
func checkEmail(addr string) error {
	bad := func(why string) error {
		return fmt.Errorf("email %s is not an e-mail address SNS accepts: %s", echo(addr), why)
	}
	if len(addr) > MaxEmailLength {
		return bad(fmt.Sprintf("it is %d characters, at most %d are allowed", chars(addr), MaxEmailLength))
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return bad("expected local@domain, such as oncall@example.com")
	}
	local, domain := addr[:at], addr[at+1:]
	switch {
	case local == "" || len(local) > 64:
		return bad("the part before '@' must be 1 to 64 characters")
	case local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, ".."):
		return bad("the part before '@' may not start or end with '.' or hold '..'")
	}
	for _, r := range local {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),:;<>@[\]`, r) {
			return bad(fmt.Sprintf("%q is not allowed before the '@'", r))
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return bad("the domain needs a dot, such as example.com")
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return bad(fmt.Sprintf("the domain label %q must be 1 to 63 letters, digits or '-', not starting or ending with '-'", l))
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return bad(fmt.Sprintf("%q is not allowed in the domain", r))
			}
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 || strings.IndexFunc(tld, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return bad(fmt.Sprintf("the top-level domain %q must be letters", tld))
	}
	return nil
}

// endpoint is the subscription's endpoint as written.
func (s Subscription) endpoint() string {
	if s.Slack != nil {
		return s.Slack.WorkspaceID + "/" + s.Slack.ChannelID
	}
	return s.Email + s.HTTPS + s.SQSQueueArn + s.LambdaFunctionArn
}

// endpointKey identifies a subscription endpoint the way SNS does when it
// refuses a duplicate: by protocol and endpoint, with e-mail addresses
// compared without regard to case (mail providers and SNS treat
// Oncall@Example.com and oncall@example.com as one mailbox).
func (s Subscription) endpointKey() string {
	switch {
	case s.Email != "":
		return "email " + strings.ToLower(s.Email)
	case s.HTTPS != "":
		return "https " + s.HTTPS
	case s.SQSQueueArn != "":
		return "sqs " + s.SQSQueueArn
	case s.LambdaFunctionArn != "":
		return "lambda " + s.LambdaFunctionArn
	case s.Slack != nil:
		return "slack " + s.Slack.WorkspaceID + "/" + s.Slack.ChannelID
	}
	return ""
}
