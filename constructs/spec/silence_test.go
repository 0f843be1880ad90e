package spec

import "testing"

// A silence alarm is evaluated in one-minute periods, all breaching, up to
// MaxSilencePeriods; beyond, in the fewest whole minutes that fit.
func TestSilencePeriods(t *testing.T) {
	cases := []struct{ after, period, periods int }{
		{60, 60, 1},
		{900, 60, 15},
		{6000, 60, 100},
		{7200, 120, 60},
		{86400, 900, 96},
		{6060, 120, 51},
	}
	for _, c := range cases {
		p, n := SilencePeriods(c.after)
		if p != c.period || n != c.periods {
			t.Errorf("SilencePeriods(%d) = %d × %d, want %d × %d", c.after, n, p, c.periods, c.period)
		}
		if p*n < c.after {
			t.Errorf("SilencePeriods(%d): %d × %d is shorter than asked", c.after, n, p)
		}
	}
}
