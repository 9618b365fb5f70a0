package ui

import (
	"strings"
	"testing"

	"pitstop/internal/qrcode"
	"pitstop/model"
)

// caughtUp is the app once it has the session's latest state, as the
// subscription would bring it.
func caughtUp(a App) App { return a.setState(a.session.Current()) }

func roomSends(t *testing.T, f *fixture, cmds ...model.Command) {
	t.Helper()
	page := f.client(t, model.RoleParticipant)
	for _, c := range cmds {
		if err := page.Do(c); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
}

func TestNotesFromTheRoomWaitToBeLetThrough(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleNotes), 100, 30)
	roomSends(t, f, model.SendRoomNote{Text: "We keep hearing from the same three people"}, model.SendRoomNote{Text: "Dana is great (names stay out)"}, model.SendRoomNote{Text: "Can we take a break?"})
	a = caughtUp(a)
	if v := a.View(); !strings.Contains(v, "3 waiting from the room (R)") || strings.Contains(v, "same three people") {
		t.Fatalf("the status bar should count the notes waiting, and the stop view not show them:\n%s", v)
	}
	a = drive(t, a, "R")
	v := a.View()
	for _, want := range []string{"FROM THE ROOM", "3 waiting from the room", "› 10:00 at Belonging", "same three people", "the room sees them"} {
		if !strings.Contains(v, want) {
			t.Errorf("the room's notes lack %q:\n%s", want, v)
		}
	}
	a = drive(t, a, "l") // the first, as it is
	a = drive(t, a, "x") // the second, discarded: the pick moved on to it
	a = drive(t, a, "e")
	if a.input == nil || !strings.Contains(a.View(), "Can we take a break?") {
		t.Fatalf("e should open the note to mend:\n%s", a.View())
	}
	a = drive(t, a, "ctrl+u")
	for _, r := range "A break at eleven?" {
		a = drive(t, a, string(r))
	}
	a = drive(t, a, "enter")
	s := f.owner.Current().Session
	if len(s.Room.Held) != 0 || len(s.Notes) != 2 {
		t.Fatalf("held %v, notes %+v", s.Room.Held, s.Notes)
	}
	for _, n := range s.Notes {
		if n.Role != string(model.RoleParticipant) || n.Author != "" || strings.Contains(n.Text, "Dana") {
			t.Errorf("let through as %+v", n)
		}
	}
	if s.Notes[1].Text != "A break at eleven?" {
		t.Errorf("the mended note reads %q", s.Notes[1].Text)
	}
	a = drive(t, a, "esc")
	if v := a.View(); a.screenShown() != stopScreen || !strings.Contains(v, "10:00 from the room") || strings.Contains(v, "waiting from the room") {
		t.Fatalf("back at the stop, the notes let through show as from the room:\n%s", v)
	}
}

func TestTheRoomsNotesAreNotForTheViewer(t *testing.T) {
	f := newFixture(t, t0, nil)
	roomSends(t, f, model.SendRoomNote{Text: "private"})
	a := caughtUp(sized(f.app(model.RoleViewer), 100, 30))
	a = drive(t, a, "R")
	if v := a.View(); a.screenShown() == roomScreen || strings.Contains(v, "private") || strings.Contains(v, "waiting from the room") {
		t.Fatalf("a viewer saw the room's held notes:\n%s", v)
	}
}

func TestTheCheckOpenedToTheRoom(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "h", "o")
	first := f.workshop.Outcomes[0]
	s := f.owner.Current().Session
	if !s.Room.IsOpen(first.Key) {
		t.Fatalf("o did not open %q to the room: %v", first.Key, s.Room.Open)
	}
	a = caughtUp(a)
	if v := a.View(); !strings.Contains(v, "open to the room") {
		t.Fatalf("the check does not say the outcome is open:\n%s", v)
	}
	roomSends(t, f, model.AnswerRoom{Outcome: first.Key, Browser: "one", Score: 2}, model.AnswerRoom{Outcome: first.Key, Browser: "two", Score: 4})
	a = drive(t, a, "r")
	if v := a.View(); !strings.Contains(v, "only 2 answers") || !strings.Contains(v, "from 3 up") {
		t.Fatalf("revealing two answers should say why nothing shows:\n%s", v)
	}
	roomSends(t, f, model.AnswerRoom{Outcome: first.Key, Browser: "three", Score: 5}, model.AnswerRoom{Outcome: first.Key, Browser: "four", Score: 1})
	a = drive(t, a, "r")
	v := a.View()
	for _, want := range []string{"The room: 4 answered, from 1 to 5; the middle answer is 3.", "The room is divided on this one: 2 of 4 said 1 or 2, and 2 said 4 or 5.", "the room: median 3"} {
		if !strings.Contains(v, want) {
			t.Errorf("the revealed answers lack %q:\n%s", want, v)
		}
	}
	// The group still sets its own score after seeing the spread.
	a = drive(t, a, "4")
	if r, _ := f.owner.Current().Session.RatingOf(first.Key); r.Score != 4 || r.Room != (model.Counts{1, 1, 0, 1, 1}) {
		t.Fatalf("rating %+v", r)
	}
	a = drive(t, a, "O")
	if open := f.owner.Current().Session.Room.Open; len(open) != len(f.workshop.Outcomes) {
		t.Fatalf("O opened %d of %d outcomes", len(open), len(f.workshop.Outcomes))
	}
	a = drive(t, a, "x", "y")
	if open := f.owner.Current().Session.Room.Open; len(open) != len(f.workshop.Outcomes)-1 {
		t.Fatalf("x y should close the outcome picked, unshown: %d open", len(open))
	}
}

