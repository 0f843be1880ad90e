package alarmtest_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/eventwatch/eventwatch/internal/alarmtest"
)

// goldenDir holds the templates the app synthesizes (test/ keeps them
// equal to a fresh synth), so these tests need no Node.js.
var goldenDir = filepath.Join("..", "..", "test", "golden")

func openGolden(t *testing.T) *alarmtest.Assembly {
	t.Helper()
	asm, err := alarmtest.OpenAssembly(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	return asm
}

func indentJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}
