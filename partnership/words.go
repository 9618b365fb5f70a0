package partnership

import (
	"strconv"
	"strings"

	"pitstop/model"
	"pitstop/present"
)

// Bar draws a score as a bar w cells wide, filled in proportion: "███░░"
// for 3 of 5 at width 5. It reads without colour; the number goes beside.
func Bar(score, w int) string {
	if w <= 0 {
		return ""
	}
	filled := min(w, max(0, score*w/model.MaxScore))
	return strings.Repeat("█", filled) + strings.Repeat("░", w-filled)
}

// levels are the sparkline's glyphs for the scores 1 to 5; a session with
// no score is a dot, so a gap is seen as one.
var levels = [...]string{"·", "▁", "▃", "▄", "▆", "█"}

// Gap is the sparkline's mark for a session with no score.
const Gap = "·"

// Spark draws scores (1 to 5, 0 for none) as a sparkline of at most w
// cells, one per session; when there are more sessions than cells it
// keeps the latest, after a "…".
func Spark(scores []int, w int) string {
	if w <= 0 {
		return ""
	}
	var b strings.Builder
	if len(scores) > w {
		b.WriteString("…")
		scores = scores[len(scores)-(w-1):]
	}
	for _, v := range scores {
		b.WriteString(levels[min(max(v, 0), model.MaxScore)])
	}
	return b.String()
}

// SparkAverage draws the overall average series (tenths, see
// AverageSeries) as Spark does, each average rounded to a whole score.
func SparkAverage(tenths []int, w int) string {
	scores := make([]int, len(tenths))
	for i, t := range tenths {
		scores[i] = (t + 5) / 10
	}
	return Spark(scores, w)
}

// Tenths writes a score in tenths (35) as "3.5".
func Tenths(t int) string { return strconv.Itoa(t/10) + "." + strconv.Itoa(t%10) }

// Change says how a series moved from its first score to its last: "+1",
// "−2", "same", or "once" when it was scored in one session only, ""
// when never. tenths is set for the average series.
func Change(s Series, tenths bool) string {
	c, ok := s.Change()
	if !ok {
		if s.Rated() == 1 {
			return "once"
		}
		return ""
	}
	n := strconv.Itoa(abs(c))
	if tenths {
		n = Tenths(abs(c))
	}
	switch {
	case c > 0:
		return "+" + n
	case c < 0:
		return "−" + n
	}
	return "same"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// FirstLast says a series' first and last scores: "3 → 2", "4" when
// scored once, "—" when never.
func FirstLast(s Series, tenths bool) string {
	first, ok := s.First()
	if !ok {
		return "—"
	}
	last, _ := s.Last()
	say := strconv.Itoa
	if tenths {
		say = Tenths
	}
	if s.Rated() == 1 {
		return say(last)
	}
	return say(first) + " → " + say(last)
}

// Sentence says one result in words, for the line mode: "No hidden
// agendas, no unwritten rules, 2 of 5, down from 3 last session." col is
// the session's column in the trend (-1 when it is not in one); lead,
// such as "Weakest", starts the sentence when given.
func Sentence(it Item, t Trend, col int, lead string, today model.Date) string {
	s := it.Label + ", " + present.Score(it.Rating)
	if lead != "" {
		s = lead + ": " + s
	}
	if !it.Scored() || col < 0 {
		return s + "."
	}
	series, _ := t.Of(it.Key)
	before, at, ok := series.Before(col)
	if !ok {
		return s + ", the first time it is rated."
	}
	when := t.When(at, col, today)
	switch {
	case before > it.Rating.Score:
		return s + ", down from " + strconv.Itoa(before) + " " + when + "."
	case before < it.Rating.Score:
		return s + ", up from " + strconv.Itoa(before) + " " + when + "."
	}
	return s + ", the same as " + when + "."
}

// Column finds the session with this id among the trend's columns, or -1.
func (t Trend) Column(id string) int {
	for i, c := range t.Columns {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// When says when the session of column at was, seen from column col:
// "last session" when it is the one before, else "on Tuesday 3 November".
func (t Trend) When(at, col int, today model.Date) string {
	if at == col-1 {
		return "last session"
	}
	return "on " + present.SpokenDate(model.DateOf(t.Columns[at].Created), today)
}

// AverageTenths rounds an average to tenths (3.45 is 35), the one rounding
// of every average shown: the check's, the trend's and the minutes'.
func AverageTenths(avg float64) int { return int(avg*10 + 0.5) }

// AverageText says an average score: "3.4 of 5".
func AverageText(avg float64) string {
	return Tenths(AverageTenths(avg)) + " of " + strconv.Itoa(model.MaxScore)
}

// notAsked marks an outcome some session rated that the workshop no
// longer lists.
const notAsked = " (no longer asked)"

// Name is the outcome's label, marked when the workshop no longer asks it.
func (it Item) Name() string {
	if it.Listed {
		return it.Label
	}
	return it.Label + notAsked
}

// Name is the series' label, marked when the workshop no longer asks it.
func (s Series) Name() string {
	if s.Listed {
		return s.Label
	}
	return s.Label + notAsked
}
