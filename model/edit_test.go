package model

import (
	"errors"
	"testing"
	"time"
)

func TestEditCommitmentIsOneChange(t *testing.T) {
	s := newSession(t)
	at := t0
	do := func(cmd Command) error {
		at = at.Add(time.Second)
		_, err := s.ApplyAs(Facilitator, cmd, at)
		return err
	}
	if err := do(AddCommitment{Text: "Book the venue"}); err != nil {
		t.Fatal(err)
	}
	id := s.Commitments[0].ID
	if err := do(EditCommitment{ID: id, Text: "Book the venue early", Owner: "Lee", Due: "2026-12-04"}); err != nil {
		t.Fatal(err)
	}
	c := s.Commitments[0]
	if c.Text != "Book the venue early" || c.Owner != "Lee" || c.Due.String() != "2026-12-04" || c.Edited.IsZero() {
		t.Fatalf("edited: %+v", c)
	}
	for _, bad := range []EditCommitment{{ID: id, Text: "  "}, {ID: id, Text: "x", Due: "soon"}, {ID: "nope", Text: "x"}} {
		if err := do(bad); err == nil {
			t.Fatalf("%+v was taken", bad)
		}
	}
	if s.Commitments[0] != c {
		t.Fatal("a refused edit changed the commitment")
	}
	if err := do(UndoBoard{}); err != nil {
		t.Fatal(err)
	}
	if c := s.Commitments[0]; c.Text != "Book the venue" || c.Owner != "" || !c.Due.IsZero() {
		t.Fatalf("one undo should take back the whole edit: %+v", c)
	}
}

func TestDropTension(t *testing.T) {
	s := newSession(t)
	_ = s.Apply(AddTension{Text: "Who decides?"}, t0)
	id := s.Tensions[0].ID
	if err := s.Apply(DropTension{ID: id}, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if tn := s.Tensions[0]; tn.Status != TensionDropped || !tn.Resolved.Equal(t0.Add(time.Minute)) {
		t.Fatalf("dropped: %+v", tn)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("a dropped tension does not validate: %v", err)
	}
	next := newSession(t)
	next.ID = "next"
	if n := next.CarryFrom(s, t0); n != 0 {
		t.Fatalf("a dropped tension was carried forward (%d)", n)
	}
	if err := s.Apply(ReopenTension{ID: id}, t0); err != nil || s.Tensions[0].Status != TensionOpen {
		t.Fatalf("reopen: %v %+v", err, s.Tensions[0])
	}
	_ = s.Apply(AddNote{Text: "x"}, t0)
	if err := s.Apply(DropTension{ID: s.Notes[0].ID}, t0); err == nil || errors.Is(err, ErrNotFound) {
		t.Fatalf("dropping a note: %v", err)
	}
}
