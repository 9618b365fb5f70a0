package model

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The room: what the participants send from their phones. A note from the
// room waits, held, until the facilitator or the note-taker lets it
// through (it becomes an ordinary note, with no author) or discards it (it
// leaves no trace). An outcome of the partnership check opened to the
// room takes one answer per browser until the facilitator reveals it:
// then only the counts per score are kept, in the outcome's rating.
//
// None of the room's state but the revealed counts is saved: the held
// notes and the answers live in the process that runs the session, and go
// when it ends.

// RoleParticipant is someone in the room on the participants' page: they
// send notes, which are held, and answer the check when it is opened to
// them. They have no name and no id the session keeps.
const RoleParticipant Role = "participant"

// Limits of the room.
const (
	// MaxHeld is how many notes from the room may wait at once: more than
	// a facilitator reads in a session, few enough to keep a flood out.
	MaxHeld = 500
	// DefaultMinAnswers is the fewest answers whose spread is shown: below
	// it, one person's score could be picked out.
	DefaultMinAnswers = 3
	// maxBrowserID bounds the per-browser id the participants' page sends.
	maxBrowserID = 64
)

// Room is what the participants' page has brought in and not yet settled.
// It is never saved.
type Room struct {
	Held []HeldNote // notes waiting to be let through or discarded, oldest first
	// Open lists the outcomes open to the room, in the order they were
	// opened.
	Open []RoomQuestion
	// MinAnswers is the fewest answers whose spread the reveal shows;
	// zero means DefaultMinAnswers. The host sets it from the config.
	MinAnswers int
	// answers holds each open outcome's answers by browser, so that a
	// browser answers once and may change its answer. Copied, never
	// changed in place: snapshots share it.
	answers  map[string]map[string]int
	lastHeld int
}

// HeldNote is a note from the room, not yet let through.
type HeldNote struct {
	ID   string // "r" and a number: not a session id, as it may never become an entry
	Stop string // the key of the stop the room was at when it was sent
	Text string
	At   time.Time
}

// RoomQuestion is an outcome of the check open to the room.
type RoomQuestion struct{ Outcome, Label string }

// Minimum is the fewest answers whose spread is shown.
func (r Room) Minimum() int {
	if r.MinAnswers > 0 {
		return r.MinAnswers
	}
	return DefaultMinAnswers
}

// IsOpen reports whether the outcome is open to the room.
func (r Room) IsOpen(outcome string) bool {
	return slices.ContainsFunc(r.Open, func(q RoomQuestion) bool { return q.Outcome == outcome })
}

// AnswerOf is the score a browser gave an open outcome, 0 when none.
func (r Room) AnswerOf(outcome, browser string) int { return r.answers[outcome][browser] }

// HeldNote returns the held note with this id.
func (r Room) HeldNote(id string) (HeldNote, bool) {
	i := slices.IndexFunc(r.Held, func(h HeldNote) bool { return h.ID == id })
	if i < 0 {
		return HeldNote{}, false
	}
	return r.Held[i], true
}

func (r Room) clone() Room {
	c := r
	c.Held = slices.Clip(r.Held)
	c.Open = slices.Clip(r.Open)
	return c
}

// Counts is how many of the room gave each score, Counts[0] for MinScore.
type Counts [MaxScore - MinScore + 1]int

// N is how many answered.
func (c Counts) N() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// nth is the score at position i (from 0) of the answers in order.
func (c Counts) nth(i int) int {
	for s, v := range c {
		if i < v {
			return s + MinScore
		}
		i -= v
	}
	return 0
}

// Median is the middle score, halfway between the two middle ones when
// the count is even; 0 when nobody answered.
func (c Counts) Median() float64 {
	n := c.N()
	if n == 0 {
		return 0
	}
	return float64(c.nth((n-1)/2)+c.nth(n/2)) / 2
}

// LowMedian is the lower of the two middle scores (the middle one when the
// count is odd): a whole score for the trend, which counts whole scores,
// that never rounds the room up.
func (c Counts) LowMedian() int {
	if c.N() == 0 {
		return 0
	}
	return c.nth((c.N() - 1) / 2)
}

// Range is the lowest and the highest score given.
func (c Counts) Range() (low, high int) {
	n := c.N()
	if n == 0 {
		return 0, 0
	}
	return c.nth(0), c.nth(n - 1)
}

