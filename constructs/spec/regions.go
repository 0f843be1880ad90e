package spec

import (
	"sort"
	"strings"
)

// Partitions lists the AWS regions of each partition, in one place. A
// region that is not here is refused at synth, so that a typo (eu-wset-1)
// never reaches `cdk deploy`. To add a region AWS has opened, append it to
// its partition's list (the current list is at
// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html);
// a new partition gets a new entry.
var Partitions = map[string][]string{
	"aws": {
		"af-south-1",
		"ap-east-1", "ap-east-2",
		"ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2",
		"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
		"ca-central-1", "ca-west-1",
		"eu-central-1", "eu-central-2",
		"eu-north-1",
		"eu-south-1", "eu-south-2",
		"eu-west-1", "eu-west-2", "eu-west-3",
		"il-central-1",
		"me-central-1", "me-south-1",
		"mx-central-1",
		"sa-east-1",
		"us-east-1", "us-east-2",
		"us-west-1", "us-west-2",
	},
	"aws-cn":     {"cn-north-1", "cn-northwest-1"},
	"aws-us-gov": {"us-gov-east-1", "us-gov-west-1"},
	"aws-iso":    {"us-iso-east-1", "us-iso-west-1"},
	"aws-iso-b":  {"us-isob-east-1"},
	"aws-iso-e":  {"eu-isoe-west-1"},
	"aws-iso-f":  {"us-isof-east-1", "us-isof-south-1"},
	"aws-eusc":   {"eusc-de-east-1"},
}

// PartitionOf returns the partition of region, or "" for a region not in Partitions.
func PartitionOf(region string) string {
	for p, regions := range Partitions {
		for _, r := range regions {
			if r == region {
				return p
			}
		}
	}
	return ""
}

// CheckRegion fails for a region that is in no partition, naming the
// known regions that look closest.
func CheckRegion(field, region string) error {
	if PartitionOf(region) != "" {
		return nil
	}
	return fieldErr(field, "%s is not an AWS region eventwatch knows; expected one of %s (a region opened since is added to spec.Partitions)", echo(region), strings.Join(closestRegions(region), ", "))
}

// closestRegions returns the known regions sharing the longest prefix with
// region, at most five, or a few examples.
func closestRegions(region string) []string {
	var all []string
	for _, rs := range Partitions {
		all = append(all, rs...)
	}
	sort.Strings(all)
	best, out := 0, []string(nil)
	for _, r := range all {
		n := commonPrefix(r, region)
		switch {
		case n > best:
			best, out = n, []string{r}
		case n == best && n > 0:
			out = append(out, r)
		}
	}
	if best < 3 {
		return []string{"us-east-1", "eu-west-1", "ap-southeast-2", "..."}
	}
	if len(out) > 5 {
		out = append(out[:5], "...")
	}
	return out
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
