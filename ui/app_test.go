package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
	"pitstop/sessions"
)

// eventually polls the live session until cond holds, with a deadline.
func eventually(t *testing.T, f *fixture, what string, cond func(s *model.Session) bool) *model.Session {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := f.owner.Current().Session
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

func TestNoteCapture(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleNotes), 80, 24, "STOP 1 OF 7")
	press(tm, "n")
	waitText(t, tm, "New note at Belonging")
	// While typing, letters that are commands elsewhere only type.
	tm.Type("q]b +n? said:Dana")
	press(tm, "ctrl+j")
	tm.Type("second line")
	press(tm, "enter")
	s := eventually(t, f, "the note to be saved", func(s *model.Session) bool { return len(s.Notes) == 1 })
	n := s.Notes[0]
	if n.Text != "q]b +n?\nsecond line" || n.Said != "Dana" || n.Role != string(model.RoleNotes) || n.Stop != "belonging" {
		t.Fatalf("note = %+v", n)
	}
	if s.Current != 0 || s.Stops[0].Planned != 15*time.Minute {
		t.Fatal("typing in the note input triggered commands")
	}
	waitText(t, tm, "Notes at this stop (1)") // the saved note, not the text still in the box
	a := finalView(t, tm)
	if a.input != nil {
		t.Fatal("the input should close after saving")
	}
	if v := a.View(); !strings.Contains(v, "note-taker · said by Dana  q]b +n?") || !strings.Contains(v, "Notes at this stop (1)") {
		t.Fatalf("note not on screen:\n%s", v)
	}
}

func TestEscapeAsksBeforeDiscarding(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleFacilitator), 80, 24, "STOP 1 OF 7")
	press(tm, "esc") // nothing open: harmless
	press(tm, "n")
	waitText(t, tm, "New note")
	tm.Type("half a thought")
	press(tm, "esc")
	waitText(t, tm, "Throw away what you typed?")
	press(tm, "n") // keep it
	tm.Type(" finished")
	press(tm, "enter")
	eventually(t, f, "the kept note", func(s *model.Session) bool { return len(s.Notes) == 1 && s.Notes[0].Text == "half a thought finished" })
	// The renderer writes only lines that changed since the last frame it
	// drew: wait for a frame without the question, or the second question,
	// drawn on the same rows, would not appear in the output again.
	waitText(t, tm, "Notes at this stop (1)")

	press(tm, "n")
	tm.Type("discard me")
	press(tm, "esc")
	waitText(t, tm, "Throw away what")
	press(tm, "y")
	a := finalView(t, tm)
	if a.input != nil || len(f.owner.Current().Session.Notes) != 1 {
		t.Fatal("discarding should close the input and save nothing")
	}
	// An empty input closes without a question, and enter on it says why.
	m, _ := a.Update(keyMsg("n"))
	m, _ = m.(App).Update(keyMsg("enter"))
	if in := m.(App).input; in == nil || !strings.Contains(in.err, "nothing to save") {
		t.Fatal("enter on an empty note should explain, not close")
	}
	m, _ = m.(App).Update(keyMsg("esc"))
	if m.(App).input != nil || m.(App).question != nil {
		t.Fatal("esc on an empty input should just close it")
	}
}

func TestTimerKeys(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleFacilitator), 80, 24, "STOP 1 OF 7")
	press(tm, "space")
	eventually(t, f, "the timer to run", func(s *model.Session) bool { return s.Stops[0].Timer.Running() })
	press(tm, "+", "+", "-")
	eventually(t, f, "one minute more", func(s *model.Session) bool { return s.Stops[0].Planned == 16*time.Minute })
	f.setNow(t0.Add(90 * time.Second))
	press(tm, "space")
	eventually(t, f, "the timer to pause", func(s *model.Session) bool {
		return !s.Stops[0].Timer.Running() && s.Stops[0].Timer.Accumulated == 90*time.Second
	})
	press(tm, "r")
	waitText(t, tm, "Reset the timer")
	press(tm, "n", "+") // no: nothing happens; the + shows the answer was handled
	s := eventually(t, f, "the minute after the answer", func(s *model.Session) bool { return s.Stops[0].Planned == 17*time.Minute })
	if got := s.Stops[0].Timer.Accumulated; got != 90*time.Second {
		t.Fatalf("answering no reset the timer: %v", got)
	}
	press(tm, "r", "y")
	eventually(t, f, "the reset", func(s *model.Session) bool { return s.Stops[0].Timer.Accumulated == 0 })
	finalView(t, tm)
}

