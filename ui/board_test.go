package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"pitstop/model"
	"pitstop/sessions"
)

// fillBoard adds n agreements, n tensions and n commitments spread over
// the stops, with some resolved, done, owned, due and overdue.
func fillBoard(t testing.TB, s *model.Session, n int) {
	at := t0
	for i := 1; i <= n; i++ {
		stop := s.Stops[i%len(s.Stops)].Key
		apply(t, s, at,
			model.AddAgreement{Stop: stop, Text: fmt.Sprintf("Agreement %d: we say what we need early", i)},
			model.AddTension{Stop: stop, Text: fmt.Sprintf("Tension %d: who decides when budgets move?", i)},
		)
		owner, due := "", ""
		if i%3 != 0 {
			owner = []string{"Dana", "Lee", "Ana K", "Sam"}[i%4]
		}
		if i%2 == 0 {
			due = model.DateOf(t0).AddDays(i - 3).String() // a few already overdue
		}
		apply(t, s, at, model.AddCommitment{Stop: stop, Text: fmt.Sprintf("Commitment %d: send the draft around", i), Owner: owner, Due: due})
		if i%4 == 0 {
			apply(t, s, at, model.ResolveTension{ID: s.Tensions[len(s.Tensions)-1].ID})
		}
		if i%5 == 0 {
			apply(t, s, at, model.SetCommitmentStatus{ID: s.Commitments[len(s.Commitments)-1].ID, Status: model.CommitmentDone})
		}
	}
}

func boardApp(t testing.TB, n int) (*fixture, App) {
	f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) { fillBoard(t, s, n) }, sessions.WithSaveBeforeShown())
	a := f.soleApp()
	m, _ := a.Update(keyMsg("b"))
	return f, m.(App)
}

func TestGoldenBoard(t *testing.T) {
	cases := []struct {
		name  string
		items int
		size  [2]int
		keys  []string
	}{
		{"empty", 0, [2]int{80, 24}, nil},
		{"empty", 0, [2]int{160, 45}, nil},
		{"typical", 10, [2]int{80, 24}, []string{"l", "j"}},
		{"typical", 10, [2]int{160, 45}, []string{"l", "l", "j", "j"}},
		{"overflowing", 500, [2]int{80, 24}, nil},
		{"overflowing", 500, [2]int{160, 45}, nil},
		{"narrow", 10, [2]int{50, 30}, []string{"j"}},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/%dx%d", tc.name, tc.size[0], tc.size[1]), func(t *testing.T) {
			_, a := boardApp(t, tc.items)
			a = sized(a, tc.size[0], tc.size[1])
			keys := tc.keys
			if tc.name == "overflowing" { // scrolled to the middle of every column
				for col := 0; col < columnCount; col++ {
					for i := 0; i < 250; i++ {
						keys = append(keys, "j")
					}
					keys = append(keys, "l")
				}
			}
			for _, k := range keys {
				m, _ := a.Update(keyMsg(k))
				a = m.(App)
			}
			view := a.View()
			checkFits(t, view, tc.size[0], tc.size[1])
			golden.RequireEqual(t, []byte(view))
		})
	}
}

func TestBoardShowsWhatMatters(t *testing.T) {
	_, a := boardApp(t, 10)
	v := sized(a, 200, 60).View()
	for _, want := range []string{"AGREEMENTS (10)", "TENSIONS (10)", "COMMITMENTS (10)", "✓ resolved", "☑ done", "needs an owner", "past due since", "@Dana", " Nov"} {
		if !strings.Contains(v, want) {
			t.Errorf("board lacks %q", want)
		}
	}
	// Dates read as people write them, the year only when it is not this
	// year's: never the file's 2026-11-22.
	if strings.Contains(v, "due 2026-") {
		t.Errorf("a due date in the file's form:\n%s", v)
	}
	// Commitments: open by due date first, no date after, done ones last.
	s := a.state.Session
	var order []string
	for _, i := range boardOf(a).rows[colCommitments] {
		c := s.Commitments[i]
		order = append(order, string(c.Status)+"/"+c.Due.String())
	}
	last := ""
	seenNoDate, seenDone := false, false
	for _, o := range order {
		status, due, _ := strings.Cut(o, "/")
		switch {
		case status != "open":
			seenDone = true
		case seenDone:
			t.Fatalf("open after done: %v", order)
		case due == "":
			seenNoDate = true
		case seenNoDate || due < last:
			t.Fatalf("commitments out of order: %v", order)
		default:
			last = due
		}
	}
}

