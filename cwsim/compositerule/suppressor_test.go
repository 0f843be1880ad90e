package compositerule

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// at is t0 plus s seconds.
func at(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }

// history reads "0:OK 100:ALARM ..." (seconds after t0 and states).
func history(t *testing.T, s string) []Transition {
	t.Helper()
	var h []Transition
	for _, f := range strings.Fields(s) {
		sec, state, _ := strings.Cut(f, ":")
		n, err := strconv.Atoi(sec)
		if err != nil {
			t.Fatalf("bad history %q", s)
		}
		h = append(h, Transition{At: at(n), State: state})
	}
	return h
}

// suppressorCases are composite alarm state changes at "at" seconds,
// judged against a suppressor alarm's history. Each names its source:
// [PCA] PutCompositeAlarm's ActionsSuppressor, ActionsSuppressorWaitPeriod
// and ActionsSuppressorExtensionPeriod; [CA] CompositeAlarm's
// ActionsSuppressedBy; [SUP] "Suppressing composite alarm actions";
// [READING] a decision named in the comment of Suppressor.
var suppressorCases = []struct {
	name      string
	wait, ext int // seconds
	history   string
	at        int
	want      SuppressedBy
	release   int // seconds; -1: still held at the end of history
}{
	// history used by most cases: in ALARM from 100 to 200, and from 600 to 700
	{"[PCA] not suppressed: acts after the WaitPeriod", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 30, NotSuppressed, 90},
	{"[PCA] suppressed while the suppressor is in ALARM", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 150, SuppressedByAlarm, 320},
	{"[READING] a transition at t applies at t", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 100, SuppressedByAlarm, 320},
	{"[PCA, SUP] the suppressor goes into ALARM within the WaitPeriod", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 50, SuppressedByWaitPeriod, 320},
	{"[READING] the WaitPeriod is half-open", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 40, NotSuppressed, 100},
	{"[PCA] suppressed during the ExtensionPeriod after ALARM", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 200, SuppressedByExtensionPeriod, 320},
	{"[PCA] ExtensionPeriod", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 319, SuppressedByExtensionPeriod, 320},
	{"[READING] the ExtensionPeriod is half-open", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 320, NotSuppressed, 380},
	{"[READING] WaitPeriod from INSUFFICIENT_DATA", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 550, SuppressedByWaitPeriod, 820},
	{"[READING] ALARM to INSUFFICIENT_DATA goes out of ALARM", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 700, SuppressedByExtensionPeriod, 820},
	{"[PCA] after the ExtensionPeriod, actions again", 60, 120, "0:OK 100:ALARM 200:OK 500:INSUFFICIENT_DATA 600:ALARM 700:INSUFFICIENT_DATA", 900, NotSuppressed, 960},

	{"[READING] a zero Suppressor: only while in ALARM", 0, 0, "0:OK 100:ALARM 200:OK", 150, SuppressedByAlarm, 200},
	{"[READING] a zero Suppressor has no ExtensionPeriod", 0, 0, "0:OK 100:ALARM 200:OK", 200, NotSuppressed, 200},
	{"[READING] a zero Suppressor has no WaitPeriod", 0, 0, "0:OK 100:ALARM 200:OK", 50, NotSuppressed, 50},
	{"[READING] no history: not in ALARM", 60, 120, "", 10, NotSuppressed, 70},
	{"[READING] before the first transition: not in ALARM", 60, 120, "500:ALARM", 10, NotSuppressed, 70},
	{"[READING] history in any order", 60, 120, "600:ALARM 200:OK 100:ALARM 0:OK 700:INSUFFICIENT_DATA 500:INSUFFICIENT_DATA", 150, SuppressedByAlarm, 320},
	{"[READING] same instant: slice order", 60, 120, "100:ALARM 100:OK", 100, SuppressedByExtensionPeriod, 220},

	{"[PCA] back into ALARM during the ExtensionPeriod: held until it ends after the last exit", 60, 120, "0:ALARM 100:OK 150:ALARM 200:OK", 50, SuppressedByAlarm, 320},
	{"[PCA] still in ALARM at the end of the history: held", 60, 120, "0:ALARM", 10, SuppressedByAlarm, -1},
	{"[READING] an old exit does not release a WaitPeriod suppression", 60, 120, "0:ALARM 10:OK 1000:ALARM 1100:OK", 980, SuppressedByWaitPeriod, 1220},
}

func TestSuppressor(t *testing.T) {
	for _, c := range suppressorCases {
		t.Run(fmt.Sprintf("%s/at%d", c.name, c.at), func(t *testing.T) {
			s := Suppressor{WaitPeriod: time.Duration(c.wait) * time.Second, ExtensionPeriod: time.Duration(c.ext) * time.Second}
			h := history(t, c.history)
			if got := s.Reason(h, at(c.at)); got != c.want {
				t.Errorf("Reason(%q, %d) = %q, want %q", c.history, c.at, got, c.want)
			}
			if got := s.Suppressed(h, at(c.at)); got != (c.want != NotSuppressed) {
				t.Errorf("Suppressed(%q, %d) = %v", c.history, c.at, got)
			}
			rel, ok := s.Release(h, at(c.at))
			switch {
			case c.release < 0 && ok:
				t.Errorf("Release(%q, %d) = %v, want still held", c.history, c.at, rel.Sub(t0))
			case c.release >= 0 && (!ok || !rel.Equal(at(c.release))):
				t.Errorf("Release(%q, %d) = %v, %v, want %ds", c.history, c.at, rel.Sub(t0), ok, c.release)
			}
			if got := s.DecideAt(at(c.at)); !got.Equal(at(c.at + c.wait)) {
				t.Errorf("DecideAt(%d) = %v", c.at, got.Sub(t0))
			}
		})
	}
}

// TestSuppressorKeepsHistory checks that an unsorted history is not
// reordered in place.
func TestSuppressorKeepsHistory(t *testing.T) {
	h := history(t, "200:OK 100:ALARM")
	Suppressor{}.Suppressed(h, at(150))
	if h[0].At != at(200) {
		t.Errorf("Suppressed sorted the caller's history")
	}
}
