package cfn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Resources used by the cases, as template JSON.
const (
	logGroup        = `"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders", "LogGroupClass": "STANDARD", "RetentionInDays": 30}, "DeletionPolicy": "Retain"}`
	logGroup90      = `"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders", "LogGroupClass": "STANDARD", "RetentionInDays": 90}, "DeletionPolicy": "Retain"}`
	logGroupIA      = `"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders", "LogGroupClass": "INFREQUENT_ACCESS", "RetentionInDays": 30}, "DeletionPolicy": "Retain"}`
	logGroupV2      = `"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders-v2", "LogGroupClass": "STANDARD", "RetentionInDays": 30}, "DeletionPolicy": "Retain"}`
	logGroupNewID   = `"LogGroupOrdersV2": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders", "LogGroupClass": "STANDARD", "RetentionInDays": 30}, "DeletionPolicy": "Retain"}`
	logGroupDelete  = `"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders"}}`
	logGroupAsTopic = `"LogGroupOrders": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "orders"}}`
	key             = `"KeyOrders": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}, "DeletionPolicy": "Retain"}`
	keyRotationOff  = `"KeyOrders": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false}, "DeletionPolicy": "Retain"}`
	keyHMAC         = `"KeyOrders": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeySpec": "HMAC_256"}, "DeletionPolicy": "Retain"}`
	keyNoRetain     = `"KeyOrders": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}}`
	topic           = `"TopicCritical": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "app-critical", "DisplayName": "critical"}}`
	topicDisplay    = `"TopicCritical": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "app-critical", "DisplayName": "CRITICAL"}}`
	topicFifo       = `"TopicCritical": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "app-critical", "DisplayName": "critical", "FifoTopic": true}}`
	alarm           = `"AlarmOrdersFailures": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "orders-failures", "Threshold": 1}}`
	alarmNewID      = `"AlarmOrdersQueueFailures": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "orders-failures", "Threshold": 1}}`
	alarmNewIDName  = `"AlarmOrdersQueueFailures": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "orders-queue-failures", "Threshold": 1}}`
	filter          = `"MetricFilterOrders": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterName": "failures", "LogGroupName": "/app/orders", "FilterPattern": "ERROR"}}`
	filterNewID     = `"MetricFilterOrdersFailures": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterName": "failures", "LogGroupName": "/app/orders", "FilterPattern": "ERROR"}}`
	filterOtherLG   = `"MetricFilterCheckout": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterName": "failures", "LogGroupName": "/app/checkout", "FilterPattern": "ERROR"}}`
	filterMoveLG    = `"MetricFilterOrders": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterName": "failures", "LogGroupName": "/app/checkout", "FilterPattern": "ERROR"}}`
	filterUnnamed   = `"MetricFilterOrders": {"Type": "AWS::Logs::MetricFilter", "Properties": {"LogGroupName": "/app/orders", "FilterPattern": "ERROR"}}`
	filterUnnamedLG = `"MetricFilterOrders": {"Type": "AWS::Logs::MetricFilter", "Properties": {"LogGroupName": "/app/checkout", "FilterPattern": "ERROR"}}`
	query           = `"QueryExceptions": {"Type": "AWS::Logs::QueryDefinition", "Properties": {"Name": "exceptions", "QueryString": "fields @message"}}`
	queryNewID      = `"QueryTeamExceptions": {"Type": "AWS::Logs::QueryDefinition", "Properties": {"Name": "exceptions", "QueryString": "fields @message"}}`
)

func tpl(resources ...string) []byte {
	return []byte(`{"Resources": {` + strings.Join(resources, ",") + `}}`)
}

type stacks = map[string][]byte