func TestSequenceAndClosing(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleFacilitator), 80, 24, "STOP 1 OF 7")
	press(tm, "space", "]")
	eventually(t, f, "stop 2", func(s *model.Session) bool { return s.Current == 1 && !s.Stops[0].Timer.Running() })
	press(tm, "[")
	eventually(t, f, "back at stop 1", func(s *model.Session) bool { return s.Current == 0 })
	for i := 0; i < 6; i++ {
		press(tm, "]")
	}
	eventually(t, f, "the last stop", func(s *model.Session) bool { return s.Current == 6 })
	// The screen must have caught up too: ] asks to close only when the
	// app itself shows the last stop.
	waitText(t, tm, "STOP 7 OF 7")
	press(tm, "]")
	waitText(t, tm, "Close the session")
	press(tm, "y")
	waitText(t, tm, "SESSION CLOSED")
	eventually(t, f, "a closed session", func(s *model.Session) bool { return s.IsClosed() })
	// Looking back: the stops can be walked through; nothing changes.
	press(tm, "esc")
	waitText(t, tm, "CLOSED · looking back")
	press(tm, "[", "[")
	waitText(t, tm, "STOP 5 OF 7")
	press(tm, "space")
	waitText(t, tm, "Reopen it to")
	press(tm, "esc")
	a := finalView(t, tm)
	if s := f.owner.Current().Session; s.Current != 6 || s.Stops[4].Timer.Running() {
		t.Fatal("reviewing changed the session")
	}
	if stopOf(a).review != 4 {
		t.Fatalf("review at %d", stopOf(a).review)
	}
}

func TestHelpAndQuit(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleFacilitator), 100, 30, "STOP 1 OF 7")
	press(tm, "?")
	waitAll(t, tm, "Pit Stop — all keys", "start/pause timer", "next stop", "write a note")
	press(tm, "pgdown", "pgdown")
	waitText(t, tm, "new line")
	press(tm, "?")
	press(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestQuitWaitsForPendingSave(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	m, cmd := a.Update(keyMsg("space"))
	m, quit := m.(App).Update(keyMsg("q"))
	if quit != nil {
		t.Fatal("quit must wait for the command in flight")
	}
	m, quit = m.(App).Update(cmd())
	if quit == nil {
		t.Fatal("quit once the command is saved")
	}
	if _, ok := quit().(tea.QuitMsg); !ok {
		t.Fatal("want tea.Quit")
	}
	if !f.owner.Current().Session.Stops[0].Timer.Running() {
		t.Fatal("the timer start was lost")
	}
}

// awaitUpdate feeds the app the updates its session sends until one that
// ok accepts has been taken in.
func awaitUpdate(t *testing.T, a App, what string, ok func(u sessions.Update) bool) App {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msg, got := runWithin(waitForUpdate(a.session), time.Until(deadline))
		if !got {
			break
		}
		m, _ := a.Update(msg)
		a = m.(App)
		if u, isUpdate := msg.(sessionUpdatedMsg); isUpdate && ok(u.update) {
			return a
		}
	}
	t.Fatalf("no update with %s", what)
	return a
}

