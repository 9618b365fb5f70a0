package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var room = Actor{Role: RoleParticipant}

func mustApply(t *testing.T, s *Session, by Actor, cmds ...Command) {
	t.Helper()
	for _, c := range cmds {
		if _, err := s.ApplyAs(by, c, t0); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
}

func TestHeldNotesWaitForSomeoneToLetThemThrough(t *testing.T) {
	s := newSession(t)
	mustApply(t, s, room, SendRoomNote{Text: "We never hear from the night shift"}, SendRoomNote{Text: "Call me Bo\x1b[31m"})
	mustApply(t, s, Facilitator, NextStop{})
	mustApply(t, s, room, SendRoomNote{Text: "third"})
	if len(s.Notes) != 0 || len(s.Room.Held) != 3 {
		t.Fatalf("notes %d, held %d: a note from the room showed before anyone let it through", len(s.Notes), len(s.Room.Held))
	}
	if h := s.Room.Held[1]; h.Text != "Call me Bo" || h.Stop != s.Stops[0].Key {
		t.Fatalf("held %+v: not cleaned like typed text, or not at the stop it was sent at", h)
	}
	first := s.Room.Held[0].ID
	ev, err := s.ApplyAs(Actor{Role: RoleNotes, Name: "dana"}, LetThrough{ID: first}, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	n := s.Notes[0]
	if n.Role != string(RoleParticipant) || n.Author != "" || n.Said != "" || n.Stop != s.Stops[0].Key || ev.Item != n.ID {
		t.Fatalf("let through as %+v (event %+v): want a note from the participant role, with no author, at the stop it was sent at", n, ev)
	}
	mustApply(t, s, Facilitator, DiscardHeld{ID: s.Room.Held[0].ID}, LetThrough{ID: s.Room.Held[1].ID, Text: "third, mended"})
	if len(s.Room.Held) != 0 || len(s.Notes) != 2 || s.Notes[1].Text != "third, mended" || s.Notes[1].Stop != s.Stops[1].Key {
		t.Fatalf("after discarding one and letting one through mended: held %v, notes %+v", s.Room.Held, s.Notes)
	}
	for _, n := range s.Notes {
		if strings.Contains(n.Text, "Bo") {
			t.Fatalf("the discarded note left a trace: %+v", n)
		}
	}
	if _, err := s.ApplyAs(Facilitator, LetThrough{ID: first}, t0); err == nil || !strings.Contains(err.Error(), "no longer waiting") {
		t.Fatalf("letting a note through twice: %v", err)
	}
}

func TestHeldNotesAreLimited(t *testing.T) {
	s := newSession(t)
	if _, err := s.ApplyAs(room, SendRoomNote{Text: strings.Repeat("x", MaxTextBytes+1)}, t0); err == nil {
		t.Fatal("a note over the size limit was held")
	}
	if _, err := s.ApplyAs(room, SendRoomNote{Text: " \n "}, t0); !errors.Is(err, ErrEmptyText) {
		t.Fatalf("an empty note: %v", err)
	}
	for range MaxHeld {
		mustApply(t, s, room, SendRoomNote{Text: "x"})
	}
	if _, err := s.ApplyAs(room, SendRoomNote{Text: "one more"}, t0); err == nil || !strings.Contains(err.Error(), "try again") {
		t.Fatalf("note %d: %v", MaxHeld+1, err)
	}
	mustApply(t, s, Facilitator, CloseSession{})
	if _, err := s.ApplyAs(room, SendRoomNote{Text: "late"}, t0); !errors.Is(err, ErrClosed) {
		t.Fatalf("a note to a closed session: %v", err)
	}
}

func TestTheRoomCannotRunTheRoom(t *testing.T) {
	s := newSession(t)
	for _, c := range []Command{AddNote{Text: "x"}, LetThrough{ID: "r1"}, OpenToRoom{Questions: []RoomQuestion{{Outcome: "o"}}}, RevealRoom{}, NextStop{}, UndoBoard{}} {
		if _, err := s.ApplyAs(room, c, t0); !errors.Is(err, ErrNotPermitted) {
			t.Errorf("a participant sent %T: %v", c, err)
		}
	}
	if _, err := s.ApplyAs(Facilitator, SendRoomNote{Text: "x"}, t0); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("the facilitator's own note went to the held queue: %v", err)
	}
}

func answer(t *testing.T, s *Session, outcome string, scores ...int) {
	t.Helper()
	for i, score := range scores {
		mustApply(t, s, room, AnswerRoom{Outcome: outcome, Browser: "b" + string(rune('a'+i)), Score: score})
	}
}

func TestOneAnswerPerBrowserUntilRevealed(t *testing.T) {
	s := newSession(t)
	if _, err := s.ApplyAs(room, AnswerRoom{Outcome: "voice", Browser: "b1", Score: 3}, t0); err == nil {
		t.Fatal("an answer to an outcome not open to the room was taken")
	}
	mustApply(t, s, Facilitator, OpenToRoom{Questions: []RoomQuestion{{Outcome: "voice", Label: "Every voice"}, {Outcome: "trust", Label: "Trust"}}})
	answer(t, s, "voice", 1, 2)
	mustApply(t, s, room, AnswerRoom{Outcome: "voice", Browser: "ba", Score: 5}) // changed her mind
	if got := s.Room.AnswerOf("voice", "ba"); got != 5 {
		t.Fatalf("the changed answer reads %d", got)
	}
	if _, err := s.ApplyAs(room, AnswerRoom{Outcome: "voice", Browser: "bc", Score: 6}, t0); err == nil {
		t.Fatal("a score of 6 was taken")
	}
	if _, err := s.ApplyAs(room, AnswerRoom{Outcome: "voice", Score: 3}, t0); err == nil {
		t.Fatal("an answer with no browser was taken")
	}
	// Two answers are too few: nothing is shown, and the question stays open.
	_, err := s.ApplyAs(Facilitator, RevealRoom{Outcome: "voice"}, t0)
	if !errors.Is(err, ErrTooFewAnswers) || !strings.Contains(err.Error(), "only 2 answers") || !strings.Contains(err.Error(), "from 3 up") {
		t.Fatalf("reveal of two answers: %v", err)
	}
	if !s.Room.IsOpen("voice") || len(s.Ratings) != 0 {
		t.Fatal("a refused reveal closed the question or kept a rating")
	}
	answer(t, s, "voice", 5, 2, 4, 4)
	answer(t, s, "trust", 3)
	// Revealing all shows what has enough answers and leaves the rest open.
	mustApply(t, s, Facilitator, RevealRoom{})
	r, ok := s.RatingOf("voice")
	if !ok || r.Room != (Counts{0, 1, 0, 2, 1}) || r.Label != "Every voice" || r.Scored() {
		t.Fatalf("revealed rating %+v: want counts 0,1,0,2,1 and no agreed score", r)
	}
	if s.Room.IsOpen("voice") || !s.Room.IsOpen("trust") {
		t.Fatalf("open after the reveal: %v", s.Room.Open)
	}
	if _, err := s.ApplyAs(room, AnswerRoom{Outcome: "voice", Browser: "bz", Score: 1}, t0); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("an answer after the reveal: %v", err)
	}
	// The group sets its agreed score after seeing the spread.
	mustApply(t, s, Facilitator, Rate{Outcome: "voice", Score: 3})
	if r, _ := s.RatingOf("voice"); r.Score != 3 || r.Room.N() != 4 || r.TrendScore() != 3 {
		t.Fatalf("after the agreed score: %+v", r)
	}
	// Closing forgets the answers without showing them; opening again starts afresh.
	mustApply(t, s, Facilitator, CloseToRoom{}, OpenToRoom{Questions: []RoomQuestion{{Outcome: "trust"}}})
	if got := s.Room.AnswerOf("trust", "ba"); got != 0 {
		t.Fatalf("an answer survived closing: %d", got)
	}
}

