package drill

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
)

// fakeAWS stands in for the AWS SDK: a region, credentials or their
// absence, and one recording client per region.
type fakeAWS struct {
	region  string
	loadErr error // what LoadAWS returns
	noCreds error
	fail    map[string]error // "name STATE" → the error SetAlarmState returns
	// onCall runs after each recorded call (to interrupt the drill).
	onCall func(call string)
	mu     sync.Mutex
	calls  []string // "region name STATE reason"
}

func (f *fakeAWS) Region() string                        { return f.region }
func (f *fakeAWS) Credentials(ctx context.Context) error { return f.noCreds }
func (f *fakeAWS) Client(region string) StateSetter      { return fakeClient{f, region} }

func (f *fakeAWS) load(ctx context.Context, endpoint string) (AWS, error) {
	if f.loadErr != nil {
		return nil, f.loadErr
	}
	return f, nil
}

func (f *fakeAWS) recorded() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.calls, "\n")
}

type fakeClient struct {
	f      *fakeAWS
	region string
}

func (c fakeClient) SetAlarmState(ctx context.Context, in *cloudwatch.SetAlarmStateInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.SetAlarmStateOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%s %s", *in.AlarmName, in.StateValue)
	call := fmt.Sprintf("%s %s %s", c.region, key, *in.StateReason)
	c.f.mu.Lock()
	c.f.calls = append(c.f.calls, call)
	c.f.mu.Unlock()
	if c.f.onCall != nil {
		c.f.onCall(call)
	}
	if err := c.f.fail[key]; err != nil {
		return nil, err
	}
	return &cloudwatch.SetAlarmStateOutput{}, nil
}

// sleeps records the waits instead of waiting.
type sleeps struct{ waits []time.Duration }

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.waits = append(s.waits, d)
	return ctx.Err()
}

var errNoCreds = errors.New("failed to refresh cached credentials, no EC2 IMDS role found")
