package appconfig

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

const (
	// CharsPerTypo bounds how far a suggestion may be from an unknown
	// name: one edit (a character inserted, deleted, replaced, or two
	// neighbours swapped) per CharsPerTypo characters of the name, and at
	// least one. A farther name is more likely another name than a typo.
	CharsPerTypo = 3
	// MaxListedNames bounds the valid names an error lists when none is
	// close to the unknown one.
	MaxListedNames = 20
	// MaxSuggestionWork bounds the work of finding close names in one
	// config file, in cells of the edit distance's table (about 0.1 s):
	// a file of thousands of unknown names among thousands of valid ones
	// gets lists of valid names past it, rather than a slow run.
	MaxSuggestionWork = 50_000_000
)

// suggester finds the valid name closest to an unknown one, within
// MaxSuggestionWork. The zero value is ready to use.
type suggester struct{ work int }

// didYouMean says what to write instead of the unknown name, for a short
// list of valid names.
func didYouMean(name string, valid []string) string {
	return new(suggester).didYouMean(name, valid)
}

// closest is suggester.closest, for a short list of valid names.
func closest(name string, valid []string) (string, bool) {
	return new(suggester).closest(name, valid)
}

// didYouMean says what to write instead of the unknown name: the closest
// of valid ("did you mean charge-failed?") when one is close, else the list
// of valid names ("expected one of a, b, c"), or "there are none".
func (s *suggester) didYouMean(name string, valid []string) string {
	if best, ok := s.closest(name, valid); ok {
		return "did you mean " + best + "?"
	}
	return expectedOneOf(valid)
}

// expectedOneOf lists the valid names, for when none is close.
func expectedOneOf(valid []string) string {
	if len(valid) == 0 {
		return "there are none"
	}
	return "expected one of " + listNames(valid)
}

// listNames lists names, at most MaxListedNames of them.
func listNames(names []string) string {
	if len(names) > MaxListedNames {
		return fmt.Sprintf("%s, and %d more", strings.Join(names[:MaxListedNames], ", "), len(names)-MaxListedNames)
	}
	return strings.Join(names, ", ")
}

// unknownName says what to write instead of name, which valid lacks, and
// whether to report it at all: when valid may lack a name because an
// entry failed to decode (incomplete), a name is reported only when a
// valid one is close to it, since it may be the lost one.
func (s *suggester) unknownName(name string, valid []string, incomplete bool) (string, bool) {
	if best, ok := s.closest(name, valid); ok {
		return "did you mean " + best + "?", true
	}
	return expectedOneOf(valid), !incomplete
}

// closest returns the name of valid nearest to name by Damerau-Levenshtein
// distance, ignoring case, if it is within CharsPerTypo of it; of equally
// near names, the first. name itself is never suggested.
func (s *suggester) closest(name string, valid []string) (string, bool) {
	n := utf8.RuneCountInString(name)
	limit := max(1, n/CharsPerTypo)
	best, bestDist := "", limit+1
	for _, v := range valid {
		m := utf8.RuneCountInString(v)
		if v == name || n-m > limit || m-n > limit {
			continue
		}
		if s.work += n * m; s.work > MaxSuggestionWork {
			return "", false
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(v), limit); d < bestDist {
			best, bestDist = v, d
		}
	}
	return best, best != ""
}

// editDistance is the optimal string alignment distance (Damerau-
// Levenshtein with each substring edited once) between a and b, counted in
// characters; any distance over limit is returned as limit+1, early.
func editDistance(a, b string, limit int) int {
	s, t := []rune(a), []rune(b)
	if d := len(s) - len(t); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows of the distance matrix: two back, one back, this one.
	prev2, prev, cur := make([]int, len(t)+1), make([]int, len(t)+1), make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(t)], limit+1)
}
