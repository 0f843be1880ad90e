package constructs_test

import (
	"os"
	"testing"

	"github.com/eventwatch/eventwatch/kernelhost"
)

// TestMain runs the tests with jsii's kernel as the test binary's direct
// child, as eventwatch's app runs (kernelhost).
func TestMain(m *testing.M) {
	kernelhost.Direct()
	os.Exit(m.Run())
}
