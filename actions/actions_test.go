package actions

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pitstop/model"
)

var update = flag.Bool("update", false, "rewrite the README's table of keys and words from the table")

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("", -5*3600))

// Every action has both ways in, a key and a word, or says why not; and
// says it only when it is so.
func TestEveryKeyHasAWordAndEveryWordAKey(t *testing.T) {
	for _, a := range All {
		hasKeys, hasWord := len(a.Keys) > 0, len(a.Names()) > 0
		switch {
		case !hasKeys && !hasWord:
			t.Errorf("%s has neither keys nor a word", a.ID)
		case hasKeys && !hasWord && a.NoWord == "":
			t.Errorf("%s has keys but no word in plain lines, and no reason why (NoWord)", a.ID)
		case hasWord && !hasKeys && a.NoKey == "":
			t.Errorf("%s has a word but no key on the full screen, and no reason why (NoKey)", a.ID)
		case hasWord && a.NoWord != "":
			t.Errorf("%s has a word and still says it has none: %q", a.ID, a.NoWord)
		case hasKeys && a.NoKey != "":
			t.Errorf("%s has keys and still says it has none: %q", a.ID, a.NoKey)
		}
		if hasWord && a.Does == "" {
			t.Errorf("%s has a word but no help for it (Does)", a.ID)
		}
		for _, k := range a.Keys {
			if len(k.Keys) == 0 || k.Help == "" || k.Does == "" || len(k.Pages) == 0 {
				t.Errorf("%s has a key without keys, help, words or pages: %+v", a.ID, k)
			}
		}
		if a.Ask != nil && a.Yes == "" {
			t.Errorf("%s asks first but the line mode has no words for yes (Yes)", a.ID)
		}
		if a.Text != nil && a.Build == nil {
			t.Errorf("%s takes words but builds no command", a.ID)
		}
	}
}

// A word means one thing where it is typed, and a key one thing on a page.
func TestWordsAndKeysAreUnambiguous(t *testing.T) {
	for _, inCheck := range []bool{false, true} {
		seen := map[string]ID{}
		for _, a := range All.Words(inCheck) {
			for _, n := range a.Names() {
				if other, ok := seen[n]; ok {
					t.Errorf("the word %q is both %s and %s", n, other, a.ID)
				}
				seen[n] = a.ID
			}
		}
	}
	// Every page: the session's, the help, the box and the question.
	pages := slices.Concat(sessionPages, []Page{InHelp, InEntry, InQuestion})
	for _, p := range pages {
		seen := map[string]ID{}
		for _, a := range All {
			for _, k := range a.KeysOn(p) {
				for _, key := range k.Keys {
					if other, ok := seen[key]; ok && other != a.ID {
						t.Errorf("on %s the key %q is both %s and %s", p, key, other, a.ID)
					}
					seen[key] = a.ID
				}
			}
		}
	}
}

// The README's table is the table's: a change to one is a change to the
// other (go test ./actions -update rewrites the README's).
func TestREADMEAgreesWithTheTable(t *testing.T) {
	const (
		begin = "<!-- keys and words: made from actions/table.go; go test ./actions -update rewrites it -->\n"
		end   = "<!-- end of keys and words -->"
	)
	path := filepath.Join("..", "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("the README has no table of keys and words between %q and %q", begin, end)
	}
	want := All.Markdown()
	if got := readme[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(path, []byte(readme[:i+len(begin)]+want+readme[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the README's table of keys and words differs from the table (go test ./actions -update rewrites it):\n%s", diffLines(got, want))
	}
}

func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
		}
	}
	return strings.Join(out, "\n")
}

func TestLookup(t *testing.T) {
	for _, c := range []struct {
		typed   string
		inCheck bool
		want    ID
		fits    string
	}{
		{"nex", false, Next, ""},
		{"next", true, Choose, ""},
		{"note", false, Note, ""},
		{"note", true, OutcomeNote, ""},
		{"pause", false, Timer, ""},
		{"re", false, "", "redo, reopen, reset, resolve, restore, results, retire, reword"},
		{"undo", false, Undo, ""},
		{"redo", false, Redo, ""},
		{"rate", true, Rate, ""},
	} {
		found, _, fits := All.Lookup(c.typed, c.inCheck)
		switch {
		case c.want == "" && strings.Join(fits, ", ") != c.fits:
			t.Errorf("Lookup(%q) fits %v, want %s", c.typed, fits, c.fits)
		case c.want != "" && (found == nil || found.ID != c.want):
			t.Errorf("Lookup(%q, %v) = %v, want %s", c.typed, c.inCheck, found, c.want)
		}
	}
}

