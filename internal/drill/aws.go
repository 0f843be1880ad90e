package drill

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
)

// StateSetter is the one CloudWatch call a drill makes; *cloudwatch.Client
// implements it.
type StateSetter interface {
	SetAlarmState(ctx context.Context, in *cloudwatch.SetAlarmStateInput, opts ...func(*cloudwatch.Options)) (*cloudwatch.SetAlarmStateOutput, error)
}

// AWS is what a drill needs from the AWS SDK.
type AWS interface {
	// Region is the AWS configuration's region (AWS_REGION, the profile);
	// empty when none is set.
	Region() string
	// Credentials returns nil when the credential chain finds credentials,
	// otherwise why not.
	Credentials(ctx context.Context) error
	// Client returns a CloudWatch client for a region.
	Client(region string) StateSetter
}

// LoadAWS loads the AWS configuration the standard way (environment
// variables, ~/.aws/config and credentials, AWS_PROFILE, SSO, web
// identity, container and instance roles); endpoint, when not empty, is
// the CloudWatch endpoint (BaseEndpoint) instead of the SDK's.
func LoadAWS(ctx context.Context, endpoint string) (AWS, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	return sdkAWS(cfg, endpoint), nil
}

// sdkAWS makes CloudWatch clients of cfg, one per region.
func sdkAWS(cfg aws.Config, endpoint string) *awsClients {
	return &awsClients{cfg: cfg, endpoint: endpoint, clients: map[string]StateSetter{}}
}

type awsClients struct {
	cfg      aws.Config
	endpoint string
	mu       sync.Mutex
	clients  map[string]StateSetter
}

func (a *awsClients) Region() string { return a.cfg.Region }

func (a *awsClients) Credentials(ctx context.Context) error {
	if a.cfg.Credentials == nil {
		return fmt.Errorf("no credential provider is configured")
	}
	_, err := a.cfg.Credentials.Retrieve(ctx)
	return err
}

func (a *awsClients) Client(region string) StateSetter {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c, ok := a.clients[region]; ok {
		return c
	}
	c := cloudwatch.NewFromConfig(a.cfg, func(o *cloudwatch.Options) {
		o.Region = region
		if a.endpoint != "" {
			o.BaseEndpoint = aws.String(a.endpoint)
		}
	})
	a.clients[region] = c
	return c
}
