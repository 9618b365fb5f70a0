package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"pitstop/model"
	"pitstop/sessions"
)

// aGoAround is a session at its third stop, after two go-arounds: Lee
// passed at both, Bo was not reached at the first.
func aGoAround(t testing.TB, s *model.Session) {
	apply(t, s, t0, model.SetRoster{Names: []string{"Ana", "Lee", "Sam", "Bo", "Kofi"}}, model.StartTimer{})
	apply(t, s, t0.Add(2*time.Minute), model.MarkTurn{Name: "Ana"}, model.MarkTurn{Name: "Lee", Passed: true}, model.MarkTurn{Name: "Sam"}, model.MarkTurn{Name: "Kofi"})
	apply(t, s, t0.Add(16*time.Minute), model.NextStop{}, model.StartTimer{})
	apply(t, s, t0.Add(20*time.Minute), model.MarkTurn{Name: "Lee", Passed: true}, model.MarkTurn{Name: "Bo"}, model.MarkTurn{Name: "Ana"}, model.MarkTurn{Name: "Sam"}, model.MarkTurn{Name: "Kofi"})
	apply(t, s, t0.Add(36*time.Minute), model.NextStop{}, model.StartTimer{}, model.MarkTurn{Name: "Bo"})
}

func TestGoldenGoAround(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			f := newFixture(t, t0.Add(40*time.Minute), func(s *model.Session) { aGoAround(t, s) }, sessions.WithSaveBeforeShown())
			a := drive(t, sized(f.soleApp(), size[0], size[1]), "g")
			view := a.View()
			if !strings.Contains(view, "› Lee") {
				t.Fatalf("Lee, who passed twice, is not invited first:\n%s", view)
			}
			checkFits(t, view, size[0], size[1])
			golden.RequireEqual(t, []byte(view))
		})
	}
}

func TestGoAroundMarksAndUndoes(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.SetRoster{Names: []string{"Ana", "Lee", "Sam"}})
	})
	a := sized(f.app(model.RoleNotes), 100, 30)
	a = drive(t, a, "g")
	if v := a.View(); !strings.Contains(v, "› Ana") || !strings.Contains(v, "not heard yet") {
		t.Fatalf("the go-around:\n%s", v)
	}
	a = drive(t, a, "s")         // Ana spoke
	a = drive(t, a, "down", "p") // Sam passed, Lee left first
	stop := f.owner.Current().Session.CurrentStop().Key
	s := f.owner.Current().Session
	if s.TurnAt(stop, "Ana").Spoke != 1 || s.TurnAt(stop, "Sam").Passed != 1 || s.TurnAt(stop, "Lee").Spoke+s.TurnAt(stop, "Lee").Passed != 0 {
		t.Fatalf("turns %+v", s.Turns)
	}
	v := a.View()
	if !strings.Contains(v, "› Lee") || !strings.Contains(v, "So far here: Ana spoke · Sam passed") || strings.Contains(v, "did not speak") {
		t.Fatalf("after two marks:\n%s", v)
	}
	a = drive(t, a, "u") // what it says is in actions' tests
	if f.owner.Current().Session.TurnAt(stop, "Sam").Passed != 0 {
		t.Fatal("undo did not take back the pass")
	}
	// The roster is edited in the go-around, comma-separated.
	a = drive(t, a, "r", "ctrl+u")
	for _, r := range "Ana, Lee, Sam, Bo" {
		a = drive(t, a, string(r))
	}
	a = drive(t, a, "enter")
	if got := f.owner.Current().Session.Roster; len(got) != 4 || got[3] != "Bo" {
		t.Fatalf("roster %q", got)
	}
	// The note-taker may not put names on the projector; the facilitator may.
	a = drive(t, a, "o")
	if f.owner.Current().Session.GoAroundShown {
		t.Fatal("the note-taker showed the go-around on the presenter")
	}
}

func TestThePresenterShowsWhoIsNextWhenAsked(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.SetRoster{Names: []string{"Ana", "Lee", "Sam"}}, model.MarkTurn{Name: "Ana"})
	})
	a := sized(f.soleApp(), 160, 45)
	a = drive(t, a, "p")
	if strings.Contains(a.View(), "Next:") {
		t.Fatal("the presenter names who is next before the facilitator chose to")
	}
	a = drive(t, a, "p", "g", "o", "esc", "p")
	if v := a.View(); !strings.Contains(v, "Next: Lee, then Sam") {
		t.Fatalf("the presenter lacks who is next:\n%s", v)
	}
}

