package model

import (
	"fmt"
	"iter"
	"strconv"
	"time"
)

// Kind names what an entry is.
type Kind string

// The kinds of entries a session holds.
const (
	KindNote       Kind = "note"
	KindAgreement  Kind = "agreement"
	KindTension    Kind = "tension"
	KindCommitment Kind = "commitment"
)

// Item is what every note and board entry has.
type Item struct {
	ID      string
	Stop    string // key of the stop it was recorded at
	Role    string // the role of whoever typed it (see Role): facilitator, notes
	Author  string // their short name, when they had one
	Text    string
	Created time.Time
	Edited  time.Time // zero unless changed after it was recorded
}

// Note is something said at a stop. Who said it is kept only when the
// typist chose to record it: at some stops people speak more freely when
// their names do not go into a file.
type Note struct {
	Item
	Said string
}

// Agreement is something the group agreed on.
type Agreement struct {
	Item
	// FromTension says the agreement was once a tension on the board: it
	// is set when a tension moves to the agreements (or to the commitments
	// and on from there), and holds the id the tension had. Moves keep
	// ids, so that is the agreement's own id; it is empty for an agreement
	// that was never a tension. Files written before may hold the id of
	// another tension it grew out of; that is kept as it is.
	FromTension string
	Kept        Kept // what it had as a tension or a commitment
}

// TensionStatus says whether a tension is still open.
type TensionStatus string

// The statuses of a tension. A dropped tension is one the group let go
// without resolving it, as a commitment is dropped.
const (
	TensionOpen     TensionStatus = "open"
	TensionResolved TensionStatus = "resolved"
	TensionDropped  TensionStatus = "dropped"
)

// Tension is a disagreement or friction the group named.
type Tension struct {
	Item
	Status      TensionStatus
	ResolvedBy  string    // id of the agreement that resolved it, if any
	Resolved    time.Time // when it was resolved or dropped
	CarriedFrom string    // id of the session it was carried over from
	CarriedID   string    // its id in that session
	Kept        Kept      // what it had as a commitment or an agreement
}

// CommitmentStatus says where a commitment stands.
type CommitmentStatus string

// The statuses of a commitment.
const (
	CommitmentOpen    CommitmentStatus = "open"
	CommitmentDone    CommitmentStatus = "done"
	CommitmentDropped CommitmentStatus = "dropped"
)

// Commitment is someone's promise to do something, perhaps by a date.
type Commitment struct {
	Item
	Owner       string
	Due         Date
	Status      CommitmentStatus
	Done        time.Time // when it was marked done or dropped
	CarriedFrom string    // id of the session it was carried over from
	CarriedID   string    // its id in that session
	Kept        Kept      // what it had as a tension or an agreement
}

// Kept holds what a board item had as another kind and has no place for in
// the kind it is now, so that moving it back (MoveItem) restores it: a
// commitment's owner, due date and done or dropped status, a tension's
// resolution, where an agreement was carried from, and whether a tension or
// commitment was a tension before. A field is set only while the item's
// kind lacks it; the zero Kept holds nothing. Open is not kept, as it is
// what a moved item starts as.
type Kept struct {
	Owner            string           // as a commitment: who owned it
	Due              Date             // as a commitment: its due date
	CommitmentStatus CommitmentStatus // as a commitment: done or dropped; "" when it was open
	Done             time.Time        // as a commitment: when it was marked done or dropped
	TensionStatus    TensionStatus    // as a tension: resolved; "" when it was open
	ResolvedBy       string           // as a tension: id of the agreement that resolved it
	Resolved         time.Time        // as a tension: when it was resolved
	CarriedFrom      string           // as a tension or commitment: the session it was carried over from
	CarriedID        string           // its id in that session
	FromTension      string           // as an agreement: Agreement.FromTension
}

// withoutOpen forgets an open status and what goes with it: open is what a
// moved item starts as, so there is nothing to restore.
func (k Kept) withoutOpen() Kept {
	if k.CommitmentStatus != CommitmentDone && k.CommitmentStatus != CommitmentDropped {
		k.CommitmentStatus, k.Done = "", time.Time{}
	}
	if k.TensionStatus != TensionResolved && k.TensionStatus != TensionDropped {
		k.TensionStatus, k.ResolvedBy, k.Resolved = "", "", time.Time{}
	}
	return k
}

