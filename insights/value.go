package insights

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// kind is the type of a value.
type kind uint8

const (
	kUnset kind = iota // slot not assigned by a command: fall back to the event
	kNull              // missing
	kStr
	kNum  // n; s holds the original text when it came from JSON or input
	kBool // n is 1 or 0
	kTime // n is epoch milliseconds
	kMap  // x is map[string]any (jsonParse, logfmt)
	kList // x is []any (jsonParse, split)
)

// value is a dynamically typed value of the engine.
type value struct {
	k kind
	n float64
	s string
	x any
}

var nullValue = value{k: kNull}

func strValue(s string) value  { return value{k: kStr, s: s} }
func numValue(f float64) value { return value{k: kNum, n: f} }
func timeValue(ms int64) value { return value{k: kTime, n: float64(ms)} }
func boolValue(b bool) value {
	if b {
		return value{k: kBool, n: 1}
	}
	return value{k: kBool}
}

// isNull reports whether v is missing.
func (v value) isNull() bool { return v.k == kNull || v.k == kUnset }

// number returns v as a number: numbers, booleans and timestamps as is,
// strings when they hold a number.
func (v value) number() (float64, bool) {
	switch v.k {
	case kNum, kBool, kTime:
		return v.n, true
	case kStr:
		return parseNumber(v.s)
	}
	return 0, false
}

// isNumeric reports whether v is a number or a string holding one.
func (v value) isNumeric() bool {
	_, ok := v.number()
	return ok
}

// text returns v as displayed in results; null is "".
func (v value) text() string {
	switch v.k {
	case kStr:
		return v.s
	case kNum:
		if v.s != "" {
			return v.s
		}
		return formatNumber(v.n)
	case kBool:
		if v.n != 0 {
			return "1"
		}
		return "0"
	case kTime:
		return formatTime(int64(v.n))
	case kMap, kList:
		b, err := json.Marshal(v.x)
		if err != nil {
			return ""
		}
		return string(b)
	}
	return ""
}

// truthy reports whether v counts as true in a condition.
func (v value) truthy() bool {
	switch v.k {
	case kBool, kNum, kTime:
		return v.n != 0
	case kStr:
		if f, ok := parseNumber(v.s); ok {
			return f != 0
		}
		return v.s != ""
	case kMap, kList:
		return true
	}
	return false
}

// fromAny converts a decoded JSON value.
func fromAny(a any) value {
	switch a := a.(type) {
	case nil:
		return nullValue
	case string:
		return strValue(a)
	case float64:
		return numValue(a)
	case json.Number:
		f, _ := a.Float64()
		return value{k: kNum, n: f, s: string(a)}
	case bool:
		return boolValue(a)
	case map[string]any:
		return value{k: kMap, x: a}
	case []any:
		return value{k: kList, x: a}
	}
	return nullValue
}

// toAny converts v for JSON output or list membership.
func (v value) toAny() any {
	switch v.k {
	case kStr:
		return v.s
	case kNum, kTime:
		return v.n
	case kBool:
		return v.n != 0
	case kMap, kList:
		return v.x
	}
	return nil
}

// parseNumber parses a decimal number: an optional sign, digits, an
// optional fraction and exponent. Other spellings (hex, inf, nan, spaces)
// are not numbers.
func parseNumber(s string) (float64, bool) {
	i, n := 0, len(s)
	if n == 0 {
		return 0, false
	}
	if s[0] == '-' || s[0] == '+' {
		i++
	}
	digits := 0
	intVal, small := int64(0), true
	for i < n && isDigit(s[i]) {
		if digits < 15 {
			intVal = intVal*10 + int64(s[i]-'0')
		} else {
			small = false
		}
		i++
		digits++
	}
	if i == n && digits > 0 && small {
		if s[0] == '-' {
			return -float64(intVal), true
		}
		return float64(intVal), true
	}
	if i < n && s[i] == '.' {
		i++
		for i < n && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < n && (s[i] == '-' || s[i] == '+') {
			i++
		}
		e := i
		for i < n && isDigit(s[i]) {
			i++
		}
		if e == i {
			return 0, false
		}
	}
	if i != n {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return 0, false
	}
	return f, true
}

// formatNumber formats a number like CloudWatch: integers without a decimal
// point, others in the shortest exact decimal form.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return strconv.FormatFloat(f, 'g', -1, 64)
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// TimeLayout is how timestamps are displayed in results, in UTC.
const TimeLayout = "2006-01-02 15:04:05.000"

// formatTime formats epoch milliseconds with TimeLayout in UTC.
func formatTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format(TimeLayout)
}

// equalValues reports whether a = b: numerically when both are numbers,
// otherwise by text. Null is equal to nothing.
func equalValues(a, b value) bool {
	if a.isNull() || b.isNull() {
		return false
	}
	if x, ok := a.number(); ok {
		if y, ok := b.number(); ok {
			return x == y
		}
	}
	return a.text() == b.text()
}

// compareOrdered compares a and b for < <= > >=: numerically when both are
// numbers, otherwise by text. ok is false when either is null.
func compareOrdered(a, b value) (c int, ok bool) {
	if a.isNull() || b.isNull() {
		return 0, false
	}
	if x, ok := a.number(); ok {
		if y, ok := b.number(); ok {
			switch {
			case x < y:
				return -1, true
			case x > y:
				return 1, true
			}
			return 0, true
		}
	}
	return strings.Compare(a.text(), b.text()), true
}
