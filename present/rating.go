package present

import (
	"strconv"

	"pitstop/model"
)

// Score says a rating of the partnership check: "4 of 5", "skipped", or
// "not rated yet".
func Score(r model.Rating) string {
	switch {
	case r.Scored():
		return strconv.Itoa(r.Score) + " of " + strconv.Itoa(model.MaxScore)
	case r.Skipped:
		return "skipped"
	}
	return "not rated yet"
}

// ratingSpoken says what an event did to a rating, for Announce.
func ratingSpoken(ev model.Event, after *model.Session, by string) string {
	r, _ := after.RatingOf(ev.Item)
	label := r.Label
	if label == "" {
		label = ev.Item
	}
	switch model.CommandKind(ev.Kind) {
	case model.KindSkipOutcome:
		return "Skipped " + by + ": " + label + "."
	case model.KindNoteOutcome:
		if r.Note == "" {
			return "Note taken off " + label + " " + by + "."
		}
		return "Note on " + label + " " + by + ": " + oneLine(r.Note) + "."
	}
	return "Rated " + by + ": " + label + ", " + Score(r) + "."
}