func hasEvent(u sessions.Update, k model.EventKind) bool {
	for _, e := range u.Events {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// The bell rings once when the owner says time is up; ticks only redraw.
func TestBellRingsOnceAtZero(t *testing.T) {
	f := newFixture(t, t0.Add(14*time.Minute+59*time.Second), func(s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
	})
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	tick := func() App {
		m, _ := a.Update(tickMsg(f.now()))
		return m.(App)
	}
	a = tick()
	if strings.HasPrefix(a.View(), "\a") {
		t.Fatal("rang before time was up")
	}
	f.setNow(t0.Add(15*time.Minute + time.Second))
	a = awaitUpdate(t, a, "time up", func(u sessions.Update) bool { return hasEvent(u, model.EventTimeUp) })
	if !strings.HasPrefix(a.View(), "\a") {
		t.Fatal("no bell when time ran out")
	}
	if v := a.View(); !strings.Contains(v, "+00:01 over") {
		t.Fatalf("overtime not shown in words:\n%s", v)
	}
	f.setNow(f.now().Add(time.Second))
	a = tick()
	if strings.HasPrefix(a.View(), "\a") {
		t.Fatal("the bell rang twice")
	}
	if err := f.owner.Do(model.AddNote{Text: "after time"}); err != nil {
		t.Fatal(err)
	}
	a = awaitUpdate(t, a, "the note", func(u sessions.Update) bool { return len(u.Session.Notes) == 1 })
	if strings.HasPrefix(a.View(), "\a") {
		t.Fatal("the bell rang again with the next change")
	}
	// A session reopened after time ran out does not ring again.
	a.session.(*sessions.Client).Leave()
	f.owner.Leave()
	g := &fixture{t: t, store: f.store, workshop: f.workshop}
	g.setNow(f.now())
	g.hub = sessions.NewHub(sessions.ClockOf(g.now), sessions.WithTick(5*time.Millisecond), sessions.WithSaveBeforeShown())
	c, err := g.hub.Open(f.store, f.store.Path("2026-11-22-partnership-kickoff-3f9c"), model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Leave() })
	b := sized(New(c, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: g.now, Tick: -1}), 80, 24)
	g.setNow(g.now().Add(time.Second))
	if err := c.Do(model.AddNote{Text: "marker"}); err != nil {
		t.Fatal(err)
	}
	b = awaitUpdate(t, b, "the marker", func(u sessions.Update) bool { return len(u.Session.Notes) == 2 })
	if strings.HasPrefix(b.View(), "\a") {
		t.Fatal("rang on reopening")
	}
}

// The owner moves the room on by itself at an auto-advancing stop, once;
// the screen shows where the room went.
func TestAutoAdvance(t *testing.T) {
	f := newFixture(t, t0.Add(14*time.Minute), func(s *model.Session) {
		s.Stops[0].AutoAdvance = true // as a session made from such a workshop is
		apply(t, s, t0, model.StartTimer{})
	})
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	other := sized(f.app(model.RoleFacilitator), 80, 24) // a second facilitator screen
	f.setNow(t0.Add(15*time.Minute + time.Second))
	a = awaitUpdate(t, a, "the move on", func(u sessions.Update) bool { return u.Session.Current == 1 })
	other = awaitUpdate(t, other, "the move on", func(u sessions.Update) bool { return u.Session.Current == 1 })
	if !strings.Contains(a.View(), "STOP 2 OF 7") || !strings.Contains(other.View(), "STOP 2 OF 7") {
		t.Fatalf("did not move on:\n%s", a.View())
	}
	f.setNow(f.now().Add(time.Minute))
	if err := f.owner.Do(model.AddNote{Text: "marker"}); err != nil {
		t.Fatal(err)
	}
	eventually(t, f, "the marker", func(s *model.Session) bool { return len(s.Notes) == 1 })
	if got := f.owner.Current().Session.Current; got != 1 {
		t.Fatalf("the room is at stop %d, want 2: it moved on more than once", got+1)
	}
}

// runWithin runs a command, giving up on those that wait for something
// that will not come (a tick, the next session update).
func runWithin(c tea.Cmd, d time.Duration) (tea.Msg, bool) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case m := <-ch:
		return m, true
	case <-time.After(d):
		return nil, false
	}
}

func TestReopenShowsPausedTimer(t *testing.T) {
	f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
		apply(t, s, t0.Add(4*time.Minute+20*time.Second), model.PauseTimer{})
	})
	f.owner.Leave()
	reopened, err := f.store.Load("2026-11-22-partnership-kickoff-3f9c")
	if err != nil {
		t.Fatal(err)
	}
	st := reopened.Stops[0]
	tm := present.TimerOf(st, t0.Add(time.Hour))
	if tm.Running || tm.Remaining != 10*time.Minute+40*time.Second || tm.Display() != "10:40" || !strings.Contains(tm.Words(), "paused") {
		t.Fatalf("reopened timer = %+v %q %q", tm, tm.Display(), tm.Words())
	}
}

