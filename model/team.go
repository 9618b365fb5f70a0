package model

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// What a team keeps from one session to the next: its standing norms
// (agreements it chose to live by), and what it means by the concepts it
// works with (respect, trust, dignity). Both carry forward to every later
// session of the team, with every change dated, so a later session can
// read how the team's words changed. A norm is retired, never deleted.

// Limits of what a team keeps.
const (
	MaxNorms    = 200
	MaxConcepts = 50
	maxVersions = 100 // wordings kept per norm or concept; the oldest go first
)

// Version is one wording of a norm or a definition: its words, when they
// were set, and in which session.
type Version struct {
	Text    string
	At      time.Time
	Session string
}

// Norm is a standing norm of the team.
type Norm struct {
	ID       string    // "n1", "n2": the team's own numbering, kept from session to session
	Versions []Version // oldest first; the last is the norm as it stands
	Retired  time.Time // when the team retired it; zero while it stands
	// From is the agreement it was made from, in the session of its first
	// version, if any.
	From string
}

// Text is the norm's words now.
func (n Norm) Text() string { return n.Versions[len(n.Versions)-1].Text }

// Since is when the norm was first set.
func (n Norm) Since() time.Time { return n.Versions[0].At }

// Standing reports whether the norm is not retired.
func (n Norm) Standing() bool { return n.Retired.IsZero() }

// Definition is what the team means by a concept, wording by wording.
type Definition struct {
	Concept  string
	Versions []Version // oldest first
}

// Text is what the team means by the concept now.
func (d Definition) Text() string { return d.Versions[len(d.Versions)-1].Text }

// StandingNorms are the norms not retired, in the order they were made.
func (s *Session) StandingNorms() []Norm {
	var out []Norm
	for _, n := range s.Norms {
		if n.Standing() {
			out = append(out, n)
		}
	}
	return out
}

// NormsInOrder are the norms as lists show them: the standing ones in
// the order they were made, then the retired.
func (s *Session) NormsInOrder() []Norm {
	out := s.StandingNorms()
	for _, n := range s.Norms {
		if !n.Standing() {
			out = append(out, n)
		}
	}
	return out
}

// Norm finds a norm by its id.
func (s *Session) Norm(id string) (int, bool) {
	i := slices.IndexFunc(s.Norms, func(n Norm) bool { return n.ID == id })
	return i, i >= 0
}

// DefinitionOf is what the team means by concept, matched without regard
// to case.
func (s *Session) DefinitionOf(concept string) (Definition, bool) {
	i := slices.IndexFunc(s.Definitions, func(d Definition) bool { return strings.EqualFold(d.Concept, strings.TrimSpace(concept)) })
	if i < 0 {
		return Definition{}, false
	}
	return s.Definitions[i], true
}

// KeepTeamFrom starts the session with what the team keeps from its
// previous one: the norms and definitions, every wording with its date,
// and the roster, turned by one place (see RotatedRoster).
func (s *Session) KeepTeamFrom(prev *Session) {
	s.Norms = slices.Clone(prev.Norms)
	for i := range s.Norms {
		s.Norms[i].Versions = slices.Clone(s.Norms[i].Versions)
	}
	s.Definitions = slices.Clone(prev.Definitions)
	for i := range s.Definitions {
		s.Definitions[i].Versions = slices.Clone(s.Definitions[i].Versions)
	}
	s.LastNorm = prev.LastNorm
	if len(s.Roster) == 0 {
		s.Roster = prev.RotatedRoster()
	}
}

// addVersion appends a wording, forgetting the oldest beyond maxVersions
// but always keeping the first, which dates the norm. A copy: snapshots
// share the old slice.
func addVersion(vs []Version, v Version) []Version {
	out := append(slices.Clip(vs), v)
	if len(out) > maxVersions {
		out = append(out[:1:1], out[len(out)-maxVersions+1:]...)
	}
	return out
}

// MakeNorm makes a standing norm of the team: from an agreement of this
// session (Agreement, its id), or from the words given.
type MakeNorm struct{ Agreement, Text string }

