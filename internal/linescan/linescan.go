// Package linescan finds the lines of a buffer that hold a given text,
// with one search over the whole buffer rather than one per line: the
// prefilters of logq filter (filterpattern.Prefilter) and logq query
// (insights.Prefilter) skip the lines that cannot match this way.
package linescan

import "bytes"

// Lines calls fn with the bounds of each line of data that holds needle or
// (when alt is not empty) alt, in order, until fn returns false. Lines end
// in "\n", which end excludes; the last may lack it. needle must not be
// empty.
func Lines(data, needle, alt []byte, fn func(start, end int) bool) {
	next, other := -1, -1 // offsets of the next needle and alt, once searched for
	for pos := 0; pos < len(data); {
		if next < pos {
			next = indexFrom(data, pos, needle)
		}
		at := next
		if len(alt) > 0 {
			if other < pos {
				other = indexFrom(data, pos, alt)
			}
			at = min(at, other)
		}
		if at >= len(data) {
			return
		}
		start := bytes.LastIndexByte(data[pos:at], '\n') + 1 + pos
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += at
		}
		if !fn(start, end) {
			return
		}
		pos = end + 1
	}
}

// indexFrom is the offset of sep in data from from on, or len(data).
func indexFrom(data []byte, from int, sep []byte) int {
	if i := bytes.Index(data[from:], sep); i >= 0 {
		return i + from
	}
	return len(data)
}
