package main

import "syscall"

// partProcAttr makes a part's process die with the process that started
// it, so that a parallel synth that is killed leaves no process writing.
func partProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