func TestThePresenterShowsTheRoomsWordsWithoutNames(t *testing.T) {
	f := newFixture(t, t0, nil)
	roomSends(t, f, model.SendRoomNote{Text: "Start with a round of names"}, model.SendRoomNote{Text: "never shown"})
	held := f.owner.Current().Session.Room.Held
	if err := f.owner.Do(model.LetThrough{ID: held[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := f.owner.Do(model.AddNote{Text: "the facilitator's own note", Said: "Ana"}); err != nil {
		t.Fatal(err)
	}
	a := caughtUp(sized(f.app(model.RoleFacilitator), 160, 45))
	a = drive(t, a, "p")
	v := a.View()
	if !strings.Contains(v, "From the room") || !strings.Contains(v, "“Start with a round of names”") {
		t.Fatalf("the presenter lacks the note let through:\n%s", v)
	}
	for _, never := range []string{"never shown", "facilitator's own note", "Ana"} {
		if strings.Contains(v, never) {
			t.Errorf("the presenter shows %q:\n%s", never, v)
		}
	}
	if a = drive(t, a, "j"); !strings.Contains(a.View(), "not served") {
		t.Errorf("j without a page should say it is not served:\n%s", a.View())
	}
}

func TestThePresenterShowsHowToJoin(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := New(f.owner, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: f.now, Tick: -1, TypingWindow: -1, RoomPage: "http://192.168.1.20:8080/r/0123456789abcdef"})
	a = sized(a, 200, 60)
	a = drive(t, a, "p", "j")
	v := a.View()
	if !strings.Contains(v, "Join from your phone") || !strings.Contains(v, "http://192.168.1.20:8080/r/0123456789abcdef") || !strings.Contains(v, "██") {
		t.Fatalf("the presenter's join view lacks the address or the code:\n%s", v)
	}
	checkFits(t, v, 200, 60)
	a = sized(a, 80, 24)
	if v := a.View(); !strings.Contains(v, "http://192.168.1.20:8080/r/0123456789abcdef") {
		t.Fatalf("at 80x24 the address at least:\n%s", v)
	}
	if a = drive(t, a, "j"); strings.Contains(a.View(), "Join from your phone") {
		t.Fatal("j again should hide it")
	}
}

func TestTheHelpGivesTheParticipantsPageToScan(t *testing.T) {
	const url = "http://192.168.1.20:8080/r/0123456789abcdef"
	f := newFixture(t, t0, nil)
	a := New(f.owner, Options{Workshop: f.workshop, Renderer: asciiRenderer(), Now: f.now, Tick: -1, TypingWindow: -1, RoomPage: url})
	a = drive(t, sized(a, 120, 80), "?")
	v := a.View()
	code, err := qrcode.Lines(url, 1)
	if err != nil || len(code) == 0 {
		t.Fatalf("the code: %v", err)
	}
	if !strings.Contains(v, "The participants' page, to scan") {
		t.Fatalf("the help does not give the participants' page:\n%s", v)
	}
	for i, l := range code {
		if !strings.Contains(v, "  "+l) {
			t.Fatalf("the help lacks line %d of the code, at its smallest:\n%s", i, v)
		}
	}
	checkFits(t, v, 120, 80)
	if v := drive(t, sized(f.soleApp(), 120, 80), "?").View(); strings.Contains(v, "participants' page") || strings.Contains(v, "▀") {
		t.Fatalf("with no participants' page served, the help offers none:\n%s", v)
	}
}

func TestThePresenterShowsTheRoomsLatestWordsAtItsStop(t *testing.T) {
	f := newFixture(t, t0, nil)
	letAllThrough := func() {
		t.Helper()
		for _, h := range f.owner.Current().Session.Room.Held {
			if err := f.owner.Do(model.LetThrough{ID: h.ID}); err != nil {
				t.Fatal(err)
			}
		}
	}
	roomSends(t, f, model.SendRoomNote{Text: "said at the first stop"})
	letAllThrough()
	if err := f.owner.Do(model.NextStop{}); err != nil {
		t.Fatal(err)
	}
	roomSends(t, f, model.SendRoomNote{Text: "one"}, model.SendRoomNote{Text: "two"}, model.SendRoomNote{Text: "three"}, model.SendRoomNote{Text: "four"})
	letAllThrough()
	v := drive(t, caughtUp(sized(f.soleApp(), 160, 45)), "p").View()
	at := func(words string) int { return strings.Index(v, "“"+words+"”") }
	if at("four") < 0 || at("three") < at("four") || at("two") < at("three") {
		t.Fatalf("the presenter should show the room's latest three, newest first:\n%s", v)
	}
	if at("one") >= 0 || at("said at the first stop") >= 0 {
		t.Fatalf("the presenter shows an older note, or one from another stop:\n%s", v)
	}
}

func TestTheStatusBarCountsTheRoomsNotesOnlyForWhoMayLetThemThrough(t *testing.T) {
	f := newFixture(t, t0, nil)
	roomSends(t, f, model.SendRoomNote{Text: "private"})
	for _, tc := range []struct {
		role model.Role
		want bool
	}{{model.RoleFacilitator, true}, {model.RoleNotes, true}, {model.RoleViewer, false}} {
		a := caughtUp(sized(f.app(tc.role), 160, 30))
		// The bar itself: a viewer's screen shows it only over a box or a
		// question, so the view alone cannot tell.
		bar := a.statusBar(160)
		if got := strings.Contains(bar, "1 waiting from the room (R)"); got != tc.want {
			t.Errorf("%s: the status bar counts the room's notes: %v, want %v\n%s", tc.role, got, tc.want, bar)
		}
	}
}