func TestTheMinimumComesFromTheHost(t *testing.T) {
	s := newSession(t)
	s.Room.MinAnswers = 5
	mustApply(t, s, Facilitator, OpenToRoom{Questions: []RoomQuestion{{Outcome: "voice"}}})
	answer(t, s, "voice", 1, 2, 3, 4)
	if _, err := s.ApplyAs(Facilitator, RevealRoom{Outcome: "voice"}, t0); !errors.Is(err, ErrTooFewAnswers) || !strings.Contains(err.Error(), "from 5 up") {
		t.Fatalf("four answers with a minimum of five: %v", err)
	}
}

func TestSnapshotsDoNotShareAnswers(t *testing.T) {
	s := newSession(t)
	mustApply(t, s, Facilitator, OpenToRoom{Questions: []RoomQuestion{{Outcome: "voice"}}})
	answer(t, s, "voice", 2)
	snap := s.Clone()
	answer(t, s, "voice", 4)
	mustApply(t, s, room, SendRoomNote{Text: "x"})
	if snap.Room.AnswerOf("voice", "ba") != 2 || len(snap.Room.Held) != 0 {
		t.Fatal("a snapshot changed when the session did")
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		counts    Counts
		median    float64
		low, high int
		split     bool
		trend     int
	}{
		{Counts{}, 0, 0, 0, false, 0},
		{Counts{0, 0, 3, 0, 0}, 3, 3, 3, false, 3},
		{Counts{1, 0, 0, 0, 1}, 3, 1, 5, true, 1},
		{Counts{0, 1, 1, 1, 1}, 3.5, 2, 5, false, 3},
		{Counts{2, 1, 0, 3, 2}, 4, 1, 5, true, 4},
		{Counts{0, 0, 1, 6, 1}, 4, 3, 5, false, 4},
	}
	for _, tt := range tests {
		low, high := tt.counts.Range()
		r := Rating{Room: tt.counts}
		if tt.counts.Median() != tt.median || low != tt.low || high != tt.high || tt.counts.Split() != tt.split || r.TrendScore() != tt.trend {
			t.Errorf("%v: median %v range %d–%d split %v trend %d; want %v %d–%d %v %d", tt.counts, tt.counts.Median(), low, high, tt.counts.Split(), r.TrendScore(), tt.median, tt.low, tt.high, tt.split, tt.trend)
		}
	}
}

func FuzzSendRoomNote(f *testing.F) {
	for _, seed := range []string{"", "hello", "\x1b]0;title\x07", "a\r\nb", strings.Repeat("é", 3000)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := newSession(t)
		if _, err := s.ApplyAs(room, SendRoomNote{Text: text}, t0); err != nil {
			return
		}
		h := s.Room.Held[0]
		if h.Text != CleanText(h.Text) || len(h.Text) > MaxTextBytes || strings.TrimSpace(h.Text) == "" {
			t.Fatalf("held %q", h.Text)
		}
		mustApply(t, s, Facilitator, LetThrough{ID: h.ID})
		if err := s.Validate(); err != nil {
			t.Fatalf("a note let through makes the session invalid: %v", err)
		}
	})
}
