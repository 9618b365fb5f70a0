package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestGoAroundInvitesTheLeastHeardFirst(t *testing.T) {
	s := newSession(t)
	mustApply(t, s, Facilitator, SetRoster{Names: []string{"Ana", " Lee ", "Sam", "ana", "", "Bo"}})
	if !slices.Equal(s.Roster, []string{"Ana", "Lee", "Sam", "Bo"}) {
		t.Fatalf("roster %q: cleaned, and a name given twice kept once", s.Roster)
	}
	stop := func() string { return s.CurrentStop().Key }
	if got := s.GoAround(stop()); !slices.Equal(got, s.Roster) {
		t.Fatalf("at first, the roster's order: %q", got)
	}
	// Stop 1: Ana and Sam speak, Lee passes, Bo is not reached.
	mustApply(t, s, Facilitator, MarkTurn{Name: "ana"}, MarkTurn{Name: "Lee", Passed: true}, MarkTurn{Name: "Sam"})
	if got := s.GoAround(stop()); !slices.Equal(got, []string{"Bo"}) {
		t.Fatalf("still to invite at stop 1: %q", got)
	}
	if used, missed := s.Reached(stop()); !used || !slices.Equal(missed, []string{"Bo"}) {
		t.Fatalf("reached at stop 1: %v %q", used, missed)
	}
	// Stop 2: the least heard first; Lee's pass is not held against her.
	mustApply(t, s, Facilitator, NextStop{})
	if got := s.GoAround(stop()); !slices.Equal(got, []string{"Lee", "Bo", "Ana", "Sam"}) {
		t.Fatalf("order at stop 2: %q", got)
	}
	mustApply(t, s, Facilitator, MarkTurn{Name: "Lee", Passed: true}, MarkTurn{Name: "Bo"}, MarkTurn{Name: "Ana"}, MarkTurn{Name: "Sam"})
	if used, missed := s.Reached(stop()); !used || len(missed) != 0 {
		t.Fatalf("everyone was invited at stop 2, but %v %q", used, missed)
	}
	// Stop 3: Lee passed twice and is still invited first.
	mustApply(t, s, Facilitator, NextStop{})
	if got := s.GoAround(stop()); got[0] != "Lee" || !slices.Equal(got, []string{"Lee", "Bo", "Ana", "Sam"}) {
		t.Fatalf("order at stop 3: %q", got)
	}
	if used, _ := s.Reached(stop()); used {
		t.Fatal("a stop with no marks counts as a go-around")
	}
	if s.Heard("Lee") != 0 || s.Heard("Ana") != 2 {
		t.Fatalf("heard: Lee %d, Ana %d", s.Heard("Lee"), s.Heard("Ana"))
	}
	if _, err := s.ApplyAs(Facilitator, MarkTurn{Name: "Zed"}, t0); err == nil || !strings.Contains(err.Error(), "not on the roster") {
		t.Fatalf("a name not on the roster: %v", err)
	}
}

func TestAGoAroundMarkIsUndoneByWhoMadeIt(t *testing.T) {
	s := newSession(t)
	dana := Actor{Role: RoleNotes, Name: "dana"}
	mustApply(t, s, Facilitator, SetRoster{Names: []string{"Ana", "Lee"}})
	mustApply(t, s, dana, MarkTurn{Name: "Ana"})
	mustApply(t, s, Facilitator, MarkTurn{Name: "Lee", Passed: true})
	ev, err := s.ApplyAs(dana, UndoBoard{}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Undid.Kind != KindTurn || TurnName(ev.Undid.ID) != "Ana" {
		t.Fatalf("undid %+v", ev.Undid)
	}
	stop := s.CurrentStop().Key
	if s.TurnAt(stop, "Ana").Spoke != 0 || s.TurnAt(stop, "Lee").Passed != 1 {
		t.Fatalf("after dana's undo: %+v", s.Turns)
	}
	if _, err := s.ApplyAs(dana, UndoBoard{}, t0); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("dana's undo reached the facilitator's mark: %v", err)
	}
	mustApply(t, s, dana, RedoBoard{})
	if s.TurnAt(stop, "Ana").Spoke != 1 {
		t.Fatal("redo did not mark Ana again")
	}
}

