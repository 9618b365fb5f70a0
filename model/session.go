// Package model is Pit Stop's domain: a workshop session, its pit stops and
// their timers, notes, the board of agreements, tensions and commitments,
// and partnership ratings. It does no IO and knows nothing of terminals; the
// clock is passed in to every operation that needs the time.
package model

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// SchemaVersion is the version of the session file format this build writes
// and the newest it reads.
const SchemaVersion = 1

// Status says whether a session is still being run.
type Status string

// The statuses of a session.
const (
	StatusInProgress Status = "in-progress"
	StatusClosed     Status = "closed"
)

// Session is one workshop: its stops in order, what was said and what was
// decided.
type Session struct {
	Schema      int
	ID          string
	Title       string
	Team        string
	Facilitator string
	Created     time.Time
	Updated     time.Time
	Closed      time.Time // zero unless closed
	LastOpened  time.Time // when the facilitator last opened it
	Status      Status
	// Rehearsal marks a session run to practise, perhaps on a clock
	// running fast (PITSTOP_CLOCK_SPEED): its times are not the room's,
	// so it is no team's history: carry-forward and the trend leave it out.
	Rehearsal bool
	Current   int // index into Stops of the stop the room is at
	LastID    int // the last number used for a note or board item id

	Stops       []Stop
	Notes       []Note
	Agreements  []Agreement
	Tensions    []Tension
	Commitments []Commitment
	Ratings     []Rating

	// Roster is who is in the room, by first name or initials, for the
	// go-around; Turns is each one's part in it, stop by stop.
	Roster []string
	Turns  []Turn

	// What the team keeps from session to session: its standing norms
	// and what it means by its concepts (see team.go). LastNorm is the
	// last number used for a norm's id.
	Norms       []Norm
	Definitions []Definition
	LastNorm    int

	// Room is what the participants' page brought in and nobody has
	// settled yet: held notes and open questions. Never saved.
	Room Room
	// SpeakingTime: the go-around keeps how long each person spoke (the
	// host sets it from the config). GoAroundShown: the presenter shows
	// who is next. Neither is saved.
	SpeakingTime  bool
	GoAroundShown bool
	turnMark      time.Time // when the current go-around turn began

	// What each actor can undo and redo, numbered in the order the
	// changes were made; not saved.
	history map[Actor]history
	changes uint64
	undone  Undone // what the undo or redo being applied did, for its event
}

// Stop is one pit stop as run in this session.
type Stop struct {
	Key         string
	Name        string
	Planned     time.Duration
	AutoAdvance bool      // move on by itself when the planned time is up
	Entered     time.Time // when the room first reached this stop
	Left        time.Time // when the room last moved on from it
	Timer       Timer
}

// StopPlan is what a session needs to know about a stop when it is created;
// it comes from the workshop configuration.
type StopPlan struct {
	Key         string
	Name        string
	Planned     time.Duration
	AutoAdvance bool
}

