package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"pitstop/model"
)

// guardedApp is a facilitator's screen with the typing window on, as a
// person has it, with an agreement of theirs on the board to undo.
func guardedApp(t *testing.T) (*fixture, *teatest.TestModel) {
	t.Helper()
	f := newFixture(t, t0, nil)
	a := New(f.owner, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Store: f.store, Hub: f.hub, Now: f.now, Tick: -1, TypingWindow: 150 * time.Millisecond})
	tm := run(t, a, 120, 40, "BELONGING")
	tm.Send(keyMsg("a"))
	waitText(t, tm, "New agreement")
	tm.Type("We share the agenda")
	tm.Send(keyMsg("enter"))
	waitText(t, tm, "1 agreement")
	return f, tm
}

// keysOf is text as a person's keyboard sends it, a key at a time: a
// space is its own key.
func keysOf(text string) []tea.Msg {
	var out []tea.Msg
	for _, r := range text {
		if r == ' ' {
			out = append(out, keyMsg("space"))
		} else {
			out = append(out, keyMsg(string(r)))
		}
	}
	return out
}

// A word typed at the stop view where a note was meant runs no command:
// "use the" typed key by key, "quote" arriving in one read, and a paste
// all land in a note box, and the session is as it was.
func TestTypingNeverRunsCommands(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []tea.Msg
		want string // in the box
	}{
		{"use the, a key at a time", keysOf("use the"), "use the"},
		{"quote, in one read", []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("quote")}}, "quote"},
		{"a paste", []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("quote from the report: u e q"), Paste: true}}, "quote from the report: u e q"},
		{"a digit then words", keysOf("3 people"), "3 people"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, tm := guardedApp(t)
			before := f.owner.Current().Session
			for _, k := range tc.keys {
				tm.Send(k)
			}
			waitText(t, tm, "looked like typing")
			a := finalView(t, tm)
			if a.input == nil || a.input.value() != tc.want || a.input.action == nil || a.input.action.ID != "note" {
				t.Fatalf("the text is not in a note box: %+v", a.input)
			}
			if a.quitting {
				t.Fatal("typing started leaving")
			}
			s := f.owner.Current().Session
			if len(s.Agreements) != 1 || s.Current != before.Current || s.CurrentStop().Timer.Running() || len(s.Notes) != 0 {
				t.Fatalf("typing changed the session: %d agreements, stop %d, timer running %v", len(s.Agreements), s.Current+1, s.CurrentStop().Timer.Running())
			}
		})
	}
}

// A key that changes the session, pressed alone, still does it once the
// window has passed; undo says what it undid, U does it again.
func TestAKeyAloneStillWorks(t *testing.T) {
	f, tm := guardedApp(t)
	tm.Send(keyMsg("u"))
	waitText(t, tm, "Undone: adding the agreement “We share the agenda” at Belonging. U does it again.")
	if n := len(f.owner.Current().Session.Agreements); n != 0 {
		t.Fatalf("%d agreements after undo", n)
	}
	tm.Send(keyMsg("U"))
	waitText(t, tm, "Done again: adding the agreement “We share the agenda” at Belonging.")
	tm.Send(keyMsg("3"))
	waitText(t, tm, "STOP 3 OF 7")
	if a := finalView(t, tm); f.owner.Current().Session.Current != 2 || a.input != nil {
		t.Fatal("3 alone should go to stop 3")
	}
}

// At a question, typing is no answer: "ready" after r puts the reset
// question away, and the timer keeps its time.
func TestTypingIsNoAnswer(t *testing.T) {
	f := newFixture(t, t0.Add(5*time.Minute), func(s *model.Session) { apply(t, s, t0, model.StartTimer{}) })
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "r")
	if a.question == nil {
		t.Fatal("r should ask first")
	}
	a = drive(t, a, "e", "a", "d", "y")
	if a.question != nil || a.input == nil || a.input.value() != "eady" {
		t.Fatalf("the question should be put away and the words kept: question %v, box %+v", a.question != nil, a.input)
	}
	if got := f.owner.Current().Session.CurrentStop().Timer.Elapsed(f.now()); got != 5*time.Minute {
		t.Fatalf("the timer was reset: %v", got)
	}
}

// Once q starts leaving, nothing typed after it reaches the session.
func TestLeavingEndsInput(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	m, _ := a.Update(keyMsg("q"))
	a = m.(App)
	if !a.quitting {
		t.Fatal("q should leave")
	}
	a = drive(t, a, "a", "]", "space")
	if a.input != nil || f.owner.Current().Session.Current != 0 || f.owner.Current().Session.CurrentStop().Timer.Running() {
		t.Fatal("keys after q reached the session")
	}
}

