package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"pitstop/model"
	"pitstop/sessions"
)

// screens are the states the golden files pin down.
var screens = []struct {
	name  string
	now   time.Duration // the app's clock, after t0
	build func(t testing.TB, s *model.Session)
	wait  string
}{
	{"first-stop", 0, nil, "STOP 1 OF 7"},
	{"running", 4*time.Minute + 12*time.Second, func(t testing.TB, s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
		applyAs(t, s, model.Facilitator, t0.Add(time.Minute), model.AddNote{Text: "We began with a round of names."})
		applyAs(t, s, noteTaker, t0.Add(3*time.Minute), model.AddNote{Said: "Dana", Text: "Belonging starts with being expected, not just invited."})
	}, "running"},
	{"low", 13*time.Minute + 30*time.Second, func(t testing.TB, s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
	}, "nearly time"},
	{"overtime", 17*time.Minute + 13*time.Second, func(t testing.TB, s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
	}, "time to wrap up"},
	{"thirty-notes", 10 * time.Minute, func(t testing.TB, s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
		applyAs(t, s, noteTaker, t0.Add(time.Minute), notes(30)...)
	}, "Notes at this stop (30)"},
	{"third-stop-not-started", 40 * time.Minute, func(t testing.TB, s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
		apply(t, s, t0.Add(16*time.Minute), model.NextStop{}, model.StartTimer{})
		apply(t, s, t0.Add(30*time.Minute), model.NextStop{}, model.AddNote{Text: "Purpose over habit."})
	}, "STOP 3 OF 7"},
	{"closing-summary", 2 * time.Hour, func(t testing.TB, s *model.Session) {
		at := t0
		for i := range s.Stops {
			apply(t, s, at, model.StartTimer{}, model.AddNote{Text: "note at " + s.Stops[i].Key})
			at = at.Add(s.Stops[i].Planned + time.Duration(i-3)*time.Minute)
			if i < len(s.Stops)-1 {
				apply(t, s, at, model.NextStop{})
			}
		}
		apply(t, s, at, model.AddAgreement{Text: "We name tension when we feel it."}, model.AddCommitment{Text: "Share the notes", Owner: "Dana"}, model.CloseSession{})
	}, "SESSION CLOSED"},
}

func TestGoldenScreens(t *testing.T) {
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {160, 45}} {
			t.Run(fmt.Sprintf("%s/%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				f := newFixture(t, t0.Add(sc.now), func(s *model.Session) {
					if sc.build != nil {
						sc.build(t, s)
					}
				}, sessions.WithSaveBeforeShown())
				tm := run(t, f.soleApp(), size[0], size[1], sc.wait)
				view := finalView(t, tm).View()
				checkFits(t, view, size[0], size[1])
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// checkFits asserts that a frame is no wider and no taller than the
// terminal: a longer line would wrap into a broken one.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d lines on a %d-line terminal", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d wide on a %d-column terminal: %q", i+1, n, w, l)
		}
	}
}

// TestEverySizeFits draws every screen at sizes from tiny to a projector's
// and checks that nothing panics and nothing overflows.
func TestEverySizeFits(t *testing.T) {
	sizes := [][2]int{{1, 1}, {10, 3}, {20, 6}, {30, 10}, {40, 12}, {50, 16}, {80, 24}, {100, 30}, {120, 40}, {200, 60}, {300, 80}, {300, 90}}
	for _, sc := range screens {
		f := newFixture(t, t0.Add(sc.now), func(s *model.Session) {
			if sc.build != nil {
				sc.build(t, s)
			}
		})
		a := f.app(model.RoleFacilitator)
		for _, size := range sizes {
			a = sized(a, size[0], size[1])
			checkFits(t, a.View(), size[0], size[1])
			// And the presenter view.
			m, _ := a.Update(keyMsg("p"))
			checkFits(t, m.(App).View(), size[0], size[1])
			// With the note input open too.
			if !a.state.Session.IsClosed() {
				m, _ := a.Update(keyMsg("n"))
				withInput := m.(App)
				checkFits(t, withInput.View(), size[0], size[1])
			}
		}
	}
}

func TestSmallTerminalStillUsable(t *testing.T) {
	f := newFixture(t, t0.Add(5*time.Minute), func(s *model.Session) {
		apply(t, s, t0, model.StartTimer{}, model.AddNote{Text: "the latest thing said"})
	})
	view := sized(f.app(model.RoleFacilitator), 40, 12).View()
	for _, want := range []string{"BELONGING", "10:00", "the latest thing said", "stop 1/7"} {
		if !strings.Contains(view, want) {
			t.Errorf("40x12 lacks %q:\n%s", want, view)
		}
	}
	m, _ := sized(f.app(model.RoleFacilitator), 40, 12).Update(keyMsg("p"))
	for _, want := range []string{"BELONGING", "10:00", "Stop 1 of 7"} {
		if v := m.(App).View(); !strings.Contains(v, want) {
			t.Errorf("the presenter view at 40x12 lacks %q:\n%s", want, v)
		}
	}
	tiny := sized(f.app(model.RoleFacilitator), 18, 4).View()
	if !strings.Contains(tiny, "Pit Stop needs") {
		t.Errorf("a tiny window should say what it needs:\n%s", tiny)
	}
}

// TestEverySizeFitsBoardAndBrowser does the same for the board (with an
// item selected, and with the walk through carried items open) and for the
// browser in each of its modes.
func TestEverySizeFitsBoardAndBrowser(t *testing.T) {
	sizes := [][2]int{{1, 1}, {10, 3}, {20, 6}, {30, 8}, {40, 12}, {50, 16}, {80, 12}, {80, 24}, {89, 30}, {90, 30}, {120, 40}, {200, 60}, {300, 90}}
	w := testWorkshop(t)
	old, err := model.NewSession("old-one", "Last time", "Harbor Team", "", w.Plans(), t0.Add(-30*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	apply(t, old, old.Created, model.AddCommitment{Text: strings.Repeat("A long carried commitment ", 8), Owner: "Dana", Due: "2026-11-01"})
	f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) {
		fillBoard(t, s, 40)
		s.CarryFrom(old, t0)
	})
	board := drive(t, f.app(model.RoleFacilitator), "b", "l", "l", "j")
	walk := drive(t, board, "w")
	if walk.question == nil {
		t.Fatal("no walk question")
	}
	st := browserStore(t, 30, 0)
	os.WriteFile(filepath.Join(st.Dir(), "zz-broken.toml"), []byte("schema = 1\ntitle = \"never closed\n"), 0o644)
	list := loaded(t, rootApp(t, st, 120, 40))
	search, _ := rootKeys(t, list, "/")
	form, _ := rootKeys(t, list, "N")
	for _, size := range sizes {
		for name, m := range map[string]tea.Model{"board": board, "walk": walk, "browser": list, "search": search, "new": form} {
			m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) { checkFits(t, m.View(), size[0], size[1]) })
		}
	}
}
