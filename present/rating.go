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
