package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"pitstop/model"
	"pitstop/sessions"
)

// browserStore makes a sessions directory with n sessions of the given
// teams, a day apart, with a little of everything in them.
func browserStore(t testing.TB, n int, items int) *sessions.Store {
	t.Helper()
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := testWorkshop(t)
	teams := []string{"Harbor Team", "Riverside Partners", "Eastside Coalition"}
	titles := []string{"Partnership kickoff", "Budget check-in", "Trust retrospective"}
	for i := 0; i < n; i++ {
		at := t0.Add(time.Duration(i) * 24 * time.Hour)
		s, err := model.NewSession(fmt.Sprintf("s-%03d", i), titles[i%3], teams[i%3], "", w.Plans(), at)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, s, at, model.AddNote{Text: "People spoke about the budget and about trust."},
			model.AddCommitment{Text: "Send the notes", Owner: "Dana", Due: model.DateOf(at).AddDays(7).String()},
			model.AddCommitment{Text: "Book the next room", Due: model.DateOf(at).AddDays(-1).String()},
			model.AddTension{Text: "Who decides?"})
		apply(t, s, at.Add(time.Hour), model.SetCommitmentStatus{ID: "2", Status: model.CommitmentDone})
		for j := 0; j < items; j++ {
			apply(t, s, at, model.AddNote{Stop: s.Stops[j%7].Key, Text: fmt.Sprintf("note %d about belonging", j)})
		}
		if i%2 == 1 {
			apply(t, s, at.Add(2*time.Hour), model.NextStop{}, model.NextStop{})
		}
		// Written directly: a fixture needs no fsync, and 500 of them add up.
		data, err := st.Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(st.Path(s.ID), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func rootApp(t testing.TB, st *sessions.Store, w, h int) Root {
	r := NewRoot(st, Options{Workshop: testWorkshop(t), Renderer: asciiRenderer(), Now: func() time.Time { return t0.Add(10 * 24 * time.Hour) }, Tick: -1})
	m, _ := r.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m.(Root)
}

// loaded runs the root's first command (the listing) and what follows from
// it (the full listing, the team history), as the program would.
func loaded(t testing.TB, r Root) Root {
	return settle(t, r, r.Init())
}

// settle runs cmd and hands the browser's own results back to the root
// until there are no more.
func settle(t testing.TB, r Root, cmd tea.Cmd) Root {
	for _, msg := range runCmds(t, cmd) {
		switch msg.(type) {
		case summariesLoadedMsg, teamHistoryMsg, searchDoneMsg:
			m, next := r.Update(msg)
			r = settle(t, m.(Root), next)
		}
	}
	return r
}

// runCmds runs a command, and each of a batch, returning their messages;
// every one must finish.
func runCmds(t testing.TB, cmd tea.Cmd) []tea.Msg {
	return runCmdsWithin(t, cmd, 5*time.Second, true)
}

func rootKeys(t testing.TB, r Root, keys ...string) (Root, []tea.Msg) {
	var msgs []tea.Msg
	for _, k := range keys {
		m, cmd := r.Update(keyMsg(k))
		r = m.(Root)
		for _, msg := range runCmds(t, cmd) {
			switch msg.(type) {
			case searchDoneMsg, teamHistoryMsg:
				r = settle(t, r, func() tea.Msg { return msg })
			default:
				msgs = append(msgs, msg)
			}
		}
	}
	return r, msgs
}

func TestGoldenBrowser(t *testing.T) {
	cases := []struct {
		name   string
		n      int
		broken bool
		keys   []string
	}{
		{"empty", 0, false, nil},
		{"three", 3, false, []string{"down"}},
		{"five-hundred", 500, false, []string{"down", "down"}},
		{"broken-file", 3, true, nil},
		{"search", 3, false, []string{"s", "b", "u", "d", "g", "e", "t", "enter"}},
		{"filtered", 3, false, []string{"/", "r", "i", "v"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := browserStore(t, tc.n, 0)
			if tc.broken {
				os.WriteFile(filepath.Join(st.Dir(), "zz-broken.toml"), []byte("schema = 1\ntitle = \"never closed\n"), 0o644)
			}
			r := rootApp(t, st, 140, 30)
			if v := r.View(); !strings.Contains(v, "Loading sessions") {
				t.Fatalf("first frame should come before the list:\n%s", v)
			}
			r = loaded(t, r)
			r, _ = rootKeys(t, r, tc.keys...)
			view := r.View()
			checkFits(t, view, 140, 30)
			golden.RequireEqual(t, []byte(normalizeDir(view, st.Dir())))
		})
	}
}

// At 40x12 each row keeps the team's name, shortened, beside the title.
func TestGoldenBrowserNarrow(t *testing.T) {
	st := browserStore(t, 3, 0)
	r := loaded(t, rootApp(t, st, 40, 12))
	view := r.View()
	checkFits(t, view, 40, 12)
	for _, team := range []string{"Eastside", "Riverside", "Harbor Team"} {
		if !strings.Contains(view, team) {
			t.Errorf("the team %s is not listed:\n%s", team, view)
		}
	}
	golden.RequireEqual(t, []byte(normalizeDir(view, st.Dir())))
}

func TestBrowserOpensAndComesBack(t *testing.T) {
	st := browserStore(t, 3, 0)
	r := loaded(t, rootApp(t, st, 120, 30))
	// Newest first: s-002 is selected.
	r, msgs := rootKeys(t, r, "enter")
	if len(msgs) != 1 {
		t.Fatalf("enter should ask to open: %v", msgs)
	}
	open := msgs[0].(openSessionMsg)
	if open.id != "s-002" {
		t.Fatalf("opened %q", open.id)
	}
	m, cmd := r.Update(open)
	ready, _ := runWithin(cmd, 5*time.Second)
	m, _ = m.(Root).Update(ready)
	r = m.(Root)
	if r.app == nil || !strings.Contains(r.View(), "STOP 1 OF 7") {
		t.Fatalf("the session did not open:\n%s", r.View())
	}
	// q leaves the session (pausing nothing: no timer runs) and comes back.
	m, cmd = r.Update(keyMsg("q"))
	leave, _ := runWithin(cmd, time.Second)
	m, cmd = m.(Root).Update(leave)
	closed, _ := runWithin(cmd, 5*time.Second)
	m, cmd = m.(Root).Update(closed)
	list, _ := runWithin(cmd, 5*time.Second)
	m, _ = m.(Root).Update(list)
	r = m.(Root)
	if r.app != nil || r.Client() != nil || !strings.Contains(r.View(), "PIT STOP · SESSIONS") {
		t.Fatalf("not back in the browser:\n%s", r.View())
	}
	// The lock was given back.
	lock, err := st.Lock("s-002")
	if err != nil {
		t.Fatalf("the session is still locked: %v", err)
	}
	lock.Release()
}

func TestBrowserBrokenFileCannotBeOpened(t *testing.T) {
	st := browserStore(t, 0, 0)
	os.WriteFile(filepath.Join(st.Dir(), "broken.toml"), []byte("schema = 1\ntitle = \"never closed\n"), 0o644)
	r := loaded(t, rootApp(t, st, 120, 30))
	r, msgs := rootKeys(t, r, "enter")
	if len(msgs) != 0 {
		t.Fatalf("a broken file must not open: %v", msgs)
	}
	if v := r.View(); !strings.Contains(v, "This file cannot be opened") || !strings.Contains(v, "cannot be read") {
		t.Fatalf("no explanation:\n%s", v)
	}
}

func TestBrowserNewSession(t *testing.T) {
	st := browserStore(t, 3, 0)
	r := loaded(t, rootApp(t, st, 120, 30))
	r, _ = rootKeys(t, r, "N")
	m, _ := r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Next round")})
	r = m.(Root)
	r, _ = rootKeys(t, r, "enter")
	m, _ = r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("riv")})
	r = m.(Root)
	if v := r.View(); !strings.Contains(v, "tab: Riverside Partners") {
		t.Fatalf("no team suggestion:\n%s", v)
	}
	r, _ = rootKeys(t, r, "tab", "enter")
	if v := r.View(); !strings.Contains(v, "Team: Riverside Partners") || !strings.Contains(v, "Facilitator:") {
		t.Fatalf("no facilitator field:\n%s", v)
	}
	m, _ = r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Ana")})
	r = m.(Root)
	r, msgs := rootKeys(t, r, "enter")
	open := msgs[0].(openSessionMsg)
	if open.title != "Next round" || open.team != "Riverside Partners" || open.facilitator != "Ana" {
		t.Fatalf("new session request: %+v", open)
	}
	m, cmd := r.Update(open)
	ready, _ := runWithin(cmd, 5*time.Second)
	m, _ = m.(Root).Update(ready)
	r = m.(Root)
	s := r.Client().Current().Session
	if s.Title != "Next round" || s.Facilitator != "Ana" || len(s.Commitments) != 1 || s.Commitments[0].CarriedFrom != "s-001" {
		t.Fatalf("new session: %+v %+v", s.Title, s.Commitments)
	}
	if v := r.View(); !strings.Contains(v, "Carried 2 open items") {
		t.Fatalf("no word about what was carried:\n%s", v)
	}
	r.Client().Leave()
}

