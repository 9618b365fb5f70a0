//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A word typed at the stop view where a note was meant, "quote" (which
// starts with q), and a bracketed paste change nothing in the session:
// the file is as it was, Pit Stop still runs, and each time the text is in
// a note box, ready to save; saved, the paste is a note.
func TestTypingAtTheStopViewEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Typing")
	app := srv.start("open", id)
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	// An agreement of the facilitator's, for u to undo if u ran.
	app.press("a", []string{"New agreement"})
	app.typeText("We share the agenda")
	app.press("Enter", []string{"1 agreement"}, "New agreement")
	app.waitUntil("everything saved", waitTimeout, func(scr string) bool { return strings.Contains(scr, "· saved") })
	path := filepath.Join(srv.dir, id+".toml")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	typed := func(what string, send func(), box string) {
		t.Helper()
		send()
		app.waitUntil(what+" in a note box", waitTimeout, func(scr string) bool {
			return strings.Contains(scr, "New note at Belonging") && strings.Contains(scr, "looked like typing") && inputShows(box)(scr)
		})
	}
	typed("use the", func() { app.typeText("use the") }, "use the")
	app.press("Escape", []string{"Throw away what you typed?"})
	app.press("y", nil, "New note at")
	typed("quote", func() { app.typeText("quote") }, "quote")
	app.press("Escape", []string{"Throw away what you typed?"})
	app.press("y", nil, "New note at")
	typed("a paste", func() { app.paste("quote from the report, use u and q") }, "quote from the report, use u and q")

	if scr := app.screen(); strings.Contains(scr, exitMarker) || !strings.Contains(scr, "1 agreement") {
		t.Fatalf("Pit Stop should still run with its agreement:\n%s", frame(scr))
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Fatalf("typing changed the session file:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	app.press("Enter", []string{"Notes at this stop (1)", "quote from the report, use u and q"}, "New note at")
	app.quit()
	f, data := readSession(t, path)
	if len(f.Notes) != 1 || f.Notes[0].Text != "quote from the report, use u and q" || !strings.Contains(string(data), "We share the agenda") {
		t.Fatalf("the file should hold the pasted note and the agreement:\n%s", data)
	}
}
