package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"pitstop/model"
	"pitstop/ui/bigfont"
)

// timerStates are the states a stop's timer can be in, each as a session
// built at t0 and the clock it is looked at by.
var timerStates = []struct {
	name  string
	now   time.Duration
	build func(t testing.TB, s *model.Session)
}{
	{"ready", 0, nil},
	{"running", 4*time.Minute + 12*time.Second, func(t testing.TB, s *model.Session) { apply(t, s, t0, model.StartTimer{}) }},
	{"paused", 6 * time.Minute, func(t testing.TB, s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
		apply(t, s, t0.Add(5*time.Minute), model.ToggleTimer{})
	}},
	{"low", 13*time.Minute + 30*time.Second, func(t testing.TB, s *model.Session) { apply(t, s, t0, model.StartTimer{}) }},
	{"over", 17*time.Minute + 13*time.Second, func(t testing.TB, s *model.Session) { apply(t, s, t0, model.StartTimer{}) }},
}

// roomBoard puts on the board what a room has agreed and taken on by the
// first stop's end: one commitment past its day.
func roomBoard(t testing.TB, s *model.Session) {
	apply(t, s, t0,
		model.AddAgreement{Text: "We name tension when we feel it."},
		model.AddAgreement{Text: "The most affected are at the table before we decide."},
		model.AddCommitment{Text: "Share the notes with everyone", Owner: "Dana", Due: "2026-11-25"},
		model.AddCommitment{Text: "Call the council about the data MOU", Owner: "Ana K", Due: "2026-11-20"},
		model.AddCommitment{Text: "Find a room for December"},
	)
}

// presenterApp is the facilitator's screen in the presenter view at w×h.
func presenterApp(t testing.TB, f *fixture, w, h int) App {
	t.Helper()
	a := sized(f.soleApp(), w, h)
	m, _ := a.Update(keyMsg("p"))
	a = m.(App)
	if a.screenShown() != presenterScreen {
		t.Fatal("p did not open the presenter view")
	}
	return a
}

