package kernelhost

import (
	"os"
	"testing"
)

// TestMain runs the tests as a program that calls Direct does.
func TestMain(m *testing.M) {
	Direct()
	os.Exit(m.Run())
}
