package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/sessions"
)

// rateAll rates every outcome of the workshop in s: a spread of scores, one
// skipped, two with the group's notes.
func rateAll(t testing.TB, s *model.Session, at time.Time, outcomes int) {
	t.Helper()
	w := testWorkshop(t)
	for i, o := range w.Outcomes[:outcomes] {
		var cmd model.Command = model.Rate{Outcome: o.Key, Label: o.Label, Score: 1 + (i*3+2)%5}
		if i == 9 {
			cmd = model.SkipOutcome{Outcome: o.Key, Label: o.Label}
		}
		apply(t, s, at, cmd)
	}
	apply(t, s, at,
		model.NoteOutcome{Outcome: w.Outcomes[12].Key, Text: "Decisions still get made before the meeting."},
		model.NoteOutcome{Outcome: w.Outcomes[0].Key, Text: "Better since the budget is shared."},
	)
}

// checkHistory saves four earlier sessions of the fixture's team, a month
// apart: one without the check, one rating an outcome the workshop has
// since dropped, and scores that move.
func checkHistory(t testing.TB, st *sessions.Store) {
	t.Helper()
	w := testWorkshop(t)
	for k := 4; k >= 1; k-- {
		at := t0.Add(-time.Duration(k) * 30 * 24 * time.Hour)
		s, err := model.NewSession(fmt.Sprintf("2026-%02d-22-harbor-%d", 11-k, k), "Monthly partnership", "Harbor Team", "Ana", w.Plans(), at)
		if err != nil {
			t.Fatal(err)
		}
		if k != 2 { // that month, no check
			for i, o := range w.Outcomes {
				apply(t, s, at, model.Rate{Outcome: o.Key, Label: o.Label, Score: 1 + (i+k)%5})
			}
		}
		if k == 4 {
			apply(t, s, at, model.Rate{Outcome: "shared-meals", Label: "We eat together now and then", Score: 4})
		}
		if err := st.Create(s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGoldenCheck(t *testing.T) {
	states := []struct {
		name  string
		rated int // outcomes rated before the check opens
		keys  []string
		want  string
	}{
		{"half-done", 11, []string{"h"}, "10 of 22 rated · 1 skipped"},
		{"results", 22, []string{"h", "tab"}, "Weakest first"},
		{"trend", 22, []string{"h", "tab", "tab"}, "Overall average"},
	}
	for _, sc := range states {
		for _, size := range [][2]int{{80, 24}, {160, 45}} {
			t.Run(fmt.Sprintf("%s/%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) { rateAll(t, s, t0.Add(50*time.Minute), sc.rated) }, sessions.WithSaveBeforeShown())
				checkHistory(t, f.store)
				a := drive(t, sized(f.soleApp(), size[0], size[1]), sc.keys...)
				view := a.View()
				if !strings.Contains(view, sc.want) {
					t.Fatalf("no %q on screen:\n%s", sc.want, view)
				}
				checkFits(t, view, size[0], size[1])
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

func TestCheckRatesMovesAndResumes(t *testing.T) {
	f := newFixture(t, t0, nil)
	w := f.workshop
	a := drive(t, sized(f.soleApp(), 100, 30), "h", "4", "3", "s", "5")
	s := f.owner.Current().Session
	want := []struct {
		score   int
		skipped bool
	}{{4, false}, {3, false}, {0, true}, {5, false}}
	for i, wt := range want {
		r, ok := s.RatingOf(w.Outcomes[i].Key)
		if !ok || r.Score != wt.score || r.Skipped != wt.skipped || r.Label != w.Outcomes[i].Label {
			t.Errorf("outcome %d: %+v, want score %d skipped %v", i+1, r, wt.score, wt.skipped)
		}
	}
	if checkOf(a).sel != 4 {
		t.Errorf("picked outcome %d after four answers, want the fifth", checkOf(a).sel+1)
	}
	a = drive(t, a, "up", "up", "2")
	if r, _ := f.owner.Current().Session.RatingOf(w.Outcomes[2].Key); r.Score != 2 || r.Skipped {
		t.Errorf("changing an answer: %+v", r)
	}
	// Another screen opening the check starts where the group stopped.
	b := drive(t, sized(f.app(model.RoleNotes), 100, 30), "h")
	if checkOf(b).sel != 4 || !strings.Contains(b.View(), "4 of 22 rated") {
		t.Errorf("the note-taker's check starts at %d:\n%s", checkOf(b).sel+1, b.View())
	}
	// The note-taker rates too; the owner keeps both screens' answers.
	drive(t, b, "1")
	if r, _ := f.owner.Current().Session.RatingOf(w.Outcomes[4].Key); r.Score != 1 {
		t.Errorf("the note-taker's rating: %+v", r)
	}
}

func TestCheckNoteAndRefusals(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := drive(t, sized(f.soleApp(), 100, 30), "h", "n")
	if a.input == nil || a.input.action.ID != actions.OutcomeNote {
		t.Fatal("n did not open the note box")
	}
	a = drive(t, a, "We are getting there", "enter")
	r, _ := f.owner.Current().Session.RatingOf(f.workshop.Outcomes[0].Key)
	if r.Note != "We are getting there" || r.Answered() {
		t.Errorf("note %+v: a note alone is no answer", r)
	}
	if !strings.Contains(a.View(), "Note: We are getting there") {
		t.Errorf("the note is not shown:\n%s", a.View())
	}
	v := drive(t, sized(f.app(model.RoleViewer), 100, 30), "h", "3")
	if len(f.owner.Current().Session.Ratings) != 1 || !strings.Contains(v.View(), "not") || checkOf(v).sel != 0 {
		t.Errorf("a viewer rated, or was not told why not:\n%s", v.View())
	}
}

func TestCheckWeakestToTheBoard(t *testing.T) {
	f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) { rateAll(t, s, t0, 22) })
	a := drive(t, sized(f.soleApp(), 120, 40), "h", "tab", "t")
	s := f.owner.Current().Session
	if len(s.Tensions) != 1 || !strings.Contains(s.Tensions[0].Text, "is at 1 of 5") {
		t.Fatalf("t made no tension of the weakest: %+v", s.Tensions)
	}
	a = drive(t, a, "j", "c")
	if a.input == nil || a.input.action.ID != actions.Commitment || !strings.HasPrefix(a.input.value(), "Work on “") {
		t.Fatalf("c did not open the commitment box with the outcome's words")
	}
	a = drive(t, a, "@Dana due:2026-12-15", "enter")
	s = f.owner.Current().Session
	if len(s.Commitments) != 1 || s.Commitments[0].Owner != "Dana" || s.Commitments[0].Due.String() != "2026-12-15" {
		t.Fatalf("commitment %+v", s.Commitments)
	}
	if a.input != nil || a.screenShown() != checkScreen {
		t.Errorf("after saving, the results should be in front again")
	}
	// t again on the same outcome adds no second tension; b shows the board.
	a = drive(t, a, "k", "t", "b")
	if s := f.owner.Current().Session; len(s.Tensions) != 1 {
		t.Errorf("t twice made %d tensions", len(s.Tensions))
	}
	if a.screenShown() != boardScreen {
		t.Errorf("b in the check did not show the board")
	}
}

func TestCheckKeepsDroppedOutcomesAsTheyWere(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.Rate{Outcome: "shared-meals", Label: "We eat together now and then", Score: 4})
	})
	a := drive(t, sized(f.soleApp(), 100, 40), "h")
	for range 22 {
		a = drive(t, a, "3")
	}
	if checkOf(a).part != checkResults {
		t.Fatalf("the last listed outcome rated did not show the results")
	}
	a = drive(t, a, "shift+tab", "down", "down", "5")
	r, _ := f.owner.Current().Session.RatingOf("shared-meals")
	if r.Score != 4 || !strings.Contains(a.View(), "no longer asks") {
		t.Errorf("an outcome the workshop dropped was rated again (%+v), or not said why not:\n%s", r, a.View())
	}
}

func TestCheckEverySizeFits(t *testing.T) {
	f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) { rateAll(t, s, t0, 22) })
	checkHistory(t, f.store)
	base := f.app(model.RoleFacilitator)
	for _, keys := range [][]string{{"h"}, {"h", "tab"}, {"h", "tab", "tab"}, {"h", "n"}} {
		a := drive(t, base, keys...)
		for _, size := range [][2]int{{1, 1}, {20, 6}, {40, 12}, {80, 24}, {120, 40}, {200, 60}, {300, 90}} {
			checkFits(t, sized(a, size[0], size[1]).View(), size[0], size[1])
		}
	}
}

// TestGoldenBrowserTrend is the team view of the browser: a team of five
// sessions, four of them with the check, its trend a line in the detail
// and, with h, every outcome.
func TestGoldenBrowserTrend(t *testing.T) {
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkHistory(t, st)
	w := testWorkshop(t)
	s, err := model.NewSession("2026-11-22-harbor-now", "Monthly partnership", "Harbor Team", "Ana", w.Plans(), t0)
	if err != nil {
		t.Fatal(err)
	}
	rateAll(t, s, t0, 22)
	if err := st.Create(s); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			list := loaded(t, rootApp(t, st, size[0], size[1]))
			if v := list.View(); size[1] > 24 && !strings.Contains(v, "Partnership check ") {
				t.Errorf("the team's detail has no check line:\n%s", v)
			}
			trend, _ := rootKeys(t, list, "h")
			view := normalizeDir(trend.View(), st.Dir())
			if !strings.Contains(view, "Partnership trend: Harbor Team") || !strings.Contains(view, "Overall average") {
				t.Fatalf("h did not show the trend:\n%s", view)
			}
			checkFits(t, view, size[0], size[1])
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// TestQuickKeysKeepTheirOrder: keys pressed faster than the owner answers
// reach it in the order they were pressed, so a changed answer is the one
// kept.
func TestQuickKeysKeepTheirOrder(t *testing.T) {
	for range 20 {
		f := newFixture(t, t0, nil)
		a := sized(f.soleApp(), 100, 30)
		a = drive(t, a, "h")
		var cmds []func() any
		for _, k := range []string{"3", "up", "5", "up", "1", "2"} {
			m, cmd := a.Update(keyMsg(k))
			a = m.(App)
			if cmd != nil {
				cmds = append(cmds, func() any { return cmd() })
			}
		}
		// The commands' tea.Cmds run at once and in any order, as
		// bubbletea runs them.
		done := make(chan struct{}, len(cmds))
		for i := len(cmds) - 1; i >= 0; i-- {
			go func() { cmds[i](); done <- struct{}{} }()
		}
		for range cmds {
			<-done
		}
		s := f.owner.Current().Session
		first, _ := s.RatingOf(f.workshop.Outcomes[0].Key)
		second, _ := s.RatingOf(f.workshop.Outcomes[1].Key)
		if first.Score != 1 || second.Score != 2 {
			t.Fatalf("first %d, second %d; want the last answers, 1 and 2", first.Score, second.Score)
		}
	}
}