// The host of a served session is asked before leaving ends it for the
// people connected; ctrl+c asks too, and a second ctrl+c is the yes.
func TestHostAsksBeforeEndingTheSession(t *testing.T) {
	f := newFixture(t, t0, nil)
	f.client(t, model.RoleNotes)
	for deadline := time.Now().Add(5 * time.Second); len(f.owner.Current().Present) < 2; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the note-taker never joined")
		}
	}
	host := New(f.owner, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Store: f.store, Hub: f.hub, Now: f.now, Tick: -1, TypingWindow: -1, Hosting: true})
	host = sized(host, 120, 40)
	for _, k := range []string{"q", "ctrl+c"} {
		a := drive(t, host, k)
		if a.quitting || a.question == nil || !strings.Contains(a.question.text, "1 person is connected (note-taker). Leaving ends the session for them. Leave?") {
			t.Fatalf("%s did not ask: %+v", k, a.question)
		}
		if b := drive(t, a, "n"); b.quitting || b.question != nil {
			t.Fatalf("no after %s should stay", k)
		}
	}
	a := drive(t, host, "ctrl+c", "ctrl+c")
	if !a.quitting {
		t.Fatal("a second ctrl+c should leave")
	}
	// A screen that is not the host's leaves at once.
	if b := drive(t, sized(f.app(model.RoleNotes), 80, 24), "q"); !b.quitting || b.question != nil {
		t.Fatal("a note-taker's q should leave at once")
	}
}

// A viewer's screen is the room's view and nothing else: no key leads to
// the notes, the board or the hint, and each says why at once.
func TestAViewerSeesTheRoomsViewOnly(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddNote{Text: "Dana said something private", Said: "Dana"}, model.AddTension{Text: "A tension"})
	})
	v := sized(f.app(model.RoleViewer), 120, 40)
	for _, k := range []string{"p", "esc", "b", "h", "?", "n", "u"} {
		a := drive(t, v, k)
		if k == "?" {
			a = drive(t, a, "esc")
		}
		view := a.View()
		if a.screenShown() != presenterScreen || strings.Contains(view, "private") || strings.Contains(view, "A tension") {
			t.Fatalf("after %q a viewer sees %s:\n%s", k, a.screenShown(), view)
		}
	}
	if a := drive(t, v, "p"); !strings.Contains(a.View(), "room's view") {
		t.Errorf("p did not say why:\n%s", a.View())
	}
}

// A long text typed key by key goes into the box in time linear in its
// length (the text area would wrap the whole of it on every key), up to
// the longest an entry can be; what goes beyond is left out, and the box
// says so.
func TestLongTypingIsBoundedAndSaid(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "n")
	words := strings.Repeat("we name it when we feel it ", model.MaxTextBytes/27+100)
	var m tea.Model = a
	for _, k := range keysOf(words) {
		m, _ = m.Update(k)
	}
	a = m.(App)
	if n := len([]rune(a.input.value())); n != model.MaxTextBytes || !strings.Contains(a.input.err, "the rest was left out") {
		t.Fatalf("%d characters in the box, and %q", n, a.input.err)
	}
}

// BenchmarkPasteKeyByKey is a 16 KiB text arriving a key at a time (a
// paste without brackets), into the note box.
func BenchmarkPasteKeyByKey(b *testing.B) {
	keys := keysOf(strings.Repeat("we name it when we feel it ", 16<<10/27))
	for i := 0; i < b.N; i++ {
		a := benchApp(b, benchSession(b, 0), 200, 60)
		var m tea.Model
		m, _ = a.Update(keyMsg("n"))
		for _, k := range keys {
			m, _ = m.Update(k)
		}
		_ = m.View()
	}
}

// The note-taker's undo never takes back the facilitator's work: a
// commitment the facilitator deleted since stays deleted, and the screen
// says why.
func TestUndoRefusedWhenSomeoneElseChangedIt(t *testing.T) {
	f := newFixture(t, t0, nil)
	notes := sized(f.app(model.RoleNotes), 120, 40)
	notes = drive(t, notes, "c")
	notes = typeText(t, notes, "Book the room")
	notes = drive(t, notes, "enter")
	s := eventually(t, f, "the commitment", func(s *model.Session) bool { return len(s.Commitments) == 1 })
	if err := f.owner.Do(model.RemoveItem{ID: s.Commitments[0].ID}); err != nil {
		t.Fatal(err)
	}
	notes = drive(t, notes, "u")
	if v := notes.View(); !strings.Contains(v, "facilitator has deleted that commitment since") {
		t.Fatalf("the refusal does not say why:\n%s", v)
	}
	if n := len(f.owner.Current().Session.Commitments); n != 0 {
		t.Fatalf("the note-taker's undo brought back the facilitator's deleted commitment")
	}
}
