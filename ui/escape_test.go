package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"pitstop/model"
	"pitstop/sessions"
)

// hostile is what someone might paste, or send from another screen: a
// title change, a screen clear, a clipboard write and C1 controls (CSI and
// OSC as single bytes, and a string terminator).
const hostile = "title\x1b]0;pwned\x07 clear\x1b[2J clip\x1b]52;c;aGk=\x07 c1\u009b2J\u009d0;x\u009c end"

// Text with escape sequences is drawn as inert words on the stop view,
// the board and the presenter view, and stays so once saved and read back.
func TestGoldenEscapesAreInert(t *testing.T) {
	f := newFixture(t, t0, nil, sessions.WithSaveBeforeShown())
	for _, c := range []model.Command{
		model.AddNote{Text: hostile},
		model.AddAgreement{Text: hostile},
		model.AddCommitment{Text: hostile, Owner: "Dana", Due: "2026-12-05"},
	} {
		if err := f.owner.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	draw := func(a App) map[string]string {
		a = sized(a, 120, 40)
		views := map[string]string{"stop": a.View()}
		for _, k := range []string{"b", "p"} {
			m, _ := a.Update(keyMsg(k))
			name := map[string]string{"b": "board", "p": "presenter"}[k]
			views[name] = m.(App).View()
		}
		return views
	}
	live := draw(f.soleApp())
	for name, view := range live {
		// The ASCII renderer writes no sequence of its own: any escape,
		// bell or C1 byte on screen came from the text.
		if strings.ContainsAny(view, "\x1b\x07\u009b\u009c\u009d") {
			t.Errorf("%s: a control reached the screen: %q", name, view)
		}
		if !strings.Contains(view, "end") {
			t.Errorf("%s: the text is not on screen:\n%s", name, view)
		}
		t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(view)) })
	}

	// Saved, closed and opened again in another hub, as next month.
	path := f.owner.Path()
	if err := f.owner.Leave(); err != nil {
		t.Fatal(err)
	}
	hub := sessions.NewHub(sessions.ClockOf(f.now))
	again, err := hub.Open(f.store, path, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Leave()
	reread := draw(New(again, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: f.now, Tick: -1}))
	for name, view := range reread {
		if view != live[name] {
			t.Errorf("%s after reading the file back differs:\n%s\nwas\n%s", name, view, live[name])
		}
	}
}
