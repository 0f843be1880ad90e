package compositerule

import (
	"slices"
	"time"
)

// Suppressor decides whether a composite alarm's actions are suppressed at
// time t, given the suppressor alarm's state history: ActionsSuppressor,
// WaitPeriod and ExtensionPeriod as documented [PCA, CA, SUP].
//
// t is the time at which the composite alarm changes state and would take
// the actions of its new state. Those actions are suppressed when:
//
//   - the suppressor alarm is in ALARM at t (SuppressedByAlarm): "Actions
//     will be suppressed if the suppressor alarm is in the ALARM state"
//     [PCA];
//   - the suppressor alarm went out of ALARM less than ExtensionPeriod
//     before t (SuppressedByExtensionPeriod): "The maximum time in seconds
//     that the composite alarm waits after suppressor alarm goes out of the
//     ALARM state. After this time, the composite alarm performs its
//     actions." [PCA];
//   - the suppressor alarm goes into ALARM after t but less than WaitPeriod
//     after it (SuppressedByWaitPeriod): "The maximum time in seconds that
//     the composite alarm waits for the suppressor alarm to go into the
//     ALARM state. After this time, the composite alarm performs its
//     actions." [PCA]; "the composite alarm changes from OK to ALARM at t2.
//     A WaitPeriod starts at t2 [...] This gives the suppressor alarm time
//     to change states from OK to ALARM at t4 before it suppresses the
//     composite alarm's actions" [SUP].
//
// Actions are held, not only dropped: "After this time, the composite alarm
// performs its actions" [PCA]. Release says when: at t+WaitPeriod for
// actions that are not suppressed, and ExtensionPeriod after the
// suppressor last goes out of ALARM for suppressed ones. The caller
// performs them then if the composite alarm is still in the state it
// entered at t (a reading: the documentation says the periods exist to
// let the alarms settle, not what happens to a state left meanwhile).
//
// Readings where the documentation is open:
//
//   - Both periods are half-open: a change exactly ExtensionPeriod after the
//     suppressor left ALARM is not suppressed, and a suppressor going into
//     ALARM exactly WaitPeriod after t is too late.
//   - "Goes out of the ALARM state" is any transition from ALARM to OK or
//     to INSUFFICIENT_DATA; WaitPeriod waits for ALARM whatever the
//     suppressor's state at t (the documentation shows OK).
//   - Every state change of the composite alarm is judged alike, to ALARM
//     or to OK.
//   - Before its first transition, the suppressor alarm is not in ALARM (a
//     new alarm starts in INSUFFICIENT_DATA [PCA]).
//
// WaitPeriod looks ahead: history must hold the suppressor's transitions
// up to DecideAt(t) = t+WaitPeriod for the answer to be final, so a
// simulation that runs forward in time should ask then. history may be in
// any order; transitions at the same instant apply in slice order. A zero
// Suppressor suppresses only while the suppressor alarm is in ALARM.
type Suppressor struct {
	WaitPeriod, ExtensionPeriod time.Duration
}

// Transition is the suppressor alarm changing to State ("OK", "ALARM" or
// "INSUFFICIENT_DATA") at At.
type Transition struct {
	At    time.Time
	State string
}

// SuppressedBy names why actions are suppressed, with the values of the
// CompositeAlarm field ActionsSuppressedBy [CA], or "" when they are not.
type SuppressedBy string

// Reasons for suppression.
const (
	NotSuppressed               SuppressedBy = ""
	SuppressedByAlarm           SuppressedBy = "Alarm"
	SuppressedByWaitPeriod      SuppressedBy = "WaitPeriod"
	SuppressedByExtensionPeriod SuppressedBy = "ExtensionPeriod"
)

// Suppressed reports whether the actions of a state change of the
// composite alarm at t are suppressed.
func (s Suppressor) Suppressed(history []Transition, t time.Time) bool {
	return s.Reason(history, t) != NotSuppressed
}

// DecideAt is the earliest time at which Suppressed(history, t) is final,
// given the suppressor's transitions up to then: t+WaitPeriod.
func (s Suppressor) DecideAt(t time.Time) time.Time { return t.Add(max(0, s.WaitPeriod)) }

// Reason says why the actions of a state change of the composite alarm at
// t are suppressed, or NotSuppressed. When several reasons hold, Alarm
// comes first, then ExtensionPeriod, then WaitPeriod.
func (s Suppressor) Reason(history []Transition, t time.Time) SuppressedBy {
	history = sorted(history)
	st := stateAt(history, t)
	switch {
	case st.inAlarm:
		return SuppressedByAlarm
	case st.left && t.Sub(st.leftAt) < s.ExtensionPeriod:
		return SuppressedByExtensionPeriod
	}
	for _, tr := range history[st.next:] {
		if tr.At.Sub(t) >= s.WaitPeriod {
			break
		}
		if tr.State == string(StateAlarm) {
			return SuppressedByWaitPeriod
		}
	}
	return NotSuppressed
}

// Release returns when the actions of a state change of the composite
// alarm at t are performed, if the composite alarm is still in that state
// then: t+WaitPeriod when they are not suppressed; else ExtensionPeriod
// after the suppressor goes out of ALARM and stays out for that long. ok
// is false when history ends with the suppressor in ALARM (the actions
// are still held).
func (s Suppressor) Release(history []Transition, t time.Time) (at time.Time, ok bool) {
	history = sorted(history)
	if s.Reason(history, t) == NotSuppressed {
		return s.DecideAt(t), true
	}
	st := stateAt(history, t)
	if st.left && !t.Before(st.leftAt.Add(s.ExtensionPeriod)) {
		st.left = false // an extension that ended before t holds nothing
	}
	for _, tr := range history[st.next:] {
		if st.left && !st.inAlarm && !tr.At.Before(st.leftAt.Add(s.ExtensionPeriod)) {
			break
		}
		alarm := tr.State == string(StateAlarm)
		if st.inAlarm && !alarm {
			st.leftAt, st.left = tr.At, true
		}
		st.inAlarm = alarm
		if alarm {
			st.left = false
		}
	}
	if st.inAlarm || !st.left {
		return time.Time{}, false
	}
	return st.leftAt.Add(max(0, s.ExtensionPeriod)), true
}

// suppressorState is the suppressor alarm's state at some time: in ALARM
// or not, when it last went out of ALARM (if it did), and the index of the
// first transition after that time.
type suppressorState struct {
	inAlarm bool
	left    bool
	leftAt  time.Time
	next    int
}

// stateAt replays sorted history up to and including t.
func stateAt(history []Transition, t time.Time) suppressorState {
	var st suppressorState
	for ; st.next < len(history) && !history[st.next].At.After(t); st.next++ {
		alarm := history[st.next].State == string(StateAlarm)
		if st.inAlarm && !alarm {
			st.leftAt, st.left = history[st.next].At, true
		}
		st.inAlarm = alarm
	}
	return st
}

// sorted returns history ordered by time, stably, copying it if needed.
func sorted(history []Transition) []Transition {
	byTime := func(a, b Transition) int { return a.At.Compare(b.At) }
	if slices.IsSortedFunc(history, byTime) {
		return history
	}
	history = slices.Clone(history)
	slices.SortStableFunc(history, byTime)
	return history
}
