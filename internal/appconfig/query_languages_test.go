package appconfig_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// queryConfig is a config whose queries folder holds files.
func queryConfig(files map[string]string, use ...string) fstest.MapFS {
	services := "owner: team\nservices:\n  - name: orders\n    events: []\n"
	if len(use) > 0 {
		services += "queries:\n"
		for _, u := range use {
			services += "  - file: " + u + "\n    logGroups: [orders]\n"
		}
	}
	fsys := fstest.MapFS{
		"services.yaml":         {Data: []byte(services)},
		"environments/dev.yaml": {Data: []byte("account: \"111111111111\"\nregion: eu-west-1\n")},
	}
	for name, text := range files {
		fsys["queries/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// SQL and PPL files become saved queries with their QueryLanguage; the
// folder and log groups work as for .insights files.
func TestSavedQueryLanguagesFromExtension(t *testing.T) {
	fsys := queryConfig(map[string]string{
		"errors.insights":    "filter level = 'ERROR' | stats count(*) by bin(1h)",
		"team/slow.sql":      "SELECT `@message` FROM `orders` WHERE duration > 1000 ORDER BY duration DESC LIMIT 20",
		"team/by-status.ppl": "fields status | stats count() by status",
	}, "errors", "team/slow", "team/by-status")
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	plans, err := cfg.Plan("dev")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, it := range plans[0].Items {
		if it.Query != nil {
			got[it.Query.Name] = it.Query.QueryLanguage
			if len(it.Query.LogGroupNames) != 1 {
				t.Errorf("%s runs on %v, want the orders log group", it.Query.Name, it.Query.LogGroupNames)
			}
		}
	}
	want := map[string]string{"errors": spec.QueryLanguageInsights, "team/slow": spec.QueryLanguageSQL, "team/by-status": spec.QueryLanguagePPL}
	for name, lang := range want {
		if got[name] != lang {
			t.Errorf("query %s has language %q, want %q", name, got[name], lang)
		}
	}
}

// Invalid SQL and PPL files fail with file, line and column, used or not;
// two languages under one name are refused.
func TestSavedQueryLanguageErrors(t *testing.T) {
	for _, c := range []struct {
		files map[string]string
		use   []string
		want  string
	}{
		{map[string]string{"bad.sql": "SELECT a\nFROM `x`\nGROUP BY a WHERE b = 1"}, nil, "cfg/queries/bad.sql:3:12: WHERE cannot come here"},
		{map[string]string{"bad.ppl": "fields a\n| frob b"}, nil, `cfg/queries/bad.ppl:2:3: unknown PPL command "frob"`},
		{map[string]string{"bad.sql": "DELETE FROM `x`"}, []string{"bad"}, "cfg/queries/bad.sql:1:1: DELETE is not allowed"},
		{map[string]string{"q.sql": "SELECT a FROM `x`", "q.insights": "fields a"}, []string{"q"}, "two saved queries are named q: q.insights and q.sql"},
		{map[string]string{"p.insights": "fields @message | pattern @message | diff previousDay"}, []string{"nope"}, "no saved query nope (.insights, .sql or .ppl)"},
	} {
		_, err := appconfig.Load(queryConfig(c.files, c.use...), "cfg", queries.FS)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: Load error %v, want it to contain %q", c.files, err, c.want)
		}
	}
	// the five queries of issue 9 are valid saved queries
	valid := map[string]string{
		"p.insights":    "fields @timestamp, @message\n| pattern @message",
		"u.insights":    "fields jsonParse(@message) as js | unnest js.events into event",
		"f.insights":    "fields @timestamp | filterIndex requestId in ['a', 'b']",
		"s.insights":    "SOURCE logGroups(namePrefix: ['/aws/lambda']) | fields @message",
		"diff.insights": "fields @message | pattern @message | diff previousDay",
	}
	if _, err := appconfig.Load(queryConfig(valid), "cfg", queries.FS); err != nil {
		t.Errorf("the queries of issue 9 fail: %v", err)
	}
}
