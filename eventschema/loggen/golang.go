package loggen

import (
	"fmt"
	"go/format"
	"go/token"
	"log/slog"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/eventschema"
)

// goReserved are the names a generated method's parameters must not take:
// those its body uses, and Go's predeclared identifiers.
var goReserved = func() map[string]bool {
	m := map[string]bool{"ctx": true, "opts": true, "l": true, "attrs": true, "buf": true, "slog": true, "context": true}
	for _, s := range strings.Fields(`any append bool byte cap clear close complex complex64 complex128 copy delete error false
		float32 float64 imag int int8 int16 int32 int64 iota len make max min new nil panic print println real recover
		rune string true uint uint8 uint16 uint32 uint64 uintptr`) {
		m[s] = true
	}
	return m
}()

// goTopLevel are the package's fixed identifiers.
var goTopLevel = []string{"EventField", "Logger", "New", "NewJSON", "HandlerOptions", "replaceAttr"}

// Go returns a Go package that logs the schema's events through
// log/slog: a Logger with one method per event, whose required fields are
// typed parameters (string, float64, bool, or a named string type with a
// constant per value for an enum) and whose optional fields are pointers
// in an <Event>Options struct, left out when nil. Each method writes one
// record whose attributes are the event field and the declared fields, in
// declaration order, and no time; the package's HandlerOptions drop
// slog's own level and msg keys (and time and source, when other code
// logs through the handler), so that with slog.NewJSONHandler each line
// is exactly the declared event: no key is declared implicitly. A field
// named like slog's message key ("msg") cannot be told from the message
// there, so it is refused. The result is gofmt'ed.
func Go(s *eventschema.Schema, o Options) ([]byte, error) {
	if err := check(s, o); err != nil {
		return nil, err
	}
	pkg := o.Package
	if pkg == "" {
		pkg = DefaultPackage
	}
	if !token.IsIdentifier(pkg) || pkg == "_" {
		return nil, fmt.Errorf("loggen: package name %q is not a Go identifier", pkg)
	}
	g := &goGen{s: s, ef: eventField(s), ns: namespace{}}
	for _, id := range goTopLevel {
		g.ns[id] = "the package's " + id
	}
	var b strings.Builder
	b.WriteString("// " + Header(o.Source) + "\n\n")
	comment(&b, "", "//", fmt.Sprintf(`Package %s logs the structured events declared in %s, one
method of Logger per event, each writing one JSON object per line through
log/slog:

	log := %s.NewJSON(os.Stdout)
	log.MyEvent(ctx, ...)

Lines are exactly the declared events: the event field %q, then the
declared fields in their order. slog's own time, level and msg keys are
dropped by HandlerOptions (NewJSON uses them): give them to your own
slog.NewJSONHandler, and do not add attributes with Logger.With, which
would be undeclared fields.`, pkg, o.Source, pkg, g.ef))
	b.WriteString("package " + pkg + "\n\n")
	b.WriteString(goPrelude(g.ef))
	for _, ev := range s.Events {
		if err := g.event(&b, ev); err != nil {
			return nil, err
		}
	}
	out, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("loggen: the generated Go does not parse (a bug): %w", err)
	}
	return out, nil
}

// goGen holds the state of one Go generation.
type goGen struct {
	s  *eventschema.Schema
	ef string
	ns namespace
}

