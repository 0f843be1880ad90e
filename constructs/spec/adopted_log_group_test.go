package spec

import "testing"

// An adopted log group is not created: it adds no resource, or with a
// retention the LogRetention custom resource and the stack's LogRetention
// function, role and policy; its defaults are not a created log group's.
func TestAdoptedLogGroupResourcesAndDefaults(t *testing.T) {
	for _, c := range []struct {
		props LogGroupProps
		want  int
	}{
		{LogGroupProps{Existing: "/aws/lambda/orders"}, 0},
		{LogGroupProps{Existing: "/aws/lambda/orders", RetentionDays: 30}, 1 + LogRetentionProviderResources},
		{LogGroupProps{LogGroupName: "/app/orders"}, 1},
	} {
		if got := c.props.ResourceCount(); got != c.want {
			t.Errorf("%+v: %d resources, want %d", c.props, got, c.want)
		}
	}
	// the base of the "adopted" cases of TestValidationRules, as the plan makes it
	base := LogGroupProps{Existing: "/aws/lambda/orders", LogGroupName: "/aws/lambda/orders", RetentionDays: 30, Tags: map[string]string{"owner": "team"}}
	if err := base.Validate(); err != nil {
		t.Errorf("valid adopted log group: %v", err)
	}
	d := LogGroupProps{Existing: "/aws/lambda/orders"}.WithDefaults()
	if d.RetentionDays != 0 || d.Class != "" || d.RemovalPolicy != "" {
		t.Errorf("defaults %+v, want the retention left as it is and no class or removal policy", d)
	}
}