// drive sends keys through the app, running the commands they start, so
// that board changes reach the session owner and come back as updates.
func drive(t *testing.T, a App, keys ...string) App {
	t.Helper()
	for _, k := range keys {
		m, cmd := a.Update(keyMsg(k))
		a = m.(App)
		for _, msg := range runAll(t, cmd) {
			if _, isUpdate := msg.(sessionUpdatedMsg); isUpdate {
				continue
			}
			m, _ := a.Update(msg)
			a = m.(App)
		}
		a = a.setState(a.session.Current()) // as the subscription would
	}
	return a
}

func typeText(t *testing.T, a App, text string) App {
	m, _ := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)})
	return m.(App)
}

func TestBoardKeys(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "b", "a")
	a = typeText(t, a, "Start on time")
	a = drive(t, a, "enter", "t")
	a = typeText(t, a, "Who decides?")
	a = drive(t, a, "enter", "c")
	a = typeText(t, a, "Share the budget draft @Dana due:2026-12-05")
	a = drive(t, a, "enter", "c")
	a = typeText(t, a, "Book a room due:someday")
	a = drive(t, a, "enter")
	if a.input == nil || !strings.Contains(a.input.err, "due:fri") || a.input.value() != "Book a room due:someday" {
		t.Fatalf("a bad date must be refused with the forms, keeping the text: %+v", a.input)
	}
	a = drive(t, a, "esc", "y") // throw it away
	s := f.owner.Current().Session
	if len(s.Agreements) != 1 || len(s.Tensions) != 1 || len(s.Commitments) != 1 || s.Commitments[0].Owner != "Dana" || s.Commitments[0].Due.String() != "2026-12-05" {
		t.Fatalf("board after capture: %+v %+v %+v", s.Agreements, s.Tensions, s.Commitments)
	}
	// Resolve the tension by the selected agreement.
	a = drive(t, a, "l", "r", "l")
	if tn := f.owner.Current().Session.Tensions[0]; tn.Status != model.TensionResolved || tn.ResolvedBy != s.Agreements[0].ID {
		t.Fatalf("tension = %+v", tn)
	}
	// Done, owner and due on the commitment.
	a = drive(t, a, "l", "v", "o")
	a.input.area.SetValue("@Lee")
	a = drive(t, a, "enter", "D")
	a.input.area.SetValue("tomorrow")
	a = drive(t, a, "enter")
	c := f.owner.Current().Session.Commitments[0]
	if c.Status != model.CommitmentDone || c.Owner != "Lee" || c.Due != model.DateOf(t0).AddDays(1) {
		t.Fatalf("commitment = %+v", c)
	}
	// Edit the text.
	a = drive(t, a, "enter")
	a.input.area.SetValue("Share the final budget")
	a = drive(t, a, "enter")
	if got := f.owner.Current().Session.Commitments[0].Text; got != "Share the final budget" {
		t.Fatalf("text = %q", got)
	}
	// Delete asks; undo brings it back.
	a = drive(t, a, "d")
	if a.question == nil {
		t.Fatal("delete must ask")
	}
	a = drive(t, a, "y")
	if n := len(f.owner.Current().Session.Commitments); n != 0 {
		t.Fatalf("%d commitments after delete", n)
	}
	a = drive(t, a, "u")
	if n := len(f.owner.Current().Session.Commitments); n != 1 {
		t.Fatalf("%d commitments after undo", n)
	}
	// Move the agreement to the tensions.
	a = drive(t, a, "h", "h", "m", "t")
	s = f.owner.Current().Session
	if len(s.Agreements) != 0 || len(s.Tensions) != 2 {
		t.Fatalf("after move: %d agreements, %d tensions", len(s.Agreements), len(s.Tensions))
	}
	// Filter and search only change what is shown.
	a = drive(t, a, "f")
	if boardOf(a).filter != "belonging" || len(boardOf(a).rows[colTensions]) != 2 {
		t.Fatalf("filter %q rows %v", boardOf(a).filter, boardOf(a).rows)
	}
	a = drive(t, a, "f")
	if len(boardOf(a).rows[colTensions]) != 0 {
		t.Fatal("filter on reflection should hide belonging's items")
	}
	for i := 0; i < 6; i++ {
		a = drive(t, a, "f")
	}
	if boardOf(a).filter != "" {
		t.Fatalf("filter should cycle back to every stop, is %q", boardOf(a).filter)
	}
	a = drive(t, a, "/")
	a = typeText(t, a, "WHO")
	if len(boardOf(a).rows[colTensions]) != 1 || len(boardOf(a).rows[colCommitments]) != 0 {
		t.Fatalf("search rows %v", boardOf(a).rows)
	}
	a = drive(t, a, "esc")
	if boardOf(a).query != "" || len(boardOf(a).rows[colTensions]) != 2 {
		t.Fatal("esc clears the search")
	}
	if a = drive(t, a, "esc"); a.screenShown() != stopScreen {
		t.Fatal("esc leaves the board")
	}
	if v := a.View(); !strings.Contains(v, "Board: 0 agreements · 1 open tension · 1 commitment (0 open)") {
		t.Fatalf("no board strip on the stop view:\n%s", v)
	}
}

