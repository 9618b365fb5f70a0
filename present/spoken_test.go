package present

import (
	"testing"
	"time"

	"pitstop/model"
)

func TestSpokenDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0 seconds", 45 * time.Second: "45 seconds", time.Minute: "1 minute", 90 * time.Second: "1 minute 30 seconds",
		15 * time.Minute: "15 minutes", 65 * time.Minute: "1 hour 5 minutes", -2 * time.Minute: "2 minutes",
		2*time.Hour + 1*time.Second: "2 hours 1 second",
	} {
		if got := SpokenDuration(d); got != want {
			t.Errorf("SpokenDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSpokenDate(t *testing.T) {
	today := model.DateOf(t0)
	d, _ := model.ParseDate("2026-12-04")
	if got := SpokenDate(d, today); got != "Friday 4 December" {
		t.Errorf("got %q", got)
	}
	d, _ = model.ParseDate("2027-01-05")
	if got := SpokenDate(d, today); got != "Tuesday 5 January 2027" {
		t.Errorf("got %q", got)
	}
}

func TestAnnounce(t *testing.T) {
	s, err := model.NewSession("x", "Kickoff", "", "", []model.StopPlan{{Key: "a", Name: "Belonging", Planned: 15 * time.Minute}, {Key: "b", Name: "Trust", Planned: 20 * time.Minute}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	me := model.Facilitator
	dana := model.Actor{Role: model.RoleNotes, Name: "dana"}
	today := model.DateOf(t0)
	do := func(by model.Actor, c model.Command) (model.Event, *model.Session) {
		before := s.Clone()
		ev, err := s.ApplyAs(by, c, t0)
		if err != nil {
			t.Fatal(err)
		}
		return ev, before
	}
	for _, c := range []struct {
		by   model.Actor
		cmd  model.Command
		want string
	}{
		{dana, model.AddNote{Text: "Being expected"}, "Note added by dana (note-taker): Being expected."},
		{dana, model.AddCommitment{Text: "Draft the MOU", Owner: "Dana", Due: "2026-12-04"}, "Commitment added by dana (note-taker): Draft the MOU, owner Dana, due Friday 4 December."},
		{me, model.StartTimer{}, "Timer started by you."},
		{me, model.ExtendTimer{By: 2 * time.Minute}, "Planned time changed by you: 17 minutes now."},
		{me, model.NextStop{}, "Stop 2 of 2: Trust. 20 minutes planned."},
		{me, model.MarkOpened{}, ""},
	} {
		ev, before := do(c.by, c.cmd)
		if got := Announce(ev, before, s, me, today); got != c.want {
			t.Errorf("%T: %q, want %q", c.cmd, got, c.want)
		}
	}
	// What is deleted is said from the session as it was.
	id := s.Notes[0].ID
	ev, before := do(me, model.RemoveItem{ID: id})
	if got := Announce(ev, before, s, me, today); got != "Note deleted by you: Being expected." {
		t.Errorf("delete: %q", got)
	}
	for _, c := range []struct {
		ev   model.Event
		want string
	}{
		{model.Event{Kind: model.EventTimeLow, Left: 4*time.Minute + 59*time.Second}, "5 minutes left."},
		{model.Event{Kind: model.EventTimeUp, Stop: 1}, "Time is up at Trust."},
		{model.Event{Kind: model.EventJoined, By: dana}, "dana (note-taker) joined."},
		{model.Event{Kind: model.EventLeft, By: model.Actor{Role: model.RoleViewer}}, "The viewer left."},
	} {
		if got := Announce(c.ev, s, s, me, today); got != c.want {
			t.Errorf("%s: %q, want %q", c.ev.Kind, got, c.want)
		}
	}
}
