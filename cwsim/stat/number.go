package stat

import (
	"math"
	"strconv"
	"strings"
)

// number is a non-negative decimal number as written in a statistic:
//
//	number = digit { digit } [ "." digit { digit } ]
//
// with at most MaxDecimals digits after the point. The zero number is
// "not given" (an omitted bound).
type number struct {
	set   bool
	text  string  // canonical: no leading zeros, no trailing fractional zeros, no bare "."
	value float64 // the number
	units uint64  // the number in percentUnits, when it is at most MaxPercent
}

// scanNumber reads a number at s[off:]. It returns the number and the
// offset just after it, or an error at the offending byte.
func scanNumber(s string, off int) (number, int, *ParseError) {
	i := off
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == off {
		return number{}, off, errorAt(s, off, "expected a number")
	}
	intPart, frac := s[off:i], ""
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i+1 {
			return number{}, j, errorAt(s, j, "expected a digit after the decimal point")
		}
		if j-i-1 > MaxDecimals {
			return number{}, i + 1 + MaxDecimals, errorAt(s, i+1+MaxDecimals,
				"at most %d decimal places are allowed, got %d", MaxDecimals, j-i-1)
		}
		frac, i = s[i+1:j], j
	}
	n, err := makeNumber(intPart, frac)
	if err != "" {
		return number{}, off, errorAt(s, off, "%s", err)
	}
	return n, i, nil
}

// makeNumber builds a number from its digits before and after the point,
// or says why it cannot.
func makeNumber(intPart, frac string) (number, string) {
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	text := intPart
	if text == "" {
		text = "0"
	}
	if frac != "" {
		text += "." + frac
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(v, 0) {
		return number{}, "the number " + text + " is too large"
	}
	n := number{set: true, text: text, value: v}
	if v <= MaxPercent {
		whole, _ := strconv.ParseUint("0"+intPart, 10, 64) // at most 100 here
		fracUnits, _ := strconv.ParseUint(frac+strings.Repeat("0", MaxDecimals-len(frac)), 10, 64)
		n.units = whole*percentUnits + fracUnits
	}
	return n, ""
}

// isPercentage tells whether n is a valid percentage, 0 to 100 inclusive.
func (n number) isPercentage() bool {
	return n.units <= hundredPercent && n.value <= MaxPercent
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
