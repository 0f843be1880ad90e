package cfnrules

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
)

// FuzzCheck checks that no template makes Check panic, seeded with the
// golden templates and the templates of testdata/rules.
func FuzzCheck(f *testing.F) {
	for _, s := range goldenStacks(f) {
		f.Add(s.Template)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "rules", "*.json"))
	for _, file := range files {
		var cases []ruleCase
		if err := json.Unmarshal(readFile(f, file), &cases); err != nil {
			f.Fatal(err)
		}
		for _, c := range cases {
			if len(c.Template) > 0 && len(c.Template) < 4096 {
				f.Add([]byte(c.Template))
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		done := make(chan bool)
		go func() {
			Check([]Stack{
				{Name: "app", Account: "111111111111", Region: "eu-west-1", Template: body},
				{Name: "other", Template: body},
			})
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("Check takes over 2s on %q", body)
		}
	})
}
