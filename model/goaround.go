package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The go-around: the facilitator invites each person on the session's
// roster to speak at a stop, those heard least in the session so far
// first. A mark says someone spoke or passed; a pass is respected, never
// counted against anyone. The file keeps only counts per person per stop
// (and, when the host turns it on, how long each spoke).

// Limits of the roster.
const (
	MaxRoster     = 100 // people on one session's roster
	maxRosterName = 40  // first names or initials, not sentences
)

// Turn is one person's part in the go-around at one stop.
type Turn struct {
	Stop   string
	Name   string
	Spoke  int           // times marked as having spoken
	Passed int           // times they chose to pass
	Spent  time.Duration // how long they spoke, when speaking time is kept; else 0
}

// turnID names the turn of name at stop, for the undo history: the
// stop's key has no colon (keys are checked), so the name is all after
// the second.
func turnID(stop, name string) string { return "turn:" + stop + ":" + name }

// parseTurnID is the stop and the name in a turn's id; ok is false for
// another id.
func parseTurnID(id string) (stop, name string, ok bool) {
	rest, ok := strings.CutPrefix(id, "turn:")
	if !ok {
		return "", "", false
	}
	stop, name, _ = strings.Cut(rest, ":")
	return stop, name, true
}

// TurnName is the name in a turn's id ("" for another id).
func TurnName(id string) string {
	_, name, _ := parseTurnID(id)
	return name
}

// KindTurn is the kind an undo names for a go-around mark.
const KindTurn Kind = "turn"

// turn finds the turn of name at stop.
func (s *Session) turn(stop, name string) (int, bool) {
	i := slices.IndexFunc(s.Turns, func(t Turn) bool { return t.Stop == stop && t.Name == name })
	return i, i >= 0
}

// RosterIndex is where name is on the roster, matched without regard to
// case; -1 when it is not.
func (s *Session) RosterIndex(name string) int {
	name = strings.TrimSpace(name)
	return slices.IndexFunc(s.Roster, func(r string) bool { return strings.EqualFold(r, name) })
}

// Heard counts how many times name spoke in the session, at every stop.
func (s *Session) Heard(name string) int { return s.HeardCounts()[name] }

// HeardCounts is how many times each person spoke in the session, at
// every stop, in one pass over the turns: for a list of everyone.
func (s *Session) HeardCounts() map[string]int {
	heard := make(map[string]int, len(s.Roster))
	for _, t := range s.Turns {
		heard[t.Name] += t.Spoke
	}
	return heard
}

// TurnAt is name's turn at stop (zero when none).
func (s *Session) TurnAt(stop, name string) Turn {
	if i, ok := s.turn(stop, name); ok {
		return s.Turns[i]
	}
	return Turn{Stop: stop, Name: name}
}

// GoAround is who is still to be invited at stop, in the order to invite
// them: those who have neither spoken nor passed there, least heard in the
// session so far first, ties in roster order. (The roster turns by one
// place from one session to the next, so ties do not fall on the same
// person every time.) A pass is not counted as being heard: who passed
// at one stop is invited as early as before at the next.
func (s *Session) GoAround(stop string) []string {
	// A pass or two over the turns for everyone, rather than Heard and
	// TurnAt per name, each a pass of its own.
	heard := s.HeardCounts()
	atStop := make(map[string]Turn, len(s.Roster)) // the first turn of each name at stop, as TurnAt finds it
	for _, t := range s.Turns {
		if _, seen := atStop[t.Name]; t.Stop == stop && !seen {
			atStop[t.Name] = t
		}
	}
	type waiting struct {
		name         string
		heard, index int
	}
	var ws []waiting
	for i, name := range s.Roster {
		if t := atStop[name]; t.Spoke > 0 || t.Passed > 0 {
			continue
		}
		ws = append(ws, waiting{name, heard[name], i})
	}
	slices.SortStableFunc(ws, func(a, b waiting) int {
		return cmp.Or(cmp.Compare(a.heard, b.heard), cmp.Compare(a.index, b.index))
	})
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.name
	}
	return out
}

