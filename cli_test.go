package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// cliCase is a command line and what it must give: an exit code, and text
// found in standard output and in standard error.
type cliCase struct {
	name     string
	args     []string
	code     int
	inOut    string
	inStderr string
}

func runCLICases(t *testing.T, tests []cliCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.inOut) || !strings.Contains(errOut, tt.inStderr) {
				t.Fatalf("code %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if tt.code == 2 && !strings.Contains(errOut, "Usage") && !strings.Contains(errOut, "--help' for usage") {
				t.Errorf("a wrong command line shows no usage:\n%s", errOut)
			}
			// No message names a command that is not there.
			if strings.Contains(errOut, "pitstop :") || strings.Contains(errOut, "pitstop  ") {
				t.Errorf("stray space in:\n%s", errOut)
			}
		})
	}
}

func TestCLIUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []cliCase{
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
		{"help for help", []string{"help", "--help"}, 0, "Usage:", ""}, // once recursed for ever
		{"help help", []string{"help", "help"}, 0, "Usage:", ""},
		{"help after a flag", []string{"--help", "--dir", dir}, 0, "Usage:", ""},
		{"help for no such command", []string{"help", "frobnicate"}, 2, "", `pitstop help: there is no command "frobnicate"`},
		{"usage says --config", []string{"--help"}, 0, "--config FILE", ""},
		{"usage gives the exit codes", []string{"help"}, 0, "1 the command failed, 2 the command line was wrong", ""},
		{"check says what it ignores", []string{"check", "--help"}, 0, "check does not use it", ""},
		{"open without session", []string{"open", "--dir", dir}, 2, "", "pitstop open: name one session"},
		{"bad flag value", []string{"list", "--json=maybe"}, 2, "", "invalid boolean value"},
		{"flag without value", []string{"new", "--title"}, 2, "", "flag needs an argument: -title"},
		{"serve what", []string{"serve", "--dir", dir}, 2, "", "say which session to host"},
		{"no such theme", []string{"--theme", "neon", "new", "--dir", dir, "--title", "a"}, 1, "", `--theme: there is no theme "neon"; the themes are auto, dark, light, high-contrast`},
		{"a theme by name", []string{"new", "--dir", dir, "--title", "a", "--theme", "High-Contrast"}, 0, "id:", ""},
		{"serve both", []string{"serve", "--dir", dir, "--new", "--title", "a", "--session", "x"}, 2, "", "say which session to host"},
		{"serve new without title", []string{"serve", "--dir", dir, "--new"}, 2, "", "needs a title"},
		// wish would let everyone in with no check: serve will not start.
		{"serve with nobody allowed", []string{"serve", "--dir", dir, "--new", "--title", "a"}, 1, "", "nobody could join"},
		{"serve a missing key file", []string{"serve", "--dir", dir, "--new", "--title", "a", "--notes-keys", filepath.Join(dir, "nope.pub")}, 1, "", "nope.pub"},
	}
	runCLICases(t, tests)
}

// Every command's --help goes to stdout once, and nothing to stderr: flag
// itself would print it to stderr first.
func TestCLIHelpOfEachCommand(t *testing.T) {
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "--help"}, {"help", c.name}, {"--help", c.name}, {"--dir", t.TempDir(), c.name, "-h"}} {
			out, errOut, code := runCLI(t, args...)
			if code != 0 || errOut != "" || strings.Count(out, "Usage:") != 1 || !strings.Contains(out, "pitstop "+c.name+" [flags]") {
				t.Errorf("%q: code %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
			}
		}
	}
}

