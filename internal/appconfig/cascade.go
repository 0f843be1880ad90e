package appconfig

import (
	"fmt"
	"strconv"
	"strings"
)

// report collects a config's problems phase by phase (validate.go) and
// leaves out a cascade: a problem that only follows from one already
// reported. A value that failed to decode is read as empty, so "is
// required" for it, or a construct's complaint about it, would report one
// mistake twice; an alarm name made of a service name that is too long
// would repeat that the service name is too long.
//
// A problem at a key path blames the path: a later phase's problem at it,
// inside it, or between it and its list entry (services[0].events[1] for
// services[0].events[1].alarm.threshold) is a cascade. Problems of one
// phase do not hide each other: they come from independent checks.
type report struct {
	errs ErrorList
	// seen holds the messages reported: a problem of services.yaml found
	// in every environment is reported once.
	seen map[string]bool
	// at holds file+"\x00"+path of each problem reported and of each value
	// that failed to decode.
	at map[string]bool
	// around holds the paths between those and their list entries.
	around map[string]bool
	// docs are the config files, by name; a problem of a file as a whole
	// (no key path) in one of them blames nothing, a problem in any other
	// file (a saved query) blames that file.
	docs map[string]bool
}

// newReport starts a report on the decoded files, with the values that
// failed to decode already blamed.
func newReport(docs ...*document) *report {
	r := &report{seen: map[string]bool{}, at: map[string]bool{}, around: map[string]bool{}, docs: map[string]bool{}}
	for _, d := range docs {
		r.docs[d.file] = true
		for path := range d.damaged {
			r.blame(d.file, path)
		}
	}
	return r
}

// add reports the problems one phase found, but for the cascades of
// problems reported before.
func (r *report) add(lists ...ErrorList) {
	var kept ErrorList
	for _, list := range lists {
		for _, e := range list {
			if msg := e.Error(); !r.seen[msg] && !r.covers(e.File, e.Field) {
				r.seen[msg] = true
				kept = append(kept, e)
			}
		}
	}
	for _, e := range kept {
		if e.Field != "" || !r.docs[e.File] {
			r.blame(e.File, e.Field)
		}
	}
	r.errs = append(r.errs, kept...)
}

func (r *report) blame(file, path string) {
	r.at[file+"\x00"+path] = true
	for p := path; !strings.HasSuffix(p, "]"); {
		var ok bool
		if p, ok = parentPath(p); !ok || p == "" {
			break
		}
		r.around[file+"\x00"+p] = true
	}
}

// covers reports whether a problem at path of file follows from one blamed.
func (r *report) covers(file, path string) bool {
	return r.around[file+"\x00"+path] || r.blamedAt(file, path)
}

// blamedAt reports whether path, or a value it is part of, is blamed.
func (r *report) blamedAt(file, path string) bool {
	for p := path; ; {
		if r.at[file+"\x00"+p] {
			return true
		}
		var ok bool
		if p, ok = parentPath(p); !ok {
			return false
		}
	}
}

// soundness says which names and construct props are sound, from the
// problems reported: a name made of the app, an environment's name (its
// file name), a service's name or an item's own name is checked (as a
// stack or resource name, a logical ID, a tag) only when no problem was
// reported in its parts. It reads the report as it was when made.
type soundness struct {
	c *Config
	r *report
	// app tells that the app has a problem; services and owners, by
	// service index, that a service's name or owner has one, and byName,
	// by service name, that its name has one.
	app              bool
	services, owners []bool
	byName           map[string]bool
}

func newSoundness(c *Config, r *report) soundness {
	n := soundness{c: c, r: r, byName: map[string]bool{}}
	file := c.services.file
	n.app = r.blamedAt(file, "app")
	for i, svc := range c.Services.Services {
		p := fmt.Sprintf("services[%d]", i)
		bad := r.blamedAt(file, p+".name")
		n.services = append(n.services, bad)
		n.owners = append(n.owners, r.blamedAt(file, "owner") || r.blamedAt(file, p+".owner"))
		n.byName[svc.Name] = n.byName[svc.Name] || bad
	}
	return n
}

// environment reports whether the app and the environment's names are sound.
func (n soundness) environment(e NamedEnvironment) bool {
	return !n.app && len(checkEnvironmentName(e.doc.file, e.Name)) == 0
}

// item reports whether every name an item's resources take is sound.
func (n soundness) item(e NamedEnvironment, it Item) bool {
	if !n.environment(e) || n.byName[it.Service] {
		return false
	}
	if i, ok := n.serviceOf(it); ok && n.services[i] {
		return false
	}
	file, base := n.c.services.file, it.src.base
	return it.src.doc != n.c.services || base == "" ||
		!n.r.blamedAt(file, join(base, "name")) && !n.r.blamedAt(file, join(base, "file"))
}

// serviceOf is the index of the service whose key path holds the item's
// (services[2] for services[2].events[0]), if any.
func (n soundness) serviceOf(it Item) (int, bool) {
	rest, ok := strings.CutPrefix(it.src.base, "services[")
	if !ok || it.src.doc != n.c.services {
		return 0, false
	}
	digits, _, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(digits)
	return i, err == nil && i < len(n.services)
}

// derivedProps are the construct props made of names and other values
// rather than written in the config: the app, environment, service and
// event names, and the descriptions and tags that quote them. A problem of
// one of them is the problem of a part, when a part has one.
var derivedProps = map[string]bool{
	"alarmName": true, "logGroupName": true, "logGroupNames": true, "dashboardName": true, "namePrefix": true,
	"name": true, "metricName": true, "namespace": true, "members": true, "description": true, "tags": true,
}

// follows reports whether a problem of the construct prop of it (in
// environment e) only follows from one reported before: at the config key
// the prop comes from, or in a part of a derived prop.
func (n soundness) follows(e NamedEnvironment, it Item, prop string) bool {
	doc, field := it.src.place(prop)
	if n.r.covers(doc.file, field) {
		return true
	}
	root := propRoot(prop)
	if !derivedProps[root] {
		return false
	}
	if !n.item(e, it) {
		return true
	}
	switch root {
	case "description":
		return it.src.doc == n.c.services && it.src.base != "" && n.r.blamedAt(n.c.services.file, join(it.src.base, "description"))
	case "tags":
		if n.r.blamedAt(n.c.services.file, "owner") {
			return true
		}
		if i, ok := n.serviceOf(it); ok && n.owners[i] {
			return true
		}
		for i, svc := range n.c.Services.Services {
			if svc.Name == it.Service && n.owners[i] {
				return true
			}
		}
	}
	return false
}

// inputReported reports whether a problem was reported at a config key an
// item's written props come from: its construct's other problems may only
// follow from it (a missing pattern matches every line, and a metric
// value taken from a JSON field then has no JSON to read).
func (n soundness) inputReported(it Item) bool {
	for prop := range it.src.fields {
		if derivedProps[propRoot(prop)] {
			continue
		}
		if doc, field := it.src.place(prop); n.r.blamedAt(doc.file, field) {
			return true
		}
	}
	return false
}

// propRoot is the prop a FieldError's field names ("subscriptions" for
// "subscriptions.critical[0]").
func propRoot(field string) string {
	if i := strings.IndexAny(field, ".["); i >= 0 {
		return field[:i]
	}
	return field
}
