// Package partnership works out the partnership check: the workshop's
// outcomes with the group's answers in the order the check asks them, the
// results from weakest to strongest, and a team's trend across its
// sessions. It also says them, in words and in plain-character charts,
// once for every screen, the minutes and the line mode. It knows nothing
// of terminals.
package partnership

import (
	"slices"
	"strconv"

	"pitstop/config"
	"pitstop/model"
)

// Item is one outcome of the check with the group's answer, if any.
type Item struct {
	Key, Label, Explain string
	Rating              model.Rating // Outcome is "" while the group has not come to it
	// Listed is set when the workshop's configuration has the outcome;
	// one rated earlier and since taken out of it is shown, not listed.
	Listed bool
}

// Scored reports whether the group gave the outcome a score.
func (it Item) Scored() bool { return it.Rating.Scored() }

// Answered reports whether the group scored or skipped the outcome.
func (it Item) Answered() bool { return it.Rating.Answered() }

// Check is the partnership check of one session.
type Check struct{ Items []Item }

// New lines up the workshop's outcomes, in its order, with a session's
// ratings. Ratings of outcomes the workshop no longer lists come after,
// under the label they were rated with.
func New(outcomes []config.Outcome, ratings []model.Rating) Check {
	c := Check{Items: make([]Item, 0, len(outcomes))}
	listed := make(map[string]bool, len(outcomes))
	for _, o := range outcomes {
		listed[o.Key] = true
		it := Item{Key: o.Key, Label: o.Label, Explain: o.Explain, Listed: true}
		for _, r := range ratings {
			if r.Outcome == o.Key {
				it.Rating = r
				break
			}
		}
		c.Items = append(c.Items, it)
	}
	for _, r := range ratings {
		if !listed[r.Outcome] && (r.Answered() || r.Note != "") {
			c.Items = append(c.Items, Item{Key: r.Outcome, Label: labelOr(r.Label, r.Outcome), Rating: r})
		}
	}
	return c
}

func labelOr(label, key string) string {
	if label != "" {
		return label
	}
	return key
}

// Progress counts the answers to the listed outcomes.
type Progress struct{ Scored, Skipped, Total int }

// Progress counts how far the group has come.
func (c Check) Progress() Progress {
	var p Progress
	for _, it := range c.Items {
		if !it.Listed {
			continue
		}
		p.Total++
		switch {
		case it.Scored():
			p.Scored++
		case it.Answered():
			p.Skipped++
		}
	}
	return p
}

// Done reports whether every listed outcome is scored or skipped.
func (p Progress) Done() bool { return p.Scored+p.Skipped == p.Total }

// String says the progress: "12 of 22 rated · 1 skipped".
func (p Progress) String() string {
	s := strconv.Itoa(p.Scored) + " of " + strconv.Itoa(p.Total) + " rated"
	if p.Skipped > 0 {
		s += " · " + strconv.Itoa(p.Skipped) + " skipped"
	}
	if p.Total > 0 && p.Done() {
		s += " · all answered"
	}
	return s
}

// Resume is where the check picks up: the first listed outcome the group
// has not answered, or the first outcome when all are.
func (c Check) Resume() int {
	for i, it := range c.Items {
		if it.Listed && !it.Answered() {
			return i
		}
	}
	return 0
}

// Results are the answered outcomes from weakest to strongest: by score,
// ties in the check's order, the skipped ones last.
func (c Check) Results() []Item {
	var out []Item
	for _, it := range c.Items {
		if it.Answered() {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b Item) int {
		switch {
		case a.Scored() != b.Scored():
			if a.Scored() {
				return -1
			}
			return 1
		}
		return a.Rating.Score - b.Rating.Score
	})
	return out
}

// Weakest are the n lowest-scored outcomes, weakest first: what the room
// is offered to put on the board.
func (c Check) Weakest(n int) []Item {
	var out []Item
	for _, it := range c.Results() {
		if len(out) == n || !it.Scored() {
			break
		}
		out = append(out, it)
	}
	return out
}

// Average is the mean score of the scored outcomes; ok is false when none
// is scored.
func (c Check) Average() (avg float64, ok bool) {
	sum, n := 0, 0
	for _, it := range c.Items {
		if it.Scored() {
			sum += it.Rating.Score
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// RoomQuestions is the workshop's check as the room is asked it, for
// opening the whole check to the room.
func RoomQuestions(outcomes []config.Outcome) []model.RoomQuestion {
	qs := make([]model.RoomQuestion, len(outcomes))
	for i, o := range outcomes {
		qs[i] = model.RoomQuestion{Outcome: o.Key, Label: o.Label}
	}
	return qs
}