// The flags every command takes may come before the command, as the usage
// says; given before and after, the later one counts.
func TestCLIFlagsBeforeCommand(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	// A --dir that got lost would show as sessions in the default.
	t.Setenv(sessions.DirEnv, t.TempDir())
	// dir holds one session, empty none; scratch takes the new ones.
	dir, empty, scratch := t.TempDir(), t.TempDir(), t.TempDir()
	out, errOut, code := runCLI(t, "--dir", dir, "new", "--title", "Kickoff", "--team", "Harbor")
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "")) {
		t.Fatalf("--dir before new: %d %s %s", code, out, errOut)
	}
	st, _ := sessions.Open(dir)
	list, _ := st.List()
	if len(list) != 1 || list[0].Team != "Harbor" {
		t.Fatalf("sessions in --dir: %+v", list)
	}
	id := list[0].ID
	cfg := filepath.Join(t.TempDir(), "short.toml")
	os.WriteFile(cfg, []byte("schema = 1\n\n[[stop]]\nkey = \"only\"\nname = \"Only stop\"\nplanned = \"5m\"\n"), 0o644)

	tests := []cliCase{
		{"list", []string{"--dir", dir, "list"}, 0, "Kickoff", ""},
		{"dir=", []string{"--dir=" + dir, "list", "--json"}, 0, `"title": "Kickoff"`, ""},
		{"single dash", []string{"-dir", dir, "list"}, 0, "Kickoff", ""},
		{"no command", []string{"--dir", dir}, 0, "Kickoff", ""},
		{"no command, json", []string{"--dir", dir, "--json"}, 0, `"title": "Kickoff"`, ""},
		{"config", []string{"--config", cfg, "new", "--dir", scratch, "--title", "Short"}, 0, "1 stop, 5m planned", ""},
		{"config and dir", []string{"--config", cfg, "--dir", scratch, "new", "--title", "Short"}, 0, "1 stop, 5m planned", ""},
		{"export", []string{"--dir", dir, "export", id, "-o", "-"}, 0, "# Minutes: Kickoff", ""},
		{"export, config before", []string{"--config", cfg, "--dir", dir, "export", "-o", "-", id}, 0, "# Minutes: Kickoff", ""},
		{"check", []string{"--dir", dir, "check", cfg}, 0, "a good workshop config", ""},
		{"help word after flags", []string{"--dir", dir, "help", "new"}, 0, "-title", ""},
		{"command help after flags", []string{"--dir", dir, "new", "--help"}, 0, "Start a new session", ""},

		// Before and after: the later one counts.
		{"later dir counts", []string{"--dir", empty, "list", "--dir", dir}, 0, "Kickoff", ""},
		{"later dir counts, other way", []string{"--dir", dir, "list", "--dir", empty}, 0, "No sessions yet in " + empty, ""},
		{"later config counts", []string{"--config", filepath.Join(empty, "nope.toml"), "new", "--dir", scratch, "--title", "S", "--config", cfg}, 0, "1 stop", ""},
		{"flags after the argument", []string{"check", cfg, "--dir", dir}, 0, "a good workshop config", ""},
		{"flags on both sides of the argument", []string{"--dir", empty, "export", id, "--dir", dir, "-o", "-"}, 0, "# Minutes: Kickoff", ""},

		// Failures and wrong command lines.
		{"missing session", []string{"--dir", empty, "export", id}, 1, "", "there is no session " + id},
		{"later dir is the one used", []string{"--dir", dir, "export", id, "--dir", empty}, 1, "", "there is no session " + id},
		{"unknown command", []string{"--dir", dir, "frobnicate"}, 2, "", `pitstop: there is no command "frobnicate"`},
		{"a command's flag before it", []string{"--title", "X", "new", "--dir", empty}, 2, "", "flag provided but not defined: -title\nOnly --dir, --config, --theme, --accessible and --help may come before the command"},
		{"a flag of another command", []string{"--json", "new", "--dir", empty, "--title", "X"}, 2, "", "flag provided but not defined: -json"},
		{"unknown flag before", []string{"--colour", "list"}, 2, "", "flag provided but not defined: -colour"},
		{"dir without value", []string{"--dir"}, 2, "", "flag needs an argument: -dir"},
		{"missing argument", []string{"--dir", dir, "open"}, 2, "", "pitstop open: name one session"},
		{"missing title", []string{"--dir", empty, "new"}, 2, "", "pitstop new: a new session needs a title"},
		{"stray argument", []string{"--dir", empty, "new", "--title", "a", "b"}, 2, "", `pitstop new: unexpected argument "b"`},
		{"-- ends the flags", []string{"--dir", empty, "--", "new", "--title", "X"}, 2, "", `unexpected argument "--title"`},
	}
	runCLICases(t, tests)
	// The sessions went where --dir said, never to the default.
	if entries, _ := os.ReadDir(os.Getenv(sessions.DirEnv)); len(entries) != 0 {
		t.Errorf("the default sessions directory was used: %v", entries)
	}
}

