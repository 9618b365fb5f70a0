package model

import "time"

// EventKind names what happened. Events made by commands carry the
// command's kind; the owner of a live session adds the time-driven ones.
type EventKind string

// Events that no command makes.
const (
	// EventTimeLow: the current stop's time is running short; Event.Left
	// says how much is left (five minutes, then one).
	EventTimeLow EventKind = "time-low"
	// EventTimeUp: the current stop's planned time has run out. It happens
	// once per stop and run, and every screen rings its bell for it once.
	EventTimeUp EventKind = "time-up"
	// EventJoined and EventLeft: someone attached to or left the session.
	EventJoined EventKind = "joined"
	EventLeft   EventKind = "left"
)

// Event is one thing that happened in a live session, told to every screen
// once, so that a line-mode reader or a notification can say "Note added
// by notes" without comparing snapshots.
type Event struct {
	Seq  uint64 // counts the session's events, from 1, in the order they happened
	At   time.Time
	By   Actor
	Kind EventKind
	Item string        // the id of the entry it concerns, if any
	Stop int           // the stop the room was at afterwards
	Left time.Duration // time left at the stop, for EventTimeLow
	// Undid says what an undo (or a redo) undid (did again).
	Undid Undone
}

// Is reports whether the event was made by a command of this kind.
func (e Event) Is(k CommandKind) bool { return e.Kind == EventKind(k) }
