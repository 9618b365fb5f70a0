package model

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// ErrNothingToUndo is returned by UndoBoard when no change is left to undo.
var ErrNothingToUndo = errors.New("there is no change of yours to undo")

// ErrNothingToRedo is returned by RedoBoard when nothing undone is left to
// do again.
var ErrNothingToRedo = errors.New("there is nothing undone to do again")

// ErrChangedSince wraps the refusal of an undo or redo whose entry someone
// else has changed since: doing it would take back their work too.
var ErrChangedSince = errors.New("changed since by someone else")

// maxUndo is how many changes to entries can be undone. The history lives
// with the live session and is not saved: undo is for slips made in the
// room.
const maxUndo = 200

// entryState is one note or board item as it stands at a moment: its kind,
// its place among the entries of its kind and its value, or nothing (kind
// "") when it does not exist.
type entryState struct {
	kind  Kind
	index int
	value any // the Note, Agreement, Tension or Commitment
}

// boardStep records one change to a note or board item, so that it can be
// undone: how the entry was before the change and how the change left it.
// The change is undone only while the entry is still as the change left
// it; if someone else has changed it since, undoing would take back their
// work too.
type boardStep struct {
	id     string
	before entryState
	after  entryState
	change CommandKind // what the change was, to say what undoing it undoes
	stop   string      // the stop the entry belongs to, to say where
	seq    uint64      // orders the changes of every actor, to find who changed an entry last
}

// history is what one actor can undo and redo.
type history struct {
	undo, redo []boardStep
}

// boardCommand is a command that changes one note or board item. boardItem
// says which (the empty id for one not made yet) and whether the command
// touches one at all.
type boardCommand interface {
	boardItem(s *Session) (id string, onBoard bool)
}

func (c AddNote) boardItem(*Session) (string, bool)               { return "", true }
func (c EditCommitment) boardItem(s *Session) (string, bool)      { return s.onBoard(c.ID) }
func (c EditNote) boardItem(s *Session) (string, bool)            { return s.onBoard(c.ID) }
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

// stateOf records the entry id as it is now.
func (s *Session) stateOf(id string) entryState {
	if stop, name, isTurn := parseTurnID(id); isTurn {
		if i, ok := s.turn(stop, name); ok {
			return entryState{kind: KindTurn, index: i, value: s.Turns[i]}
		}
		return entryState{}
	}
	kind, i, ok := s.Find(id)
	if !ok {
		return entryState{}
	}
	st := entryState{kind: kind, index: i}
	switch kind {
	case KindNote:
		st.value = s.Notes[i]
	case KindAgreement:
		st.value = s.Agreements[i]
	case KindTension:
		st.value = s.Tensions[i]
	case KindCommitment:
		st.value = s.Commitments[i]
	}
	return st
}

// same reports whether two states hold the same entry, wherever it is
// among its kind.
func (e entryState) same(o entryState) bool {
	return e.kind == o.kind && reflect.DeepEqual(e.value, o.value)
}

// stopOf is the stop an entry state belongs to.
func (e entryState) stopOf() string {
	switch v := e.value.(type) {
	case Note:
		return v.Stop
	case Agreement:
		return v.Stop
	case Tension:
		return v.Stop
	case Commitment:
		return v.Stop
	case Turn:
		return v.Stop
	}
	return ""
}

// remember records a change by, so that by can undo it. Each actor has a
// history of their own: the note-taker's undo never takes back what the
// facilitator did. A new change forgets what by could redo.
func (s *Session) remember(by Actor, step boardStep) {
	if step.id == "" {
		step.id = strconv.Itoa(s.LastID) // the item the command just made
	}
	step.after = s.stateOf(step.id)
	s.changes++
	step.seq = s.changes
	step.stop = step.after.stopOf()
	if step.stop == "" {
		step.stop = step.before.stopOf()
	}
	h := s.historyOf(by)
	h.undo = pushStep(h.undo, step)
	h.redo = nil
	s.setHistory(by, h)
}

// pushStep adds a step to a history, forgetting the oldest beyond maxUndo.
// The slice is copied, never changed in place: clones share it.
func pushStep(h []boardStep, step boardStep) []boardStep {
	if len(h) >= maxUndo {
		h = h[1:]
	}
	return append(h[:len(h):len(h)], step)
}

func (s *Session) historyOf(by Actor) history {
	if s.history == nil {
		return history{}
	}
	return s.history[by]
}

func (s *Session) setHistory(by Actor, h history) {
	if s.history == nil {
		s.history = map[Actor]history{}
	}
	s.history[by] = h
}

// CanUndo reports whether by has a board change left to undo.
func (s *Session) CanUndo(by Actor) bool { return len(s.historyOf(by).undo) > 0 }

// CanRedo reports whether by has an undone change to do again.
func (s *Session) CanRedo(by Actor) bool { return len(s.historyOf(by).redo) > 0 }

