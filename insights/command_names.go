package insights

// CommandName returns the documented name of a command: "fields",
// "display", "filter", "stats", "sort", "limit", "parse", "dedup",
// "unmask", "unnest", "filterIndex", "SOURCE", "lookup", "diff", or an
// OtherCmd's name ("pattern", "anomaly", "join", ...).
func CommandName(c Command) string {
	switch c := c.(type) {
	case *FieldsCmd:
		if c.Display {
			return "display"
		}
		return "fields"
	case *FilterCmd:
		return "filter"
	case *StatsCmd:
		return "stats"
	case *SortCmd:
		return "sort"
	case *LimitCmd:
		return "limit"
	case *ParseCmd:
		return "parse"
	case *DedupCmd:
		return "dedup"
	case *UnmaskCmd:
		return "unmask"
	case *UnnestCmd:
		return "unnest"
	case *FilterIndexCmd:
		return "filterIndex"
	case *SourceCmd:
		return "SOURCE"
	case *LookupCmd:
		return "lookup"
	case *DiffCmd:
		return "diff"
	case *OtherCmd:
		return c.Name
	}
	return ""
}

// CommandNames returns the documented names of the commands of q, in
// order, those of its subqueries included (a subquery adds "subqueries"),
// for checks such as the commands a log class cannot run.
func (q *Query) CommandNames() []string {
	var names []string
	for _, c := range q.Commands {
		names = append(names, CommandName(c))
		forExprs(c, func(e Expr) {
			walkExpr(e, func(x Expr) bool {
				if in, ok := x.(*In); ok && in.Sub != nil {
					names = append(names, "subqueries")
					names = append(names, in.Sub.CommandNames()...)
				}
				return true
			})
		})
	}
	return names
}
