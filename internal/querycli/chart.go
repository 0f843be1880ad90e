package querycli

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/eventwatch/eventwatch/insights"
)

// write prints res in the chosen format.
func (o *queryOptions) write(w io.Writer, res *insights.Result) error {
	if o.format != FormatChart {
		return writeResult(w, o.format, res)
	}
	width := o.width
	if width == 0 {
		width = terminalWidth(w)
	}
	return writeChart(w, res, o.chartValue, min(width, maxChartWidth))
}

// terminalWidth returns the width of w when it is a terminal, else
// defaultChartWidth.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols >= minChartWidth {
			return cols
		}
	}
	return defaultChartWidth
}

// timeLayout is how @timestamp and bin() values are shown.
const timeLayout = "2006-01-02 15:04:05.000"

// chartSeries is the rows of one group, by bin.
type chartSeries struct {
	name   string
	points map[int64]float64
}

// writeChart draws the rows of `stats ... by bin(...)`: the bin column is
// the one whose values are all times, the value column valueCol (or the
// first all-numeric column), the other columns name groups. One group
// gives a bar per bin; several give a sparkline per group over the bins.
func writeChart(w io.Writer, res *insights.Result, valueCol string, width int) error {
	binCol, numCols := classifyColumns(res)
	if binCol == "" {
		return fmt.Errorf("--format chart needs a time column, as stats ... by bin(5m) gives; the columns are %s", strings.Join(res.Fields, ", "))
	}
	if valueCol == "" {
		if len(numCols) == 0 {
			return fmt.Errorf("--format chart needs a numeric column, such as count(*); the columns are %s", strings.Join(res.Fields, ", "))
		}
		valueCol = numCols[0]
	} else if !slices.Contains(numCols, valueCol) {
		return fmt.Errorf("--chart-value %q is not a numeric column; numeric columns: %s", valueCol, strings.Join(numCols, ", "))
	}
	var groupCols []string
	for _, f := range res.Fields {
		if f != binCol && !slices.Contains(numCols, f) {
			groupCols = append(groupCols, f)
		}
	}
	bins := map[int64]bool{}
	series := map[string]*chartSeries{}
	var order []string
	for _, r := range res.Rows {
		bs, _ := r.Get(binCol)
		t, err := time.Parse(timeLayout, bs)
		vs, ok := r.Get(valueCol)
		v, verr := strconv.ParseFloat(vs, 64)
		if err != nil || !ok || verr != nil {
			continue
		}
		var parts []string
		for _, g := range groupCols {
			gv, _ := r.Get(g)
			parts = append(parts, gv)
		}
		key := strings.Join(parts, " ")
		s := series[key]
		if s == nil {
			s = &chartSeries{name: key, points: map[int64]float64{}}
			series[key] = s
			order = append(order, key)
		}
		ms := t.UnixMilli()
		s.points[ms] += v
		bins[ms] = true
	}
	times := make([]int64, 0, len(bins))
	for t := range bins {
		times = append(times, t)
	}
	slices.Sort(times)
	if len(times) == 0 {
		_, err := fmt.Fprintln(w, "(no rows to chart)")
		return err
	}
	if len(groupCols) == 0 {
		return barChart(w, valueCol, times, series[""], width)
	}
	slices.Sort(order)
	return sparklines(w, valueCol, strings.Join(groupCols, " "), times, order, series, width)
}

// classifyColumns finds the time column (preferring one named bin(...))
// and the numeric columns of res.
func classifyColumns(res *insights.Result) (string, []string) {
	binCol := ""
	var nums []string
	for _, f := range res.Fields {
		allTime, allNum, any := true, true, false
		for _, r := range res.Rows {
			v, ok := r.Get(f)
			if !ok {
				continue
			}
			any = true
			if _, err := time.Parse(timeLayout, v); err != nil {
				allTime = false
			}
			if x, err := strconv.ParseFloat(v, 64); err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				allNum = false
			}
		}
		switch {
		case !any:
		case allTime && (binCol == "" || strings.HasPrefix(f, "bin(")):
			binCol = f
		case allNum:
			nums = append(nums, f)
		}
	}
	return binCol, nums
}

