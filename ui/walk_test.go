package ui

import (
	"strings"
	"testing"
	"time"

	"pitstop/actions"
	"pitstop/model"
)

// carriedFixture is a live session that carried what an earlier session of
// the team, "old-one", left open after cmds; old-one is saved in the same
// store. The app, 120×40, can reach that store.
func carriedFixture(t *testing.T, cmds ...model.Command) (*fixture, App) {
	t.Helper()
	old, err := model.NewSession("old-one", "Last time", "Harbor Team", "", testWorkshop(t).Plans(), t0.Add(-30*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	apply(t, old, old.Created, cmds...)
	f := newFixture(t, t0, func(s *model.Session) { s.CarryFrom(old, t0) })
	if err := f.store.Save(old); err != nil {
		t.Fatal(err)
	}
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a, _ = a.update(a.sourcesCmd()()) // as Init would: the sources' names
	return f, a
}

// oldCommitment is a commitment of "old-one" as saved now.
func oldCommitment(t *testing.T, f *fixture, i int) model.Commitment {
	t.Helper()
	old, err := f.store.Load("old-one")
	if err != nil {
		t.Fatal(err)
	}
	return old.Commitments[i]
}

// The facilitator walks through what the team left open last time: each
// carried item in turn, with done (and done there too), keep, drop, a new
// owner, and resolving a tension.
func TestWalkThroughCarried(t *testing.T) {
	f, a := carriedFixture(t,
		model.AddCommitment{Text: "Write the charter", Owner: "Dana"},
		model.AddCommitment{Text: "Book the hall"},
		model.AddCommitment{Text: "Call the council", Owner: "Lee", Due: "2026-11-01"},
		model.AddCommitment{Text: "Print the flyers", Owner: "Sam"},
		model.AddTension{Text: "Who decides on money?"},
		model.AddTension{Text: "Meetings run late"},
		model.AddTension{Text: "Nobody reads the minutes"},
		model.CloseSession{})
	if v := a.View(); !strings.Contains(v, "Carried from last time: 7 of 7 still open · w walks through them") {
		t.Fatalf("no carried line:\n%s", v)
	}
	a = drive(t, a, "w")
	// By due date: the overdue one first; the source named by its title
	// and date, not its id.
	if v := a.View(); !strings.Contains(v, "1 of 7") || !strings.Contains(v, "Call the council") || !strings.Contains(v, "past due since") || !strings.Contains(v, "from “Last time” (23 Oct)") {
		t.Fatalf("the walk should start with the carried commitment due first:\n%s", v)
	}
	if !strings.Contains(a.View(), "x "+dropLabel) {
		t.Fatalf("x drops a commitment, in the same words as a tension:\n%s", a.View())
	}
	a = drive(t, a, "x") // drop
	if v := a.View(); !strings.Contains(v, "2 of 7") || !strings.Contains(v, "Write the charter") {
		t.Fatalf("the second item:\n%s", v)
	}
	a = drive(t, a, "d")
	if a.question == nil || !strings.Contains(a.question.text, "Mark it done in “Last time” (23 Oct)") || !strings.Contains(a.question.text, "Asked once") {
		t.Fatal("done should offer, once, to mark it done where it came from")
	}
	a = drive(t, a, "y")
	if v := a.View(); !strings.Contains(v, "3 of 7") || !strings.Contains(v, "Book the hall") || !strings.Contains(v, "needs an owner") {
		t.Fatalf("the third item:\n%s", v)
	}
	a = drive(t, a, "o")
	if a.input == nil || a.input.action.ID != actions.Owner {
		t.Fatal("o should ask for the new owner")
	}
	a = typeText(t, a, "Ana")
	a = drive(t, a, "enter")
	if v := a.View(); !strings.Contains(v, "4 of 7") || !strings.Contains(v, "Print the flyers") {
		t.Fatalf("after a new owner the walk goes on:\n%s", v)
	}
	a = drive(t, a, "k") // keep "Print the flyers"
	if v := a.View(); !strings.Contains(v, "5 of 7") || !strings.Contains(v, "Who decides on money?") {
		t.Fatalf("the tensions come after the commitments:\n%s", v)
	}
	a = drive(t, a, "r")
	a = drive(t, a, "k")
	if v := a.View(); !strings.Contains(v, "7 of 7") || !strings.Contains(v, "x "+dropLabel) {
		t.Fatalf("the last tension, with what dropping it means:\n%s", v)
	}
	a = drive(t, a, "x")
	if a.question != nil || a.walk != nil {
		t.Fatal("the walk should end after the last item")
	}
	if v := a.View(); !strings.Contains(v, "Walked through what was carried: 1 done, 1 resolved, 2 dropped, 3 kept open, 1 new owner.") {
		t.Fatalf("no word of how the walk ended:\n%s", v)
	}

	s := f.owner.Current().Session
	want := map[string]string{"Write the charter": "done", "Book the hall": "open Ana", "Call the council": "dropped", "Print the flyers": "open Sam"}
	for _, c := range s.Commitments {
		got := string(c.Status)
		if c.Status == model.CommitmentOpen {
			got += " " + c.Owner
		}
		if got != want[c.Text] {
			t.Errorf("%q: %s, want %s", c.Text, got, want[c.Text])
		}
	}
	if len(s.Tensions) != 3 || s.Tensions[0].Status != model.TensionResolved || s.Tensions[1].Status != model.TensionOpen || s.Tensions[2].Status != model.TensionDropped {
		t.Errorf("tensions: %+v", s.Tensions)
	}
	if s := drive(t, a, "b", "u").session.Current().Session; s.Tensions[2].Status != model.TensionOpen {
		t.Errorf("u on the board should bring the dropped tension back: %+v", s.Tensions)
	}
	back, err := f.store.Load("old-one")
	if err != nil {
		t.Fatal(err)
	}
	if back.Commitments[0].Status != model.CommitmentDone || back.Commitments[1].Owner != "" || back.Commitments[2].Status != model.CommitmentOpen || back.Commitments[3].Status != model.CommitmentOpen {
		t.Fatalf("the old session changed beyond the confirmed done: %+v", back.Commitments)
	}

	// esc leaves a walk half-way; a cancelled new owner asks again.
	a = drive(t, a, "w")
	a = drive(t, a, "o", "esc")
	if a.question == nil || !strings.Contains(a.question.text, "1 of 3") {
		t.Fatal("a cancelled new owner should come back to the same item")
	}
	a = drive(t, a, "esc")
	if a.walk != nil || a.question != nil {
		t.Fatal("esc should leave the walk")
	}
}

// esc on "mark it done there too?" is a no, and the walk goes on; esc on
// an item stops the walk and says so.
func TestWalkEscapes(t *testing.T) {
	f, a := carriedFixture(t, model.AddCommitment{Text: "Write the charter"}, model.AddCommitment{Text: "Book the hall"}, model.AddCommitment{Text: "Print flyers"})
	a = drive(t, a, "w", "d", "esc")
	if a.walk == nil || a.question == nil || !strings.Contains(a.question.text, "2 of 3") {
		t.Fatal("esc on the done-there-too question should go on to the next item")
	}
	if c := oldCommitment(t, f, 0); c.Status != model.CommitmentOpen {
		t.Fatal("esc is a no: the old session must not change")
	}
	a = drive(t, a, "d")
	if c := oldCommitment(t, f, 1); c.Status != model.CommitmentOpen || a.question == nil || !strings.Contains(a.question.text, "3 of 3") {
		t.Fatal("the answer given (esc: no) leaves the old session alone and goes on")
	}
	a = drive(t, a, "esc")
	if a.walk != nil || a.question != nil || !strings.Contains(a.View(), "Stopped after 2 of 3 carried items; w starts the walk again.") {
		t.Fatalf("esc on an item should stop the walk and say so:\n%s", a.View())
	}
}

// A note refused while a question was raised comes back, and the question
// (here the walk) gives way: typed words are never lost behind a question.
func TestRefusedEntryComesBackOverAQuestion(t *testing.T) {
	_, a := carriedFixture(t, model.AddCommitment{Text: "Write the charter"})
	a = drive(t, a, "n")
	// Under the box's bound in characters, over the model's in bytes.
	long := strings.Repeat("é", model.MaxTextBytes/2+1)
	a = typeText(t, a, long)
	m, save := a.Update(keyMsg("enter")) // sent; the answer is not back yet
	a = m.(App)
	a = drive(t, a, "w")
	if a.question == nil {
		t.Fatal("the walk should have started meanwhile")
	}
	m, _ = a.Update(save())
	a = m.(App)
	if a.input == nil || a.question != nil || a.walk != nil || a.input.value() != long {
		t.Fatal("the refused note should be back in its box, and the question gone")
	}
}

// "Mark it done there too?" is asked once a walk; the others follow.
func TestWalkAsksDoneThereOnce(t *testing.T) {
	f, a := carriedFixture(t,
		model.AddCommitment{Text: "Write the charter", Owner: "Dana"},
		model.AddCommitment{Text: "Book the hall", Owner: "Lee"},
		model.CloseSession{})
	a = drive(t, a, "w", "d")
	if a.question == nil || !strings.Contains(a.question.text, "Asked once") {
		t.Fatal("the first done should ask")
	}
	a = drive(t, a, "y", "d")
	if a.question != nil || a.walk != nil {
		t.Fatalf("the second done should follow the answer without asking: %+v", a.question)
	}
	deadline := time.Now().Add(5 * time.Second)
	for oldCommitment(t, f, 1).Status != model.CommitmentDone || oldCommitment(t, f, 0).Status != model.CommitmentDone {
		if time.Now().After(deadline) {
			t.Fatal("both should be marked done where they came from")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Closing reads back what is still open too, not only what was agreed and
// who does what.
func TestClosingReadsBackOpenTensions(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddAgreement{Text: "We share the agenda"}, model.AddTension{Text: "Who decides on money?"},
			model.AddTension{Text: "Settled already"}, model.ResolveTension{ID: "3"}, model.CloseSession{})
	})
	v := sized(f.app(model.RoleFacilitator), 100, 40).View()
	if !strings.Contains(v, "STILL OPEN") || !strings.Contains(v, "◆ Who decides on money?") || strings.Contains(v, "Settled already") {
		t.Fatalf("the summary should read back the open tension, not the resolved one:\n%s", v)
	}
}
