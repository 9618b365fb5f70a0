package ui

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// t0 is the fixed start of every test session: screens are compared with
// golden files, so the clock and the colour profile never vary.
var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("", -5*3600))

func testWorkshop(t testing.TB) *config.Workshop {
	t.Helper()
	w, err := config.Load(filepath.Join("..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// fixture is a live session on disk with its owner, a client of the test's
// own to look at it, and the clock the app sees.
type fixture struct {
	t        testing.TB
	store    *sessions.Store
	hub      *sessions.Hub
	owner    *sessions.Client // the test's own view of the session
	workshop *config.Workshop
	clock    atomic.Int64 // unix nanoseconds; read by the app and the owner
}

func (f *fixture) now() time.Time { return time.Unix(0, f.clock.Load()).In(t0.Location()) }

func (f *fixture) setNow(t time.Time) { f.clock.Store(t.UnixNano()) }

// newFixture makes a session, lets build shape it (commands at chosen
// times), saves it and starts its owner. The app's clock reads now.
// hubOpts go to the fixture's hub; golden tests ask for saves before
// updates (sessions.WithSaveBeforeShown), so their frames never say
// "saving…".
func newFixture(t testing.TB, now time.Time, build func(s *model.Session), hubOpts ...sessions.HubOption) *fixture {
	t.Helper()
	w := testWorkshop(t)
	s, err := model.NewSession("2026-11-22-partnership-kickoff-3f9c", "Partnership kickoff", "Harbor Team", "Ana", w.Plans(), t0)
	if err != nil {
		t.Fatal(err)
	}
	if build != nil {
		build(s)
	}
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: st, workshop: w}
	f.setNow(now)
	// The owner looks at the clock often, so that what the fixed clock is
	// moved to takes effect at once.
	f.hub = sessions.NewHub(sessions.ClockOf(f.now), append([]sessions.HubOption{sessions.WithTick(5 * time.Millisecond)}, hubOpts...)...)
	f.owner, err = f.hub.Create(st, s, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.owner.Leave() })
	return f
}

// client attaches another screen to the fixture's session, as role.
func (f *fixture) client(t testing.TB, role model.Role) *sessions.Client {
	t.Helper()
	c, err := f.hub.Open(f.store, f.owner.Path(), model.Actor{Role: role})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Leave() })
	return c
}

// noteTaker is who the tests' note-taker is.
var noteTaker = model.Actor{Role: model.RoleNotes}

// applyAs is apply with who sent the commands.
func applyAs(t testing.TB, s *model.Session, by model.Actor, at time.Time, cmds ...model.Command) {
	t.Helper()
	for _, c := range cmds {
		if _, err := s.ApplyAs(by, c, at); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
}

func apply(t testing.TB, s *model.Session, at time.Time, cmds ...model.Command) {
	t.Helper()
	for _, c := range cmds {
		if err := s.Apply(c, at); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
}

func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

// soleApp is a screen on the fixture's own client: the only one attached,
// as when one facilitator runs the room alone.
func (f *fixture) soleApp() App {
	return New(f.owner, Options{
		Workshop: f.workshop, Renderer: asciiRenderer(), Store: f.store, Hub: f.hub,
		Now: f.now, Tick: -1, TypingWindow: -1,
	})
}

// app is a screen of the session as role, with a client of its own.
func (f *fixture) app(role model.Role) App {
	return New(f.client(f.t, role), Options{
		Workshop: f.workshop, Renderer: asciiRenderer(), Store: f.store, Hub: f.hub,
		Now: f.now, Tick: -1, TypingWindow: -1,
	})
}

// sized returns the app as it is after the terminal reported its size.
func sized(a App, w, h int) App {
	m, _ := a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m.(App)
}

// run starts the app under teatest at w×h and waits until text is on
// screen.
func run(t *testing.T, a App, w, h int, text string) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(w, h))
	waitText(t, tm, text)
	return tm
}

func waitText(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// waitAll waits until every text has been drawn, in one frame or several.
func waitAll(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, text := range texts {
			if !bytes.Contains(b, []byte(text)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// finalView stops the program and returns its last screen.
func finalView(t *testing.T, tm *teatest.TestModel) App {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(App)
}

func notes(n int) []model.Command {
	var out []model.Command
	for i := 1; i <= n; i++ {
		text := fmt.Sprintf("Note %d: people named what helps them feel they belong here.", i)
		if i%7 == 0 {
			text += "\nA second line, because someone kept talking."
		}
		out = append(out, model.AddNote{Text: text})
	}
	return out
}

// The pages of an App, as their own types, for tests to look into.
func stopOf(a App) stopPage       { return a.pages[a.pageIndex(stopScreen)].(stopPage) }
func boardOf(a App) boardPage     { return a.pages[a.pageIndex(boardScreen)].(boardPage) }
func checkOf(a App) checkPage     { return a.pages[a.pageIndex(checkScreen)].(checkPage) }
func helpOf(a App) helpPage       { return a.pages[a.pageIndex(helpScreen)].(helpPage) }
func (a App) screenShown() pageID { return a.front().id() }
