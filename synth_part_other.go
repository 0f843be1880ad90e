//go:build !linux

package main

import "syscall"

// partProcAttr is the default: only Linux has a parent-death signal; a
// part's process that outlives a killed synth writes into the staging
// directory, which the next synth removes.
func partProcAttr() *syscall.SysProcAttr { return nil }