// goPrelude is the package's fixed part: imports, Logger, the handler
// options.
func goPrelude(ef string) string {
	return `import (
	"context"
	"io"
	"log/slog"
	"time"
)

// EventField is the JSON key whose value names each event.
const EventField = ` + strconv.Quote(ef) + `

// Logger writes the declared events through a *slog.Logger, at level Info.
type Logger struct{ l *slog.Logger }

// New returns a Logger writing through l. With slog.NewJSONHandler and
// HandlerOptions, each event is one line holding exactly its declared
// fields.
func New(l *slog.Logger) *Logger { return &Logger{l: l} }

// NewJSON returns a Logger writing one JSON object per line to w.
func NewJSON(w io.Writer) *Logger {
	return New(slog.New(slog.NewJSONHandler(w, HandlerOptions())))
}

// HandlerOptions are the options of a slog.JSONHandler that writes the
// events exactly as declared: slog's own time, level, msg and source keys
// are dropped.
func HandlerOptions() *slog.HandlerOptions {
	return &slog.HandlerOptions{ReplaceAttr: replaceAttr}
}

// replaceAttr drops slog's built-in attributes, told from declared fields
// by their kinds (a declared field is never a time, level or source).
func replaceAttr(groups []string, a slog.Attr) slog.Attr {
	if len(groups) > 0 {
		return a
	}
	switch a.Key {
	case slog.TimeKey:
		if a.Value.Kind() == slog.KindTime {
			return slog.Attr{}
		}
	case slog.LevelKey:
		if _, ok := a.Value.Any().(slog.Level); ok {
			return slog.Attr{}
		}
	case slog.SourceKey:
		if _, ok := a.Value.Any().(*slog.Source); ok {
			return slog.Attr{}
		}
	case slog.MessageKey:
		return slog.Attr{}
	}
	return a
}

// log writes one event, without a time: CloudWatch stamps each event.
func (l *Logger) log(ctx context.Context, event string, attrs []slog.Attr) {
	r := slog.NewRecord(time.Time{}, slog.LevelInfo, event, 0)
	r.AddAttrs(attrs...)
	_ = l.l.Handler().Handle(ctx, r)
}
`
}

// goField is a field as the generated code names it.
type goField struct {
	eventschema.Field
	ident string // exported: the options struct's field, the enum type's suffix
	param string // the method's parameter, for a required field
	typ   string // Go type: string, float64, bool, or the enum type
}

// event writes the types and the method of one event.
func (g *goGen) event(b *strings.Builder, ev eventschema.Event) error {
	name := GoName(ev.Name)
	what := fmt.Sprintf("log event %q", ev.Name)
	if err := g.ns.claim(name, what); err != nil {
		return err
	}
	params := map[string]string{}
	var fields []goField
	hasOptional := false
	for _, f := range ev.Fields {
		if f.Name == slog.MessageKey || g.ef == slog.MessageKey {
			return fmt.Errorf("log event %q: a key named %q is slog's message key, which the Go logger cannot tell from the message; rename the field", ev.Name, slog.MessageKey)
		}
		gf := goField{Field: f, ident: GoFieldName(f.Name)}
		gf.typ = map[string]string{eventschema.TypeString: "string", eventschema.TypeNumber: "float64", eventschema.TypeBoolean: "bool"}[f.Type]
		if f.Type == eventschema.TypeEnum {
			gf.typ = name + gf.ident
			if err := g.ns.claim(gf.typ, fmt.Sprintf("the values of %s.%s", ev.Name, f.Name)); err != nil {
				return err
			}
		}
		if f.Required {
			gf.param = avoid(lowerCamel(f.Name), goReserved)
			if token.IsKeyword(gf.param) {
				gf.param += "_"
			}
			if prev, dup := params[gf.param]; dup {
				return fmt.Errorf("log event %q: fields %s and %s would both be the parameter %s; rename one", ev.Name, prev, f.Name, gf.param)
			}
			params[gf.param] = f.Name
		} else {
			hasOptional = true
			if prev, dup := params["."+gf.ident]; dup {
				return fmt.Errorf("log event %q: fields %s and %s would both be the option %s; rename one", ev.Name, prev, f.Name, gf.ident)
			}
			params["."+gf.ident] = f.Name
		}
		fields = append(fields, gf)
	}
	for _, f := range fields {
		if f.Type == eventschema.TypeEnum {
			if err := g.enum(b, ev, f); err != nil {
				return err
			}
		}
	}
	if hasOptional {
		if err := g.ns.claim(name+"Options", "the options of "+what); err != nil {
			return err
		}
		fmt.Fprintf(b, "// %sOptions are the optional fields of %s; a nil field is left out.\n", name, ev.Name)
		fmt.Fprintf(b, "type %sOptions struct {\n", name)
		for _, f := range fields {
			if !f.Required {
				comment(b, "\t", "//", f.ident+" is "+strconv.Quote(f.Name)+fieldDoc(f.Field))
				fmt.Fprintf(b, "\t%s *%s\n", f.ident, f.typ)
			}
		}
		b.WriteString("}\n\n")
	}
	g.method(b, ev, name, fields, hasOptional)
	return nil
}

