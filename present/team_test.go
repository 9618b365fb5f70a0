package present

import (
	"strings"
	"testing"
	"time"

	"pitstop/model"
)

func TestNames(t *testing.T) {
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"Ana"}, "Ana"},
		{[]string{"Ana", "Lee"}, "Ana and Lee"},
		{[]string{"Ana", "Lee", "Sam"}, "Ana, Lee and Sam"},
	} {
		if got := Names(tt.names); got != tt.want {
			t.Errorf("Names(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

var teamDay = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// goAroundSession is at its second of three stops: at the first, Ana
// spoke for 2m30s, Lee passed and Bo was not reached; at the second, Lee
// has spoken and the others are still to be invited.
func goAroundSession(t *testing.T) *model.Session {
	t.Helper()
	s, err := model.NewSession("s1", "Kickoff", "Harbor", "", []model.StopPlan{
		{Key: "belonging", Name: "Belonging", Planned: 10 * time.Minute},
		{Key: "reflection", Name: "Reflection", Planned: 10 * time.Minute},
		{Key: "trust", Name: "Trust", Planned: 10 * time.Minute},
	}, teamDay)
	if err != nil {
		t.Fatal(err)
	}
	s.SpeakingTime = true
	at := teamDay
	for _, c := range []model.Command{
		model.SetRoster{Names: []string{"Ana", "Lee", "Bo"}}, model.StartGoAround{}, model.MarkTurn{Name: "Lee", Passed: true},
		model.MarkTurn{Name: "Ana"}, model.NextStop{}, model.MarkTurn{Name: "Lee"},
	} {
		at = at.Add(75 * time.Second)
		if _, err := s.ApplyAs(model.Facilitator, c, at); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	return s
}

func TestGoAroundReached(t *testing.T) {
	s := goAroundSession(t)
	for _, tt := range []struct {
		name, stop string
		status     model.Status
		want       string
	}{
		{"a stop left with someone not reached", "belonging", model.StatusInProgress, "The go-around did not reach Bo before the room moved on."},
		{"the stop the room is at", "reflection", model.StatusInProgress, "The go-around has not reached Ana and Bo yet."},
		{"the last stop of a closed session", "reflection", model.StatusClosed, "The go-around did not reach Ana and Bo before the room moved on."},
		{"a stop without the go-around", "trust", model.StatusInProgress, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s.Status = tt.status
			got := GoAroundReached(s, tt.stop)
			if got != tt.want {
				t.Errorf("%q, want %q", got, tt.want)
			}
			if strings.Contains(got, "Lee") || strings.Contains(got, "pass") {
				t.Errorf("%q names who passed", got)
			}
		})
	}
	mustMark(t, s, model.MarkTurn{Name: "Ana"}, model.MarkTurn{Name: "Bo", Passed: true})
	if got := GoAroundReached(s, "reflection"); got != "Everyone was invited to speak." {
		t.Errorf("everyone invited: %q", got)
	}
}

func mustMark(t *testing.T, s *model.Session, cmds ...model.Command) {
	t.Helper()
	for _, c := range cmds {
		if _, err := s.ApplyAs(model.Facilitator, c, teamDay.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSpeakingTimes(t *testing.T) {
	s := goAroundSession(t)
	if got := SpeakingTimes(s, "belonging"); got != "Ana 1m15s" {
		t.Errorf("belonging: %q (a pass has no speaking time)", got)
	}
	s.Roster = []string{"Bo", "Lee", "Ana"}
	s.Turns = append(s.Turns, model.Turn{Stop: "belonging", Name: "Gone", Spoke: 1, Spent: time.Minute}, model.Turn{Stop: "belonging", Name: "Bo", Spoke: 1, Spent: 2 * time.Minute})
	if got := SpeakingTimes(s, "belonging"); got != "Bo 2m, Ana 1m15s, Gone 1m" {
		t.Errorf("in roster order, then the rest: %q", got)
	}
	if got := SpeakingTimes(s, "trust"); got != "" {
		t.Errorf("no time kept: %q", got)
	}
}

func TestNormAndDefinitionDates(t *testing.T) {
	today := model.DateOf(teamDay.AddDate(0, 0, 14))
	s := goAroundSession(t)
	week := func(n int) time.Time { return teamDay.AddDate(0, 0, 7*n) }
	for _, step := range []struct {
		at  time.Time
		cmd model.Command
	}{
		{week(0), model.MakeNorm{Text: "We start on time"}},
		{week(0), model.MakeNorm{Text: "Phones down"}},
		{week(0), model.Define{Concept: "Respect", Text: "We let each other\nfinish"}},
		{week(1), model.EditNorm{ID: "n1", Text: "We start and end on time"}},
		{week(1), model.RetireNorm{ID: "n2"}},
		{week(1), model.Define{Concept: "respect", Text: "We ask before we assume"}},
		{week(2), model.RetireNorm{ID: "n2", Restore: true}},
	} {
		if _, err := s.ApplyAs(model.Facilitator, step.cmd, step.at); err != nil {
			t.Fatalf("%T: %v", step.cmd, err)
		}
	}
	for _, c := range []struct{ got, want string }{
		{NormDates(s.Norms[0], today), "since 22 Nov, reworded 29 Nov"},
		{NormDates(s.Norms[1], today), "since 22 Nov, stood again 6 Dec"},
		{DefinitionDates(s.Definitions[0], today), "since 22 Nov, reworded 29 Nov"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	if _, err := s.ApplyAs(model.Facilitator, model.RetireNorm{ID: "n2"}, week(2)); err != nil {
		t.Fatal(err)
	}
	if got := NormDates(s.Norms[1], today); got != "since 22 Nov, stood again 6 Dec, retired 6 Dec" {
		t.Errorf("a retired norm: %q", got)
	}
}

func TestTurnsAtNextUpAndHeard(t *testing.T) {
	s := goAroundSession(t)
	if got := TurnsAt(s, "belonging"); got != "Ana spoke · Lee passed" {
		t.Errorf("belonging: %q", got)
	}
	mustMark(t, s, model.MarkTurn{Name: "Lee"})
	if got := TurnsAt(s, "reflection"); got != "Lee spoke twice" {
		t.Errorf("reflection, twice: %q", got)
	}
	mustMark(t, s, model.MarkTurn{Name: "Lee"}, model.MarkTurn{Name: "Bo", Passed: true})
	if got := TurnsAt(s, "reflection"); got != "Lee spoke 3 times · Bo passed" {
		t.Errorf("reflection, three times: %q", got)
	}
	if got := TurnsAt(s, "trust"); got != "" {
		t.Errorf("a stop with no turns: %q", got)
	}
	for order, want := range map[string]string{"": "", "Ana": "Next: Ana", "Ana Bo Lee": "Next: Ana, then Bo"} {
		if got := NextUp(strings.Fields(order)); got != want {
			t.Errorf("NextUp(%q) = %q, want %q", order, got, want)
		}
	}
	for n, want := range map[int]string{0: "not heard yet", 1: "heard once", 2: "heard 2 times", 7: "heard 7 times"} {
		if got := Heard(n); got != want {
			t.Errorf("Heard(%d) = %q, want %q", n, got, want)
		}
	}
}
