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
