package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// oneOfEach is a command of every kind, for the permission table test.
var oneOfEach = []Command{
	AddNote{Text: "x"}, AddAgreement{Text: "x"}, AddTension{Text: "x"}, AddCommitment{Text: "x"},
	EditText{}, SetOwner{}, SetDue{}, SetCommitmentStatus{}, ResolveTension{}, ReopenTension{},
	RemoveItem{}, MoveItem{}, UndoBoard{}, Rate{}, SkipOutcome{}, NoteOutcome{},
	StartTimer{}, PauseTimer{}, ToggleTimer{}, ResetTimer{}, ExtendTimer{}, NextStop{}, PrevStop{}, GoToStop{},
	CloseSession{}, ReopenSession{}, MarkOpened{}, ShiftClock{}, MarkCarriedDone{}, DropTension{}, EditCommitment{},
}

func TestPermissionTable(t *testing.T) {
	const (
		f = RoleFacilitator
		n = RoleNotes
		v = RoleViewer
		y = RoleSystem
	)
	// Who may send each kind: the whole table, written out once more by
	// hand so that a change to it is a change to this test too.
	want := map[CommandKind][]Role{
		KindAddNote: {f, n}, KindAddAgreement: {f, n}, KindAddTension: {f, n}, KindAddCommitment: {f, n},
		KindEditText: {f, n}, KindSetOwner: {f, n}, KindSetDue: {f, n}, KindSetStatus: {f, n},
		KindResolveTension: {f, n}, KindReopenTension: {f, n}, KindRemoveItem: {f, n}, KindMoveItem: {f, n},
		KindUndo: {f, n}, KindRate: {f, n}, KindSkipOutcome: {f, n}, KindNoteOutcome: {f, n},
		KindStartTimer: {f}, KindPauseTimer: {f}, KindToggleTimer: {f}, KindResetTimer: {f}, KindExtendTimer: {f},
		KindNextStop: {f, y}, KindPrevStop: {f}, KindGoToStop: {f},
		KindCloseSession: {f}, KindReopenSession: {f}, KindMarkOpened: {f},
		KindShiftClock: {y}, KindMarkCarriedDone: {f, n}, KindDropTension: {f, n}, KindEditCommitment: {f, n},
	}
	seen := map[CommandKind]bool{}
	for _, cmd := range oneOfEach {
		seen[cmd.Kind()] = true
	}
	for _, k := range CommandKinds() {
		if !seen[k] {
			t.Errorf("no command of kind %q in oneOfEach", k)
		}
		if _, ok := want[k]; !ok {
			t.Errorf("kind %q is in the permission table but not in this test", k)
		}
	}
	for _, cmd := range oneOfEach {
		k := cmd.Kind()
		allowed, ok := want[k]
		if !ok {
			t.Errorf("kind %q of %T is missing from the test's table", k, cmd)
			continue
		}
		for _, r := range []Role{f, n, v, y, "stranger"} {
			may := false
			for _, a := range allowed {
				may = may || a == r
			}
			err := Permit(r, k)
			switch {
			case may && err != nil:
				t.Errorf("%s may send %s, but Permit says %v", r, k, err)
			case !may && err == nil:
				t.Errorf("%s may not send %s, but Permit allows it", r, k)
			case !may && !errors.Is(err, ErrNotPermitted):
				t.Errorf("refusal of %s for %s does not wrap ErrNotPermitted: %v", k, r, err)
			case !may && strings.Contains(err.Error(), string(k)) && r != "stranger":
				t.Errorf("refusal of %s for %s names the command's code instead of saying why: %v", k, r, err)
			}
		}
	}
	if err := Permit(f, "launch-rocket"); err == nil {
		t.Error("an unknown kind was permitted")
	}
}

