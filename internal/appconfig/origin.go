package appconfig

import (
	"fmt"
	"sort"
)

// OriginMetadataType is the construct metadata entry in which the stacks
// record each construct's config origin. It goes to the cloud assembly
// (<stack>.metadata.json), never to the template sent to AWS.
const OriginMetadataType = "eventwatch:origin"

// Origin is where an item comes from in the config: "file:line: field",
// such as "config/services.yaml:80: services[1].ratios[0]", or "" when it
// has no place of its own. An item without a base path of its own (an
// environment's topics, a silence alarm set by the environment) is placed
// at its first field, in key order.
func (it Item) Origin() string {
	d, path := it.src.doc, it.src.base
	if path == "" {
		keys := make([]string, 0, len(it.src.fields))
		for k := range it.src.fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f := it.src.fields[k]
			if len(f) > 1 && f[0] == '@' {
				if other := it.src.other[f]; other != nil {
					d, path = other, f[1:]
					break
				}
				continue
			}
			if f != "" {
				path = f
				break
			}
		}
	}
	if d == nil {
		return ""
	}
	if path == "" {
		return d.file
	}
	if line := d.line(path); line > 0 {
		return fmt.Sprintf("%s:%d: %s", d.file, line, path)
	}
	return d.file + ": " + path
}
