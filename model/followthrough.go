package model

import (
	"cmp"
	"slices"
)

// Fate is what became of a commitment.
type Fate string

// The fates of a commitment.
const (
	FateOpen    Fate = "open"    // neither done nor dropped yet
	FateOnTime  Fate = "on-time" // done on or before its due date, or done with none
	FateLate    Fate = "late"    // done after its due date
	FateDropped Fate = "dropped" // given up
)

// Fate says what became of the commitment. The day it was done is the
// calendar day of Done in Done's own location, as the room saw it. A
// commitment with a status the model does not know is still open.
func (c Commitment) Fate() Fate {
	switch {
	case c.Status == CommitmentDropped:
		return FateDropped
	case c.Status != CommitmentDone:
		return FateOpen
	case c.Due.IsZero() || !c.Due.Before(DateOf(c.Done)):
		return FateOnTime
	}
	return FateLate
}

// FollowThrough counts commitments by what became of them.
type FollowThrough struct {
	OnTime, Late, Dropped, Open int
	// Overdue counts the open ones whose due date had passed on the day
	// asked about; they are counted in Open too.
	Overdue int
}

// Total is how many commitments were counted.
func (f FollowThrough) Total() int { return f.OnTime + f.Late + f.Dropped + f.Open }

func (f *FollowThrough) add(c Commitment, today Date) {
	switch c.Fate() {
	case FateOnTime:
		f.OnTime++
	case FateLate:
		f.Late++
	case FateDropped:
		f.Dropped++
	default:
		f.Open++
		if c.Overdue(today) {
			f.Overdue++
		}
	}
}

// TeamFollowThrough counts each commitment of a team's sessions once, at its
// latest fate: a commitment carried into a later session (a copy with
// CarriedFrom = source session id and CarriedID = source commitment id, see
// CarryFrom) is followed along the chain of copies to the last one, and
// counted for the session where it was first made. perSession maps session
// id → the counts of the commitments first made there, with an entry for
// every session given. sessions may be in any order; a copy whose source is
// not among them (or is not a commitment there) counts as made in the
// copy's own session. today says which open ones are Overdue.
//
// The last copy is one that no session carried further; where two sessions
// both carried the same item, the one in the later session (by Created,
// then id) has the newer word on it. An item carried round in a loop by
// hand-edited files, with no first copy, is counted once, for its earliest
// session, at the fate of its latest. A session given twice (the same id)
// is counted once; nil ones are skipped.
func TeamFollowThrough(sessions []*Session, today Date) (total FollowThrough, perSession map[string]FollowThrough) {
	var list []*Session
	seen := map[string]bool{}
	for _, s := range sessions {
		if s != nil && !seen[s.ID] {
			seen[s.ID] = true
			list = append(list, s)
		}
	}
	slices.SortStableFunc(list, func(a, b *Session) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})

	// Every commitment is a node, numbered in the order of its session and
	// its place there; a copy is linked to its source.
	type key struct{ session, id string }
	var nodes []*Commitment
	var home []int // index in list of each node's session
	index := map[key]int{}
	perSession = make(map[string]FollowThrough, len(list))
	for si, s := range list {
		perSession[s.ID] = FollowThrough{}
		for ci := range s.Commitments {
			k := key{s.ID, s.Commitments[ci].ID}
			if _, dup := index[k]; !dup {
				index[k] = len(nodes)
			}
			nodes = append(nodes, &s.Commitments[ci])
			home = append(home, si)
		}
	}
	// The copies of one commitment are one group (union-find); each node
	// has at most one source, so a group has at most one node without a
	// source in it — the commitment as first made — or, when the links go
	// round in a loop, none.
	group := make([]int, len(nodes))
	for n := range group {
		group[n] = n
	}
	find := func(n int) int {
		for group[n] != n {
			group[n] = group[group[n]]
			n = group[n]
		}
		return n
	}
	hasSource := make([]bool, len(nodes))
	hasCopy := make([]bool, len(nodes))
	for n, c := range nodes {
		if c.CarriedFrom == "" {
			continue
		}
		src, ok := index[key{c.CarriedFrom, c.CarriedID}]
		if !ok || src == n {
			continue
		}
		hasSource[n], hasCopy[src] = true, true
		if a, b := find(n), find(src); a != b {
			group[a] = b
		}
	}
	// Nodes go in time order, so of several candidates the one seen last is
	// the latest; a node with no source, or with no copy, is preferred to
	// one with, so that a wrong clock does not turn the chain round.
	first := map[int]int{} // group → the node first made
	last := map[int]int{}  // group → the end of the chain of copies
	for n := range nodes {
		g := find(n)
		if f, ok := first[g]; !ok || (hasSource[f] && !hasSource[n]) {
			first[g] = n
		}
		if l, ok := last[g]; !ok || !hasCopy[n] || hasCopy[l] {
			last[g] = n
		}
	}
	for g, f := range first {
		id := list[home[f]].ID
		counts := perSession[id]
		counts.add(*nodes[last[g]], today)
		perSession[id] = counts
		total.add(*nodes[last[g]], today)
	}
	return total, perSession
}
