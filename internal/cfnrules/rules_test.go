package cfnrules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A ruleCase is one template that breaks one rule, from
// testdata/rules/<rule ID>.json: each file is a list of cases.
type ruleCase struct {
	Name string `json:"name"`
	// Want is a fragment of the message the rule must report; null for
	// stacks in which no rule may report anything (what AWS accepts).
	Want *string `json:"want"`
	// Also lists the other rules the case may trigger (a template that
	// breaks one rule can break another, such as cwsim's load).
	Also []string `json:"also"`
	// Template is one stack's template ("app", in 111111111111, eu-west-1);
	// Stacks, several stacks.
	Template json.RawMessage `json:"template"`
	Stacks   []struct {
		Name     string          `json:"name"`
		Account  string          `json:"account"`
		Region   string          `json:"region"`
		Template json.RawMessage `json:"template"`
		// Raw is a template body given as text (one that is not JSON).
		Raw *string `json:"raw"`
	} `json:"stacks"`
	// Copies repeats an entry of a template section, to reach a quota
	// without a large file: {section: Resources, id: F, count: 101}
	// makes F, F2, ..., F101.
	Copies []struct {
		Section string `json:"section"`
		ID      string `json:"id"`
		Count   int    `json:"count"`
	} `json:"copies"`
	// PadBytes pads the first resource's Metadata to make the template
	// larger than PadBytes.
	PadBytes int `json:"padBytes"`
}

// stacks builds the case's stacks.
func (c *ruleCase) stacks(t *testing.T) []Stack {
	t.Helper()
	if len(c.Stacks) == 0 {
		return []Stack{{Name: "app", Account: "111111111111", Region: "eu-west-1", Template: c.expand(t, c.Template)}}
	}
	var out []Stack
	for _, s := range c.Stacks {
		st := Stack{Name: s.Name, Account: s.Account, Region: s.Region}
		if s.Raw != nil {
			st.Template = []byte(*s.Raw)
		} else {
			st.Template = c.expand(t, s.Template)
		}
		out = append(out, st)
	}
	return out
}

// expand applies Copies and PadBytes to a template.
func (c *ruleCase) expand(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	if len(c.Copies) == 0 && c.PadBytes == 0 {
		return raw
	}
	var tpl map[string]any
	if err := json.Unmarshal(raw, &tpl); err != nil {
		t.Fatal(err)
	}
	for _, cp := range c.Copies {
		section, _ := tpl[cp.Section].(map[string]any)
		for i := 2; i <= cp.Count; i++ {
			section[cp.ID+strconv.Itoa(i)] = section[cp.ID]
		}
	}
	if c.PadBytes > 0 {
		resources := tpl["Resources"].(map[string]any)
		for _, id := range sortedKeys(resources) {
			resources[id].(map[string]any)["Metadata"] = map[string]any{"pad": strings.Repeat("x", c.PadBytes)}
			break
		}
	}
	b, err := json.Marshal(tpl)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRules runs the cases of testdata/rules: each must make its rule
// report the message it expects, and no rule but those it lists.
func TestRules(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "rules", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("testdata/rules: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		var cases []ruleCase
		if err := json.Unmarshal(readFile(t, f), &cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range cases {
			t.Run(id+"/"+c.Name, func(t *testing.T) {
				problems := Check(c.stacks(t))
				if c.Want == nil {
					for _, p := range problems {
						t.Errorf("want no problem, got %s", p)
					}
					return
				}
				found := false
				for _, p := range problems {
					switch {
					case p.Rule == id && strings.Contains(p.Msg, *c.Want):
						found = true
						if p.Source == "" {
							t.Errorf("%s: no Source", p)
						}
					case p.Rule != id && !slices.Contains(c.Also, p.Rule):
						t.Errorf("another rule reports: %s", p)
					}
				}
				if !found {
					t.Errorf("no %s problem with %q; got:", id, *c.Want)
					for _, p := range problems {
						t.Errorf("  %s", p)
					}
				}
			})
		}
	}
}

// TestEveryRuleHasACase checks that every rule of the tables has a file of
// cases, and every file a rule.
func TestEveryRuleHasACase(t *testing.T) {
	ids := map[string]bool{stackReadRule.id: true}
	for _, rules := range resourceRules {
		for _, r := range rules {
			ids[r.ID] = true
		}
	}
	for _, r := range customResourceRules {
		ids[r.ID] = true
	}
	for _, r := range stackRules {
		ids[r.ID] = true
	}
	for _, r := range setRules {
		ids[r.ID] = true
	}
	for id := range ids {
		if _, err := os.Stat(filepath.Join("testdata", "rules", id+".json")); err != nil {
			t.Errorf("rule %s has no testdata/rules/%s.json", id, id)
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "rules", "*.json"))
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".json"); !ids[id] {
			t.Errorf("%s names no rule", f)
		}
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
