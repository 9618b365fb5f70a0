package minutes

import (
	"slices"
	"strconv"
	"strings"

	"pitstop/config"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
)

// checkDoc is the session's partnership check as the minutes show it: the
// answered outcomes from weakest to strongest, the skipped ones after, then
// those the group only wrote a note on.
type checkDoc struct {
	Progress string // "21 of 22 rated · 1 skipped"
	Average  string // "3.4 of 5", or "" when nothing is scored
	Rows     []rating
	HasNotes bool // some row has a note: the note column is shown
	// Room is the room's revealed answers, outcome by outcome: counts
	// per score, never one person's answers.
	Room []roomRow
}

// roomRow is the room's answers to one outcome.
type roomRow struct {
	Outcome        string
	Counts         []scoreCount
	Answers        string // "12"
	Median, Spread string
	Agreement      string // how the room is divided, when it is, or ""
}

// scoreCount is how many gave one score, with the bar's share of the
// widest (0 to 100) for the HTML minutes.
type scoreCount struct {
	Score, Count, Width int
}

type rating struct{ Outcome, Score, Note string }

// buildCheck works out the check from the workshop's outcomes (w may be
// nil) and the session's ratings; nil when there is nothing to show.
func buildCheck(w *config.Workshop, ratings []model.Rating) *checkDoc {
	var outcomes []config.Outcome
	if w != nil {
		outcomes = w.Outcomes
	}
	c := partnership.New(outcomes, ratings)
	items := c.Results()
	for _, it := range c.Items {
		if !it.Answered() && strings.TrimSpace(it.Rating.Note) != "" {
			items = append(items, it)
		}
	}
	room := roomRows(c)
	if len(items) == 0 && len(room) == 0 {
		return nil
	}
	d := &checkDoc{Rows: make([]rating, len(items)), Room: room}
	for i, it := range items {
		label := it.Name()
		// Without outcomes to go by, every outcome is unlisted, and saying
		// so of each would say nothing.
		if len(outcomes) == 0 {
			label = it.Label
		}
		note := strings.TrimSpace(it.Rating.Note)
		d.Rows[i] = rating{Outcome: label, Score: present.Score(it.Rating), Note: note}
		d.HasNotes = d.HasNotes || note != ""
	}

	p := c.Progress()
	if p.Total == 0 {
		// No outcomes to count against: count what was answered.
		for _, it := range items {
			switch {
			case it.Scored():
				p.Scored++
			case it.Answered():
				p.Skipped++
			}
		}
		d.Progress = strconv.Itoa(p.Scored) + " rated"
		if p.Skipped > 0 {
			d.Progress += " · " + strconv.Itoa(p.Skipped) + " skipped"
		}
	} else {
		d.Progress = p.String()
	}
	if avg, ok := c.Average(); ok {
		d.Average = partnership.AverageText(avg)
	}
	return d
}

// Summary is the sentence above the check's table.
func (c *checkDoc) Summary() string {
	s := c.Progress
	if c.Average != "" {
		s += "; average " + c.Average
	}
	return s + ". Weakest first; each outcome is scored from " + strconv.Itoa(model.MinScore) + " to " + strconv.Itoa(model.MaxScore) + "."
}

// roomRows are the outcomes the room answered, in the check's order.
func roomRows(c partnership.Check) []roomRow {
	var rows []roomRow
	for _, it := range c.Items {
		counts := it.Rating.Room
		if counts.N() == 0 {
			continue
		}
		most := max(1, slices.Max(counts[:]))
		r := roomRow{Outcome: it.Label, Answers: strconv.Itoa(counts.N()), Median: present.Median(counts.Median()), Spread: present.RoomSpread(counts), Agreement: present.RoomSplit(counts)}
		for i, n := range counts {
			r.Counts = append(r.Counts, scoreCount{Score: i + model.MinScore, Count: n, Width: n * 100 / most})
		}
		rows = append(rows, r)
	}
	return rows
}

// RoomLead is the sentence above the room's answers.
func (c *checkDoc) RoomLead() string {
	return "Answers from the participants' phones, counted per score: only the counts are kept. The score above is the one the group agreed on, if it set one."
}
