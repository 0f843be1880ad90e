package cfn

import "fmt"

// CloudFormation's limits on the size of a template body.
const (
	// MaxTemplateBytesS3 is the largest template CloudFormation reads from
	// an S3 object (TemplateURL): "1 MB" in CloudFormation's quotas, taken
	// here as 1,000,000 bytes so that the check never lets through a
	// template the service could count as too large.
	MaxTemplateBytesS3 = 1_000_000
	// MaxTemplateBytesInline is the largest template body passed inline
	// in the request (TemplateBody): 51,200 bytes.
	MaxTemplateBytesInline = 51_200
)

// CheckTemplateSize fails when a synthesized template is too large for
// `cdk deploy` to deploy.
//
// The limit that dooms a `cdk deploy` is MaxTemplateBytesS3, not
// MaxTemplateBytesInline. With the default stack synthesizer (the one that
// needs `cdk bootstrap`, which the README requires) the template is a file
// asset: the CLI uploads it to the bootstrap bucket and hands CloudFormation
// a TemplateURL, whatever its size. Without a template asset, the CLI
// (makeBodyParameter in @aws-cdk/toolkit-lib) passes the body inline only
// up to 50 KiB and uploads anything larger to the bootstrap bucket, or
// stops with "Template too large to deploy" when there is none. So no
// `cdk deploy` sends CloudFormation more than 51,200 bytes inline, and every
// larger template meets the S3 limit. The inline limit matters only to
// tools that call CreateStack/UpdateStack with a TemplateBody, such as
// `aws cloudformation deploy` without --s3-bucket; InlineTemplateTooLarge
// reports it for those.
func CheckTemplateSize(stack string, body []byte) error {
	if n := len(body); n > MaxTemplateBytesS3 {
		return fmt.Errorf("%s: the template is %d bytes, over CloudFormation's limit of %d bytes for a template in S3, so `cdk deploy` would fail; move services to another stack (`stack: <name>` in services.yaml)", stack, n, MaxTemplateBytesS3)
	}
	return nil
}

// InlineTemplateTooLarge reports whether a template exceeds the 51,200
// bytes CloudFormation accepts inline (TemplateBody): harmless for `cdk
// deploy`, fatal for `aws cloudformation deploy` without an S3 bucket.
func InlineTemplateTooLarge(body []byte) bool { return len(body) > MaxTemplateBytesInline }
