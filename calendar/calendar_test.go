package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pitstop/model"
)

var (
	zone      = time.FixedZone("EST", -5*60*60)
	madeAt    = time.Date(2026, 11, 22, 10, 0, 0, 0, zone)
	exportDay = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
)

func at(h, m int) time.Time { return time.Date(2026, 11, 22, h, m, 0, 0, zone) }

func day(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func commitment(id, text, owner, due string, status model.CommitmentStatus) model.Commitment {
	return model.Commitment{Item: model.Item{ID: id, Stop: "trust", Text: text, Created: at(10, 30)}, Owner: owner, Due: day(due), Status: status}
}

// kickoff is a session with commitments of every kind: open and due, done,
// dropped, open without a date, without an owner, carried in.
func kickoff() *model.Session {
	carried := commitment("16", "Send the welcome letter in three languages", "Priya", "2026-11-30", model.CommitmentOpen)
	carried.CarriedFrom, carried.CarriedID = "2026-10-18-planning-a1b2", "8"
	return &model.Session{
		ID: "2026-11-22-partnership-kickoff-3f9c", Title: "Partnership kickoff", Team: "Harbor Team",
		Created: madeAt, Updated: at(11, 58),
		Commitments: []model.Commitment{
			commitment("11", "Share the budget draft with the partners", "Dana", "2026-12-05", model.CommitmentOpen),
			commitment("12", "Book the room for the next session", "Ana", "2026-11-25", model.CommitmentDone),
			commitment("13", "Find someone from the night shift to join", "", "2026-12-15", model.CommitmentOpen),
			commitment("14", "Draft the data-sharing MOU", "Sam Lee", "", model.CommitmentOpen),
			commitment("15", "Survey everyone about meeting times", "", "2026-12-01", model.CommitmentDropped),
			carried,
		},
	}
}

// render renders s and reads it back with the strict reader.
func render(t *testing.T, s *model.Session, opts Options) (*component, []byte) {
	t.Helper()
	data, err := Render(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := parseStrict(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return cal, data
}

func TestDue(t *testing.T) {
	s := kickoff()
	due := Due(s)
	var ids []string
	for _, c := range due {
		ids = append(ids, c.ID)
	}
	// Soonest first: the carried one (30 Nov), then 5 Dec, then 15 Dec.
	if want := []string{"16", "11", "13"}; !slices.Equal(ids, want) {
		t.Fatalf("Due = %v, want %v", ids, want)
	}
	tests := []struct {
		name string
		c    model.Commitment
		in   bool
	}{
		{"open with a date", commitment("1", "x", "Dana", "2026-12-05", model.CommitmentOpen), true},
		{"open with a date, no owner", commitment("1", "x", "", "2026-12-05", model.CommitmentOpen), true},
		{"open, long past due", commitment("1", "x", "Dana", "2020-01-01", model.CommitmentOpen), true},
		{"open without a date", commitment("1", "x", "Dana", "", model.CommitmentOpen), false},
		{"done", commitment("1", "x", "Dana", "2026-12-05", model.CommitmentDone), false},
		{"dropped", commitment("1", "x", "Dana", "2026-12-05", model.CommitmentDropped), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &model.Session{ID: "s", Title: "T", Commitments: []model.Commitment{tt.c}}
			if got := len(Due(s)) == 1; got != tt.in {
				t.Fatalf("included %v, want %v", got, tt.in)
			}
			_, err := Render(s, Options{Now: exportDay})
			if tt.in == errors.Is(err, ErrNothingDue) {
				t.Fatalf("Render: %v", err)
			}
		})
	}
}

// Each event is an all-day event on the due day, with its owner (or the
// need for one), the session's title and team, and the stamps calendars
// need to take a later version.
func TestRenderEvents(t *testing.T) {
	s := kickoff()
	cal, data := render(t, s, Options{Now: exportDay})
	if got := cal.value("PRODID"); got != ProductID {
		t.Errorf("PRODID %q", got)
	}
	if got := cal.text("X-WR-CALNAME"); got != "Pit Stop: Partnership kickoff" {
		t.Errorf("X-WR-CALNAME %q", got)
	}
	events := cal.events()
	if len(events) != 3 || len(cal.children) != 3 {
		t.Fatalf("%d events (%d components), want 3:\n%s", len(events), len(cal.children), data)
	}
	tests := []struct {
		uid, summary, start, end string
		inDescription            []string
	}{
		{"commitment-8.2026-10-18-planning-a1b2@pitstop", "Send the welcome letter in three languages (Priya)", "20261130", "20261201",
			[]string{"Owner: Priya", "Carried over from an earlier session; first made in 2026-10-18-planning-a1b2."}},
		{"commitment-11.2026-11-22-partnership-kickoff-3f9c@pitstop", "Share the budget draft with the partners (Dana)", "20261205", "20261206",
			[]string{"Share the budget draft with the partners\n\nOwner: Dana\nDue: 2026-12-05\nSession: Partnership kickoff (2026-11-22)\nTeam: Harbor Team\n\nFrom Pit Stop: commitment 11 of session 2026-11-22-partnership-kickoff-3f9c."}},
		{"commitment-13.2026-11-22-partnership-kickoff-3f9c@pitstop", "Find someone from the night shift to join (needs an owner)", "20261215", "20261216",
			[]string{"Owner: nobody yet; the team still needs to agree who will do it.", "Team: Harbor Team"}},
	}
	for i, tt := range tests {
		ev := events[i]
		t.Run(tt.summary, func(t *testing.T) {
			if got := ev.value("UID"); got != tt.uid {
				t.Errorf("UID %q, want %q", got, tt.uid)
			}
			if got := ev.text("SUMMARY"); got != tt.summary {
				t.Errorf("SUMMARY %q, want %q", got, tt.summary)
			}
			for name, want := range map[string]string{"DTSTART": tt.start, "DTEND": tt.end} {
				p := ev.all(name)[0]
				if p.value != want || p.params["VALUE"] != "DATE" {
					t.Errorf("%s %v, want the date %s", name, p, want)
				}
			}
			if got := ev.value("DTSTAMP"); got != "20261123T093000Z" {
				t.Errorf("DTSTAMP %q, want the export's time in UTC", got)
			}
			if got := ev.value("TRANSP"); got != "TRANSPARENT" {
				t.Errorf("TRANSP %q: a due date must not make its owner look busy", got)
			}
			// Recorded at 10:30 EST, not edited since.
			if got := ev.value("LAST-MODIFIED"); got != "20261122T153000Z" {
				t.Errorf("LAST-MODIFIED %q", got)
			}
			if got, want := ev.value("SEQUENCE"), fmt.Sprint(sequence(at(10, 30))); got != want {
				t.Errorf("SEQUENCE %q, want %s", got, want)
			}
			desc := ev.text("DESCRIPTION")
			for _, want := range tt.inDescription {
				if !strings.Contains(desc, want) {
					t.Errorf("DESCRIPTION lacks %q:\n%s", want, desc)
				}
			}
		})
	}
}

// A second export of the same session gives every commitment the UID it
// had; a changed commitment keeps its UID and gets a higher SEQUENCE, so
// calendars replace the event rather than add one.
func TestUIDStableAcrossExports(t *testing.T) {
	s := kickoff()
	first, _ := render(t, s, Options{Now: exportDay})
	if err := s.Apply(model.EditCommitment{ID: "11", Text: "Share the budget draft with every partner", Owner: "Dana", Due: "2026-12-08"}, at(12, 0)); err != nil {
		t.Fatal(err)
	}
	second, _ := render(t, s, Options{Now: exportDay.Add(48 * time.Hour)})
	uids := func(c *component) (out []string) {
		for _, ev := range c.events() {
			out = append(out, ev.value("UID"))
		}
		return out
	}
	if a, b := uids(first), uids(second); !slices.Equal(a, b) {
		t.Fatalf("UIDs changed between exports:\n%v\n%v", a, b)
	}
	before, after := first.events()[1], second.events()[1]
	if after.value("DTSTART") != "20261208" || !strings.Contains(after.text("SUMMARY"), "every partner") {
		t.Errorf("the edit is not in the second export: %v", after.props)
	}
	if after.value("SEQUENCE") <= before.value("SEQUENCE") || after.value("LAST-MODIFIED") <= before.value("LAST-MODIFIED") {
		t.Errorf("SEQUENCE %s → %s, LAST-MODIFIED %s → %s: the edit must rise",
			before.value("SEQUENCE"), after.value("SEQUENCE"), before.value("LAST-MODIFIED"), after.value("LAST-MODIFIED"))
	}
	if before.value("DTSTAMP") == after.value("DTSTAMP") {
		t.Error("DTSTAMP is not the time of the export")
	}
}

// plans is a workshop of two stops, enough to carry items between sessions.
var plans = []model.StopPlan{{Key: "belonging", Name: "Belonging", Planned: 15 * time.Minute}, {Key: "trust", Name: "Trust", Planned: 15 * time.Minute}}

// A commitment carried from session to session is one promise: its event
// keeps the UID of the session it was first made in, so exporting a later
// session updates the first one's event rather than adding another.
func TestCarriedCommitmentKeepsItsUID(t *testing.T) {
	newSession := func(id, title string, made time.Time) *model.Session {
		s, err := model.NewSession(id, title, "Harbor Team", "", plans, made)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := newSession("2026-09-01-first-aaaa", "First", at(10, 0).AddDate(0, -2, 0))
	if err := first.Apply(model.AddCommitment{Text: "Draft the MOU", Owner: "Dana", Due: "2026-12-05"}, first.Created); err != nil {
		t.Fatal(err)
	}
	second := newSession("2026-10-01-second-bbbb", "Second", at(10, 0).AddDate(0, -1, 0))
	second.Apply(model.AddNote{Text: "a note first, so the carried ids differ"}, second.Created)
	second.CarryFrom(first, second.Created)
	third := newSession("2026-11-22-third-cccc", "Third", at(10, 0))
	third.Apply(model.AddNote{Text: "one"}, third.Created)
	third.Apply(model.AddNote{Text: "two"}, third.Created)
	third.CarryFrom(second, third.Created)
	if c := third.Commitments[0]; c.CarriedFrom != second.ID || c.CarriedID == first.Commitments[0].ID {
		t.Fatalf("the fixture should carry under new ids: %+v", c)
	}

	saved := map[string]*model.Session{first.ID: first, second.ID: second, third.ID: third}
	load := func(except ...string) func(string) (*model.Session, error) {
		return func(id string) (*model.Session, error) {
			if s, ok := saved[id]; ok && !slices.Contains(except, id) {
				return s, nil
			}
			return nil, fmt.Errorf("there is no session %s", id)
		}
	}
	origin := UID(first.ID, first.Commitments[0].ID)
	tests := []struct {
		name, from string // from: the session it names as where it was made
		s          *model.Session
		load       func(string) (*model.Session, error)
		uid        string
	}{
		{"the session that made it", "", first, load(), origin},
		{"carried once", "“First” (2026-09-22)", second, load(), origin},
		{"carried once, no sessions to read", "2026-09-01-first-aaaa", second, nil, origin},
		{"carried twice", "“First” (2026-09-22)", third, load(), origin},
		{"carried twice, the first session gone", "2026-09-01-first-aaaa", third, load(first.ID), origin},
		// Without the middle session the chain breaks there: the UID is
		// the middle one's, and an event exported from the first session
		// would be repeated once.
		{"carried twice, the middle session gone", "2026-10-01-second-bbbb", third, load(second.ID), UID(second.ID, second.Commitments[0].ID)},
		{"carried twice, no sessions to read", "2026-10-01-second-bbbb", third, nil, UID(second.ID, second.Commitments[0].ID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, data := render(t, tt.s, Options{Now: exportDay, LoadSession: tt.load})
			ev := cal.events()[0]
			if got := ev.value("UID"); got != tt.uid {
				t.Errorf("UID %s, want %s\n%s", got, tt.uid, data)
			}
			desc := ev.text("DESCRIPTION")
			if tt.from == "" && strings.Contains(desc, "Carried") || tt.from != "" && !strings.Contains(desc, "first made in "+tt.from+".") {
				t.Errorf("DESCRIPTION should name %q as where it was made:\n%s", tt.from, desc)
			}
		})
	}
	// The later session's copy is the newer version of the event.
	seq := func(s *model.Session) int {
		cal, _ := render(t, s, Options{Now: exportDay, LoadSession: load()})
		n, err := strconv.Atoi(cal.events()[0].value("SEQUENCE"))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if a, b, c := seq(first), seq(second), seq(third); !(a < b && b < c) {
		t.Errorf("SEQUENCE across the sessions: %d, %d, %d; want it rising", a, b, c)
	}
}

// Files edited by hand may claim what Pit Stop never writes: a chain of
// carried commitments that loops, or two commitments carried from the
// same one. The calendar still comes out, with one event each.
func TestCarriedChainsThatLoop(t *testing.T) {
	a := &model.Session{ID: "a", Title: "A", Commitments: []model.Commitment{commitment("1", "loops", "", "2026-12-01", model.CommitmentOpen)}}
	b := &model.Session{ID: "b", Title: "B", Commitments: []model.Commitment{commitment("1", "loops", "", "2026-12-01", model.CommitmentOpen)}}
	a.Commitments[0].CarriedFrom, a.Commitments[0].CarriedID = "b", "1"
	b.Commitments[0].CarriedFrom, b.Commitments[0].CarriedID = "a", "1"
	twice := commitment("2", "carried twice", "", "2026-12-02", model.CommitmentOpen)
	twice.CarriedFrom, twice.CarriedID = "b", "1"
	a.Commitments = append(a.Commitments, twice)
	load := func(id string) (*model.Session, error) {
		return map[string]*model.Session{"a": a, "b": b}[id], nil
	}
	cal, data := render(t, a, Options{Now: exportDay, LoadSession: load})
	if n := len(cal.events()); n != 2 {
		t.Fatalf("%d events, want 2:\n%s", n, data)
	}
}

// People's text reaches the calendar as typed: commas, semicolons,
// backslashes and line breaks are escaped, never taken as structure.
func TestEscaping(t *testing.T) {
	tests := []struct {
		name, text, rawSummary string
	}{
		{"commas and semicolons", "Call Ana, Sam; then Dana", `Call Ana\, Sam\; then Dana (Dana)`},
		{"a backslash", `Fix C:\shared\budget`, `Fix C:\\shared\\budget (Dana)`},
		{"lines", "First this\nthen that", `First this / then that (Dana)`},
		{"a colon and quotes", `Ask "who: decides?"`, `Ask "who: decides?" (Dana)`},
		{"what looks like a property", "x\r\nEND:VCALENDAR\nBEGIN:VEVENT", `x / END:VCALENDAR / BEGIN:VEVENT (Dana)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := commitment("1", model.CleanText(tt.text), "Dana", "2026-12-05", model.CommitmentOpen)
			s := &model.Session{ID: "s-1", Title: "Budget, people; and \\ more", Team: "Harbor; Team", Commitments: []model.Commitment{c}}
			cal, data := render(t, s, Options{Now: exportDay})
			ev := cal.events()[0]
			if got := ev.value("SUMMARY"); got != tt.rawSummary {
				t.Errorf("SUMMARY written as %q, want %q", got, tt.rawSummary)
			}
			if desc := ev.text("DESCRIPTION"); !strings.HasPrefix(desc, c.Text+"\n\n") || !strings.Contains(desc, "Session: Budget, people; and \\ more\nTeam: Harbor; Team\n") {
				t.Errorf("DESCRIPTION does not read back as written:\n%q", desc)
			}
			if got := cal.text("X-WR-CALNAME"); got != "Pit Stop: "+s.Title {
				t.Errorf("X-WR-CALNAME reads back as %q", got)
			}
			if n := len(cal.events()); n != 1 || len(cal.children) != 1 {
				t.Errorf("%d events, want 1:\n%s", n, data)
			}
		})
	}
}

// Long text is folded at 75 octets, never inside a UTF-8 character, and
// unfolds to what was written.
func TestFolding(t *testing.T) {
	long := strings.Repeat("Ask the night shift — über alles, bitte — when they can meet. ", 8) +
		strings.Repeat("ü", 100) + strings.Repeat("x", 200) + " https://example.org/" + strings.Repeat("a/", 60)
	c := commitment("1", long, "Dana", "2026-12-05", model.CommitmentOpen)
	s := &model.Session{ID: "s-1", Title: strings.Repeat("Title ", 30), Team: "Harbor", Commitments: []model.Commitment{c}}
	cal, data := render(t, s, Options{Now: exportDay})
	folded := 0
	for _, line := range strings.Split(string(data), "\r\n") {
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded < 10 {
		t.Errorf("only %d folded lines:\n%s", folded, data)
	}
	ev := cal.events()[0]
	if got := ev.text("SUMMARY"); got != long+" (Dana)" {
		t.Errorf("SUMMARY unfolds to\n%q", got)
	}
	if got := ev.text("DESCRIPTION"); !strings.HasPrefix(got, long+"\n") {
		t.Errorf("DESCRIPTION unfolds to\n%q", got)
	}
}

// The strict reader refuses what it must, so that its passing means
// something.
func TestStrictReaderRefuses(t *testing.T) {
	good, err := Render(kickoff(), Options{Now: exportDay})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseStrict(good); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"LF line ends":         strings.ReplaceAll(string(good), "\r\n", "\n"),
		"a long line":          strings.Replace(string(good), "TRANSP:TRANSPARENT", "TRANSP:TRANSPARENT"+strings.Repeat("x", 70), 1),
		"an unbalanced END":    strings.Replace(string(good), "END:VEVENT\r\n", "", 1),
		"a missing UID":        strings.Replace(string(good), "UID:commitment-11", "X-UID:commitment-11", 1),
		"a missing DTSTAMP":    strings.Replace(string(good), "DTSTAMP:", "X-DTSTAMP:", 1),
		"no PRODID":            strings.Replace(string(good), "PRODID:", "X-PRODID:", 1),
		"no VERSION":           strings.Replace(string(good), "VERSION:2.0\r\n", "", 1),
		"a bare comma":         strings.Replace(string(good), "SUMMARY:Share", "SUMMARY:Share,", 1),
		"a split character":    strings.Replace(string(good), "SUMMARY:Share", "SUMMARY:\xc3\r\n \xbcShare", 1),
		"two events, one UID":  strings.Replace(string(good), "UID:commitment-13.2026-11-22-partnership-kickoff-3f9c@pitstop", "UID:commitment-11.2026-11-22-partnership-kickoff-3f9c@pitstop", 1),
		"text after the END":   string(good) + "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"no CRLF at the end":   strings.TrimSuffix(string(good), "\r\n"),
		"an empty line":        strings.Replace(string(good), "TRANSP:TRANSPARENT\r\n", "TRANSP:TRANSPARENT\r\n\r\n", 1),
		"a control character":  strings.Replace(string(good), "SUMMARY:Share", "SUMMARY:\x1bShare", 1),
		"a backslash, escaped": strings.Replace(string(good), "SUMMARY:Share", `SUMMARY:\Share`, 1),
	} {
		if _, err := parseStrict([]byte(bad)); err == nil {
			t.Errorf("%s: read without complaint", name)
		}
	}
}

// With no open commitment that has a due date there is nothing for a
// calendar, and nothing is written.
func TestNothingDue(t *testing.T) {
	s := kickoff()
	s.Commitments = slices.DeleteFunc(s.Commitments, func(c model.Commitment) bool {
		return c.Status == model.CommitmentOpen && !c.Due.IsZero()
	})
	if data, err := Render(s, Options{Now: exportDay}); !errors.Is(err, ErrNothingDue) || data != nil {
		t.Fatalf("Render: %v, %d bytes", err, len(data))
	}
	dir := t.TempDir()
	if _, err := WriteNextTo(filepath.Join(dir, s.ID+".toml"), s, Options{Now: exportDay}); !errors.Is(err, ErrNothingDue) {
		t.Fatalf("WriteNextTo: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("written anyway: %v", entries)
	}
}

// The calendar goes next to the session as ID.ics, as private as the
// session; a link or a session in its place is left alone.
func TestWriteNextTo(t *testing.T) {
	dir := t.TempDir()
	s := kickoff()
	sessionPath := filepath.Join(dir, s.ID+".toml")
	if err := os.WriteFile(sessionPath, []byte("# A Pit Stop workshop session.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: exportDay}
	path, err := WriteNextTo(sessionPath, s, opts)
	if want := filepath.Join(dir, s.ID+".ics"); err != nil || path != want {
		t.Fatalf("wrote %q (%v), want %s", path, err, want)
	}
	want, _ := Render(s, opts)
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the file does not hold the calendar (%v)", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the calendar of a 0600 session has mode %v", fi.Mode().Perm())
	}
	if _, err := WriteNextTo(sessionPath, s, opts); err != nil { // again, over the first
		t.Fatal(err)
	}

	other := filepath.Join(dir, "other.toml")
	precious := []byte("# A Pit Stop workshop session. Plain TOML: safe to read, diff and keep.\nschema = 1\n")
	os.WriteFile(other, precious, 0o644)
	os.Remove(path)
	if err := os.Symlink(other, path); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteNextTo(sessionPath, s, opts); err == nil || !strings.Contains(err.Error(), "is a link") || !strings.Contains(err.Error(), "the calendar") {
		t.Fatalf("wrote through a planted link: %v", err)
	}
	os.Remove(path)
	os.WriteFile(path, precious, 0o644)
	if _, err := WriteNextTo(sessionPath, s, opts); err == nil || !strings.Contains(err.Error(), "holds a session") {
		t.Fatalf("replaced a session with a calendar: %v", err)
	}
	if got, _ := os.ReadFile(other); !bytes.Equal(got, precious) {
		t.Error("the other session changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// icalendarPython is a Python that has the icalendar package, or "".
// Python's icalendar is the second parser the calendar is read with: it
// is what many tools that import calendars are built on. .ci/run installs
// it where it can (Debian's python3-icalendar); a Python of its own on
// the PATH may lack it where the system's has it.
func icalendarPython() string {
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(python, "-c", "import icalendar").Run() == nil {
			return python
		}
	}
	return ""
}

// readWithPython is the Python side of TestSecondParser: it reads the
// calendar on stdin and prints what it found as JSON, with any errors the
// parser noted instead of raising.
const readWithPython = `
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
out = {"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")),
       "errors": [str(e) for c in cal.walk() for e in getattr(c, "errors", [])], "events": []}
for ev in cal.walk("VEVENT"):
    out["events"].append({
        "uid": str(ev.get("UID")), "summary": str(ev.get("SUMMARY")), "description": str(ev.get("DESCRIPTION")),
        "start": ev.decoded("DTSTART").isoformat(), "end": ev.decoded("DTEND").isoformat(),
        "stamp": ev.decoded("DTSTAMP").isoformat(), "sequence": int(ev.get("SEQUENCE")),
    })
json.dump(out, sys.stdout)
`

// A second parser reads the calendar as Pit Stop meant it: Python's
// icalendar, where it is installed. Every other test here reads it with
// the strict reader in strict_test.go, which always runs.
func TestSecondParser(t *testing.T) {
	python := icalendarPython()
	if python == "" {
		t.Skip("Python's icalendar is not installed (apt-get install python3-icalendar); the strict reader alone checks the files")
	}
	s := kickoff()
	s.Commitments[0].Text = "Share the budget, the plan; and\nthe “timeline” — über alles \\ " + strings.Repeat("long ", 30)
	s.Title, s.Team = "Kickoff, part one; really", "Harbor \\ Team"
	data, err := Render(s, Options{Now: exportDay})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", readWithPython)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("icalendar could not read the calendar: %v\n%s\n%s", err, stderr.String(), data)
	}
	var got struct {
		Version, Prodid string
		Errors          []string
		Events          []struct {
			UID, Summary, Description, Start, End, Stamp string
			Sequence                                     int
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Version != "2.0" || got.Prodid != ProductID || len(got.Errors) > 0 {
		t.Errorf("VERSION %q, PRODID %q, errors %q", got.Version, got.Prodid, got.Errors)
	}
	due := Due(s)
	if len(got.Events) != len(due) {
		t.Fatalf("icalendar read %d events, want %d", len(got.Events), len(due))
	}
	strict, err := parseStrict(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range got.Events {
		c, mine := due[i], strict.events()[i]
		wantStart := c.Due.String()
		if ev.UID != mine.value("UID") || ev.Start != wantStart || ev.End != c.Due.AddDays(1).String() ||
			ev.Stamp != "2026-11-23T09:30:00+00:00" || ev.Sequence != sequence(c.Created) {
			t.Errorf("event %d: %+v", i, ev)
		}
		if ev.Summary != mine.text("SUMMARY") || ev.Description != mine.text("DESCRIPTION") {
			t.Errorf("event %d: the two readers differ:\n%q\n%q\n%q\n%q", i, ev.Summary, mine.text("SUMMARY"), ev.Description, mine.text("DESCRIPTION"))
		}
		if !strings.HasPrefix(ev.Description, c.Text+"\n\n") {
			t.Errorf("event %d: the text does not read back as typed:\n%q", i, ev.Description)
		}
	}
}
