package model

import (
	"errors"
	"reflect"
	"slices"
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
	EditNote{}, RedoBoard{},
	SendRoomNote{}, LetThrough{}, DiscardHeld{}, OpenToRoom{}, CloseToRoom{}, AnswerRoom{}, RevealRoom{},
	SetRoster{}, MarkTurn{}, StartGoAround{}, ShowGoAround{}, MakeNorm{}, EditNorm{}, RetireNorm{}, Define{},
}

// seeing are the kinds in the permission table that no command has: what
// a role may see or do without changing the session.
var seeing = []CommandKind{KindSeeNotes, KindSeeHint, KindSeeBoard, KindWriteMinutes}

func TestPermissionTable(t *testing.T) {
	const (
		f = RoleFacilitator
		n = RoleNotes
		v = RoleViewer
		y = RoleSystem
		p = RoleParticipant
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
		KindEditNote: {f, n}, KindRedo: {f, n},
		KindSeeNotes: {f, n}, KindSeeBoard: {f, n}, KindSeeHint: {f}, KindWriteMinutes: {f, n},
		KindSendRoomNote: {p}, KindAnswerRoom: {p}, KindLetThrough: {f, n}, KindDiscardHeld: {f, n},
		KindOpenToRoom: {f}, KindCloseToRoom: {f}, KindRevealRoom: {f},
		KindSetRoster: {f, n}, KindMarkTurn: {f, n}, KindStartGoAround: {f, n}, KindShowGoAround: {f},
		KindMakeNorm: {f, n}, KindEditNorm: {f, n}, KindRetireNorm: {f, n}, KindDefine: {f, n},
	}
	seen := map[CommandKind]bool{}
	for _, k := range seeing {
		seen[k] = true
	}
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
	kinds := slices.Clone(seeing)
	for _, cmd := range oneOfEach {
		kinds = append(kinds, cmd.Kind())
	}
	for _, k := range kinds {
		allowed, ok := want[k]
		if !ok {
			t.Errorf("kind %q is missing from the test's table", k)
			continue
		}
		for _, r := range []Role{f, n, v, y, p, "stranger"} {
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
	do := func(by Actor, cmd Command) Event {
		t.Helper()
		at = at.Add(time.Second)
		ev, err := s.ApplyAs(by, cmd, at)
		if err != nil {
			t.Fatalf("%T: %v", cmd, err)
		}
		return ev
	}
	do(Facilitator, AddAgreement{Text: "the facilitator's"})
	do(notes, AddAgreement{Text: "the note-taker's"})
	do(Facilitator, EditText{ID: "2", Text: "edited by the facilitator"})
	// The note-taker's undo would take the facilitator's edit with it: it
	// is refused, saying who changed it, and nothing changes.
	before := s.Clone()
	_, err := s.ApplyAs(notes, UndoBoard{}, at)
	if !errors.Is(err, ErrChangedSince) || !strings.Contains(err.Error(), "facilitator has changed that agreement since") {
		t.Fatalf("the note-taker's undo of an agreement the facilitator edited since: %v", err)
	}
	if !reflect.DeepEqual(s.Agreements, before.Agreements) {
		t.Fatalf("a refused undo changed the board: %+v", s.Agreements)
	}
	// That change can never be undone cleanly; it leaves the history.
	if s.CanUndo(notes) {
		t.Fatal("the refused change is still in the note-taker's history")
	}
	if _, err := s.ApplyAs(notes, UndoBoard{}, at); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("second undo: %v", err)
	}
	// The facilitator's history is theirs: undoing their edit puts back
	// the note-taker's text, then their own add goes.
	ev := do(Facilitator, UndoBoard{})
	if ev.Item != "2" || ev.Undid != (Undone{ID: "2", Change: KindEditText, Kind: KindAgreement, Stop: "belonging"}) {
		t.Fatalf("the undo's event says %+v", ev)
	}
	do(Facilitator, UndoBoard{})
	if len(s.Agreements) != 1 || s.Agreements[0].Text != "the note-taker's" {
		t.Fatalf("after the facilitator's undos: %+v", s.Agreements)
	}
}

// The cases: undo never silently takes back another person's work.
func TestUndoNeverTakesAnotherPersonsWork(t *testing.T) {
	notes := Actor{Role: RoleNotes, Name: "dana"}
	for _, tc := range []struct {
		name  string
		steps func(do func(Actor, Command))
		what  string // in the refusal
	}{
		{"a commitment the facilitator deleted stays deleted", func(do func(Actor, Command)) {
			do(Facilitator, AddCommitment{Text: "Book the room"})
			do(notes, EditCommitment{ID: "1", Text: "Book the big room"})
			do(Facilitator, RemoveItem{ID: "1"})
		}, "facilitator has deleted that commitment since"},
		{"an owner and done the facilitator set stay", func(do func(Actor, Command)) {
			do(notes, AddCommitment{Text: "Send the notes"})
			do(Facilitator, SetOwner{ID: "1", Owner: "Lee"})
			do(Facilitator, SetCommitmentStatus{ID: "1", Status: CommitmentDone})
		}, "facilitator has changed that commitment since"},
		{"a tension the facilitator rewrote stays", func(do func(Actor, Command)) {
			do(notes, AddTension{Text: "Who decides?"})
			do(Facilitator, EditText{ID: "1", Text: "Who decides, and how?"})
		}, "facilitator has changed that tension since"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t)
			at := t0
			tc.steps(func(by Actor, cmd Command) {
				t.Helper()
				at = at.Add(time.Second)
				if _, err := s.ApplyAs(by, cmd, at); err != nil {
					t.Fatalf("%T: %v", cmd, err)
				}
			})
			before := s.Clone()
			_, err := s.ApplyAs(notes, UndoBoard{}, at)
			if !errors.Is(err, ErrChangedSince) || !strings.Contains(err.Error(), tc.what) {
				t.Fatalf("undo: %v, want the refusal %q", err, tc.what)
			}
			if !slices.Equal(s.Commitments, before.Commitments) || !slices.Equal(s.Tensions, before.Tensions) {
				t.Fatal("a refused undo changed the board")
			}
		})
	}
	// The facilitator's own undo of their rewrite gives back the text as
	// the note-taker left it, and nothing older.
	s := newSession(t)
	applyAll := func(by Actor, cmds ...Command) {
		for _, c := range cmds {
			if _, err := s.ApplyAs(by, c, t0); err != nil {
				t.Fatalf("%T: %v", c, err)
			}
		}
	}
	applyAll(notes, AddTension{Text: "Who decides?"})
	applyAll(Facilitator, EditText{ID: "1", Text: "Who decides, and how?"}, UndoBoard{})
	if s.Tensions[0].Text != "Who decides?" {
		t.Fatalf("after the facilitator's undo: %q", s.Tensions[0].Text)
	}
}

