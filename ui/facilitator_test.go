package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"pitstop/model"
	"pitstop/sessions"
)

// What a facilitator running a workshop ran into, one test each.

func TestHelpThatHelps(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	a = drive(t, a, "?")
	v := a.View()
	for _, want := range []string{"At the stop", "↓ more below"} {
		if !strings.Contains(v, want) {
			t.Errorf("help at 80x24 lacks %q:\n%s", want, v)
		}
	}
	for i := 0; i < 10; i++ {
		a = drive(t, a, "pgdown")
	}
	if v := a.View(); !strings.Contains(v, "Everywhere") || strings.Contains(v, "↓ more below") {
		t.Fatalf("scrolled to the end, the help should show its last group:\n%s", v)
	}
	for _, g := range helpOf(a).groups() {
		seen := map[string]bool{}
		for _, k := range g.keys {
			if seen[k.Help().Key] {
				t.Errorf("%q twice under %q", k.Help().Key, g.title)
			}
			seen[k.Help().Key] = true
		}
	}
	// The footer keeps "? all keys" on every page, at every width.
	for _, keys := range [][]string{nil, {"b"}} {
		for _, w := range []int{40, 60, 80, 120, 200} {
			b := sized(f.app(model.RoleFacilitator), w, 24)
			b = drive(t, b, keys...)
			lines := strings.Split(b.View(), "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, "? all keys") {
				t.Errorf("at %d columns after %v the footer lacks ? all keys: %q", w, keys, last)
			}
		}
	}
}

func TestNotesFixedLive(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddNote{Text: "first note"}, model.AddNote{Text: "a stray pasted line"})
	})
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "up") // the newest note
	if !stopOf(a).selecting || !strings.Contains(a.View(), "enter edit the note") {
		t.Fatalf("no note picked:\n%s", a.View())
	}
	a = drive(t, a, "enter")
	if a.input == nil || a.input.value() != "a stray pasted line" {
		t.Fatalf("enter should edit the picked note: %+v", a.input)
	}
	a.input.area.SetValue("a line said by the room")
	a = drive(t, a, "enter")
	if n := f.owner.Current().Session.Notes[1]; n.Text != "a line said by the room" {
		t.Fatalf("edited note: %+v", n)
	}
	a = drive(t, a, "up", "up") // back to the older one
	a = drive(t, a, "d")
	if a.question == nil || !strings.Contains(a.question.text, "first note") {
		t.Fatal("delete must ask, naming the note")
	}
	a = drive(t, a, "y")
	eventually(t, f, "the note gone", func(s *model.Session) bool { return len(s.Notes) == 1 })
	a = drive(t, a, "u")
	s := eventually(t, f, "the note back", func(s *model.Session) bool { return len(s.Notes) == 2 })
	if s.Notes[0].Text != "first note" {
		t.Fatalf("undo brought back %+v", s.Notes)
	}
	a = drive(t, a, "u") // and the edit
	eventually(t, f, "the edit undone", func(s *model.Session) bool { return s.Notes[1].Text == "a stray pasted line" })
}

func TestNumberKeysGoToAStop(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	drive(t, a, "5")
	eventually(t, f, "stop 5", func(s *model.Session) bool { return s.Current == 4 })
	drive(t, a, "9") // there is no ninth stop: nothing happens
	time.Sleep(50 * time.Millisecond)
	if f.owner.Current().Session.Current != 4 {
		t.Fatal("9 moved the room")
	}
}

// The timer keeps its width (and so does the text beside it) whatever its
// state, at 80x24 and at 120x40.
func TestLayoutHoldsStill(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		var columns []int
		var prompts []bool
		for _, state := range []struct {
			at  time.Duration
			run bool
		}{{0, false}, {4 * time.Minute, true}, {13 * time.Minute, true}, {17 * time.Minute, true}, {4 * time.Minute, false}} {
			f := newFixture(t, t0.Add(state.at), func(s *model.Session) {
				if state.run {
					apply(t, s, t0, model.StartTimer{})
				} else if state.at > 0 {
					apply(t, s, t0, model.StartTimer{})
					apply(t, s, t0.Add(state.at), model.PauseTimer{})
				}
			})
			v := sized(f.app(model.RoleFacilitator), size[0], size[1]).View()
			col := -1
			for _, l := range strings.Split(v, "\n") {
				// The progress bar is the line of nothing but its blocks.
				if i := strings.IndexAny(l, "░▓"); i >= 0 {
					if j := strings.Index(l, "█"); j >= 0 && j < i {
						i = j
					}
					col = len([]rune(l[:i]))
					break
				}
			}
			columns = append(columns, col)
			prompts = append(prompts, strings.Contains(v, "• Think of a group"))
		}
		for i := range columns {
			if columns[i] != columns[0] || prompts[i] != prompts[0] {
				t.Errorf("at %dx%d the timer's column %v and the prompts %v differ between states", size[0], size[1], columns, prompts)
				break
			}
		}
		if !prompts[0] {
			t.Errorf("at %dx%d the prompts are not shown", size[0], size[1])
		}
	}
}

