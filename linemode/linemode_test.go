package linemode

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// transcript is what the line mode wrote, read while it writes.
type transcript struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *transcript) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.Write(p)
}

func (t *transcript) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

// room is a session with its owner on a clock the test moves, and a line
// mode running on it as one of its people.
type room struct {
	t       *testing.T
	clock   atomic.Int64
	hub     *sessions.Hub
	store   *sessions.Store
	host    *sessions.Client
	in      *io.PipeWriter
	out     *transcript
	done    chan error
	w       *config.Workshop
	stopped chan string
}

func (r *room) now() time.Time { return time.Unix(0, r.clock.Load()).UTC() }

func (r *room) setNow(t time.Time) { r.clock.Store(t.UnixNano()) }

func newRoom(t *testing.T, as model.Actor, terminal bool) *room {
	t.Helper()
	w, err := config.Load(filepath.Join("..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	r := &room{t: t, out: &transcript{}, done: make(chan error, 1), w: w, stopped: make(chan string, 1)}
	r.setNow(t0)
	r.store, err = sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.NewSession("lines", "Kickoff", "Harbor", "", w.Plans(), t0)
	if err != nil {
		t.Fatal(err)
	}
	r.hub = sessions.NewHub(sessions.ClockOf(r.now), sessions.WithTick(2*time.Millisecond))
	r.host, err = r.hub.Create(r.store, s, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	c := r.host
	if as != model.Facilitator {
		c, err = r.hub.Open(r.store, r.host.Path(), as)
		if err != nil {
			t.Fatal(err)
		}
	}
	pr, pw := io.Pipe()
	r.in = pw
	go func() {
		r.done <- Run(c, Options{In: pr, Out: r.out, Workshop: w, Now: r.now, Terminal: terminal, Stop: r.stopped})
	}()
	t.Cleanup(func() {
		pw.Close()
		<-r.done
		if c != r.host {
			c.Leave()
		}
		r.host.Leave()
	})
	r.waitFor("Type help for the words")
	return r
}

func (r *room) typeLine(line string) {
	r.t.Helper()
	if _, err := io.WriteString(r.in, line+"\n"); err != nil {
		r.t.Fatal(err)
	}
}

// waitFor waits until the transcript holds text, and returns it.
func (r *room) waitFor(text string) string {
	r.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		out := r.out.String()
		if strings.Contains(out, text) {
			return out
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("no %q in the transcript:\n%s", text, out)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// quiet checks that nothing more is said while the owner has time to.
func (r *room) quiet(what string) {
	r.t.Helper()
	before := r.out.String()
	// The owner looks at the clock every 2ms; a hundred looks.
	time.Sleep(200 * time.Millisecond)
	if after := r.out.String(); after != before {
		r.t.Fatalf("%s said something: %q", what, after[len(before):])
	}
}

func TestSaysEachChangeOnce(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.waitFor("Stop 1 of 7: Belonging. 15 minutes planned.")
	notes, err := r.hub.Open(r.store, r.host.Path(), model.Actor{Role: model.RoleNotes, Name: "dana"})
	if err != nil {
		t.Fatal(err)
	}
	defer notes.Leave()
	r.waitFor("dana (note-taker) joined.")
	if err := notes.Do(model.AddCommitment{Text: "Draft the MOU", Owner: "Dana", Due: "2026-12-04"}); err != nil {
		t.Fatal(err)
	}
	r.waitFor("Commitment added by dana (note-taker): Draft the MOU, owner Dana, due Friday 4 December.")
	r.typeLine("note Belonging starts with being expected said:Ana")
	r.waitFor("Note added by you: Belonging starts with being expected.")
	r.typeLine("start")
	r.waitFor("Timer started by you.")
	r.typeLine("nex")
	out := r.waitFor("Stop 2 of 7: Reflection & Accountability. 20 minutes planned.")
	for _, once := range []string{"Commitment added by", "Note added by you", "Timer started by you", "dana (note-taker) joined"} {
		if n := strings.Count(out, once); n != 1 {
			t.Errorf("%q said %d times:\n%s", once, n, out)
		}
	}
	if s := r.host.Current().Session; len(s.Notes) != 1 || s.Notes[0].Said != "Ana" {
		t.Errorf("the note: %+v", s.Notes)
	}
}

// The timer is said at its warnings and when asked, never on a tick: an
// idle minute says nothing.
func TestTimerWarningsOnlyAndQuietTicks(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.typeLine("start")
	r.waitFor("Timer started by you.")
	r.quiet("a tick")
	for s := 1; s <= 60; s++ { // an idle minute, a second at a time
		r.setNow(t0.Add(time.Duration(s) * time.Second))
	}
	r.quiet("an idle minute")
	r.typeLine("time")
	r.waitFor("14 minutes left of 15 minutes.")
	r.setNow(t0.Add(10 * time.Minute))
	r.waitFor("5 minutes left.")
	r.setNow(t0.Add(14 * time.Minute))
	r.waitFor("1 minute left.")
	r.setNow(t0.Add(15*time.Minute + 2*time.Second))
	r.waitFor("Time is up at Belonging.")
	r.setNow(t0.Add(16*time.Minute + 2*time.Second))
	r.quiet("a minute over")
	r.typeLine("ti")
	out := r.waitFor("1 minute 2 seconds over the 15 minutes planned.")
	for _, once := range []string{"5 minutes left.", "1 minute left.", "Time is up"} {
		if n := strings.Count(out, once); n != 1 {
			t.Errorf("%q said %d times:\n%s", once, n, out)
		}
	}
	// Paused, nothing more is said as time goes by.
	r.typeLine("pause")
	r.waitFor("Timer paused by you")
	r.setNow(t0.Add(time.Hour))
	r.quiet("a paused hour")
}

func TestWordsPrefixesAndRefusals(t *testing.T) {
	r := newRoom(t, model.Actor{Role: model.RoleNotes, Name: "dana"}, false)
	r.typeLine("n")
	r.waitFor(`"n" could be next, note, notes: type more of the word.`)
	r.typeLine("frobnicate")
	r.waitFor(`Pit Stop does not know "frobnicate". The words are: where, time,`)
	r.typeLine("next")
	r.waitFor("Only the facilitator runs the timer and moves the stops")
	r.typeLine("hint")
	r.waitFor("The hint is for the facilitator.")
	r.typeLine("commit Draft the MOU @Dana due:someday")
	r.waitFor("due:someday")
	r.typeLine("commit Draft the MOU @Dana due:2026-12-04")
	r.waitFor("Commitment added by you: Draft the MOU, owner Dana, due Friday 4 December.")
	r.typeLine("agree We name tension when we feel it")
	r.waitFor("Agreement added by you")
	r.typeLine("tension Who decides?")
	r.waitFor("Tension added by you")
	r.typeLine("done 1")
	r.waitFor("Say board or notes first")
	r.typeLine("board")
	r.waitFor("3. Draft the MOU, owner Dana, due Friday 4 December")
	r.typeLine("done 3")
	r.waitFor("Commitment done by you: Draft the MOU")
	r.typeLine("resolve 2")
	r.waitFor("Tension resolved by you: Who decides?")
	r.typeLine("edit 1 We name tension early")
	r.waitFor("Agreement changed by you: We name tension early.")
	r.typeLine("undo")
	r.waitFor("Undone by you")
	r.typeLine("delete 9")
	r.waitFor("The last list had 3 entries.")
	s := r.host.Current().Session
	if len(s.Commitments) != 1 || s.Commitments[0].Status != model.CommitmentDone || s.Tensions[0].Status == model.TensionOpen {
		t.Fatalf("board: %+v %+v", s.Commitments, s.Tensions)
	}
	r.typeLine("quit")
	if err := <-r.done; err != nil {
		t.Fatal(err)
	}
	r.done <- nil
	if !strings.Contains(r.out.String(), "Leaving. Everything is saved.") {
		t.Fatal("quit says nothing")
	}
}

// From a terminal that sends each key (ssh -t), what is typed is echoed,
// backspace takes a character back, the arrows are left out, and lines end
// in \r\n.
func TestTerminalInput(t *testing.T) {
	r := newRoom(t, model.Facilitator, true)
	if _, err := io.WriteString(r.in, "nox\x7fte \x1b[Dhello\r"); err != nil {
		t.Fatal(err)
	}
	out := r.waitFor("Note added by you: hello.\r\n")
	if !strings.Contains(out, "nox\b \bte hello\r\n") {
		t.Errorf("the typing is not echoed as typed: %q", out)
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Errorf("a bare newline on a terminal: %q", out)
	}
}

// What is written is plain: no escape sequence, no box drawing, even when
// the words are someone's attempt at one.
func TestPlainLinesOnly(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.typeLine("note title\x1b]0;pwned\x07 clear\x1b[2J end")
	r.typeLine("board")
	r.typeLine("help")
	r.typeLine("where")
	out := r.waitFor("The session is on time.")
	if strings.ContainsAny(out, "\x1b\x07\u009b") || strings.ContainsAny(out, "─│┌┐└┘█▀▄░▓") {
		t.Fatalf("not plain: %q", out)
	}
}

// The host stopping ends the run, saying so.
func TestStopEndsTheRun(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.stopped <- "the host stopped serving it"
	if err := <-r.done; err != nil {
		t.Fatal(err)
	}
	r.done <- nil
	r.waitFor("The session has ended here: the host stopped serving it. Everything is saved.")
}
