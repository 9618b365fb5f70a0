package partnership

import (
	"slices"
	"strings"
	"time"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// Column is one session of a team's trend, oldest first.
type Column struct {
	ID, Title string
	Created   time.Time
	Checked   bool // the group did the check in this session
}

// Series is one outcome's scores across a team's sessions: Scores[i] is
// its score in Columns[i], 0 where it has none (no check that time, the
// outcome skipped, or not in the check yet).
type Series struct {
	Key, Label string
	Listed     bool // the workshop's configuration has it now
	Scores     []int
}

// Trend is a team's partnership check across its sessions.
type Trend struct {
	Columns []Column
	Series  []Series
	// Average is the mean score of each column's scored outcomes, 0 for
	// a session with none.
	Average []float64
}

// Checked counts the sessions in which the group did the check.
func (t Trend) Checked() int {
	n := 0
	for _, c := range t.Columns {
		if c.Checked {
			n++
		}
	}
	return n
}

// TeamSessions are the listed sessions of team, oldest first, for a trend;
// current, when given, stands in for its own listing (it may be newer
// than the file) or is added, and is the last: a session looked back on
// has the trend as it stood then. Broken files and sessions dated in the
// future are left out.
func TeamSessions(list []sessions.Summary, team string, current *model.Session) []sessions.Summary {
	team = strings.TrimSpace(team)
	var out []sessions.Summary
	for _, s := range list {
		if s.Broken() || s.Future || s.Rehearsal || team == "" || !strings.EqualFold(strings.TrimSpace(s.Team), team) {
			continue
		}
		if current != nil && (s.ID == current.ID || s.Created.After(current.Created)) {
			continue
		}
		out = append(out, s)
	}
	if current != nil && (team == "" || strings.EqualFold(strings.TrimSpace(current.Team), team)) {
		out = append(out, sessions.Summarize(current, ""))
	}
	slices.SortStableFunc(out, func(a, b sessions.Summary) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// BuildTrend works out the trend of the workshop's outcomes across the
// sessions given, oldest first (see TeamSessions). Outcomes the
// configuration no longer has, but some session rated, come after the
// listed ones under the label they were last rated with.
func BuildTrend(outcomes []config.Outcome, team []sessions.Summary) Trend {
	t := Trend{Columns: make([]Column, len(team)), Average: make([]float64, len(team))}
	index := make(map[string]int, len(outcomes))
	for _, o := range outcomes {
		index[o.Key] = len(t.Series)
		t.Series = append(t.Series, Series{Key: o.Key, Label: o.Label, Listed: true, Scores: make([]int, len(team))})
	}
	for col, s := range team {
		t.Columns[col] = Column{ID: s.ID, Title: s.Title, Created: s.Created, Checked: len(s.Ratings) > 0}
		sum, n := 0, 0
		for _, r := range s.Ratings {
			i, ok := index[r.Key]
			if !ok {
				i = len(t.Series)
				index[r.Key] = i
				t.Series = append(t.Series, Series{Key: r.Key, Scores: make([]int, len(team))})
			}
			if !t.Series[i].Listed && r.Label != "" {
				t.Series[i].Label = r.Label
			}
			if r.Score >= model.MinScore && r.Score <= model.MaxScore {
				t.Series[i].Scores[col] = r.Score
				sum += r.Score
				n++
			}
		}
		if n > 0 {
			t.Average[col] = float64(sum) / float64(n)
		}
	}
	for i := range t.Series {
		if t.Series[i].Label == "" {
			t.Series[i].Label = t.Series[i].Key
		}
	}
	return t
}

// Of returns the series of the outcome with this key.
func (t Trend) Of(key string) (Series, bool) {
	for _, s := range t.Series {
		if s.Key == key {
			return s, true
		}
	}
	return Series{}, false
}

// Rated counts the sessions in which the outcome was scored.
func (s Series) Rated() int {
	n := 0
	for _, v := range s.Scores {
		if v > 0 {
			n++
		}
	}
	return n
}

// First and Last are the outcome's earliest and latest scores; ok is false
// when it was never scored.
func (s Series) First() (score int, ok bool) {
	for _, v := range s.Scores {
		if v > 0 {
			return v, true
		}
	}
	return 0, false
}

func (s Series) Last() (score int, ok bool) {
	for i := len(s.Scores) - 1; i >= 0; i-- {
		if v := s.Scores[i]; v > 0 {
			return v, true
		}
	}
	return 0, false
}

// Change is the last score less the first; ok is false unless the outcome
// was scored in two sessions at least.
func (s Series) Change() (change int, ok bool) {
	if s.Rated() < 2 {
		return 0, false
	}
	first, _ := s.First()
	last, _ := s.Last()
	return last - first, true
}

// Before is the outcome's latest score before column col, and that
// column; ok is false when it has none.
func (s Series) Before(col int) (score, at int, ok bool) {
	for i := min(col, len(s.Scores)) - 1; i >= 0; i-- {
		if s.Scores[i] > 0 {
			return s.Scores[i], i, true
		}
	}
	return 0, 0, false
}

// AverageSeries is the overall average as a series of its own, for the
// first, last and change of the whole check: scores are tenths (35 is
// 3.5) so that the arithmetic stays whole.
func (t Trend) AverageSeries() Series {
	s := Series{Key: "average", Label: "Overall average", Listed: true, Scores: make([]int, len(t.Average))}
	for i, a := range t.Average {
		s.Scores[i] = AverageTenths(a)
	}
	return s
}
