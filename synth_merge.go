package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/internal/jsjson"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// The files of a cloud assembly that a parallel synth merges from its
// parts' rather than moving one part's; cdk.out (the assembly's version)
// and content-addressed assets are the same in every part that has them.
const (
	manifestFile  = "manifest.json"
	treeFile      = "tree.json"
	reportFile    = "validation-report.json"
	versionFile   = "cdk.out"
	assetPrefix   = "asset."
	mergeFilePerm = 0o644
)

// mergeParts moves the parts' cloud assemblies (dirs) into outdir as one:
// every stack's files, tree.json with the parts' constructs,
// validation-report.json with their findings, and last manifest.json with
// their artifacts, so that the CLI finds no manifest until every file it
// lists is in place. Each file is renamed into place whole. stacks are the
// stacks' names in the order one process builds them, which is the order
// of their artifacts and constructs.
func mergeParts(outdir string, dirs, stacks []string) error {
	rank := stackRank(stacks)
	manifest, err := mergeFiles(dirs, manifestFile, safefile.Manifest, rank, "artifacts")
	if err != nil {
		return err
	}
	tree, err := mergeFiles(dirs, treeFile, safefile.Tree, rank, "tree", "children")
	if err != nil {
		return err
	}
	report, err := mergeReportFiles(dirs)
	if err != nil {
		return err
	}
	moves, err := partFiles(dirs)
	if err != nil {
		return err
	}
	for _, m := range moves {
		target := filepath.Join(outdir, m.name)
		if err := os.RemoveAll(target); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(m.dir, m.name), target); err != nil {
			return err
		}
	}
	staging := filepath.Dir(dirs[0])
	for _, f := range []struct {
		name string
		data []byte
	}{{treeFile, tree}, {reportFile, report}, {manifestFile, manifest}} {
		if f.data == nil {
			continue
		}
		tmp := filepath.Join(staging, f.name)
		if err := os.WriteFile(tmp, f.data, mergeFilePerm); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(outdir, f.name)); err != nil {
			return err
		}
	}
	return nil
}

// partFile is a file (or an asset's directory) of a part to move.
type partFile struct{ dir, name string }

// partFiles are the files of the parts to move, in order, each name once:
// a name in two parts is cdk.out or an asset, the same in both.
func partFiles(dirs []string) ([]partFile, error) {
	var out []partFile
	seen := map[string]bool{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			switch {
			case name == manifestFile || name == treeFile || name == reportFile:
			case seen[name] && (name == versionFile || strings.HasPrefix(name, assetPrefix)):
			case seen[name]:
				return nil, fmt.Errorf("merging the parallel synth: two parts wrote %s", name)
			default:
				seen[name] = true
				out = append(out, partFile{dir, name})
			}
		}
	}
	return out, nil
}

// stackRank orders the members of a manifest's artifacts and of a tree's
// children by the stack they belong to ("<stack>" and "<stack>.assets"),
// in the order of stacks; others rank after them.
func stackRank(stacks []string) func(key string) int {
	return func(key string) int {
		best, rank := -1, len(stacks)
		for i, s := range stacks {
			if (key == s || strings.HasPrefix(key, s+".")) && len(s) > best {
				best, rank = len(s), i
			}
		}
		return rank
	}
}

// mergeFiles merges the JSON file name of every part: the last part's
// document with, at the object that path names, every part's members,
// ordered by rank. A member in several parts (the manifest's "Tree"
// artifact, the tree's "Tree" node) must be the same in each and comes
// last, as one process writes it after every stack.
func mergeFiles(dirs []string, name string, kind safefile.Kind, rank func(string) int, path ...string) ([]byte, error) {
	var docs [][]byte
	for _, dir := range dirs {
		b, err := safefile.ReadFile(filepath.Join(dir, name), kind)
		if err != nil {
			return nil, err
		}
		docs = append(docs, b)
	}
	out, err := mergeAt(docs, rank, path)
	if err != nil {
		return nil, fmt.Errorf("merging the parallel synth's %s: %w", name, err)
	}
	return formatLike(docs[len(docs)-1], out)
}