// The messages about plain pitstop name it without a stray space.
func TestCLIUsageErrorNames(t *testing.T) {
	var errOut bytes.Buffer
	env := &cliEnv{stdout: &bytes.Buffer{}, stderr: &errOut}
	if code := usageError(env, "", "there is no command %q", "x"); code != exitUsage {
		t.Fatalf("code %d", code)
	}
	if want := "pitstop: there is no command \"x\"\nRun 'pitstop --help' for usage.\n"; errOut.String() != want {
		t.Errorf("got %q, want %q", errOut.String(), want)
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

// list --json has a fixed set of keys with the session's real counts, and
// the table shows the open ones: a session with a little of everything.
func TestCLIListCounts(t *testing.T) {
	dir := t.TempDir()
	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	s, err := model.NewSession("2026-11-22-counts-0a0a", "Counts", "Harbor Team", "Ana", mustWorkshop(t).Plans(), at)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Command{
		model.AddNote{Text: "a note"}, model.AddAgreement{Text: "agreed"},
		model.AddTension{Text: "open one"}, model.AddTension{Text: "settled one"},
		model.AddCommitment{Text: "still to do"}, model.AddCommitment{Text: "done already"},
		model.ResolveTension{ID: "4"}, model.SetCommitmentStatus{ID: "6", Status: model.CommitmentDone},
	} {
		if err := s.Apply(c, at); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "list", "--dir", dir, "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) != 1 {
		t.Fatalf("list --json: %d %v\n%s%s", code, err, out, errOut)
	}
	want := map[string]any{
		"id": s.ID, "title": "Counts", "team": "Harbor Team", "facilitator": "Ana", "status": "in-progress",
		"stops_reached": 1.0, "stop_count": 7.0, "current_stop": "Belonging", "notes": 1.0, "agreements": 1.0,
		"tensions": 2.0, "open_tensions": 1.0, "commitments": 2.0, "open_commitments": 1.0,
		"done_on_time": 1.0, "done_late": 0.0, "dropped": 0.0,
	}
	got := list[0]
	for _, k := range []string{"path", "created", "updated"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q", k)
		}
		delete(got, k)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
		delete(got, k)
	}
	if len(got) != 0 {
		t.Errorf("keys nobody asked for: %v", got)
	}
	out, _, _ = runCLI(t, "list", "--dir", dir)
	row := strings.Fields(strings.Split(out, "\n")[1])
	// DATE TITLE TEAM(2 words) REACHED(2) NOTES AGREED OPEN-TENSIONS OPEN-COMMITMENTS STATUS ID
	if got := strings.Join(row[5:11], " "); got != "Belonging 1 1 1 1 in-progress" {
		t.Errorf("table row %q", strings.Join(row, " "))
	}
}

func mustWorkshop(t *testing.T) *config.Workshop {
	t.Helper()
	w, err := config.Parse("config.toml", defaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// A session open in another Pit Stop is refused with one saying of it, the
// process that has it, and one way to look at it meanwhile.
func TestCLIOpenLockedSaysItOnce(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	out, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "Held")
	m := regexp.MustCompile(`(?m)^id:\s+(\S+)$`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("new: %d %s %s", code, out, errOut)
	}
	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := st.Lock(m[1]) // another Pit Stop has it
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	_, errOut, code = runCLI(t, "open", "--dir", dir, m[1])
	if code != 1 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, once := range []string{"already open", "another Pit Stop", "read-only", fmt.Sprintf("process %d", os.Getpid())} {
		if n := strings.Count(errOut, once); n != 1 {
			t.Errorf("%q said %d times:\n%s", once, n, errOut)
		}
	}
	if strings.Contains(errOut, "elsewhere") {
		t.Errorf("said twice, in other words:\n%s", errOut)
	}
}

// pitstop --help fits a terminal of 80 columns and names the flags that
// change how a session opens: --accessible and --read-only.
func TestCLIUsageFits80Columns(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		out, _, code := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%q: code %d", args, code)
		}
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%q: line %d is %d columns: %q", args, i+1, n, line)
			}
		}
		for _, flag := range []string{"--accessible", "--read-only"} {
			if !strings.Contains(out, flag) {
				t.Errorf("%q does not mention %s:\n%s", args, flag, out)
			}
		}
	}
}