func TestBrowserQuit(t *testing.T) {
	r := loaded(t, rootApp(t, browserStore(t, 1, 0), 80, 24))
	_, cmd := r.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q quits the browser")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("want tea.Quit")
	}
	// While filtering, q and n are letters: they filter and never run a
	// command, even first.
	r, _ = rootKeys(t, r, "/")
	for _, k := range []string{"q", "N"} {
		m, cmd := r.Update(keyMsg(k))
		r = m.(Root)
		if cmd != nil && r.browser.mode == browseFilter {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatalf("%s while filtering quit", k)
			}
		}
		if r.browser.mode != browseFilter {
			t.Fatalf("%s while filtering left the filter (mode %d)", k, r.browser.mode)
		}
	}
	if r.browser.filter != "qN" {
		t.Fatalf("filter = %q", r.browser.filter)
	}
}

// BenchmarkBrowserFirstFrame is the browser's first frame with sessions in
// it, over 500 sessions of 300 items each, cold (no listing cache): the
// quick listing reads each file's sealed summary line. "hand-edited" is the
// same with every seal broken: the first frame then lists none of them and
// says it is reading them, and BenchmarkBrowserFilled times the full list.
func BenchmarkBrowserFirstFrame(b *testing.B) {
	for _, tc := range []struct {
		name   string
		sealed bool
	}{{"500", true}, {"500-hand-edited", false}} {
		b.Run(tc.name, func(b *testing.B) {
			dir := benchSessions(b, tc.sealed)
			w := testWorkshop(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				st := coldStore(b, dir)
				r := NewRoot(st, Options{Workshop: w, Renderer: asciiRenderer(), Tick: -1})
				m, _ := r.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				m, _ = m.(Root).Update(m.(Root).Init()())
				v := m.(Root).View()
				if tc.sealed && !strings.Contains(v, "s-499") && !strings.Contains(v, "Budget check-in") {
					b.Fatalf("no sessions in the first frame:\n%s", v)
				}
				if !tc.sealed && !strings.Contains(v, "reading 500 more") {
					b.Fatalf("no word of the sessions being read:\n%s", v)
				}
			}
		})
	}
}

