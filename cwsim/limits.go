package cwsim

import "time"

// Limits and fixed behaviour of CloudWatch that the simulation applies.
const (
	// MaxDimensionPairsPerHour: "CloudWatch Logs might disable a metric
	// filter if it generates 1000 different name/value pairs for your
	// specified dimensions within a certain amount of time" (PutMetricFilter,
	// CloudWatch Logs API Reference; the metric filter documentation
	// "Using dimensions" speaks of one hour).
	MaxDimensionPairsPerHour = 1000
	// dimensionWindow is the time within which those pairs are counted.
	dimensionWindow = time.Hour
	// Tick is how often alarms are evaluated: CloudWatch evaluates a
	// metric alarm every minute (for a period of a minute or more).
	Tick = time.Minute
	// MaxSimulatedDuration bounds one simulation, so that a scenario file
	// cannot make it run for ever.
	MaxSimulatedDuration = 31 * 24 * time.Hour
	// MaxLogEvents bounds the log events of one simulation.
	MaxLogEvents = 2_000_000
)

// Assumptions are the readings the simulation takes where AWS does not say,
// or where it cannot know: every report lists them.
var Assumptions = []string{
	"metric filters publish each matching event's value as a sample at the event's timestamp, with no ingestion delay",
	"a metric filter's DefaultValue is published once per minute in which its log group received events and none matched (not with dimensions)",
	"period boundaries are aligned to multiples of the period since the Unix epoch",
	"an alarm is first evaluated when EvaluationPeriods full periods have passed since the scenario's start; log events before the start are unknown, not absent",
	"alarms are evaluated every minute over the periods complete at that minute",
	"anomaly detection bands are fixtures of the scenario: CloudWatch's model is AWS's",
	"IncomingBytes counts the bytes of each message as given",
	"SNS delivers every notification to every subscription; a dead-letter queue receives nothing unless a delivery fails, which the simulation does not model",
}
