package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteKeepsPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Fatalf("the file holds %q", data)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("permissions %v (%v), want the old file's 0600", fi.Mode().Perm(), err)
	}
}

// WriteHeld hands over the new file before it takes the name, and gives
// it back open once it has it.
func TestWriteHeld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var given *os.File
	f, err := WriteHeld(path, []byte("new"), 0o644, func(h *os.File) {
		given = h
		if data, _ := os.ReadFile(path); string(data) != "old" {
			t.Errorf("the new file had the name before it was held: %q", data)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f != given {
		t.Fatal("the file returned is not the one held")
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if now, err := os.Stat(path); err != nil || !os.SameFile(fi, now) {
		t.Fatalf("the held file is not the one at its path now (%v)", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Fatalf("the file holds %q", data)
	}
}
