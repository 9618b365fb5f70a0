package ui

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"pitstop/config"
	"pitstop/model"
)

// colourSGR finds a colour in a Select Graphic Rendition sequence: a
// foreground or background (30–37, 38;…, 39, 40–47, 48;…, 49, 90–97,
// 100–107) among its parameters.
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]*;)*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]*)*m`)

// appOn is a screen of the session as role, drawn by r.
func (f *fixture) appOn(role model.Role, r *lipgloss.Renderer) App {
	return New(f.client(f.t, role), Options{
		Workshop: f.workshop, Renderer: r, Store: f.store, Hub: f.hub,
		Now: f.now, Tick: -1,
	})
}

// everyScreen draws each screen a session shows, with what it is: the
// stop view in every timer state, with a note picked, with the entry box
// and a question open, the board, the presenter view, the help and the
// closing summary.
func everyScreen(t *testing.T, r func() *lipgloss.Renderer, w, h int) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, st := range timerStates {
		f := newFixture(t, t0.Add(st.now), func(s *model.Session) {
			roomBoard(t, s)
			applyAs(t, s, noteTaker, t0, model.AddNote{Text: "What helps is being expected."})
			apply(t, s, t0, model.AddTension{Text: "Who decides on the budget?"}, model.AddTension{Text: "Late agendas"})
			if st.build != nil {
				st.build(t, s)
			}
		})
		s := f.owner.Current().Session
		apply(t, s, t0, model.ResolveTension{ID: s.Tensions[1].ID}) // on the snapshot only: drawn, never saved
		a := sized(f.appOn(model.RoleFacilitator, r()), w, h)
		keys := func(ks ...string) string {
			b := a
			for _, k := range ks {
				m, _ := b.Update(keyMsg(k))
				b = m.(App)
			}
			return b.View()
		}
		out["stop/"+st.name] = a.View()
		out["presenter/"+st.name] = keys("p")
		if st.name == "running" {
			out["note picked"] = keys("up")
			out["entry"] = keys("n", "x")
			out["question"] = keys("n", "x", "esc")
			out["board"] = keys("b", "down", "down")
			out["help"] = keys("?")
			out["refused"] = keys("n", "enter") // enter on an empty note says why
		}
	}
	closed := newFixture(t, t0.Add(3*time.Hour), func(s *model.Session) {
		roomBoard(t, s)
		apply(t, s, t0, model.StartTimer{}, model.CloseSession{})
	})
	out["summary"] = sized(closed.appOn(model.RoleFacilitator, r()), w, h).View()
	rated := newFixture(t, t0.Add(time.Hour), func(s *model.Session) { rateAll(t, s, t0, 22) })
	checkHistory(t, rated.store)
	check := sized(rated.appOn(model.RoleFacilitator, r()), w, h)
	for name, keys := range map[string][]string{"check": {"h"}, "check results": {"h", "tab"}, "check trend": {"h", "tab", "tab"}} {
		out[name] = drive(t, check, keys...).View()
	}
	return out
}

// NO_COLOR, set and not empty, takes every colour off every screen; without
// it the same screens are in colour (so the test can fail).
func TestNoColor(t *testing.T) {
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor"}
	plain := func() *lipgloss.Renderer { return TerminalRenderer(io.Discard, append(env, "NO_COLOR=1")) }
	coloured := func() *lipgloss.Renderer { return TerminalRenderer(io.Discard, env) }
	for name, view := range everyScreen(t, plain, 100, 30) {
		if m := colourSGR.FindString(view); m != "" {
			t.Errorf("%s with NO_COLOR=1 has the colour %q", name, m)
		}
	}
	some := 0
	for _, view := range everyScreen(t, coloured, 100, 30) {
		if colourSGR.MatchString(view) {
			some++
		}
	}
	if some == 0 {
		t.Fatal("no screen is in colour without NO_COLOR: the test shows nothing")
	}
	if r := TerminalRenderer(io.Discard, append(env, "NO_COLOR=")); colourSGR.MatchString(r.NewStyle().Foreground(lipgloss.Color("#ff0000")).Render("x")) == false {
		t.Error("NO_COLOR set but empty should leave the colour on (no-color.org)")
	}
}

// Without colour every state is still told apart, by a symbol or a word:
// each screen says what its colours would.
func TestStatesWithoutColour(t *testing.T) {
	screens := everyScreen(t, asciiRenderer, 100, 30)
	for _, c := range []struct {
		screen string
		says   []string
	}{
		{"stop/ready", []string{"▶1 Belonging", "2○", "▷ ready", "saved"}},
		{"stop/running", []string{"▶ running"}},
		{"stop/paused", []string{"⏸ paused"}},
		{"stop/low", []string{"◔ nearly time"}},
		{"stop/over", []string{"● time to wrap up", "+02:13 over"}},
		{"presenter/ready", []string{"Stop 1 of 7", "▷ ready", "past due since 20 Nov", "needs an owner"}},
		{"presenter/low", []string{"◔ nearly time"}},
		{"presenter/over", []string{"● time to wrap up"}},
		{"note picked", []string{"› "}},
		{"board", []string{"› ", "✓ resolved", "◆ ", "past due", "needs an owner", "✔ "}},
		{"refused", []string{"nothing to save"}},
		{"summary", []string{"SESSION CLOSED"}},
	} {
		view, ok := screens[c.screen]
		if !ok {
			t.Fatalf("no screen %q", c.screen)
		}
		for _, want := range c.says {
			if !strings.Contains(view, want) {
				t.Errorf("%s without colour does not say %q:\n%s", c.screen, want, view)
			}
		}
	}
	// The stops done and ahead, once the room has moved on.
	f := newFixture(t, t0.Add(20*time.Minute), func(s *model.Session) {
		apply(t, s, t0, model.StartTimer{}, model.NextStop{})
	})
	if v := sized(f.soleApp(), 100, 30).View(); !strings.Contains(v, "1✓") && !strings.Contains(v, "✓ Belonging") {
		t.Errorf("a stop done is not marked ✓:\n%s", v)
	}
}

// Each theme at 80x24, in colour: the palettes as the screen draws them.
func TestGoldenThemes(t *testing.T) {
	for _, p := range config.Palettes {
		t.Run(p.Name, func(t *testing.T) {
			f := newFixture(t, t0.Add(13*time.Minute+30*time.Second), func(s *model.Session) {
				roomBoard(t, s)
				apply(t, s, t0, model.StartTimer{})
				applyAs(t, s, noteTaker, t0.Add(time.Minute), model.AddNote{Text: "Belonging starts with being expected."})
			})
			f.workshop.Theme = config.Theme{Name: p.Name}
			r := TerminalRenderer(io.Discard, []string{"TERM=xterm-256color", "COLORTERM=truecolor"})
			view := sized(f.appOn(model.RoleFacilitator, r), 80, 24).View()
			for _, colour := range []string{p.Accent, p.Warn, p.Muted, p.Text} {
				if sgr := sgrOf(r, colour); !strings.Contains(view, sgr) {
					t.Errorf("%s: the screen has no %s (%s)", p.Name, colour, sgr)
				}
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// sgrOf is the parameters the renderer writes a foreground colour with.
func sgrOf(r *lipgloss.Renderer, hex string) string {
	out := r.NewStyle().Foreground(lipgloss.Color(hex)).Render("x")
	start, end := strings.Index(out, "["), strings.Index(out, "m")
	return out[start+1 : end]
}
