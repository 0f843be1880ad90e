package insights

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
	scanned bool
	disc    []value
}

// row is one row flowing through the pipeline: values assigned by commands
// (kUnset where none) and, for rows made from events, the event.
type row struct {
	vals []value
	ev   *evState // nil for rows made by stats
	seq  int64    // input order: event index, or group index after stats
	sub  int32    // match index of parse multi
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
		return timeValue(ev.Timestamp)
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