func TestCheckStacks(t *testing.T) {
	const prod, payments = "app-prod", "app-prod-payments"
	cases := []struct {
		name     string
		deployed stacks
		proposed stacks
		allow    Allowances
		want     []string // substrings, one per expected problem, in order; none when quiet
	}{
		// quiet
		{"retention and rotation changes are safe", stacks{prod: tpl(logGroup, key, topic)}, stacks{prod: tpl(logGroup90, keyRotationOff, topicDisplay)}, nil, nil},
		{"a removed alarm is not stateful", stacks{prod: tpl(logGroup, alarm)}, stacks{prod: tpl(logGroup)}, nil, nil},
		{"a new stack passes", nil, stacks{prod: tpl(logGroup, key)}, nil, nil},
		{"a deployed stack left out of the synth is left alone", stacks{prod: tpl(logGroup), payments: tpl(key)}, stacks{prod: tpl(logGroup)}, nil, nil},
		{"an alarm with a new ID and a new name is only a replacement", stacks{prod: tpl(alarm)}, stacks{prod: tpl(alarmNewIDName)}, nil, nil},
		{"the same filter name on another log group is another filter", stacks{prod: tpl(filter)}, stacks{prod: tpl(filterOtherLG)}, nil, nil},
		{"an unnamed filter may change log group", stacks{prod: tpl(filterUnnamed)}, stacks{prod: tpl(filterUnnamedLG)}, nil, nil},
		{"a new stack with its own key of the same logical ID is not a move", stacks{prod: tpl(key)}, stacks{prod: tpl(key), payments: tpl(key)}, nil, nil},

		// (a) replaced or removed
		{"a removed log group and key", stacks{prod: tpl(logGroup, keyNoRetain)}, stacks{prod: tpl()}, nil,
			[]string{"app-prod: KeyOrders (AWS::KMS::Key): is no longer in the stack: CloudFormation schedules the key for deletion",
				"app-prod: LogGroupOrders (AWS::Logs::LogGroup /app/orders): is no longer in the stack: with DeletionPolicy Retain it stays in the account"}},
		{"a removed log group with Delete loses its events", stacks{prod: tpl(logGroupDelete)}, stacks{prod: tpl()}, nil,
			[]string{"LogGroupOrders (AWS::Logs::LogGroup /app/orders): is no longer in the stack: CloudFormation deletes it with its log events"}},
		{"a removed topic", stacks{prod: tpl(topic)}, stacks{prod: tpl()}, nil, []string{"TopicCritical (AWS::SNS::Topic app-critical): is no longer in the stack: CloudFormation deletes it with its subscriptions"}},
		{"a removed dead-letter queue", stacks{prod: tpl(`"DeadLetters": {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 1209600}}`)}, stacks{prod: tpl()}, nil,
			[]string{"DeadLetters (AWS::SQS::Queue): is no longer in the stack: CloudFormation deletes it with its messages (a dead-letter queue's undelivered pages)"}},
		{"a removal allowed by stack and logical ID", stacks{prod: tpl(logGroup)}, stacks{prod: tpl()}, Allowances{{Stack: prod, LogicalID: "LogGroupOrders", Reason: "r"}}, nil},
		{"a removal allowed by name", stacks{prod: tpl(logGroup)}, stacks{prod: tpl()}, Allowances{{Name: "/app/orders", Reason: "r"}}, nil},
		{"an allowance for another stack does not apply", stacks{prod: tpl(logGroup)}, stacks{prod: tpl()}, Allowances{{Stack: payments, LogicalID: "LogGroupOrders", Reason: "r"}},
			[]string{"LogGroupOrders (AWS::Logs::LogGroup /app/orders): is no longer in the stack"}},
		{"a renamed log group is replaced", stacks{prod: tpl(logGroup)}, stacks{prod: tpl(logGroupV2)}, nil,
			[]string{"LogGroupOrders (AWS::Logs::LogGroup /app/orders): LogGroupName changes from /app/orders to /app/orders-v2: CloudFormation replaces it with a new, empty resource"}},
		{"a replacement allowed", stacks{prod: tpl(logGroup)}, stacks{prod: tpl(logGroupV2)}, Allowances{{Name: "/app/orders", Reason: "r"}}, nil},
		{"a log group that becomes a topic", stacks{prod: tpl(logGroup)}, stacks{prod: tpl(logGroupAsTopic)}, nil,
			[]string{"LogGroupOrders (AWS::Logs::LogGroup /app/orders): becomes a AWS::SNS::Topic under the same logical ID"}},
		{"a class change under the same name is refused, allowed or not", stacks{prod: tpl(logGroup)}, stacks{prod: tpl(logGroupIA)}, Allowances{{Name: "/app/orders", Reason: "r"}},
			[]string{"LogGroupClass changes from STANDARD to INFREQUENT_ACCESS, which needs a replacement, and the name /app/orders stays: CloudFormation cannot replace a custom-named resource"}},
		{"a FIFO topic under the same name is refused", stacks{prod: tpl(topic)}, stacks{prod: tpl(topicFifo)}, nil,
			[]string{"TopicCritical (AWS::SNS::Topic app-critical): FifoTopic changes from (not set) to true, which needs a replacement"}},
		{"a metric filter moved to another log group under its name is refused", stacks{prod: tpl(filter)}, stacks{prod: tpl(filterMoveLG)}, nil,
			[]string{"MetricFilterOrders (AWS::Logs::MetricFilter failures): LogGroupName changes from /app/orders to /app/checkout, which needs a replacement, and the name failures stays"}},
		{"a key spec change is refused", stacks{prod: tpl(key)}, stacks{prod: tpl(keyHMAC)}, nil,
			[]string{"KeyOrders (AWS::KMS::Key): KeySpec changes from (not set) to HMAC_256: CloudFormation refuses to change it"}},

		// (b) a custom name moves to a new logical ID in the same stack
		{"an alarm under a new logical ID and the same name, allowed or not", stacks{prod: tpl(alarm)}, stacks{prod: tpl(alarmNewID)}, Allowances{{Name: "orders-failures", Reason: "r"}},
			[]string{"app-prod: AlarmOrdersFailures (AWS::CloudWatch::Alarm orders-failures): moves to the logical ID AlarmOrdersQueueFailures under the same name orders-failures"}},
		{"a log group under a new logical ID is a name move, not a removal", stacks{prod: tpl(logGroup)}, stacks{prod: tpl(logGroupNewID)}, nil,
			[]string{"LogGroupOrders (AWS::Logs::LogGroup /app/orders): moves to the logical ID LogGroupOrdersV2 under the same name /app/orders: CloudFormation creates the new resource before it deletes the old one"}},
		{"a metric filter under a new logical ID", stacks{prod: tpl(filter)}, stacks{prod: tpl(filterNewID)}, nil,
			[]string{"MetricFilterOrders (AWS::Logs::MetricFilter failures): moves to the logical ID MetricFilterOrdersFailures"}},
		{"a saved query under a new logical ID", stacks{prod: tpl(query)}, stacks{prod: tpl(queryNewID)}, nil,
			[]string{"QueryExceptions (AWS::Logs::QueryDefinition exceptions): moves to the logical ID QueryTeamExceptions under the same name exceptions: CloudFormation creates a second"}},
		{"a saved query move can be allowed", stacks{prod: tpl(query)}, stacks{prod: tpl(queryNewID)}, Allowances{{Stack: prod, LogicalID: "QueryTeamExceptions", Reason: "r"}}, nil},

		// (c) a resource moves to another stack
		{"a log group moves to another stack", stacks{prod: tpl(logGroup, key)}, stacks{prod: tpl(key), payments: tpl(logGroup)}, nil,
			[]string{"app-prod: LogGroupOrders (AWS::Logs::LogGroup /app/orders): moves to stack app-prod-payments (as LogGroupOrders): deploying app-prod-payments first fails, the name is still taken"}},
		{"a key without a name moves by its logical ID", stacks{prod: tpl(logGroup, key)}, stacks{prod: tpl(logGroup), payments: tpl(key)}, nil,
			[]string{"app-prod: KeyOrders (AWS::KMS::Key): moves to stack app-prod-payments (as KeyOrders): deploying app-prod removes it from there: with DeletionPolicy Retain it stays in the account outside any stack, and app-prod-payments gets a new, empty one"}},
		{"an alarm moves to another stack", stacks{prod: tpl(alarm)}, stacks{prod: tpl(), payments: tpl(alarmNewID)}, nil,
			[]string{"app-prod: AlarmOrdersFailures (AWS::CloudWatch::Alarm orders-failures): moves to stack app-prod-payments (as AlarmOrdersQueueFailures)"}},
		{"a move out of a stack the synth leaves alone", stacks{payments: tpl(logGroup)}, stacks{prod: tpl(logGroup)}, nil,
			[]string{"app-prod-payments: LogGroupOrders (AWS::Logs::LogGroup /app/orders): moves to stack app-prod (as LogGroupOrders) but stays deployed in app-prod-payments"}},
		{"a move allowed by its new stack and logical ID", stacks{prod: tpl(logGroup)}, stacks{prod: tpl(), payments: tpl(logGroupNewID)}, Allowances{{Stack: payments, LogicalID: "LogGroupOrdersV2", Reason: "r"}}, nil},

		// unreadable templates
		{"a YAML template", stacks{prod: []byte("Resources: {}")}, stacks{prod: tpl()}, nil, []string{"app-prod: the deployed template: not a CloudFormation template in JSON"}},
		{"a resource without a type", nil, stacks{prod: []byte(`{"Resources": {"A": {}}}`)}, nil, []string{"app-prod: the proposed template: resource A has no Type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckStacks(c.deployed, c.proposed, c.allow)
			if len(got) != len(c.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(c.want), join(got))
			}
			for i, w := range c.want {
				if !strings.Contains(got[i].String(), w) {
					t.Errorf("problem %d:\n  %s\nwant it to contain\n  %s", i, got[i], w)
				}
				if got[i].Fix == "" {
					t.Errorf("problem %d says nothing about how to proceed: %s", i, got[i])
				}
			}
		})
	}
}

