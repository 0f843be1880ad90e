package cwsim

import (
	"sort"
	"strconv"
	"time"
)

// sample is one value published to a metric.
type sample struct {
	at    time.Time
	value float64
}

// metricStore holds every sample published during a simulation, per
// metric series, in time order.
type metricStore map[MetricID][]sample

func (s metricStore) put(id MetricID, at time.Time, v float64) {
	s[id] = append(s[id], sample{at, v})
}

// values are the samples of id in [from, to).
func (s metricStore) values(id MetricID, from, to time.Time) []float64 {
	list := s[id]
	i := sort.Search(len(list), func(i int) bool { return !list[i].at.Before(from) })
	var out []float64
	for ; i < len(list) && list[i].at.Before(to); i++ {
		out = append(out, list[i].value)
	}
	return out
}

// sortAll puts every series in time order (metric filters publish in
// event order, which a scenario may not keep).
func (s metricStore) sortAll() {
	for _, list := range s {
		sort.SliceStable(list, func(i, j int) bool { return list[i].at.Before(list[j].at) })
	}
}

// LogEvent is one log event ingested into a log group.
type LogEvent struct {
	LogGroup string
	Time     time.Time
	Message  string
}

// FilterDisabled reports a metric filter that CloudWatch Logs would
// disable because its dimensions took too many values.
type FilterDisabled struct {
	Filter   *MetricFilter
	At       time.Time
	Pairs    int // distinct dimension name/value pairs within the hour
	Examples []string
}

// ingest publishes what the events produce: the AWS/Logs metrics of each
// log group and of the account, and the metric filters' samples. It
// returns the filters that their dimensions' cardinality disabled.
func (m *Model) ingest(events []LogEvent, store metricStore) []FilterDisabled {
	byGroup := map[string][]*MetricFilter{}
	for _, f := range m.Filters {
		byGroup[f.LogGroup] = append(byGroup[f.LogGroup], f)
	}
	account := []MetricID{{Namespace: "AWS/Logs", Name: "IncomingLogEvents"}, {Namespace: "AWS/Logs", Name: "IncomingBytes"}}
	cards := map[*MetricFilter]*cardinality{}
	disabled := map[*MetricFilter]bool{}
	var reports []FilterDisabled
	// defaults tracks, per filter with a DefaultValue, the minutes in which
	// its log group received events and whether one matched.
	type minuteKey struct {
		f      *MetricFilter
		minute int64
	}
	matchedMinute := map[minuteKey]bool{}
	for _, e := range events {
		dims := "LogGroupName=" + e.LogGroup
		store.put(MetricID{Namespace: "AWS/Logs", Name: "IncomingLogEvents", Dims: dims}, e.Time, 1)
		store.put(MetricID{Namespace: "AWS/Logs", Name: "IncomingBytes", Dims: dims}, e.Time, float64(len(e.Message)))
		store.put(account[0], e.Time, 1)
		store.put(account[1], e.Time, float64(len(e.Message)))
		for _, f := range byGroup[e.LogGroup] {
			if disabled[f] {
				continue
			}
			r, ok := f.extractor.Extract(e.Message)
			if f.Default != nil && len(f.Dimensions) == 0 {
				k := minuteKey{f, e.Time.Unix() / 60}
				matchedMinute[k] = matchedMinute[k] || ok
			}
			if !ok || !r.HasValue {
				continue
			}
			if len(f.Dimensions) > 0 {
				c := cards[f]
				if c == nil {
					c = &cardinality{}
					cards[f] = c
				}
				if n := c.add(e.Time, r.Dimensions); n >= MaxDimensionPairsPerHour {
					disabled[f] = true
					reports = append(reports, FilterDisabled{Filter: f, At: e.Time, Pairs: n, Examples: c.examples()})
					continue
				}
			}
			store.put(metricID(f.Metric.Namespace, f.Metric.Name, r.Dimensions), e.Time, r.Value)
		}
	}
	for k, matched := range matchedMinute {
		if !matched && !disabled[k.f] {
			store.put(k.f.Metric, time.Unix(k.minute*60, 0).UTC(), *k.f.Default)
		}
	}
	store.sortAll()
	return reports
}

// cardinality counts the distinct dimension name/value pairs a filter
// published within the last hour.
type cardinality struct {
	lastSeen map[string]time.Time
	count    int // distinct pairs at the last new pair
}

// add records the pairs of one event and returns how many distinct pairs
// were seen within dimensionWindow up to t.
func (c *cardinality) add(t time.Time, dims map[string]string) int {
	if c.lastSeen == nil {
		c.lastSeen = map[string]time.Time{}
	}
	added := false
	for k, v := range dims {
		pair := k + "=" + v
		if seen, ok := c.lastSeen[pair]; !ok || t.Sub(seen) >= dimensionWindow {
			added = true
		}
		c.lastSeen[pair] = t
	}
	if !added {
		return c.count
	}
	n := 0
	for pair, seen := range c.lastSeen {
		if t.Sub(seen) < dimensionWindow {
			n++
		} else {
			delete(c.lastSeen, pair)
		}
	}
	c.count = n
	return n
}

// examples are a few of the pairs, sorted, for the report.
func (c *cardinality) examples() []string {
	var out []string
	for pair := range c.lastSeen {
		out = append(out, pair)
	}
	sort.Strings(out)
	if len(out) > 3 {
		out = append(out[:3], "… "+strconv.Itoa(len(c.lastSeen)-3)+" more")
	}
	return out
}
