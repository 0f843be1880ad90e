package constructs

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"
)

// A query binned by time is graphed as lines; one that ranks its rows, or
// has no bins, or is not Logs Insights, is a table; a view given wins.
func TestQueryView(t *testing.T) {
	lines, table := awscloudwatch.LogQueryVisualizationType_LINE, awscloudwatch.LogQueryVisualizationType_TABLE
	for _, c := range []struct {
		query, language string
		view, want      awscloudwatch.LogQueryVisualizationType
	}{
		{query: "filter event = 'run' | stats count(*) by bin(5m)", want: lines},
		{query: "stats count(*) as n by bin(1h) | sort n desc", want: table},
		{query: "stats count(*) by event", want: table},
		{query: "fields @message | limit 20", want: table},
		{query: "SELECT count(*) FROM logs", language: "SQL", want: table},
		{query: "stats count(*) by bin(5m)", view: awscloudwatch.LogQueryVisualizationType_BAR, want: awscloudwatch.LogQueryVisualizationType_BAR},
	} {
		q := &DashboardQuery{QueryString: jsii.String(c.query), View: c.view}
		if c.language != "" {
			q.QueryLanguage = jsii.String(c.language)
		}
		if got := queryView(q); got != c.want {
			t.Errorf("%q: view %s, want %s", c.query, got, c.want)
		}
	}
}