// Reached reports, for a stop where the go-around was used, whether
// everyone on the roster was invited (spoke or passed), and who was not.
func (s *Session) Reached(stop string) (used bool, notReached []string) {
	for _, t := range s.Turns {
		if t.Stop == stop && (t.Spoke > 0 || t.Passed > 0) {
			used = true
		}
	}
	if !used {
		return false, nil
	}
	return true, s.GoAround(stop)
}

// RotatedRoster is the roster as the team's next session starts with it:
// turned by one place, so that ties in the go-around are first broken in
// someone else's favour.
func (s *Session) RotatedRoster() []string {
	if len(s.Roster) < 2 {
		return slices.Clone(s.Roster)
	}
	return append(slices.Clone(s.Roster[1:]), s.Roster[0])
}

// SetRoster sets who is in the room, by first name or initials, in the
// order the go-around breaks ties in. Names are cleaned; one given twice
// is kept once.
type SetRoster struct{ Names []string }

func (c SetRoster) apply(s *Session, by Actor, now time.Time) error {
	var names []string
	for _, raw := range c.Names {
		name := CleanLabel(raw)
		switch {
		case name == "":
			continue
		case len(name) > maxRosterName:
			return fmt.Errorf("%q is long for a roster: first names or initials are enough (at most %d characters)", name, maxRosterName)
		case strings.Contains(name, ","):
			return errors.New("names on the roster are separated by commas, so a name cannot hold one")
		}
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) }) {
			names = append(names, name)
		}
	}
	if len(names) > MaxRoster {
		return fmt.Errorf("the roster holds at most %d names; this has %d", MaxRoster, len(names))
	}
	s.Roster = names
	return nil
}

// MarkTurn marks that someone on the roster spoke, or passed, at the
// current stop.
type MarkTurn struct {
	Name   string
	Passed bool
}

func (c MarkTurn) apply(s *Session, by Actor, now time.Time) error {
	i := s.RosterIndex(c.Name)
	if i < 0 {
		if len(s.Roster) == 0 {
			return errors.New("the go-around needs a roster: add who is in the room first (first names or initials)")
		}
		return fmt.Errorf("%q is not on the roster: %s", strings.TrimSpace(c.Name), strings.Join(s.Roster, ", "))
	}
	name, stop := s.Roster[i], s.CurrentStop().Key
	t := s.TurnAt(stop, name)
	if c.Passed {
		t.Passed++
	} else {
		t.Spoke++
		if s.SpeakingTime && !s.turnMark.IsZero() && now.After(s.turnMark) {
			t.Spent += now.Sub(s.turnMark)
		}
	}
	s.turnMark = now // the next person's turn starts now
	if j, ok := s.turn(stop, name); ok {
		s.Turns = slices.Replace(slices.Clone(s.Turns), j, j+1, t)
	} else {
		s.Turns = append(slices.Clip(s.Turns), t)
	}
	return nil
}

// StartGoAround starts the clock of the first turn at the current stop,
// when speaking time is kept; it changes nothing saved.
type StartGoAround struct{}

func (StartGoAround) apply(s *Session, by Actor, now time.Time) error {
	s.turnMark = now
	return nil
}

// ShowGoAround shows (or hides) on the presenter who is next in the
// go-around: the facilitator's choice, as the roster is the room's names.
type ShowGoAround struct{ On bool }

func (c ShowGoAround) apply(s *Session, by Actor, now time.Time) error {
	s.GoAroundShown = c.On
	return nil
}

func (SetRoster) Kind() CommandKind     { return KindSetRoster }
func (MarkTurn) Kind() CommandKind      { return KindMarkTurn }
func (StartGoAround) Kind() CommandKind { return KindStartGoAround }
func (ShowGoAround) Kind() CommandKind  { return KindShowGoAround }

// boardItem: a mark is undone like a change to an entry, through the
// turn it changed.
func (c MarkTurn) boardItem(s *Session) (string, bool) {
	i := s.RosterIndex(c.Name)
	if i < 0 {
		return "", false
	}
	return turnID(s.CurrentStop().Key, s.Roster[i]), true
}