// BenchmarkBrowserFilled is the complete listing of 500 hand-edited
// sessions of 300 items, cold: every file read in full.
func BenchmarkBrowserFilled(b *testing.B) {
	b.Run("500", func(b *testing.B) {
		dir := benchSessions(b, false)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			st := coldStore(b, dir)
			if list, err := st.List(); err != nil || len(list) != 500 {
				b.Fatalf("%d listed, %v", len(list), err)
			}
		}
	})
}

// coldStore opens the sessions directory as a new process would after the
// listing cache was deleted; deleting it is not timed.
func coldStore(b *testing.B, dir string) *sessions.Store {
	b.StopTimer()
	os.Remove(filepath.Join(dir, ".pitstop-list-cache.json"))
	b.StartTimer()
	st, err := sessions.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// benchSessions writes 500 sessions of 300 items once per benchmark run;
// without the seal, each has its summary line taken out, as a hand edit
// that changes anything would leave it.
func benchSessions(b *testing.B, sealed bool) string {
	st := browserStore(b, 500, 300)
	if !sealed {
		entries, _ := os.ReadDir(st.Dir())
		for _, e := range entries {
			path := filepath.Join(st.Dir(), e.Name())
			data, err := os.ReadFile(path)
			if err != nil || !strings.HasSuffix(e.Name(), ".toml") {
				continue
			}
			lines := strings.SplitN(string(data), "\n", 3)
			os.WriteFile(path, []byte(lines[0]+"\n"+lines[2]), 0o644)
		}
	}
	return st.Dir()
}

// normalizeDir takes the test's temporary directory out of a screen, so the
// golden file is the same on every run.
func normalizeDir(view, dir string) string {
	lines := strings.Split(strings.ReplaceAll(view, dir, "<dir>"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// A second enter, or another session chosen while the first is still
// opening, must not open two sessions or hold a lock nobody gives back.
func TestBrowserOpensOneSessionAtATime(t *testing.T) {
	st := browserStore(t, 3, 0)
	r := loaded(t, rootApp(t, st, 120, 30))
	r, msgs := rootKeys(t, r, "enter", "down", "enter")
	if len(msgs) != 2 {
		t.Fatalf("two enters should ask twice: %v", msgs)
	}
	m, first := r.Update(msgs[0])
	m, second := m.(Root).Update(msgs[1])
	if second != nil {
		t.Fatal("a second open started while the first was under way")
	}
	if !strings.Contains(m.(Root).View(), "Opening") {
		t.Fatalf("no word that a session is opening:\n%s", m.(Root).View())
	}
	ready, _ := runWithin(first, 5*time.Second)
	m, _ = m.(Root).Update(ready)
	r = m.(Root)
	if r.app == nil || r.Client().Current().Session.ID != "s-002" {
		t.Fatal("the first session chosen should be open")
	}
	// Even if a second owner arrives (it cannot from the keys, but the
	// root must not trust that), it is closed and its lock given back.
	extra, err := r.hub.Open(st, st.Path("s-001"), model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	m, cmd := r.Update(sessionReadyMsg{client: extra})
	r = m.(Root)
	if cmd != nil {
		runWithin(cmd, 5*time.Second)
	}
	if r.Client().Current().Session.ID != "s-002" {
		t.Fatal("the open session was replaced")
	}
	lock, err := st.Lock("s-001")
	if err != nil {
		t.Fatalf("the extra session is still locked: %v", err)
	}
	lock.Release()
	r.Client().Leave()
}

// Opening a session from the browser says what changed since it was last
// open, as pitstop open does.
func TestBrowserOpenSaysWhatChanged(t *testing.T) {
	st := browserStore(t, 1, 0) // s-000 has a commitment past due ten days later
	s, err := st.Load("s-000")
	if err != nil {
		t.Fatal(err)
	}
	s.LastOpened = s.Created
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	r := loaded(t, rootApp(t, st, 120, 30))
	r, msgs := rootKeys(t, r, "enter")
	m, cmd := r.Update(msgs[0])
	ready, _ := runWithin(cmd, 5*time.Second)
	m, _ = m.(Root).Update(ready)
	r = m.(Root)
	if v := r.View(); !strings.Contains(v, "Since you last had this open") || !strings.Contains(v, "past due") {
		t.Fatalf("no word of what changed:\n%s", v)
	}
	r.Client().Leave()
}

// A commitment carried into the next session counts once in the team's
// follow-through, at what became of it there.
func TestBrowserTeamHistoryCountsCarriedOnce(t *testing.T) {
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := testWorkshop(t)
	one, _ := model.NewSession("s-one", "First", "Harbor Team", "", w.Plans(), t0)
	apply(t, one, t0, model.AddCommitment{Text: "Write the charter", Owner: "Dana"}, model.AddCommitment{Text: "Book the hall"}, model.CloseSession{})
	two, _ := model.NewSession("s-two", "Second", "Harbor Team", "", w.Plans(), t0.Add(24*time.Hour))
	two.CarryFrom(one, t0.Add(24*time.Hour))
	apply(t, two, t0.Add(25*time.Hour), model.SetCommitmentStatus{ID: two.Commitments[0].ID, Status: model.CommitmentDone},
		model.AddCommitment{Text: "Send the minutes"})
	for _, s := range []*model.Session{one, two} {
		if err := st.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	r := loaded(t, rootApp(t, st, 120, 40))
	if v := r.View(); !strings.Contains(v, "Follow-through over 2 sessions: 1 of 3 done on time (33%) · 0 late · 0 dropped · 2 open") {
		t.Fatalf("carried commitments counted twice, or not at all:\n%s", v)
	}
}

// A team history worked out for an older listing is dropped: the list was
// read again (it filled in, or a session was left) and a newer one follows.
func TestBrowserDropsStaleTeamHistory(t *testing.T) {
	st := browserStore(t, 3, 0)
	r := loaded(t, rootApp(t, st, 120, 40))
	shown, _ := r.browser.selected()
	stale := teamHistoryMsg{team: teamKey(shown.Team), listing: r.browser.listing - 1, history: teamHistory{err: errors.New("stale")}}
	m, _ := r.Update(stale)
	if v := m.(Root).View(); strings.Contains(v, "stale") || !strings.Contains(v, "Follow-through over 1 session") {
		t.Fatalf("a stale history replaced the current one:\n%s", v)
	}
}

// Typing filters by title as well as by team.
func TestBrowserFiltersByTitle(t *testing.T) {
	r := loaded(t, rootApp(t, browserStore(t, 3, 0), 120, 30))
	r, _ = rootKeys(t, r, "/")
	m, _ := r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("budget")})
	v := m.(Root).View()
	if !strings.Contains(v, "Budget check-in") || strings.Contains(v, "Partnership kickoff") || strings.Contains(v, "Trust retrospective") {
		t.Fatalf("filtering by title:\n%s", v)
	}
}

// openFromBrowser sends the open message the browser asked for and takes
// the session in, as the program would.
func openFromBrowser(t *testing.T, r Root, open tea.Msg) Root {
	t.Helper()
	m, cmd := r.Update(open)
	ready, _ := runWithin(cmd, 5*time.Second)
	m, _ = m.(Root).Update(ready)
	return settle(t, m.(Root), nil)
}

// A copy of a session's file is not opened as that session: the browser
// asks whether to look at it or to make it a session of its own.
func TestBrowserAsksAboutACopy(t *testing.T) {
	st := browserStore(t, 1, 0)
	data, err := os.ReadFile(st.Path("s-000"))
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(st.Dir(), "backup-of-s-000.toml")
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := loaded(t, rootApp(t, st, 120, 30))
	// Both files are listed; find the copy's row.
	var msgs []tea.Msg
	for i := 0; i < 2; i++ {
		r, msgs = rootKeys(t, r, "enter")
		if open := msgs[0].(openSessionMsg); open.path == copyPath {
			break
		}
		r, _ = rootKeys(t, r, "down")
	}
	open := msgs[0].(openSessionMsg)
	if open.path != copyPath {
		t.Fatalf("could not choose the copy: %+v", open)
	}
	r = openFromBrowser(t, r, open)
	if r.app != nil || r.browser.prompt == nil || !strings.Contains(r.View(), "look at it read-only") || !strings.Contains(r.View(), "session of its own") {
		t.Fatalf("no question about the copy:\n%s", r.View())
	}
	r, msgs = rootKeys(t, r, "n")
	r = openFromBrowser(t, r, msgs[0])
	if r.app == nil || r.Client().Path() != copyPath || r.Client().Current().Session.ID != "backup-of-s-000" {
		t.Fatalf("the copy was not made a session of its own:\n%s", r.View())
	}
	if !strings.Contains(r.View(), "session of its own") {
		t.Fatalf("no word of what was done:\n%s", r.View())
	}
	r.Client().Leave()
	if orig, _ := os.ReadFile(st.Path("s-000")); string(orig) != string(data) {
		t.Fatal("the original changed")
	}
}

// A session another Pit Stop has open can be looked at, read-only, and
// follows the changes made there.
func TestBrowserLooksAtASessionOpenElsewhere(t *testing.T) {
	st := browserStore(t, 1, 0)
	lock, err := st.Lock("s-000") // another Pit Stop has it
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	r := loaded(t, rootApp(t, st, 120, 30))
	r, msgs := rootKeys(t, r, "enter")
	r = openFromBrowser(t, r, msgs[0])
	if r.browser.prompt == nil || !strings.Contains(r.View(), "already open") || !strings.Contains(r.View(), "following its changes") {
		t.Fatalf("no offer to look at it:\n%s", r.View())
	}
	// Said once: that it is open there, and how to look at it here.
	if text := r.browser.prompt.text; strings.Count(text, "open") != 1 || strings.Contains(text, "elsewhere") || strings.Contains(text, "pitstop") {
		t.Errorf("the question says it more than once: %q", text)
	}
	r, msgs = rootKeys(t, r, "r")
	r = openFromBrowser(t, r, msgs[0])
	if r.app == nil || !strings.Contains(r.View(), "Read-only: it is open in another Pit Stop") {
		t.Fatalf("not open read-only:\n%s", r.View())
	}
	defer r.Client().Leave()
	// The other Pit Stop writes a note.
	s, _ := st.Load("s-000")
	apply(t, s, t0.Add(time.Hour), model.AddNote{Text: "written over there"})
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	app := *r.app
	app = awaitUpdate(t, app, "the note from over there", func(u sessions.Update) bool { return len(u.Session.Notes) == 2 })
	if !strings.Contains(app.View(), "written over there") {
		t.Fatalf("the note does not show:\n%s", app.View())
	}
}

// A match is shown by the line it is on, with a little of what comes
// before, the words found marked so that they show without colour.
func TestMatchLine(t *testing.T) {
	long := strings.Repeat("words before it ", 10) + "the night shift came in late"
	tests := []struct {
		name, text, query string
		w                 int
		want              string
	}{
		{"on the third line", "Our meeting times\nleave out some people:\nthe night shift, mostly.", "night", 60, "… the [night] shift, mostly."},
		{"the line with most words", "night one\nthe night shift\nshift", "shift night", 60, "… the [night] [shift]"},
		{"case and letters beyond ASCII", "Der Ärger über die Nacht", "ärger NACHT", 60, "Der [Ärger] über die [Nacht]"},
		{"far along a long line", long, "night", 40, "… before it the [night] shift came in l…"},
		{"first line, whole", "the night shift", "night", 60, "the [night] shift"},
		{"tabs are spaces", "a\tnight", "night", 60, "a [night]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchLine(tt.text, tt.query, tt.w, nil); got != tt.want {
				t.Errorf("matchLine = %q, want %q", got, tt.want)
			}
			if got := matchLine(tt.text, tt.query, tt.w, nil); cellWidth(got) > tt.w {
				t.Errorf("%q is wider than %d", got, tt.w)
			}
		})
	}
}

// Opening a search's match opens its session showing the match: the
// note's id goes with the session to the app (Options.Focus).
func TestBrowserSearchOpensTheMatch(t *testing.T) {
	st := browserStore(t, 2, 0)
	s, err := st.Load("s-000")
	if err != nil {
		t.Fatal(err)
	}
	apply(t, s, t0.Add(time.Hour), model.AddNote{Text: "Our meeting times\nleave out some people:\nthe night shift, mostly."})
	want := s.Notes[len(s.Notes)-1].ID
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	r := loaded(t, rootApp(t, st, 100, 30))
	r, _ = rootKeys(t, r, "s", "n", "i", "g", "h", "t", "enter")
	if v := r.View(); !strings.Contains(v, "    … the [night] shift, mostly.") || !strings.Contains(v, "Partnership kickoff · Harbor Team · note") {
		t.Fatalf("the match is not shown by the line it is on:\n%s", v)
	}
	r, msgs := rootKeys(t, r, "enter")
	if len(msgs) != 1 {
		t.Fatalf("enter should open the match: %v", msgs)
	}
	open := msgs[0].(openSessionMsg)
	if open.id != "s-000" || open.focus != want {
		t.Fatalf("open %+v, want s-000 with focus %q", open, want)
	}
	m, cmd := r.Update(open)
	ready, _ := runWithin(cmd, 5*time.Second)
	if got := ready.(sessionReadyMsg); got.focus != want || got.err != nil {
		t.Fatalf("ready %+v", got)
	}
	r = m.(Root)
	if opts := r.appOptions(ready.(sessionReadyMsg)); opts.Focus != want || !opts.Embedded {
		t.Fatalf("the app's options: focus %q, embedded %v", opts.Focus, opts.Embedded)
	}
	m, _ = r.Update(ready)
	r = m.(Root)
	if r.app == nil {
		t.Fatalf("the session did not open:\n%s", r.View())
	}
	r.Client().Leave()
}

// ctrl+c in the new-session form asks before throwing away what was typed,
// as the note box does; esc asks too. With nothing typed, each acts at once.
func TestBrowserFormAsksBeforeDroppingATitle(t *testing.T) {
	quits := func(msgs []tea.Msg) bool {
		for _, m := range msgs {
			if _, ok := m.(tea.QuitMsg); ok {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name     string
		typed    string   // typed into the title
		keys     []string // then
		question string   // the question on screen before the last key, "" for none
		quit     bool     // whether all the keys quit
		form     bool     // whether the form is still open after them
	}{
		{name: "ctrl+c, nothing typed", keys: []string{"ctrl+c"}, quit: true},
		{name: "ctrl+c, a title typed, no", typed: "Next round", keys: []string{"ctrl+c", "n"}, question: "Quit and throw away what you typed?", form: true},
		{name: "ctrl+c, a title typed, esc", typed: "Next round", keys: []string{"ctrl+c", "esc"}, question: "Quit and throw away what you typed?", form: true},
		{name: "ctrl+c, a title typed, yes", typed: "Next round", keys: []string{"ctrl+c", "y"}, question: "Quit and throw away what you typed?", quit: true},
		{name: "ctrl+c twice", typed: "Next round", keys: []string{"ctrl+c", "ctrl+c"}, question: "Quit and throw away what you typed?", quit: true},
		{name: "ctrl+c at the team", typed: "Next round", keys: []string{"enter", "ctrl+c", "y"}, question: "Quit and throw away what you typed?", quit: true},
		{name: "esc, nothing typed", keys: []string{"esc"}},
		{name: "esc, a title typed, no", typed: "Next round", keys: []string{"esc", "n"}, question: "Throw away what you typed?", form: true},
		{name: "esc, a title typed, yes", typed: "Next round", keys: []string{"esc", "y"}, question: "Throw away what you typed?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := loaded(t, rootApp(t, browserStore(t, 1, 0), 80, 24))
			r, _ = rootKeys(t, r, "n")
			if tt.typed != "" {
				m, _ := r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(tt.typed)})
				r = m.(Root)
			}
			last := len(tt.keys) - 1
			r, msgs := rootKeys(t, r, tt.keys[:last]...)
			if tt.question != "" && !strings.Contains(r.View(), tt.question) {
				t.Fatalf("no question %q:\n%s", tt.question, r.View())
			}
			r, more := rootKeys(t, r, tt.keys[last])
			if got := quits(append(msgs, more...)); got != tt.quit {
				t.Fatalf("quit = %v, want %v:\n%s", got, tt.quit, r.View())
			}
			if tt.quit {
				return
			}
			if open := r.browser.typedInForm(); open != tt.form || r.browser.prompt != nil {
				t.Fatalf("form open with what was typed = %v (want %v), question %v:\n%s", open, tt.form, r.browser.prompt, r.View())
			}
			if tt.form && !strings.Contains(r.View(), tt.typed) {
				t.Fatalf("the title typed is gone:\n%s", r.View())
			}
		})
	}
}

// wordsStore has Harbor Team's two sessions, a week apart: the first
// makes two norms and a definition, the second rewords a norm and the
// definition, retires the other norm and makes a third; and Riverside's
// one session, which keeps nothing.
func wordsStore(t *testing.T) *sessions.Store {
	t.Helper()
	// A folder of its own in the test's: the status bar shows the end of
	// the path, and the test's folder ends in random digits.
	st, err := sessions.Open(filepath.Join(t.TempDir(), "sessions"))
	if err != nil {
		t.Fatal(err)
	}
	w := testWorkshop(t)
	week := t0.AddDate(0, 0, 7)
	one, _ := model.NewSession("s-one", "Kickoff", "Harbor Team", "", w.Plans(), t0)
	apply(t, one, t0, model.MakeNorm{Text: "We start on time"}, model.MakeNorm{Text: "Phones stay in bags"},
		model.Define{Concept: "Respect", Text: "We let each other finish"})
	two, _ := model.NewSession("s-two", "Second round", "Harbor Team", "", w.Plans(), week)
	two.KeepTeamFrom(one)
	apply(t, two, week, model.EditNorm{ID: "n1", Text: "We start on time, and we end on time, even when the talk is good"},
		model.RetireNorm{ID: "n2"}, model.MakeNorm{Text: "Whoever is most affected speaks first"},
		model.Define{Concept: "respect", Text: "We let each other finish, and we ask before we assume"},
		model.Define{Concept: "Trust", Text: "We do what we said, or say early that we cannot"})
	other, _ := model.NewSession("s-other", "Budget check-in", "Riverside Partners", "", w.Plans(), t0.Add(time.Hour))
	for _, s := range []*model.Session{one, two, other} {
		if err := st.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// The team detail shows the norms and definitions the team's latest
// session holds, dated, read in the background with the team's history;
// t shows every wording. Both fit at 80x24 and 40x12.
func TestBrowserShowsTheTeamsNormsAndDefinitions(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			st := wordsStore(t)
			r := rootApp(t, st, size[0], size[1])
			// Nothing is read in Update: the first listing is a command,
			// and so is what follows it.
			m, cmd := r.Update(summariesLoadedMsg{list: mustList(t, st)})
			r = m.(Root)
			if _, known := r.browser.words[teamKey("Harbor Team")]; known || cmd == nil {
				t.Fatal("the team's words were read in Update, or not asked for")
			}
			r = settle(t, r, cmd)
			list := r.View()
			checkFits(t, list, size[0], size[1])
			if size[1] >= 24 {
				for _, want := range []string{
					"Norms and definitions, as of “Second round” (29 Nov)",
					"n1 · since 22 Nov, reworded 29 Nov · We start on time, and we",
					"n3 · since 29 Nov · Whoever is most affected",
					"Respect · since 22 Nov, reworded 29 Nov · We let each",
				} {
					if !strings.Contains(list, want) {
						t.Errorf("the detail lacks %q:\n%s", want, list)
					}
				}
				if strings.Contains(list, "Phones stay in bags") {
					t.Errorf("a retired norm is in the detail:\n%s", list)
				}
			}
			golden.RequireEqual(t, []byte(normalizeDir(list, st.Dir())))

			words, _ := rootKeys(t, r, "t")
			page := words.View()
			checkFits(t, page, size[0], size[1])
			if !strings.Contains(page, "Norms and definitions: Harbor Team") {
				t.Fatalf("t did not show the team's words:\n%s", page)
			}
			t.Run("page", func(t *testing.T) { golden.RequireEqual(t, []byte(normalizeDir(page, st.Dir()))) })
			// Scrolled to its end, the page shows the last wording.
			end := words
			for range 40 {
				end, _ = rootKeys(t, end, "down")
			}
			if v := end.View(); !strings.Contains(v, "Trust · since 29 Nov") || strings.Contains(v, "below") {
				t.Errorf("the end of the page:\n%s", v)
			}
			checkFits(t, end.View(), size[0], size[1])
			back, _ := rootKeys(t, end, "esc")
			if back.browser.mode != browseList {
				t.Fatal("esc did not go back to the list")
			}
		})
	}
}