// barChart draws one bar per bin, scaled to the largest value.
func barChart(w io.Writer, valueCol string, times []int64, s *chartSeries, width int) error {
	labels := make([]string, len(times))
	values := make([]string, len(times))
	maxV, labelW, valueW := 0.0, 0, len(valueCol)
	for i, t := range times {
		labels[i] = time.UnixMilli(t).UTC().Format(timeLayout)
		v := s.points[t]
		values[i] = chartNumber(v)
		maxV = math.Max(maxV, v)
		labelW = max(labelW, len(labels[i]))
		valueW = max(valueW, len(values[i]))
	}
	barW := max(width-labelW-valueW-4, 1)
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %*s\n", labelW, "", valueW, valueCol)
	for i, t := range times {
		n := 0.0
		if maxV > 0 {
			n = s.points[t] / maxV * float64(barW)
		}
		fmt.Fprintf(&b, "%-*s  %*s %s\n", labelW, labels[i], valueW, values[i], bar(n, barW))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// chartNumber formats a value for the chart: plainly below 1e15, else in
// exponent form, so that no label runs past the width.
func chartNumber(v float64) string {
	if math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// eighths are the partial blocks of a bar, in eighths of a column.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// bar returns a bar n columns long (fractions in eighths), at most width;
// a negative or undefined length is an empty bar.
func bar(n float64, width int) string {
	if !(n > 0) {
		return ""
	}
	n = math.Min(n, float64(width))
	full := int(n)
	part := int((n - float64(full)) * 8)
	return strings.Repeat("█", full) + eighths[part]
}

// sparks are the eight levels of a sparkline.
var sparks = []rune("▁▂▃▄▅▆▇█")

// sparklines draws one line per group: the name, a sparkline over every
// bin (a space where the group has no row), and min/max/total.
func sparklines(w io.Writer, valueCol, groupTitle string, times []int64, order []string, series map[string]*chartSeries, width int) error {
	nameW := utf8.RuneCountInString(groupTitle)
	for _, k := range order {
		nameW = max(nameW, utf8.RuneCountInString(k))
	}
	nameW = min(nameW, width/3)
	var b strings.Builder
	first := time.UnixMilli(times[0]).UTC().Format(timeLayout)
	last := time.UnixMilli(times[len(times)-1]).UTC().Format(timeLayout)
	fmt.Fprintf(&b, "%s by %s, %d bins from %s to %s\n", valueCol, groupTitle, len(times), first, last)
	cols := max(width-nameW-2-30, 8)
	for _, k := range order {
		s := series[k]
		lo, hi, total := math.Inf(1), math.Inf(-1), 0.0
		for _, v := range s.points {
			lo, hi, total = math.Min(lo, v), math.Max(hi, v), total+v
		}
		var line []rune
		step := max(1, (len(times)+cols-1)/cols) // bins per character
		for i := 0; i < len(times); i += step {
			v, present := 0.0, false
			for _, t := range times[i:min(i+step, len(times))] {
				if x, ok := s.points[t]; ok {
					v, present = v+x, true
				}
			}
			switch {
			case !present:
				line = append(line, ' ')
			case hi <= 0 || hi == lo && step == 1:
				line = append(line, sparks[len(sparks)-1])
			default:
				level := int(v / (hi * float64(step)) * float64(len(sparks)-1))
				line = append(line, sparks[min(max(level, 0), len(sparks)-1)])
			}
		}
		name := k
		if name == "" {
			name = "(none)"
		}
		if utf8.RuneCountInString(name) > nameW {
			name = string([]rune(name)[:nameW-1]) + "…"
		}
		fmt.Fprintf(&b, "%-*s  %s  min %s max %s total %s\n", nameW, name, string(line),
			chartNumber(lo), chartNumber(hi), chartNumber(total))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
