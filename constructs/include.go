package constructs

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2/cloudformationinclude"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// Include adds the resources of a spec.Bundle to scope under the
// construct id, in one call into the CDK: the CDK reads the rendered
// fragment into L1 constructs that keep their logical IDs. This is how
// eventwatch's stacks are built, and the fast way to add many constructs.
func Include(scope constructs.Construct, id string, b *spec.Bundle) (constructs.Construct, error) {
	if err := b.Err(); err != nil {
		return nil, err
	}
	body, err := b.Resources().Template()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp("", "eventwatch-*.template.json")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(body); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return cloudformationinclude.NewCfnInclude(scope, jsii.String(id), &cloudformationinclude.CfnIncludeProps{
		TemplateFile: jsii.String(f.Name()),
	}), nil
}

// mustInclude is Include for the New* constructors, which panic on invalid
// props the way aws-cdk constructs throw.
func mustInclude(scope constructs.Construct, id string, b *spec.Bundle) constructs.Construct {
	c, err := Include(scope, id, b)
	if err != nil {
		panic(fmt.Sprintf("eventwatch: %s: %v", id, err))
	}
	return c
}
