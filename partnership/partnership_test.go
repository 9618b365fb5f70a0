package partnership

import (
	"slices"
	"testing"
	"time"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

var outcomes = []config.Outcome{
	{Key: "a", Label: "Alpha", Explain: "first"},
	{Key: "b", Label: "Bravo"},
	{Key: "c", Label: "Charlie"},
	{Key: "d", Label: "Delta"},
	{Key: "e", Label: "Echo"},
}

func rated(key string, score int) model.Rating { return model.Rating{Outcome: key, Score: score} }

func keys(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Key)
	}
	return out
}

func TestResultsOrder(t *testing.T) {
	tests := []struct {
		name    string
		ratings []model.Rating
		results []string
		weakest []string
		resume  int
		prog    string
	}{
		{"none yet", nil, nil, nil, 0, "0 of 5 rated"},
		{"ties keep the check's order", []model.Rating{rated("c", 2), rated("a", 2), rated("b", 4)}, []string{"a", "c", "b"}, []string{"a", "c", "b"}, 3, "3 of 5 rated"},
		{"skips go last and are never the weakest", []model.Rating{rated("a", 5), {Outcome: "b", Skipped: true}, rated("c", 1), rated("e", 3)}, []string{"c", "e", "a", "b"}, []string{"c", "e", "a"}, 3, "3 of 5 rated · 1 skipped"},
		{"a note alone is no answer", []model.Rating{{Outcome: "a", Note: "later"}, rated("b", 3)}, []string{"b"}, []string{"b"}, 0, "1 of 5 rated"},
		{"all answered", []model.Rating{rated("a", 1), rated("b", 1), rated("c", 1), {Outcome: "d", Skipped: true}, rated("e", 2)}, []string{"a", "b", "c", "e", "d"}, []string{"a", "b", "c"}, 0, "4 of 5 rated · 1 skipped · all answered"},
		{"an outcome no longer listed is shown, not counted", []model.Rating{rated("gone", 1), rated("a", 3)}, []string{"gone", "a"}, []string{"gone", "a"}, 1, "1 of 5 rated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(outcomes, tt.ratings)
			if got := keys(c.Results()); !slices.Equal(got, tt.results) {
				t.Errorf("results = %v, want %v", got, tt.results)
			}
			if got := keys(c.Weakest(3)); !slices.Equal(got, tt.weakest) {
				t.Errorf("weakest = %v, want %v", got, tt.weakest)
			}
			if got := c.Resume(); got != tt.resume {
				t.Errorf("resume at %d, want %d", got, tt.resume)
			}
			if got := c.Progress().String(); got != tt.prog {
				t.Errorf("progress %q, want %q", got, tt.prog)
			}
		})
	}
}

func summary(id string, day int, ratings ...sessions.RatedOutcome) sessions.Summary {
	return sessions.Summary{ID: id, Title: id, Team: "Harbor", Created: time.Date(2026, 9, day, 10, 0, 0, 0, time.UTC), Ratings: ratings}
}

func ro(key string, score int) sessions.RatedOutcome {
	return sessions.RatedOutcome{Key: key, Label: "Old " + key, Score: score}
}

func TestTrendWithGaps(t *testing.T) {
	list := []sessions.Summary{
		summary("s4", 4, ro("a", 2), ro("b", 4), ro("e", 5)), // e: added to the check later
		summary("s1", 1, ro("a", 3), ro("b", 2), ro("gone", 1)),
		summary("s3", 3),                         // no check that time
		summary("s2", 2, ro("a", 3), ro("b", 0)), // b skipped
		{ID: "broken", Problem: "cannot be read", Team: "Harbor"},
		summary("other", 2, ro("a", 1)),
		summary("practice", 3, ro("a", 5)), // a rehearsal is no team's history
	}
	list[5].Team = "Another team"
	list[6].Rehearsal = true
	tr := BuildTrend(outcomes, TeamSessions(list, "harbor ", nil))
	var ids []string
	for _, c := range tr.Columns {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"s1", "s2", "s3", "s4"}) {
		t.Fatalf("columns %v: want the team's readable sessions, oldest first", ids)
	}
	if tr.Checked() != 3 {
		t.Errorf("checked %d, want 3", tr.Checked())
	}
	tests := []struct {
		key, spark, firstLast, change string
		listed                        bool
	}{
		{"a", "▄▄·▃", "3 → 2", "−1", true},
		{"b", "▃··▆", "2 → 4", "+2", true},
		{"c", "····", "—", "", true},
		{"e", "···█", "5", "once", true},
		{"gone", "▁···", "1", "once", false},
	}
	for _, tt := range tests {
		s, ok := tr.Of(tt.key)
		if !ok {
			t.Errorf("no series for %s", tt.key)
			continue
		}
		if got := Spark(s.Scores, 10); got != tt.spark || FirstLast(s, false) != tt.firstLast || Change(s, false) != tt.change || s.Listed != tt.listed {
			t.Errorf("%s: spark %q first→last %q change %q listed %v; want %q %q %q %v", tt.key, got, FirstLast(s, false), Change(s, false), s.Listed, tt.spark, tt.firstLast, tt.change, tt.listed)
		}
	}
	if s, _ := tr.Of("gone"); s.Label != "Old gone" {
		t.Errorf("a dropped outcome is named %q, want the label it was rated with", s.Label)
	}
	avg := tr.AverageSeries()
	if got := FirstLast(avg, true) + " " + Change(avg, true); got != "2.0 → 3.7 +1.7" {
		t.Errorf("average %q (%v)", got, avg.Scores)
	}
	if got := Spark([]int{1, 2, 3, 4, 5, 0, 1}, 4); got != "…█·▁" {
		t.Errorf("a long sparkline keeps the latest: %q", got)
	}
}

