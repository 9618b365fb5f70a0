package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pitstop/model"
	"pitstop/sessions"
)

// unfold joins a calendar's folded lines, as a calendar app reads them.
func unfold(ics string) string { return strings.ReplaceAll(ics, "\r\n ", "") }

// uidsIn are the UIDs of a calendar's events, in order.
func uidsIn(ics string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^UID:(\S+)\r$`).FindAllStringSubmatch(unfold(ics), -1) {
		out = append(out, m[1])
	}
	return out
}

// pitstop export --format ics writes the open commitments that have a due
// date as a calendar: next to the session as ID.ics, to a file, or to
// standard output; a session with none writes nothing and says so; the
// next session's export keeps a carried commitment's UID.
func TestExportCalendar(t *testing.T) {
	dir, id := exportFixture(t)
	session := filepath.Join(dir, id+".toml")
	nextToIt := filepath.Join(dir, id+".ics")

	// Before any commitment: nothing to write, and that is fine.
	for _, args := range [][]string{
		{"export", "--dir", dir, "--format", "ics", id},
		{"export", session, "--format", "ics", "-o", filepath.Join(t.TempDir(), "due.ics")},
	} {
		out, errOut, code := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "No open commitment of “Partnership <kickoff>”") || !strings.Contains(out, "nothing was written") {
			t.Fatalf("%q: %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
	}
	out, errOut, code := runCLI(t, "export", "--dir", dir, "--format", "ics", "-o", "-", id)
	if code != 0 || out != "" || !strings.Contains(errOut, "nothing was written") {
		t.Fatalf("to stdout, nothing due: %d\nstdout: %q\nstderr: %s", code, out, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".ics") {
				t.Fatalf("a calendar was written with nothing in it: %s", e.Name())
			}
		}
	}

	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().AddDate(1, 0, 0).Format("2006-01-02") // still ahead whenever the test runs
	for _, c := range []model.Command{
		model.AddCommitment{Text: "Send the draft, with notes; then wait", Owner: "Dana", Due: due},
		model.AddCommitment{Text: "Find a room", Due: due},
		model.AddCommitment{Text: "Some day", Owner: "Sam"},
	} {
		if err := s.Apply(c, s.Created); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}

	out, errOut, code = runCLI(t, "export", "--dir", dir, "--format", "ics", id)
	if code != 0 || !strings.Contains(out, "Calendar written to "+nextToIt+" (2 commitments") {
		t.Fatalf("next to the session: %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	data, err := os.ReadFile(nextToIt)
	if err != nil {
		t.Fatal(err)
	}
	ics := unfold(string(data))
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "DTSTART;VALUE=DATE:" + strings.ReplaceAll(due, "-", "") + "\r\n",
		`SUMMARY:Send the draft\, with notes\; then wait (Dana)`, "SUMMARY:Find a room (needs an owner)", "Team: Harbor | Team"} {
		if !strings.Contains(ics, want) {
			t.Errorf("the calendar lacks %q:\n%s", want, ics)
		}
	}
	if strings.Contains(ics, "Some day") || strings.Count(ics, "BEGIN:VEVENT") != 2 {
		t.Errorf("the calendar should hold the two commitments with a date:\n%s", ics)
	}
	first := uidsIn(ics)

	// To standard output and to a file: the same events, the same UIDs.
	out, errOut, code = runCLI(t, "export", id, "--dir", dir, "--format", "ics", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || strings.Join(uidsIn(out), " ") != strings.Join(first, " ") {
		t.Fatalf("to stdout: %d %s\n%s", code, errOut, out)
	}
	file := filepath.Join(t.TempDir(), "harbor.ics")
	out, errOut, code = runCLI(t, "export", "--dir", dir, "--format", "ics", "-o", file, id)
	if code != 0 || !strings.Contains(out, "Calendar written to "+file+" (2 commitments") {
		t.Fatalf("to a file: %d %s %s", code, out, errOut)
	}
	if data, _ := os.ReadFile(file); strings.Join(uidsIn(string(data)), " ") != strings.Join(first, " ") {
		t.Errorf("the file's UIDs differ from the first export's:\n%s", data)
	}

	// A session file is never the calendar's place.
	out, errOut, code = runCLI(t, "export", "--dir", dir, "--format", "ics", "-o", session, id)
	if code != 1 || !strings.Contains(errOut, "will not write the calendar to "+session+": a .toml file is a session or a workshop config, and a calendar is .ics") || !strings.Contains(errOut, "Nothing was written") {
		t.Fatalf("over the session: %d %s %s", code, out, errOut)
	}

	// The team's next session carries the commitments in; its calendar
	// names the same UIDs, so importing it updates the first one's events.
	out, errOut, code = runCLI(t, "new", "--dir", dir, "--title", "Second", "--team", "Harbor | Team")
	m := regexp.MustCompile(`(?m)^id:\s+(\S+)$`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("new: %d %s %s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "export", "--dir", dir, "--format", "ics", "-o", "-", m[1])
	if code != 0 || !strings.Contains(unfold(out), "Carried over from an earlier session") {
		t.Fatalf("the second session's calendar: %d %s\n%s", code, errOut, out)
	}
	if got := uidsIn(out); strings.Join(got, " ") != strings.Join(first, " ") {
		t.Errorf("the carried commitments' UIDs are %v, want the first session's %v", got, first)
	}
}
