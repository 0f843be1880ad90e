package insights

// FunctionArity returns, for tests, each function's documented name with
// its smallest and largest argument count (-1: any).
func FunctionArity() map[string][2]int {
	m := map[string][2]int{}
	for _, f := range functions {
		m[f.name] = [2]int{f.min, f.max}
	}
	return m
}

// SetRegexScanHook makes f see, for tests, the size of each regex the engine
// runs and the length of the input it scans; restore removes it.
func SetRegexScanHook(f func(size, n int)) (restore func()) {
	testHookRegexScan = f
	return func() { testHookRegexScan = nil }
}