func TestSaidParsing(t *testing.T) {
	tests := []struct{ in, text, said string }{
		{"plain words", "plain words", ""},
		{"said:Dana we agree", "we agree", "Dana"},
		{"we agree said:Dana", "we agree", "Dana"},
		{`we agree said:"Dana K"`, "we agree", "Dana K"},
		{"email dana@said:x.org stays", "email dana@said:x.org stays", ""},
	}
	f := newFixture(t, t0, nil)
	for _, tt := range tests {
		app := f.app(model.RoleFacilitator)
		in := newEntry(app.c, openEntry{action: actions.All.Get(actions.Note), ctx: app.c.context(app.view), title: "New note", value: tt.in})
		cmd, err := in.command(model.DateOf(t0))
		if err != nil {
			t.Fatal(err)
		}
		c := cmd.(model.AddNote)
		if c.Text != tt.text || c.Said != tt.said {
			t.Errorf("%q: text %q said %q", tt.in, c.Text, c.Said)
		}
	}
}

func TestDoubleEnterSavesOnce(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleFacilitator), 80, 24, "STOP 1 OF 7")
	press(tm, "n")
	tm.Type("only once")
	press(tm, "enter", "enter", "enter")
	waitText(t, tm, "only once")
	press(tm, "+")
	eventually(t, f, "the key after", func(s *model.Session) bool { return s.Stops[0].Planned == 16*time.Minute })
	if n := len(f.owner.Current().Session.Notes); n != 1 {
		t.Fatalf("%d notes saved, want 1", n)
	}
	finalView(t, tm)
}

func TestRefusedNoteComesBack(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	m, _ := a.Update(keyMsg("n"))
	a = m.(App)
	a.input.area.SetValue(strings.Repeat("long ", model.MaxTextBytes/5+10))
	m, cmd := a.Update(keyMsg("enter"))
	a = m.(App)
	if a.input != nil {
		t.Fatal("the box should close while the note is saved")
	}
	m, _ = a.Update(cmd())
	a = m.(App)
	if a.input == nil || !strings.Contains(a.input.err, "too long") || !strings.HasPrefix(a.input.value(), "long long") {
		t.Fatalf("a refused note must come back with its text and the reason: %+v", a.input)
	}
	if len(f.owner.Current().Session.Notes) != 0 {
		t.Fatal("refused note saved")
	}
}

func TestQuitPausesTheTimer(t *testing.T) {
	f := newFixture(t, t0.Add(5*time.Minute), func(s *model.Session) { apply(t, s, t0, model.StartTimer{}) })
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	m, cmd := a.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("quit should pause the running timer first")
	}
	m, quit := m.(App).Update(cmd())
	if quit == nil {
		t.Fatal("quit once the pause is saved")
	}
	st := f.owner.Current().Session.Stops[0]
	if st.Timer.Running() || st.Timer.Accumulated != 5*time.Minute {
		t.Fatalf("timer after quit: %+v", st.Timer)
	}
	// A note-taker leaving does not stop the room's clock.
	g := newFixture(t, t0.Add(5*time.Minute), func(s *model.Session) { apply(t, s, t0, model.StartTimer{}) })
	b := sized(g.app(model.RoleNotes), 80, 24)
	if _, cmd := b.Update(keyMsg("q")); cmd == nil {
		t.Fatal("want tea.Quit")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("a note-taker quits at once")
	}
}

func TestKeysArrivingTogether(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	m, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]]")})
	for _, msg := range runAll(t, cmd) {
		m, _ = m.(App).Update(msg)
	}
	if cur := f.owner.Current().Session.Current; cur != 2 {
		t.Fatalf("two ] in one read moved to stop %d, want 3", cur+1)
	}
	// Different keys in one read are typing: a note box holds all of it,
	// n included, and no key ran.
	m, _ = m.(App).Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("nhello")})
	if in := m.(App).input; in == nil || in.value() != "nhello" || !strings.Contains(in.note, "looked like typing") {
		t.Fatal("n then text in one read should open a note box holding all of it, saying it looked like typing")
	}
}