// mergeAt merges the documents' objects at path.
func mergeAt(docs [][]byte, rank func(string) int, path []string) ([]byte, error) {
	lists := make([][]member, len(docs))
	for i, d := range docs {
		ms, err := membersAt(d, path)
		if err != nil {
			return nil, err
		}
		lists[i] = ms
	}
	merged, err := mergeMembers(lists, rank)
	if err != nil {
		return nil, err
	}
	return replaceAt(docs[len(docs)-1], path, merged)
}

// mergeMembers concatenates the parts' members, stably ordered by rank;
// those in more than one part must be equal, and follow, in the last
// part's order.
func mergeMembers(lists [][]member, rank func(string) int) ([]member, error) {
	count := map[string]int{}
	for _, ms := range lists {
		for _, m := range ms {
			count[m.key]++
		}
	}
	var out []member
	shared := map[string]json.RawMessage{}
	for _, ms := range lists {
		for _, m := range ms {
			prev, seen := shared[m.key]
			switch {
			case count[m.key] == 1:
				out = append(out, m)
			case seen && !bytes.Equal(prev, m.value):
				return nil, fmt.Errorf("%q differs between the parts", m.key)
			default:
				shared[m.key] = m.value
			}
		}
	}
	slices.SortStableFunc(out, func(a, b member) int { return rank(a.key) - rank(b.key) })
	// The shared members, in the order of the last part that has them.
	for i := len(lists) - 1; i >= 0; i-- {
		for _, m := range lists[i] {
			if v, ok := shared[m.key]; ok {
				out = append(out, member{m.key, v})
				delete(shared, m.key)
			}
		}
	}
	return out, nil
}

// mergeReportFiles merges the parts' validation reports (aws-cdk-lib's
// construct annotations and validation plugins): nil when no part has
// one. A plugin's report and a rule's violation appear once, in the order
// they are first found, with every part's violating constructs; a plugin
// failed when it failed in any part.
func mergeReportFiles(dirs []string) ([]byte, error) {
	var docs [][]byte
	for _, dir := range dirs {
		b, err := safefile.ReadFile(filepath.Join(dir, reportFile), safefile.Manifest)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, b)
	}
	if len(docs) < 2 {
		if len(docs) == 1 {
			return docs[0], nil
		}
		return nil, nil
	}
	plugins := make([][]json.RawMessage, len(docs))
	for i, d := range docs {
		raw, err := membersAt(d, nil)
		if err != nil {
			return nil, err
		}
		if v, ok := valueOf(raw, "pluginReports"); ok {
			if err := json.Unmarshal(v, &plugins[i]); err != nil {
				return nil, err
			}
		}
	}
	merged, err := mergeKeyed(plugins, []string{"pluginName"}, mergePluginReports)
	if err != nil {
		return nil, fmt.Errorf("merging the parallel synth's %s: %w", reportFile, err)
	}
	out, err := replaceMember(docs[0], "pluginReports", merged)
	if err != nil {
		return nil, err
	}
	return formatLike(docs[0], out)
}

// mergePluginReports merges two reports of one plugin.
func mergePluginReports(a, b []member) ([]member, error) {
	if v, _ := valueOf(b, "conclusion"); string(v) == `"failure"` {
		a = setMember(a, "conclusion", v)
	}
	va, _ := valueOf(a, "violations")
	vb, _ := valueOf(b, "violations")
	var lists [2][]json.RawMessage
	json.Unmarshal(va, &lists[0])
	json.Unmarshal(vb, &lists[1])
	merged, err := mergeKeyed(lists[:], []string{"ruleName", "severity", "description"}, mergeViolations)
	if err != nil {
		return nil, err
	}
	return setMember(a, "violations", merged), nil
}

// mergeViolations merges two violations of one rule: their constructs.
func mergeViolations(a, b []member) ([]member, error) {
	va, _ := valueOf(a, "violatingConstructs")
	vb, _ := valueOf(b, "violatingConstructs")
	var ca, cb []json.RawMessage
	json.Unmarshal(va, &ca)
	json.Unmarshal(vb, &cb)
	all, err := json.Marshal(append(ca, cb...))
	if err != nil {
		return nil, err
	}
	return setMember(a, "violatingConstructs", all), nil
}