// auto_advance says on screen that it moved on; a closed session's footer
// offers no timer keys.
func TestAutoAdvanceSaysSo(t *testing.T) {
	f := newFixture(t, t0.Add(14*time.Minute), func(s *model.Session) {
		s.Stops[0].AutoAdvance = true
		apply(t, s, t0, model.StartTimer{})
	})
	a := sized(f.app(model.RoleFacilitator), 120, 30)
	f.setNow(t0.Add(15*time.Minute + time.Second))
	a = awaitUpdate(t, a, "the move on", func(u sessions.Update) bool { return u.Session.Current == 1 })
	if v := a.View(); !strings.Contains(v, "Time was up at Belonging") {
		t.Fatalf("no word that the room moved on:\n%s", v)
	}
}

func TestClosedFooterHasNoTimerKeys(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) { apply(t, s, t0, model.CloseSession{}) })
	a := sized(f.app(model.RoleFacilitator), 160, 30)
	a = drive(t, a, "esc") // from the summary to the stops
	lines := strings.Split(a.View(), "\n")
	footer := lines[len(lines)-1]
	if strings.Contains(footer, "timer") || strings.Contains(footer, "add a minute") || !strings.Contains(footer, "look through the stops") {
		t.Fatalf("closed footer: %q", footer)
	}
}

// Closing reads back what was agreed and who does what by when, paged when
// it is long.
func TestClosingReadsBack(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddAgreement{Text: "We start on time"})
		for i := 0; i < 30; i++ {
			apply(t, s, t0, model.AddCommitment{Text: fmt.Sprintf("Task number %d", i), Owner: "Dana", Due: "2026-12-04"})
		}
		apply(t, s, t0, model.CloseSession{})
	})
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	seen := map[string]bool{}
	for page := 0; page < 10; page++ {
		v := a.View()
		if page == 0 && (!strings.Contains(v, "WHAT WE AGREED") || !strings.Contains(v, "We start on time") || !strings.Contains(v, "Page 1 of")) {
			t.Fatalf("first page:\n%s", v)
		}
		for i := 0; i < 30; i++ {
			if strings.Contains(v, fmt.Sprintf("Task number %d — @Dana · due 4 Dec", i)) {
				seen[fmt.Sprint(i)] = true
			}
		}
		a = drive(t, a, "right")
	}
	if len(seen) != 30 {
		t.Fatalf("read back %d of 30 commitments across the pages", len(seen))
	}
	if !strings.Contains(a.View(), "→ next page") {
		t.Fatal("the footer does not offer the pages")
	}
}

// The speaker of a note can be changed or taken off when it is edited:
// the box holds said:Name, and the file follows.
func TestEditingANoteChangesWhoSaidIt(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddNote{Text: "I felt unheard", Said: "Dana"})
	})
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "up", "enter")
	if a.input == nil || a.input.value() != "I felt unheard said:Dana" {
		t.Fatalf("the box should hold who said it: %+v", a.input)
	}
	a.input.area.SetValue("I felt unheard said:Lee")
	a = drive(t, a, "enter")
	eventually(t, f, "Lee", func(s *model.Session) bool { return s.Notes[0].Said == "Lee" })
	a = drive(t, a, "up", "enter")
	a.input.area.SetValue("I felt unheard")
	a = drive(t, a, "enter")
	s := eventually(t, f, "no name", func(s *model.Session) bool { return s.Notes[0].Said == "" })
	if s.Notes[0].Text != "I felt unheard" {
		t.Fatalf("the words changed: %q", s.Notes[0].Text)
	}
	eventually(t, f, "the name out of the file", func(*model.Session) bool {
		data, err := os.ReadFile(f.owner.Path())
		return err == nil && strings.Contains(string(data), "I felt unheard") && !strings.Contains(string(data), "said =")
	})
}

// A key a role may not use is refused at once, with the reason, never
// after a question.
func TestRefusedAtOnce(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleNotes), 120, 40)
	for _, k := range []string{"r", "]", "space", "i"} {
		b := drive(t, a, k)
		if b.question != nil || !strings.Contains(b.View(), "⚠") {
			t.Errorf("%q: a question %v, or no refusal:\n%s", k, b.question != nil, b.View())
		}
	}
}