// runAll runs a command and the commands in a batch it returns, collecting
// the messages of those that finish within a second.
func runAll(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return runCmdsWithin(t, cmd, 300*time.Millisecond, false) // a cursor blink or a tick never comes in time
}

// runCmdsWithin runs a command, and each of a batch, and returns the
// messages that came within d; with mustFinish, one that did not is a
// failure.
func runCmdsWithin(t testing.TB, cmd tea.Cmd, d time.Duration, mustFinish bool) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	msg, ok := runWithin(cmd, d)
	if !ok {
		if mustFinish {
			t.Fatal("a command did not finish")
		}
		return nil
	}
	if batch, isBatch := msg.(tea.BatchMsg); isBatch {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runCmdsWithin(t, c, d, mustFinish)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestWordsThatAreKeyNamesAreTyped(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	m, _ := a.Update(keyMsg("a"))
	for _, w := range []string{"We", " ", "start", " ", "and", " ", "end", " ", "up", " ", "home", " ", "delete", " ", "tab"} {
		m, _ = m.(App).Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
	}
	if got := m.(App).input.value(); got != "We start and end up home delete tab" {
		t.Fatalf("typed %q", got)
	}
}

func TestReopenAfterConfirming(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) { apply(t, s, t0, model.CloseSession{}) })
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	a = drive(t, a, "esc", "n")
	if a.question == nil || !f.owner.Current().Session.IsClosed() {
		t.Fatal("a change to a closed session must ask first")
	}
	a = drive(t, a, "y")
	if f.owner.Current().Session.IsClosed() {
		t.Fatal("yes should reopen the session")
	}
	a = drive(t, a, "n")
	if a.input == nil {
		t.Fatal("after reopening, n writes a note")
	}
}

func TestSinceLastOpenedBanner(t *testing.T) {
	f := newFixture(t, t0.Add(48*time.Hour), func(s *model.Session) {
		apply(t, s, t0, model.MarkOpened{})
		applyAs(t, s, noteTaker, t0.Add(time.Hour), model.AddNote{Text: "added while away"},
			model.AddCommitment{Text: "due yesterday", Due: "2026-11-23"})
	})
	a := sized(f.app(model.RoleFacilitator), 120, 30)
	if v := a.View(); !strings.Contains(v, "Since you last had this open: 2 entries added by others · 1 commitment past due.") {
		t.Fatalf("no banner:\n%s", v)
	}
	a = drive(t, a, "down")
	if strings.Contains(a.View(), "Since you last") {
		t.Fatal("the banner goes with the first key")
	}
	// Opening was recorded for next time.
	for _, msg := range runAll(t, a.Init()) {
		a.Update(msg)
	}
	if got := f.owner.Current().Session.LastOpened; !got.Equal(t0.Add(48 * time.Hour)) {
		t.Fatalf("last opened = %v", got)
	}
}

func TestCarriedDoneThereToo(t *testing.T) {
	f, a := carriedFixture(t, model.AddCommitment{Text: "Write the charter", Owner: "Dana"}, model.CloseSession{})
	a = sized(a, 120, 30)
	if v := a.View(); !strings.Contains(v, "Carried from last time: 1 of 1 still open") {
		t.Fatalf("no carried line at the first stop:\n%s", v)
	}
	a = drive(t, a, "b", "l", "l")
	if v := a.View(); !strings.Contains(v, "Write the charter — @Dana · carried") {
		t.Fatalf("carried commitment not marked:\n%s", v)
	}
	a = drive(t, a, "v")
	if a.question == nil || !strings.Contains(a.question.text, "Mark it done there too?") {
		t.Fatal("marking a carried commitment done should offer to mark it done where it came from")
	}
	a = drive(t, a, "y")
	back, err := f.store.Load("old-one")
	if err != nil {
		t.Fatal(err)
	}
	if c := back.Commitments[0]; c.Status != model.CommitmentDone || !back.IsClosed() {
		t.Fatalf("old session: %+v closed=%v", c, back.IsClosed())
	}
	if !strings.Contains(a.View(), "Marked done in “Last time” (23 Oct) too.") {
		t.Fatal("no word that it was done there too")
	}
}

