package model

import (
	"reflect"
	"testing"
	"time"
)

// A move between columns loses nothing: what the new kind has a place for
// comes along, the rest waits in Kept, and moving back restores it. Each
// move can be undone back to exactly the board before it.
func TestMoveItemLosesNothing(t *testing.T) {
	done, resolved, at := t0.Add(time.Hour), t0.Add(2*time.Hour), t0.Add(24*time.Hour)
	it := Item{ID: "1", Stop: "belonging", Role: string(RoleNotes), Text: "Draft the MOU", Created: t0}
	moved := it
	moved.Edited = at
	// Each kind with everything it can hold.
	commitment := Commitment{Item: it, Owner: "Dana", Due: Date{2026, 12, 5}, Status: CommitmentDone, Done: done, CarriedFrom: "s0", CarriedID: "7"}
	openCommitment := Commitment{Item: it, Owner: "Lee", Due: Date{2026, 12, 1}, Status: CommitmentOpen, CarriedFrom: "s0", CarriedID: "8"}
	tension := Tension{Item: it, Status: TensionResolved, ResolvedBy: "9", Resolved: resolved, CarriedFrom: "s0", CarriedID: "4"}
	openTension := Tension{Item: it, Status: TensionOpen, CarriedFrom: "s0", CarriedID: "5"}
	agreement := Agreement{Item: it}
	wasTension := Agreement{Item: it, FromTension: "1"}

	tests := []struct {
		name  string
		start any
		moves []Kind
		want  any
	}{
		// commitment →
		{"done commitment to agreement", commitment, []Kind{KindAgreement},
			Agreement{Item: moved, Kept: Kept{Owner: "Dana", Due: Date{2026, 12, 5}, CommitmentStatus: CommitmentDone, Done: done, CarriedFrom: "s0", CarriedID: "7"}}},
		{"done commitment to tension: open, carried along", commitment, []Kind{KindTension},
			Tension{Item: moved, Status: TensionOpen, CarriedFrom: "s0", CarriedID: "7", Kept: Kept{Owner: "Dana", Due: Date{2026, 12, 5}, CommitmentStatus: CommitmentDone, Done: done}}},
		{"open commitment to tension: open stays open", openCommitment, []Kind{KindTension},
			Tension{Item: moved, Status: TensionOpen, CarriedFrom: "s0", CarriedID: "8", Kept: Kept{Owner: "Lee", Due: Date{2026, 12, 1}}}},
		{"commitment to agreement and back", commitment, []Kind{KindAgreement, KindCommitment}, withItem(commitment, moved)},
		// Back from the tensions it keeps that it was one, for the day it
		// becomes an agreement.
		{"commitment to tension and back", commitment, []Kind{KindTension, KindCommitment}, withKept(withItem(commitment, moved), Kept{FromTension: "1"})},
		{"open commitment to tension and back", openCommitment, []Kind{KindTension, KindCommitment}, withKept(withItem(openCommitment, moved), Kept{FromTension: "1"})},
		{"commitment round the board", commitment, []Kind{KindAgreement, KindTension, KindCommitment},
			// It was a tension on the way, and says so if it becomes an
			// agreement again.
			withKept(withItem(commitment, moved), Kept{FromTension: "1"})},
		{"commitment that was a tension, as an agreement", commitment, []Kind{KindTension, KindAgreement},
			Agreement{Item: moved, FromTension: "1", Kept: Kept{Owner: "Dana", Due: Date{2026, 12, 5}, CommitmentStatus: CommitmentDone, Done: done, CarriedFrom: "s0", CarriedID: "7"}}},

		// tension →
		{"resolved tension to agreement", tension, []Kind{KindAgreement},
			Agreement{Item: moved, FromTension: "1", Kept: Kept{TensionStatus: TensionResolved, ResolvedBy: "9", Resolved: resolved, CarriedFrom: "s0", CarriedID: "4"}}},
		{"resolved tension to commitment: open, carried along", tension, []Kind{KindCommitment},
			Commitment{Item: moved, Status: CommitmentOpen, CarriedFrom: "s0", CarriedID: "4", Kept: Kept{TensionStatus: TensionResolved, ResolvedBy: "9", Resolved: resolved, FromTension: "1"}}},
		{"open tension to commitment", openTension, []Kind{KindCommitment},
			Commitment{Item: moved, Status: CommitmentOpen, CarriedFrom: "s0", CarriedID: "5", Kept: Kept{FromTension: "1"}}},
		{"tension to agreement and back", tension, []Kind{KindAgreement, KindTension}, withKept(withItem(tension, moved), Kept{FromTension: "1"})},
		{"tension to commitment and back", tension, []Kind{KindCommitment, KindTension}, withKept(withItem(tension, moved), Kept{FromTension: "1"})},
		{"tension by way of a commitment to agreement", tension, []Kind{KindCommitment, KindAgreement},
			Agreement{Item: moved, FromTension: "1", Kept: Kept{TensionStatus: TensionResolved, ResolvedBy: "9", Resolved: resolved, CarriedFrom: "s0", CarriedID: "4"}}},

		// agreement →
		{"agreement to tension", agreement, []Kind{KindTension}, Tension{Item: moved, Status: TensionOpen}},
		{"agreement to commitment", agreement, []Kind{KindCommitment}, Commitment{Item: moved, Status: CommitmentOpen}},
		{"agreement to commitment and back", agreement, []Kind{KindCommitment, KindAgreement}, Agreement{Item: moved}},
		// Once a tension, an agreement says it was one: that is true now.
		{"agreement to tension and back", agreement, []Kind{KindTension, KindAgreement}, Agreement{Item: moved, FromTension: "1"}},
		{"agreement that was a tension keeps that through a commitment", wasTension, []Kind{KindCommitment, KindAgreement}, Agreement{Item: moved, FromTension: "1"}},
		{"agreement that was a tension, as a commitment", wasTension, []Kind{KindCommitment},
			Commitment{Item: moved, Status: CommitmentOpen, Kept: Kept{FromTension: "1"}}},

		{"to its own column changes nothing", commitment, []Kind{KindCommitment}, commitment},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			// Agreement 9 resolved the tension; it stays where it is.
			nine := Agreement{Item: Item{ID: "9", Stop: "belonging", Text: "Meet monthly", Created: t0}}
			s.Agreements = []Agreement{nine}
			s.LastID = 9
			switch v := tt.start.(type) {
			case Agreement:
				s.Agreements = append(s.Agreements, v)
			case Tension:
				s.Tensions = append(s.Tensions, v)
			case Commitment:
				s.Commitments = append(s.Commitments, v)
			}
			var before [][]any
			for _, to := range tt.moves {
				before = append(before, board(s))
				if err := s.Apply(MoveItem{ID: "1", To: to}, at); err != nil {
					t.Fatalf("move to %s: %v", to, err)
				}
				if err := s.Validate(); err != nil {
					t.Fatalf("after moving to %s: %v", to, err)
				}
			}
			if got := boardItem(s, "1"); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("after %v:\n got %+v\nwant %+v", tt.moves, got, tt.want)
			}
			if !reflect.DeepEqual(s.Agreements[0], nine) {
				t.Fatalf("another item changed: %+v", s.Agreements[0])
			}
			for i := len(tt.moves) - 1; i >= 0; i-- {
				if err := s.Apply(UndoBoard{}, at); err != nil {
					t.Fatal(err)
				}
				if got := board(s); !reflect.DeepEqual(got, before[i]) {
					t.Fatalf("undoing move %d to %s:\n got %+v\nwant %+v", i+1, tt.moves[i], got, before[i])
				}
			}
		})
	}
}

// board lists every board item as it is, agreements first.
func board(s *Session) []any {
	var out []any
	for _, a := range s.Agreements {
		out = append(out, a)
	}
	for _, x := range s.Tensions {
		out = append(out, x)
	}
	for _, c := range s.Commitments {
		out = append(out, c)
	}
	return out
}

func boardItem(s *Session, id string) any {
	kind, i, ok := s.Find(id)
	if !ok {
		return nil
	}
	switch kind {
	case KindAgreement:
		return s.Agreements[i]
	case KindTension:
		return s.Tensions[i]
	case KindCommitment:
		return s.Commitments[i]
	}
	return nil
}

func withItem[T Agreement | Tension | Commitment](v T, it Item) T {
	switch x := any(&v).(type) {
	case *Agreement:
		x.Item = it
	case *Tension:
		x.Item = it
	case *Commitment:
		x.Item = it
	}
	return v
}

func withKept[T Agreement | Tension | Commitment](v T, k Kept) T {
	switch x := any(&v).(type) {
	case *Agreement:
		x.Kept = k
	case *Tension:
		x.Kept = k
	case *Commitment:
		x.Kept = k
	}
	return v
}
