package assembly

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Metadata is what a stack's construct metadata (<stack>.metadata.json in
// a cloud assembly) tells about its resources: the construct path of each
// logical ID, and the config origins eventwatch's stacks record.
type Metadata struct {
	// Paths maps a logical ID to its construct path below the stack
	// ("Orders/AlarmQueueWorkerFailure/Resource").
	Paths map[string]string
	// Origins maps construct paths below the stack to config origins
	// ("config/services.yaml:104: services[1].events[0]").
	Origins map[string]string
}

// ReadMetadata reads the construct metadata of stack in the cloud
// assembly dir; a directory without it (test/golden) gives empty Metadata.
// originType is the metadata entry type that holds the origins.
func ReadMetadata(dir, stack, originType string) (Metadata, error) {
	md := Metadata{Paths: map[string]string{}, Origins: map[string]string{}}
	b, err := safefile.ReadFile(filepath.Join(dir, stack+".metadata.json"), safefile.Manifest)
	if errors.Is(err, fs.ErrNotExist) {
		return md, nil
	}
	if err != nil {
		return md, err
	}
	var entries map[string][]struct {
		Type string          `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &entries); err != nil {
		return md, fmt.Errorf("%s.metadata.json: %w", stack, err)
	}
	root := "/" + stack + "/"
	for path, list := range entries {
		rel := strings.TrimPrefix(path, root)
		for _, e := range list {
			switch e.Type {
			case "aws:cdk:logicalId":
				var id string
				if json.Unmarshal(e.Data, &id) == nil {
					md.Paths[id] = rel
				}
			case originType:
				var origins map[string]string
				if json.Unmarshal(e.Data, &origins) == nil {
					for p, o := range origins {
						md.Origins[p] = o
					}
				}
			}
		}
	}
	return md, nil
}

// Origin is the config origin of a logical ID: that of its construct, or
// of the nearest construct above it that has one; "" when none has.
func (m Metadata) Origin(logicalID string) string {
	for p := m.Paths[logicalID]; p != ""; {
		if o, ok := m.Origins[p]; ok {
			return o
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return ""
}