func TestExportKey(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) { apply(t, s, t0, model.AddNote{Text: "worth keeping"}) })
	a := sized(f.app(model.RoleFacilitator), 120, 30)
	a = drive(t, a, "e")
	want := strings.TrimSuffix(f.store.Path("2026-11-22-partnership-kickoff-3f9c"), ".toml") + ".minutes.md"
	if v := a.View(); !strings.Contains(v, "Minutes written to") {
		t.Fatalf("no word of the minutes:\n%s", v)
	}
	data, err := os.ReadFile(want)
	if err != nil || !strings.Contains(string(data), "worth keeping") {
		t.Fatalf("minutes file: %v\n%s", err, data)
	}
}

// Keys that arrive in one read (SSH batches them, as does a fast typist)
// act one at a time: an answer to a question, then a key that opens a
// box, then the words typed into it.
func TestKeysInOneRead(t *testing.T) {
	f := newFixture(t, t0, nil)
	var m tea.Model = f.app(model.RoleFacilitator)
	for _, k := range []string{"n", "x", "esc"} {
		m, _ = m.Update(keyMsg(k))
	}
	if m.(App).question == nil {
		t.Fatal("esc over typed text should ask first")
	}
	// Typing over the question is not an answer: the question goes, and
	// the words go on in the box.
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ynkept")})
	a := m.(App)
	if a.question != nil || a.input == nil || a.input.value() != "xynkept" {
		t.Fatalf("question %v, box %v", a.question != nil, a.input != nil)
	}
}

// bell = false in the config keeps the terminal quiet; the words still
// say that time is up.
func TestBellCanBeTurnedOff(t *testing.T) {
	f := newFixture(t, t0.Add(14*time.Minute+59*time.Second), func(s *model.Session) {
		apply(t, s, t0, model.StartTimer{})
	})
	f.workshop.Display.Bell = false
	a := sized(f.app(model.RoleFacilitator), 80, 24)
	f.setNow(t0.Add(15*time.Minute + time.Second))
	a = awaitUpdate(t, a, "time up", func(u sessions.Update) bool { return hasEvent(u, model.EventTimeUp) })
	if v := a.View(); strings.Contains(v, "\a") || !strings.Contains(v, "time to wrap up") {
		t.Fatalf("bell off: %q", v)
	}
}

// A session file changed outside Pit Stop while the session is open is
// kept beside it, and the screen says so.
func TestOutsideEditIsSaid(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 200, 40)
	data, err := os.ReadFile(f.owner.Path())
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `title = "Partnership kickoff"`, `title = "Renamed by hand"`, 1)
	if err := os.WriteFile(f.owner.Path(), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := f.owner.Do(model.AddNote{Text: "said after the edit"}); err != nil {
		t.Fatal(err)
	}
	a = awaitUpdate(t, a, "the outside edit", func(u sessions.Update) bool { return hasEvent(u, sessions.EventOutsideEdit) })
	if v := a.View(); !strings.Contains(v, "changed outside Pit Stop") {
		t.Fatalf("the screen does not say the file was changed outside:\n%s", v)
	}
}

// News stands on the status bar for a few seconds, then the bar comes
// back: serving's "how to join" does not hide the stop, the save state and
// who joined until a key is pressed.
func TestBannerGivesTheStatusBarBack(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := New(f.owner, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Store: f.store, Hub: f.hub, Now: f.now, Tick: -1, TypingWindow: -1,
		Banner: "Serving on 127.0.0.1:2222: ? says how to join."})
	a = sized(a, 120, 40)
	tick := func(at time.Time) {
		m, _ := a.Update(tickMsg(at))
		a = m.(App)
	}
	start := time.Now()
	tick(start)
	if v := a.View(); !strings.Contains(v, "Serving on 127.0.0.1:2222") {
		t.Fatalf("the news is not on the status bar:\n%s", v)
	}
	tick(start.Add(2 * time.Second))
	tick(start.Add(5 * time.Second))
	if v := a.View(); strings.Contains(v, "Serving on") || !strings.Contains(v, "stop 1/7") {
		t.Fatalf("after five seconds the status bar should be back:\n%s", v)
	}
}

