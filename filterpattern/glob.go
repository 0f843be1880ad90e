package filterpattern

import "bytes"

// glob matches text against a pattern in which '*' stands for any run of
// bytes, possibly empty. It is compiled once from the pattern.
type glob struct {
	parts [][]byte // the pattern split at '*'; len(parts) >= 2
}

// newGlob compiles pattern, which must contain a '*'.
func newGlob(pattern string) glob {
	return glob{parts: bytes.Split([]byte(pattern), []byte("*"))}
}

// match reports whether the whole of s matches the glob.
func (g glob) match(s []byte) bool {
	first, last := g.parts[0], g.parts[len(g.parts)-1]
	if len(s) < len(first)+len(last) || !bytes.HasPrefix(s, first) || !bytes.HasSuffix(s, last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, part := range g.parts[1 : len(g.parts)-1] {
		i := bytes.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return true
}
