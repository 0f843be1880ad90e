package insights

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// funcInfo describes a function or aggregate.
type funcInfo struct {
	name     string // documented spelling
	min, max int    // argument counts; max -1 means any
	agg      bool   // aggregate: only in stats
	star     bool   // accepts * (count)
	duration []int  // argument indexes that must be duration literals
	literal  []int  // argument indexes that must be string or regex literals: regexes, checked by the parser
	fn       func(args []value) value
}

// checkArgs returns a message when c's arguments do not fit f.
func (f *funcInfo) checkArgs(c *Call) string {
	n := len(c.Args)
	switch {
	case f.max == f.min && n != f.min:
		return fmt.Sprintf("%s() takes %d argument%s, found %d", f.name, f.min, plural(f.min), n)
	case n < f.min:
		return fmt.Sprintf("%s() takes at least %d argument%s, found %d", f.name, f.min, plural(f.min), n)
	case f.max >= 0 && n > f.max:
		return fmt.Sprintf("%s() takes at most %d argument%s, found %d", f.name, f.max, plural(f.max), n)
	}
	for _, i := range f.duration {
		if i < n {
			if _, ok := c.Args[i].(*DurationLit); !ok {
				return fmt.Sprintf("argument %d of %s() must be a period such as 5m or 1h", i+1, f.name)
			}
		}
	}
	for _, i := range f.literal {
		if i < n {
			switch c.Args[i].(type) {
			case *StringLit, *RegexLit:
			default:
				return fmt.Sprintf("argument %d of %s() must be a string or /regex/ literal", i+1, f.name)
			}
		}
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// functions maps lower-case names to their description.
var functions = map[string]*funcInfo{}

func def(name string, min, max int, fn func([]value) value) *funcInfo {
	f := &funcInfo{name: name, min: min, max: max, fn: fn}
	functions[strings.ToLower(name)] = f
	return f
}

func num1(f func(float64) float64) func([]value) value {
	return func(a []value) value {
		x, ok := a[0].number()
		if !ok {
			return nullValue
		}
		return numValue(f(x))
	}
}

func str1(f func(string) value) func([]value) value {
	return func(a []value) value {
		if a[0].isNull() {
			return nullValue
		}
		return f(a[0].text())
	}
}

func init() {
	// Numeric.
	def("abs", 1, 1, num1(math.Abs))
	def("ceil", 1, 1, num1(math.Ceil))
	def("floor", 1, 1, num1(math.Floor))
	def("log", 1, 1, num1(math.Log))
	def("sqrt", 1, 1, num1(math.Sqrt))
	def("greatest", 1, -1, func(a []value) value { return extreme(a, 1) })
	def("least", 1, -1, func(a []value) value { return extreme(a, -1) })
	def("round", 1, 2, func(a []value) value {
		x, ok := a[0].number()
		if !ok {
			return nullValue
		}
		d := 0.0
		if len(a) == 2 {
			if d, ok = a[1].number(); !ok {
				return nullValue
			}
		}
		p := math.Pow(10, math.Trunc(d))
		return numValue(math.Round(x*p) / p)
	})
	def("haversine", 4, 4, func(a []value) value {
		var v [4]float64
		for i := range v {
			x, ok := a[i].number()
			if !ok {
				return nullValue
			}
			v[i] = x * math.Pi / 180
		}
		dlat, dlon := v[2]-v[0], v[3]-v[1]
		h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(v[0])*math.Cos(v[2])*math.Sin(dlon/2)*math.Sin(dlon/2)
		return numValue(2 * 6371 * math.Asin(math.Sqrt(h)))
	})
	toNum := func(a []value) value {
		x, ok := a[0].number()
		if !ok {
			return nullValue
		}
		return numValue(x)
	}
	def("toNumber", 1, 1, toNum)
	def("toDouble", 1, 1, toNum)
	def("toInt", 1, 1, num1(math.Trunc))
	def("toLong", 1, 1, num1(math.Trunc))

	// General.
	def("ispresent", 1, 1, func(a []value) value { return boolValue(!a[0].isNull()) })
	def("coalesce", 1, -1, func(a []value) value {
		for _, v := range a {
			if !v.isNull() {
				return v
			}
		}
		return nullValue
	})
	def("case", 2, 2*MaxCaseBranches+1, func(a []value) value {
		for i := 0; i+1 < len(a); i += 2 {
			if a[i].truthy() {
				return a[i+1]
			}
		}
		if len(a)%2 == 1 {
			return a[len(a)-1]
		}
		return nullValue
	})
	def("if", 3, 3, func(a []value) value {
		if a[0].truthy() {
			return a[1]
		}
		return a[2]
	})
	def("isNumeric", 1, 1, func(a []value) value { return boolValue(a[0].isNumeric()) })
	def("messageSize", 0, 1, nil)    // compiled specially
	def("queryStartTime", 0, 0, nil) // compiled specially
	def("queryEndTime", 0, 0, nil)
	def("queryTimeRange", 0, 0, nil)
	def("unmask", 1, 1, func(a []value) value { return a[0] })

	// String.
	def("isempty", 1, 1, func(a []value) value { return boolValue(a[0].isNull() || a[0].text() == "") })
	def("isblank", 1, 1, func(a []value) value {
		return boolValue(a[0].isNull() || strings.TrimSpace(a[0].text()) == "")
	})
	def("concat", 1, -1, func(a []value) value {
		var b strings.Builder
		for _, v := range a {
			b.WriteString(v.text())
		}
		return strValue(b.String())
	})
	trimFn := func(ws func(string) string, set func(string, string) string) func([]value) value {
		return func(a []value) value {
			if a[0].isNull() {
				return nullValue
			}
			if len(a) == 2 {
				return strValue(set(a[0].text(), a[1].text()))
			}
			return strValue(ws(a[0].text()))
		}
	}
	def("ltrim", 1, 2, trimFn(func(s string) string { return strings.TrimLeftFunc(s, unicode.IsSpace) }, strings.TrimLeft))
	def("rtrim", 1, 2, trimFn(func(s string) string { return strings.TrimRightFunc(s, unicode.IsSpace) }, strings.TrimRight))
	def("trim", 1, 2, trimFn(strings.TrimSpace, strings.Trim))
	def("strlen", 1, 1, str1(func(s string) value { return numValue(float64(utf8.RuneCountInString(s))) }))
	def("toupper", 1, 1, str1(func(s string) value { return strValue(strings.ToUpper(s)) }))
	def("tolower", 1, 1, str1(func(s string) value { return strValue(strings.ToLower(s)) }))
	def("substr", 2, 3, func(a []value) value {
		if a[0].isNull() {
			return nullValue
		}
		r := []rune(a[0].text())
		start, ok := a[1].number()
		if !ok {
			return nullValue
		}
		s := clampInt(start, 0, len(r))
		e := len(r)
		if len(a) == 3 {
			l, ok := a[2].number()
			if !ok {
				return nullValue
			}
			e = clampInt(float64(s)+l, s, len(r))
		}
		return strValue(string(r[s:e]))
	})
	def("replace", 3, 3, func(a []value) value {
		if a[0].isNull() {
			return nullValue
		}
		return strValue(strings.ReplaceAll(a[0].text(), a[1].text(), a[2].text()))
	})
	def("regexReplace", 3, 3, nil).literal = []int{1} // compiled specially
	def("strcontains", 2, 3, func(a []value) value {
		if a[0].isNull() || a[1].isNull() {
			return boolValue(false)
		}
		s, x := a[0].text(), a[1].text()
		if len(a) == 3 && a[2].truthy() {
			s, x = strings.ToLower(s), strings.ToLower(x)
		}
		return boolValue(strings.Contains(s, x))
	})
	def("startsWith", 2, 2, func(a []value) value {
		return boolValue(!a[0].isNull() && strings.HasPrefix(a[0].text(), a[1].text()))
	})
	def("endsWith", 2, 2, func(a []value) value {
		return boolValue(!a[0].isNull() && strings.HasSuffix(a[0].text(), a[1].text()))
	})
	def("urlencode", 1, 1, str1(func(s string) value { return strValue(url.QueryEscape(s)) }))
	def("urldecode", 1, 1, str1(func(s string) value {
		d, err := url.QueryUnescape(s)
		if err != nil {
			return nullValue
		}
		return strValue(d)
	}))
	def("base64encode", 1, 1, str1(func(s string) value { return strValue(base64.StdEncoding.EncodeToString([]byte(s))) }))
	def("base64decode", 1, 1, str1(func(s string) value {
		d, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nullValue
		}
		return strValue(string(d))
	}))
	def("split", 2, 2, func(a []value) value {
		if a[0].isNull() {
			return nullValue
		}
		parts := strings.Split(a[0].text(), a[1].text())
		list := make([]any, len(parts))
		for i, p := range parts {
			list[i] = p
		}
		return value{k: kList, x: list}
	})
	def("hexToAscii", 1, 1, str1(func(s string) value {
		d, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
		if err != nil {
			return nullValue
		}
		return strValue(string(d))
	}))
	def("hexToDec", 1, 1, str1(func(s string) value {
		n, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"), 16, 64)
		if err != nil {
			return nullValue
		}
		return numValue(float64(n))
	}))
	def("decToHex", 1, 1, func(a []value) value {
		x, ok := a[0].number()
		if !ok || x < 0 {
			return nullValue
		}
		return strValue(strconv.FormatUint(uint64(x), 16))
	})

	// Datetime.
	def("bin", 1, 1, nil).duration = []int{0}
	def("datefloor", 2, 2, nil).duration = []int{1}
	def("dateceil", 2, 2, nil).duration = []int{1}
	def("fromMillis", 1, 1, func(a []value) value {
		x, ok := a[0].number()
		if !ok {
			return nullValue
		}
		return timeValue(int64(x))
	})
	def("toMillis", 1, 1, func(a []value) value {
		ms, ok := toMillis(a[0])
		if !ok {
			return nullValue
		}
		return numValue(float64(ms))
	})
	def("now", 0, 0, nil)
	def("parseDate", 2, 3, func(a []value) value {
		if a[0].isNull() {
			return nullValue
		}
		ms, ok := parseWithLayout(a[0].text(), javaLayout(a[1].text()), optText(a, 2))
		if !ok {
			return nullValue
		}
		return numValue(float64(ms))
	})
	formatFn := func(conv func(string) string) func([]value) value {
		return func(a []value) value {
			ms, ok := toMillis(a[0])
			if !ok {
				return nullValue
			}
			s, ok := formatEpoch(ms, conv(a[1].text()), optText(a, 2))
			if !ok {
				return nullValue
			}
			return strValue(s)
		}
	}
	def("formatDate", 2, 3, formatFn(javaLayout))
	def("strftime", 2, 3, formatFn(strftimeLayout))

	// JSON.
	def("jsonParse", 1, 1, func(a []value) value {
		if a[0].k == kMap || a[0].k == kList {
			return a[0]
		}
		if a[0].isNull() {
			return nullValue
		}
		var x any
		if err := json.Unmarshal([]byte(a[0].text()), &x); err != nil {
			return nullValue
		}
		return fromAny(x)
	})
	def("jsonStringify", 1, 1, func(a []value) value {
		if a[0].isNull() {
			return nullValue
		}
		b, err := json.Marshal(a[0].toAny())
		if err != nil {
			return nullValue
		}
		return strValue(string(b))
	})
	def("jsonArraySize", 1, 1, func(a []value) value {
		list, ok := asList(a[0])
		if !ok {
			return nullValue
		}
		return numValue(float64(len(list)))
	})
	def("jsonArrayContains", 2, 2, func(a []value) value {
		list, ok := asList(a[0])
		if !ok {
			return nullValue
		}
		for _, x := range list {
			if equalValues(fromAny(x), a[1]) {
				return boolValue(true)
			}
		}
		return boolValue(false)
	})

	// IP.
	def("isValidIp", 1, 1, ipFn(func(ip ipAddr) bool { return true }))
	def("isValidIpV4", 1, 1, ipFn(func(ip ipAddr) bool { return ip.Is4() }))
	def("isValidIpV6", 1, 1, ipFn(func(ip ipAddr) bool { return ip.Is6() && !ip.Is4In6() }))
	def("isIpInSubnet", 2, 2, subnetFn(func(ip ipAddr) bool { return true }))
	def("isIpv4InSubnet", 2, 2, subnetFn(func(ip ipAddr) bool { return ip.Is4() }))
	def("isIpv6InSubnet", 2, 2, subnetFn(func(ip ipAddr) bool { return ip.Is6() }))
	def("isPrivateIP", 1, 1, ipFn(func(ip ipAddr) bool { return ip.IsPrivate() }))
	def("isReservedIP", 1, 1, ipFn(isReserved))
	def("isPublicIP", 1, 1, ipFn(func(ip ipAddr) bool { return !ip.IsPrivate() && !isReserved(ip) }))
	def("ipv4ToNumber", 1, 1, str1(func(s string) value {
		ip, ok := parseIP(s)
		if !ok || !ip.Is4() {
			return nullValue
		}
		b := ip.As4()
		return numValue(float64(uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])))
	}))

	// Aggregates (stats only); evaluated by aggregates.go.
	for _, n := range []string{"avg", "count_distinct", "max", "min", "stddev", "sum", "earliest", "latest", "sortsFirst", "sortsLast"} {
		def(n, 1, 1, nil).agg = true
	}
	c := def("count", 0, 1, nil)
	c.agg, c.star = true, true
	def("pct", 2, 2, nil).agg = true
}

func optText(a []value, i int) string {
	if i < len(a) {
		return a[i].text()
	}
	return ""
}

func clampInt(f float64, lo, hi int) int {
	switch {
	case math.IsNaN(f) || f < float64(lo):
		return lo
	case f > float64(hi):
		return hi
	}
	return int(f)
}

// extreme returns the greatest (sign 1) or least (-1) numeric argument.
func extreme(a []value, sign float64) value {
	best, found := 0.0, false
	for _, v := range a {
		x, ok := v.number()
		if !ok {
			continue
		}
		if !found || (x-best)*sign > 0 {
			best, found = x, true
		}
	}
	if !found {
		return nullValue
	}
	return numValue(best)
}

// asList returns v as a list, parsing a string holding a JSON array.
func asList(v value) ([]any, bool) {
	if v.k == kList {
		return v.x.([]any), true
	}
	if v.k != kStr {
		return nil, false
	}
	var list []any
	if err := json.Unmarshal([]byte(v.s), &list); err != nil {
		return nil, false
	}
	return list, true
}