// Who else is here is on the status bar at every width that has room for
// a count: names as they fit, then how many.
func TestStatusBarNamesWhoIsHere(t *testing.T) {
	f := newFixture(t, t0, nil)
	for _, who := range []model.Actor{{Role: model.RoleNotes, Name: "dana"}, {Role: model.RoleViewer, Name: "room"}} {
		c, err := f.hub.Open(f.store, f.owner.Path(), who)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Leave() })
	}
	for deadline := time.Now().Add(5 * time.Second); len(f.owner.Current().Present) < 3; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the others never joined")
		}
	}
	for _, c := range []struct {
		w    int
		want string
	}{{200, "with dana (note-taker), room (viewer)"}, {120, "with dana"}, {100, "with dana"}, {60, "with dana"}, {40, "with 2 others"}} {
		a := sized(New(f.owner, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: f.now, Tick: -1, TypingWindow: -1}), c.w, 30)
		lines := strings.Split(a.View(), "\n")
		if bar := lines[len(lines)-2]; !strings.Contains(bar, c.want) || !strings.Contains(bar, "stop 1/7") {
			t.Errorf("at %d columns the status bar does not say %q: %q", c.w, c.want, bar)
		}
	}
}

// At 80x24 with the board strip, the newest note shows with a line
// saying how many older ones are above.
func TestOlderNotesAreSaidAt80x24(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, notes(10)...)
		apply(t, s, t0, model.AddAgreement{Text: "x"}, model.AddTension{Text: "y"}, model.AddCommitment{Text: "z"}, model.StartTimer{})
	})
	if v := sized(f.app(model.RoleFacilitator), 80, 24).View(); !strings.Contains(v, "↑ 9 older") || !strings.Contains(v, "Note 10") {
		t.Fatalf("no word of the older notes:\n%s", v)
	}
}

// A session open read-only offers on its help line only what works there:
// looking through, never changing.
func TestReadOnlyHelpOffersOnlyWhatWorks(t *testing.T) {
	f := newFixture(t, t0, nil)
	other := sessions.NewHub(sessions.ClockOf(f.now))
	c, err := other.Review(f.store, f.owner.Path(), model.Facilitator, "it is open in another Pit Stop", true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	a := sized(New(c, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: f.now, Tick: -1, TypingWindow: -1}), 200, 40)
	a = drive(t, a, "x") // a key that is none: the banner gives way to the help line
	lines := strings.Split(a.View(), "\n")
	help := lines[len(lines)-1]
	for _, offered := range []string{"start/pause timer", "write a note", "agreement", "add a minute", "next stop"} {
		if strings.Contains(help, offered) {
			t.Errorf("read-only, the help line offers %q: %q", offered, help)
		}
	}
	if !strings.Contains(help, "presenter view") || !strings.Contains(help, "? all keys") {
		t.Errorf("read-only, the help line should still offer looking: %q", help)
	}
	a = drive(t, a, "?")
	if v := a.View(); strings.Contains(v, "start/pause timer") || !strings.Contains(v, "presenter view") {
		t.Errorf("read-only, the help page offers changes:\n%s", v)
	}
}

// A search match opened from the browser shows its entry: a board item
// picked on the board, a note picked at its stop, or, at a stop the room is
// not at, where it is.
func TestFocusShowsTheEntry(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddAgreement{Text: "first"}, model.AddTension{Text: "Who decides on money?"}, model.AddNote{Text: "said here"})
		apply(t, s, t0, model.NextStop{}, model.AddNote{Text: "said later"})
	})
	open := func(id string) App {
		return sized(New(f.client(t, model.RoleFacilitator), Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: f.now, Tick: -1, TypingWindow: -1, Focus: id}), 120, 40)
	}
	if a := open("2"); a.screenShown() != boardScreen || !strings.Contains(a.View(), "› ◆ Who decides on money?") {
		t.Fatalf("the tension is not picked on the board:\n%s", a.View())
	}
	if a := open("4"); !stopOf(a).selecting || !strings.Contains(a.View(), "› ") {
		t.Fatalf("the note at the room's stop is not picked:\n%s", a.View())
	}
	if a := open("3"); !strings.Contains(a.View(), "That note was taken at Belonging; the room is at Reflection & Accountability.") {
		t.Fatalf("a note at another stop should say where it is:\n%s", a.View())
	}
}
