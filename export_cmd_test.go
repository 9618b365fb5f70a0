package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exportFixture makes a sessions directory with one saved session and
// returns the directory and the session's id. The user's own config
// directory is kept out of the way.
func exportFixture(t *testing.T) (dir, id string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir = t.TempDir()
	out, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "Partnership <kickoff>", "--team", "Harbor | Team")
	if code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	m := regexp.MustCompile(`(?m)^id:\s+(\S+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("new printed no id: %s", out)
	}
	return dir, m[1]
}

func TestExport(t *testing.T) {
	dir, id := exportFixture(t)
	session := filepath.Join(dir, id+".toml")
	outFile := filepath.Join(t.TempDir(), "minutes.html")
	tests := []struct {
		name     string
		args     []string
		code     int
		inOut    []string
		inStderr string
		file     string // a file that must now exist
		inFile   string // and something it holds
	}{
		{name: "to stdout", args: []string{"export", "--dir", dir, "-o", "-", id}, code: 0,
			inOut: []string{"# Minutes: Partnership \\<kickoff\\>", "- Team: Harbor \\| Team", "| Belonging | 15m | 0m | not run |", "No notes were taken."}},
		{name: "flags after the session", args: []string{"export", id, "--dir", dir, "--format", "html", "-o", "-"}, code: 0,
			inOut: []string{"<!DOCTYPE html>", "<h1>Minutes: Partnership &lt;kickoff&gt;</h1>"}},
		{name: "to a file", args: []string{"export", "--dir", dir, "--format", "html", "-o", outFile, id}, code: 0,
			inOut: []string{"Minutes written to " + outFile}, file: outFile, inFile: "<style>"},
		{name: "next to the session", args: []string{"export", "--dir", dir, id}, code: 0,
			inOut: []string{"Minutes written to " + filepath.Join(dir, id+".minutes.md")}, file: filepath.Join(dir, id+".minutes.md"), inFile: "## Commitments"},
		{name: "by path, next to it", args: []string{"export", session, "--format", "html"}, code: 0,
			inOut: []string{"Minutes written to " + filepath.Join(dir, id+".minutes.html")}, file: filepath.Join(dir, id+".minutes.html"), inFile: "</html>"},
		{name: "bad format", args: []string{"export", "--dir", dir, "--format", "pdf", id}, code: 2, inStderr: `there is no format "pdf"`},
		{name: "bad format after the session", args: []string{"export", id, "--dir", dir, "--format", "docx"}, code: 2, inStderr: `there is no format "docx"`},
		{name: "no session named", args: []string{"export", "--dir", dir}, code: 2, inStderr: "name one session"},
		{name: "two sessions named", args: []string{"export", "--dir", dir, id, id}, code: 2, inStderr: "name one session"},
		{name: "unknown flag", args: []string{"export", "--dir", dir, id, "--pdf"}, code: 2, inStderr: "flag provided but not defined: -pdf"},
		{name: "missing session", args: []string{"export", "--dir", dir, "2026-01-01-nothing-0000"}, code: 1,
			inStderr: "there is no session 2026-01-01-nothing-0000 (no file " + filepath.Join(dir, "2026-01-01-nothing-0000.toml") + ")"},
		{name: "missing path", args: []string{"export", filepath.Join(dir, "gone.toml")}, code: 1, inStderr: "no file " + filepath.Join(dir, "gone.toml")},
		{name: "broken session", args: []string{"export", "--dir", dir, "broken"}, code: 1, inStderr: "broken.toml:2"},
		{name: "unwritable file", args: []string{"export", "--dir", dir, "-o", filepath.Join(dir, "no", "such", "dir.md"), id}, code: 1, inStderr: "cannot write the minutes"},
		{name: "help", args: []string{"export", "--help"}, code: 0, inOut: []string{"Write the minutes", "-format", "ID|PATH"}},
		{name: "help after the session", args: []string{"export", id, "-h"}, code: 0, inOut: []string{"-format"}},
		{name: "help word", args: []string{"help", "export"}, code: 0, inOut: []string{"-o file"}},
		{name: "listed in the usage", args: []string{"--help"}, code: 0, inOut: []string{"pitstop export ID|PATH"}},
	}
	os.WriteFile(filepath.Join(dir, "broken.toml"), []byte("schema = 1\ntitle = \"unterminated\n"), 0o644)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.inStderr) {
				t.Fatalf("code %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, want := range tt.inOut {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if tt.file != "" {
				data, err := os.ReadFile(tt.file)
				if err != nil || !strings.Contains(string(data), tt.inFile) {
					t.Errorf("%s: %v, or it lacks %q", tt.file, err, tt.inFile)
				}
			}
		})
	}
	// Exporting reads only: the session file is as it was.
	out, _, code := runCLI(t, "check", session)
	if code != 0 || !strings.Contains(out, "a good session file") {
		t.Errorf("the session after exporting: %d %s", code, out)
	}
}

// The outcome labels come from the workshop given with --config.
func TestExportUsesConfig(t *testing.T) {
	dir, id := exportFixture(t)
	path := filepath.Join(dir, id+".toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("rating = []\n"), nil, 1) // the empty list gives way to a table
	data = append(data, "\n[[rating]]\noutcome = \"power-with\"\nscore = 4\nat = 2026-11-22T11:00:00-05:00\n"...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "export", "--dir", dir, "-o", "-", id)
	if code != 0 || !strings.Contains(out, "| Power with, not power over | 4/5 |") {
		t.Fatalf("default workshop: %d %s\n%s", code, errOut, out)
	}
	cfg := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(cfg, []byte("schema = 1\n\n[[stop]]\nkey = \"only\"\nname = \"Only\"\nplanned = \"5m\"\n\n[[outcome]]\nkey = \"power-with\"\nlabel = \"Power shared\"\n"), 0o644)
	out, errOut, code = runCLI(t, "export", "--dir", dir, "--config", cfg, "-o", "-", id)
	if code != 0 || !strings.Contains(out, "| Power shared | 4/5 |") {
		t.Fatalf("--config: %d %s\n%s", code, errOut, out)
	}
}
