// Package ci checks the GitHub Actions workflows in .github/workflows: with
// actionlint (syntax, expressions, action inputs, shell scripts when
// shellcheck is installed) and with eventwatch's own deploy policies (actions
// pinned to commit SHAs, deploy jobs in a GitHub environment with their own
// non-cancelling concurrency group and OIDC credentials, no access keys).
// Its tests run both on every workflow, so `make test` fails on a broken one.
package ci

import "fmt"

// Finding is one problem in a workflow file.
type Finding struct {
	File    string
	Line    int
	Col     int
	Rule    string
	Message string
}

// String renders the finding as file:line:col: message [rule].
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s [%s]", f.File, f.Line, f.Col, f.Message, f.Rule)
}
