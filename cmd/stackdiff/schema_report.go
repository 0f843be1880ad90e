package main

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// schemaReport is what changes in the log events the services declare,
// as the templates record them (appconfig.SchemaSnapshot), by the stack
// each change is listed under.
type schemaReport map[string][]schemaChange

// located is one service's record and the stack that holds it.
type located struct {
	stack  string
	schema appconfig.ServiceSchema
}

// byEnvironment maps environments to their services' records.
type byEnvironment map[string]map[string]located

// compareSchemas compares the records of the baseline templates with the
// synthesized ones, service by service within each environment (a service
// may move between an environment's stacks). An environment whose
// baseline records nothing (built before stacks recorded their log
// events) has nothing to compare with, and is left out.
func compareSchemas(baseline, proposed map[string][]byte) (schemaReport, error) {
	old, err := records(baseline, "baseline")
	if err != nil {
		return nil, err
	}
	next, err := records(proposed, "synthesized")
	if err != nil {
		return nil, err
	}
	r := schemaReport{}
	for _, env := range slices.Sorted(maps.Keys(old)) {
		for _, svc := range slices.Sorted(maps.Keys(union(old[env], next[env]))) {
			o, inOld := old[env][svc]
			n, inNext := next[env][svc]
			stack := n.stack
			var oldSchema, nextSchema *appconfig.ServiceSchema
			if inOld {
				oldSchema = &o.schema
			}
			if inNext {
				nextSchema = &n.schema
			} else {
				stack = o.stack
			}
			for _, c := range serviceChanges(svc, oldSchema, nextSchema) {
				c.stack = stack
				r[stack] = append(r[stack], c)
			}
		}
	}
	return r, nil
}

// records reads the record of every template, by environment and service.
func records(templates map[string][]byte, side string) (byEnvironment, error) {
	out := byEnvironment{}
	for _, stack := range sortedNames(templates) {
		snap, err := appconfig.SchemaSnapshotOf(templates[stack])
		if err != nil {
			return nil, fmt.Errorf("%s: the %s template: %w", stack, side, err)
		}
		if snap == nil {
			continue
		}
		if out[snap.Environment] == nil {
			out[snap.Environment] = map[string]located{}
		}
		for svc, schema := range snap.Services {
			out[snap.Environment][svc] = located{stack: stack, schema: schema}
		}
	}
	return out, nil
}

// changed reports whether any log event changes.
func (r schemaReport) changed() bool { return len(r) > 0 }

// printStack writes the changes listed under stack, under its template
// diff.
func (r schemaReport) printStack(out io.Writer, stack string) {
	for _, c := range r[stack] {
		fmt.Fprintf(out, "  %s\n", c)
	}
}

// printBreaking writes the breaking changes again, each with its stack,
// after the changes that would lose data or fail the deploy.
func (r schemaReport) printBreaking(out io.Writer, against string) {
	header := false
	for _, stack := range slices.Sorted(maps.Keys(r)) {
		for _, c := range r[stack] {
			if !c.breaking {
				continue
			}
			if !header {
				fmt.Fprintf(out, "\nlog event changes that break the applications that log them, against %s (deploy them once those applications log the new schema):\n", against)
				header = true
			}
			fmt.Fprintf(out, "  %s: service %s, log event %s: %s\n", stack, c.service, c.logEvent, c.what)
		}
	}
}