func TestBoardLive(t *testing.T) {
	f := newFixture(t, t0, nil)
	tm := run(t, f.app(model.RoleFacilitator), 120, 30, "STOP 1 OF 7")
	press(tm, "b")
	waitText(t, tm, "AGREEMENTS (0)")
	// A change made elsewhere (another view, a note-taker) shows up without
	// a key press.
	if err := f.owner.Do(model.AddAgreement{Text: "Made by someone else"}); err != nil {
		t.Fatal(err)
	}
	waitAll(t, tm, "AGREEMENTS (1)", "Made by someone else")
	finalView(t, tm)
}

// A key that changes only the board draws a new frame at once, also the
// first one (the frame cache once missed the board's own state).
func TestBoardFirstKeyRedraws(t *testing.T) {
	for _, keys := range [][]string{{"j"}, {"l"}, {"f"}, {"/", "A"}} {
		_, a := boardApp(t, 3)
		a = sized(a, 120, 40)
		before := a.View()
		if keys[0] == "/" {
			// The box drawn over the board is not what is looked at here.
			a = drive(t, a, "/")
			before = a.body(118, 38)
			a = drive(t, a, keys[1:]...)
			if a.body(118, 38) == before {
				t.Errorf("searching did not change the board")
			}
			continue
		}
		if a = drive(t, a, keys...); a.View() == before {
			t.Errorf("%v did not change the frame", keys)
		}
	}
}

// On a window too short for three stacked columns, the one in focus is
// shown, so the selection is never off screen; and a column longer than
// the screen says how many more rows are below.
func TestBoardShortWindowShowsFocusedColumn(t *testing.T) {
	_, a := boardApp(t, 10)
	a = sized(a, 80, 12)
	a = drive(t, a, "h") // from agreements round to commitments
	v := a.View()
	if !strings.Contains(v, "▶ COMMITMENTS (10)") || strings.Contains(v, "AGREEMENTS") || !strings.Contains(v, "↓ ") {
		t.Fatalf("the focused column should be on screen, alone, with how many more:\n%s", v)
	}
	_, long := boardApp(t, 100)
	for _, size := range [][2]int{{160, 45}, {80, 24}} {
		if v := sized(long, size[0], size[1]).View(); !strings.Contains(v, "more") {
			t.Errorf("%v: no \"↓ more\" under a long column:\n%s", size, v)
		}
	}
}

