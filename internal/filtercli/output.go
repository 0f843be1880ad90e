package filtercli

import (
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/eventwatch/eventwatch/filterpattern"
)

// appendMatch appends the --json line for one match:
// {"file":...,"line":N,"message":"...","value":V,"dimensions":{...}}.
func (r *runner) appendMatch(b []byte, file string, line int, msg []byte, res filterpattern.Result) []byte {
	b = append(b, '{')
	if r.multi {
		b = append(b, `"file":`...)
		b = appendJSONString(b, file)
		b = append(b, ',')
	}
	b = append(b, `"line":`...)
	b = strconv.AppendInt(b, int64(line), 10)
	b = append(b, `,"message":`...)
	b = appendJSONString(b, msg)
	if r.ext != nil {
		b = append(b, `,"value":`...)
		if res.HasValue && !math.IsInf(res.Value, 0) && !math.IsNaN(res.Value) {
			b = strconv.AppendFloat(b, res.Value, 'g', -1, 64)
		} else {
			b = append(b, "null"...)
		}
	}
	if len(r.opts.dims) > 0 {
		b = append(b, `,"dimensions":{`...)
		names := make([]string, 0, len(res.Dimensions))
		for name := range res.Dimensions {
			names = append(names, name)
		}
		sort.Strings(names)
		for i, name := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, name)
			b = append(b, ':')
			b = appendJSONString(b, res.Dimensions[name])
		}
		b = append(b, '}')
	}
	return append(b, "}\n"...)
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json does.
func appendJSONString[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
