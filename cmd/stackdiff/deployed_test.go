package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// fakeCloudFormation speaks the one call stackdiff makes, GetTemplate, in
// CloudFormation's query protocol: a form-encoded POST, an XML answer, and
// a ValidationError for a stack that does not exist.
type fakeCloudFormation struct {
	templates map[string]string // stack name → template body
	mu        sync.Mutex
	calls     []string // "region stack stage"
}

func (f *fakeCloudFormation) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		http.Error(w, "expected a form POST", http.StatusBadRequest)
		return
	}
	auth := r.Header.Get("Authorization")
	if !strings.Contains(auth, "Credential=AKIDSTACKDIFFTEST/") {
		http.Error(w, "unsigned request: "+auth, http.StatusForbidden)
		return
	}
	region := strings.Split(strings.SplitN(auth, "Credential=AKIDSTACKDIFFTEST/", 2)[1], "/")[1]
	stack := r.PostForm.Get("StackName")
	// The SDK retries a call whose response it could not read because
	// net/http closed the connection under it (aws-sdk-go-v2#2737), which
	// happens now and then on loopback too: a retry is not another call.
	if attempt := r.Header.Get("Amz-Sdk-Request"); attempt == "" || strings.HasPrefix(attempt, "attempt=1;") {
		f.mu.Lock()
		f.calls = append(f.calls, fmt.Sprintf("%s %s %s %s", region, r.PostForm.Get("Action"), stack, r.PostForm.Get("TemplateStage")))
		f.mu.Unlock()
	}
	w.Header().Set("Content-Type", "text/xml")
	body, ok := f.templates[stack]
	if r.PostForm.Get("Action") != "GetTemplate" || !ok {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id %s does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>`, stack)
		return
	}
	var escaped bytes.Buffer
	_ = xml.EscapeText(&escaped, []byte(body))
	fmt.Fprintf(w, `<GetTemplateResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><GetTemplateResult><TemplateBody>%s</TemplateBody><StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable></GetTemplateResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></GetTemplateResponse>`, escaped.String())
}

func staticConfig() aws.Config {
	return aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDSTACKDIFFTEST", "secret", "")}
}

func TestDeployedFetcherGetTemplate(t *testing.T) {
	prod := `{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "a<&>b"}}}}`
	fake := &fakeCloudFormation{templates: map[string]string{"app-prod": prod}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	f := fetcherFor(staticConfig(), srv.URL)

	got, err := f.template(context.Background(), "app-prod", "eu-west-1")
	if err != nil || string(got) != prod {
		t.Fatalf("app-prod: %q, %v; want the deployed template", got, err)
	}
	got, err = f.template(context.Background(), "app-new", "")
	if err != nil || got != nil {
		t.Fatalf("a stack that does not exist: %q, %v; want no template and no error", got, err)
	}
	want := []string{"eu-west-1 GetTemplate app-prod Original", "us-east-1 GetTemplate app-new Original"}
	if strings.Join(fake.calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant\n%s", strings.Join(fake.calls, "\n"), strings.Join(want, "\n"))
	}
}

func TestDeployedFetcherReportsOtherErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed to cloudformation:GetTemplate</Message></Error><RequestId>3</RequestId></ErrorResponse>`)
	}))
	defer srv.Close()
	_, err := fetcherFor(staticConfig(), srv.URL).template(context.Background(), "app-prod", "eu-west-1")
	if err == nil || !strings.Contains(err.Error(), "app-prod: GetTemplate in eu-west-1") || !strings.Contains(err.Error(), "AccessDenied") {
		t.Errorf("got %v, want an error naming the stack, the region and AccessDenied", err)
	}
}

// isolateAWS keeps the test from reading this machine's AWS files or
// instance metadata; the credentials come from the environment only.
func isolateAWS(t *testing.T, key string) {
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "")
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_ACCESS_KEY_ID", key)
	t.Setenv("AWS_SECRET_ACCESS_KEY", map[bool]string{true: "secret"}[key != ""])
}

// The whole command with --deployed: credentials from the environment, the
// endpoint from --endpoint-url; one stack deployed with an older retention,
// the other not deployed yet.
func TestRunDeployed(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join(goldenDir, "eventwatch-prod.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	deployed := strings.Replace(string(golden), `"RetentionInDays": 365`, `"RetentionInDays": 180`, 1)
	fake := &fakeCloudFormation{templates: map[string]string{"eventwatch-prod": deployed}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	isolateAWS(t, "AKIDSTACKDIFFTEST")

	dir := cdkOut(t, []string{"eventwatch-prod", "eventwatch-staging"})
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--cdk-out", dir, "--deployed", "--endpoint-url", srv.URL}, &out, &errOut)
	if code != exitChanged {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitChanged, out.String(), errOut.String())
	}
	for _, w := range []string{"  ~ LogGroupCheckout (AWS::Logs::LogGroup /eventwatch/prod/checkout) modified: Properties.RetentionInDays",
		"eventwatch-staging: new stack, not in the deployed stacks"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, out.String())
		}
	}
	if len(fake.calls) != 2 {
		t.Errorf("calls: %q, want one GetTemplate per stack", fake.calls)
	}
}

func TestRunDeployedWithoutCredentials(t *testing.T) {
	isolateAWS(t, "")
	dir := cdkOut(t, []string{"eventwatch-prod"})
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--cdk-out", dir, "--deployed", "--endpoint-url", "http://127.0.0.1:1"}, &out, &errOut)
	if code != exitError || !strings.Contains(errOut.String(), "--deployed needs AWS credentials") {
		t.Errorf("exit %d, stderr %q; want exit 2 and a message about credentials", code, errOut.String())
	}
}
