package constructs

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/insights"
)

// queryView is how a dashboard shows a query's results: the view given,
// else a line chart when the query's last stats groups by bin() and
// nothing sorts its rows after it (a time series), else a table.
func queryView(q *DashboardQuery) awscloudwatch.LogQueryVisualizationType {
	if q.View != "" {
		return q.View
	}
	if lang := str(q.QueryLanguage); lang != "" && lang != spec.QueryLanguageInsights {
		return awscloudwatch.LogQueryVisualizationType_TABLE
	}
	parsed, err := insights.Parse(str(q.QueryString))
	if err != nil {
		return awscloudwatch.LogQueryVisualizationType_TABLE
	}
	var last *insights.StatsCmd
	for _, c := range parsed.Commands {
		switch c := c.(type) {
		case *insights.StatsCmd:
			last = c
		case *insights.SortCmd:
			last = nil // ranked rows, such as the busiest hours, read as a table
		}
	}
	if last != nil {
		for _, by := range last.By {
			if call, ok := by.Expr.(*insights.Call); ok && strings.EqualFold(call.Name, "bin") {
				return awscloudwatch.LogQueryVisualizationType_LINE
			}
		}
	}
	return awscloudwatch.LogQueryVisualizationType_TABLE
}
