package appconfig

import (
	"fmt"
	"strings"
	"testing"
)

func TestDidYouMean(t *testing.T) {
	events := []string{"charge-failed", "charge-succeeded", "refund-issued"}
	for _, c := range []struct {
		name  string
		valid []string
		want  string
	}{
		{"charge-failure", events, "did you mean charge-failed?"},                            // 3 edits in 14 characters
		{"chrage-failed", events, "did you mean charge-failed?"},                             // two neighbours swapped: one edit
		{"Charge-Failed", events, "did you mean charge-failed?"},                             // case only
		{"refund", events, "expected one of charge-failed, charge-succeeded, refund-issued"}, // 7 edits: another name
		{"patern", []string{"name", "pattern", "metric"}, "did you mean pattern?"},
		{"prd", []string{"dev", "prod", "staging"}, "did you mean prod?"}, // 1 edit in 3 characters
		{"qa", []string{"dev", "prod", "staging"}, "expected one of dev, prod, staging"},
		{"x", []string{"ab"}, "expected one of ab"},   // 2 edits, but at most 1 in a short name
		{"a", []string{"b", "ab"}, "did you mean b?"}, // equally near: the first
		{"runs", nil, "there are none"},
		{"payments/charge-failure", []string{"orders/failed", "payments/charge-failed"}, "did you mean payments/charge-failed?"},
		{"111111111112", []string{"111111111111", "222222222222"}, "did you mean 111111111111?"},
		{"évènement", []string{"evenement"}, "did you mean evenement?"}, // characters, not bytes
	} {
		if got := didYouMean(c.name, c.valid); got != c.want {
			t.Errorf("didYouMean(%q, %q) = %q, want %q", c.name, c.valid, got, c.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 5, 0},
		{"abc", "abc", 5, 0},
		{"abc", "", 5, 3},
		{"abc", "acb", 5, 1}, // a transposition
		{"ca", "abc", 5, 3},  // optimal string alignment: not 2
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, // over the limit: limit+1
		{"a", "abcdefgh", 2, 3},     // lengths alone are over the limit
	} {
		if got := editDistance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestUnknownName(t *testing.T) {
	events := []string{"failed", "run"}
	for _, c := range []struct {
		name       string
		incomplete bool
		want       string
		report     bool
	}{
		{"runs", false, "did you mean run?", true},
		{"runs", true, "did you mean run?", true}, // close: a typo, whatever else is lost
		{"refund", false, "expected one of failed, run", true},
		{"refund", true, "expected one of failed, run", false}, // may be an entry that failed to decode
	} {
		got, report := new(suggester).unknownName(c.name, events, c.incomplete)
		if got != c.want || report != c.report {
			t.Errorf("unknownName(%q, incomplete %v) = %q, %v; want %q, %v", c.name, c.incomplete, got, report, c.want, c.report)
		}
	}
}

// Lists of valid names are cut at MaxListedNames, and past
// MaxSuggestionWork no close name is looked for.
func TestSuggestionLimits(t *testing.T) {
	var many []string
	for i := range MaxListedNames + 5 {
		many = append(many, fmt.Sprintf("service-%02d", i))
	}
	got := didYouMean("payments", many)
	if !strings.HasSuffix(got, ", service-19, and 5 more") || strings.Contains(got, "service-20") {
		t.Errorf("didYouMean over %d names = %q, want %d of them and how many more", len(many), got, MaxListedNames)
	}
	s := suggester{work: MaxSuggestionWork}
	if best, ok := s.closest("patern", []string{"pattern"}); ok {
		t.Errorf("closest past the budget = %q, want none", best)
	}
}
