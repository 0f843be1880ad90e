package querycli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"golang.org/x/term"

	"github.com/eventwatch/eventwatch/insights"
)

// logsAPI is the part of the CloudWatch Logs client logq uses.
type logsAPI interface {
	StartQuery(context.Context, *cloudwatchlogs.StartQueryInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.StartQueryOutput, error)
	GetQueryResults(context.Context, *cloudwatchlogs.GetQueryResultsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetQueryResultsOutput, error)
	StopQuery(context.Context, *cloudwatchlogs.StopQueryInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.StopQueryOutput, error)
}

// newLogsClient returns a client with the SDK's standard credential chain
// and region; tests replace it with one that talks to a local server.
var newLogsClient = func(ctx context.Context, region string) (logsAPI, error) {
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		return nil, errors.New("no AWS region: set AWS_REGION, a region in ~/.aws/config, or --region")
	}
	return cloudwatchlogs.NewFromConfig(cfg), nil
}

// runInCloudWatch runs the query with StartQuery and polls
// GetQueryResults until it ends; the rows come back in GetQueryResults'
// order with @ptr left out.
func runInCloudWatch(ctx context.Context, o *queryOptions, stderr io.Writer) (*insights.Result, int) {
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	client, err := newLogsClient(ctx, o.region)
	if err != nil {
		fmt.Fprintf(stderr, "logq query: AWS configuration: %v\n", err)
		return nil, ExitUsage
	}
	lang := types.QueryLanguageCwli
	switch o.language {
	case "SQL":
		lang = types.QueryLanguageSql
	case "PPL":
		lang = types.QueryLanguagePpl
	}
	start, err := client.StartQuery(ctx, &cloudwatchlogs.StartQueryInput{
		QueryString:   aws.String(o.src),
		QueryLanguage: lang,
		LogGroupNames: o.logGroups,
		StartTime:     aws.Int64(o.engine.Start.Unix()),
		EndTime:       aws.Int64(o.engine.End.Unix()),
	})
	if err != nil {
		fmt.Fprintf(stderr, "logq query: CloudWatch StartQuery: %v\n", err)
		return nil, ExitUsage
	}
	id := aws.ToString(start.QueryId)
	progress := newCloudProgress(stderr)
	defer progress.clear()
	began := time.Now()
	for {
		out, err := client.GetQueryResults(ctx, &cloudwatchlogs.GetQueryResultsInput{QueryId: aws.String(id)})
		if err != nil {
			if ctx.Err() != nil {
				stopQuery(client, id)
				fmt.Fprintf(stderr, "logq query: query %s stopped: %v\n", id, ctx.Err())
				return nil, ExitFailure
			}
			fmt.Fprintf(stderr, "logq query: CloudWatch GetQueryResults: %v\n", err)
			return nil, ExitFailure
		}
		progress.show(out.Status, out.Statistics, time.Since(began))
		switch out.Status {
		case types.QueryStatusComplete:
			progress.clear()
			return cloudResult(out), ExitOK
		case types.QueryStatusFailed, types.QueryStatusCancelled, types.QueryStatusTimeout, types.QueryStatusUnknown:
			progress.clear()
			fmt.Fprintf(stderr, "logq query: query %s ended with status %s\n", id, out.Status)
			return nil, ExitFailure
		}
		select {
		case <-ctx.Done():
			stopQuery(client, id)
			progress.clear()
			fmt.Fprintf(stderr, "logq query: query %s stopped: %v\n", id, ctx.Err())
			return nil, ExitFailure
		case <-time.After(pollInterval):
		}
	}
}

// stopQuery asks CloudWatch to stop a query the user interrupted.
func stopQuery(client logsAPI, id string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = client.StopQuery(ctx, &cloudwatchlogs.StopQueryInput{QueryId: aws.String(id)})
}

// cloudResult turns GetQueryResults rows into a Result: columns in order
// of first appearance, @ptr left out.
func cloudResult(out *cloudwatchlogs.GetQueryResultsOutput) *insights.Result {
	res := &insights.Result{}
	seen := map[string]bool{}
	for _, fields := range out.Results {
		row := make(insights.Row, 0, len(fields))
		for _, f := range fields {
			name := aws.ToString(f.Field)
			if name == "@ptr" {
				continue
			}
			if !seen[name] {
				seen[name] = true
				res.Fields = append(res.Fields, name)
			}
			row = append(row, insights.Cell{Field: name, Value: aws.ToString(f.Value)})
		}
		res.Rows = append(res.Rows, row)
	}
	if s := out.Statistics; s != nil {
		res.Stats = insights.Statistics{RecordsScanned: int64(s.RecordsScanned), RecordsMatched: int64(s.RecordsMatched), BytesScanned: int64(s.BytesScanned)}
	}
	return res
}

// cloudProgress shows the status of a running query on one line of
// stderr, when stderr is a terminal and NO_COLOR is unset.
type cloudProgress struct {
	f     *os.File // nil: no progress line
	shown bool
}

func newCloudProgress(stderr io.Writer) *cloudProgress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return &cloudProgress{}
	}
	return &cloudProgress{f: f}
}

func (p *cloudProgress) show(status types.QueryStatus, st *types.QueryStatistics, elapsed time.Duration) {
	if p.f == nil {
		return
	}
	p.shown = true
	line := fmt.Sprintf("%s %.0fs", status, elapsed.Seconds())
	if st != nil {
		line += fmt.Sprintf(", %.0f records scanned, %.0f matched, %.1f MB", st.RecordsScanned, st.RecordsMatched, st.BytesScanned/1e6)
	}
	fmt.Fprintf(p.f, "\r\033[K%s", line)
}

func (p *cloudProgress) clear() {
	if p.shown {
		fmt.Fprint(p.f, "\r\033[K")
		p.shown = false
	}
}