// newSession is a session of two stops.
func newSession(t *testing.T) *model.Session {
	t.Helper()
	s, err := model.NewSession("x", "Kickoff", "", "", []model.StopPlan{{Key: "a", Name: "Belonging", Planned: 15 * time.Minute}, {Key: "b", Name: "Trust", Planned: 20 * time.Minute}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAnnounce(t *testing.T) {
	s := newSession(t)
	me := model.Facilitator
	dana := model.Actor{Role: model.RoleNotes, Name: "dana"}
	today := model.DateOf(t0)
	do := func(by model.Actor, c model.Command) (model.Event, *model.Session) {
		before := s.Clone()
		ev, err := s.ApplyAs(by, c, t0)
		if err != nil {
			t.Fatal(err)
		}
		return ev, before
	}
	for _, c := range []struct {
		by   model.Actor
		cmd  model.Command
		want string
	}{
		{dana, model.AddNote{Text: "Being expected"}, "Note added by dana (note-taker): Being expected."},
		{dana, model.AddCommitment{Text: "Draft the MOU", Owner: "Dana", Due: "2026-12-04"}, "Commitment added by dana (note-taker): Draft the MOU, owner Dana, due Friday 4 December."},
		{me, model.AddAgreement{Text: "We share the agenda"}, "Agreement added by you: We share the agenda."},
		{me, model.AddTension{Text: "Who decides?"}, "Tension added by you: Who decides?"},
		{me, model.EditText{ID: "4", Text: "Who decides, and when."}, "Tension changed by you: Who decides, and when."},
		{me, model.StartTimer{}, "Timer started by you."},
		{me, model.PauseTimer{}, "Timer paused by you; 15 minutes planned."},
		{me, model.ExtendTimer{By: 2 * time.Minute}, "Planned time changed by you: 17 minutes now."},
		// The entry is named as it now is.
		{me, model.UndoBoard{}, "Undone by you: editing the tension “Who decides?” at Belonging."},
		{me, model.RedoBoard{}, "Done again by you: editing the tension “Who decides, and when.” at Belonging."},
		{me, model.NextStop{}, "Stop 2 of 2: Trust. 20 minutes planned."},
		{me, model.MarkOpened{}, ""},
	} {
		ev, before := do(c.by, c.cmd)
		if got := Announce(ev, before, s, me, today); got != c.want {
			t.Errorf("%T: %q, want %q", c.cmd, got, c.want)
		}
	}
	// What is deleted is said from the session as it was.
	id := s.Notes[0].ID
	ev, before := do(me, model.RemoveItem{ID: id})
	if got := Announce(ev, before, s, me, today); got != "Note deleted by you: Being expected." {
		t.Errorf("delete: %q", got)
	}
	// A viewer follows the room's view: no notes.
	if got := Announce(ev, before, s, model.Actor{Role: model.RoleViewer}, today); got != "" {
		t.Errorf("a viewer heard a note: %q", got)
	}
	ev, before = do(me, model.UndoBoard{})
	if got := Announce(ev, before, s, dana, today); got != "Undone by the facilitator: deleting the note “Being expected” at Belonging." {
		t.Errorf("undo of a delete: %q", got)
	}
	for _, c := range []struct {
		ev   model.Event
		want string
	}{
		{model.Event{Kind: model.EventTimeLow, Left: 4*time.Minute + 59*time.Second}, "5 minutes left."},
		{model.Event{Kind: model.EventTimeUp, Stop: 1}, "Time is up at Trust."},
		{model.Event{Kind: model.EventJoined, By: dana}, "dana (note-taker) joined."},
		{model.Event{Kind: model.EventLeft, By: model.Actor{Role: model.RoleViewer}}, "The viewer left."},
	} {
		if got := Announce(c.ev, s, s, me, today); got != c.want {
			t.Errorf("%s: %q, want %q", c.ev.Kind, got, c.want)
		}
	}
}

// Undo says what it undid on the screen that pressed it, and on the screen
// of the person whose entry it was.
func TestUndidSaysWhatAndWhere(t *testing.T) {
	s := newSession(t)
	dana := model.Actor{Role: model.RoleNotes, Name: "dana"}
	today := model.DateOf(t0)
	apply := func(by model.Actor, c model.Command) (model.Event, *model.Session) {
		t.Helper()
		before := s.Clone()
		ev, err := s.ApplyAs(by, c, t0)
		if err != nil {
			t.Fatal(err)
		}
		return ev, before
	}
	apply(dana, model.AddNote{Text: "I felt unheard", Said: "Lee"})
	apply(model.Facilitator, model.NextStop{})
	apply(model.Facilitator, model.EditNote{ID: "1", Text: "I felt unheard at first"})
	ev, before := apply(model.Facilitator, model.UndoBoard{})
	for _, c := range []struct {
		me   model.Actor
		want string
	}{
		{model.Facilitator, "Undone: editing the note “I felt unheard” at Belonging. U does it again."},
		{dana, "The facilitator undid editing the note “I felt unheard” at Belonging (your note)."},
		{model.Actor{Role: model.RoleNotes, Name: "sam"}, ""},
	} {
		if got := Undid(ev, before, s, c.me, today); got != c.want {
			t.Errorf("to %s: %q, want %q", c.me.Label(), got, c.want)
		}
	}
	ev, before = apply(model.Facilitator, model.RedoBoard{})
	if got := Undid(ev, before, s, model.Facilitator, today); got != "Done again: editing the note “I felt unheard at first” at Belonging. u undoes it." {
		t.Errorf("redo: %q", got)
	}
}

// A go-around mark undone says whose turn and where; what is announced
// of marks, norms and definitions is said in words, never in codes.
func TestTheGoAroundAndTheTeamAreSaid(t *testing.T) {
	s := newSession(t)
	today := model.DateOf(t0)
	say := func(c model.Command) (model.Event, *model.Session) {
		t.Helper()
		before := s.Clone()
		ev, err := s.ApplyAs(model.Facilitator, c, t0)
		if err != nil {
			t.Fatal(err)
		}
		return ev, before
	}
	for _, c := range []struct {
		cmd  model.Command
		want string
	}{
		{model.SetRoster{Names: []string{"Ana", "Lee"}}, "The roster, set by you: Ana, Lee."},
		{model.MarkTurn{Name: "ana"}, "Ana spoke, marked by you."},
		{model.MarkTurn{Name: "Lee", Passed: true}, "Lee passed, marked by you."},
		{model.AddAgreement{Text: "We start on time"}, "Agreement added by you: We start on time."},
		{model.MakeNorm{Agreement: "1"}, "A norm of the team now, by you: We start on time."},
		{model.EditNorm{ID: "n1", Text: "We start and end on time"}, "Norm reworded by you: We start and end on time."},
		{model.RetireNorm{ID: "n1"}, "Norm retired by you: We start and end on time."},
		// Each time as it is: the words of one are not kept for the next.
		{model.RetireNorm{ID: "n1", Restore: true}, "Norm let stand again by you: We start and end on time."},
		{model.RetireNorm{ID: "n1"}, "Norm retired by you: We start and end on time."},
		{model.Define{Concept: "respect", Text: "We let each other finish"}, "What the team means by respect, written by you: We let each other finish."},
	} {
		ev, before := say(c.cmd)
		if got := Announce(ev, before, s, model.Facilitator, today); got != c.want {
			t.Errorf("%T: %q, want %q", c.cmd, got, c.want)
		}
	}
	s = newSession(t)
	say(model.SetRoster{Names: []string{"Ana", "Lee"}})
	say(model.MarkTurn{Name: "Lee", Passed: true})
	ev, before := say(model.UndoBoard{})
	if got := Undid(ev, before, s, model.Facilitator, today); got != "Undone: marking that Lee passed at Belonging. U does it again." {
		t.Errorf("undoing a pass: %q", got)
	}
}

// Every page of a session has a part of the README's table, so that no
// key is left out of it: the pages added later (the room's notes, the
// go-around, the team's page) once were.
func TestEveryPageHasItsPartOfTheREADME(t *testing.T) {
	listed := map[Page]bool{}
	for _, sec := range sections {
		for _, p := range sec.pages {
			listed[p] = true
		}
	}
	for _, p := range slices.Concat(sessionPages, []Page{InHelp, InEntry, InQuestion}) {
		if listed[p] {
			continue
		}
		for _, a := range All {
			if len(a.KeysOn(p)) > 0 && !everywhere(a) {
				t.Errorf("the key of %s on page %s is in no part of the README's table", a.ID, p)
			}
		}
	}
}
