package cfn

import (
	"bytes"
	"strings"
	"testing"
)

func TestCheckTemplateSize(t *testing.T) {
	cases := []struct {
		name   string
		size   int
		want   string // empty: passes
		inline bool   // InlineTemplateTooLarge
	}{
		{"a small template", 20_000, "", false},
		{"at the inline limit", MaxTemplateBytesInline, "", false},
		{"over the inline limit still deploys with cdk", MaxTemplateBytesInline + 1, "", true},
		{"at the S3 limit", MaxTemplateBytesS3, "", true},
		{"over the S3 limit", MaxTemplateBytesS3 + 1, "app-prod: the template is 1000001 bytes, over CloudFormation's limit of 1000000 bytes for a template in S3", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := bytes.Repeat([]byte{' '}, c.size)
			err := CheckTemplateSize("app-prod", body)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("%d bytes: %v, want no error", c.size, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("%d bytes: %v, want an error containing %q", c.size, err, c.want)
			}
			if got := InlineTemplateTooLarge(body); got != c.inline {
				t.Errorf("InlineTemplateTooLarge(%d bytes) = %v, want %v", c.size, got, c.inline)
			}
		})
	}
}
