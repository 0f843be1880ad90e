package spec

import (
	"strings"
)

// checkTag checks a tag against AWS's limits.
func checkTag(key, value string) error {
	switch {
	case key == "" || len(key) > MaxTagKeyLength:
		return fieldErr("tags", "tag key %q must be 1 to %d characters", key, MaxTagKeyLength)
	case strings.HasPrefix(key, "aws:"):
		return fieldErr("tags", "tag key %q: the aws: prefix is reserved for AWS", key)
	case len(value) > MaxTagValueLength:
		return fieldErr("tags", "tag %s's value is %d characters; AWS allows at most %d", key, len(value), MaxTagValueLength)
	}
	return nil
}