func TestTheTeamsNormsAndDefinitions(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddAgreement{Text: "We start on time"})
	})
	a := sized(f.soleApp(), 120, 40)
	a = drive(t, a, "b", "N") // the agreement picked on the board
	s := f.owner.Current().Session
	if len(s.Norms) != 1 || s.Norms[0].Text() != "We start on time" {
		t.Fatalf("norms %+v", s.Norms)
	}
	a = drive(t, a, "esc")
	if v := a.View(); !strings.Contains(v, "The team's norms (T)") || !strings.Contains(v, "• We start on time") {
		t.Fatalf("Belonging should show the team's norms:\n%s", v)
	}
	a = drive(t, a, "T")
	v := a.View()
	for _, want := range []string{"WHAT THE TEAM KEEPS · HARBOR TEAM", "› n1  We start on time  since 22 Nov", "What we mean by", "respect — not written yet"} {
		if !strings.Contains(v, want) {
			t.Errorf("the team's page lacks %q:\n%s", want, v)
		}
	}
	a = drive(t, a, "down", "d")
	for _, r := range "We let each other finish" {
		a = drive(t, a, string(r))
	}
	a = drive(t, a, "enter")
	if d, ok := f.owner.Current().Session.DefinitionOf("respect"); !ok || d.Text() != "We let each other finish" {
		t.Fatalf("respect: %+v", d)
	}
	a = drive(t, a, "up", "x", "y")
	if f.owner.Current().Session.Norms[0].Standing() {
		t.Fatal("x y did not retire the norm")
	}
	if v := a.View(); !strings.Contains(v, "Retired (kept in the record)") || !strings.Contains(v, "retired 22 Nov") {
		t.Fatalf("the retired norm is not kept in view:\n%s", v)
	}
}

func TestTheBoardWritesTheCalendar(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddCommitment{Text: "Share the notes", Owner: "Dana", Due: "2026-12-01"})
	})
	a := sized(f.soleApp(), 120, 40)
	a = drive(t, a, "b", "i")
	if v := a.View(); !strings.Contains(v, "Commitments due written to") {
		t.Fatalf("the board's i:\n%s", v)
	}
	data, err := os.ReadFile(strings.TrimSuffix(f.owner.Path(), ".toml") + ".ics")
	if err != nil || !strings.Contains(string(data), "SUMMARY:Share the notes") {
		t.Fatalf("the calendar: %v\n%s", err, data)
	}
}

func TestTheStopsShowWhatTheTeamKeeps(t *testing.T) {
	norms := []string{"We start on time", "We end on time", "One voice at a time", "Phones away", "We say what we need"}
	f := newFixture(t, t0, func(s *model.Session) {
		for _, n := range norms {
			apply(t, s, t0, model.MakeNorm{Text: n})
		}
		apply(t, s, t0, model.Define{Concept: "respect", Text: "We let each other finish"})
	})
	a := sized(f.soleApp(), 160, 45)
	// Belonging shows the norms, three of them, and says how many more.
	v := a.View()
	for _, want := range []string{"The team's norms (T)", "• We start on time", "• We end on time", "• One voice at a time", "and 2 more: T shows them all"} {
		if !strings.Contains(v, want) {
			t.Errorf("Belonging lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Phones away") || strings.Contains(v, "What we mean by") {
		t.Errorf("Belonging shows a fourth norm, or the definitions:\n%s", v)
	}
	a = drive(t, a, "p")
	if v := a.View(); !strings.Contains(v, "Our norms") || !strings.Contains(v, "• One voice at a time") || strings.Contains(v, "Phones away") {
		t.Errorf("the presenter at Belonging should show the first three norms:\n%s", v)
	}
	// The definition stop shows the workshop's concepts, written or not,
	// and no norms.
	if err := f.owner.Do(model.GoToStop{Key: f.workshop.Team.DefinitionStop}); err != nil {
		t.Fatal(err)
	}
	a = caughtUp(drive(t, a, "p"))
	v = a.View()
	for _, want := range []string{"What we mean by (T, then d)", "• respect: We let each other finish", "• trust: not written yet", "• dignity: not written yet"} {
		if !strings.Contains(v, want) {
			t.Errorf("the definition stop lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "The team's norms") {
		t.Errorf("the definition stop shows the norms:\n%s", v)
	}
	if v := drive(t, a, "p").View(); strings.Contains(v, "Our norms") {
		t.Errorf("the presenter shows the norms at a stop that does not show them:\n%s", v)
	}
}
