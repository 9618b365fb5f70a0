package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pitstop/config"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/sessions"

	"github.com/charmbracelet/bubbles/textarea"
)

// memSession is a session kept in memory, for benchmarks that measure the
// screen and not the disk.
type memSession struct{ s *model.Session }

func (m *memSession) Do(cmd model.Command) error    { return m.s.Apply(cmd, t0) }
func (m *memSession) Next() (sessions.Update, bool) { select {} }
func (m *memSession) Current() sessions.Update {
	return sessions.Update{Session: m.s, Save: sessions.SaveState{At: t0}}
}
func (m *memSession) Actor() model.Actor { return model.Facilitator }
func (m *memSession) Path() string       { return "bench.toml" }

func benchSession(b *testing.B, notesAtStop int) *model.Session {
	w := testWorkshop(b)
	s, err := model.NewSession("bench", "Partnership kickoff", "Harbor Team", "", w.Plans(), t0)
	if err != nil {
		b.Fatal(err)
	}
	apply(b, s, t0, model.StartTimer{})
	for i := 0; i < notesAtStop; i++ {
		applyAs(b, s, noteTaker, t0, model.AddNote{Text: fmt.Sprintf("Note %d: what the room said about belonging, in a sentence or two.", i)})
	}
	return s
}

func benchApp(b *testing.B, s *model.Session, w, h int) App {
	a, _ := benchAppWithClock(b, s, w, h)
	return a
}

// benchAppWithClock is benchApp with a clock that next moves on a second,
// as it has by each frame the tick draws: the timer is drawn anew.
func benchAppWithClock(b *testing.B, s *model.Session, w, h int) (App, func()) {
	now := t0.Add(90 * time.Second)
	a := New(&memSession{s}, Options{Workshop: testWorkshop(b), Renderer: asciiRenderer(), Now: func() time.Time { return now }, Tick: -1})
	return sized(a, w, h), func() { now = now.Add(time.Second) }
}

// BenchmarkStopView draws the stop view of a stop with that many notes on a
// projector-sized terminal. Only the notes on screen are drawn, so 10,000
// costs about what 100 do.
func BenchmarkStopView(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a, nextSecond := benchAppWithClock(b, benchSession(b, n), 200, 60)
			if v := a.View(); !strings.Contains(v, "Notes at this stop (") {
				b.Fatalf("not the stop view:\n%s", v)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				nextSecond() // a new frame every time: the timer has moved on
				_ = a.View()
			}
		})
	}
}

// BenchmarkKeypress is one typed character in the note input: Update and
// the View that follows, averaged over typing notes of 80 characters (a
// line or two of what someone said).
func BenchmarkKeypress(b *testing.B) {
	a := benchApp(b, benchSession(b, 300), 200, 60)
	m, _ := a.Update(keyMsg("n"))
	a = m.(App)
	if v := a.View(); a.input == nil || !strings.Contains(v, "New note") {
		b.Fatalf("no note input:\n%s", v)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%80 == 0 {
			a.input.area.Reset()
			a.input.length = 0
		}
		m, _ := a.Update(keyMsg(string(rune('a' + i%26))))
		a = m.(App)
		_ = a.View()
	}
}

// BenchmarkOpenToFirstFrame loads a 300-item session from disk, builds the
// app and draws its first frame.
func BenchmarkOpenToFirstFrame(b *testing.B) {
	b.Run("300", func(b *testing.B) {
		st, err := sessions.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		s := benchSession(b, 0)
		for i := 0; i < 300; i++ {
			var c model.Command = model.AddNote{Stop: s.Stops[i%7].Key, Text: strings.Repeat("words ", 12)}
			if i%10 == 0 {
				c = model.AddCommitment{Text: "Follow up", Owner: "Dana", Due: "2026-12-05"}
			}
			apply(b, s, t0, c)
		}
		if err := st.Save(s); err != nil {
			b.Fatal(err)
		}
		w := testWorkshop(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			loaded, err := st.Load("bench")
			if err != nil {
				b.Fatal(err)
			}
			a := New(&memSession{loaded}, Options{Workshop: w, Renderer: asciiRenderer(), Tick: -1})
			a = sized(a, 120, 40)
			if v := a.View(); !strings.Contains(v, "STOP 1 OF 7") {
				b.Fatal("no stop on the first frame")
			}
		}
	})
}

