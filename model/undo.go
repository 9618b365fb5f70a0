package model

import (
	"errors"
	"strconv"
	"time"
)

// ErrNothingToUndo is returned by UndoBoard when no change is left to undo.
var ErrNothingToUndo = errors.New("there is no change of yours to undo")

// maxUndo is how many changes to entries can be undone. The history lives
// with the live session and is not saved: undo is for slips made in the
// room.
const maxUndo = 200

// boardStep records how one note or board item was before a change, so the
// change can be undone: the entry is taken out of wherever it is now and,
// if it existed, put back where it was.
type boardStep struct {
	id    string
	kind  Kind // "" when the change created the entry
	index int
	value any // the Note, Agreement, Tension or Commitment as it was
}

// boardCommand is a command that changes one note or board item. boardItem
// says which (the empty id for one not made yet) and whether the command
// touches one at all.
type boardCommand interface {
	boardItem(s *Session) (id string, onBoard bool)
}

func (c AddNote) boardItem(*Session) (string, bool)               { return "", true }
func (c EditCommitment) boardItem(s *Session) (string, bool)      { return s.onBoard(c.ID) }
func (c AddAgreement) boardItem(*Session) (string, bool)          { return "", true }
func (c AddTension) boardItem(*Session) (string, bool)            { return "", true }
func (c AddCommitment) boardItem(*Session) (string, bool)         { return "", true }
func (c EditText) boardItem(s *Session) (string, bool)            { return s.onBoard(c.ID) }
func (c SetOwner) boardItem(s *Session) (string, bool)            { return s.onBoard(c.ID) }
func (c SetDue) boardItem(s *Session) (string, bool)              { return s.onBoard(c.ID) }
func (c SetCommitmentStatus) boardItem(s *Session) (string, bool) { return s.onBoard(c.ID) }
func (c ResolveTension) boardItem(s *Session) (string, bool)      { return s.onBoard(c.ID) }
func (c ReopenTension) boardItem(s *Session) (string, bool)       { return s.onBoard(c.ID) }
func (c DropTension) boardItem(s *Session) (string, bool)         { return s.onBoard(c.ID) }
func (c RemoveItem) boardItem(s *Session) (string, bool)          { return s.onBoard(c.ID) }
func (c MoveItem) boardItem(s *Session) (string, bool)            { return s.onBoard(c.ID) }

func (s *Session) onBoard(id string) (string, bool) {
	_, _, ok := s.Find(id)
	return id, ok
}

// snapshot records the board item id as it is now.
func (s *Session) snapshot(id string) boardStep {
	step := boardStep{id: id}
	if id == "" {
		return step
	}
	kind, i, ok := s.Find(id)
	if !ok {
		return step
	}
	step.kind, step.index = kind, i
	switch kind {
	case KindNote:
		step.value = s.Notes[i]
	case KindAgreement:
		step.value = s.Agreements[i]
	case KindTension:
		step.value = s.Tensions[i]
	case KindCommitment:
		step.value = s.Commitments[i]
	}
	return step
}

// remember records a change by, so that by can undo it. Each actor has
// a history of their own: the note-taker's undo never takes back what the
// facilitator did.
func (s *Session) remember(by Actor, step boardStep) {
	if step.id == "" {
		step.id = strconv.Itoa(s.LastID) // the item the command just made
	}
	h := s.undo[by]
	if len(h) >= maxUndo {
		h = append(h[:0:0], h[1:]...)
	}
	if s.undo == nil {
		s.undo = map[Actor][]boardStep{}
	}
	s.undo[by] = append(h[:len(h):len(h)], step)
}

// CanUndo reports whether by has a board change left to undo.
func (s *Session) CanUndo(by Actor) bool { return len(s.undo[by]) > 0 }

// UndoBoard undoes the sender's last change to a note or the board: a note
// or item added, edited, moved, resolved, marked done or deleted is put
// back as it was.
type UndoBoard struct{}

func (UndoBoard) apply(s *Session, by Actor, now time.Time) error {
	h := s.undo[by]
	if len(h) == 0 {
		return ErrNothingToUndo
	}
	step := h[len(h)-1]
	if kind, i, ok := s.Find(step.id); ok {
		s.removeAt(kind, i)
	}
	switch v := step.value.(type) {
	case Note:
		i := min(step.index, len(s.Notes))
		s.Notes = append(s.Notes[:i:i], append([]Note{v}, s.Notes[i:]...)...)
	case Agreement:
		i := min(step.index, len(s.Agreements))
		s.Agreements = append(s.Agreements[:i:i], append([]Agreement{v}, s.Agreements[i:]...)...)
	case Tension:
		i := min(step.index, len(s.Tensions))
		s.Tensions = append(s.Tensions[:i:i], append([]Tension{v}, s.Tensions[i:]...)...)
	case Commitment:
		i := min(step.index, len(s.Commitments))
		s.Commitments = append(s.Commitments[:i:i], append([]Commitment{v}, s.Commitments[i:]...)...)
	}
	s.undo[by] = h[: len(h)-1 : len(h)-1]
	return nil
}

// removeAt takes out the entry of this kind at position i. The slices are
// copied, never changed in place: snapshots handed out earlier share them.
func (s *Session) removeAt(kind Kind, i int) {
	switch kind {
	case KindNote:
		s.Notes = append(s.Notes[:i:i], s.Notes[i+1:]...)
	case KindAgreement:
		s.Agreements = append(s.Agreements[:i:i], s.Agreements[i+1:]...)
	case KindTension:
		s.Tensions = append(s.Tensions[:i:i], s.Tensions[i+1:]...)
	case KindCommitment:
		s.Commitments = append(s.Commitments[:i:i], s.Commitments[i+1:]...)
	}
}

// ClearHistory forgets the board changes that could be undone, as a session
// read back from its file has none.
func (s *Session) ClearHistory() { s.undo = nil }
