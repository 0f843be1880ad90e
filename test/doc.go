// Package test checks the synthesized templates of the example config: one
// synthesis of every environment, shared by all tests of this package, with
// cdk-nag's AwsSolutionsChecks applied; golden templates per stack; and the
// logical IDs of stateful resources pinned.
package test
