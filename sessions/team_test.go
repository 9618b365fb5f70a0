package sessions

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"testing"
	"time"

	"pitstop/model"
)

func TestCarryForwardFromTheTeamsLatestSession(t *testing.T) {
	st := openTestStore(t)
	mk := func(id, team string, at time.Time, cmds ...model.Command) *model.Session {
		s, err := model.NewSession(id, id, team, "", testPlans(), at)
		if err != nil {
			t.Fatal(err)
		}
		mustApply(t, s, at, cmds...)
		mustSave(t, st, s)
		return s
	}
	mk("older", "Harbor Team", t0, model.AddCommitment{Text: "from the older one"})
	latest := mk("latest", "harbor team ", t0.Add(24*time.Hour),
		model.AddCommitment{Text: "still open", Owner: "Dana"},
		model.AddCommitment{Text: "done already"},
		model.AddTension{Text: "unresolved"},
		model.SetCommitmentStatus{ID: "2", Status: model.CommitmentDone})
	mk("other-team", "Riverside", t0.Add(48*time.Hour), model.AddCommitment{Text: "not ours"})
	before := readFile(t, st.Path("latest"))

	s, prev, err := st.CreateWithCarry("Next round", "Harbor Team", "", testPlans(), t0.Add(30*24*time.Hour), false)
	if err != nil {
		t.Fatal(err)
	}
	if prev == nil || prev.ID != latest.ID {
		t.Fatalf("carried from %v, want the team's latest session", prev)
	}
	var texts []string
	for _, c := range s.Commitments {
		texts = append(texts, c.Text+"<"+c.CarriedFrom)
	}
	for _, tn := range s.Tensions {
		texts = append(texts, tn.Text+"<"+tn.CarriedFrom)
	}
	if got := strings.Join(texts, ", "); got != "still open<latest, unresolved<latest" {
		t.Fatalf("carried: %s", got)
	}
	if string(readFile(t, st.Path("latest"))) != string(before) {
		t.Fatal("carrying forward changed the old session")
	}
	// A team that never met starts empty.
	fresh, prev, err := st.CreateWithCarry("First", "Newcomers", "", testPlans(), t0, false)
	if err != nil || prev != nil || len(fresh.Commitments) != 0 {
		t.Fatalf("new team: %v %v %+v", err, prev, fresh.Commitments)
	}
	if teams := Teams(mustList(t, st)); strings.Join(teams, ",") != "Riverside,harbor team" {
		t.Fatalf("teams = %q", teams)
	}
}

func mustList(t *testing.T, st *Store) []Summary {
	t.Helper()
	l, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestMarkDoneIn(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "old")
	mustApply(t, s, t0, model.AddCommitment{Text: "carried thing"}, model.AddNote{Text: "keep me"}, model.CloseSession{})
	mustSave(t, st, s)
	h := NewHub(ClockOf(func() time.Time { return t0.Add(time.Hour) }))
	if err := h.MarkDoneIn(st, "old", "1", model.Facilitator); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Load("old")
	if c := got.Commitments[0]; c.Status != model.CommitmentDone || !got.IsClosed() || len(got.Notes) != 1 {
		t.Fatalf("old session after mark done: %+v closed=%v", c, got.IsClosed())
	}
	lock, _ := st.Lock("old")
	defer lock.Release()
	if err := h.MarkDoneIn(st, "old", "1", model.Facilitator); err == nil || !strings.Contains(err.Error(), "already open") {
		t.Fatalf("while locked: %v", err)
	}
}

func TestFollowThroughCounts(t *testing.T) {
	s := newTestSession(t, "ft")
	mustApply(t, s, t0,
		model.AddCommitment{Text: "on time", Due: "2026-11-25"},
		model.AddCommitment{Text: "late", Due: "2026-11-20"},
		model.AddCommitment{Text: "no date"},
		model.AddCommitment{Text: "dropped"},
		model.AddCommitment{Text: "open"},
		model.SetCommitmentStatus{ID: "1", Status: model.CommitmentDone}, // done 11-22, due 11-25
		model.SetCommitmentStatus{ID: "2", Status: model.CommitmentDone}, // done 11-22, due 11-20
		model.SetCommitmentStatus{ID: "3", Status: model.CommitmentDone},
		model.SetCommitmentStatus{ID: "4", Status: model.CommitmentDropped},
	)
	sum := Summarize(s, "")
	if sum.DoneOnTime != 2 || sum.DoneLate != 1 || sum.Dropped != 1 || sum.OpenCommitments != 1 {
		t.Fatalf("summary = %+v", sum)
	}
}

func TestSearch(t *testing.T) {
	st := openTestStore(t)
	a := newTestSession(t, "a")
	mustApply(t, a, t0, model.AddNote{Text: "The Budget talk went well"}, model.AddCommitment{Text: "Share budget draft"})
	mustSave(t, st, a)
	b := newTestSession(t, "b")
	mustApply(t, b, t0, model.AddTension{Text: "budget is unclear"}, model.AddNote{Text: "nothing here"})
	mustSave(t, st, b)
	hits, err := st.Search("BUDGET", 0)
	if err != nil || len(hits) != 3 {
		t.Fatalf("hits = %+v, %v", hits, err)
	}
	if hits, _ := st.Search("budget draft", 0); len(hits) != 1 || hits[0].Kind != model.KindCommitment || hits[0].SessionID != "a" || hits[0].Stop != "Belonging" {
		t.Fatalf("two words: %+v", hits)
	}
	// A changed file is read again.
	mustApply(t, b, t0, model.AddNote{Text: "budget agreed at last"})
	mustSave(t, st, b)
	if hits, _ := st.Search("agreed", 0); len(hits) != 1 {
		t.Fatalf("after a change: %+v", hits)
	}
	if hits, _ := st.Search("   ", 0); hits != nil {
		t.Fatal("an empty search finds nothing")
	}
}

