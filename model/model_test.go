package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("", -5*3600))

func plans() []StopPlan {
	return []StopPlan{
		{Key: "belonging", Name: "Belonging", Planned: 15 * time.Minute},
		{Key: "reflection", Name: "Reflection & Accountability", Planned: 10 * time.Minute},
		{Key: "trust", Name: "Trust", Planned: 5 * time.Minute},
	}
}

func newSession(t *testing.T) *Session {
	t.Helper()
	s, err := NewSession("2026-11-22-kickoff-3f9c", "Kickoff", "Harbor Team", "Ana", plans(), t0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewSessionValidates(t *testing.T) {
	tests := []struct {
		name, id, title string
		plans           []StopPlan
		want            string
	}{
		{"ok", "a-1", "T", plans(), ""},
		{"bad id", "A B", "T", plans(), "cannot name a session"},
		{"path id", "../x", "T", plans(), "cannot name a session"},
		{"empty title", "a", "  \x1b[31m ", plans(), "title is empty"},
		{"long title", "a", strings.Repeat("x", MaxLabelBytes+1), plans(), "too long"},
		{"no stops", "a", "T", nil, "at least one stop"},
		{"dup stop", "a", "T", []StopPlan{{Key: "x", Planned: time.Minute}, {Key: "x", Planned: time.Minute}}, "used twice"},
		{"zero planned", "a", "T", []StopPlan{{Key: "x"}}, "above zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSession(tt.id, tt.title, "", "", tt.plans, t0)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Validate(); err != nil {
					t.Fatalf("new session does not validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestApplyAddsAndRefuses(t *testing.T) {
	tests := []struct {
		name    string
		cmd     Command
		wantErr string
		check   func(t *testing.T, s *Session)
	}{
		{"note at current stop", AddNote{Text: "  we felt welcome \n"}, "", func(t *testing.T, s *Session) {
			n := s.Notes[0]
			if n.Stop != "belonging" || n.Text != "we felt welcome" || n.Role != "" || n.ID != "1" || !n.Created.Equal(t0.Add(time.Minute)) {
				t.Fatalf("note = %+v", n)
			}
		}},
		{"note at named stop keeps newlines and said", AddNote{Stop: "trust", Said: "Dana", Text: "line one\nline two"}, "", func(t *testing.T, s *Session) {
			if n := s.Notes[0]; n.Stop != "trust" || n.Text != "line one\nline two" || n.Said != "Dana" {
				t.Fatalf("note = %+v", n)
			}
		}},
		{"note unknown stop", AddNote{Stop: "nowhere", Text: "x"}, `no stop "nowhere"`, nil},
		{"note empty", AddNote{Text: " \t\n "}, ErrEmptyText.Error(), nil},
		{"note only escapes", AddNote{Text: "\x1b[2J\x1b]0;title\x07"}, ErrEmptyText.Error(), nil},
		{"note too long", AddNote{Text: strings.Repeat("a", MaxTextBytes+1)}, "too long", nil},
		{"agreement", AddAgreement{Text: "Start on time"}, "", func(t *testing.T, s *Session) {
			if len(s.Agreements) != 1 || s.Agreements[0].Text != "Start on time" {
				t.Fatalf("agreements = %+v", s.Agreements)
			}
		}},
		{"tension opens", AddTension{Text: "Budget is unclear"}, "", func(t *testing.T, s *Session) {
			if s.Tensions[0].Status != TensionOpen {
				t.Fatalf("tension = %+v", s.Tensions[0])
			}
		}},
		{"commitment with owner and due", AddCommitment{Text: "Draft MOU", Owner: "Dana", Due: "2026-12-05"}, "", func(t *testing.T, s *Session) {
			c := s.Commitments[0]
			if c.Owner != "Dana" || c.Due != (Date{2026, 12, 5}) || c.Status != CommitmentOpen || c.NeedsOwner() {
				t.Fatalf("commitment = %+v", c)
			}
		}},
		{"commitment without owner", AddCommitment{Text: "Book a room"}, "", func(t *testing.T, s *Session) {
			if !s.Commitments[0].NeedsOwner() {
				t.Fatal("want needs owner")
			}
		}},
		{"commitment bad due", AddCommitment{Text: "x", Due: "next friday"}, "not a date", nil},
		{"commitment impossible due", AddCommitment{Text: "x", Due: "2026-02-30"}, "not a date", nil},
		{"rate", Rate{Outcome: "power-with", Score: 4}, "", func(t *testing.T, s *Session) {
			if len(s.Ratings) != 1 || s.Ratings[0].Score != 4 {
				t.Fatalf("ratings = %+v", s.Ratings)
			}
		}},
		{"rate out of range", Rate{Outcome: "power-with", Score: 6}, "from 1 to 5", nil},
		{"rate no outcome", Rate{Score: 3}, "names none", nil},
		{"extend", ExtendTimer{By: time.Minute}, "", func(t *testing.T, s *Session) {
			if s.Stops[0].Planned != 16*time.Minute {
				t.Fatalf("planned = %v", s.Stops[0].Planned)
			}
		}},
		{"shrink below a minute", ExtendTimer{By: -15 * time.Minute}, "at least one minute", nil},
		{"previous at first", PrevStop{}, ErrFirstStop.Error(), nil},
		{"go to unknown", GoToStop{Key: "x"}, `no stop "x"`, nil},
		{"reopen open session", ReopenSession{}, ErrNotClosed.Error(), nil},
		{"edit missing", EditText{ID: "99", Text: "x"}, ErrNotFound.Error(), nil},
		{"nil command", nil, "no command", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			before := s.Clone()
			err := s.Apply(tt.cmd, t0.Add(time.Minute+300*time.Millisecond))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if s.LastID != before.LastID || len(s.Notes)+len(s.Commitments) != 0 || !s.Updated.Equal(before.Updated) {
					t.Fatalf("a refused command changed the session")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !s.Updated.Equal(t0.Add(time.Minute)) {
				t.Fatalf("updated = %v, want the command's time to the second", s.Updated)
			}
			tt.check(t, s)
			if err := s.Validate(); err != nil {
				t.Fatalf("session no longer validates: %v", err)
			}
		})
	}
}

// stepper applies commands to a session one second apart, failing the
// test on a refusal.
type stepper struct {
	t   *testing.T
	s   *Session
	now time.Time
}

func (st *stepper) do(c Command) {
	st.t.Helper()
	st.now = st.now.Add(time.Second)
	if err := st.s.Apply(c, st.now); err != nil {
		st.t.Fatalf("%T: %v", c, err)
	}
}

func TestBoardOperations(t *testing.T) {
	s := newSession(t)
	steps := &stepper{t: t, s: s, now: t0}
	do := steps.do
	do(AddTension{Text: "Who decides?"})       // 1
	do(AddAgreement{Text: "Decide together"})  // 2
	do(AddCommitment{Text: "Write it down"})   // 3
	do(AddNote{Text: "a note"})                // 4
	do(EditText{ID: "3", Text: "Write it up"}) // edit
	do(SetOwner{ID: "3", Owner: "Lee"})        // owner
	do(SetDue{ID: "3", Due: "2026-12-01"})     // due
	do(ResolveTension{ID: "1", By: "2"})       // resolve
	do(SetCommitmentStatus{ID: "3", Status: CommitmentDone})
	c := s.Commitments[0]
	if c.Text != "Write it up" || c.Owner != "Lee" || c.Due.String() != "2026-12-01" || c.Status != CommitmentDone || c.Done.IsZero() || c.Edited.IsZero() {
		t.Fatalf("commitment = %+v", c)
	}
	if tn := s.Tensions[0]; tn.Status != TensionResolved || tn.ResolvedBy != "2" {
		t.Fatalf("tension = %+v", tn)
	}
	do(SetCommitmentStatus{ID: "3", Status: CommitmentOpen})
	if !s.Commitments[0].Done.IsZero() {
		t.Fatal("reopened commitment keeps its done time")
	}
	do(ReopenTension{ID: "1"})
	do(MoveItem{ID: "1", To: KindAgreement})
	if len(s.Tensions) != 0 || len(s.Agreements) != 2 || s.Agreements[1].FromTension != "1" || s.Agreements[1].Text != "Who decides?" {
		t.Fatalf("after move: tensions %+v agreements %+v", s.Tensions, s.Agreements)
	}
	do(RemoveItem{ID: "4"})
	if len(s.Notes) != 0 {
		t.Fatal("note not removed")
	}
	for _, bad := range []struct {
		cmd  Command
		want string
	}{
		{SetOwner{ID: "2", Owner: "x"}, "not a commitment"},
		{SetDue{ID: "3", Due: "12/01/2026"}, "not a date"},
		{SetCommitmentStatus{ID: "3", Status: "maybe"}, "not a commitment status"},
		{ResolveTension{ID: "2"}, "not a tension"},
		{ResolveTension{ID: "99"}, ErrNotFound.Error()},
		{MoveItem{ID: "2", To: KindNote}, "only board items"},
		{MoveItem{ID: "2", To: "column"}, "not a board column"},
		{RemoveItem{ID: "4"}, ErrNotFound.Error()},
		{EditText{ID: "2", Text: ""}, ErrEmptyText.Error()},
	} {
		if err := s.Apply(bad.cmd, steps.now); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%T%+v: err = %v, want %q", bad.cmd, bad.cmd, err, bad.want)
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestTimer(t *testing.T) {
	var tm Timer
	if tm.Running() || tm.Elapsed(t0) != 0 {
		t.Fatal("zero timer should be paused at zero")
	}
	tm.Start(t0)
	tm.Start(t0.Add(time.Minute)) // no effect while running
	if got := tm.Elapsed(t0.Add(10 * time.Minute)); got != 10*time.Minute {
		t.Fatalf("elapsed after 10m = %v (drift?)", got)
	}
	if got := tm.Elapsed(t0.Add(-time.Minute)); got != 0 {
		t.Fatalf("clock stepping back gave %v", got)
	}
	tm.Pause(t0.Add(90 * time.Second))
	if tm.Running() || tm.Elapsed(t0.Add(time.Hour)) != 90*time.Second {
		t.Fatalf("paused timer = %+v", tm)
	}
	tm.Start(t0.Add(time.Hour))
	if got := tm.Elapsed(t0.Add(time.Hour + 30*time.Second)); got != 2*time.Minute {
		t.Fatalf("elapsed after resume = %v", got)
	}
	tm.Reset()
	if tm != (Timer{}) {
		t.Fatal("reset timer not zero")
	}
}

func TestStopsAndOvertime(t *testing.T) {
	s := newSession(t)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	steps := []struct {
		cmd Command
		at  time.Duration
	}{
		{ToggleTimer{}, 0},
		{ExtendTimer{By: -5 * time.Minute}, time.Minute}, // belonging: 10m planned
		{NextStop{}, 12 * time.Minute},                   // leaves belonging 2m over
		{StartTimer{}, 13 * time.Minute},
		{PrevStop{}, 14 * time.Minute},
		{GoToStop{Key: "trust"}, 15 * time.Minute},
	}
	for _, st := range steps {
		if err := s.Apply(st.cmd, at(st.at)); err != nil {
			t.Fatalf("%T: %v", st.cmd, err)
		}
	}
	b, r := s.Stops[0], s.Stops[1]
	if b.Timer.Running() || b.Timer.Elapsed(at(time.Hour)) != 12*time.Minute || b.Remaining(at(time.Hour)) != -2*time.Minute {
		t.Fatalf("belonging = %+v remaining %v", b, b.Remaining(at(time.Hour)))
	}
	if r.Timer.Running() || r.Timer.Elapsed(at(time.Hour)) != time.Minute || !r.Entered.Equal(at(12*time.Minute)) {
		t.Fatalf("reflection = %+v", r)
	}
	if s.CurrentStop().Key != "trust" || !s.Stops[0].Left.Equal(at(15*time.Minute)) {
		t.Fatalf("current = %s, belonging left %v", s.CurrentStop().Key, s.Stops[0].Left)
	}
	if err := s.Apply(NextStop{}, at(16*time.Minute)); !errors.Is(err, ErrLastStop) {
		t.Fatalf("next after last: %v", err)
	}
	if got := s.SpentTotal(at(time.Hour)); got != 13*time.Minute {
		t.Fatalf("spent = %v", got)
	}
	if got := s.PlannedTotal(); got != 25*time.Minute {
		t.Fatalf("planned = %v", got)
	}
	if err := s.Apply(ResetTimer{}, at(17*time.Minute)); err != nil {
		t.Fatal(err)
	}
}

func TestCloseAndReopen(t *testing.T) {
	s := newSession(t)
	_ = s.Apply(StartTimer{}, t0)
	if err := s.Apply(CloseSession{}, t0.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if !s.IsClosed() || s.CurrentStop().Timer.Running() || !s.Closed.Equal(t0.Add(5*time.Minute)) {
		t.Fatalf("closed session = %+v", s)
	}
	for _, c := range []Command{AddNote{Text: "late"}, StartTimer{}, NextStop{}, CloseSession{}} {
		if err := s.Apply(c, t0.Add(6*time.Minute)); !errors.Is(err, ErrClosed) {
			t.Errorf("%T on closed session: %v", c, err)
		}
	}
	if err := s.Apply(ReopenSession{}, t0.Add(7*time.Minute)); err != nil || s.IsClosed() || !s.Closed.IsZero() {
		t.Fatalf("reopen: %v %+v", err, s.Status)
	}
}

func TestCloneSharesNothing(t *testing.T) {
	s := newSession(t)
	_ = s.Apply(AddNote{Text: "one"}, t0)
	c := s.Clone()
	_ = s.Apply(AddNote{Text: "two"}, t0)
	_ = s.Apply(EditText{ID: "1", Text: "changed"}, t0)
	_ = s.Apply(ExtendTimer{By: time.Minute}, t0)
	if len(c.Notes) != 1 || c.Notes[0].Text != "one" || c.Stops[0].Planned != 15*time.Minute {
		t.Fatalf("clone changed with the original: %+v", c.Notes)
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		breakt func(s *Session)
		want   string
	}{
		{"status", func(s *Session) { s.Status = "paused" }, "status"},
		{"current", func(s *Session) { s.Current = 7 }, "out of range"},
		{"dup ids", func(s *Session) { s.Notes = append(s.Notes, s.Notes[0]) }, "used twice"},
		{"unknown stop", func(s *Session) { s.Notes[0].Stop = "mars" }, "mars"},
		{"tension status", func(s *Session) { s.Tensions = []Tension{{Item: Item{ID: "9"}, Status: "x"}} }, "tension 9"},
		{"commitment status", func(s *Session) { s.Commitments = []Commitment{{Item: Item{ID: "9"}, Status: "x"}} }, "commitment 9"},
		{"kept status", func(s *Session) {
			s.Agreements = []Agreement{{Item: Item{ID: "9", Text: "x"}, Kept: Kept{CommitmentStatus: "maybe"}}}
		}, "agreement 9: kept commitment status"},
		{"rating", func(s *Session) { s.Ratings = []Rating{{Outcome: "x", Score: 6}} }, "rating"},
		{"rating skipped and scored", func(s *Session) { s.Ratings = []Rating{{Outcome: "x", Score: 2, Skipped: true}} }, "both skipped and scored"},
		{"outcome rated twice", func(s *Session) { s.Ratings = []Rating{{Outcome: "x", Score: 2}, {Outcome: "x", Score: 3}} }, "rated twice"},
		{"rating of no outcome", func(s *Session) { s.Ratings = []Rating{{Score: 2}} }, "no outcome"},
		{"no stops", func(s *Session) { s.Stops = nil }, "no stops"},
		{"negative elapsed", func(s *Session) { s.Stops[0].Timer.Accumulated = -1 }, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			_ = s.Apply(AddNote{Text: "x"}, t0)
			tt.breakt(s)
			if err := s.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	d, err := ParseDate("2026-12-31")
	if err != nil || d.String() != "2026-12-31" || d.AddDays(1).String() != "2027-01-01" || !d.Before(d.AddDays(1)) || d.Before(d) {
		t.Fatalf("date = %v %v", d, err)
	}
	if z, err := ParseDate(""); err != nil || !z.IsZero() || z.String() != "" {
		t.Fatal("empty date should be zero")
	}
	c := Commitment{Status: CommitmentOpen, Due: d}
	if c.Overdue(d) || !c.Overdue(d.AddDays(1)) {
		t.Fatal("overdue wrong")
	}
	c.Status = CommitmentDone
	if c.Overdue(d.AddDays(9)) {
		t.Fatal("done commitment is never overdue")
	}
}

func TestNextStopFrom(t *testing.T) {
	s := newSession(t)
	if err := s.Apply(NextStop{From: "belonging"}, t0); err != nil {
		t.Fatal(err)
	}
	// A second, late "move on from belonging" must not skip reflection.
	if err := s.Apply(NextStop{From: "belonging"}, t0); !errors.Is(err, ErrMovedOn) || s.CurrentStop().Key != "reflection" {
		t.Fatalf("err %v, at %s", err, s.CurrentStop().Key)
	}
}

func TestUndoBoard(t *testing.T) {
	s := newSession(t)
	step := &stepper{t: t, s: s, now: t0}
	do := step.do
	if err := s.Apply(UndoBoard{}, step.now); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo on a fresh board: %v", err)
	}
	do(AddAgreement{Text: "A1"})                       // 1
	do(AddTension{Text: "T1"})                         // 2
	do(AddCommitment{Text: "C1", Owner: "Dana"})       // 3
	do(AddCommitment{Text: "C2"})                      // 4
	do(AddNote{Text: "a note, undone like the board"}) // 5
	board := func() string {
		var parts []string
		for _, a := range s.Agreements {
			parts = append(parts, "a:"+a.Text+"/"+a.FromTension)
		}
		for _, x := range s.Tensions {
			parts = append(parts, "t:"+x.Text+"/"+string(x.Status)+"/"+x.ResolvedBy)
		}
		for _, c := range s.Commitments {
			parts = append(parts, "c:"+c.Text+"/"+c.Owner+"/"+string(c.Status)+"/"+c.Due.String())
		}
		return strings.Join(parts, " ")
	}
	start := board()
	steps := []Command{
		EditText{ID: "3", Text: "C1 edited"},
		SetOwner{ID: "4", Owner: "Lee"},
		SetDue{ID: "4", Due: "2026-12-01"},
		SetCommitmentStatus{ID: "3", Status: CommitmentDone},
		ResolveTension{ID: "2", By: "1"},
		ReopenTension{ID: "2"},
		MoveItem{ID: "2", To: KindAgreement},
		RemoveItem{ID: "3"},
		AddTension{Text: "T2"},
	}
	var states []string
	for _, c := range steps {
		states = append(states, board())
		do(c)
	}
	// A note's removal is undone too, first, as the latest change.
	do(RemoveItem{ID: "5"})
	do(UndoBoard{})
	if len(s.Notes) != 1 || s.Notes[0].ID != "5" {
		t.Fatalf("the removed note did not come back: %+v", s.Notes)
	}
	for i := len(steps) - 1; i >= 0; i-- {
		do(UndoBoard{})
		if got := board(); got != states[i] {
			t.Fatalf("undo of %T: board is\n %s\nwant\n %s", steps[i], got, states[i])
		}
	}
	if board() != start {
		t.Fatal("not back at the start")
	}
	if len(s.Commitments) != 2 || s.Commitments[0].ID != "3" {
		t.Fatalf("deleted commitment not back in its place: %+v", s.Commitments)
	}
	// The five adds can be undone too, the note's first, then nothing is
	// left.
	for i := 0; i < 5; i++ {
		do(UndoBoard{})
	}
	if len(s.Notes) != 0 {
		t.Fatal("the note's add was not undone")
	}
	if board() != "" || s.CanUndo(Actor{}) {
		t.Fatalf("board after undoing everything: %q", board())
	}
}

func TestCarryFrom(t *testing.T) {
	prev := newSession(t)
	apply := func(s *Session, c ...Command) {
		t.Helper()
		for _, cmd := range c {
			if err := s.Apply(cmd, t0); err != nil {
				t.Fatal(err)
			}
		}
	}
	apply(prev,
		AddCommitment{Stop: "trust", Text: "open one", Owner: "Dana", Due: "2026-12-01"}, // 1
		AddCommitment{Text: "done one"},              // 2
		AddCommitment{Text: "dropped one"},           // 3
		AddTension{Text: "open tension"},             // 4
		AddTension{Text: "resolved tension"},         // 5
		AddAgreement{Text: "agreements stay behind"}, // 6
		SetCommitmentStatus{ID: "2", Status: CommitmentDone},
		SetCommitmentStatus{ID: "3", Status: CommitmentDropped},
		ResolveTension{ID: "5"},
	)
	before := prev.Clone()
	s, _ := NewSession("next", "Next", "Harbor Team", "", plans(), t0.Add(30*24*time.Hour))
	apply(s, GoToStop{Key: "trust"})
	if n := s.CarryFrom(prev, t0.Add(30*24*time.Hour)); n != 2 {
		t.Fatalf("carried %d, want 2", n)
	}
	c, tn := s.Commitments[0], s.Tensions[0]
	if c.Text != "open one" || c.Owner != "Dana" || c.Due.String() != "2026-12-01" || c.CarriedFrom != prev.ID || c.CarriedID != "1" || c.Stop != "belonging" || c.Status != CommitmentOpen {
		t.Fatalf("carried commitment = %+v", c)
	}
	if tn.Text != "open tension" || tn.CarriedFrom != prev.ID || tn.CarriedID != "4" || tn.Status != TensionOpen {
		t.Fatalf("carried tension = %+v", tn)
	}
	if c.ID == tn.ID || s.Validate() != nil {
		t.Fatalf("ids must be new and unique: %v", s.Validate())
	}
	if total, open := s.Carried(); total != 2 || open != 2 {
		t.Fatalf("carried = %d/%d", total, open)
	}
	if !reflect.DeepEqual(prev, before) {
		t.Fatal("the previous session changed")
	}
}

func TestSinceLastOpened(t *testing.T) {
	s := newSession(t)
	if a, p := s.SinceLastOpened(RoleFacilitator, DateOf(t0)); a != 0 || p != 0 {
		t.Fatal("a first opening has nothing to say")
	}
	_ = s.Apply(MarkOpened{}, t0)
	noteTaker := Actor{Role: RoleNotes}
	_, _ = s.ApplyAs(noteTaker, AddNote{Text: "by the note-taker"}, t0.Add(time.Hour))
	_, _ = s.ApplyAs(Facilitator, AddNote{Text: "mine"}, t0.Add(time.Hour))
	_, _ = s.ApplyAs(noteTaker, AddCommitment{Text: "late", Due: "2026-11-20"}, t0.Add(time.Hour))
	_ = s.Apply(CloseSession{}, t0.Add(2*time.Hour))
	if a, p := s.SinceLastOpened(RoleFacilitator, DateOf(t0)); a != 2 || p != 1 {
		t.Fatalf("since = %d added, %d past due", a, p)
	}
}

// Carrying forward copies each open item of the session before exactly
// once, from a session that itself carried items too, and a second call
// copies nothing: the team must not find the same promise twice.
func TestCarryFromNeverTwice(t *testing.T) {
	apply := func(s *Session, c ...Command) {
		t.Helper()
		for _, cmd := range c {
			if err := s.Apply(cmd, t0); err != nil {
				t.Fatal(err)
			}
		}
	}
	s0, _ := NewSession("s0", "First", "Harbor Team", "", plans(), t0)
	apply(s0,
		AddCommitment{Text: "still open", Owner: "Dana"}, // 1
		AddCommitment{Text: "done in s1"},                // 2
		AddTension{Text: "still a tension"},              // 3
	)
	s1, _ := NewSession("s1", "Second", "Harbor Team", "", plans(), t0.Add(time.Hour))
	if n := s1.CarryFrom(s0, t0.Add(time.Hour)); n != 3 {
		t.Fatalf("s1 carried %d, want 3", n)
	}
	if n := s1.CarryFrom(s0, t0.Add(time.Hour)); n != 0 || len(s1.Commitments)+len(s1.Tensions) != 3 {
		t.Fatalf("carrying again copied %d more", n)
	}
	// s1: 1 still open (from s0/1), 2 done in s1 (from s0/2), 3 tension (from s0/3)
	apply(s1,
		SetCommitmentStatus{ID: "2", Status: CommitmentDone},
		AddCommitment{Text: "new in s1"}, // 4
		AddTension{Text: "new tension"},  // 5
	)
	s2, _ := NewSession("s2", "Third", "Harbor Team", "", plans(), t0.Add(2*time.Hour))
	if n := s2.CarryFrom(s1, t0.Add(2*time.Hour)); n != 4 {
		t.Fatalf("s2 carried %d, want 4", n)
	}
	for i := 0; i < 2; i++ {
		if n := s2.CarryFrom(s1, t0.Add(2*time.Hour)); n != 0 {
			t.Fatalf("carrying again copied %d more", n)
		}
	}
	type from struct{ session, id, text string }
	var got []from
	for _, c := range s2.Commitments {
		got = append(got, from{c.CarriedFrom, c.CarriedID, c.Text})
	}
	for _, tn := range s2.Tensions {
		got = append(got, from{tn.CarriedFrom, tn.CarriedID, tn.Text})
	}
	// Each open item of s1 once, pointing at s1 (not at s0, where some of
	// them were first made); the done one stays behind.
	want := []from{{"s1", "1", "still open"}, {"s1", "4", "new in s1"}, {"s1", "3", "still a tension"}, {"s1", "5", "new tension"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("s2 carried\n %+v\nwant\n %+v", got, want)
	}
	if err := s2.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestRatingCommands(t *testing.T) {
	s := newSession(t)
	steps := []struct {
		name string
		cmd  Command
		want Rating
		err  string
	}{
		{"score", Rate{Outcome: "power-with", Label: "Power with", Score: 4}, Rating{Outcome: "power-with", Label: "Power with", Score: 4}, ""},
		{"rescore", Rate{Outcome: "power-with", Score: 2}, Rating{Outcome: "power-with", Label: "Power with", Score: 2}, ""},
		{"note kept with the score", NoteOutcome{Outcome: "power-with", Text: "  decisions made before the meeting \x1b[31m"}, Rating{Outcome: "power-with", Label: "Power with", Score: 2, Note: "decisions made before the meeting"}, ""},
		{"skip clears the score", SkipOutcome{Outcome: "power-with"}, Rating{Outcome: "power-with", Label: "Power with", Skipped: true, Note: "decisions made before the meeting"}, ""},
		{"a score clears the skip", Rate{Outcome: "power-with", Score: 5}, Rating{Outcome: "power-with", Label: "Power with", Score: 5, Note: "decisions made before the meeting"}, ""},
		{"empty note clears it", NoteOutcome{Outcome: "power-with"}, Rating{Outcome: "power-with", Label: "Power with", Score: 5}, ""},
		{"zero", Rate{Outcome: "power-with", Score: 0}, Rating{Outcome: "power-with", Label: "Power with", Score: 5}, "from 1 to 5, not 0"},
		{"six", Rate{Outcome: "power-with", Score: 6}, Rating{Outcome: "power-with", Label: "Power with", Score: 5}, "from 1 to 5, not 6"},
		{"no outcome", Rate{Outcome: " \x1b[0m", Score: 3}, Rating{Outcome: "power-with", Label: "Power with", Score: 5}, "names none"},
		{"note too long", NoteOutcome{Outcome: "power-with", Text: strings.Repeat("a", MaxTextBytes+1)}, Rating{Outcome: "power-with", Label: "Power with", Score: 5}, "too long"},
	}
	for _, st := range steps {
		err := s.Apply(st.cmd, t0)
		if st.err == "" && err != nil || st.err != "" && (err == nil || !strings.Contains(err.Error(), st.err)) {
			t.Fatalf("%s: err = %v, want %q", st.name, err, st.err)
		}
		got, ok := s.RatingOf("power-with")
		got.At = time.Time{}
		if !ok || got != st.want {
			t.Fatalf("%s: rating = %+v, want %+v", st.name, got, st.want)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: the session no longer validates: %v", st.name, err)
		}
	}
	if len(s.Ratings) != 1 {
		t.Fatalf("one outcome rated again and again holds %d ratings", len(s.Ratings))
	}
	if err := s.Apply(NoteOutcome{Outcome: "equity", Text: "talked, not scored"}, t0); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.RatingOf("equity"); r.Answered() {
		t.Fatalf("a note alone answers the outcome: %+v", r)
	}
}
