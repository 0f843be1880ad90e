package drill

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// confirm asks on the terminal whether to drill; only "yes" or "y" goes on.
func confirm(in io.Reader, out io.Writer, n int, env string) bool {
	what := fmt.Sprintf("these %d alarms", n)
	if n == 1 {
		what = "this alarm"
	}
	fmt.Fprintf(out, "Set %s of %s to ALARM and back to OK? This pages whoever they notify. Type yes to go on: ", what, env)
	line, _ := bufio.NewReader(in).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "yes" || answer == "y"
}
