package model

import (
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

// Roles of the people who type into a session.
const (
	RoleFacilitator = "facilitator"
	RoleNoteTaker   = "note-taker"
)

// Item is what every note and board entry has.
type Item struct {
	ID      string
	Stop    string // key of the stop it was recorded at
	Role    string // who typed it: facilitator, note-taker, …
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
	FromTension string // id of the tension it grew out of, if any
}

// TensionStatus says whether a tension is still open.
type TensionStatus string

// The statuses of a tension.
const (
	TensionOpen     TensionStatus = "open"
	TensionResolved TensionStatus = "resolved"
)

// Tension is a disagreement or friction the group named.
type Tension struct {
	Item
	Status      TensionStatus
	ResolvedBy  string // id of the agreement that resolved it, if any
	Resolved    time.Time
	CarriedFrom string // id of the session it was carried over from
	CarriedID   string // its id in that session
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

// Rating is the group's rating of one partnership outcome.
type Rating struct {
	Outcome string // key of the outcome in the workshop configuration
	Score   int
	At      time.Time
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

// NotesAt returns the notes recorded at the stop with this key, oldest first.
func (s *Session) NotesAt(key string) []Note {
	var out []Note
	for _, n := range s.Notes {
		if n.Stop == key {
			out = append(out, n)
		}
	}
	return out
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
