package spec

// nagSuppression is a cdk-nag rule suppressed on one resource, with the
// reason a reviewer needs.
type nagSuppression struct {
	ID     string
	Reason string
}

// nagSuppressions renders suppressions as the resource metadata cdk-nag reads.
func nagSuppressions(ss ...nagSuppression) map[string]any {
	list := make([]any, len(ss))
	for i, s := range ss {
		list[i] = map[string]any{"id": s.ID, "reason": s.Reason}
	}
	return map[string]any{"cdk_nag": map[string]any{"rules_to_suppress": list}}
}
