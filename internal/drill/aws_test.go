package drill

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go/encoding/cbor"
)

// testKey is the fake access key the fake server expects in signatures.
const testKey = "AKIDDRILLTEST"

// fakeCloudWatch speaks SetAlarmState as this SDK version sends it:
// Smithy RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/
// operation/SetAlarmState, a CBOR map body, SigV4 for "monitoring"),
// answering a CBOR map, or a ResourceNotFound error for an alarm it
// does not know.
type fakeCloudWatch struct {
	alarms map[string]bool // the alarm names that exist
	mu     sync.Mutex
	calls  []string // "region name STATE reason"
}

const setAlarmStatePath = "/service/GraniteServiceVersion20100801/operation/SetAlarmState"

func (f *fakeCloudWatch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != setAlarmStatePath ||
		r.Header.Get("Smithy-Protocol") != "rpc-v2-cbor" || r.Header.Get("Content-Type") != "application/cbor" {
		http.Error(w, fmt.Sprintf("not a SetAlarmState RPC v2 CBOR request: %s %s %v", r.Method, r.URL.Path, r.Header), http.StatusBadRequest)
		return
	}
	auth := r.Header.Get("Authorization")
	_, scope, ok := strings.Cut(auth, "Credential="+testKey+"/")
	parts := strings.Split(scope, "/") // date/region/service/aws4_request, ...
	if !ok || len(parts) < 3 || parts[2] != "monitoring" {
		http.Error(w, "unsigned request: "+auth, http.StatusForbidden)
		return
	}
	body, _ := io.ReadAll(r.Body)
	v, err := cbor.Decode(body)
	in, isMap := v.(cbor.Map)
	if err != nil || !isMap {
		http.Error(w, fmt.Sprintf("not a CBOR map: %v", err), http.StatusBadRequest)
		return
	}
	name, state, reason := cborString(in["AlarmName"]), cborString(in["StateValue"]), cborString(in["StateReason"])
	f.mu.Lock()
	f.calls = append(f.calls, fmt.Sprintf("%s %s %s %s", parts[1], name, state, reason))
	f.mu.Unlock()
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	w.Header().Set("Content-Type", "application/cbor")
	if !f.alarms[name] {
		w.Header().Set("X-Amzn-Query-Error", "ResourceNotFound;Sender")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(cbor.Encode(cbor.Map{
			"__type":  cbor.String("com.amazonaws.cloudwatch#ResourceNotFound"),
			"message": cbor.String("Alarm " + name + " not found"),
		}))
		return
	}
	_, _ = w.Write(cbor.Encode(cbor.Map{}))
}

func cborString(v cbor.Value) string {
	s, _ := v.(cbor.String)
	return string(s)
}

func (f *fakeCloudWatch) recorded() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.calls, "\n")
}

func staticConfig() aws.Config {
	return aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(testKey, "secret", "")}
}

func TestSDKClientSetAlarmState(t *testing.T) {
	fake := &fakeCloudWatch{alarms: map[string]bool{"prod-orders-critical": true}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	a := sdkAWS(staticConfig(), srv.URL)
	if a.Region() != "us-east-1" {
		t.Errorf("Region() = %q", a.Region())
	}
	if err := a.Credentials(context.Background()); err != nil {
		t.Errorf("Credentials() = %v, want nil with static credentials", err)
	}
	ctx := context.Background()
	if err := setState(ctx, a.Client("eu-west-1"), "prod-orders-critical", types.StateValueAlarm, ReasonAlarm); err != nil {
		t.Fatalf("SetAlarmState: %v", err)
	}
	err := setState(ctx, a.Client("eu-west-1"), "prod-gone", types.StateValueOk, ReasonOK)
	var notFound *types.ResourceNotFound
	if !errors.As(err, &notFound) || !strings.Contains(err.Error(), "Alarm prod-gone not found") {
		t.Errorf("an unknown alarm: %v, want ResourceNotFound with its message", err)
	}
	want := "eu-west-1 prod-orders-critical ALARM " + ReasonAlarm + "\neu-west-1 prod-gone OK " + ReasonOK
	if got := fake.recorded(); got != want {
		t.Errorf("calls:\n%s\nwant\n%s", got, want)
	}
	if a.Client("eu-west-1") != a.Client("eu-west-1") {
		t.Error("a second client for the same region")
	}
	var _ StateSetter = (*cloudwatch.Client)(nil)
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
	t.Setenv("AWS_REGION", "eu-central-1")
	t.Setenv("AWS_ACCESS_KEY_ID", key)
	t.Setenv("AWS_SECRET_ACCESS_KEY", map[bool]string{true: "secret"}[key != ""])
}

// The whole command through the AWS SDK: credentials and region from the
// environment, the endpoint from --endpoint-url, the regions of the
// manifest; one alarm is not deployed.
func TestRunAgainstFakeServer(t *testing.T) {
	fake := &fakeCloudWatch{alarms: map[string]bool{
		"prod-checkout-error-lines": true, "prod-orders-queue-worker-failure": true, "prod-orders-critical": true}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	isolateAWS(t, testKey)
	var out, errOut bytes.Buffer
	code := Run(context.Background(), []string{"--cdk-out", "testdata/assembly", "--env", "prod", "--yes", "--wait", "1ms", "--endpoint-url", srv.URL},
		Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	want := prodCalls[:7] // prod-payments-declined: not found at ALARM, so no OK
	if got := fake.recorded(); got != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	wantOut := "drill of prod: 3 of 4 alarms set to ALARM and back to OK; 1 failed\n" +
		"  eventwatch-prod-payments: AlarmPaymentsDeclined (prod-payments-declined) in us-east-1: setting ALARM: operation error CloudWatch: SetAlarmState"
	if !strings.Contains(out.String(), wantOut) || !strings.Contains(out.String(), "ResourceNotFound: Alarm prod-payments-declined not found") {
		t.Errorf("stdout:\n%s\nwant\n%s ... ResourceNotFound\nstderr:\n%s", out.String(), wantOut, errOut.String())
	}
}

func TestRunWithoutCredentials(t *testing.T) {
	isolateAWS(t, "")
	var out, errOut bytes.Buffer
	code := Run(context.Background(), []string{"--cdk-out", "testdata/templates", "--env", "staging", "--endpoint-url", "http://127.0.0.1:1"},
		Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	if code != ExitDone {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitDone, errOut.String())
	}
	for _, w := range []string{
		"would set staging-orders-queue-worker-failure to ALARM, wait 5s, set it to OK (eventwatch-staging AlarmOrdersQueueWorkerFailure, AWS::CloudWatch::Alarm, eu-central-1)",
		"no AWS credentials found, so nothing was changed (",
	} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, out.String())
		}
	}
}
