package ui

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

// walkThrough goes through the items carried from the team's last session
// one at a time, at the first stop: each commitment can be marked done,
// kept open, dropped or given a new owner; each tension kept, resolved or
// dropped. The list is fixed when the walk starts, so an answer that
// changes the board does not change what comes next.
type walkThrough struct {
	ids   []string
	at    int  // the item being asked about
	reown bool // an owner entry is open for ids[at]
	did   walkTally
	// doneThere is the answer to "mark it done there too?", asked once a
	// walk: the commitments done after the first follow it.
	doneThere answer
}

// answer is a yes or no not yet given.
type answer int

const (
	notAsked answer = iota
	saidYes
	saidNo
)

// carriedOpen lists the ids of carried items still open: commitments
// first, by due date (those with none last), then tensions.
func carriedOpen(s *model.Session) []string {
	var ids []string
	for _, i := range present.CommitmentOrder(s) {
		if c := s.Commitments[i]; c.CarriedFrom != "" && c.Status == model.CommitmentOpen {
			ids = append(ids, c.ID)
		}
	}
	for _, t := range s.Tensions {
		if t.CarriedFrom != "" && t.Status == model.TensionOpen {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// startWalk begins the walk, or says there is nothing to walk through.
type startWalk struct{}

func (startWalk) apply(a App) (App, tea.Cmd) {
	ids := carriedOpen(a.state.Session)
	if len(ids) == 0 {
		a.flash = "Nothing carried from last time is still open."
		return a, nil
	}
	a.walk = &walkThrough{ids: ids}
	return a.askWalk(), nil
}

// nextWalk moves to the next carried item that still exists, or ends the
// walk with a word of how it went.
func (a App) nextWalk() App {
	if a.walk == nil {
		return a
	}
	a.walk = &walkThrough{ids: a.walk.ids, at: a.walk.at + 1, did: a.walk.did, doneThere: a.walk.doneThere}
	return a.askWalk()
}

// walkTally is what a walk did, counted from the answers (the last ones
// may not be back from the session's owner yet).
type walkTally struct {
	done, dropped, resolved, kept, reowned int
}

// String says it: "2 done, 1 dropped, 1 kept open, 1 new owner".
func (t walkTally) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{t.done, "done"}, {t.resolved, "resolved"}, {t.dropped, "dropped"}, {t.kept, "kept open"}} {
		if p.n > 0 {
			parts = append(parts, strconv.Itoa(p.n)+" "+p.what)
		}
	}
	if t.reowned > 0 {
		parts = append(parts, present.Plural(t.reowned, "new owner"))
	}
	if len(parts) == 0 {
		return "nothing changed"
	}
	return strings.Join(parts, ", ")
}

// walkOn moves the walk on to the next item, counting what was done with
// this one.
type walkOn struct{ count func(*walkTally) }

func (e walkOn) apply(a App) (App, tea.Cmd) {
	if e.count != nil && a.walk != nil {
		e.count(&a.walk.did)
	}
	return a.nextWalk(), nil
}

var (
	walkNext     = walkOn{}
	walkKept     = walkOn{func(t *walkTally) { t.kept++ }}
	walkDropped  = walkOn{func(t *walkTally) { t.dropped++ }}
	walkResolved = walkOn{func(t *walkTally) { t.resolved++ }}
)

// askWalk asks about the item the walk is at, skipping any that are gone.
func (a App) askWalk() App {
	s := a.state.Session
	if a.input != nil {
		// Something is being typed: never raise a question over it.
		a.walk = nil
		a.banner = "The walk through carried items paused; w starts it again."
		return a
	}
	for a.walk.at < len(a.walk.ids) {
		kind, _, ok := s.Find(a.walk.ids[a.walk.at])
		if ok && (kind == model.KindTension || kind == model.KindCommitment) {
			break // still there, and still something the walk can ask about
		}
		a.walk.at++
	}
	w := a.walk
	if w.at >= len(w.ids) {
		a.walk = nil
		// Counted from the answers: the last ones may not be back yet.
		a.banner = "Walked through what was carried: " + w.did.String() + "."
		return a
	}
	id := w.ids[w.at]
	kind, i, _ := s.Find(id)
	head := "Carried from last time · " + strconv.Itoa(w.at+1) + " of " + strconv.Itoa(len(w.ids)) + "\n\n"
	stop := effectFunc(func(a App) (App, tea.Cmd) {
		a.walk = nil
		a.banner = "Stopped after " + strconv.Itoa(w.at) + " of " + strconv.Itoa(len(w.ids)) + " carried items; w starts the walk again."
		return a, nil
	})
	if kind == model.KindTension {
		t := s.Tensions[i]
		a.question = &question{
			onCancel: []effect{stop},
			text:     head + "◆ " + oneLine(t.Text) + "\nfrom " + a.view.sourceName(t.CarriedFrom) + "\n(esc stops the walk)",
			choices: []choice{
				{key: "k", label: "keep open", do: []effect{walkKept}},
				{key: "r", label: "resolved", do: []effect{send{model.ResolveTension{ID: id}}, walkResolved}},
				{key: "x", label: dropLabel, do: []effect{send{model.DropTension{ID: id}}, walkDropped}},
			},
		}
		return a
	}
	c := s.Commitments[i]
	facts := present.CommitmentFacts(c, a.today())
	a.question = &question{
		onCancel: []effect{stop},
		text:     head + "☐ " + oneLine(c.Text) + "\n" + facts + "\nfrom " + a.view.sourceName(c.CarriedFrom) + "\n(esc stops the walk)",
		choices: []choice{
			// Asked in the walk's turn, so the next item waits for the answer.
			{key: "d", label: "done", do: []effect{
				send{model.SetCommitmentStatus{ID: id, Status: model.CommitmentDone}},
				walkDoneThere{c: c},
			}},
			{key: "k", label: "keep open", do: []effect{walkKept}},
			{key: "x", label: dropLabel, do: []effect{send{model.SetCommitmentStatus{ID: id, Status: model.CommitmentDropped}}, walkDropped}},
			{key: "o", label: "new owner", do: []effect{
				effectFunc(func(a App) (App, tea.Cmd) {
					a.walk.reown = true
					return a, nil
				}),
				effectFunc(func(a App) (App, tea.Cmd) {
					ctx := a.c.context(a.view)
					ctx.Entry = id
					return a.run(act(a.c, actions.All.Get(actions.Owner), ctx)...)
				}),
			}},
		},
	}
	return a
}

// walkEntryClosed continues the walk after the new-owner box closes: on to
// the next item once saved, back to the same one if it was cancelled.
func (a App) walkEntryClosed(saved bool) App {
	if a.walk == nil || !a.walk.reown {
		return a
	}
	a.walk.reown = false
	if saved {
		a.walk.did.kept++
		a.walk.did.reowned++
		return a.nextWalk()
	}
	return a.askWalk()
}

// dropLabel is what x does in the walk, for a tension as for a commitment.
const dropLabel = "drop (we let it go; u undoes)"

// walkDoneThere marks a carried commitment done where it came from too:
// asked the first time in a walk, then as answered.
type walkDoneThere struct{ c model.Commitment }

func (e walkDoneThere) apply(a App) (App, tea.Cmd) {
	if a.walk == nil {
		return a, nil
	}
	a.walk.did.done++
	c := e.c
	switch a.walk.doneThere {
	case saidYes:
		next, cmd := a.nextWalk(), a.markDoneThere(c.CarriedFrom, c.CarriedID)
		return next, cmd
	case saidNo:
		return a.nextWalk(), nil
	}
	answered := func(yes bool) effect {
		return effectFunc(func(a App) (App, tea.Cmd) {
			if a.walk != nil {
				a.walk.doneThere = saidNo
				if yes {
					a.walk.doneThere = saidYes
				}
			}
			return a, nil
		})
	}
	return askDoneThere{
		text: "Done. Mark it done in " + a.view.sourceName(c.CarriedFrom) + ", where it came from, too?\n(Asked once: the others you mark done in this walk follow your answer.)",
		c:    c,
		yes:  []effect{answered(true), walkNext},
		then: []effect{answered(false), walkNext},
	}.apply(a)
}

// sourcesMsg carries the names of the sessions this one carried items from.
type sourcesMsg map[string]string

// sourcesCmd reads the names of the sessions this one carried items from,
// in the background: the listing is cached, so it is quick.
func (a App) sourcesCmd() tea.Cmd {
	total, _ := a.state.Session.Carried()
	if a.store == nil || total == 0 {
		return nil
	}
	st, today := a.store, a.today()
	return func() tea.Msg {
		list, _, err := st.ListQuick()
		if err != nil {
			return sourcesMsg(nil)
		}
		names := map[string]string{}
		for _, s := range list {
			if !s.Broken() && !s.Created.IsZero() {
				names[s.ID] = present.SessionName(s.Title, s.Created, today)
			}
		}
		return sourcesMsg(names)
	}
}
