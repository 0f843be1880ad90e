package eventschema_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/eventschema"
)

// Each schema of validate.txt has exactly its problems, in order.
func TestValidate(t *testing.T) {
	for _, b := range blocks(t, "testdata/validate.txt") {
		var s eventschema.Schema
		if err := json.Unmarshal([]byte(b.one("schema")), &s); err != nil {
			t.Fatalf("validate.txt:%d: %v", b.line, err)
		}
		got := s.Problems()
		want := b.keys["error"]
		if len(got) != len(want) {
			t.Errorf("validate.txt:%d: got %d problems, want %d: %v", b.line, len(got), len(want), got)
			continue
		}
		for i, p := range got {
			if !strings.HasPrefix(p.Error(), strings.SplitN(want[i], ": ", 2)[0]+": ") || !strings.Contains(p.Error(), want[i]) {
				t.Errorf("validate.txt:%d: problem %d is %q, want %q", b.line, i+1, p, want[i])
			}
		}
		if (s.Validate() == nil) != (len(want) == 0) {
			t.Errorf("validate.txt:%d: Validate disagrees with Problems: %v", b.line, s.Validate())
		}
	}
}

// The dimension limit is CloudWatch's, as the simulator has it.
func TestMaxDimensionValuesIsCloudWatchs(t *testing.T) {
	if eventschema.MaxDimensionValues != cwsim.MaxDimensionPairsPerHour {
		t.Errorf("MaxDimensionValues %d, cwsim.MaxDimensionPairsPerHour %d", eventschema.MaxDimensionValues, cwsim.MaxDimensionPairsPerHour)
	}
}