// enum writes the named string type of an enum field and its constants.
func (g *goGen) enum(b *strings.Builder, ev eventschema.Event, f goField) error {
	fmt.Fprintf(b, "// %s is a value of %s in %s.\ntype %s string\n\n", f.typ, f.Name, ev.Name, f.typ)
	fmt.Fprintf(b, "// The values of %s.\nconst (\n", f.typ)
	consts := make([]string, len(f.Values))
	for i, v := range f.Values {
		consts[i] = f.typ + exported(v, "V")
		if err := g.ns.claim(consts[i], fmt.Sprintf("value %q of %s.%s", v, ev.Name, f.Name)); err != nil {
			return err
		}
		fmt.Fprintf(b, "\t%s %s = %s\n", consts[i], f.typ, strconv.Quote(v))
	}
	b.WriteString(")\n\n")
	fmt.Fprintf(b, "// Valid reports whether v is one of the declared values.\nfunc (v %s) Valid() bool {\n\tswitch v {\n\tcase %s:\n\t\treturn true\n\t}\n\treturn false\n}\n\n",
		f.typ, strings.Join(consts, ", "))
	return nil
}

// method writes the Logger method of one event.
func (g *goGen) method(b *strings.Builder, ev eventschema.Event, name string, fields []goField, hasOptional bool) {
	doc := fmt.Sprintf("%s logs the event %s", name, strconv.Quote(ev.Name))
	if ev.Description != "" {
		doc += ": " + ev.Description
	} else {
		doc += "."
	}
	comment(b, "", "//", doc)
	var sig []string
	for _, f := range fields {
		if f.Required && len(sig) == 0 {
			b.WriteString("//\n// Required fields:\n")
		}
		if f.Required {
			sig = append(sig, f.param+" "+f.typ)
			comment(b, "", "//", "  - "+f.param+" is "+strconv.Quote(f.Name)+fieldDoc(f.Field))
		}
	}
	if hasOptional {
		sig = append(sig, "opts "+name+"Options")
	}
	fmt.Fprintf(b, "func (l *Logger) %s(ctx context.Context, %s) {\n", name, strings.Join(sig, ", "))
	b.WriteString("\tif !l.l.Enabled(ctx, slog.LevelInfo) {\n\t\treturn\n\t}\n")
	fmt.Fprintf(b, "\tvar buf [%d]slog.Attr\n", len(fields)+1)
	fmt.Fprintf(b, "\tattrs := append(buf[:0], slog.String(EventField, %s))\n", strconv.Quote(ev.Name))
	for _, f := range fields {
		key := strconv.Quote(f.Name)
		if f.Required {
			fmt.Fprintf(b, "\tattrs = append(attrs, %s)\n", goAttr(f, key, f.param))
			continue
		}
		fmt.Fprintf(b, "\tif opts.%s != nil {\n\t\tattrs = append(attrs, %s)\n\t}\n", f.ident, goAttr(f, key, "*opts."+f.ident))
	}
	fmt.Fprintf(b, "\tl.log(ctx, %s, attrs)\n}\n\n", strconv.Quote(ev.Name))
}

// goAttr is the slog.Attr expression of field f holding the Go value v.
func goAttr(f goField, key, v string) string {
	switch f.Type {
	case eventschema.TypeNumber:
		return fmt.Sprintf("slog.Float64(%s, %s)", key, v)
	case eventschema.TypeBoolean:
		return fmt.Sprintf("slog.Bool(%s, %s)", key, v)
	case eventschema.TypeEnum:
		return fmt.Sprintf("slog.String(%s, string(%s))", key, v)
	}
	return fmt.Sprintf("slog.String(%s, %s)", key, v)
}

// fieldDoc documents a field after its name: ": " and its description,
// unit and bound, or ".".
func fieldDoc(f eventschema.Field) string {
	var parts []string
	if f.Description != "" {
		parts = append(parts, strings.TrimSuffix(f.Description, "."))
	}
	if f.Unit != "" {
		parts = append(parts, "in "+f.Unit)
	}
	if f.MaxValues > 0 {
		parts = append(parts, fmt.Sprintf("at most %d values an hour", f.MaxValues))
	}
	if len(parts) == 0 {
		return "."
	}
	return ": " + strings.Join(parts, ", ") + "."
}

// eventField is the schema's event field or the default.
func eventField(s *eventschema.Schema) string {
	if s.EventField == "" {
		return eventschema.DefaultEventField
	}
	return s.EventField
}