// mergeKeyed merges arrays of objects that have the same values at keys
// (combine merges two such objects), keeping the order in which the keys
// are first found.
func mergeKeyed(arrays [][]json.RawMessage, keys []string, combine func(a, b []member) ([]member, error)) (json.RawMessage, error) {
	var order []string
	byKey := map[string][]member{}
	for _, arr := range arrays {
		for _, raw := range arr {
			ms, err := objectMembers(raw)
			if err != nil {
				return nil, err
			}
			var id []string
			for _, k := range keys {
				v, _ := valueOf(ms, k)
				id = append(id, string(v))
			}
			key := strings.Join(id, "\x00")
			prev, ok := byKey[key]
			if !ok {
				order = append(order, key)
				byKey[key] = ms
				continue
			}
			if byKey[key], err = combine(prev, ms); err != nil {
				return nil, err
			}
		}
	}
	out := make([]json.RawMessage, len(order))
	for i, k := range order {
		out[i] = encodeObject(byKey[k])
	}
	return json.Marshal(out)
}

// member is a key of a JSON object and its value, compact.
type member struct {
	key   string
	value json.RawMessage
}

// objectMembers are the members of the JSON object raw, in order.
func objectMembers(raw []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("expected a JSON object")
	}
	var out []member
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		var c bytes.Buffer
		if err := json.Compact(&c, v); err != nil {
			return nil, err
		}
		out = append(out, member{t.(string), c.Bytes()})
	}
	return out, nil
}

// encodeObject writes members as a compact JSON object, keys as
// JSON.stringify writes them.
func encodeObject(ms []member) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsjson.Quote(m.key))
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func valueOf(ms []member, key string) (json.RawMessage, bool) {
	for _, m := range ms {
		if m.key == key {
			return m.value, true
		}
	}
	return nil, false
}

// setMember is ms with key's value v, in its place, or appended.
func setMember(ms []member, key string, v json.RawMessage) []member {
	out := slices.Clone(ms)
	for i := range out {
		if out[i].key == key {
			out[i].value = v
			return out
		}
	}
	return append(out, member{key, v})
}

// membersAt are the members of the object at path (keys from the root).
func membersAt(doc []byte, path []string) ([]member, error) {
	ms, err := objectMembers(doc)
	if err != nil || len(path) == 0 {
		return ms, err
	}
	v, ok := valueOf(ms, path[0])
	if !ok {
		return nil, fmt.Errorf("no %q", path[0])
	}
	return membersAt(v, path[1:])
}

// replaceAt is doc, compact, with the object at path made of ms.
func replaceAt(doc []byte, path []string, ms []member) ([]byte, error) {
	if len(path) == 0 {
		return encodeObject(ms), nil
	}
	top, err := objectMembers(doc)
	if err != nil {
		return nil, err
	}
	v, ok := valueOf(top, path[0])
	if !ok {
		return nil, fmt.Errorf("no %q", path[0])
	}
	inner, err := replaceAt(v, path[1:], ms)
	if err != nil {
		return nil, err
	}
	return encodeObject(setMember(top, path[0], inner)), nil
}

// replaceMember is doc, compact, with key's value v.
func replaceMember(doc []byte, key string, v json.RawMessage) ([]byte, error) {
	top, err := objectMembers(doc)
	if err != nil {
		return nil, err
	}
	return encodeObject(setMember(top, key, v)), nil
}

// formatLike writes the compact document doc as like is written: compact,
// or indented as aws-cdk-lib's JSON.stringify(v, undefined, n) indents,
// with like's trailing white space.
func formatLike(like, doc []byte) ([]byte, error) {
	trimmed := bytes.TrimRight(like, " \t\r\n")
	tail := like[len(trimmed):]
	var out bytes.Buffer
	if len(like) > 1 && like[1] == '\n' {
		indent := like[2 : 2+len(like[2:])-len(bytes.TrimLeft(like[2:], " \t"))]
		if err := json.Indent(&out, doc, "", string(indent)); err != nil {
			return nil, err
		}
	} else {
		out.Write(doc)
	}
	out.Write(tail)
	return out.Bytes(), nil
}