// Errors that operations return. Callers compare with errors.Is; the
// messages are meant for people.
var (
	ErrEmptyText = errors.New("there is no text to save: type something first")
	ErrClosed    = errors.New("this session is closed: reopen it before changing anything")
	ErrLastStop  = errors.New("this is the last stop: close the session to finish")
	ErrFirstStop = errors.New("this is the first stop: there is none before it")
	ErrNotFound  = errors.New("no such item: it may have been deleted")
	ErrNotClosed = errors.New("this session is not closed")
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,99}$`)

// ValidID reports whether id can name a session: lower-case letters, digits
// and dashes, as they make safe file names on every system.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// NewSession starts a session at its first stop. now is truncated to the
// second, as are all times the model records, so files stay readable.
func NewSession(id, title, team, facilitator string, plans []StopPlan, now time.Time) (*Session, error) {
	if !ValidID(id) {
		return nil, fmt.Errorf("%q cannot name a session: use lower-case letters, digits and dashes", id)
	}
	title, err := label("title", title, true)
	if err != nil {
		return nil, err
	}
	if team, err = label("team", team, false); err != nil {
		return nil, err
	}
	if facilitator, err = label("facilitator", facilitator, false); err != nil {
		return nil, err
	}
	if len(plans) == 0 {
		return nil, errors.New("a session needs at least one stop")
	}
	now = Stamp(now)
	s := &Session{
		Schema: SchemaVersion, ID: id, Title: title, Team: team, Facilitator: facilitator,
		Created: now, Updated: now, Status: StatusInProgress,
	}
	seen := map[string]bool{}
	for _, p := range plans {
		if p.Key == "" || seen[p.Key] {
			return nil, fmt.Errorf("stop key %q is empty or used twice", p.Key)
		}
		if p.Planned <= 0 {
			return nil, fmt.Errorf("stop %q needs a planned time above zero", p.Key)
		}
		seen[p.Key] = true
		s.Stops = append(s.Stops, Stop{Key: p.Key, Name: p.Name, Planned: p.Planned.Round(time.Second), AutoAdvance: p.AutoAdvance})
	}
	s.Stops[0].Entered = now
	return s, nil
}

// Stamp is the form in which the model records an instant: whole seconds.
func Stamp(t time.Time) time.Time { return t.Truncate(time.Second) }

// CurrentStop is the stop the room is at.
func (s *Session) CurrentStop() *Stop { return &s.Stops[s.Current] }

// StopIndex returns the position of the stop with this key, or -1.
func (s *Session) StopIndex(key string) int {
	for i := range s.Stops {
		if s.Stops[i].Key == key {
			return i
		}
	}
	return -1
}

// IsClosed reports whether the session has been closed.
func (s *Session) IsClosed() bool { return s.Status == StatusClosed }

// Remaining is the planned time left at a stop as of now; negative once the
// stop has run over.
func (st Stop) Remaining(now time.Time) time.Duration {
	return st.Planned - st.Timer.Elapsed(now)
}

// PlannedTotal is the planned time of every stop together.
func (s *Session) PlannedTotal() time.Duration {
	var d time.Duration
	for _, st := range s.Stops {
		d += st.Planned
	}
	return d
}

// SpentTotal is the time every stop's timer has run, as of now.
func (s *Session) SpentTotal(now time.Time) time.Duration {
	var d time.Duration
	for _, st := range s.Stops {
		d += st.Timer.Elapsed(now)
	}
	return d
}

// Clone returns a deep copy that shares nothing mutable with s, so that a
// snapshot can be handed to other goroutines.
func (s *Session) Clone() *Session {
	c := *s
	c.Stops = append([]Stop(nil), s.Stops...)
	c.Notes = append([]Note(nil), s.Notes...)
	c.Agreements = append([]Agreement(nil), s.Agreements...)
	c.Tensions = append([]Tension(nil), s.Tensions...)
	c.Commitments = append([]Commitment(nil), s.Commitments...)
	c.Ratings = append([]Rating(nil), s.Ratings...)
	c.Room = s.Room.clone()
	c.Roster = slices.Clip(s.Roster)
	c.Turns = slices.Clip(s.Turns)
	c.Norms = slices.Clip(s.Norms)
	c.Definitions = slices.Clip(s.Definitions)
	// Each history is only ever appended to past its length or cut, never
	// changed in place, so the copy can share them.
	if s.history != nil {
		c.history = make(map[Actor]history, len(s.history))
		for a, h := range s.history {
			c.history[a] = h
		}
	}
	return &c
}

// Problem is what Validate found wrong with a session read from outside,
// and where: the table and entry of the file it is in (the file's own key
// names, such as Table "note", Index 3, Field "text"), so that the reader
// can give the line and column.
type Problem struct {
	Table string // "" for the top level; else "stop", "note", "agreement", "tension", "commitment", "rating", "turn", "norm" or "definition"
	Index int    // which entry of Table, from 0
	Field string // the key within it ("version[1].text" within a norm, "roster[2]" at the top); "" for the entry as a whole
	Msg   string
}

func (p *Problem) Error() string { return p.Msg }

// Validate checks a session read from outside (a file) for what the model
// relies on and for the limits typing has: known status, stops with keys
// and sane times, a current stop in range, entries with unique ids and
// text of an allowed size that name stops that exist; and the go-around's
// roster and turns, the team's norms and definitions (see validateTeam).
// The error is a *Problem.
func (s *Session) Validate() error {
	top := func(field, format string, args ...any) error {
		return &Problem{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if !ValidID(s.ID) {
		return top("id", "id %q is not a valid session id: use lower-case letters, digits and dashes", s.ID)
	}
	for _, f := range []struct{ key, v string }{{"title", s.Title}, {"team", s.Team}, {"facilitator", s.Facilitator}} {
		if len(f.v) > MaxLabelBytes {
			return top(f.key, "the %s is too long (%d bytes; at most %d)", f.key, len(f.v), MaxLabelBytes)
		}
	}
	if s.Title == "" {
		return top("title", "the session has no title")
	}
	if s.Status != StatusInProgress && s.Status != StatusClosed {
		return top("status", "status %q is not one of %q or %q", s.Status, StatusInProgress, StatusClosed)
	}
	if len(s.Stops) == 0 {
		return top("", "the session has no stops")
	}
	seen := map[string]bool{}
	for i, st := range s.Stops {
		at := func(field, format string, args ...any) error {
			return &Problem{Table: "stop", Index: i, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		if st.Key == "" || seen[st.Key] {
			return at("key", "stop key %q is empty or used twice", st.Key)
		}
		if len(st.Name) > MaxLabelBytes {
			return at("name", "the name of stop %q is too long (%d bytes; at most %d)", st.Key, len(st.Name), MaxLabelBytes)
		}
		if st.Planned <= 0 || st.Planned > MaxPlanned {
			return at("planned", "stop %q needs a planned time above zero and at most %v", st.Key, MaxPlanned)
		}
		if st.Timer.Accumulated < 0 {
			return at("elapsed", "stop %q has a negative elapsed time", st.Key)
		}
		if st.Timer.Accumulated > MaxElapsed {
			return at("elapsed", "stop %q has run for longer than Pit Stop counts (%v; at most %v)", st.Key, st.Timer.Accumulated, MaxElapsed)
		}
		seen[st.Key] = true
	}
	if s.Current < 0 || s.Current >= len(s.Stops) {
		return top("current_stop", "the current stop is out of range")
	}
	if n := s.Entries(); n > MaxEntries {
		return top("", "the session holds %d notes and board items; Pit Stop keeps at most %d in one session", n, MaxEntries)
	}
	ids := map[string]bool{}
	check := func(table string, i int, it Item) error {
		at := func(field, format string, args ...any) error {
			return &Problem{Table: table, Index: i, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		if it.ID == "" || ids[it.ID] {
			return at("id", "%s id %q is empty or used twice", table, it.ID)
		}
		ids[it.ID] = true
		if it.Text == "" {
			return at("text", "%s %s has no text", table, it.ID)
		}
		if len(it.Text) > MaxTextBytes {
			return at("text", "the text of %s %s is too long (%d bytes; at most %d)", table, it.ID, len(it.Text), MaxTextBytes)
		}
		for _, f := range []struct{ key, v string }{{"role", it.Role}, {"author", it.Author}} {
			if len(f.v) > MaxLabelBytes {
				return at(f.key, "the %s of %s %s is too long", f.key, table, it.ID)
			}
		}
		if it.Stop != "" && !seen[it.Stop] {
			return at("stop", "%s %s names stop %q, which this session does not have", table, it.ID, it.Stop)
		}
		return nil
	}
	for i, n := range s.Notes {
		if err := check("note", i, n.Item); err != nil {
			return err
		}
		if len(n.Said) > MaxLabelBytes {
			return &Problem{Table: "note", Index: i, Field: "said", Msg: "the name of who said note " + n.ID + " is too long"}
		}
	}
	for i, a := range s.Agreements {
		if err := check("agreement", i, a.Item); err != nil {
			return err
		}
		if err := a.Kept.validate(); err != nil {
			return &Problem{Table: "agreement", Index: i, Msg: fmt.Sprintf("agreement %s: %v", a.ID, err)}
		}
	}
	for i, t := range s.Tensions {
		if err := check("tension", i, t.Item); err != nil {
			return err
		}
		switch t.Status {
		case TensionOpen, TensionResolved, TensionDropped:
		default:
			return &Problem{Table: "tension", Index: i, Field: "status", Msg: fmt.Sprintf("tension %s has status %q; use %q, %q or %q", t.ID, t.Status, TensionOpen, TensionResolved, TensionDropped)}
		}
		if err := t.Kept.validate(); err != nil {
			return &Problem{Table: "tension", Index: i, Msg: fmt.Sprintf("tension %s: %v", t.ID, err)}
		}
	}
	for i, c := range s.Commitments {
		if err := check("commitment", i, c.Item); err != nil {
			return err
		}
		switch c.Status {
		case CommitmentOpen, CommitmentDone, CommitmentDropped:
		default:
			return &Problem{Table: "commitment", Index: i, Field: "status", Msg: fmt.Sprintf("commitment %s has status %q; use %q, %q or %q", c.ID, c.Status, CommitmentOpen, CommitmentDone, CommitmentDropped)}
		}
		if len(c.Owner) > MaxLabelBytes {
			return &Problem{Table: "commitment", Index: i, Field: "owner", Msg: "the owner of commitment " + c.ID + " is too long"}
		}
		if err := c.Kept.validate(); err != nil {
			return &Problem{Table: "commitment", Index: i, Msg: fmt.Sprintf("commitment %s: %v", c.ID, err)}
		}
	}
	if len(s.Ratings) > MaxEntries {
		return top("", "the session holds %d ratings; at most %d", len(s.Ratings), MaxEntries)
	}
	rated := map[string]bool{}
	for i, r := range s.Ratings {
		switch {
		case r.Outcome == "":
			return &Problem{Table: "rating", Index: i, Field: "outcome", Msg: "a rating names no outcome"}
		case rated[r.Outcome]:
			return &Problem{Table: "rating", Index: i, Field: "outcome", Msg: fmt.Sprintf("outcome %q is rated twice; keep one of the two", r.Outcome)}
		case r.Score != 0 && !r.Scored():
			return &Problem{Table: "rating", Index: i, Field: "score", Msg: fmt.Sprintf("rating of %q is %d; ratings go from %d to %d", r.Outcome, r.Score, MinScore, MaxScore)}
		case r.Skipped && r.Score != 0:
			return &Problem{Table: "rating", Index: i, Field: "skipped", Msg: fmt.Sprintf("outcome %q is both skipped and scored %d; keep one", r.Outcome, r.Score)}
		case len(r.Label) > MaxLabelBytes:
			return &Problem{Table: "rating", Index: i, Field: "label", Msg: fmt.Sprintf("the label of outcome %q is too long", r.Outcome)}
		case len(r.Note) > MaxTextBytes:
			return &Problem{Table: "rating", Index: i, Field: "note", Msg: fmt.Sprintf("the note on outcome %q is too long", r.Outcome)}
		case slices.ContainsFunc(r.Room[:], func(n int) bool { return n < 0 || n > MaxEntries }):
			return &Problem{Table: "rating", Index: i, Field: "room", Msg: fmt.Sprintf("the room's counts for outcome %q must be whole numbers from 0 to %d", r.Outcome, MaxEntries)}
		}
		rated[r.Outcome] = true
	}
	return s.validateTeam(seen)
}

// RaiseLastID makes sure the next id given is above every numeric id in
// use. A file edited by hand may hold a last_id below its entries' ids;
// giving out one of those again would make Pit Stop's own save break the
// file.
func (s *Session) RaiseLastID() {
	s.raiseLastNorm() // and the same of norms' numbers
	for _, it := range s.AllEntries() {
		if n, err := strconv.Atoi(it.ID); err == nil && n > s.LastID {
			s.LastID = n
		}
	}
}

// label cleans and checks a one-line field.
func label(name, v string, required bool) (string, error) {
	v = CleanLabel(v)
	if required && v == "" {
		return "", fmt.Errorf("the %s is empty: give it a few words", name)
	}
	if len(v) > MaxLabelBytes {
		return "", fmt.Errorf("the %s is too long (%d bytes; at most %d)", name, len(v), MaxLabelBytes)
	}
	return v, nil
}

// text cleans and checks the text of a note or board item.
func text(v string) (string, error) {
	v = CleanText(v)
	if v == "" {
		return "", ErrEmptyText
	}
	if len(v) > MaxTextBytes {
		return "", fmt.Errorf("the text is too long (%d bytes; at most %d): split it into several entries", len(v), MaxTextBytes)
	}
	return v, nil
}
