package spec

import (
	"strings"
	"unicode"
)

// validateTags checks every tag, in key order, against AWS's tagging rules
// (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html):
// keys of 1 to 128 and values of up to 256 Unicode characters, made of
// letters, digits, spaces and _ . : / = + - @, and no key starting with
// aws: (in any case), which AWS reserves.
func validateTags(tags map[string]string) error {
	for _, k := range sortedKeys(tags) {
		v := tags[k]
		switch {
		case k == "" || chars(k) > MaxTagKeyLength:
			return fieldErr("tags", "tag key %s must be 1 to %d characters", echo(k), MaxTagKeyLength)
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			return fieldErr("tags", "tag key %s: the aws: prefix is reserved for AWS", echo(k))
		case chars(v) > MaxTagValueLength:
			return fieldErr("tags", "tag %s's value is %d characters; AWS allows at most %d", echo(k), chars(v), MaxTagValueLength)
		}
		if r, bad := badTagRune(k); bad {
			return fieldErr("tags", "tag key %s contains %q; AWS allows letters, digits, spaces and _ . : / = + - @", echo(k), r)
		}
		if r, bad := badTagRune(v); bad {
			return fieldErr("tags", "tag %s's value %s contains %q; AWS allows letters, digits, spaces and _ . : / = + - @", echo(k), echo(v), r)
		}
	}
	return nil
}

// badTagRune returns the first character of s that AWS does not allow in
// tags: the pattern ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$.
func badTagRune(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.In(r, unicode.Z) || unicode.IsNumber(r) || strings.ContainsRune("_.:/=+-@", r) {
			continue
		}
		return r, true
	}
	return 0, false
}

// CheckTag checks one tag against AWS's tagging rules.
func CheckTag(key, value string) error {
	return validateTags(map[string]string{key: value})
}
