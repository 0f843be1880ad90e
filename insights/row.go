package insights

import "fmt"

// Event is one log event, as CloudWatch stores it.
type Event struct {
	Timestamp     int64 // epoch milliseconds (@timestamp)
	IngestionTime int64 // epoch milliseconds (@ingestionTime); 0 when unknown
	Message       string
	LogStream     string
	LogGroup      string
}

// sysField identifies a system field.
type sysField uint8

const (
	sysNone sysField = iota
	sysTimestamp
	sysMessage
	sysLogStream
	sysLog
	sysIngestionTime
	sysPtr
)

var systemFields = map[string]sysField{
	"@timestamp": sysTimestamp, "@message": sysMessage, "@logStream": sysLogStream,
	"@log": sysLog, "@ingestionTime": sysIngestionTime, "@ptr": sysPtr,
}

// evState is an event with its lazily discovered JSON fields.
type evState struct {
	Event
	index   int64 // position in the input sequence
	scanned bool
	disc    []value
	tsDone  bool // ts holds @timestamp read from Options.TimestampField
	ts      int64
	tsBad   bool // the field is missing, unreadable or out of range: the event is left out
}

// row is one row flowing through the pipeline: values assigned by commands
// (kUnset where none) and, for rows made from events, the event.
type row struct {
	vals []value
	ev   *evState // nil for rows made by stats
	seq  int64    // input order: event index, or group index after stats
	sub  int32    // match index of parse multi
	keys []value  // sort key values, cached by orderStage
}

// clone returns a deep copy that does not share buffers with r.
func (r *row) clone() *row {
	c := &row{vals: append([]value(nil), r.vals...), seq: r.seq, sub: r.sub}
	if r.ev != nil {
		ev := *r.ev
		ev.disc = append([]value(nil), r.ev.disc...)
		c.ev = &ev
	}
	return c
}

// slotInfo describes one named slot of a row.
type slotInfo struct {
	name string
	sys  sysField
	disc int // index into evState.disc, -1 when never discovered
}

// get returns the value of slot s of r: the assigned value, else the
// system or discovered field of the event, else null.
func (x *inst) get(r *row, s int) value {
	v := r.vals[s]
	if v.k != kUnset {
		return v
	}
	ev := r.ev
	if ev == nil {
		return nullValue
	}
	si := &x.p.slots[s]
	switch si.sys {
	case sysNone:
		if si.disc < 0 {
			return nullValue
		}
		if !ev.scanned {
			x.scanner.scan(ev.Message, ev.disc)
			ev.scanned = true
		}
		return ev.disc[si.disc]
	case sysTimestamp:
		return timeValue(x.timestamp(ev))
	case sysMessage:
		return strValue(ev.Message)
	case sysLogStream:
		if ev.LogStream == "" {
			return nullValue
		}
		return strValue(ev.LogStream)
	case sysLog:
		if ev.LogGroup == "" {
			return nullValue
		}
		return strValue(ev.LogGroup)
	case sysIngestionTime:
		if ev.IngestionTime == 0 {
			return nullValue
		}
		return timeValue(ev.IngestionTime)
	}
	return nullValue
}

// timestamp returns @timestamp of ev: Event.Timestamp, or with
// Options.TimestampField the field's value, read on first use. An event
// whose field is missing, unreadable or out of range is reported once and
// marked tsBad (workers leave it out).
func (x *inst) timestamp(ev *evState) int64 {
	if x.p.tsDisc < 0 {
		return ev.Timestamp
	}
	if !ev.tsDone {
		ev.tsDone = true
		ev.ts = ev.Timestamp
		if !ev.scanned {
			x.scanner.scan(ev.Message, ev.disc)
			ev.scanned = true
		}
		v := ev.disc[x.p.tsDisc]
		var ms int64
		ok, huge := false, false
		switch v.k {
		case kNum:
			ms, ok = epochMillis(v.n)
			huge = !ok
		case kStr:
			if f, isNum := parseNumber(v.s); isNum {
				ms, ok = epochMillis(f)
				huge = !ok
			} else {
				ms, ok = parseTime(v.s)
			}
		}
		inRange := ok && TimestampInRange(ms)
		if inRange {
			ev.ts = ms
		} else {
			ev.tsBad = true
			if x.tsError != nil {
				x.tsError(TimestampError{Index: ev.index, Field: x.p.opts.TimestampField, Value: v.text(), Missing: v.isNull(), OutOfRange: ok || huge})
			}
		}
	}
	return ev.ts
}

// TimestampError reports an event whose Options.TimestampField is missing
// or cannot be read as a time.
type TimestampError struct {
	Index      int64  // position of the event in the input sequence, from 0
	Field      string // Options.TimestampField
	Value      string // the field's text ("" when missing)
	Missing    bool
	OutOfRange bool // read, but outside MinTimestamp..MaxTimestamp
}

// Error returns the message.
func (e TimestampError) Error() string {
	if e.Missing {
		return fmt.Sprintf("no timestamp field %q in the message; the event is left out", e.Field)
	}
	if e.OutOfRange {
		return fmt.Sprintf("timestamp field %q: %s is outside the times CloudWatch accepts (1970-01-01 to 9999-12-31); the event is left out", e.Field, e.Value)
	}
	return fmt.Sprintf("timestamp field %q: cannot read %q as RFC 3339 or epoch time; the event is left out", e.Field, e.Value)
}
