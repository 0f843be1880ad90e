package spec

import (
	"errors"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
)

// TestSavedQueryRegexBound checks that a saved query is refused at synth
// when a regex is too large to match in bounded time (insights.MaxRegexProgram),
// with the regex's position, and accepted at the limit.
func TestSavedQueryRegexBound(t *testing.T) {
	over := SavedQueryProps{Name: "team/errors", QueryString: "fields @message\n| filter @message =~ /x{1,500}y/"}
	err := over.Validate()
	var qe *insights.Error
	if !errors.As(err, &qe) || qe.Position() != "2:22" || !strings.Contains(err.Error(), "MaxRegexProgram") {
		t.Errorf("Validate() = %v, want an *insights.Error at 2:22 naming MaxRegexProgram", err)
	}
	at := SavedQueryProps{Name: "team/errors", QueryString: "fields @message\n| filter @message =~ /x{1,127}y/"}
	if err := at.Validate(); err != nil {
		t.Errorf("at the limit: Validate() = %v", err)
	}
}