func join(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

// The committed golden templates against themselves: no problem, and the
// check reads every resource type the stacks synthesize.
func TestCheckStacksGoldenTemplatesAreQuiet(t *testing.T) {
	files, err := filepath.Glob("../../test/golden/*.template.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden templates found (%v)", err)
	}
	all := stacks{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all[strings.TrimSuffix(filepath.Base(f), ".template.json")] = b
	}
	if got := CheckStacks(all, all, nil); len(got) != 0 {
		t.Errorf("golden templates against themselves:\n%s", join(got))
	}
}

func TestAllowancesValidate(t *testing.T) {
	cases := []struct {
		allow Allowances
		want  string // empty: valid
	}{
		{Allowances{{Stack: "s", LogicalID: "L", Reason: "r"}, {Name: "/app/x", Reason: "r"}}, ""},
		{Allowances{{Stack: "s", Reason: "r"}}, `allowance 0: stack "s" and logicalId ""; expected both, or a name`},
		{Allowances{{Stack: "s", LogicalID: "L", Name: "n", Reason: "r"}}, "allowance 0: names a resource both by stack/logicalId (s/L) and by name (n)"},
		{Allowances{{Reason: "r"}}, "allowance 0: names no resource"},
		{Allowances{{Name: "/app/x"}}, "allowance 0 (/app/x): has no reason"},
	}
	for _, c := range cases {
		err := c.allow.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: %v, want valid", c.allow, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: %v, want %q", c.allow, err, c.want)
		}
	}
}