func TestTrendTakesTheLiveSession(t *testing.T) {
	live, err := model.NewSession("s5", "s5", "Harbor", "Ana", []model.StopPlan{{Key: "x", Name: "X", Planned: time.Minute}}, time.Date(2026, 9, 5, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	live.Ratings = []model.Rating{rated("a", 4)}
	stale := summary("s5", 5) // its file, before the ratings were saved
	later := summary("s6", 6, ro("a", 1))
	tr := BuildTrend(outcomes, TeamSessions([]sessions.Summary{summary("s1", 1, ro("a", 3)), stale, later}, "Harbor", live))
	if len(tr.Columns) != 2 || tr.Column("s5") != 1 {
		t.Fatalf("columns %+v: want the earlier session and the live one, last, not the later one", tr.Columns)
	}
	if s, _ := tr.Of("a"); !slices.Equal(s.Scores, []int{3, 4}) {
		t.Errorf("scores %v, want the live rating", s.Scores)
	}
}

func TestSentence(t *testing.T) {
	today := model.Date{Year: 2026, Month: 9, Day: 30}
	list := []sessions.Summary{
		summary("s1", 1, ro("a", 3), ro("b", 4)),
		summary("s2", 2, ro("a", 2)),
		summary("s3", 3),
		summary("s4", 4, ro("a", 2), ro("b", 5), ro("c", 3), ro("d", 0)),
	}
	tr := BuildTrend(outcomes, TeamSessions(list, "Harbor", nil))
	tests := []struct {
		it   Item
		col  int
		lead string
		want string
	}{
		{Item{Key: "a", Label: "No hidden agendas or rules", Rating: rated("a", 2)}, 1, "Weakest", "Weakest: No hidden agendas or rules, 2 of 5, down from 3 last session."},
		{Item{Key: "a", Label: "Alpha", Rating: rated("a", 2)}, 3, "", "Alpha, 2 of 5, the same as on Wednesday 2 September."},
		{Item{Key: "b", Label: "Bravo", Rating: rated("b", 5)}, 3, "Strongest", "Strongest: Bravo, 5 of 5, up from 4 on Tuesday 1 September."},
		{Item{Key: "c", Label: "Charlie", Rating: rated("c", 3)}, 3, "", "Charlie, 3 of 5, the first time it is rated."},
		{Item{Key: "d", Label: "Delta", Rating: model.Rating{Outcome: "d", Skipped: true}}, 3, "", "Delta, skipped."},
		{Item{Key: "a", Label: "Alpha", Rating: rated("a", 2)}, -1, "", "Alpha, 2 of 5."},
	}
	for _, tt := range tests {
		if got := Sentence(tt.it, tr, tt.col, tt.lead, today); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestBar(t *testing.T) {
	for _, tt := range []struct {
		score, w int
		want     string
	}{{3, 5, "███░░"}, {5, 10, "██████████"}, {1, 10, "██░░░░░░░░"}, {0, 3, "░░░"}, {4, 0, ""}} {
		if got := Bar(tt.score, tt.w); got != tt.want {
			t.Errorf("Bar(%d, %d) = %q, want %q", tt.score, tt.w, got, tt.want)
		}
	}
}
