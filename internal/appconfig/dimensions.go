package appconfig

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/cwsim/stat"
)

// checkDimensionBounds checks that every dimension a metric takes from an
// event field lists its values (allowedValues) or bounds them (maxValues),
// that the bounds of a metric stay under CloudWatch Logs' limit of
// cwsim.MaxDimensionPairsPerHour name/value pairs an hour, and that
// examples and alarms use listed values.
func (c *Config) checkDimensionBounds() ErrorList {
	d := c.services
	var errs ErrorList
	for i, svc := range c.Services.Services {
		for j, ev := range svc.Events {
			p := fmt.Sprintf("services[%d].events[%d]", i, j)
			m := ev.Metric
			pairs := 0
			for _, name := range slices.Sorted(maps.Keys(m.Dimensions)) {
				field := m.Dimensions[name]
				values, listed := m.AllowedValues[name]
				bound, bounded := m.MaxValues[name]
				switch {
				case !strings.HasPrefix(field, "$"):
					pairs++
				case listed && bounded:
					errs = append(errs, d.at(p+".metric.maxValues."+name, "%s has both allowedValues and maxValues; keep one", name))
				case listed:
					pairs += len(values)
				case bounded && bound < 1:
					errs = append(errs, d.at(p+".metric.maxValues."+name, "is %d; expected at least 1", bound))
				case bounded:
					pairs += bound
				default:
					errs = append(errs, d.at(p+".metric.dimensions."+name,
						"%s takes its values from the log line (%s): list them, allowedValues: {%s: [...]}, or bound them, maxValues: {%s: 20}; CloudWatch Logs may disable a metric filter whose dimensions make %d name/value pairs within an hour, and its alarm then goes quiet",
						name, field, name, name, cwsim.MaxDimensionPairsPerHour))
				}
			}
			if pairs >= cwsim.MaxDimensionPairsPerHour {
				errs = append(errs, d.at(p+".metric", "the dimensions' allowedValues and maxValues add up to %d name/value pairs; CloudWatch Logs may disable a metric filter at %d within an hour", pairs, cwsim.MaxDimensionPairsPerHour))
			}
			for _, name := range slices.Concat(slices.Sorted(maps.Keys(m.AllowedValues)), slices.Sorted(maps.Keys(m.MaxValues))) {
				if _, ok := m.Dimensions[name]; !ok {
					errs = append(errs, d.at(p+".metric", "allowedValues/maxValues name %s, which is not a dimension; %s", name, d.suggest.didYouMean(name, slices.Sorted(maps.Keys(m.Dimensions)))))
				}
			}
			errs = append(errs, checkListedValues(d, p, ev)...)
			errs = append(errs, checkStatistic(d, p, ev)...)
		}
	}
	return errs
}

// checkListedValues refuses alarm and example dimension values that the
// dimension's allowedValues do not list.
func checkListedValues(d *document, p string, ev Event) ErrorList {
	var errs ErrorList
	check := func(path string, dims map[string]string) {
		for _, name := range slices.Sorted(maps.Keys(dims)) {
			allowed, ok := ev.Metric.AllowedValues[name]
			if ok && !slices.Contains(allowed, dims[name]) {
				hint := ""
				if best, close := d.suggest.closest(dims[name], allowed); close {
					hint = "; did you mean " + best + "?"
				}
				errs = append(errs, d.at(path+"."+name, "%q is not among the allowedValues of %s (%s)%s", dims[name], name, strings.Join(allowed, ", "), hint))
			}
		}
	}
	if ev.Alarm != nil {
		check(p+".alarm.dimensions", ev.Alarm.Dimensions)
	}
	for k, x := range ev.Examples.Match {
		check(fmt.Sprintf("%s.examples.match[%d].dimensions", p, k), x.Dimensions)
	}
	return errs
}

// checkStatistic refuses a statistic CloudWatch does not know, and an
// extended statistic (a percentile, a trimmed mean) on a metric whose every
// value is the same number: it would always be that number.
func checkStatistic(d *document, p string, ev Event) ErrorList {
	if ev.Alarm == nil || ev.Alarm.Statistic == "" {
		return nil
	}
	st, err := stat.Parse(ev.Alarm.Statistic)
	if err != nil {
		return ErrorList{d.at(p+".alarm.statistic", "%v", err)}
	}
	value := ev.Metric.Value
	if st.NeedsValueDistribution() && !strings.HasPrefix(value, "$") {
		if value == "" {
			value = "1"
		}
		return ErrorList{d.at(p+".alarm.statistic", "%s of a metric whose every value is %s is always %s; an extended statistic needs a value from the event, such as metric.value: $.time", ev.Alarm.Statistic, value, value)}
	}
	return nil
}
