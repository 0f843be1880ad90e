package insights

import (
	"strings"
	"time"
)

// period is a bin/datefloor/dateceil period after clamping.
type period struct {
	n    int64
	unit string // canonical unit
}

var unitMillis = map[string]int64{
	"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000,
}

var unitCaps = map[string]int64{"ms": maxBinMillis, "s": maxBinSeconds, "m": maxBinMinutes, "h": maxBinHours}

// newPeriod returns the period of d with the documented caps applied.
func newPeriod(d *DurationLit) period {
	n := d.N
	if c, ok := unitCaps[d.Unit]; ok && n > c {
		n = c
	}
	return period{n: n, unit: d.Unit}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// floor truncates ms down to a multiple of the period.
func (p period) floor(ms int64) int64 {
	if size, ok := unitMillis[p.unit]; ok {
		size *= p.n
		return floorDiv(ms, size) * size
	}
	t := time.UnixMilli(ms).UTC()
	months := int64(1)
	switch p.unit {
	case "q":
		months = 3
	case "y":
		months = 12
	}
	step := months * p.n
	idx := int64(t.Year())*12 + int64(t.Month()) - 1
	idx = floorDiv(idx, step) * step
	y, m := idx/12, idx%12
	return time.Date(int(y), time.Month(m+1), 1, 0, 0, 0, 0, time.UTC).UnixMilli()
}

// ceil rounds ms up to a multiple of the period.
func (p period) ceil(ms int64) int64 {
	f := p.floor(ms)
	if f == ms {
		return ms
	}
	if size, ok := unitMillis[p.unit]; ok {
		return f + size*p.n
	}
	months := int(p.n)
	switch p.unit {
	case "q":
		months *= 3
	case "y":
		months *= 12
	}
	return time.UnixMilli(f).UTC().AddDate(0, months, 0).UnixMilli()
}

// timeLayouts are the timestamp spellings accepted in strings, tried in
// order.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"02/Jan/2006:15:04:05 -0700",
}

// ParseTimestamp parses a timestamp: an RFC 3339 / ISO 8601 string (with or
// without zone, UTC when none; space or T between date and time), or a number
// of epoch seconds (below 1e11) or milliseconds. It returns epoch
// milliseconds.
func ParseTimestamp(s string) (int64, bool) {
	ms, ok := parseTime(s)
	return ms, ok && TimestampInRange(ms)
}

// parseTime is ParseTimestamp without the range check; numbers too large
// for int64 milliseconds are not read.
func parseTime(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if f, ok := parseNumber(s); ok {
		return epochMillis(f)
	}
	if ms, ok := fastISO(s); ok {
		return ms, true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixMilli(), true
		}
	}
	return 0, false
}

// TimestampInRange reports whether ms is a timestamp CloudWatch accepts
// and shows: from MinTimestamp to MaxTimestamp.
func TimestampInRange(ms int64) bool { return ms >= MinTimestamp && ms <= MaxTimestamp }

// epochMillis reads a number as epoch seconds when below 1e11, else as
// milliseconds, and reports numbers too large for int64 milliseconds (and
// NaN) instead of wrapping around.
func epochMillis(f float64) (int64, bool) {
	if f < 1e11 && f > -1e11 {
		f *= 1000
	}
	if !(f > -9e18 && f < 9e18) {
		return 0, false
	}
	return int64(f), true
}

// fastISO parses the common "2006-01-02T15:04:05.000Z" shape without
// allocating.
func fastISO(s string) (int64, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' && s[10] != ' ' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return 0, false
	}
	num := func(a, b int) int {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if !isDigit(c) {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, mo, d, h, mi, sec, ms := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19), num(20, 23)
	if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || ms < 0 {
		return 0, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, ms*1e6, time.UTC)
	if t.Day() != d {
		return 0, false
	}
	return t.UnixMilli(), true
}

// toMillis converts a value to epoch milliseconds: timestamps as is, numbers
// as milliseconds, strings parsed by ParseTimestamp.
func toMillis(v value) (int64, bool) {
	switch v.k {
	case kTime, kNum, kBool:
		return int64(v.n), true
	case kStr:
		if f, ok := parseNumber(v.s); ok {
			return int64(f), true
		}
		if ms, ok := ParseTimestamp(v.s); ok {
			return ms, true
		}
	}
	return 0, false
}