// UndoBoard undoes the sender's last change to a note or the board: a note
// or item added, edited, moved, resolved, marked done or deleted is put
// back as it was. It is refused when someone else has changed the entry
// since: undoing would take back their change too.
type UndoBoard struct{}

// RedoBoard does again the sender's last undone change, on the same terms.
type RedoBoard struct{}

// Undone describes what an undo or a redo did, for the event that says so.
type Undone struct {
	ID     string      // the entry
	Change CommandKind // the change undone (or done again)
	Kind   Kind        // the entry's kind
	Stop   string      // the key of the stop it belongs to
}

func (UndoBoard) apply(s *Session, by Actor, now time.Time) error {
	_, err := s.undoLast(by, false)
	return err
}

func (RedoBoard) apply(s *Session, by Actor, now time.Time) error {
	_, err := s.undoLast(by, true)
	return err
}

// undoLast undoes by's last change (redo: does again their last undone
// one). A change the entry no longer shows is dropped from the history
// and refused with who changed it since, so that the next undo reaches
// the change before it.
func (s *Session) undoLast(by Actor, redo bool) (Undone, error) {
	h := s.historyOf(by)
	from := &h.undo
	if redo {
		from = &h.redo
	}
	if len(*from) == 0 {
		if redo {
			return Undone{}, ErrNothingToRedo
		}
		return Undone{}, ErrNothingToUndo
	}
	step := (*from)[len(*from)-1]
	*from = (*from)[: len(*from)-1 : len(*from)-1]
	now := s.stateOf(step.id)
	if !now.same(step.after) {
		s.setHistory(by, h)
		return Undone{}, s.changedSince(step, now, by, redo)
	}
	if now.kind != "" {
		s.removeAt(now.kind, now.index)
	}
	s.putBack(step.before)
	// The way back is the same step turned round.
	s.changes++
	back := boardStep{id: step.id, before: now, after: s.stateOf(step.id), change: step.change, stop: step.stop, seq: s.changes}
	if redo {
		h.undo = pushStep(h.undo, back)
	} else {
		h.redo = pushStep(h.redo, back)
	}
	s.setHistory(by, h)
	done := Undone{ID: step.id, Change: step.change, Kind: step.after.kind, Stop: step.stop}
	if done.Kind == "" {
		done.Kind = step.before.kind
	}
	s.undone = done
	return done, nil
}

// changedSince is the refusal of an undo whose entry was changed by
// someone else since.
func (s *Session) changedSince(step boardStep, now entryState, by Actor, redo bool) error {
	kind := now.kind
	if kind == "" {
		kind = step.after.kind
	}
	if kind == "" {
		kind = step.before.kind
	}
	who := "someone else"
	if a, ok := s.lastChanger(step.id); ok && a != by {
		who = a.Label()
	}
	what := "changed"
	if now.kind == "" {
		what = "deleted"
	}
	verb := "Undoing"
	if redo {
		verb = "Doing it again"
	}
	return fmt.Errorf("%w: %s has %s that %s since. %s would take back their change too, so it was not done; change it by hand if it needs to be different",
		ErrChangedSince, who, what, kind, verb)
}

// lastChanger is who made the latest change to the entry id that is still
// in someone's history.
func (s *Session) lastChanger(id string) (Actor, bool) {
	var who Actor
	var latest uint64
	for a, h := range s.history {
		for _, steps := range [][]boardStep{h.undo, h.redo} {
			for _, st := range steps {
				if st.id == id && st.seq > latest {
					who, latest = a, st.seq
				}
			}
		}
	}
	return who, latest > 0
}

// putBack puts an entry back as a state recorded it, at its place.
func (s *Session) putBack(st entryState) {
	switch v := st.value.(type) {
	case Note:
		i := min(st.index, len(s.Notes))
		s.Notes = append(s.Notes[:i:i], append([]Note{v}, s.Notes[i:]...)...)
	case Agreement:
		i := min(st.index, len(s.Agreements))
		s.Agreements = append(s.Agreements[:i:i], append([]Agreement{v}, s.Agreements[i:]...)...)
	case Tension:
		i := min(st.index, len(s.Tensions))
		s.Tensions = append(s.Tensions[:i:i], append([]Tension{v}, s.Tensions[i:]...)...)
	case Commitment:
		i := min(st.index, len(s.Commitments))
		s.Commitments = append(s.Commitments[:i:i], append([]Commitment{v}, s.Commitments[i:]...)...)
	case Turn:
		i := min(st.index, len(s.Turns))
		s.Turns = append(s.Turns[:i:i], append([]Turn{v}, s.Turns[i:]...)...)
	}
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
	case KindTurn:
		s.Turns = append(s.Turns[:i:i], s.Turns[i+1:]...)
	}
}

// ClearHistory forgets the board changes that could be undone, as a session
// read back from its file has none.
func (s *Session) ClearHistory() { s.history, s.changes, s.undone = nil, 0, Undone{} }
