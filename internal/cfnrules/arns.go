package cfnrules

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// arn is the parts of an ARN: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
type arn struct{ text, partition, service, region, account, resource string }

// parseARN splits an ARN, and false for a text that is not one.
func parseARN(s string) (arn, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return arn{}, false
	}
	return arn{s, parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

// arnPatterns match the ARNs of the services the rules look for; filled
// once, read concurrently.
var arnPatterns = func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for _, s := range []string{"sns", "sqs", "lambda", "firehose", "kms"} {
		m[s] = regexp.MustCompile(`^arn:aws[a-z-]*:` + s + `:[a-z0-9-]+:\d{12}:.+$`)
	}
	return m
}()

// arnOf matches the ARN of a resource of service in a region and account.
func arnOf(service string) *regexp.Regexp { return arnPatterns[service] }

// arnInText finds the ARNs inside a text (a rule, a policy's condition, a
// dashboard body): arn:PARTITION:SERVICE:REGION:
var arnInText = regexp.MustCompile(`arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):`)

// arnRules check the partition and region of every ARN the templates
// spell. CloudFormation deploys a stack into one region of one partition;
// an ARN of another partition names nothing it can reach, and a region
// belongs to one partition only.
var arnRules = []stackRule{
	{ID: "arn-partition", Source: srcARNs, Check: func(s *stack, ps *problems) {
		for _, id := range s.ids {
			r := s.res[id]
			seen := map[string]bool{}
			walkTexts(r, r.Props, "", func(at, text string) {
				for _, m := range arnInText.FindAllStringSubmatch(text, -1) {
					partition, region := m[1], m[3]
					key := at + "\x00" + m[0]
					if seen[key] {
						continue
					}
					seen[key] = true
					if want := s.env.partition; want != "" && partition != want {
						ps.add(r, at, "spells an ARN of the %s partition (%s...) in a stack of %s, which is in the %s partition", partition, m[0], s.Region, want)
						continue
					}
					if region == "" || region == "*" {
						continue
					}
					if p := spec.PartitionOf(region); p != "" && p != partition {
						ps.add(r, at, "spells an ARN of the %s partition in region %s (%s...), which belongs to the %s partition", partition, region, m[0], p)
					}
				}
			})
		}
	}},
}

// walkTexts calls f with every text a property value holds: literal
// strings, and each intrinsic resolved when it is known before deploy,
// sketched (its known parts) otherwise. at is the property path.
func walkTexts(r *resource, v any, at string, f func(at, text string)) {
	switch t := v.(type) {
	case string:
		f(at, t)
	case map[string]any:
		if isIntrinsic(t) {
			if s, ok := r.text(t); ok {
				f(at, s)
			} else {
				f(at, r.sketch(t))
			}
			return
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkTexts(r, t[k], joinAt(at, k), f)
		}
	case []any:
		for i, x := range t {
			walkTexts(r, x, at+"["+strconv.Itoa(i)+"]", f)
		}
	}
}

func joinAt(at, k string) string {
	if at == "" {
		return k
	}
	return at + "." + k
}