// Split reports whether the room is of two minds: at least a third of it
// at 1 or 2 and at least a third at 4 or 5.
func (c Counts) Split() bool {
	n := c.N()
	low, high := c[0]+c[1], c[3]+c[4]
	return n > 0 && low*3 >= n && high*3 >= n
}

// TrendScore is the score a team's trend counts for this rating: the
// group's agreed score, else the room's median, else 0.
func (r Rating) TrendScore() int {
	if r.Scored() {
		return r.Score
	}
	if r.Room.N() > 0 {
		return r.Room.LowMedian()
	}
	return 0
}

// ErrTooFewAnswers is wrapped by a reveal refused because too few have
// answered.
var ErrTooFewAnswers = errors.New("too few answers to show")

// SendRoomNote is a note from the room: held until someone lets it
// through.
type SendRoomNote struct{ Text string }

func (c SendRoomNote) apply(s *Session, by Actor, now time.Time) error {
	body, err := text(c.Text)
	if err != nil {
		return err
	}
	if len(s.Room.Held) >= MaxHeld {
		return errors.New("the facilitator has many notes from the room still to read: try again in a little while")
	}
	s.Room.lastHeld++
	h := HeldNote{ID: "r" + strconv.Itoa(s.Room.lastHeld), Stop: s.CurrentStop().Key, Text: body, At: now}
	s.Room.Held = append(slices.Clip(s.Room.Held), h)
	return nil
}

var errNotHeld = errors.New("that note from the room is no longer waiting: someone has let it through or discarded it")

func (s *Session) takeHeld(id string) (HeldNote, error) {
	i := slices.IndexFunc(s.Room.Held, func(h HeldNote) bool { return h.ID == id })
	if i < 0 {
		return HeldNote{}, errNotHeld
	}
	h := s.Room.Held[i]
	s.Room.Held = slices.Delete(slices.Clone(s.Room.Held), i, i+1)
	return h, nil
}

// LetThrough makes a note from the room an ordinary note at the stop it
// was sent at, with the participant role and no author. Text, when set,
// is what to keep instead (a typo mended, a name taken out).
type LetThrough struct{ ID, Text string }

func (c LetThrough) apply(s *Session, by Actor, now time.Time) error {
	h, ok := s.Room.HeldNote(c.ID)
	if !ok {
		return errNotHeld
	}
	body := h.Text
	if c.Text != "" {
		body = c.Text
	}
	if s.StopIndex(h.Stop) < 0 {
		h.Stop = s.CurrentStop().Key
	}
	it, err := s.newItem(h.Stop, Actor{Role: RoleParticipant}, body, h.At)
	if err != nil {
		return err
	}
	if _, err := s.takeHeld(c.ID); err != nil {
		return err
	}
	s.Notes = append(s.Notes, Note{Item: it})
	return nil
}

// DiscardHeld drops a note from the room, leaving no trace.
type DiscardHeld struct{ ID string }

func (c DiscardHeld) apply(s *Session, by Actor, now time.Time) error {
	_, err := s.takeHeld(c.ID)
	return err
}

// OpenToRoom opens outcomes of the check to the room's answers, afresh:
// answers given before an outcome was last closed or revealed are gone.
type OpenToRoom struct{ Questions []RoomQuestion }

func (c OpenToRoom) apply(s *Session, by Actor, now time.Time) error {
	if len(c.Questions) == 0 {
		return errors.New("which outcome? none was named to open to the room")
	}
	open := slices.Clone(s.Room.Open)
	answers := s.Room.copyAnswers()
	for _, q := range c.Questions {
		q.Outcome, q.Label = CleanLabel(q.Outcome), CleanLabel(q.Label)
		if q.Outcome == "" || len(q.Outcome) > MaxLabelBytes || len(q.Label) > MaxLabelBytes {
			return fmt.Errorf("%q cannot name an outcome", q.Outcome)
		}
		if !s.Room.IsOpen(q.Outcome) {
			open = append(open, q)
		}
		delete(answers, q.Outcome)
	}
	s.Room.Open, s.Room.answers = open, answers
	return nil
}

// CloseToRoom stops taking answers for an outcome, or for all of them when
// Outcome is empty, and forgets the answers without showing them.
type CloseToRoom struct{ Outcome string }

func (c CloseToRoom) apply(s *Session, by Actor, now time.Time) error {
	if c.Outcome != "" && !s.Room.IsOpen(c.Outcome) {
		return errors.New("that outcome is not open to the room")
	}
	if c.Outcome == "" && len(s.Room.Open) == 0 {
		return errors.New("nothing of the check is open to the room")
	}
	s.Room.close(c.Outcome)
	return nil
}