func TestRedo(t *testing.T) {
	s := newSession(t)
	do := func(cmd Command) (Event, error) { return s.ApplyAs(Facilitator, cmd, t0) }
	if _, err := do(RedoBoard{}); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo with nothing undone: %v", err)
	}
	mustDo := func(cmds ...Command) {
		t.Helper()
		for _, c := range cmds {
			if _, err := do(c); err != nil {
				t.Fatalf("%T: %v", c, err)
			}
		}
	}
	mustDo(AddAgreement{Text: "We share the agenda"}, EditText{ID: "1", Text: "We share the agenda a week ahead"})
	mustDo(UndoBoard{}, UndoBoard{})
	if len(s.Agreements) != 0 || !s.CanRedo(Facilitator) {
		t.Fatalf("after two undos: %+v", s.Agreements)
	}
	ev, err := do(RedoBoard{})
	if err != nil || !ev.Is(KindRedo) || ev.Undid.Change != KindAddAgreement || ev.Item != "1" {
		t.Fatalf("redo: %+v, %v", ev, err)
	}
	mustDo(RedoBoard{})
	if len(s.Agreements) != 1 || s.Agreements[0].Text != "We share the agenda a week ahead" || s.CanRedo(Facilitator) {
		t.Fatalf("after two redos: %+v", s.Agreements)
	}
	// Undo after redo works as before; a new change forgets the redo.
	mustDo(UndoBoard{}, AddNote{Text: "new"})
	if s.CanRedo(Facilitator) {
		t.Fatal("a new change kept the redo")
	}
	// Someone else's change since an undo stops the redo too.
	mustDo(EditText{ID: "1", Text: "We share the agenda, always"}, UndoBoard{})
	notes := Actor{Role: RoleNotes, Name: "dana"}
	if _, err := s.ApplyAs(notes, EditText{ID: "1", Text: "dana's words"}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := do(RedoBoard{}); !errors.Is(err, ErrChangedSince) || !strings.Contains(err.Error(), "dana has changed") {
		t.Fatalf("redo over dana's change: %v", err)
	}
}

func TestEditNoteChangesWhoSaidIt(t *testing.T) {
	s := newSession(t)
	mustApply := func(cmd Command) {
		t.Helper()
		if err := s.Apply(cmd, t0); err != nil {
			t.Fatalf("%T: %v", cmd, err)
		}
	}
	mustApply(AddNote{Text: "I felt unheard", Said: "Dana"})
	if got := NoteLine(s.Notes[0]); got != "I felt unheard said:Dana" {
		t.Fatalf("NoteLine = %q", got)
	}
	mustApply(EditNote{ID: "1", Text: "I felt unheard", Said: "Lee Ann"})
	if got := NoteLine(s.Notes[0]); got != `I felt unheard said:"Lee Ann"` {
		t.Fatalf("NoteLine = %q", got)
	}
	mustApply(EditNote{ID: "1", Text: "I felt unheard"})
	if s.Notes[0].Said != "" {
		t.Fatalf("the name stayed: %q", s.Notes[0].Said)
	}
	mustApply(AddAgreement{Text: "x"})
	if err := s.Apply(EditNote{ID: "2", Text: "y"}, t0); err == nil {
		t.Fatal("EditNote changed an agreement")
	}
	for _, tc := range []struct {
		line, said, rest string
		named            bool
	}{
		{"I felt unheard said:Dana", "Dana", "I felt unheard", true},
		{`said:"Lee Ann" we agreed`, "Lee Ann", "we agreed", true},
		{"take my name off said:", "", "take my name off", true},
		{`off said:""`, "", "off", true},
		{"no speaker here", "", "no speaker here", false},
	} {
		said, named, rest := ReadSaid(tc.line)
		if said != tc.said || named != tc.named || rest != tc.rest {
			t.Errorf("ReadSaid(%q) = %q, %v, %q", tc.line, said, named, rest)
		}
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
