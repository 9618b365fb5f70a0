package model

import (
	"fmt"
	"time"
)

// CarryFrom starts this session with what the team left open last time:
// prev's open commitments and open tensions, recorded at the first stop and
// marked as carried from prev, so the facilitator can walk through them.
// prev is not changed. It returns how many items were carried. An item of
// prev that this session already carried is not carried again, so calling
// it twice with the same prev copies nothing the second time.
func (s *Session) CarryFrom(prev *Session, now time.Time) int {
	now = Stamp(now)
	first := s.Stops[0].Key
	already := map[string]bool{} // ids in prev of the items carried from it
	for _, c := range s.Commitments {
		if c.CarriedFrom == prev.ID {
			already[c.CarriedID] = true
		}
	}
	for _, t := range s.Tensions {
		if t.CarriedFrom == prev.ID {
			already[t.CarriedID] = true
		}
	}
	n := 0
	item := func(old Item) Item {
		n++
		already[old.ID] = true
		return Item{ID: s.nextID(), Stop: first, Role: old.Role, Author: old.Author, Text: old.Text, Created: now}
	}
	for _, c := range prev.Commitments {
		if c.Status != CommitmentOpen || already[c.ID] {
			continue
		}
		s.Commitments = append(s.Commitments, Commitment{
			Item: item(c.Item), Owner: c.Owner, Due: c.Due, Status: CommitmentOpen,
			CarriedFrom: prev.ID, CarriedID: c.ID,
		})
	}
	for _, t := range prev.Tensions {
		if t.Status != TensionOpen || already[t.ID] {
			continue
		}
		s.Tensions = append(s.Tensions, Tension{Item: item(t.Item), Status: TensionOpen, CarriedFrom: prev.ID, CarriedID: t.ID})
	}
	if n > 0 {
		s.Updated = now
	}
	return n
}

// Carried counts the items this session carried over from an earlier one,
// and how many of them are still open.
func (s *Session) Carried() (total, open int) {
	for _, c := range s.Commitments {
		if c.CarriedFrom != "" {
			total++
			if c.Status == CommitmentOpen {
				open++
			}
		}
	}
	for _, t := range s.Tensions {
		if t.CarriedFrom != "" {
			total++
			if t.Status == TensionOpen {
				open++
			}
		}
	}
	return total, open
}

// MarkOpened records that the facilitator opened the session now, so the
// next opening can say what changed since.
type MarkOpened struct{}

func (MarkOpened) apply(s *Session, by Actor, now time.Time) error {
	s.LastOpened = now
	return nil
}

// SinceLastOpened says what changed since the facilitator last had the
// session open: entries added after that by another role, and open
// commitments now past due. It is empty on a first opening.
func (s *Session) SinceLastOpened(role Role, today Date) (addedByOthers, pastDue int) {
	if s.LastOpened.IsZero() {
		return 0, 0
	}
	for _, it := range s.AllEntries() {
		if it.Created.After(s.LastOpened) && it.Role != string(role) {
			addedByOthers++
		}
	}
	for _, c := range s.Commitments {
		if c.Overdue(today) {
			pastDue++
		}
	}
	return addedByOthers, pastDue
}

// MarkCarriedDone marks a commitment done in the session it was carried
// from, when it was done and the room says so. It is the one change a
// closed session takes without being reopened: the record stays closed,
// and this one fact (and its last-updated time) is all that changes.
type MarkCarriedDone struct{ ID string }

func (c MarkCarriedDone) apply(s *Session, by Actor, now time.Time) error {
	cm, err := s.commitment(c.ID)
	if err != nil {
		return fmt.Errorf("that session no longer has the commitment: %w", err)
	}
	cm.Status, cm.Done = CommitmentDone, now
	return nil
}
