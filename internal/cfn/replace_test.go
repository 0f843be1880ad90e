package cfn

import (
	"strings"
	"testing"
)

func TestUnsafeChanges(t *testing.T) {
	deployed := `{"Resources": {
		"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders", "LogGroupClass": "STANDARD", "RetentionInDays": 30}},
		"LogGroupKeyOrders": {"Type": "AWS::KMS::Key", "Properties": {}},
		"AlarmOrders": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "a"}}
	}}`
	logGroup := func(name, class string, retention int) Resource {
		return Resource{Type: "AWS::Logs::LogGroup", Properties: map[string]any{"LogGroupName": name, "LogGroupClass": class, "RetentionInDays": retention}}
	}
	key := Resource{Type: "AWS::KMS::Key", Properties: map[string]any{}}
	cases := []struct {
		name string
		next Resources
		want []string // substrings, one per expected change; none for a safe change
	}{
		{"retention change is safe", Resources{"LogGroupOrders": logGroup("/app/orders", "STANDARD", 90), "LogGroupKeyOrders": key}, nil},
		{"a removed alarm is not stateful", Resources{"LogGroupOrders": logGroup("/app/orders", "STANDARD", 30), "LogGroupKeyOrders": key}, nil},
		{"class change under the same name fails the deploy", Resources{"LogGroupOrders": logGroup("/app/orders", "INFREQUENT_ACCESS", 30), "LogGroupKeyOrders": key},
			[]string{"LogGroupOrders (AWS::Logs::LogGroup): LogGroupClass changes from STANDARD to INFREQUENT_ACCESS, which needs a replacement, and the name /app/orders stays"}},
		{"renamed log group is replaced", Resources{"LogGroupOrders": logGroup("/app/orders-v2", "STANDARD", 30), "LogGroupKeyOrders": key},
			[]string{"LogGroupName changes from /app/orders to /app/orders-v2: CloudFormation would replace it"}},
		{"a log group and key leave the stack", Resources{"LogGroupOrdersV2": logGroup("/app/orders", "STANDARD", 30)},
			[]string{"LogGroupKeyOrders (AWS::KMS::Key): is no longer in the stack", "LogGroupOrders (AWS::Logs::LogGroup): is no longer in the stack"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := UnsafeChanges([]byte(deployed), c.next)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %d changes", got, len(c.want))
			}
			for i, w := range c.want {
				if !strings.Contains(got[i].String(), w) {
					t.Errorf("change %d: %s\nwant it to contain %s", i, got[i], w)
				}
			}
		})
	}
	if _, err := UnsafeChanges([]byte("Resources: {}"), nil); err == nil {
		t.Error("a YAML template was accepted; want a JSON error")
	}
}