// location returns the zone named by s: UTC, Z, +hh:mm/-hhmm offsets, or an
// IANA name.
func location(s string) (*time.Location, bool) {
	switch strings.ToUpper(s) {
	case "", "UTC", "Z", "GMT":
		return time.UTC, true
	}
	if s[0] == '+' || s[0] == '-' {
		t, err := time.Parse("-07:00", s)
		if err != nil {
			t, err = time.Parse("-0700", s)
		}
		if err != nil {
			return nil, false
		}
		_, off := t.Zone()
		return time.FixedZone(s, off), true
	}
	loc, err := time.LoadLocation(s)
	return loc, err == nil
}

// javaLayout converts a Java DateTimeFormatter pattern to a Go layout.
func javaLayout(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); {
		c := p[i]
		if c == '\'' {
			end := strings.IndexByte(p[i+1:], '\'')
			if end < 0 {
				b.WriteString(p[i+1:])
				break
			}
			if end == 0 {
				b.WriteByte('\'')
			} else {
				b.WriteString(p[i+1 : i+1+end])
			}
			i += end + 2
			continue
		}
		j := i
		for j < len(p) && p[j] == c {
			j++
		}
		n := j - i
		i = j
		var out string
		switch c {
		case 'y', 'u':
			out = "2006"
			if n == 2 {
				out = "06"
			}
		case 'M':
			out = [...]string{"1", "01", "Jan", "January"}[min(n, 4)-1]
		case 'd':
			out = "2"
			if n >= 2 {
				out = "02"
			}
		case 'H':
			out = "15"
		case 'h':
			out = "3"
			if n >= 2 {
				out = "03"
			}
		case 'm':
			out = "4"
			if n >= 2 {
				out = "04"
			}
		case 's':
			out = "5"
			if n >= 2 {
				out = "05"
			}
		case 'S':
			out = strings.Repeat("0", n)
			if b.Len() == 0 || !strings.HasSuffix(b.String(), ".") && !strings.HasSuffix(b.String(), ",") {
				out = "." + out // Go needs a separator before fractions
			}
		case 'a':
			out = "PM"
		case 'E':
			out = "Mon"
			if n >= 4 {
				out = "Monday"
			}
		case 'Z':
			out = "-0700"
		case 'X':
			out = "Z07:00"
			if n == 1 {
				out = "Z07"
			} else if n == 2 {
				out = "Z0700"
			}
		case 'x':
			out = "-07:00"
		case 'z':
			out = "MST"
		default:
			out = strings.Repeat(string(c), n)
		}
		b.WriteString(out)
	}
	return b.String()
}

// strftimeLayout converts a C strftime pattern to a Go layout.
func strftimeLayout(p string) string {
	repl := map[byte]string{
		'Y': "2006", 'y': "06", 'm': "01", 'd': "02", 'e': "_2", 'H': "15", 'I': "03", 'M': "04",
		'S': "05", 'L': "000", 'f': "000000", 'p': "PM", 'a': "Mon", 'A': "Monday", 'b': "Jan",
		'B': "January", 'h': "Jan", 'j': "002", 'Z': "MST", 'z': "-0700", 'F': "2006-01-02",
		'T': "15:04:05", 'D': "01/02/06", 'R': "15:04", '%': "%", 'n': "\n", 't': "\t",
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+1 < len(p) {
			if r, ok := repl[p[i+1]]; ok {
				if p[i+1] == 'L' || p[i+1] == 'f' {
					if !strings.HasSuffix(b.String(), ".") && !strings.HasSuffix(b.String(), ",") {
						b.WriteByte('.')
					}
				}
				b.WriteString(r)
				i++
				continue
			}
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// formatEpoch formats ms with a Go layout in zone tz.
func formatEpoch(ms int64, layout, tz string) (string, bool) {
	loc, ok := location(tz)
	if !ok {
		return "", false
	}
	return time.UnixMilli(ms).In(loc).Format(layout), true
}

// parseWithLayout parses s with a Go layout, in zone tz when s has none.
func parseWithLayout(s, layout, tz string) (int64, bool) {
	loc, ok := location(tz)
	if !ok {
		return 0, false
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		return 0, false
	}
	return t.UnixMilli(), true
}
