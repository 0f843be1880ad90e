package alarmstate

import (
	"math"
	"strings"
	"testing"
)

// TestValidate: one case per rule, each error naming the value and the
// limit (PutMetricAlarm: EvaluationPeriods and DatapointsToAlarm have a
// "Minimum value of 1"; DatapointsToAlarm is the M of "M out of N";
// TreatMissingData "Valid Values: breaching | notBreaching | ignore |
// missing"; the comparison operators as CloudFormation names them).
func TestValidate(t *testing.T) {
	ok := Config{ComparisonOperator: GreaterThanThreshold, Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 2}
	for _, c := range []struct {
		name string
		edit func(*Config)
		want string // error substring; "" for valid
	}{
		{"valid", func(*Config) {}, ""},
		{"every operator", func(c *Config) { c.ComparisonOperator = LessThanLowerThreshold }, ""},
		{"M defaults to N", func(c *Config) { c.DatapointsToAlarm = 0 }, ""},
		{"M equals N", func(c *Config) { c.DatapointsToAlarm = 3 }, ""},
		{"every treatment", func(c *Config) { c.TreatMissingData = TreatNotBreaching }, ""},
		{"band ignores threshold", func(c *Config) {
			c.ComparisonOperator, c.Threshold = LessThanLowerOrGreaterThanUpperThreshold, math.NaN()
		}, ""},
		{"no operator", func(c *Config) { c.ComparisonOperator = "" }, "ComparisonOperator: required; expected one of GreaterThanOrEqualToThreshold"},
		{"unknown operator", func(c *Config) { c.ComparisonOperator = "GreaterThan" }, `ComparisonOperator: unknown "GreaterThan"`},
		{"NaN threshold", func(c *Config) { c.Threshold = math.NaN() }, "Threshold: must be a finite number, got NaN"},
		{"no periods", func(c *Config) { c.EvaluationPeriods, c.DatapointsToAlarm = 0, 0 }, "EvaluationPeriods: must be from 1 to 8640, got 0"},
		{"too many periods", func(c *Config) { c.EvaluationPeriods = MaxEvaluationPeriods + 1 }, "EvaluationPeriods: must be from 1 to 8640, got 8641"},
		{"negative M", func(c *Config) { c.DatapointsToAlarm = -1 }, "DatapointsToAlarm: must be at least 1 (or 0 for EvaluationPeriods), got -1"},
		{"M above N", func(c *Config) { c.DatapointsToAlarm = 4 }, "DatapointsToAlarm: must not exceed EvaluationPeriods (3), got 4"},
		{"unknown treatment", func(c *Config) { c.TreatMissingData = "Breaching" }, `TreatMissingData: unknown "Breaching"; expected breaching, notBreaching, ignore or missing`},
	} {
		cfg := ok
		c.edit(&cfg)
		err := cfg.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: Validate() = %v, want nil", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: Validate() = %v, want %q", c.name, err, c.want)
		}
	}
}

// TestValidateReportsAll: every problem is reported, not just the first.
func TestValidateReportsAll(t *testing.T) {
	err := Config{ComparisonOperator: "x", EvaluationPeriods: 0, DatapointsToAlarm: -2, TreatMissingData: "y"}.Validate()
	for _, field := range []string{"ComparisonOperator", "EvaluationPeriods", "DatapointsToAlarm", "TreatMissingData"} {
		if err == nil || !strings.Contains(err.Error(), field+":") {
			t.Errorf("Validate() = %v, want it to mention %s", err, field)
		}
	}
}

// TestInvalidConfigEvaluates: Evaluate on a config that does not validate
// leaves the alarm in INSUFFICIENT_DATA and says why, in one line.
func TestInvalidConfigEvaluates(t *testing.T) {
	state, reason := Evaluate(Config{ComparisonOperator: "x"}, Alarm, []Point{{Value: 1, Present: true}})
	if state != InsufficientData || !strings.HasPrefix(reason, "the alarm cannot be evaluated: ComparisonOperator") ||
		strings.Contains(reason, "\n") {
		t.Errorf("Evaluate(invalid) = %s, %q", state, reason)
	}
}

// TestEvaluationRange follows "How alarm state is evaluated when data is
// missing" (AlarmThatSendsEmail.html#alarms-evaluating-missing-data):
// "CloudWatch retrieves the 5 most recent data points when evaluating the
// alarm" for 3 evaluation periods; the range is N + EvaluationRangeExtra.
func TestEvaluationRange(t *testing.T) {
	for n, want := range map[int]int{1: 3, 3: 5, 10: 12} {
		if got := (Config{EvaluationPeriods: n}).EvaluationRange(); got != want {
			t.Errorf("EvaluationRange() with %d periods = %d, want %d", n, got, want)
		}
	}
}

// TestUsesBand: the band operators "are used only for alarms based on
// anomaly detection models" (ComparisonOperator, PutMetricAlarm).
func TestUsesBand(t *testing.T) {
	for _, op := range operatorNames {
		want := strings.Contains(op, "Lower") || strings.Contains(op, "Upper")
		if got := (Config{ComparisonOperator: op}).UsesBand(); got != want {
			t.Errorf("%s: UsesBand() = %v, want %v", op, got, want)
		}
	}
}
