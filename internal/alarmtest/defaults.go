package alarmtest

import "time"

// Defaults and limits of scenarios.
const (
	// DefaultStart is a scenario's start: a Monday at midnight UTC.
	DefaultStart = "2026-01-05T00:00:00Z"
	// DefaultDuration is the least a scenario runs.
	DefaultDuration = time.Hour
	// MaxOccurrences bounds the log lines one logs entry writes.
	MaxOccurrences = 200_000
	// OccurrenceMarker in a log line is replaced by the occurrence's number
	// (0, 1, …), to write many distinct values.
	OccurrenceMarker = "{{i}}"
	// scenarioExt are the file extensions of scenario files.
	scenarioExt = ".yaml"
)