func (k Kept) validate() error {
	switch k.CommitmentStatus {
	case "", CommitmentOpen, CommitmentDone, CommitmentDropped:
	default:
		return fmt.Errorf("kept commitment status %q is not %q, %q or %q", k.CommitmentStatus, CommitmentOpen, CommitmentDone, CommitmentDropped)
	}
	switch k.TensionStatus {
	case "", TensionOpen, TensionResolved, TensionDropped:
	default:
		return fmt.Errorf("kept tension status %q is not %q, %q or %q", k.TensionStatus, TensionOpen, TensionResolved, TensionDropped)
	}
	return nil
}

// NeedsOwner reports whether nobody has taken the commitment on yet.
func (c Commitment) NeedsOwner() bool { return c.Owner == "" }

// Overdue reports whether an open commitment's due date has passed on day
// today.
func (c Commitment) Overdue(today Date) bool {
	return c.Status == CommitmentOpen && !c.Due.IsZero() && c.Due.Before(today)
}

// Rating scale of the partnership check.
const (
	MinScore = 1
	MaxScore = 5
)

// Rating is the group's answer for one partnership outcome: a score, or
// "skip", and an optional note. A rating with a note and neither is one
// the group has talked about but not yet scored.
type Rating struct {
	Outcome string // key of the outcome in the workshop configuration
	Label   string // the outcome's label when it was rated, so a trend can name an outcome the configuration has since dropped
	Score   int    // MinScore to MaxScore; 0 when skipped or not scored yet
	Skipped bool   // the group chose not to rate it
	Note    string
	At      time.Time
	// Room is how many of the room gave each score, when the outcome was
	// opened to the room and revealed: counts only, never who said what.
	Room Counts
}

// Scored reports whether the rating holds a score.
func (r Rating) Scored() bool { return r.Score >= MinScore && r.Score <= MaxScore }

// Answered reports whether the group scored or skipped the outcome: the
// check moves past it.
func (r Rating) Answered() bool { return r.Scored() || r.Skipped }

// RatingOf returns the session's rating of the outcome with this key.
func (s *Session) RatingOf(key string) (Rating, bool) {
	for _, r := range s.Ratings {
		if r.Outcome == key {
			return r, true
		}
	}
	return Rating{}, false
}

func (s *Session) nextID() string {
	s.LastID++
	return strconv.Itoa(s.LastID)
}

// Find returns the kind and position of the entry with this id.
func (s *Session) Find(id string) (Kind, int, bool) {
	for i := range s.Notes {
		if s.Notes[i].ID == id {
			return KindNote, i, true
		}
	}
	for i := range s.Agreements {
		if s.Agreements[i].ID == id {
			return KindAgreement, i, true
		}
	}
	for i := range s.Tensions {
		if s.Tensions[i].ID == id {
			return KindTension, i, true
		}
	}
	for i := range s.Commitments {
		if s.Commitments[i].ID == id {
			return KindCommitment, i, true
		}
	}
	return "", -1, false
}

// item returns a pointer to the common part of the entry with this id.
func (s *Session) item(id string) (Kind, *Item, bool) {
	kind, i, ok := s.Find(id)
	if !ok {
		return "", nil, false
	}
	switch kind {
	case KindNote:
		return kind, &s.Notes[i].Item, true
	case KindAgreement:
		return kind, &s.Agreements[i].Item, true
	case KindTension:
		return kind, &s.Tensions[i].Item, true
	default:
		return kind, &s.Commitments[i].Item, true
	}
}

// AllEntries yields every note and board item with its kind: the notes, then
// the agreements, the tensions and the commitments, each in order.
func (s *Session) AllEntries() iter.Seq2[Kind, Item] {
	return func(yield func(Kind, Item) bool) {
		for _, n := range s.Notes {
			if !yield(KindNote, n.Item) {
				return
			}
		}
		for _, a := range s.Agreements {
			if !yield(KindAgreement, a.Item) {
				return
			}
		}
		for _, t := range s.Tensions {
			if !yield(KindTension, t.Item) {
				return
			}
		}
		for _, c := range s.Commitments {
			if !yield(KindCommitment, c.Item) {
				return
			}
		}
	}
}

// Entries counts the notes and board items.
func (s *Session) Entries() int {
	return len(s.Notes) + len(s.Agreements) + len(s.Tensions) + len(s.Commitments)
}

// OpenCommitments counts the commitments still open.
func (s *Session) OpenCommitments() int {
	n := 0
	for _, c := range s.Commitments {
		if c.Status == CommitmentOpen {
			n++
		}
	}
	return n
}
