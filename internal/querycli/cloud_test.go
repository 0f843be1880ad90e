package querycli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
)

// fakeLogs is a local server that speaks StartQuery, GetQueryResults and
// StopQuery as CloudWatch Logs does (JSON 1.1 over HTTP POST).
type fakeLogs struct {
	mu       sync.Mutex
	started  map[string]any // the StartQuery request
	polls    int
	final    string // the status GetQueryResults ends with
	startErr string // when set, StartQuery fails with this exception type
	auth     string // the Authorization header of StartQuery
}

func (f *fakeLogs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	switch r.Header.Get("X-Amz-Target") {
	case "Logs_20140328.StartQuery":
		f.started, f.auth = body, r.Header.Get("Authorization")
		if f.startErr != "" {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"__type": f.startErr, "message": "unexpected symbol at line 1"})
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"queryId": "q-123"})
	case "Logs_20140328.GetQueryResults":
		f.polls++
		if body["queryId"] != "q-123" {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"__type": "ResourceNotFoundException", "message": "no such query"})
			return
		}
		if f.polls == 1 {
			json.NewEncoder(w).Encode(map[string]any{"status": "Running", "results": []any{},
				"statistics": map[string]float64{"recordsScanned": 10, "recordsMatched": 2, "bytesScanned": 1000}})
			return
		}
		row := func(bin, n string) []map[string]string {
			return []map[string]string{{"field": "bin(1h)", "value": bin}, {"field": "n", "value": n}, {"field": "@ptr", "value": "CmAKJwoj"}}
		}
		json.NewEncoder(w).Encode(map[string]any{"status": f.final,
			"results":    [][]map[string]string{row("2026-11-01 09:00:00.000", "4"), row("2026-11-01 08:00:00.000", "2")},
			"statistics": map[string]float64{"recordsScanned": 20, "recordsMatched": 6, "bytesScanned": 2000}})
	case "Logs_20140328.StopQuery":
		json.NewEncoder(w).Encode(map[string]bool{"success": true})
	default:
		w.WriteHeader(http.StatusBadRequest)
	}
}

// withFakeLogs points logq at a local fake CloudWatch Logs for one test,
// with static fake credentials.
func withFakeLogs(t *testing.T, f *fakeLogs) {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	oldClient, oldPoll := newLogsClient, pollInterval
	t.Cleanup(func() { newLogsClient, pollInterval = oldClient, oldPoll })
	pollInterval = time.Millisecond
	newLogsClient = func(ctx context.Context, region string) (logsAPI, error) {
		return cloudwatchlogs.New(cloudwatchlogs.Options{
			Region:       "eu-west-1",
			BaseEndpoint: aws.String(srv.URL),
			Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{AccessKeyID: "AKIDFAKE", SecretAccessKey: "fake-secret", Source: "test"}, nil
			}),
			RetryMaxAttempts: 1,
		}), nil
	}
}

func TestCloudWatchQuery(t *testing.T) {
	f := &fakeLogs{final: "Complete"}
	withFakeLogs(t, f)
	var out, errb bytes.Buffer
	code := RunQuery([]string{"--log-group", "/eventwatch/prod/orders", "--log-group", "/eventwatch/prod/checkout",
		"--start", "2026-11-01T08:00:00Z", "--end", "2026-11-01T10:00:00Z", "--format", "csv",
		"-f", "testdata/saved-queries/exceptions-per-hour.insights"}, strings.NewReader(""), &out, &errb)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	if want := "bin(1h),n\n2026-11-01 09:00:00.000,4\n2026-11-01 08:00:00.000,2\n"; out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
	}
	s := f.started
	if s["startTime"] != float64(1793520000) || s["endTime"] != float64(1793527200) || s["queryLanguage"] != "CWLI" {
		t.Errorf("StartQuery got %v", s)
	}
	if groups, _ := s["logGroupNames"].([]any); len(groups) != 2 || groups[0] != "/eventwatch/prod/orders" {
		t.Errorf("logGroupNames = %v", s["logGroupNames"])
	}
	if !strings.Contains(s["queryString"].(string), "stats count(*) as exceptionCount by bin(1h)") {
		t.Errorf("queryString = %q", s["queryString"])
	}
	if !strings.Contains(f.auth, "Credential=AKIDFAKE/") {
		t.Errorf("request not signed with the configured credentials: %q", f.auth)
	}
	if f.polls != 2 {
		t.Errorf("GetQueryResults called %d times, want 2 (Running, then Complete)", f.polls)
	}
}

func TestCloudWatchSQLQueryLanguage(t *testing.T) {
	f := &fakeLogs{final: "Complete"}
	withFakeLogs(t, f)
	var out, errb bytes.Buffer
	code := RunQuery([]string{"--log-group", "/eventwatch/dev/orders", "--since", "1h", "-f", "testdata/saved-queries/slow-requests.sql"}, strings.NewReader(""), &out, &errb)
	if code != ExitOK || f.started["queryLanguage"] != "SQL" {
		t.Fatalf("exit %d, queryLanguage %v\n%s", code, f.started["queryLanguage"], errb.String())
	}
	if d := f.started["endTime"].(float64) - f.started["startTime"].(float64); d != 3600 {
		t.Errorf("--since 1h gave a range of %v s", d)
	}
}

func TestCloudWatchFailures(t *testing.T) {
	for _, c := range []struct {
		name  string
		fake  *fakeLogs
		args  []string
		exit  int
		inErr string
	}{
		{"query fails", &fakeLogs{final: "Failed"}, nil, ExitFailure, "query q-123 ended with status Failed"},
		{"StartQuery refused", &fakeLogs{startErr: "MalformedQueryException"}, nil, ExitUsage, "CloudWatch StartQuery"},
		{"no range", &fakeLogs{final: "Complete"}, []string{"--log-group", "/x", "-q", "fields a"}, ExitUsage, "--log-group needs the range"},
		{"inputs with log group", &fakeLogs{final: "Complete"}, []string{"--log-group", "/x", "--since", "1h", "-q", "fields a", "file.jsonl"}, ExitUsage, "takes no INPUT files"},
		{"bad since", &fakeLogs{final: "Complete"}, []string{"--log-group", "/x", "--since", "-1h", "-q", "fields a"}, ExitUsage, "--since takes a positive duration"},
	} {
		t.Run(c.name, func(t *testing.T) {
			withFakeLogs(t, c.fake)
			args := c.args
			if args == nil {
				args = []string{"--log-group", "/x", "--since", "2h", "-q", "stats count(*) as n by bin(1h)"}
			}
			var out, errb bytes.Buffer
			code := RunQuery(args, strings.NewReader(""), &out, &errb)
			if code != c.exit || !strings.Contains(errb.String(), c.inErr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errb.String(), c.exit, c.inErr)
			}
		})
	}
}
