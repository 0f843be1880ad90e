package loggen

import (
	"fmt"
	"strings"
	"unicode"
)

// words splits a name at every byte that is not an ASCII letter or digit,
// and at each lower-to-upper case change: "my-queue-worker" and
// "myQueueWorker" give my, queue, worker.
func words(name string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(name); i++ {
		alnum := i < len(name) && isAlnum(name[i])
		boundary := alnum && start >= 0 && isUpper(name[i]) && (isLower(name[i-1]) || isDigit(name[i-1]))
		if (!alnum || boundary) && start >= 0 {
			out = append(out, name[start:i])
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return out
}

// exported is a Go exported identifier for name, as MyQueueWorker; an
// identifier that would start with a digit gets prefix.
func exported(name, prefix string) string {
	var b strings.Builder
	for _, w := range words(name) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	s := b.String()
	if s == "" || isDigit(s[0]) {
		s = prefix + s
	}
	return s
}

// lowerCamel is a Go parameter name for name, as timeSec.
func lowerCamel(name string) string {
	ws := words(name)
	var b strings.Builder
	for i, w := range ws {
		if i == 0 {
			b.WriteString(strings.ToLower(w))
		} else {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// snake is a Python name for name, as my_queue_worker; upper gives
// MY_QUEUE_WORKER.
func snake(name string, upper bool) string {
	ws := words(name)
	for i, w := range ws {
		if upper {
			ws[i] = strings.ToUpper(w)
		} else {
			ws[i] = strings.ToLower(w)
		}
	}
	s := strings.Join(ws, "_")
	if s == "" || isDigit(s[0]) {
		s = "event_" + s
	}
	return s
}

// avoid returns name, or name with "_" appended while reserved holds it.
func avoid(name string, reserved map[string]bool) string {
	for reserved[name] {
		name += "_"
	}
	return name
}

// namespace hands out identifiers and refuses a second use of one, naming
// both uses.
type namespace map[string]string

// claim records that ident stands for what; it fails when ident stands for
// something else already.
func (ns namespace) claim(ident, what string) error {
	if prev, ok := ns[ident]; ok && prev != what {
		return fmt.Errorf("%s and %s would both be named %s in the generated code; rename one", prev, what, ident)
	}
	ns[ident] = what
	return nil
}

// comment writes text as comment lines with marker ("//" or "#"), each
// line of text on its own; blank lines stay blank comment lines.
func comment(b *strings.Builder, indent, marker, text string) {
	for _, line := range strings.Split(strings.TrimRightFunc(text, unicode.IsSpace), "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			b.WriteString(indent + marker + "\n")
			continue
		}
		b.WriteString(indent + marker + " " + line + "\n")
	}
}

func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) || isLower(c) }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// GoName is the Go name of a log event's Logger method, as MyQueueWorker
// for my-queue-worker; its options struct is GoName + "Options".
func GoName(event string) string { return exported(event, "Event") }

// GoFieldName is the Go name of a field in an options struct; an enum's
// type is GoName(event) + GoFieldName(field).
func GoFieldName(field string) string { return exported(field, "F") }

// PythonName is the Python function of a log event, as my_queue_worker.
func PythonName(event string) string { return snake(event, false) }

// PythonParam is the keyword parameter of a field, as class_ for class.
func PythonParam(field string) string { return avoid(field, pyReserved) }