// On a closed session's board, every key that would change it (undo too)
// asks first whether to reopen the session; looking around does not.
func TestClosedBoardAsksBeforeChanges(t *testing.T) {
	f := newFixture(t, t0.Add(time.Hour), func(s *model.Session) {
		fillBoard(t, s, 3)
		apply(t, s, t0.Add(time.Hour), model.CloseSession{})
	})
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "esc", "b", "j", "l", "f")
	if a.screenShown() != boardScreen {
		t.Fatal("not on the board")
	}
	if a.question != nil {
		t.Fatal("moving around a closed board should not ask anything")
	}
	for _, k := range []string{"u", "v", "d", "a", "w"} {
		b := drive(t, a, k)
		if b.question == nil || !strings.Contains(b.question.text, "Reopen it to change something?") {
			t.Errorf("%q on a closed board should ask to reopen", k)
		}
	}
}

// The selected row stays in view when the window shrinks after the
// selection moved.
func TestBoardSelectionStaysInViewOnResize(t *testing.T) {
	_, a := boardApp(t, 40)
	a = sized(a, 100, 45)
	keys := []string{"l", "l"}
	for i := 0; i < 39; i++ {
		keys = append(keys, "j")
	}
	a = drive(t, a, keys...)
	v := sized(a, 100, 24).View()
	row := false // the selected row itself, not the detail line below the columns
	for _, mark := range []string{"› ☐", "› ☑", "› ✗", "› ⚠"} {
		row = row || strings.Contains(v, mark)
	}
	if !row {
		t.Fatalf("the selected row went off screen:\n%s", v)
	}
}

// An item records the stop the room was at when it was captured, from the
// stop view and from the board alike; the stop view's strip shows the
// latest of each kind; arrows move like h/j/k/l.
func TestCaptureAtALaterStop(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "]", "]", "a")
	a = typeText(t, a, "Start on time")
	a = drive(t, a, "enter", "b", "t")
	a = typeText(t, a, "Who decides?")
	a = drive(t, a, "enter", "c")
	a = typeText(t, a, "Send the notes @Dana")
	a = drive(t, a, "enter")
	s := f.owner.Current().Session
	for _, st := range []string{s.Agreements[0].Stop, s.Tensions[0].Stop, s.Commitments[0].Stop} {
		if st != "intentionality" {
			t.Fatalf("recorded at %q, want intentionality", st)
		}
	}
	a = drive(t, a, "right", "right")
	if v := a.View(); !strings.Contains(v, "▶ COMMITMENTS (1)") || !strings.Contains(v, "raised at Intentionality") {
		t.Fatalf("arrows should move between columns, and the detail name the stop:\n%s", v)
	}
	a = drive(t, a, "left")
	if v := a.View(); !strings.Contains(v, "▶ TENSIONS (1)") {
		t.Fatalf("left arrow:\n%s", v)
	}
	a = drive(t, a, "b")
	if v := a.View(); !strings.Contains(v, "✔ Start on time   ◆ Who decides?   ☐ Send the notes @Dana") {
		t.Fatalf("the strip should show the latest of each kind:\n%s", v)
	}
}

// A tension moved to the agreements says on the board that it was one.
func TestMovedTensionShowsItsPast(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) { apply(t, s, t0, model.AddTension{Text: "Who decides?"}) })
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "b", "l", "m", "a", "h")
	if v := a.View(); !strings.Contains(v, "✔ Who decides? (was a tension)") || !strings.Contains(v, "agreement · was a tension") {
		t.Fatalf("no trace of the tension it was:\n%s", v)
	}
}

