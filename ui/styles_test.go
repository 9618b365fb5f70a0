package ui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"pitstop/model"
)

// Every style comes from the renderer the app is given, the text area's
// and the browser's field included: under SSH each client has its own
// renderer, and lipgloss's default one is the server's terminal.
func TestEveryStyleFromTheRenderer(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii) // the default renderer draws no colour
	colour := lipgloss.NewRenderer(io.Discard)
	colour.SetColorProfile(termenv.TrueColor)
	f := newFixture(t, t0, nil)
	a := New(f.client(t, model.RoleFacilitator), Options{Workshop: f.workshop, Renderer: colour, Now: f.now, Tick: -1})
	a = sized(a, 100, 30)
	a = drive(t, a, "n")
	if a.input == nil {
		t.Fatal("no entry box")
	}
	box := a.input.area.View()
	if !strings.Contains(box, "\x1b[38;2;") {
		t.Fatalf("the text area's placeholder is not drawn by the app's renderer: %q", box)
	}
	r := NewRoot(f.store, Options{Workshop: f.workshop, Renderer: colour, Now: f.now, Tick: -1})
	r.browser.input.Placeholder = "type here"
	r.browser.input.Focus()
	if v := r.browser.input.View(); !strings.Contains(v, "\x1b[38;2;") {
		t.Fatalf("the browser's field is not drawn by the app's renderer: %q", v)
	}
}

// cellWidth is ansi.StringWidth, quicker: the same for every line.
func FuzzCellWidth(f *testing.F) {
	for _, s := range []string{
		"", "plain", "█████   ███", "\x1b[38;5;75m│\x1b[0m note", "▶ running · 15m planned", "café", "日本語",
		"▀▀█▀▀", "e\u0301", "▶\ufe0f", "\x1b[1m\x1b[", "a\tb", "line\nline", "\x1b]0;x\x07", "░░▓▓", "■ closed",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}