func TestGoldenPresenter(t *testing.T) {
	for _, st := range timerStates {
		for _, size := range [][2]int{{80, 24}, {160, 45}, {200, 60}, {240, 67}} {
			t.Run(fmt.Sprintf("%s/%dx%d", st.name, size[0], size[1]), func(t *testing.T) {
				f := newFixture(t, t0.Add(st.now), func(s *model.Session) {
					roomBoard(t, s)
					if st.build != nil {
						st.build(t, s)
					}
				})
				view := presenterApp(t, f, size[0], size[1]).View()
				checkFits(t, view, size[0], size[1])
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// The room sees the stop's name in large letters, the timer and one
// prompt; never the facilitator's hint nor the notes.
func TestPresenterShowsWhatTheRoomNeeds(t *testing.T) {
	f := newFixture(t, t0.Add(5*time.Minute), func(s *model.Session) {
		roomBoard(t, s)
		apply(t, s, t0, model.StartTimer{}, model.AddNote{Text: "a private remark"})
	})
	hint := f.workshop.Stops[0].Hint
	prompts := f.workshop.Stops[0].Prompts
	for _, size := range [][2]int{{80, 24}, {200, 60}, {300, 80}} {
		view := presenterApp(t, f, size[0], size[1]).View()
		if strings.Contains(view, hint[:30]) || strings.Contains(view, "a private remark") {
			t.Errorf("%dx%d: the hint or a note is projected:\n%s", size[0], size[1], view)
		}
		if !strings.Contains(view, prompts[0][:30]) || strings.Contains(view, prompts[1][:30]) {
			t.Errorf("%dx%d: not the first prompt alone:\n%s", size[0], size[1], view)
		}
		if size[0] >= 200 {
			// At a projector's size the letters are at least five rows tall.
			big := bigfont.Render("BELONGING", 1)[0]
			if !strings.Contains(view, strings.Repeat("█", 2*5)) || !strings.Contains(strings.ReplaceAll(view, "██", "█"), big[:5]) {
				t.Errorf("%dx%d: the name is not drawn large:\n%s", size[0], size[1], view)
			}
		}
	}
}

// ←/→ go through the prompts, round; another stop starts at its first.
func TestPresenterPrompts(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := presenterApp(t, f, 120, 40)
	prompts := f.workshop.Stops[0].Prompts
	for i, k := range []string{"right", "right", "right", "left"} {
		m, _ := a.Update(keyMsg(k))
		a = m.(App)
		want := []int{1, 2, 0, 2}[i]
		if v := a.View(); !strings.Contains(v, prompts[want][:25]) || !strings.Contains(v, fmt.Sprintf("Prompt %d of %d", want+1, len(prompts))) {
			t.Fatalf("after %s: not prompt %d:\n%s", k, want+1, v)
		}
	}
	if err := f.owner.Do(model.NextStop{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, f, "the next stop", func(s *model.Session) bool { return s.Current == 1 })
	m, _ := a.Update(sessionUpdatedMsg{update: f.owner.Current(), from: a.session})
	if v := m.(App).View(); !strings.Contains(v, "Prompt 1 of") || !strings.Contains(v, f.workshop.Stops[1].Prompts[0][:25]) {
		t.Fatalf("another stop does not start at its first prompt:\n%s", v)
	}
	m, _ = m.(App).Update(keyMsg("p"))
	if m.(App).screenShown() != stopScreen {
		t.Fatal("p again does not go back")
	}
}

// The viewer's screen is the presenter view; the facilitator can put the
// hint away in the stop view, and the config can put it away from the
// start.
func TestViewerSeesThePresenterAndTheHintHides(t *testing.T) {
	f := newFixture(t, t0, nil)
	if v := sized(f.app(model.RoleViewer), 120, 40); v.screenShown() != presenterScreen {
		t.Fatal("a viewer does not start in the presenter view")
	}
	hint := f.workshop.Stops[0].Hint[:30]
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	if !strings.Contains(a.View(), hint) {
		t.Fatal("no hint in the facilitator's view")
	}
	m, _ := a.Update(keyMsg("i"))
	if strings.Contains(m.(App).View(), hint) {
		t.Fatal("i does not hide the hint")
	}
	m, _ = m.(App).Update(keyMsg("i"))
	if !strings.Contains(m.(App).View(), hint) {
		t.Fatal("i again does not bring the hint back")
	}
	f.workshop.Display.Hint = false
	if strings.Contains(sized(f.app(model.RoleFacilitator), 120, 40).View(), hint) {
		t.Fatal("hint = false in the config still shows it")
	}
}

// Nothing moves as the timer changes state: the timer's lines start in the
// same column and are as wide, ready, running, paused, low and over.
func TestPresenterTimerDoesNotJump(t *testing.T) {
	col := -1
	for _, st := range timerStates {
		f := newFixture(t, t0.Add(st.now), func(s *model.Session) {
			if st.build != nil {
				st.build(t, s)
			}
		})
		view := presenterApp(t, f, 200, 60).View()
		lines := strings.Split(view, "\n")
		at := -1
		for _, l := range lines {
			if strings.Contains(l, "░") || strings.Contains(l, "▓") || strings.Contains(l, "█░") {
				at = strings.IndexAny(l, "░▓█")
				break
			}
		}
		if at < 0 {
			t.Fatalf("%s: no progress bar:\n%s", st.name, view)
		}
		if col >= 0 && at != col {
			t.Errorf("%s: the timer starts at byte %d, before at %d", st.name, at, col)
		}
		col = at
	}
}

// BenchmarkPresenterView draws the presenter view on a projector, the
// timer a second on each time: at most 1 ms, and at 200x60 no more than
// 1.5 times BenchmarkStopView/100.
func BenchmarkPresenterView(b *testing.B) {
	for _, size := range [][2]int{{200, 60}, {300, 80}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			s := benchSession(b, 100)
			roomBoard(b, s)
			a, nextSecond := benchAppWithClock(b, s, size[0], size[1])
			m, _ := a.Update(keyMsg("p"))
			a = m.(App)
			if v := a.View(); !strings.Contains(v, "Prompt 1 of") {
				b.Fatalf("not the presenter view:\n%s", v)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				nextSecond() // a new frame every time: the timer has moved on
				_ = a.View()
			}
		})
	}
}
