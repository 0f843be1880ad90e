// Package cfn is the small CloudFormation model that eventwatch's constructs
// render into: resources as plain Go values, intrinsic functions, and
// logical IDs derived from stable names. Rendering happens in Go, so the
// rules and the shape of every resource are tested without Node.js; the
// constructs hand the finished fragment to the CDK in one call.
package cfn

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Resource is one entry of a template's Resources section.
type Resource struct {
	Type       string
	Properties map[string]any
	// DeletionPolicy is written as both DeletionPolicy and
	// UpdateReplacePolicy: Retain keeps the resource (and its data) when the
	// stack is deleted or the resource replaced; Delete removes it; empty
	// leaves CloudFormation's default.
	DeletionPolicy string
	DependsOn      []string
	Metadata       map[string]any
}

// MarshalJSON renders the resource the way CloudFormation expects it.
func (r Resource) MarshalJSON() ([]byte, error) {
	out := map[string]any{"Type": r.Type}
	if len(r.Properties) > 0 {
		out["Properties"] = r.Properties
	}
	if r.DeletionPolicy != "" {
		out["DeletionPolicy"] = r.DeletionPolicy
		out["UpdateReplacePolicy"] = r.DeletionPolicy
	}
	if len(r.DependsOn) > 0 {
		deps := append([]string(nil), r.DependsOn...)
		sort.Strings(deps)
		out["DependsOn"] = deps
	}
	if len(r.Metadata) > 0 {
		out["Metadata"] = r.Metadata
	}
	return json.Marshal(out)
}

// Resources maps logical IDs to resources.
type Resources map[string]Resource

// Add puts r under logicalID, failing on a duplicate ID: two names that
// render to the same logical ID would otherwise overwrite each other.
func (rs Resources) Add(logicalID string, r Resource) error {
	if _, dup := rs[logicalID]; dup {
		return fmt.Errorf("two resources render to the logical ID %q; rename one of them", logicalID)
	}
	rs[logicalID] = r
	return nil
}

// Merge adds every resource of other to rs, failing on a duplicate ID.
func (rs Resources) Merge(other Resources) error {
	for _, id := range other.IDs() {
		if err := rs.Add(id, other[id]); err != nil {
			return err
		}
	}
	return nil
}

// IDs returns the logical IDs, sorted.
func (rs Resources) IDs() []string {
	ids := make([]string, 0, len(rs))
	for id := range rs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Template renders rs as a CloudFormation template body.
func (rs Resources) Template() ([]byte, error) {
	return json.Marshal(map[string]any{"Resources": rs})
}

// Ref refers to a resource's primary identifier.
func Ref(logicalID string) map[string]any { return map[string]any{"Ref": logicalID} }

// GetAtt refers to an attribute of a resource.
func GetAtt(logicalID, attribute string) map[string]any {
	return map[string]any{"Fn::GetAtt": []any{logicalID, attribute}}
}

// Policy values of Resource.DeletionPolicy.
const (
	Retain = "Retain"
	Delete = "Delete"
)

// Sub substitutes ${AWS::Region}-style variables in s.
func Sub(s string) map[string]any { return map[string]any{"Fn::Sub": s} }

// LogicalID joins name parts into a CloudFormation logical ID: each part is
// split on non-alphanumeric characters and written in CamelCase, so
// ("Alarm", "orders", "httpbin-post") gives "AlarmOrdersHttpbinPost". The
// ID depends only on the names, never on where a construct sits in the
// tree, so refactoring cannot replace a resource.
func LogicalID(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		upper := true
		for _, r := range p {
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				upper = true
				continue
			}
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
