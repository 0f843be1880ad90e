package drill

import (
	"os"

	"golang.org/x/term"
)

// OSEnv is the process's streams; a confirmation is asked only when both
// stdin and stderr are a terminal.
func OSEnv() Env {
	return Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Interactive: term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stderr.Fd())),
	}
}