func TestSpeakingTimeOnlyWhenKept(t *testing.T) {
	for _, kept := range []bool{false, true} {
		s := newSession(t)
		s.SpeakingTime = kept
		mustApply(t, s, Facilitator, SetRoster{Names: []string{"Ana", "Lee"}})
		if _, err := s.ApplyAs(Facilitator, StartGoAround{}, t0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ApplyAs(Facilitator, MarkTurn{Name: "Ana"}, t0.Add(90*time.Second)); err != nil {
			t.Fatal(err)
		}
		want := time.Duration(0)
		if kept {
			want = 90 * time.Second
		}
		if got := s.TurnAt(s.CurrentStop().Key, "Ana").Spent; got != want {
			t.Errorf("speaking time kept=%v: %v, want %v", kept, got, want)
		}
	}
}

// The team's norms and definitions over three sessions: made in the
// first, shown and reworded in the second, read with every date in the
// third; the roster goes along, turned by one.
func TestTheTeamKeepsNormsDefinitionsAndRoster(t *testing.T) {
	day := func(n int) time.Time { return t0.AddDate(0, 0, 7*n) }
	s1 := newSession(t)
	mustApply(t, s1, Facilitator, SetRoster{Names: []string{"Ana", "Lee", "Sam"}}, AddAgreement{Text: "We start on time"})
	if _, err := s1.ApplyAs(Facilitator, MakeNorm{Agreement: s1.Agreements[0].ID}, day(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s1.ApplyAs(Facilitator, Define{Concept: "Respect", Text: "We let each other finish"}, day(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s1.ApplyAs(Facilitator, MakeNorm{Text: "we start on time"}, day(0)); err == nil {
		t.Fatal("the same norm was made twice")
	}

	s2 := newSessionAt(t, "s2", day(1))
	s2.KeepTeamFrom(s1)
	if len(s2.StandingNorms()) != 1 || s2.Norms[0].Text() != "We start on time" || !slices.Equal(s2.Roster, []string{"Lee", "Sam", "Ana"}) {
		t.Fatalf("session 2 starts with norms %+v, roster %q", s2.Norms, s2.Roster)
	}
	if _, err := s2.ApplyAs(Facilitator, Define{Concept: "respect", Text: "We let each other finish, and ask before we assume"}, day(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.ApplyAs(Facilitator, EditNorm{ID: "n1", Text: "We start on time, and end on time"}, day(1)); err != nil {
		t.Fatal(err)
	}
	mustApply(t, s2, Facilitator, MakeNorm{Text: "Phones down during the check"})

	s3 := newSessionAt(t, "s3", day(2))
	s3.KeepTeamFrom(s2)
	if _, err := s3.ApplyAs(Facilitator, RetireNorm{ID: "n2"}, day(2)); err != nil {
		t.Fatal(err)
	}
	d, ok := s3.DefinitionOf("RESPECT")
	if !ok || len(d.Versions) != 2 || !d.Versions[0].At.Equal(day(0)) || d.Versions[0].Session != s1.ID || !d.Versions[1].At.Equal(day(1)) || d.Versions[1].Session != "s2" {
		t.Fatalf("respect in session 3: %+v", d)
	}
	n1 := s3.Norms[0]
	if len(n1.Versions) != 2 || !n1.Since().Equal(day(0)) || n1.Text() != "We start on time, and end on time" || n1.Versions[1].Session != "s2" {
		t.Fatalf("n1 in session 3: %+v", n1)
	}
	if standing := s3.StandingNorms(); len(standing) != 1 || len(s3.Norms) != 2 || !s3.Norms[1].Retired.Equal(day(2)) {
		t.Fatalf("after retiring n2: %+v", s3.Norms)
	}
	mustApply(t, s3, Facilitator, MakeNorm{Text: "A third"})
	if s3.Norms[2].ID != "n3" {
		t.Fatalf("numbering goes on across sessions: %q", s3.Norms[2].ID)
	}
	if !slices.Equal(s3.Roster, []string{"Sam", "Ana", "Lee"}) {
		t.Fatalf("roster in session 3: %q", s3.Roster)
	}
	// Session 1 is as it was: nothing carried reaches back.
	if len(s1.Norms) != 1 || len(s1.Norms[0].Versions) != 1 || len(s1.Definitions[0].Versions) != 1 {
		t.Fatalf("session 1 changed: %+v %+v", s1.Norms, s1.Definitions)
	}
}

func newSessionAt(t *testing.T, id string, at time.Time) *Session {
	t.Helper()
	s, err := NewSession(id, "Later", "Harbor", "", []StopPlan{{Key: "belonging", Name: "Belonging", Planned: 15 * time.Minute}, {Key: "trust", Name: "Trust", Planned: 15 * time.Minute}}, at)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A turn's id gives back its stop and name, a colon in the name included;
// an entry's id is no turn's.
func TestTurnIDs(t *testing.T) {
	stop, name, ok := parseTurnID(turnID("belonging", "Ana: B"))
	if !ok || stop != "belonging" || name != "Ana: B" || TurnName(turnID("belonging", "Ana: B")) != "Ana: B" {
		t.Fatalf("parsed %q %q %v", stop, name, ok)
	}
	if _, _, ok := parseTurnID("12"); ok || TurnName("12") != "" {
		t.Fatal("an entry's id read as a turn's")
	}
}