func (c MakeNorm) apply(s *Session, by Actor, now time.Time) error {
	words := c.Text
	if c.Agreement != "" {
		kind, i, ok := s.Find(c.Agreement)
		if !ok || kind != KindAgreement {
			return errors.New("a norm is made from an agreement: pick one on the board")
		}
		words = s.Agreements[i].Text
	}
	words, err := text(words)
	if err != nil {
		return err
	}
	for _, n := range s.StandingNorms() {
		if strings.EqualFold(n.Text(), words) {
			return fmt.Errorf("that is already a norm of the team (%s)", n.ID)
		}
	}
	if len(s.Norms) >= MaxNorms {
		return fmt.Errorf("the team keeps at most %d norms; retire one it no longer needs first", MaxNorms)
	}
	s.LastNorm++
	n := Norm{ID: "n" + strconv.Itoa(s.LastNorm), Versions: []Version{{Text: words, At: now, Session: s.ID}}, From: c.Agreement}
	s.Norms = append(slices.Clip(s.Norms), n)
	return nil
}

// EditNorm rewords a norm; the earlier wording is kept, dated.
type EditNorm struct{ ID, Text string }

func (c EditNorm) apply(s *Session, by Actor, now time.Time) error {
	i, ok := s.Norm(c.ID)
	if !ok {
		return errNoNorm
	}
	words, err := text(c.Text)
	if err != nil {
		return err
	}
	n := s.Norms[i]
	if words == n.Text() {
		return errors.New("that is how the norm reads already")
	}
	n.Versions = addVersion(n.Versions, Version{Text: words, At: now, Session: s.ID})
	s.Norms = slices.Replace(slices.Clone(s.Norms), i, i+1, n)
	return nil
}

var errNoNorm = errors.New("no such norm: the team's norms are numbered n1, n2 and so on")

// RetireNorm retires a norm the team no longer lives by (or, with Restore,
// lets it stand again). It stays in the record, with the date.
type RetireNorm struct {
	ID      string
	Restore bool
}

func (c RetireNorm) apply(s *Session, by Actor, now time.Time) error {
	i, ok := s.Norm(c.ID)
	if !ok {
		return errNoNorm
	}
	n := s.Norms[i]
	switch {
	case c.Restore && n.Standing():
		return errors.New("that norm stands already")
	case !c.Restore && !n.Standing():
		return errors.New("that norm was retired already")
	case c.Restore:
		n.Retired = time.Time{}
		n.Versions = addVersion(n.Versions, Version{Text: n.Text(), At: now, Session: s.ID})
	default:
		n.Retired = now
	}
	s.Norms = slices.Replace(slices.Clone(s.Norms), i, i+1, n)
	return nil
}

// Define writes what the team means by a concept now; earlier wordings
// are kept, dated.
type Define struct{ Concept, Text string }

func (c Define) apply(s *Session, by Actor, now time.Time) error {
	concept, err := label("concept", c.Concept, true)
	if err != nil {
		return err
	}
	if len(concept) > maxRosterName {
		return fmt.Errorf("%q is long for a concept: a word or two, such as respect", concept)
	}
	words, err := text(c.Text)
	if err != nil {
		return err
	}
	v := Version{Text: words, At: now, Session: s.ID}
	defs := slices.Clone(s.Definitions)
	i := slices.IndexFunc(defs, func(d Definition) bool { return strings.EqualFold(d.Concept, concept) })
	switch {
	case i >= 0 && defs[i].Text() == words:
		return errors.New("that is what the team means by it already")
	case i >= 0:
		defs[i].Versions = addVersion(defs[i].Versions, v)
	case len(defs) >= MaxConcepts:
		return fmt.Errorf("the team defines at most %d concepts", MaxConcepts)
	default:
		defs = append(defs, Definition{Concept: concept, Versions: []Version{v}})
	}
	s.Definitions = defs
	return nil
}

func (MakeNorm) Kind() CommandKind   { return KindMakeNorm }
func (EditNorm) Kind() CommandKind   { return KindEditNorm }
func (RetireNorm) Kind() CommandKind { return KindRetireNorm }
func (Define) Kind() CommandKind     { return KindDefine }

func (c EditNorm) itemID() string   { return c.ID }
func (c RetireNorm) itemID() string { return c.ID }
