//go:build !unix

package kernelhost

// Direct does nothing where the program cannot re-execute itself: the
// program runs with jsii's relay.
func Direct() {}