// A team that keeps nothing has no lines for it in the detail, and its
// page says what norms and definitions are; a session of no team has
// neither.
func TestBrowserTeamWithoutNorms(t *testing.T) {
	st := wordsStore(t)
	r := loaded(t, rootApp(t, st, 80, 24))
	r, _ = rootKeys(t, r, "down") // Riverside's session, after Harbor's latest
	if s, _ := r.browser.selected(); s.Team != "Riverside Partners" {
		t.Fatalf("selected %+v", s)
	}
	if v := r.View(); strings.Contains(v, "Norms and definitions") {
		t.Errorf("a team that keeps nothing has a heading for it:\n%s", v)
	}
	page, _ := rootKeys(t, r, "t")
	if v := page.View(); !strings.Contains(v, "This team keeps no norms or shared definitions yet.") {
		t.Errorf("the page of a team that keeps nothing:\n%s", v)
	}
}

func mustList(t *testing.T, st *sessions.Store) []sessions.Summary {
	t.Helper()
	list, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// With little room, the detail keeps the heading and says how many more
// norms and definitions t shows.
func TestBrowserTeamWordsInLittleRoom(t *testing.T) {
	r := loaded(t, rootApp(t, wordsStore(t), 80, 24))
	for _, tt := range []struct {
		room int
		want []string
	}{
		{0, nil},
		{1, []string{"Norms and definitions, as of"}},
		{2, []string{"Norms and definitions, as of", "… 4 more · t shows them all"}},
		{3, []string{"Norms and definitions, as of", "n1 · since 22 Nov", "… 3 more · t shows them all"}},
		{5, []string{"Norms and definitions, as of", "n1 ·", "n3 ·", "Respect ·", "Trust ·"}},
	} {
		got := r.browser.wordsDetail("Harbor Team", 78, tt.room)
		if len(got) != len(tt.want) {
			t.Fatalf("room %d: %d lines:\n%s", tt.room, len(got), strings.Join(got, "\n"))
		}
		for i, want := range tt.want {
			if !strings.Contains(got[i], want) {
				t.Errorf("room %d, line %d: %q lacks %q", tt.room, i, got[i], want)
			}
		}
	}
}
