package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pitstop/model"
	"pitstop/sessions"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestCLIUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		code     int
		inOut    string
		inStderr string
	}{
		{"help", []string{"--help"}, 0, "Usage:", ""},
		{"help word", []string{"help"}, 0, "pitstop check FILE", ""},
		{"help for a command", []string{"help", "new"}, 0, "-title", ""},
		{"new help", []string{"new", "--help"}, 0, "Start a new session", ""},
		{"list help", []string{"list", "-h"}, 0, "-json", ""},
		{"check help", []string{"check", "--help"}, 0, "FILE", ""},
		{"unknown command", []string{"frobnicate"}, 2, "", `no command "frobnicate"`},
		{"unknown flag", []string{"list", "--dir", dir, "--colour"}, 2, "", "flag provided but not defined: -colour"},
		{"new without title", []string{"new", "--dir", dir}, 2, "", "needs a title"},
		{"new stray argument", []string{"new", "--dir", dir, "--title", "a", "b"}, 2, "", `unexpected argument "b"`},
		{"check without file", []string{"check"}, 2, "", "name one file"},
		{"check missing file", []string{"check", filepath.Join(dir, "nope.toml")}, 1, "", "cannot read"},
		{"list empty", []string{"list", "--dir", dir}, 0, "No sessions yet", ""},
		{"list empty json", []string{"list", "--dir", dir, "--json"}, 0, "[]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.inOut) || !strings.Contains(errOut, tt.inStderr) {
				t.Fatalf("code %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
		})
	}
}

func TestCLINewListCheck(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(sessions.DirEnv, dir)
	out, errOut, code := runCLI(t, "new", "--title", "Partnership kickoff", "--team", "Harbor Team")
	if code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	if !strings.Contains(out, "7 stops") || !strings.Contains(out, dir) {
		t.Fatalf("new said: %s", out)
	}
	// A broken file beside it is listed as broken and left untouched.
	broken := filepath.Join(dir, "broken.toml")
	os.WriteFile(broken, []byte("schema = 1\ntitle = \"unterminated\n"), 0o644)

	out, _, code = runCLI(t, "list")
	if code != 0 || !strings.Contains(out, "Partnership kickoff") || !strings.Contains(out, "Harbor Team") || !strings.Contains(out, "1/7 Belonging") {
		t.Fatalf("list: %d\n%s", code, out)
	}
	if !strings.Contains(out, "BROKEN "+broken) || !strings.Contains(out, "broken.toml:2:") {
		t.Fatalf("list does not show the broken file with its line:\n%s", out)
	}

	out, _, _ = runCLI(t, "list", "--json")
	var list []sessions.Summary
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, out)
	}
	if len(list) != 2 || list[0].Title != "Partnership kickoff" || list[0].StopCount != 7 || !list[1].Broken() || list[1].Line != 2 {
		t.Fatalf("json list = %+v", list)
	}
	if time.Since(list[0].Created) > time.Minute {
		t.Fatalf("created %v", list[0].Created)
	}

	out, _, code = runCLI(t, "check", list[0].Path)
	if code != 0 || !strings.Contains(out, "a good session file") {
		t.Fatalf("check good session: %d %s", code, out)
	}
	_, errOut, code = runCLI(t, "check", broken)
	if code != 1 || !strings.Contains(errOut, "broken.toml:2:") {
		t.Fatalf("check broken session: %d %s", code, errOut)
	}
	out, _, code = runCLI(t, "check", "config.toml")
	if code != 0 || !strings.Contains(out, "7 stops, 22 partnership outcomes") {
		t.Fatalf("check config: %d %s", code, out)
	}
	badConfig := filepath.Join(dir, "config-bad.toml")
	os.WriteFile(badConfig, []byte("schema = 1\n\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"0m\"\n"), 0o644)
	_, errOut, code = runCLI(t, "check", badConfig)
	if code != 1 || !strings.Contains(errOut, "config-bad.toml:6") {
		t.Fatalf("check bad config: %d %s", code, errOut)
	}
}

func TestCLINewUsesConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "short.toml")
	os.WriteFile(cfg, []byte("schema = 1\n\n[[stop]]\nkey = \"only\"\nname = \"Only stop\"\nplanned = \"5m\"\ndescription = \"Just one.\"\n"), 0o644)
	out, errOut, code := runCLI(t, "new", "--dir", dir, "--config", cfg, "--title", "Short one")
	if code != 0 || !strings.Contains(out, "1 stop, 5m planned") {
		t.Fatalf("new with config: %d %s %s", code, out, errOut)
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{45 * time.Minute: "45m", 2 * time.Hour: "2h", 110 * time.Minute: "1h50m", 65 * time.Minute: "1h05m"} {
		if got := humanDuration(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}

func TestCLINewCarriesForward(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "First", "--team", "Harbor"); code != 0 {
		t.Fatal(errOut)
	}
	// Give the first session an open commitment, as a workshop would.
	st, _ := sessions.Open(dir)
	list, _ := st.List()
	s, _ := st.Load(list[0].ID)
	if err := s.Apply(model.AddCommitment{Text: "Share the notes", Owner: "Dana"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "Second", "--team", "harbor")
	if code != 0 || !strings.Contains(errOut, `Carried 1 item over from "First"`) {
		t.Fatalf("second session: %d %s", code, errOut)
	}
}
