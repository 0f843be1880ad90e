package spec

// MetricStat is an event metric read at a statistic and period, with a
// value for each of its dimensions: what an alarm or a graph shows.
type MetricStat struct {
	Metric EventMetricProps
	// Statistic is one of ValidStatistics or an extended statistic
	// (CheckStatistic). Default: DefaultStatistic.
	Statistic string
	// PeriodSeconds of each data point. Default: DefaultPeriodSeconds.
	PeriodSeconds int
	// DimensionValues give a value for each of the metric's dimensions.
	DimensionValues map[string]string
}
