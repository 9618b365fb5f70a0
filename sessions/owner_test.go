package sessions

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"pitstop/model"
)

// fakeClock is a wall clock and a monotonic clock that tests move by hand:
// both together as time passes, the wall clock alone when it steps.
type fakeClock struct {
	mu   sync.Mutex
	wall time.Time
	mono time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{wall: t0} }

func (c *fakeClock) clock() Clock {
	return Clock{
		Now:  func() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.wall },
		Mono: func() time.Duration { c.mu.Lock(); defer c.mu.Unlock(); return c.mono },
	}
}

func (c *fakeClock) pass(d time.Duration) {
	c.mu.Lock()
	c.wall, c.mono = c.wall.Add(d), c.mono+d
	c.mu.Unlock()
}
func (c *fakeClock) step(d time.Duration) { c.mu.Lock(); c.wall = c.wall.Add(d); c.mu.Unlock() }

var (
	notes  = model.Actor{Role: model.RoleNotes, Name: "dana"}
	viewer = model.Actor{Role: model.RoleViewer}
)

func create(t testing.TB, h *Hub, st *Store, id string, by model.Actor) *Client {
	t.Helper()
	c, err := h.Create(st, newTestSession(t, id), by)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func open(t testing.TB, h *Hub, st *Store, id string, by model.Actor) *Client {
	t.Helper()
	c, err := h.Open(st, st.Path(id), by)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// watcher reads a client's updates as a screen would, for a test to wait on.
type watcher struct {
	t  testing.TB
	ch chan Update
}

func watch(t testing.TB, c *Client) *watcher {
	w := &watcher{t: t, ch: make(chan Update, 100000)}
	go func() {
		defer close(w.ch)
		for {
			u, ok := c.Next()
			if !ok {
				return
			}
			w.ch <- u
		}
	}()
	return w
}

// until waits for an update ok accepts and returns it with the events seen
// on the way, that update's included.
func (w *watcher) until(what string, ok func(Update) bool) (Update, []model.Event) {
	w.t.Helper()
	var events []model.Event
	deadline := time.After(10 * time.Second)
	for {
		select {
		case u, more := <-w.ch:
			if !more {
				w.t.Fatalf("waiting for %s: the client left", what)
			}
			events = append(events, u.Events...)
			if ok(u) {
				return u, events
			}
		case <-deadline:
			w.t.Fatalf("no update with %s within 10s", what)
		}
	}
}

func countKind(events []model.Event, k model.EventKind) int {
	n := 0
	for _, e := range events {
		if e.Kind == k {
			n++
		}
	}
	return n
}

func TestManySendersOneOwner(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(SystemClock())
	first := create(t, h, st, "live", model.Facilitator)
	const senders, each = 16, 25
	clients := make([]*Client, senders)
	for g := range clients {
		clients[g] = open(t, h, st, "live", model.Actor{Role: model.RoleNotes, Name: fmt.Sprintf("sender-%d", g)})
	}
	var wg sync.WaitGroup
	errs := make(chan error, senders*each)
	for g, c := range clients {
		wg.Add(1)
		go func(g int, c *Client) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				var cmd model.Command = model.AddNote{Text: fmt.Sprintf("%d/%d", g, i)}
				if i%5 == 4 {
					cmd = model.AddCommitment{Text: fmt.Sprintf("c %d/%d", g, i), Owner: "Dana"}
				}
				if err := c.Do(cmd); err != nil {
					errs <- err
				}
				if i%7 == 0 {
					_ = first.Do(model.ToggleTimer{})
				}
			}
		}(g, c)
	}
	// A reader drains updates concurrently, as a screen would; versions
	// only go forward and every event arrives once.
	done := make(chan []model.Event)
	go func() {
		var last uint64
		var seen []model.Event
		for {
			u, ok := first.Next()
			if !ok {
				done <- seen
				return
			}
			if u.Version < last {
				t.Errorf("updates went backwards: %d after %d", u.Version, last)
			}
			last = u.Version
			seen = append(seen, u.Events...)
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	cur := first.Current().Session
	if len(cur.Notes)+len(cur.Commitments) != senders*each {
		t.Fatalf("in memory: %d entries, want %d", len(cur.Notes)+len(cur.Commitments), senders*each)
	}
	// Every sender's entries are there, stamped with the sender, in the
	// order that sender sent them.
	for g := 0; g < senders; g++ {
		next := -1
		for _, n := range cur.Notes {
			if n.Author == fmt.Sprintf("sender-%d", g) {
				if n.Role != "notes" {
					t.Fatalf("note by %s has role %q", n.Author, n.Role)
				}
				var gg, i int
				fmt.Sscanf(n.Text, "%d/%d", &gg, &i)
				if gg != g || i < next {
					t.Fatalf("sender %d's notes out of order or misattributed: %q", g, n.Text)
				}
				next = i
			}
		}
	}
	for _, c := range clients {
		if err := c.Leave(); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Leave(); err != nil {
		t.Fatal(err)
	}
	seen := <-done
	seqs := map[uint64]bool{}
	adds := 0
	for _, e := range seen {
		if seqs[e.Seq] {
			t.Fatalf("event %d seen twice", e.Seq)
		}
		seqs[e.Seq] = true
		if e.Is(model.KindAddNote) || e.Is(model.KindAddCommitment) {
			adds++
		}
	}
	if adds != senders*each {
		t.Fatalf("the reader saw %d add events, want %d", adds, senders*each)
	}
	disk, err := st.Load("live")
	if err != nil {
		t.Fatal(err)
	}
	if len(disk.Notes) != len(cur.Notes) || len(disk.Commitments) != len(cur.Commitments) {
		t.Fatalf("on disk %d notes %d commitments; in memory %d and %d", len(disk.Notes), len(disk.Commitments), len(cur.Notes), len(cur.Commitments))
	}
	if err := first.Do(model.AddNote{Text: "late"}); !errors.Is(err, ErrOwnerClosed) {
		t.Fatalf("after the last left: %v", err)
	}
}

func TestRefusedCommandChangesNothing(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(ClockOf(func() time.Time { return t0 }))
	c := create(t, h, st, "refuse", model.Facilitator)
	defer c.Leave()
	before := readFile(t, st.Path("refuse"))
	if err := c.Do(model.AddNote{Text: "   "}); !errors.Is(err, model.ErrEmptyText) {
		t.Fatalf("empty note: %v", err)
	}
	if c.Current().Version != 0 || string(readFile(t, st.Path("refuse"))) != string(before) {
		t.Fatal("a refused command changed the session")
	}
}

func TestHubClientsComeAndGo(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(SystemClock())
	a := create(t, h, st, "shared", model.Facilitator)
	// A second client in the same process attaches; it is not refused as
	// "open in another Pit Stop".
	b, err := h.Open(st, st.Path("shared"), notes)
	if err != nil {
		t.Fatalf("second client in the same process: %v", err)
	}
	if err := b.Do(model.AddNote{Text: "from b"}); err != nil {
		t.Fatal(err)
	}
	wa := watch(t, a)
	u, _ := wa.until("b's note", func(u Update) bool { return len(u.Session.Notes) == 1 })
	if len(u.Present) != 2 {
		t.Fatalf("present: %v", u.Present)
	}
	// One leaves; the other keeps working, and the session stays locked.
	if err := a.Leave(); err != nil {
		t.Fatal(err)
	}
	if err := b.Do(model.AddAgreement{Text: "still here"}); err != nil {
		t.Fatalf("after the other left: %v", err)
	}
	if _, err := st.Lock("shared"); !errors.Is(err, ErrLocked) {
		t.Fatalf("the session is unlocked while a client is attached: %v", err)
	}
	// The last to leave saves and closes.
	if err := b.Leave(); err != nil {
		t.Fatal(err)
	}
	s, err := st.Load("shared")
	if err != nil || len(s.Notes) != 1 || len(s.Agreements) != 1 {
		t.Fatalf("on disk after the last left: %v %+v", err, s)
	}
	lock, err := st.Lock("shared")
	if err != nil {
		t.Fatalf("still locked after the last left: %v", err)
	}
	lock.Release()
	// Opening it again starts a fresh owner.
	c := open(t, h, st, "shared", model.Facilitator)
	if n := len(c.Current().Session.Notes); n != 1 {
		t.Fatalf("reopened with %d notes", n)
	}
	c.Leave()
}

func TestChangeShownBeforeSaved(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(SystemClock())
	c := create(t, h, st, "quick", model.Facilitator)
	defer c.Leave()
	if err := c.Do(model.AddNote{Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	// Do returned: the change is in the latest state already, and an
	// update will say when it is on disk.
	if cur := c.Current(); len(cur.Session.Notes) != 1 || cur.Version != 1 {
		t.Fatalf("not applied when Do returned: %+v", cur)
	}
	u, _ := watch(t, c).until("the save", func(u Update) bool { return !u.Saving() && u.Version == 1 })
	if u.Save.Err != nil {
		t.Fatal(u.Save.Err)
	}
	if s, err := st.Load("quick"); err != nil || len(s.Notes) != 1 {
		t.Fatalf("on disk: %v", err)
	}
}

func TestSaveFailureIsRetriedByItself(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(SystemClock())
	c := create(t, h, st, "fragile", model.Facilitator)
	defer c.Leave()
	// Make saving fail: a directory where the temporary file would go is
	// not enough for root, so the session's folder is taken away.
	dir := st.Dir()
	moved := dir + ".away"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o644); err != nil { // a file where the folder was
		t.Fatal(err)
	}
	if err := c.Do(model.AddNote{Text: "said while the disk was gone"}); err != nil {
		t.Fatalf("the change is applied whatever the disk does: %v", err)
	}
	wc := watch(t, c)
	u, _ := wc.until("the failed save", func(u Update) bool { return u.Save.Err != nil })
	if !u.Saving() || len(u.Session.Notes) != 1 || u.Save.Retry.IsZero() {
		t.Fatalf("after the failed save: saving=%v notes=%d retry=%v", u.Saving(), len(u.Session.Notes), u.Save.Retry)
	}
	// The disk comes back; nobody types: the owner saves by itself.
	os.Remove(dir)
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	u, _ = wc.until("the retried save", func(u Update) bool { return u.Save.Err == nil && !u.Saving() })
	s, err := st.Load("fragile")
	if err != nil || len(s.Notes) != 1 {
		t.Fatalf("on disk: %v, %+v", err, s)
	}
}

func TestTimeIsKeptByTheOwnerOnce(t *testing.T) {
	st := openTestStore(t)
	clock := newFakeClock()
	h := NewHub(clock.clock(), WithTick(5*time.Millisecond))
	s := newTestSession(t, "auto")
	s.Stops[0].AutoAdvance = true
	c1, err := h.Create(st, s, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Leave()
	c2 := open(t, h, st, "auto", model.Facilitator)
	defer c2.Leave()
	if err := c1.Do(model.StartTimer{}); err != nil {
		t.Fatal(err)
	}
	// The first stop is planned for 10 minutes: run it down, and past.
	clock.pass(5*time.Minute + 30*time.Second)
	w2 := watch(t, c2)
	_, early := w2.until("five minutes left", func(u Update) bool { return hasKind(u.Events, model.EventTimeLow) })
	clock.pass(4 * time.Minute)
	_, one := w2.until("one minute left", func(u Update) bool { return hasKind(u.Events, model.EventTimeLow) })
	early = append(early, one...)
	clock.pass(time.Minute)
	u, events := w2.until("the move on", func(u Update) bool { return u.Session.Current != 0 })
	events = append(early, events...)
	// More time passes and ticks come; nothing more happens.
	clock.pass(time.Minute)
	if err := c1.Do(model.AddNote{Text: "marker"}); err != nil {
		t.Fatal(err)
	}
	_, later := w2.until("the marker", func(u Update) bool { return len(u.Session.Notes) == 1 })
	events = append(events, later...)
	if u.Session.Current != 1 || c1.Current().Session.Current != 1 {
		t.Fatalf("two facilitator screens: the room is at stop %d, want exactly one stop on", c1.Current().Session.Current+1)
	}
	if n := countKind(events, model.EventTimeUp); n != 1 {
		t.Fatalf("time-up events: %d, want 1 (%v)", n, events)
	}
	if n := countKind(events, model.EventKind(model.KindNextStop)); n != 1 {
		t.Fatalf("next-stop events: %d, want 1", n)
	}
	lows := 0
	for _, e := range events {
		if e.Kind == model.EventTimeLow {
			lows++
		}
		if e.Is(model.KindNextStop) && e.By != model.System {
			t.Fatalf("the move on was made by %v, not Pit Stop", e.By)
		}
	}
	if lows != 2 { // five minutes left, then one minute left
		t.Fatalf("time-low events: %d, want 2 (%v)", lows, events)
	}
}

func hasKind(events []model.Event, k model.EventKind) bool { return countKind(events, k) > 0 }

func TestClockSteppingBackKeepsTheTimer(t *testing.T) {
	st := openTestStore(t)
	clock := newFakeClock()
	h := NewHub(clock.clock(), WithTick(5*time.Millisecond))
	c := create(t, h, st, "stepped", model.Facilitator)
	defer c.Leave()
	if err := c.Do(model.StartTimer{}); err != nil {
		t.Fatal(err)
	}
	clock.pass(3 * time.Minute)
	clock.step(-time.Hour) // NTP, or a laptop waking with a wrong clock
	u, _ := watch(t, c).until("the shift", func(u Update) bool { return hasKind(u.Events, model.EventKind(model.KindShiftClock)) })
	now := clock.clock().Now()
	if got := u.Session.Stops[0].Timer.Elapsed(now); got != 3*time.Minute {
		t.Fatalf("after the step the timer shows %v, want 3m (not frozen)", got)
	}
	clock.pass(time.Minute)
	if err := c.Do(model.PauseTimer{}); err != nil {
		t.Fatal(err)
	}
	if got := c.Current().Session.Stops[0].Timer.Accumulated; got != 4*time.Minute {
		t.Fatalf("paused with %v, want 4m: the run is kept", got)
	}
}

func TestRolesAreCheckedByTheOwner(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(SystemClock())
	f := create(t, h, st, "roles", model.Facilitator)
	defer f.Leave()
	n := open(t, h, st, "roles", notes)
	defer n.Leave()
	v := open(t, h, st, "roles", viewer)
	defer v.Leave()
	for _, cmd := range []model.Command{model.NextStop{}, model.StartTimer{}, model.CloseSession{}} {
		if err := n.Do(cmd); !errors.Is(err, model.ErrNotPermitted) {
			t.Errorf("notes sent %T: %v", cmd, err)
		}
	}
	if err := v.Do(model.AddNote{Text: "x"}); !errors.Is(err, model.ErrNotPermitted) {
		t.Errorf("viewer wrote: %v", err)
	}
	if err := n.Do(model.AddNote{Text: "the note-taker's"}); err != nil {
		t.Fatal(err)
	}
	if got := f.Current().Session.Notes[0]; got.Role != "notes" || got.Author != "dana" {
		t.Fatalf("author stamped as %q/%q", got.Role, got.Author)
	}
	// Undo is the sender's own.
	if err := f.Do(model.AddAgreement{Text: "the facilitator's"}); err != nil {
		t.Fatal(err)
	}
	// The note-taker's undo takes back their own note, never the
	// facilitator's agreement made since.
	if err := n.Do(model.UndoBoard{}); err != nil {
		t.Fatal(err)
	}
	if s := f.Current().Session; len(s.Agreements) != 1 || len(s.Notes) != 0 {
		t.Fatalf("after the note-taker's undo: %d agreements, %d notes", len(s.Agreements), len(s.Notes))
	}
	if err := n.Do(model.UndoBoard{}); !errors.Is(err, model.ErrNothingToUndo) {
		t.Fatalf("the note-taker undid the facilitator's agreement: %v", err)
	}
}

func TestLockedElsewhereOpensForReview(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, st, newTestSession(t, "elsewhere"))
	lock, err := st.Lock("elsewhere") // as if another Pit Stop had it
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	h := NewHub(SystemClock(), WithTick(5*time.Millisecond))
	if _, err := h.Open(st, st.Path("elsewhere"), model.Facilitator); !errors.Is(err, ErrLocked) {
		t.Fatalf("open while locked: %v", err)
	}
	c, err := h.Review(st, st.Path("elsewhere"), model.Facilitator, "it is open in another Pit Stop", true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	if u := c.Current(); u.Save.ReadOnly == "" || !u.Save.Live || u.Saving() {
		t.Fatalf("review state: %+v", u.Save)
	}
	if err := c.Do(model.AddNote{Text: "x"}); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "reading only") {
		t.Fatalf("a change to a reviewed session: %v", err)
	}
	// The other Pit Stop writes; the review follows.
	s, _ := st.Load("elsewhere")
	mustApply(t, s, t0.Add(time.Minute), model.AddNote{Text: "written over there"})
	mustSave(t, st, s)
	u, _ := watch(t, c).until("the note from the other Pit Stop", func(u Update) bool { return len(u.Session.Notes) == 1 })
	if u.Session.Notes[0].Text != "written over there" {
		t.Fatalf("followed: %+v", u.Session.Notes)
	}
}
