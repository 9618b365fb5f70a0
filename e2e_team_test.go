package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestTheTeamAcrossThreeSessions: a go-around over three stops in which
// Lee passes twice and is still invited first; a norm made in session 1
// shown at Belonging in sessions 2 and 3; a definition reworded in
// session 2 with both wordings dated; the commitments due exported as a
// calendar and read back by a second parser where there is one.
func TestTheTeamAcrossThreeSessions(t *testing.T) {
	requireE2E(t)
	s := newTmux(t, 120, 40)

	// Session 1.
	one := s.start("new", "--title", "Harbor one", "--team", "Harbor")
	one.waitFor("STOP 1 OF 7")
	one.press("g", []string{"No roster yet"})
	one.press("r", []string{"Who is in the room?"})
	one.typeText("Ana, Lee, Sam")
	one.press("Enter", []string{"› Ana", "not heard yet"})
	one.press("s", []string{"› Lee", "So far here: Ana spoke"})
	one.press("p", []string{"› Sam", "Lee passed"})
	one.press("s", []string{"Everyone has been invited at this stop."})
	one.press("Escape", []string{"STOP 1 OF 7"})
	one.press("]", []string{"STOP 2 OF 7"})
	one.press("g", []string{"› Lee", "not heard yet"}) // her pass was not counted against her
	one.press("p", []string{"› Ana"})
	one.press("s", []string{"› Sam"})
	one.press("s", []string{"Everyone has been invited"})
	one.press("Escape", []string{"STOP 2 OF 7"})
	one.press("]", []string{"STOP 3 OF 7"})
	third := one.press("g", []string{"› Lee"})
	if !regexp.MustCompile(`› Lee\s+not heard yet`).MatchString(third) || strings.Contains(third, "did not speak") {
		t.Fatalf("at the third stop Lee, who passed twice, should be invited first:\n%s", third)
	}
	one.press("s", []string{"So far here: Lee spoke"})
	one.press("Escape", []string{"STOP 3 OF 7"})

	// A norm from an agreement, a definition, a commitment due.
	one.press("a", []string{"New agreement"})
	one.typeText("We start on time")
	one.press("Enter", []string{"We start on time"}, "New agreement")
	one.press("b", []string{"AGREEMENTS (1)"})
	one.press("N", []string{"A norm of the team now"})
	one.press("T", []string{"WHAT THE TEAM KEEPS", "n1  We start on time"})
	one.press("Down", []string{"› respect"})
	one.press("d", []string{"What do we mean by respect?"})
	one.typeText("We let each other finish")
	one.press("Enter", []string{"respect — We let each other finish"})
	one.press("Escape", []string{"STOP 3 OF 7"})
	due := futureDue()
	one.press("c", []string{"New commitment"})
	one.typeText("Send the notes @Dana due:" + due)
	one.press("Enter", []string{"Send the notes"}, "New commitment")
	one.quit()
	id1 := sessionIDs(t, s.dir)[0]

	// Session 2: the norm at Belonging; respect reworded.
	two := s.start("new", "--title", "Harbor two", "--team", "Harbor")
	two.waitFor("STOP 1 OF 7", "The team's norms (T)", "• We start on time")
	two.press("T", []string{"respect — We let each other finish"})
	two.press("Down", []string{"› respect"})
	two.press("d", []string{"What do we mean by respect?", "We let each other finish"})
	two.send("C-u")
	two.typeText("We let each other finish, and ask before we assume")
	two.press("Enter", []string{"ask before we assume", "reworded"})
	two.quit()

	// Session 3: the norm still at Belonging; both wordings of respect,
	// each with its date and session.
	three := s.start("new", "--title", "Harbor three", "--team", "Harbor")
	three.waitFor("STOP 1 OF 7", "• We start on time")
	three.quit()
	ids := sessionIDs(t, s.dir)
	var latest string
	for _, id := range ids {
		if strings.Contains(id, "harbor-three") {
			latest = id
		}
	}
	var f struct {
		Norms []struct {
			ID       string `toml:"id"`
			Versions []struct {
				Text string `toml:"text"`
			} `toml:"version"`
		} `toml:"norm"`
		Definitions []struct {
			Concept  string `toml:"concept"`
			Versions []struct {
				Text    string    `toml:"text"`
				At      time.Time `toml:"at"`
				Session string    `toml:"session"`
			} `toml:"version"`
		} `toml:"definition"`
		Roster []string `toml:"roster"`
	}
	data, err := os.ReadFile(filepath.Join(s.dir, latest+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(data), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Norms) != 1 || f.Norms[0].Versions[0].Text != "We start on time" {
		t.Errorf("norms in session 3: %+v", f.Norms)
	}
	if len(f.Definitions) != 1 || len(f.Definitions[0].Versions) != 2 {
		t.Fatalf("definitions in session 3: %+v", f.Definitions)
	}
	v := f.Definitions[0].Versions
	if v[0].Session != id1 || !strings.Contains(v[1].Session, "harbor-two") || v[0].At.IsZero() || v[1].At.IsZero() || !strings.Contains(v[1].Text, "ask before we assume") {
		t.Errorf("the wordings of respect: %+v", v)
	}
	if strings.Join(f.Roster, ",") != "Sam,Ana,Lee" {
		t.Errorf("the roster in session 3, turned twice: %v", f.Roster)
	}

	// The calendar of session 1, read back.
	out := s.pitstop("export", id1, "--format", "ics")
	ics := filepath.Join(s.dir, id1+".ics")
	if !strings.Contains(out, ics) {
		t.Fatalf("export said: %s", out)
	}
	cal, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:Send the notes", "DTSTART;VALUE=DATE:" + strings.ReplaceAll(due, "-", ""), "END:VCALENDAR\r\n"} {
		if !strings.Contains(string(cal), want) {
			t.Errorf("the calendar lacks %q:\n%s", want, cal)
		}
	}
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(python, "-c", "import icalendar").Run() != nil {
			continue
		}
		read := exec.Command(python, "-c", "import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()); print([str(e.get('SUMMARY')) for e in c.walk('VEVENT')])", ics)
		got, err := read.CombinedOutput()
		if err != nil || !strings.Contains(string(got), "Send the notes") {
			t.Errorf("Python's icalendar read: %v\n%s", err, got)
		}
		break
	}
}

// sessionIDs are the ids of the sessions saved in dir.
func sessionIDs(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sessions in %s: %v", dir, err)
	}
	var ids []string
	for _, p := range paths {
		ids = append(ids, strings.TrimSuffix(filepath.Base(p), ".toml"))
	}
	return ids
}
