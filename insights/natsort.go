package insights

import (
	"strings"
	"unicode/utf8"
)

// NaturalCompare compares two values as displayed, in the ascending
// "updated natural sort" order of the sort command (see semantics.go):
// non-numbers before numbers; numbers by value, ties by text; non-numbers
// rune by rune with digit runs compared by length, then value.
func NaturalCompare(a, b string) int {
	return compareSort(strValue(a), strValue(b))
}

// isPlainNumber reports whether s is -?digits(.digits)?.
func isPlainNumber(s string) bool {
	i := 0
	if strings.HasPrefix(s, "-") {
		i = 1
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == frac {
			return false
		}
	}
	return i == len(s)
}

// sortNumber returns v's number when v counts as a number for sorting.
func sortNumber(v value) (float64, bool) {
	switch v.k {
	case kNum:
		if v.s != "" && !isPlainNumber(v.s) {
			return parseNumber(v.s)
		}
		return v.n, true
	case kBool, kTime:
		return v.n, true
	case kStr:
		if isPlainNumber(v.s) {
			return parseNumber(v.s)
		}
	}
	return 0, false
}

// compareSort compares a and b in ascending sort order. Nulls are not
// handled here (see compareKeys).
func compareSort(a, b value) int {
	x, an := sortNumber(a)
	y, bn := sortNumber(b)
	switch {
	case an && bn:
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return strings.Compare(a.text(), b.text())
	case an:
		return 1
	case bn:
		return -1
	}
	return naturalText(a.text(), b.text())
}

// naturalText compares non-number strings rune by rune, digit runs by
// length and then value.
func naturalText(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			ra, rb := a[si:i], b[sj:j]
			if len(ra) != len(rb) {
				if len(ra) < len(rb) {
					return -1
				}
				return 1
			}
			if c := strings.Compare(ra, rb); c != 0 {
				return c
			}
			continue
		}
		ca, wa := utf8.DecodeRuneInString(a[i:])
		cb, wb := utf8.DecodeRuneInString(b[j:])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i += wa
		j += wb
	}
	switch {
	case len(a)-i < len(b)-j:
		return -1
	case len(a)-i > len(b)-j:
		return 1
	}
	return 0
}

// compareKeys compares a and b ascending (desc reverses) with nulls last in
// both directions.
func compareKeys(a, b value, desc bool) int {
	an, bn := a.isNull(), b.isNull()
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	c := compareSort(a, b)
	if desc {
		return -c
	}
	return c
}
