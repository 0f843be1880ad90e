// Package compositerule parses and evaluates CloudWatch composite alarm
// rules (the AlarmRule of AWS::CloudWatch::CompositeAlarm and
// PutCompositeAlarm), and models the suppression of a composite alarm's
// actions by an ActionsSuppressor alarm, so that composite alarms can be
// simulated offline.
//
//	r, err := compositerule.Parse(`ALARM(CPUUtilizationTooHigh) AND NOT ALARM("Deployment in progress")`)
//	if err != nil {
//		log.Fatal(err) // an *Error: "1:25: ..." plus the line and a caret
//	}
//	r.Alarms()           // [CPUUtilizationTooHigh Deployment in progress]
//	inAlarm, err := r.Eval(states) // states(ref) gives each alarm's state
//
// A rule is parsed once into a small syntax tree (see Node; String renders
// it back, and Parse of that gives the same tree). Suppressor decides,
// from the suppressor alarm's history, whether the actions of a state
// change are suppressed, and when held actions are released.
//
// What the CloudWatch documentation leaves open, and how this package
// decides, is written down in one place: the comment of Semantics (and,
// for suppression, of Suppressor).
package compositerule
