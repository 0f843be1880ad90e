package datafile

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Keyed files give blocks of entries, quoted texts unquoted; table files
// give trimmed fields; comments and blank lines are skipped.
func TestReadKeyedAndTable(t *testing.T) {
	dir := t.TempDir()
	keyed := filepath.Join(dir, "k.txt")
	os.WriteFile(keyed, []byte("# comment\nexpr: a + b\nerror: x\n\nexpr-q: \"\\tc\"\n# note\nwant: 3\n"), 0o644)
	want := []Entry{{1 + 1, "expr", "a + b", true}, {3, "error", "x", false}, {5, "expr", "\tc", true}, {7, "want", "3", false}}
	if got := Keyed(t, keyed); !reflect.DeepEqual(got, want) {
		t.Errorf("Keyed = %+v, want %+v", got, want)
	}
	table := filepath.Join(dir, "t.txt")
	os.WriteFile(table, []byte("# a | b\n\n p99 | 1 2 3 |[src] \n"), 0o644)
	if got := Table(t, table, 3); !reflect.DeepEqual(got, []Row{{3, []string{"p99", "1 2 3", "[src]"}}}) {
		t.Errorf("Table = %+v", got)
	}
}