func boardBench(b *testing.B, perColumn int) App {
	s := benchSession(b, 0)
	for i := 0; i < perColumn; i++ {
		apply(b, s, t0, model.AddAgreement{Text: fmt.Sprintf("Agreement %d about how we work", i)},
			model.AddTension{Text: fmt.Sprintf("Tension %d about who decides", i)},
			model.AddCommitment{Text: fmt.Sprintf("Commitment %d to follow up", i), Owner: "Dana", Due: model.DateOf(t0).AddDays(i % 30).String()})
	}
	a := benchApp(b, s, 200, 60)
	m, _ := a.Update(keyMsg("b"))
	a = m.(App)
	// What is timed must be the board, full.
	if v := a.View(); a.screenShown() != boardScreen || !strings.Contains(v, fmt.Sprintf("COMMITMENTS (%d)", perColumn)) {
		b.Fatalf("not the board:\n%s", v)
	}
	return a
}

// BenchmarkBoardView draws the board with that many items per column at
// 200x60: only the rows on screen are drawn.
func BenchmarkBoardView(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := boardBench(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a.cache = &frameCache{}
				_ = a.View()
			}
		})
	}
}

// BenchmarkBoardMove moves the selection one row (Update and View).
func BenchmarkBoardMove(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := boardBench(b, n)
			down, up := keyMsg("j"), keyMsg("k")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := down
				if i%100 >= 50 {
					k = up
				}
				before := boardOf(a).sel[boardOf(a).col]
				m, _ := a.Update(k)
				a = m.(App)
				if boardOf(a).sel[boardOf(a).col] == before {
					b.Fatal("the selection did not move")
				}
				_ = a.View()
			}
		})
	}
}

// BenchmarkKeypressFloor is the floor BenchmarkKeypress is held to: a plain
// bubbles text area of the same size taking the same characters, Update
// and View, with nothing of Pit Stop around it.
func BenchmarkKeypressFloor(b *testing.B) {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.SetHeight(3)
	ta.SetWidth(200 - 2 - 8)
	ta.Focus()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%80 == 0 {
			ta.Reset()
		}
		ta, _ = ta.Update(keyMsg(string(rune('a' + i%26))))
		_ = ta.View()
	}
}

// BenchmarkBroadcast is a change made on one of n attached screens shown on
// all n: from the command sent to every screen's next frame drawn with it,
// in process (no SSH), each screen on its own goroutine as each program is.
// The session holds 300 notes, a full workshop's worth.
func BenchmarkBroadcast(b *testing.B) {
	b.Run("10", func(b *testing.B) {
		const screens = 10
		st, err := sessions.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		hub := sessions.NewHub(sessions.SystemClock())
		s := benchSession(b, 300)
		host, err := hub.Create(st, s, model.Facilitator)
		if err != nil {
			b.Fatal(err)
		}
		defer host.Leave()
		w := testWorkshop(b)
		clients := make([]*sessions.Client, screens)
		apps := make([]App, screens)
		for i := range clients {
			clients[i], err = hub.Open(st, host.Path(), model.Actor{Role: model.RoleNotes, Name: fmt.Sprint("n", i)})
			if err != nil {
				b.Fatal(err)
			}
			defer clients[i].Leave()
			apps[i] = sized(New(clients[i], Options{Workshop: w, Renderer: asciiRenderer(), Tick: -1}), 120, 40)
		}
		want := len(s.Notes)
		// Each screen waits for the update with the note, takes it and draws.
		start, done := make([]chan int, screens), make(chan string, screens)
		for i := range apps {
			start[i] = make(chan int)
			go func(i int) {
				for want := range start[i] {
					for {
						u, ok := clients[i].Next()
						if !ok {
							done <- "the screen left"
							return
						}
						m, _ := apps[i].Update(sessionUpdatedMsg{update: u, from: apps[i].session})
						apps[i] = m.(App)
						if len(u.Session.Notes) == want {
							break
						}
					}
					done <- apps[i].View()
				}
			}(i)
		}
		defer func() {
			for _, c := range start {
				close(c)
			}
		}()
		b.ResetTimer()
		for n := 0; n < b.N; n++ {
			want++
			for _, c := range start {
				c <- want
			}
			if err := clients[0].Do(model.AddNote{Text: fmt.Sprintf("word %d from the room", n)}); err != nil {
				b.Fatal(err)
			}
			for range screens {
				if v := <-done; !strings.Contains(v, fmt.Sprintf("Notes at this stop (%d)", want)) {
					b.Fatalf("a screen does not show the note:\n%s", v)
				}
			}
		}
	})
}