// A row gives the words their share before the facts, which are said more
// briefly first: at 100 and 120 columns the words of a carried, dated
// commitment are not cut to nothing.
func TestBoardRowsGiveTheWordsTheirShare(t *testing.T) {
	today := model.DateOf(t0)
	due, _ := model.ParseDate("2027-12-05")
	c := model.Commitment{Item: model.Item{Text: "Send the budget draft to the partners"}, Owner: "Ana", Due: due, Status: model.CommitmentOpen, CarriedFrom: "earlier"}
	for _, w := range []int{30, 38, 46, 60} {
		text, tail := rowWords(c.Text, commitmentFacts(c, today), w)
		if got := lipgloss.Width(text) + lipgloss.Width(tail); got > w {
			t.Errorf("%d columns: %d used: %q%q", w, got, text, tail)
		}
		if share := min(lipgloss.Width(c.Text), max(10, w*2/5)); lipgloss.Width(text) < share {
			t.Errorf("%d columns: the words %q got less than their share %d (facts %q)", w, text, share, tail)
		}
		if !strings.Contains(tail, "@Ana") {
			t.Errorf("%d columns: the owner went: %q", w, tail)
		}
	}
}

// The stop's board strip marks the latest tension by its state, and the
// board's detail of a resolved tension names the agreement that resolved it.
func TestResolvedTensionSaysSo(t *testing.T) {
	f := newFixture(t, t0, func(s *model.Session) {
		apply(t, s, t0, model.AddAgreement{Text: "We decide budgets together"}, model.AddTension{Text: "Who decides when budgets move?"},
			model.ResolveTension{ID: "2", By: "1"})
	})
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	if v := a.View(); !strings.Contains(v, "✓ resolved: Who decides") || strings.Contains(v, "◆ Who decides") {
		t.Fatalf("the strip marks a resolved tension as open:\n%s", v)
	}
	a = drive(t, a, "b", "l")
	if v := a.View(); !strings.Contains(v, "resolved by “We decide budgets together”") {
		t.Fatalf("the detail does not say what resolved it:\n%s", v)
	}
}

// The room's time is on the board and in the check, and the keys that run
// the room work there: a stop never runs on unseen.
func TestRoomTimeOnEveryPage(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	for _, page := range [][]string{{"b"}, {"h"}, {"h", "tab"}, {"h", "tab", "tab"}} {
		b := drive(t, a, page...)
		if v := b.View(); !strings.Contains(v, "Belonging  15:00  ▷ ready") {
			t.Fatalf("after %v the room's time is not shown:\n%s", page, v)
		}
		b = drive(t, b, "space")
		s := eventually(t, f, "the timer running", func(s *model.Session) bool { return s.CurrentStop().Timer.Running() })
		if b.screenShown() == stopScreen {
			t.Fatalf("space after %v left the page", page)
		}
		b = drive(t, b, "space", "]")
		s = eventually(t, f, "the next stop", func(s *model.Session) bool { return s.Current == 1 })
		if s.CurrentStop().Timer.Running() {
			t.Fatal("the timer still runs")
		}
		drive(t, b, "[")
		eventually(t, f, "back", func(s *model.Session) bool { return s.Current == 0 })
	}
}

// A due date already gone by (a year typed wrong) is asked about once:
// no keeps the words in the box to change, yes keeps the date.
func TestPastDueDateIsAskedAbout(t *testing.T) {
	f := newFixture(t, t0, nil)
	a := sized(f.app(model.RoleFacilitator), 120, 40)
	a = drive(t, a, "c")
	a = typeText(t, a, "Send the notes @Dana due:2025-11-22")
	a = drive(t, a, "enter")
	if a.question == nil || !strings.Contains(a.question.text, "Due 22 Nov 2025 is a year ago") {
		t.Fatalf("a date a year ago should be asked about: %+v", a.question)
	}
	a = drive(t, a, "n")
	if a.input == nil || a.input.value() != "Send the notes @Dana due:2025-11-22" || len(f.owner.Current().Session.Commitments) != 0 {
		t.Fatal("no should keep the words in the box, and add nothing")
	}
	a = drive(t, a, "enter", "y")
	eventually(t, f, "the commitment kept as typed", func(s *model.Session) bool {
		return len(s.Commitments) == 1 && s.Commitments[0].Due.String() == "2025-11-22"
	})
	// Its own date again, when edited, is not asked about.
	a = drive(t, a, "b", "l", "l", "enter", "enter")
	if a.question != nil {
		t.Fatalf("editing a commitment that keeps its date asked: %s", a.question.text)
	}
}
