package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"
)

// templateGetter is the one CloudFormation call stackdiff makes.
type templateGetter interface {
	GetTemplate(ctx context.Context, in *cloudformation.GetTemplateInput, opts ...func(*cloudformation.Options)) (*cloudformation.GetTemplateOutput, error)
}

// deployedFetcher reads deployed templates, one client per region.
type deployedFetcher struct {
	cfg      aws.Config
	endpoint string // BaseEndpoint; empty for the SDK's endpoint resolution
	clients  map[string]templateGetter
}

// newDeployedFetcher loads the AWS configuration the usual way (the
// environment, ~/.aws, SSO, web identity in CI) and fails when no
// credentials can be found, before any call.
func newDeployedFetcher(ctx context.Context, region, endpoint string) (*deployedFetcher, error) {
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, fmt.Errorf("--deployed needs AWS credentials (AWS_PROFILE, environment variables, or SSO), and none were found: %w", err)
	}
	return fetcherFor(cfg, endpoint), nil
}

func fetcherFor(cfg aws.Config, endpoint string) *deployedFetcher {
	return &deployedFetcher{cfg: cfg, endpoint: endpoint, clients: map[string]templateGetter{}}
}

func (f *deployedFetcher) client(region string) templateGetter {
	if region == "" {
		region = f.cfg.Region
	}
	if c, ok := f.clients[region]; ok {
		return c
	}
	c := cloudformation.NewFromConfig(f.cfg, func(o *cloudformation.Options) {
		o.Region = region
		if f.endpoint != "" {
			o.BaseEndpoint = aws.String(f.endpoint)
		}
	})
	f.clients[region] = c
	return c
}

// template returns the template a stack was deployed with (the Original
// stage: as submitted, before transforms), or nil when the stack does not
// exist.
func (f *deployedFetcher) template(ctx context.Context, stack, region string) ([]byte, error) {
	out, err := f.client(region).GetTemplate(ctx, &cloudformation.GetTemplateInput{
		StackName:     aws.String(stack),
		TemplateStage: types.TemplateStageOriginal,
	})
	if err != nil {
		if stackMissing(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: GetTemplate in %s: %w", stack, regionName(region, f.cfg.Region), err)
	}
	if out.TemplateBody == nil {
		return nil, fmt.Errorf("%s: GetTemplate in %s returned no template body", stack, regionName(region, f.cfg.Region))
	}
	return []byte(*out.TemplateBody), nil
}

// stackMissing recognizes CloudFormation's answer for a stack that does
// not exist: a ValidationError "Stack with id X does not exist".
func stackMissing(err error) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == "ValidationError" && strings.Contains(api.ErrorMessage(), "does not exist")
}

func regionName(region, fallback string) string {
	if region != "" {
		return region
	}
	if fallback != "" {
		return fallback
	}
	return "the default region"
}
