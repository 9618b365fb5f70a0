package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pitstop/model"
	"pitstop/sessions"
)

// What the commands print when the sessions directory holds what it should
// not: names with escape sequences, named pipes, copies, empty files.

func noControls(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("%s holds control character %U:\n%q", what, r, s)
		}
	}
}

func TestCLIPrintsNamesSafely(t *testing.T) {
	dir := t.TempDir()
	evil := filepath.Join(dir, "evil\x1b]0;PWNED\x07.toml")
	if err := os.WriteFile(evil, []byte("schema = 1\ntitle = \"never closed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"list", "--dir", dir},
		{"check", evil},
		{"export", evil},
	} {
		out, errOut, _ := runCLI(t, args...)
		noControls(t, strings.Join(args[:1], " ")+" stdout", out)
		noControls(t, strings.Join(args[:1], " ")+" stderr", errOut)
		if !strings.Contains(out+errOut, "evil") {
			t.Fatalf("%s does not name the file (cleaned):\nstdout: %s\nstderr: %s", args[0], out, errOut)
		}
	}
}

func TestCLIListSkipsPipesAndFlagsCopies(t *testing.T) {
	dir := t.TempDir()
	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.NewSession("2026-12-01-alpha-d412", "Alpha", "Harbor Team", "", []model.StopPlan{{Key: "a", Name: "A", Planned: time.Minute}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(st.Path(s.ID))
	if err := os.WriteFile(filepath.Join(dir, "alpha-backup.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "zz.toml"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	done := make(chan string, 1)
	go func() {
		out, _, _ := runCLI(t, "list", "--dir", dir)
		done <- out
	}()
	var out string
	select {
	case out = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("pitstop list blocked on a named pipe")
	}
	for _, want := range []string{"SKIPPED zz.toml: a named pipe, not a session file", "NOTE alpha-backup.toml holds the same session as 2026-12-01-alpha-d412.toml"} {
		if !strings.Contains(out, want) {
			t.Fatalf("list does not say %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "SKIPPED") != 1 {
		t.Fatalf("the pipe is named more than once:\n%s", out)
	}
	// check on a pipe does not block either.
	go func() {
		_, errOut, _ := runCLI(t, "check", filepath.Join(dir, "zz.toml"))
		done <- errOut
	}()
	select {
	case errOut := <-done:
		if !strings.Contains(errOut, "named pipe") {
			t.Fatalf("check of a pipe: %s", errOut)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("pitstop check blocked on a named pipe")
	}
}

func TestCLICheckEmptyFile(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.toml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "check", empty)
	if code != 1 || !strings.Contains(errOut, "empty") {
		t.Fatalf("check of an empty file: %d %s", code, errOut)
	}
}
