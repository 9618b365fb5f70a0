package linemode

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	return newRoomWith(t, as, terminal, nil)
}

// newRoomWith is newRoom with the session shaped first by build, which
// may save other sessions in the store.
func newRoomWith(t *testing.T, as model.Actor, terminal bool, build func(st *sessions.Store, s *model.Session)) *room {
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
	if build != nil {
		build(r.store, s)
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
		r.done <- Run(c, Options{In: pr, Out: r.out, Workshop: w, Now: r.now, Terminal: terminal, Stop: r.stopped, Store: r.store})
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
	r.waitFor(`"n" could be next, norm, norms, note, notes: type more of the word.`)
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
	r.answers("board", "2. Who decides?, resolved\n", "3. Draft the MOU, owner Dana, due Friday 4 December, done\n")
	s := r.host.Current().Session
	if len(s.Commitments) != 1 || s.Commitments[0].Status != model.CommitmentDone || s.Tensions[0].Status == model.TensionOpen {
		t.Fatalf("board: %+v %+v", s.Commitments, s.Tensions)
	}
	r.typeLine("quit")
	if err := <-r.done; err != nil {
		t.Fatal(err)
	}
	r.done <- nil
	// Leaving says how the saving stands, as it is: saved, or still
	// being saved (the owner saves right after each change).
	if out := r.out.String(); !strings.Contains(out, "Leaving. Everything is saved.") && !strings.Contains(out, "Leaving. The last changes are being saved.") {
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

// once checks that each text is in out exactly once.
func once(t *testing.T, out string, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if n := strings.Count(out, text); n != 1 {
			t.Errorf("%q said %d times:\n%s", text, n, out)
		}
	}
}

// The check asks every outcome of the default workshop in turn, one line
// each; numbers rate, skip skips, a note stays on the outcome; each of our
// own answers is said once, by the owner's announcement; after the last
// come the results.
func TestPartnershipCheckAsksEveryOutcome(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	outcomes := r.w.Outcomes
	if len(outcomes) != 22 {
		t.Fatalf("the default workshop has %d outcomes, not 22", len(outcomes))
	}
	r.typeLine("che")
	r.waitFor("The partnership check: 22 outcomes, each rated from 1, not yet, to 5, we live it, or skipped.")
	r.waitFor("Outcome 1 of 22: Power with, not power over. ")
	// A score for most, a skip for every fifth; sk is enough for skip.
	want := make([]model.Rating, len(outcomes))
	var said []string
	for i, o := range outcomes {
		r.waitFor(fmt.Sprintf("Outcome %d of 22: %s.", i+1, o.Label))
		if i == 2 {
			r.typeLine("note We never asked them")
			said = append(said, r.waitFor("Note on "+o.Label+" by you: We never asked them."))
			want[i].Note = "We never asked them"
		}
		if i%5 == 4 {
			r.typeLine([]string{"skip", "sk"}[i%2])
			want[i].Skipped = true
			said = append(said, "Skipped by you: "+o.Label+".")
			continue
		}
		score := i%model.MaxScore + 1
		r.typeLine(strconv.Itoa(score))
		want[i].Score = score
		said = append(said, fmt.Sprintf("Rated by you: %s, %d of 5.", o.Label, score))
	}
	out := r.waitFor("Average ")
	r.waitFor("That was the last outcome. 18 of 22 rated · 4 skipped · all answered.")
	for i, o := range outcomes {
		once(t, out, fmt.Sprintf("Outcome %d of 22: %s.", i+1, o.Label))
	}
	once(t, out, said...)
	once(t, out, "Note on ", "Outcome 3 of 22: Those most affected have a seat at the table. ", "The results, weakest first:")
	if strings.Contains(out, "Outcome 23") || strings.Contains(out, "Now ") {
		t.Errorf("asked past the end, or an answer before it was given:\n%s", out)
	}
	// The note stays on its outcome: the next question comes after it.
	if strings.Index(out, "Note on") > strings.Index(out, "Outcome 4 of 22") {
		t.Errorf("the note moved the check on:\n%s", out)
	}
	if strings.ContainsAny(out, "\x1b\x07\u009b") {
		t.Errorf("not plain: %q", out)
	}
	s := r.host.Current().Session
	if len(s.Ratings) != len(outcomes) {
		t.Fatalf("%d ratings, want %d: %+v", len(s.Ratings), len(outcomes), s.Ratings)
	}
	for i, o := range outcomes {
		got, ok := s.RatingOf(o.Key)
		if !ok || got.Label != o.Label || got.Score != want[i].Score || got.Skipped != want[i].Skipped || got.Note != want[i].Note {
			t.Errorf("outcome %d %s: %+v, want score %d skipped %v note %q", i+1, o.Key, got, want[i].Score, want[i].Skipped, want[i].Note)
		}
	}
	// The check is off after the last outcome: a number is no word.
	r.typeLine("3")
	r.waitFor(`"3" answers the partnership check; check starts it.`)
	// All answered, check starts at the first again, with the answer.
	r.typeLine("check")
	r.waitFor("Every outcome is answered: 18 of 22 rated · 4 skipped · all answered. The check starts again at the first")
	r.waitFor("Outcome 1 of 22: Power with, not power over. ")
	r.waitFor("Now 1 of 5. Rate it 1 to 5, or skip.")
}

// stop leaves the check, saying how far it came; check goes on at the
// first outcome not answered. back, next and again move about it, and the
// other words work as always while it is on.
func TestPartnershipCheckStopAndResume(t *testing.T) {
	r := newRoom(t, model.Actor{Role: model.RoleNotes, Name: "dana"}, false)
	o := r.w.Outcomes
	r.typeLine("check")
	r.waitFor("Outcome 1 of 22: ")
	r.typeLine("4")
	r.waitFor("Outcome 2 of 22: ")
	r.typeLine("ne") // next, unanswered
	r.waitFor("Outcome 3 of 22: ")
	r.typeLine("2")
	r.waitFor("Outcome 4 of 22: ")
	r.typeLine("back")
	r.waitFor("Outcome 3 of 22: " + o[2].Label + ". ")
	r.waitFor("Now 2 of 5. Rate it 1 to 5, or skip.")
	r.typeLine("s")
	r.waitFor(`"s" could be shownext, skip, spoke, start, stop: type more of the word.`)
	r.typeLine("7")
	r.waitFor("Rate it 1 to 5: 1 is not yet, 5 is we live it; or skip.")
	r.answers("frob", `Pit Stop does not know "frob". The check takes 1 to 5, rate, skip, note, next, back, again, repeat, stop, open, reveal, forget; the other words are: where, time, who,`)
	r.typeLine("agree We ask those most affected first")
	r.waitFor("Agreement added by you: We ask those most affected first.")
	r.typeLine("again")
	r.waitFor("Agreement added by you: We ask those most affected first.\nOutcome 3 of 22: " + o[2].Label + ". ")
	r.typeLine("sto")
	r.waitFor("Left the partnership check: 2 of 22 rated.")
	r.waitFor("check goes on at outcome 2.")
	// Off, back and next are the stops' again.
	r.typeLine("next")
	r.waitFor("Only the facilitator runs the timer and moves the stops")
	r.typeLine("skip")
	r.waitFor(`"skip" answers the partnership check; check starts it.`)
	r.typeLine("check")
	out := r.waitFor("The partnership check goes on where it was left: 2 of 22 rated. stop leaves it.\nOutcome 2 of 22: " + o[1].Label + ".")
	once(t, out[strings.Index(out, "Left the partnership check"):], "Outcome 2 of 22: ")
	if s := r.host.Current().Session; len(s.Ratings) != 2 {
		t.Errorf("ratings: %+v", s.Ratings)
	}
}

// A rating from another screen is said once, with who made it, and the
// check says when it was the outcome it is at; our own rating is said
// once too.
func TestRatingFromAnotherScreenSaidOnce(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	notes, err := r.hub.Open(r.store, r.host.Path(), model.Actor{Role: model.RoleNotes, Name: "dana"})
	if err != nil {
		t.Fatal(err)
	}
	defer notes.Leave()
	r.waitFor("dana (note-taker) joined.")
	o := r.w.Outcomes
	r.typeLine("check")
	r.waitFor("Outcome 1 of 22: ")
	if err := notes.Do(model.Rate{Outcome: o[0].Key, Label: o[0].Label, Score: 4}); err != nil {
		t.Fatal(err)
	}
	r.waitFor("Rated by dana (note-taker): Power with, not power over, 4 of 5.")
	r.waitFor("That is the outcome the check is at: next goes on, a number changes the answer.")
	if err := notes.Do(model.SkipOutcome{Outcome: o[5].Key, Label: o[5].Label}); err != nil {
		t.Fatal(err)
	}
	r.waitFor("Skipped by dana (note-taker): " + o[5].Label + ".")
	r.typeLine("3")
	r.waitFor("Outcome 2 of 22: ")
	r.quiet("after the answer")
	out := r.out.String()
	once(t, out, "Rated by dana (note-taker)", "Skipped by dana", "That is the outcome the check is at", "Rated by you: Power with, not power over, 3 of 5.")
	if s := r.host.Current().Session; len(s.Ratings) != 2 || s.Ratings[0].Score != 3 {
		t.Errorf("ratings: %+v", s.Ratings)
	}
}

// results reads the answered outcomes from weakest to strongest, with how
// each moved since the team's last check, then how far the check came and
// the average; trend says each outcome across the sessions.
func TestResultsAndTrend(t *testing.T) {
	r := newRoom(t, model.Actor{Role: model.RoleNotes, Name: "dana"}, false)
	o := r.w.Outcomes
	r.typeLine("resu")
	r.waitFor("No outcome is answered yet; check starts the partnership check.")
	r.typeLine("tr")
	r.waitFor("No session of Harbor has done the partnership check yet; check starts it.")

	earlier, err := model.NewSession("earlier", "Kickoff", "Harbor", "", r.w.Plans(), t0.AddDate(0, 0, -14))
	if err != nil {
		t.Fatal(err)
	}
	earlier.Ratings = []model.Rating{
		{Outcome: o[0].Key, Label: o[0].Label, Score: 3},
		{Outcome: o[1].Key, Label: o[1].Label, Score: 4},
		{Outcome: o[12].Key, Label: o[12].Label, Score: 3},
	}
	if err := r.store.Create(earlier); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Command{
		model.Rate{Outcome: o[0].Key, Label: o[0].Label, Score: 2},
		model.Rate{Outcome: o[1].Key, Label: o[1].Label, Score: 5},
		model.Rate{Outcome: o[12].Key, Label: o[12].Label, Score: 2},
		model.Rate{Outcome: o[3].Key, Label: o[3].Label, Score: 4},
		model.Rate{Outcome: o[4].Key, Label: o[4].Label, Score: 3},
		model.SkipOutcome{Outcome: o[5].Key, Label: o[5].Label},
	} {
		if err := r.host.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	r.waitFor("Skipped by the facilitator: " + o[5].Label + ".")
	r.typeLine("results")
	out := r.waitFor("Average 3.2 of 5, down from 3.3 last session.")
	results := []string{
		"Weakest: Power with, not power over, 2 of 5, down from 3 last session.",
		"Weakest: No hidden agendas, no unwritten rules, 2 of 5, down from 3 last session.",
		"Weakest: " + o[4].Label + ", 3 of 5, the first time it is rated.",
		o[3].Label + ", 4 of 5, the first time it is rated.",
		"Strongest: " + o[1].Label + ", 5 of 5, up from 4 last session.",
		o[5].Label + ", skipped.",
		"5 of 22 rated · 1 skipped. Average 3.2 of 5, down from 3.3 last session.",
	}
	at := strings.Index(out, "The results, weakest first:")
	for _, line := range results {
		i := strings.Index(out[at:], line+"\n")
		if i < 0 {
			t.Fatalf("no %q after the one before it:\n%s", line, out)
		}
		at += i
	}
	r.typeLine("trend")
	out = r.waitFor("Overall average: ")
	for _, line := range []string{
		"The trend of Harbor over 2 sessions, 2 with the check, oldest first:",
		"Power with, not power over: 3, 2 over 2 sessions; down 1.",
		o[1].Label + ": 4, 5 over 2 sessions; up 1.",
		o[3].Label + ": rated once, 4.",
		"17 outcomes not rated in any session: " + o[2].Label + ". " + o[5].Label + ". ",
		"Overall average: 3.3, 3.2 over 2 sessions; down 0.1.",
	} {
		once(t, out, line)
	}
	if strings.Contains(out, o[5].Label+": ") {
		t.Errorf("a skipped outcome has a trend line:\n%s", out)
	}
}

// The check's words have prefixes of their own; a viewer hears the
// questions and is told why an answer is refused.
func TestCheckWordsForAViewer(t *testing.T) {
	r := newRoom(t, model.Actor{Role: model.RoleViewer}, false)
	r.typeLine("res")
	r.waitFor(`"res" could be reset, resolve, restore, results: type more of the word.`)
	r.typeLine("c")
	r.waitFor(`"c" could be calendar, carried, check, close, commit: type more of the word.`)
	r.typeLine("ch")
	r.waitFor("You are following this session as a viewer: you see every change but cannot make one. The questions are read all the same.")
	r.waitFor("Outcome 1 of 22: ")
	r.typeLine("5")
	out := r.waitFor("you see every change but cannot make one.\n")
	r.typeLine("help")
	r.waitFor("While the partnership check is on, it takes these answers")
	out = r.waitFor("  stop: leave the check")
	if strings.Count(out, "Outcome 2 of 22") != 0 {
		t.Errorf("a refused answer moved the check on:\n%s", out)
	}
	if s := r.host.Current().Session; len(s.Ratings) != 0 {
		t.Errorf("a viewer rated: %+v", s.Ratings)
	}
}

// A session file changed outside Pit Stop is said once, with where the
// changed file was kept.
func TestOutsideEditIsSaidOnce(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	data, err := os.ReadFile(r.host.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(r.host.Path(), []byte(strings.Replace(string(data), `title = "Kickoff"`, `title = "Renamed"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r.typeLine("note after the edit")
	out := r.waitFor("changed outside Pit Stop")
	r.typeLine("where")
	out = r.waitFor("The session is")
	once(t, out, "changed outside Pit Stop")
}

// stillFailing is a live session whose saves keep failing (a full disk),
// for the line mode to join.
type stillFailing struct {
	u     sessions.Update
	ended chan struct{}
}

func (f stillFailing) Do(model.Command) error        { return nil }
func (f stillFailing) Current() sessions.Update      { return f.u }
func (f stillFailing) Actor() model.Actor            { return model.Actor{Role: model.RoleNotes, Name: "dana"} }
func (f stillFailing) Path() string                  { return "x.toml" }
func (f stillFailing) Next() (sessions.Update, bool) { <-f.ended; return sessions.Update{}, false }

// Joining while saves fail says so at once, and leaving never claims that
// everything is saved.
func TestJoiningWhileSavesFailIsTold(t *testing.T) {
	s, err := model.NewSession("x", "Kickoff", "", "", []model.StopPlan{{Key: "a", Name: "Belonging", Planned: time.Minute}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	f := stillFailing{u: sessions.Update{Session: s, Version: 2, Save: sessions.SaveState{Version: 1, Err: &sessions.SaveError{Err: syscall.ENOSPC}}}, ended: make(chan struct{})}
	defer close(f.ended)
	out := &transcript{}
	if err := Run(f, Options{In: strings.NewReader("quit\n"), Out: out, Now: func() time.Time { return t0 }}); err != nil {
		t.Fatal(err)
	}
	said := out.String()
	if !strings.Contains(said, "Not saved yet: the disk is full") || strings.Contains(said, "Everything is saved") {
		t.Fatalf("joining while saves fail:\n%s", said)
	}
}

// A due date already gone by is asked about once in plain lines too.
func TestPastDueDateIsAskedAboutInLines(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.typeLine("commit Send the notes @Dana due:2025-11-22")
	r.waitFor("Due 22 Nov 2025 is a year ago: that day has gone by. Keep that date? Type yes to keep it.")
	r.typeLine("no")
	r.waitFor("Not added: give it another date.")
	if n := len(r.host.Current().Session.Commitments); n != 0 {
		t.Fatalf("%d commitments after no", n)
	}
}

// "Weakest" and "strongest" are never said of tied scores.
func TestResultLeadsNeverSplitATie(t *testing.T) {
	for _, c := range []struct {
		scores []int
		want   string
	}{
		{[]int{2, 2, 2}, ",,"},
		{[]int{1, 3}, "Weakest,Strongest"},
		{[]int{1, 2, 2, 2, 5}, "Weakest,Weakest,Weakest,Weakest,Strongest"},
		{[]int{1, 2, 3, 4, 5, 5}, "Weakest,Weakest,Weakest,,Strongest,Strongest"},
		{[]int{2, 5, 5, 5}, "Weakest,Strongest,Strongest,Strongest"},
	} {
		if got := strings.Join(resultLeads(c.scores), ","); got != c.want {
			t.Errorf("resultLeads(%v) = %q, want %q", c.scores, got, c.want)
		}
	}
}

// Closing reads back what the session ends with, as the screen's summary
// does; carried items are said to be carried, and from where.
func TestClosingReadsBackAndCarriedIsSaid(t *testing.T) {
	r := newRoomWith(t, model.Facilitator, false, func(st *sessions.Store, s *model.Session) {
		prev, err := model.NewSession("2026-10-01-harbor-one", "Harbor one", "Harbor", "", []model.StopPlan{{Key: "a", Name: "A", Planned: time.Minute}}, t0.AddDate(0, -1, 0))
		if err != nil {
			t.Fatal(err)
		}
		if err := prev.Apply(model.AddCommitment{Text: "Book the hall", Owner: "Lee"}, prev.Created); err != nil {
			t.Fatal(err)
		}
		if err := st.Create(prev); err != nil {
			t.Fatal(err)
		}
		s.CarryFrom(prev, t0)
	})
	r.typeLine("where")
	r.waitFor("Carried from last time: 1 of 1 still open; carried reads them.")
	r.typeLine("board")
	r.waitFor("Book the hall, owner Lee, carried from “Harbor one” (")
	r.answers("carried", "1. Commitment: Book the hall, owner Lee, carried from “Harbor one” (",
		"1 item carried from last time and still open. done N, drop N, resolve N and owner N NAME answer them.")
	r.answers("owner 1", "Commitment changed by you: Book the hall, no owner yet.")
	r.answers("owner 1 Lee", "Commitment changed by you: Book the hall, owner Lee.")
	r.typeLine("agree We share the agenda")
	r.typeLine("tension Who decides?")
	r.typeLine("close")
	r.waitFor("Close the session?")
	r.typeLine("yes")
	out := r.waitFor("Still open:")
	for _, want := range []string{"What we agreed:\n1. We share the agenda.", "Who does what, by when:\n1. Book the hall, owner Lee.", "Still open:\n1. Who decides?"} {
		if !strings.Contains(out, want) {
			t.Errorf("the read-back lacks %q:\n%s", want, out)
		}
	}
}

func TestTheRoomInPlainLines(t *testing.T) {
	r := newRoom(t, model.Actor{Role: model.RoleNotes, Name: "dana"}, false)
	page, err := r.hub.Join(r.host, model.Actor{Role: model.RoleParticipant})
	if err != nil {
		t.Fatal(err)
	}
	defer page.Leave()
	for _, text := range []string{"first from the room", "second", "third"} {
		if err := page.Do(model.SendRoomNote{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	r.waitFor("A note from the room is waiting: room reads it.")
	r.typeLine("let 1")
	r.waitFor("Say room first")
	r.typeLine("room")
	out := r.waitFor("3. 10:00, at Belonging: third")
	once(t, out, "A note from the room is waiting")
	r.typeLine("let 1")
	r.waitFor("Note from the room let through by you: first from the room.")
	r.typeLine("discard 2")
	r.waitFor("A note from the room discarded by you.")
	r.typeLine("let 3 the third, mended")
	r.waitFor("Note from the room let through by you: the third, mended.")
	r.typeLine("let 2")
	r.waitFor("That note is no longer waiting")
	r.typeLine("notes")
	r.waitFor("10:00, the room: first from the room")
	s := r.host.Current().Session
	if len(s.Notes) != 2 || len(s.Room.Held) != 0 {
		t.Fatalf("notes %+v, held %v", s.Notes, s.Room.Held)
	}
}

func TestTheCheckOpenedToTheRoomInPlainLines(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	page, err := r.hub.Join(r.host, model.Actor{Role: model.RoleParticipant})
	if err != nil {
		t.Fatal(err)
	}
	defer page.Leave()
	first := r.w.Outcomes[0]
	r.typeLine("check")
	r.waitFor("Outcome 1 of 22")
	r.typeLine("open")
	r.waitFor("“" + first.Label + "” open to the room by you; its answers stay hidden until they are revealed.")
	for i, score := range []int{3, 3, 4} {
		if err := page.Do(model.AnswerRoom{Outcome: first.Key, Browser: strconv.Itoa(i), Score: score}); err != nil {
			t.Fatal(err)
		}
	}
	r.quiet("answers coming in")
	r.typeLine("reveal")
	r.waitFor("The room's answers, shown by you: “" + first.Label + "”: 3 answered, from 3 to 4; the middle answer is 3. 1: 0 · 2: 0 · 3: 2 · 4: 1 · 5: 0.")
	r.typeLine("open all")
	r.waitFor("22 outcomes open to the room by you")
	r.typeLine("forget all")
	r.waitFor("Close the check to the room without showing its answers? They are forgotten. Type yes to forget them.")
	r.typeLine("yes")
	r.waitFor("Closed to the room by you, its answers not shown: 22 outcomes.")
}

// answers types a line and waits until what is said after it holds each
// of want, in order; it returns what was said after the line.
func (r *room) answers(line string, want ...string) string {
	r.t.Helper()
	from := len(r.out.String())
	r.typeLine(line)
	return r.saidAfter(from, "after "+strconv.Quote(line), want...)
}

// saidAfter waits until what is said after the first from bytes holds
// each of want, in order, and returns it; what names the moment.
func (r *room) saidAfter(from int, what string, want ...string) string {
	r.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		said := r.out.String()[from:]
		at, missing := 0, ""
		for _, w := range want {
			i := strings.Index(said[at:], w)
			if i < 0 {
				missing = w
				break
			}
			at += i + len(w)
		}
		if missing == "" {
			return said
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%s, no %q in:\n%s", what, missing, said)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// The three numbered lists, the board's (or the notes', or the carried
// items'), the room's and the norms', each say why a number names none
// of their items: an entry's word says first that it takes a number, the
// room's and the norms' first that nothing is read out yet.
func TestNumberedListsSayWhyANumberNamesNothing(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	notes, err := r.hub.Open(r.store, r.host.Path(), model.Actor{Role: model.RoleNotes, Name: "dana"})
	if err != nil {
		t.Fatal(err)
	}
	defer notes.Leave()
	r.waitFor("dana (note-taker) joined.")
	for _, c := range []struct{ line, want string }{
		// yes and no are words only while a question waits.
		{"yes", `Pit Stop does not know "yes". The words are: where,`},
		{"done", "done takes the number of an entry: say board or notes to hear them numbered, then done N."},
		{"done x", "done takes the number of an entry: say board or notes to hear them numbered, then done N."},
		{"done 1", "Say board or notes first, to hear the entries numbered."},
		{"reopen x", "reopen takes the number of an entry: say board or notes to hear them numbered, then reopen N."},
		{"let", "Say room first, to hear the notes waiting from the room numbered."},
		{"discard x", "Say room first, to hear the notes waiting from the room numbered."},
		{"reword", "Say norms first, to hear the team's norms numbered."},
		{"retire x", "Say norms first, to hear the team's norms numbered."},
		{"agree We start on time", "Agreement added by you: We start on time."},
		{"tension Who decides?", "Tension added by you: Who decides?"},
		{"board", "Numbers for edit, delete, done, drop, resolve, reopen, owner, due and move."},
		{"done 0", "done takes the number of an entry: say board or notes to hear them numbered, then done N."},
		{"done 3", "The last list had 2 entries."},
		{"edit 1", "edit N TEXT: the new words come after the number."},
		{"room", "Nothing is waiting from the room."},
		{"let 1", "Say room first, to hear the notes waiting from the room numbered."},
		{"norm 1", "A norm of the team now, by you: We start on time."},
		{"norms", "Norm 1: We start on time. (since 1 Dec)"},
		{"reword x", "reword takes the number of a norm from the last norms list, 1 to 1."},
		{"reword 0 x", "reword takes the number of a norm from the last norms list, 1 to 1."},
		{"restore 2", "restore takes the number of a norm from the last norms list, 1 to 1."},
		{"reword 1", "It needs its words: reword N TEXT."},
		{"restore 1", "That norm stands already."},
	} {
		r.answers(c.line, c.want)
	}
	// An entry gone since the list was read, and a note from the room
	// settled by someone else, are said to be gone.
	if err := notes.Do(model.RemoveItem{ID: r.host.Current().Session.Tensions[0].ID}); err != nil {
		t.Fatal(err)
	}
	r.waitFor("Tension deleted by dana (note-taker): Who decides?")
	r.answers("resolve 2", "That entry is gone; say board again.")
	r.answers("notes", "No notes at Belonging yet.")
	r.answers("delete 1", "Say board or notes first, to hear the entries numbered.")
	page, err := r.hub.Join(r.host, model.Actor{Role: model.RoleParticipant})
	if err != nil {
		t.Fatal(err)
	}
	defer page.Leave()
	if err := page.Do(model.SendRoomNote{Text: "from a phone"}); err != nil {
		t.Fatal(err)
	}
	r.waitFor("A note from the room is waiting: room reads it.")
	r.answers("room", "1. 10:00, at Belonging: from a phone")
	r.answers("let 2", "let takes the number of a note from the last room list, 1 to 1.")
	if err := notes.Do(model.DiscardHeld{ID: r.host.Current().Session.Room.Held[0].ID}); err != nil {
		t.Fatal(err)
	}
	r.waitFor("A note from the room discarded by dana (note-taker).")
	r.answers("let 1", "That note is no longer waiting: someone has let it through or discarded it. Say room again.")
}

// What the team keeps, in words: norm N makes agreement N a norm, norm
// TEXT writes one; norms reads them numbered for reword, retire and
// restore, standing first, with what the team means by its concepts.
func TestTheTeamInPlainLines(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.answers("norms", "The team has no norms yet: norm N makes agreement N of the board one; norm TEXT writes one.",
		"By respect we mean: not written yet; define respect: TEXT writes it.")
	r.answers("agree We start on time", "Agreement added by you: We start on time.")
	r.answers("tension Who decides?", "Tension added by you: Who decides?")
	r.answers("board", "2. Who decides?, open")
	r.answers("norm", "norm takes the number of an entry: say board or notes to hear them numbered, then norm N.")
	r.answers("norm 2", "A norm is made from an agreement: pick one in the agreements.")
	r.answers("norm 1", "A norm of the team now, by you: We start on time.")
	r.answers("norm 3rd time lucky", "A norm of the team now, by you: 3rd time lucky.")
	r.answers("norm We listen first", "A norm of the team now, by you: We listen first.")
	r.answers("norms", "Norm 1: We start on time. (since 1 Dec)\nNorm 2: 3rd time lucky. (since 1 Dec)\nNorm 3: We listen first. (since 1 Dec)\n")
	r.answers("reword 1 We start and end on time", "Norm reworded by you: We start and end on time.")
	r.answers("retire 2", "Retire the norm “3rd time lucky”? It stays in the record, dated. Type yes to retire it.")
	r.answers("yes", "Norm retired by you: 3rd time lucky.")
	// Retired norms are read after the standing ones.
	r.answers("norms", "Norm 1: We start and end on time. (since 1 Dec, reworded 1 Dec)\nNorm 2: We listen first. (since 1 Dec)\nNorm 3: 3rd time lucky. (",
		"By respect we mean: not written yet")
	r.answers("restore 3", "Norm let stand again by you: 3rd time lucky.")
	r.answers("define respect", "Define CONCEPT: TEXT, as in define respect: we let each other finish.")
	r.answers("define respect: we let each other finish", "What the team means by respect, written by you: we let each other finish.")
	r.answers("definitions", "By respect we mean: we let each other finish. (since 1 Dec)")
	s := r.host.Current().Session
	if len(s.Norms) != 3 || !s.Norms[1].Standing() || s.Norms[0].Text() != "We start and end on time" {
		t.Errorf("norms: %+v", s.Norms)
	}
}

// The go-around in words: the roster read and set, who is still to be
// invited, least heard first, and spoke and pass marking turns.
func TestTheGoAroundInPlainLines(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	r.answers("roster", "No roster yet: roster Ana, Lee, Sam sets it.")
	r.answers("around", "The go-around needs a roster: roster Ana, Lee, Sam sets who is in the room (first names or initials).")
	r.answers("roster Ana, Lee", "The roster, set by you: Ana, Lee.")
	r.answers("roster", "The roster: Ana, Lee. roster NAMES, with commas between, changes it.")
	r.answers("go-around", "Still to invite at Belonging, least heard first: Ana, not heard yet; Lee, not heard yet.",
		"spoke NAME or pass NAME marks a turn; a pass is never counted against anyone.")
	r.answers("spoke", "Spoke NAME: whose turn was it? go-around reads the names.")
	r.answers("spoke Ana", "Ana spoke, marked by you.")
	r.answers("around", "Still to invite at Belonging, least heard first: Lee, not heard yet.", "So far here: Ana spoke.")
	r.answers("pass Lee", "Lee passed, marked by you.")
	r.answers("around", "Everyone has been invited at Belonging. So far here: Ana spoke · Lee passed.")
	r.answers("shownext maybe", "Shownext on, or shownext off.")
	r.answers("shownext on", "Who is next in the go-around shows on the presenter now, by you.")
	r.answers("undo", "Undone by you")
}

// That notes wait from the room is said once while they wait, and again
// for a note sent after they were read out, or after all were settled.
func TestANoteFromTheRoomIsNewsAgainAfterTheList(t *testing.T) {
	r := newRoom(t, model.Facilitator, false)
	page, err := r.hub.Join(r.host, model.Actor{Role: model.RoleParticipant})
	if err != nil {
		t.Fatal(err)
	}
	defer page.Leave()
	const news = "A note from the room is waiting: room reads it."
	send := func(text string) {
		t.Helper()
		if err := page.Do(model.SendRoomNote{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	send("one")
	r.waitFor(news)
	send("two")
	r.quiet("a second note while the first waits")
	r.answers("room", "2. 10:00, at Belonging: two")
	from := len(r.out.String())
	send("three")
	r.saidAfter(from, "a note sent after the list was read", news)
	r.answers("room", "3. 10:00, at Belonging: three")
	for _, line := range []string{"discard 1", "discard 2", "discard 3"} {
		r.answers(line, "A note from the room discarded by you.")
	}
	from = len(r.out.String())
	send("four")
	r.saidAfter(from, "a note sent after all were settled", news)
	send("five")
	r.quiet("a fifth note while the fourth waits")
	once(t, r.out.String()[from:], news)
}