func TestApplyAsRefusesAndStamps(t *testing.T) {
	s := newSession(t)
	notes := Actor{Role: RoleNotes, Name: "dana"}
	viewer := Actor{Role: RoleViewer, Name: "room"}
	if _, err := s.ApplyAs(notes, NextStop{}, t0); !errors.Is(err, ErrNotPermitted) || !strings.Contains(err.Error(), "only the facilitator") {
		t.Fatalf("note-taker moved the room: %v", err)
	}
	if _, err := s.ApplyAs(viewer, AddNote{Text: "hi"}, t0); !errors.Is(err, ErrNotPermitted) || !strings.Contains(err.Error(), "viewer") {
		t.Fatalf("viewer wrote a note: %v", err)
	}
	if len(s.Notes) != 0 || s.Current != 0 || !s.Updated.Equal(t0) {
		t.Fatalf("a refused command changed the session: %+v", s)
	}
	ev, err := s.ApplyAs(notes, AddCommitment{Text: "Draft the MOU", Owner: "Dana"}, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	c := s.Commitments[0]
	if c.Role != "notes" || c.Author != "dana" {
		t.Fatalf("author not stamped: role %q author %q", c.Role, c.Author)
	}
	if ev.By != notes || !ev.Is(KindAddCommitment) || ev.Item != c.ID || ev.Stop != 0 || !ev.At.Equal(t0.Add(time.Minute)) {
		t.Fatalf("event = %+v", ev)
	}
	ev, err = s.ApplyAs(Facilitator, SetOwner{ID: c.ID, Owner: "Lee"}, t0.Add(2*time.Minute))
	if err != nil || ev.Item != c.ID || !ev.Is(KindSetOwner) {
		t.Fatalf("event = %+v, %v", ev, err)
	}
	ev, err = s.ApplyAs(Facilitator, NextStop{}, t0.Add(3*time.Minute))
	if err != nil || ev.Stop != 1 || ev.Item != "" {
		t.Fatalf("event = %+v, %v", ev, err)
	}
}

func TestUndoIsPerActor(t *testing.T) {
	s := newSession(t)
	notes := Actor{Role: RoleNotes, Name: "dana"}
	at := t0
	do := func(by Actor, cmd Command) {
		t.Helper()
		at = at.Add(time.Second)
		if _, err := s.ApplyAs(by, cmd, at); err != nil {
			t.Fatalf("%T: %v", cmd, err)
		}
	}
	do(Facilitator, AddAgreement{Text: "the facilitator's"})
	do(notes, AddAgreement{Text: "the note-taker's"})
	do(Facilitator, EditText{ID: "2", Text: "edited by the facilitator"})
	// The note-taker's undo takes back the note-taker's add, not the
	// facilitator's later edit of it... which goes with the item it edits.
	do(notes, UndoBoard{})
	if len(s.Agreements) != 1 || s.Agreements[0].Text != "the facilitator's" {
		t.Fatalf("after the note-taker's undo: %+v", s.Agreements)
	}
	if s.CanUndo(notes) {
		t.Fatal("the note-taker has nothing more to undo")
	}
	if _, err := s.ApplyAs(notes, UndoBoard{}, at); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("second undo: %v", err)
	}
	// The facilitator's history is theirs: undoing their edit puts back
	// the note-taker's text, then their own add goes.
	do(Facilitator, UndoBoard{})
	do(Facilitator, UndoBoard{})
	if len(s.Agreements) != 1 || s.Agreements[0].Text != "the note-taker's" {
		t.Fatalf("after the facilitator's undos: %+v", s.Agreements)
	}
}

func TestShiftClockKeepsARunningTimer(t *testing.T) {
	s := newSession(t)
	mustDo := func(cmd Command, now time.Time) {
		t.Helper()
		if _, err := s.ApplyAs(System, cmd, now); err != nil && cmd.Kind() == KindShiftClock {
			t.Fatal(err)
		}
	}
	_ = s.Apply(StartTimer{}, t0)
	// Ten minutes run, then the clock is set back an hour.
	back := t0.Add(10*time.Minute - time.Hour)
	mustDo(ShiftClock{By: -time.Hour}, back)
	if got := s.CurrentStop().Timer.Elapsed(back); got != 10*time.Minute {
		t.Fatalf("elapsed after the step = %v, want 10m", got)
	}
	_ = s.Apply(PauseTimer{}, back.Add(time.Minute))
	if got := s.CurrentStop().Timer.Accumulated; got != 11*time.Minute {
		t.Fatalf("paused at %v, want 11m", got)
	}
	if _, err := s.ApplyAs(Facilitator, ShiftClock{By: time.Hour}, back); !errors.Is(err, ErrNotPermitted) {
		t.Fatalf("a screen shifted the clock: %v", err)
	}
}