// close takes an outcome (every outcome, for "") out of the open ones.
func (r *Room) close(outcome string) {
	answers := r.copyAnswers()
	r.Open = slices.DeleteFunc(slices.Clone(r.Open), func(q RoomQuestion) bool {
		if outcome == "" || q.Outcome == outcome {
			delete(answers, q.Outcome)
			return true
		}
		return false
	})
	r.answers = answers
}

func (r Room) copyAnswers() map[string]map[string]int {
	c := make(map[string]map[string]int, len(r.answers))
	for k, v := range r.answers {
		c[k] = v
	}
	return c
}

// AnswerRoom is one browser's answer to an open outcome; a second answer
// from the same browser replaces the first. Browser is the page's own
// per-browser id: it stays in memory, only to keep one answer per browser.
type AnswerRoom struct {
	Outcome, Browser string
	Score            int
}

func (c AnswerRoom) apply(s *Session, by Actor, now time.Time) error {
	if !s.Room.IsOpen(c.Outcome) {
		return errors.New("that question is closed: the facilitator has taken the answers in")
	}
	if c.Score < MinScore || c.Score > MaxScore {
		return fmt.Errorf("an answer goes from %d to %d", MinScore, MaxScore)
	}
	if c.Browser == "" || len(c.Browser) > maxBrowserID {
		return errors.New("this browser has no id to answer with: reload the page")
	}
	answers := s.Room.copyAnswers()
	these := make(map[string]int, len(answers[c.Outcome])+1)
	for k, v := range answers[c.Outcome] {
		these[k] = v
	}
	these[c.Browser] = c.Score
	answers[c.Outcome] = these
	s.Room.answers = answers
	return nil
}

// RevealRoom closes an outcome to the room and keeps how many gave each
// score in its rating; with Outcome empty, every open outcome with enough
// answers. Below the minimum nothing is shown, and the outcome stays open.
type RevealRoom struct{ Outcome string }

func (c RevealRoom) apply(s *Session, by Actor, now time.Time) error {
	var reveal []RoomQuestion
	for _, q := range s.Room.Open {
		if c.Outcome == "" || q.Outcome == c.Outcome {
			reveal = append(reveal, q)
		}
	}
	if len(reveal) == 0 {
		if c.Outcome == "" {
			return errors.New("nothing of the check is open to the room")
		}
		return errors.New("that outcome is not open to the room")
	}
	min, shown := s.Room.Minimum(), 0
	var fewest int = -1
	for _, q := range reveal {
		var counts Counts
		for _, score := range s.Room.answers[q.Outcome] {
			counts[score-MinScore]++
		}
		if counts.N() < min {
			if fewest < 0 || counts.N() < fewest {
				fewest = counts.N()
			}
			continue
		}
		if err := s.rating(q.Outcome, q.Label, now, func(r *Rating) { r.Room = counts }); err != nil {
			return err
		}
		s.Room.close(q.Outcome)
		shown++
	}
	if shown == 0 {
		return fmt.Errorf("%w: %s so far, and the room's answers are shown from %d up, so that nobody's score can be picked out; wait for more, or close it without showing", ErrTooFewAnswers, answersSoFar(fewest), min)
	}
	return nil
}

func answersSoFar(n int) string {
	switch n {
	case 0:
		return "no answers"
	case 1:
		return "only 1 answer"
	}
	return "only " + strconv.Itoa(n) + " answers"
}

func (SendRoomNote) Kind() CommandKind { return KindSendRoomNote }
func (LetThrough) Kind() CommandKind   { return KindLetThrough }
func (DiscardHeld) Kind() CommandKind  { return KindDiscardHeld }
func (OpenToRoom) Kind() CommandKind   { return KindOpenToRoom }
func (CloseToRoom) Kind() CommandKind  { return KindCloseToRoom }
func (AnswerRoom) Kind() CommandKind   { return KindAnswerRoom }
func (RevealRoom) Kind() CommandKind   { return KindRevealRoom }

func (c LetThrough) itemID() string  { return c.ID }
func (c DiscardHeld) itemID() string { return c.ID }

// Unsaved reports whether a command of this kind changes only what is
// never saved, so that the file need not be written again.
func Unsaved(k CommandKind) bool {
	switch k {
	case KindSendRoomNote, KindDiscardHeld, KindOpenToRoom, KindCloseToRoom, KindAnswerRoom, KindStartGoAround, KindShowGoAround:
		return true
	}
	return false
}
