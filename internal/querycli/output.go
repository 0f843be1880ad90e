package querycli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/eventwatch/eventwatch/insights"
)

// writeResult prints res in format.
func writeResult(w io.Writer, format string, res *insights.Result) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case FormatJSON:
		err = writeJSON(bw, res)
	case FormatCSV:
		err = writeCSV(bw, res)
	default:
		writeTable(bw, res)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeJSON prints one object per row, keys in column order.
func writeJSON(w *bufio.Writer, res *insights.Result) error {
	for _, r := range res.Rows {
		w.WriteByte('{')
		for i, c := range r {
			if i > 0 {
				w.WriteByte(',')
			}
			k, err := json.Marshal(c.Field)
			if err != nil {
				return err
			}
			v, err := json.Marshal(c.Value)
			if err != nil {
				return err
			}
			w.Write(k)
			w.WriteByte(':')
			w.Write(v)
		}
		w.WriteString("}\n")
	}
	return nil
}

func cells(res *insights.Result, r insights.Row) []string {
	out := make([]string, len(res.Fields))
	for i, f := range res.Fields {
		out[i], _ = r.Get(f)
	}
	return out
}

// writeCSV prints a header and one record per row.
func writeCSV(w io.Writer, res *insights.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(res.Fields); err != nil {
		return err
	}
	for _, r := range res.Rows {
		if err := cw.Write(cells(res, r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeTable prints aligned columns; newlines and tabs in values are shown
// as \n and \t so that every row stays on one line.
func writeTable(w io.Writer, res *insights.Result) {
	esc := strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`)
	rows := [][]string{res.Fields}
	for _, r := range res.Rows {
		c := cells(res, r)
		for i := range c {
			c[i] = esc.Replace(c[i])
		}
		rows = append(rows, c)
	}
	width := make([]int, len(res.Fields))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+2))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// progressDelay is how long a run goes before a progress line appears;
// progressEvery is how often it is refreshed.
const (
	progressDelay = time.Second
	progressEvery = 250 * time.Millisecond
)

// startProgress shows "read N lines (M MB)" on stderr while the run goes
// on, when stderr is a terminal and NO_COLOR is unset; the returned
// function stops it and clears the line.
func startProgress(stderr io.Writer, rd *reader) (stop func()) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(f, "\r\033[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < progressDelay {
					continue
				}
				shown = true
				fmt.Fprintf(f, "\r\033[Kread %d lines (%.1f MB)", rd.linesRead.Load(), float64(rd.bytesRead.Load())/1e6)
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