// Marking a carried commitment done where it came from goes through that
// session's owner when it is open in this process, so its screens see it
// and nothing is written behind their backs.
func TestMarkDoneInAnOpenSession(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "old")
	mustApply(t, s, t0, model.AddCommitment{Text: "carried thing"})
	mustSave(t, st, s)
	h := NewHub(SystemClock())
	open := open(t, h, st, "old", model.Facilitator) // someone has it on screen
	defer open.Leave()
	w := watch(t, open)
	if err := h.MarkDoneIn(st, "old", "1", model.Facilitator); err != nil {
		t.Fatalf("through the open session's owner: %v", err)
	}
	u, _ := w.until("the commitment done", func(u Update) bool { return u.Session.Commitments[0].Status == model.CommitmentDone })
	if u.Session.IsClosed() {
		t.Fatal("the session changed state")
	}
}

// A rehearsal is no team's history: it carries nothing, nothing is
// carried from it, and with the clock running fast only rehearsals can be
// written.
func TestRehearsalIsNoTeamsHistory(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	real, _, err := st.CreateWithCarry("Kickoff", "Harbor Team", "", testPlans(), t0, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := real.Apply(model.AddCommitment{Text: "Book the room"}, t0); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(real); err != nil {
		t.Fatal(err)
	}
	practice, prev, err := st.CreateWithCarry("Practice", "Harbor Team", "", testPlans(), t0.Add(time.Hour), true)
	if err != nil || prev != nil || len(practice.Commitments) != 0 || !practice.Rehearsal {
		t.Fatalf("a rehearsal carried from %v: %+v, %v", prev, practice.Commitments, err)
	}
	if err := practice.Apply(model.AddCommitment{Text: "Practice only"}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(practice); err != nil {
		t.Fatal(err)
	}
	// Round trip: the file says so.
	back, err := st.Load(practice.ID)
	if err != nil || !back.Rehearsal {
		t.Fatalf("loaded rehearsal = %v, %v", back.Rehearsal, err)
	}
	next, prev, err := st.CreateWithCarry("Second", "Harbor Team", "", testPlans(), t0.Add(2*time.Hour), false)
	if err != nil || prev == nil || prev.ID != real.ID || len(next.Commitments) != 1 || next.Commitments[0].Text != "Book the room" {
		t.Fatalf("the next real session carried from %v: %+v, %v", prev, next.Commitments, err)
	}
	list, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		if s.ID == practice.ID && !s.Rehearsal {
			t.Error("the listing does not say the rehearsal is one")
		}
	}
	// A fast clock writes only rehearsals.
	hub := NewHub(ClockOf(func() time.Time { return t0 }), WithRehearsalClock())
	var refused *NotRehearsalError
	if _, err := hub.Open(st, st.Path(real.ID), model.Facilitator); !errors.As(err, &refused) || !strings.Contains(err.Error(), "PITSTOP_CLOCK_SPEED") {
		t.Fatalf("a real session opened on a fast clock: %v", err)
	}
	if _, err := hub.Create(st, next, model.Facilitator); !errors.As(err, &refused) {
		t.Fatalf("a real session created on a fast clock: %v", err)
	}
	c, err := hub.Open(st, st.Path(practice.ID), model.Facilitator)
	if err != nil {
		t.Fatalf("the rehearsal on a fast clock: %v", err)
	}
	c.Leave()
	if c, err := hub.Review(st, st.Path(real.ID), model.Facilitator, "looked at", false); err != nil {
		t.Fatalf("looking at a real session on a fast clock: %v", err)
	} else {
		c.Leave()
	}
}

// A failed save's remedy is said for what failed: room on a full disk,
// a permission to write for a denied one.
func TestRemedy(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&SaveError{Err: syscall.ENOSPC}, "when there is room again"},
		{&SaveError{Err: fs.ErrPermission}, "once Pit Stop may write there again"},
		{&SaveError{Err: syscall.EROFS}, "once Pit Stop may write there again"},
		{errors.New("something else"), "once it can be saved there again"},
	} {
		if got := Remedy(c.err); got != c.want {
			t.Errorf("Remedy(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

// SavedWords claims a save only when the update's version is on disk.
func TestSavedWords(t *testing.T) {
	for _, c := range []struct {
		u    Update
		want string
	}{
		{Update{Version: 3, Save: SaveState{Version: 3}}, "Everything is saved."},
		{Update{Version: 4, Save: SaveState{Version: 3}}, "The last changes are being saved."},
		{Update{Version: 4, Save: SaveState{Version: 3, Err: &SaveError{Path: "/s/a.toml", Err: syscall.ENOSPC}}}, "Not saved yet: the disk is full. Pit Stop keeps trying; nothing typed is lost."},
		{Update{Version: 4, Save: SaveState{ReadOnly: "locked"}}, "Nothing was changed here."},
	} {
		if got := c.u.SavedWords(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.u.Save, got, c.want)
		}
	}
}
