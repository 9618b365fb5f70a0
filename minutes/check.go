package minutes

import (
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
	if len(items) == 0 {
		return nil
	}
	d := &checkDoc{Rows: make([]rating, len(items))}
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
