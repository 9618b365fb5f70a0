// Package sample fills sessions with plausible content of a chosen size,
// for benchmarks, tests and the measuring scripts: one recipe, so that the
// figures they report describe the same kind of session.
package sample

import (
	"fmt"
	"time"

	"pitstop/model"
)

// Fill adds n items to s, the first at start and one every step after it:
// mostly notes (two lines each), a tenth commitments with an owner and a
// due date, and a few agreements and tensions, spread over the stops. The
// room stays at the stop it was at.
func Fill(s *model.Session, n int, start time.Time, step time.Duration) error {
	now := start
	for i := 0; i < n; i++ {
		now = now.Add(step)
		stop := s.Stops[i%len(s.Stops)].Key
		var c model.Command
		by := model.Facilitator
		switch {
		case i%10 == 9:
			by = model.Actor{Role: model.RoleNotes}
			c = model.AddCommitment{Stop: stop, Text: fmt.Sprintf("Follow up on item %d with the partners", i), Owner: "Dana", Due: "2026-12-05"}
		case i%25 == 3:
			c = model.AddAgreement{Stop: stop, Text: fmt.Sprintf("Agreement %d: we start and end on time", i)}
		case i%25 == 7:
			c = model.AddTension{Stop: stop, Text: fmt.Sprintf("Tension %d: who holds the budget?", i)}
		default:
			c = model.AddNote{Stop: stop, Text: fmt.Sprintf("Note %d: people said they felt heard when the agenda was shared early.\nA second line.", i)}
		}
		if _, err := s.ApplyAs(by, c, now); err != nil {
			return fmt.Errorf("item %d (%T): %w", i, c, err)
		}
	}
	return nil
}
