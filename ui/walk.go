package ui

import (
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
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
	kept  int  // items kept open so far, with or without a new owner
}

// carriedOpen lists the ids of carried items still open, commitments
// first, as the board shows them.
func carriedOpen(s *model.Session) []string {
	var ids []string
	for _, c := range s.Commitments {
		if c.CarriedFrom != "" && c.Status == model.CommitmentOpen {
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
	a.walk = &walkThrough{ids: a.walk.ids, at: a.walk.at + 1, kept: a.walk.kept}
	return a.askWalk()
}

// walkOn moves the walk on to the next item, counting this one as kept
// first when kept is set.
type walkOn struct{ kept bool }

func (e walkOn) apply(a App) (App, tea.Cmd) {
	if e.kept && a.walk != nil {
		a.walk.kept++
	}
	return a.nextWalk(), nil
}

var (
	walkNext = walkOn{}
	walkKept = walkOn{kept: true}
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
		a.banner = "Walked through what was carried: " + strconv.Itoa(w.kept) + " kept open."
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
			text:     head + "◆ " + oneLine(t.Text) + "\nfrom session " + t.CarriedFrom + "\n(esc stops the walk)",
			choices: []choice{
				{key: "k", label: "keep open", do: []effect{walkKept}},
				{key: "r", label: "resolved", do: []effect{send{model.ResolveTension{ID: id}}, walkNext}},
				{key: "x", label: "drop (delete it here; u undoes)", do: []effect{send{model.RemoveItem{ID: id}}, walkNext}},
			},
		}
		return a
	}
	c := s.Commitments[i]
	facts := "needs an owner"
	if c.Owner != "" {
		facts = "@" + c.Owner
	}
	if !c.Due.IsZero() {
		facts += " · due " + c.Due.String()
		if c.Overdue(a.today()) {
			facts += " (⚠ OVERDUE)"
		}
	}
	a.question = &question{
		onCancel: []effect{stop},
		text:     head + "☐ " + oneLine(c.Text) + "\n" + facts + "\nfrom session " + c.CarriedFrom + "\n(esc stops the walk)",
		choices: []choice{
			// Asked in the walk's turn, so the next item waits for the answer.
			{key: "d", label: "done", do: []effect{
				send{model.SetCommitmentStatus{ID: id, Status: model.CommitmentDone}},
				askDoneThere{text: "Done. Mark it done in " + c.CarriedFrom + ", where it came from, too?", c: c, then: []effect{walkNext}},
			}},
			{key: "k", label: "keep open", do: []effect{walkKept}},
			{key: "x", label: "drop", do: []effect{send{model.SetCommitmentStatus{ID: id, Status: model.CommitmentDropped}}, walkNext}},
			{key: "o", label: "new owner", do: []effect{
				effectFunc(func(a App) (App, tea.Cmd) {
					a.walk.reown = true
					return a, nil
				}),
				openEntry{kind: entryOwner, title: "Who owns “" + oneLine(c.Text) + "” now?", value: c.Owner, itemID: id},
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
		a.walk.kept++
		return a.nextWalk()
	}
	return a.askWalk()
}