// trendStore saves n sessions of one team, each with the check done, and
// lists them once so the listing cache holds them, as it does after the
// browser has been open.
func trendStore(b *testing.B, n int) (*sessions.Store, *model.Session) {
	st, err := sessions.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	w := testWorkshop(b)
	var last *model.Session
	for k := 0; k < n; k++ {
		at := t0.Add(-time.Duration(n-k) * 7 * 24 * time.Hour)
		s, err := model.NewSession(fmt.Sprintf("week-%03d", k), "Weekly partnership", "Harbor Team", "Ana", w.Plans(), at)
		if err != nil {
			b.Fatal(err)
		}
		for i, o := range w.Outcomes {
			apply(b, s, at, model.Rate{Outcome: o.Key, Label: o.Label, Score: 1 + (i+k)%5})
		}
		if err := st.Create(s); err != nil {
			b.Fatal(err)
		}
		last = s
	}
	if _, err := st.List(); err != nil {
		b.Fatal(err)
	}
	return st, last
}

// BenchmarkTrend is the check's trend view for a team of 50 sessions: the
// listing (from its cache), the team's sessions picked, the trend worked
// out and drawn at 160 columns. Target: at most 20 ms.
func BenchmarkTrend(b *testing.B) {
	b.Run("50", func(b *testing.B) {
		st, current := trendStore(b, 50)
		w := testWorkshop(b)
		styles := NewStyles(asciiRenderer(), config.Theme{})
		today := model.DateOf(t0)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			list, err := st.List()
			if err != nil {
				b.Fatal(err)
			}
			t := partnership.BuildTrend(w.Outcomes, partnership.TeamSessions(list, current.Team, current))
			if lines := trendLines(styles, t, 160, today); len(lines) < len(w.Outcomes) {
				b.Fatal("no chart")
			}
		}
	})
}

// BenchmarkTrendFloor is the least that work can cost with the listing
// cache warm: the directory read and each file looked at (as the listing
// must, to know its cache is still right), and the same rows of numbers
// joined into lines with no layout, no styles and no checks.
func BenchmarkTrendFloor(b *testing.B) {
	b.Run("50", func(b *testing.B) {
		st, _ := trendStore(b, 50)
		list, err := st.List()
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			entries, err := os.ReadDir(st.Dir())
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range entries {
				if _, err := os.Stat(filepath.Join(st.Dir(), e.Name())); err != nil {
					b.Fatal(err)
				}
			}
			rows := map[string][]byte{}
			for _, sum := range list {
				for _, r := range sum.Ratings {
					rows[r.Key] = append(rows[r.Key], byte('0'+r.Score))
				}
			}
			var out strings.Builder
			for key, scores := range rows {
				out.WriteString(key + " " + string(scores) + "\n")
			}
			if out.Len() == 0 {
				b.Fatal("no rows")
			}
		}
	})
}
