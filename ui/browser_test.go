package ui

import (
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
		data, err := sessions.Encode(s)
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

// loaded runs the root's first command (the listing) and hands it the
// result, as the program would.
func loaded(t testing.TB, r Root) Root {
	m, _ := r.Update(r.Init()())
	return m.(Root)
}

func rootKeys(t testing.TB, r Root, keys ...string) (Root, []tea.Msg) {
	var msgs []tea.Msg
	for _, k := range keys {
		m, cmd := r.Update(keyMsg(k))
		r = m.(Root)
		if cmd != nil {
			if msg, ok := runWithin(cmd, 2*time.Second); ok {
				msgs = append(msgs, msg)
				if _, search := msg.(searchDoneMsg); search {
					m, _ := r.Update(msg)
					r = m.(Root)
				}
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
		{"search", 3, false, []string{"/", "b", "u", "d", "g", "e", "t", "enter"}},
		{"filtered", 3, false, []string{"r", "i", "v"}},
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
	if r.app != nil || r.Owner() != nil || !strings.Contains(r.View(), "PIT STOP · SESSIONS") {
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
	if v := r.View(); !strings.Contains(v, "This file cannot be opened") || !strings.Contains(v, "BROKEN") {
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
	r, _ = rootKeys(t, r, "tab")
	r, msgs := rootKeys(t, r, "enter")
	open := msgs[0].(openSessionMsg)
	if open.title != "Next round" || open.team != "Riverside Partners" {
		t.Fatalf("new session request: %+v", open)
	}
	m, cmd := r.Update(open)
	ready, _ := runWithin(cmd, 5*time.Second)
	m, _ = m.(Root).Update(ready)
	r = m.(Root)
	s := r.Owner().Current().Session
	if s.Title != "Next round" || len(s.Commitments) != 1 || s.Commitments[0].CarriedFrom != "s-001" {
		t.Fatalf("new session: %+v %+v", s.Title, s.Commitments)
	}
	if v := r.View(); !strings.Contains(v, "Carried 2 open items") {
		t.Fatalf("no word about what was carried:\n%s", v)
	}
	r.Owner().Close()
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
	// With a filter typed, q is a letter.
	r, _ = rootKeys(t, r, "a")
	if _, cmd := r.Update(keyMsg("q")); cmd != nil {
		t.Fatal("q while filtering should type")
	}
}

// BenchmarkBrowserFirstFrame is the browser's first frame over 500
// sessions: drawn before the list is read, so it does not depend on it.
func BenchmarkBrowserFirstFrame(b *testing.B) {
	b.Run("500", func(b *testing.B) {
		st := browserStore(b, 500, 0)
		w := testWorkshop(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r := NewRoot(st, Options{Workshop: w, Renderer: asciiRenderer(), Tick: -1})
			m, _ := r.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			if v := m.(Root).View(); !strings.Contains(v, "Loading sessions") {
				b.Fatal("no first frame")
			}
		}
	})
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
	if r.app == nil || r.Owner().Current().Session.ID != "s-002" {
		t.Fatal("the first session chosen should be open")
	}
	// Even if a second owner arrives (it cannot from the keys, but the
	// root must not trust that), it is closed and its lock given back.
	extra, err := sessions.OpenOwner(st, "s-001", time.Now)
	if err != nil {
		t.Fatal(err)
	}
	m, cmd := r.Update(sessionReadyMsg{owner: extra})
	r = m.(Root)
	if cmd != nil {
		runWithin(cmd, 5*time.Second)
	}
	if r.Owner().Current().Session.ID != "s-002" {
		t.Fatal("the open session was replaced")
	}
	lock, err := st.Lock("s-001")
	if err != nil {
		t.Fatalf("the extra session is still locked: %v", err)
	}
	lock.Release()
	r.Owner().Close()
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
	r.Owner().Close()
}
