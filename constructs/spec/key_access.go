package spec

import "regexp"

// principalArnPattern is an IAM role or user ARN, wildcards allowed in
// its name, as a key policy's aws:PrincipalArn condition takes it.
var principalArnPattern = regexp.MustCompile(`^arn:aws[a-z-]*:iam::([0-9]{12}|\*):(role|user)/[\w+=,.@/*?-]+$`)

// KeyAccess names the administrators and users of the keys a construct
// creates (see constructs.KeyAccess). The zero value: the account
// administers them through IAM.
type KeyAccess struct {
	Administrators []string
	Users          []string
}

// CheckKeyAccess checks the key administrators and users of a construct's
// keys: IAM role or user ARNs, users only with administrators.
func CheckKeyAccess(field string, admins, users []string) error {
	var ps Problems
	for _, list := range []struct {
		name string
		arns []string
	}{{"administrators", admins}, {"users", users}} {
		for _, arn := range list.arns {
			if !IsUnresolved(arn) && !principalArnPattern.MatchString(arn) {
				ps.Add(fieldErr(field+"."+list.name, "%s is not an IAM role or user ARN; expected arn:aws:iam::<account>:role/<name> (wildcards allowed in the name)", echo(arn)))
			}
		}
	}
	if len(users) > 0 && len(admins) == 0 {
		ps.Add(fieldErr(field+".users", "key users need named key administrators; without them the account administers the keys through IAM, and users are granted the same way"))
	}
	return ps.Err()
}

// CheckAlarmNamePatterns checks the names, or name patterns with *, of the
// alarms that may publish to a topic.
func CheckAlarmNamePatterns(field string, patterns []string) error {
	var ps Problems
	for _, p := range patterns {
		switch {
		case p == "":
			ps.Add(fieldErr(field, "an alarm name pattern is empty; expected a name such as prod-orders-*"))
		case chars(p) > MaxAlarmNameLength && !IsUnresolved(p):
			ps.Add(fieldErr(field, "%s has %d characters; alarm names have at most %d", echo(p), chars(p), MaxAlarmNameLength))
		}
	}
	return ps.Err()
}
