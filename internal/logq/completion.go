package logq

import (
	"fmt"
	"io"
	"strings"

	"github.com/eventwatch/eventwatch/internal/cliflags"
)

// shells are the shells `logq completion` writes a script for.
var shells = []string{"bash", "zsh"}

const completionUsage = `usage: logq completion bash|zsh

Prints a script that completes logq's commands, each command's flags, and
the values of flags that take one of a list (--format, --input); other
arguments and flag values complete as file names. The script is made from
the flags logq parses, so it is never behind them.

  bash  add to ~/.bashrc:   source <(logq completion bash)
        or, system-wide:    logq completion bash > /etc/bash_completion.d/logq
  zsh   add to ~/.zshrc, after compinit:   source <(logq completion zsh)
        or write it as _logq in a directory of $fpath:
                            logq completion zsh > "${fpath[1]}/_logq"

Examples:
  logq completion bash
  logq completion zsh

Exit status: 0, or 2 for a shell other than bash or zsh.
`

// runCompletion is `logq completion`.
func runCompletion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 1 {
		switch args[0] {
		case "-h", "-help", "--help":
			fmt.Fprint(stdout, completionUsage)
			return exitOK
		case "bash":
			fmt.Fprint(stdout, bashCompletion())
			return exitOK
		case "zsh":
			fmt.Fprint(stdout, zshCompletion())
			return exitOK
		}
	}
	fmt.Fprintf(stderr, "logq completion: expected bash or zsh, got %q\n\n%s", args, completionUsage)
	return exitUsage
}

// completed is what the scripts complete for one command.
type completed struct {
	command
	flags []cliflags.Flag // the command's flags, then -h and --help
}

// completedCommands describes every command from its flag definitions,
// and help, which takes a command's name.
func completedCommands() []completed {
	var out []completed
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
		var flags []cliflags.Flag
		if c.flags != nil {
			flags = cliflags.Describe(c.flags())
		}
		flags = append(flags,
			cliflags.Flag{Spelling: "-h", Usage: "print the command's help"},
			cliflags.Flag{Spelling: "--help", Usage: "print the command's help"})
		out = append(out, completed{command: c, flags: flags})
	}
	help := command{name: "help", summary: "print the help of a command", words: names}
	return append(out, completed{command: help})
}

// topLevel are the words completed after "logq".
func topLevel(cmds []completed) []string {
	var words []string
	for _, c := range cmds {
		words = append(words, c.name)
	}
	return append(words, "--help", "--version")
}

// bashCompletion returns the bash script.
func bashCompletion() string {
	cmds := completedCommands()
	var b strings.Builder
	fmt.Fprintf(&b, `# bash completion for logq, written by "logq completion bash" from the
# flags logq parses. Load it with:  source <(logq completion bash)

_logq() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W %s -- "$cur"))
        return
    fi
    if [[ $prev == "=" && $COMP_CWORD -ge 3 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    local flags="" valued="" words=""
    case ${COMP_WORDS[1]} in
`, bashQuote(strings.Join(topLevel(cmds), " ")))
	for _, c := range cmds {
		var spellings, valued []string
		var choices []string
		for _, f := range c.flags {
			spellings = append(spellings, f.Spelling)
			if !f.TakesValue {
				continue
			}
			both := bothSpellings(f.Spelling)
			valued = append(valued, both...)
			if f.Choices != nil {
				choices = append(choices, fmt.Sprintf("        %s) COMPREPLY=($(compgen -W %s -- \"$cur\")); return ;;\n",
					strings.Join(both, "|"), bashQuote(strings.Join(f.Choices, " "))))
			}
		}
		fmt.Fprintf(&b, "    %s)\n", c.name)
		fmt.Fprintf(&b, "        flags=%s\n", bashQuote(strings.Join(spellings, " ")))
		if len(valued) > 0 {
			fmt.Fprintf(&b, "        valued=%s\n", bashQuote(" "+strings.Join(valued, " ")+" "))
		}
		if len(c.words) > 0 {
			fmt.Fprintf(&b, "        words=%s\n", bashQuote(strings.Join(c.words, " ")))
		}
		if len(choices) > 0 {
			b.WriteString("        case $prev in\n")
			for _, ch := range choices {
				b.WriteString("    " + ch)
			}
			b.WriteString("        esac\n")
		}
		b.WriteString("        ;;\n")
	}
	b.WriteString(`    *) return ;;
    esac
    if [[ -n $words ]] && ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi
    # A flag's value, or an argument: the shell's file names (-o default).
    if [[ $valued == *" $prev "* ]]; then
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    fi
}

complete -o default -F _logq logq
`)
	return b.String()
}

// bothSpellings returns the ways the flag package accepts a flag with a
// value: -q and --q, -format and --format.
func bothSpellings(spelling string) []string {
	name := strings.TrimLeft(spelling, "-")
	return []string{"-" + name, "--" + name}
}

// bashQuote quotes s as one shell word.
func bashQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// zshCompletion returns the zsh script.
func zshCompletion() string {
	cmds := completedCommands()
	var b strings.Builder
	b.WriteString(`#compdef logq
# zsh completion for logq, written by "logq completion zsh" from the flags
# logq parses. Load it with:  source <(logq completion zsh)   (after
# compinit), or write it as _logq in a directory of $fpath.

_logq() {
  local -a commands
  commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s\n", bashQuote(c.name+":"+zshText(c.summary)))
	}
	b.WriteString(`  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'logq command' commands
    compadd -- --help --version
    return
  fi
  local cmd=${words[2]}
  shift words
  (( CURRENT-- ))
  curcontext="${curcontext%:*:*}:logq-$cmd:"
  case $cmd in
`)
	for _, c := range cmds {
		var specs []string
		if len(c.words) > 0 {
			specs = append(specs, "1:"+c.name+" argument:("+strings.Join(c.words, " ")+")")
		}
		for _, f := range c.flags {
			spec := f.Spelling + "[" + zshText(f.Usage) + "]"
			if f.Repeatable {
				spec = "*" + spec
			}
			name := strings.TrimLeft(f.Spelling, "-")
			switch {
			case f.Choices != nil:
				spec += ":" + name + ":(" + strings.Join(f.Choices, " ") + ")"
			case f.TakesValue:
				spec += ":" + name + ":_files"
			}
			specs = append(specs, spec)
		}
		if c.files {
			specs = append(specs, "*:file:_files")
		}
		for i := range specs {
			specs[i] = bashQuote(specs[i])
		}
		fmt.Fprintf(&b, "  %s)\n    _arguments \\\n      %s\n    ;;\n", c.name, strings.Join(specs, " \\\n      "))
	}
	b.WriteString(`  esac
}

if [[ $funcstack[1] == _logq ]]; then
  _logq "$@"
else
  compdef _logq logq
fi
`)
	return b.String()
}

// zshText makes s safe in an _arguments description or a _describe entry.
func zshText(s string) string {
	return strings.NewReplacer("[", "(", "]", ")", "\\", "/", "\n", " ").Replace(s)
}
