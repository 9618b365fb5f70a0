package model

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestCommitmentFate(t *testing.T) {
	est := time.FixedZone("", -5*3600)
	due := Date{2026, 12, 5}
	tests := []struct {
		name string
		c    Commitment
		want Fate
	}{
		{"open", Commitment{Status: CommitmentOpen, Due: due}, FateOpen},
		{"open and overdue is still open", Commitment{Status: CommitmentOpen, Due: Date{2020, 1, 1}}, FateOpen},
		{"dropped", Commitment{Status: CommitmentDropped, Due: due, Done: time.Date(2027, 1, 1, 9, 0, 0, 0, est)}, FateDropped},
		{"done before the day", Commitment{Status: CommitmentDone, Due: due, Done: time.Date(2026, 12, 1, 9, 0, 0, 0, est)}, FateOnTime},
		// The day as the room saw it: late evening is still that day, even
		// where it is already the next day in UTC.
		{"done late on the day", Commitment{Status: CommitmentDone, Due: due, Done: time.Date(2026, 12, 5, 23, 30, 0, 0, est)}, FateOnTime},
		{"done the day after", Commitment{Status: CommitmentDone, Due: due, Done: time.Date(2026, 12, 6, 0, 10, 0, 0, est)}, FateLate},
		{"done with no due date", Commitment{Status: CommitmentDone, Done: time.Date(2030, 1, 1, 9, 0, 0, 0, est)}, FateOnTime},
		{"unknown status", Commitment{Status: "maybe"}, FateOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Fate(); got != tt.want {
				t.Fatalf("fate = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestTeamFollowThrough(t *testing.T) {
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) } // day 0 is Sunday 2026-11-22
	today := DateOf(day(8))                                     // 2026-11-30
	session := func(id string, n int) *Session {
		t.Helper()
		s, err := NewSession(id, id, "Harbor Team", "", plans(), day(n))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	apply := func(s *Session, at time.Time, cmds ...Command) *Session {
		t.Helper()
		for _, c := range cmds {
			if err := s.Apply(c, at); err != nil {
				t.Fatalf("%T: %v", c, err)
			}
		}
		return s
	}
	carried := func(s, prev *Session, n int) *Session {
		s.CarryFrom(prev, day(n))
		return s
	}
	done := func(id string) Command { return SetCommitmentStatus{ID: id, Status: CommitmentDone} }
	// chain makes s1 → s2 → s3, one commitment due 2026-12-20 carried along
	// while open; it is item 1 in each.
	chain := func() (s1, s2, s3 *Session) {
		s1 = apply(session("s1", 0), day(0), AddCommitment{Text: "Draft the MOU", Owner: "Dana", Due: "2026-12-20"})
		s2 = carried(session("s2", 7), s1, 7)
		s3 = carried(session("s3", 14), s2, 14)
		return s1, s2, s3
	}
	type counts = FollowThrough
	tests := []struct {
		name       string
		sessions   func() []*Session
		total      counts
		perSession map[string]counts
	}{
		{"one session, every fate", func() []*Session {
			s := apply(session("s1", 0), day(0),
				AddCommitment{Text: "on time", Due: "2026-11-25"},       // 1
				AddCommitment{Text: "late", Due: "2026-11-23"},          // 2
				AddCommitment{Text: "dropped", Due: "2026-11-23"},       // 3
				AddCommitment{Text: "overdue", Due: "2026-11-29"},       // 4
				AddCommitment{Text: "open, no date"},                    // 5
				AddCommitment{Text: "done, no date"},                    // 6
				AddCommitment{Text: "open, not due", Due: "2026-12-01"}, // 7
			)
			apply(s, day(2), done("1"), done("2"), done("6"), SetCommitmentStatus{ID: "3", Status: CommitmentDropped})
			return []*Session{s}
		}, counts{OnTime: 2, Late: 1, Dropped: 1, Open: 3, Overdue: 1},
			map[string]counts{"s1": {OnTime: 2, Late: 1, Dropped: 1, Open: 3, Overdue: 1}}},

		{"no sessions", func() []*Session { return nil }, counts{}, map[string]counts{}},

		{"carried along and done in the third session counts once, for the first", func() []*Session {
			s1, s2, s3 := chain()
			apply(s3, day(14), done("1"))
			return []*Session{s1, s2, s3}
		}, counts{OnTime: 1}, map[string]counts{"s1": {OnTime: 1}, "s2": {}, "s3": {}}},

		{"done there too", func() []*Session {
			s1, s2, s3 := chain()
			apply(s3, day(14), done("1"))
			apply(s2, day(14), done("1"))
			apply(s1, day(14), done("1"))
			return []*Session{s1, s2, s3}
		}, counts{OnTime: 1}, map[string]counts{"s1": {OnTime: 1}, "s2": {}, "s3": {}}},

		{"done after its due date in a later session is late", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddCommitment{Text: "x", Due: "2026-11-25"})
			s2 := apply(carried(session("s2", 7), s1, 7), day(7), done("1"))
			return []*Session{s1, s2}
		}, counts{Late: 1}, map[string]counts{"s1": {Late: 1}, "s2": {}}},

		{"still open at the end of the chain, and overdue", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddCommitment{Text: "x", Due: "2026-11-25"})
			return []*Session{s1, carried(session("s2", 7), s1, 7)}
		}, counts{Open: 1, Overdue: 1}, map[string]counts{"s1": {Open: 1, Overdue: 1}, "s2": {}}},

		{"dropped copy", func() []*Session {
			s1, s2, _ := chain()
			apply(s2, day(7), SetCommitmentStatus{ID: "1", Status: CommitmentDropped})
			return []*Session{s1, s2}
		}, counts{Dropped: 1}, map[string]counts{"s1": {Dropped: 1}, "s2": {}}},

		{"a session of the team that carried nothing counts its own", func() []*Session {
			s1, s2, s3 := chain()
			other := apply(session("other", 3), day(3), AddCommitment{Text: "book a room"})
			apply(other, day(4), done("1"))
			apply(s3, day(14), AddCommitment{Text: "new in s3"})
			return []*Session{s1, s2, s3, other}
		}, counts{OnTime: 1, Open: 2}, map[string]counts{"s1": {Open: 1}, "s2": {}, "s3": {Open: 1}, "other": {OnTime: 1}}},

		{"a copy whose source is not given counts for its own session", func() []*Session {
			_, s2, s3 := chain()
			apply(s3, day(14), done("1"))
			return []*Session{s2, s3}
		}, counts{OnTime: 1}, map[string]counts{"s2": {OnTime: 1}, "s3": {}}},

		{"a copy whose source is a tension there counts for its own session", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddTension{Text: "who decides?"})
			s2 := apply(carried(session("s2", 7), s1, 7), day(7), MoveItem{ID: "1", To: KindCommitment})
			return []*Session{s1, s2}
		}, counts{Open: 1}, map[string]counts{"s1": {}, "s2": {Open: 1}}},

		// A clock that was wrong does not make the copy the original.
		{"a copy made in a session dated before its source", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddCommitment{Text: "x"})
			s2 := apply(carried(session("s2", -3), s1, -3), day(-3), done("1"))
			return []*Session{s1, s2}
		}, counts{OnTime: 1}, map[string]counts{"s1": {OnTime: 1}, "s2": {}}},
		{"an older session carried further than a newer one did", func() []*Session {
			// s1 → s2 → s3, and s1 → s4, the latest, which stays open.
			s1, s2, s3 := chain()
			apply(s3, day(14), done("1"))
			s4 := carried(session("s4", 20), s1, 20)
			return []*Session{s1, s2, s3, s4}
		}, counts{Open: 1}, map[string]counts{"s1": {Open: 1}, "s2": {}, "s3": {}, "s4": {}}},

		// Two sessions both carried the same item: one item, whose fate is
		// that of the copy in the later session.
		{"two sessions carry the same item, the later one done", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddCommitment{Text: "x"})
			s2 := carried(session("s2", 7), s1, 7)
			s3 := apply(carried(session("s3", 8), s1, 8), day(8), done("1"))
			return []*Session{s1, s2, s3}
		}, counts{OnTime: 1}, map[string]counts{"s1": {OnTime: 1}, "s2": {}, "s3": {}}},
		{"two sessions carry the same item, the later one open", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddCommitment{Text: "x"})
			s2 := apply(carried(session("s2", 7), s1, 7), day(7), done("1"))
			s3 := carried(session("s3", 8), s1, 8)
			return []*Session{s1, s2, s3}
		}, counts{Open: 1}, map[string]counts{"s1": {Open: 1}, "s2": {}, "s3": {}}},
		{"one session holds two copies of the same item", func() []*Session {
			s1 := apply(session("s1", 0), day(0), AddCommitment{Text: "x"})
			s2 := carried(session("s2", 7), s1, 7)
			dup := s2.Commitments[0]
			dup.ID = "99"
			s2.Commitments = append(s2.Commitments, dup)
			return []*Session{s1, s2}
		}, counts{Open: 1}, map[string]counts{"s1": {Open: 1}, "s2": {}}},

		// Links that go round (hand-edited files) are counted once and end.
		{"two sessions carrying from each other", func() []*Session {
			a := apply(session("a", 0), day(0), AddCommitment{Text: "x"})
			b := apply(session("b", 7), day(7), AddCommitment{Text: "x"})
			a.Commitments[0].CarriedFrom, a.Commitments[0].CarriedID = "b", "1"
			b.Commitments[0].CarriedFrom, b.Commitments[0].CarriedID = "a", "1"
			apply(b, day(7), done("1"))
			return []*Session{a, b}
		}, counts{OnTime: 1}, map[string]counts{"a": {OnTime: 1}, "b": {}}},
		{"a commitment carried from itself", func() []*Session {
			a := apply(session("a", 0), day(0), AddCommitment{Text: "x"})
			a.Commitments[0].CarriedFrom, a.Commitments[0].CarriedID = "a", "1"
			return []*Session{a}
		}, counts{Open: 1}, map[string]counts{"a": {Open: 1}}},
		{"a loop of three with a copy hanging off it", func() []*Session {
			a := apply(session("a", 0), day(0), AddCommitment{Text: "x"})
			b := apply(session("b", 1), day(1), AddCommitment{Text: "x"})
			c := apply(session("c", 2), day(2), AddCommitment{Text: "x"})
			a.Commitments[0].CarriedFrom, a.Commitments[0].CarriedID = "c", "1"
			b.Commitments[0].CarriedFrom, b.Commitments[0].CarriedID = "a", "1"
			c.Commitments[0].CarriedFrom, c.Commitments[0].CarriedID = "b", "1"
			d := apply(carried(session("d", 3), b, 3), day(3), SetCommitmentStatus{ID: "1", Status: CommitmentDropped})
			return []*Session{a, b, c, d}
		}, counts{Dropped: 1}, map[string]counts{"a": {Dropped: 1}, "b": {}, "c": {}, "d": {}}},

		{"the same session given twice, and a nil one", func() []*Session {
			s1, s2, _ := chain()
			return []*Session{s1, nil, s2, s1, s2.Clone()}
		}, counts{Open: 1}, map[string]counts{"s1": {Open: 1}, "s2": {}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.sessions()
			// Any order gives the same counts.
			orders := [][]*Session{in, slices.Clone(in)}
			slices.Reverse(orders[1])
			if len(in) > 2 {
				orders = append(orders, append(slices.Clone(in[1:]), in[0]))
			}
			for _, order := range orders {
				total, per := TeamFollowThrough(order, today)
				if total != tt.total || !reflect.DeepEqual(per, tt.perSession) {
					t.Fatalf("got %+v %+v\nwant %+v %+v", total, per, tt.total, tt.perSession)
				}
				sum := 0
				for _, c := range per {
					sum += c.Total()
				}
				if sum != total.Total() {
					t.Fatalf("the sessions add up to %d, the total is %d", sum, total.Total())
				}
			}
		})
	}
}
