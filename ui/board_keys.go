package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
)

// boardKey is a board key: moving the selection, capturing, and changing
// the selected item. Every change goes to the session owner.
func (a App) boardKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.c.keys
	s := a.state.Session
	visible := rowsVisible(a.c.width-2, a.c.height-2)
	switch {
	case key.Matches(msg, k.BackToStop):
		a.screen = stopScreen
		return a, nil
	case key.Matches(msg, k.Left):
		a.board.move(s, 0, -1, visible)
		return a, nil
	case key.Matches(msg, k.Right):
		a.board.move(s, 0, 1, visible)
		return a, nil
	case key.Matches(msg, k.Up):
		a.board.move(s, -1, 0, visible)
		return a, nil
	case key.Matches(msg, k.Down):
		a.board.move(s, 1, 0, visible)
		return a, nil
	case key.Matches(msg, k.Filter):
		a.board.filter = nextFilter(s, a.board.filter)
		a.board.rebuild(s, a.today())
		return a, nil
	case key.Matches(msg, k.Search):
		m, cmd := a.openEntry(entrySearch, "Search the board", a.board.query)
		return m, cmd
	}
	if s.IsClosed() {
		a.question = reopenQuestion() // b, the one way off the board, was handled before
		return a, nil
	}
	if m, cmd, ok := a.captureKey(msg); ok {
		return m, cmd
	}
	if key.Matches(msg, k.Undo) {
		return a.do(model.UndoBoard{})
	}
	if key.Matches(msg, k.Walk) {
		return a.startWalk()
	}
	id := a.board.selected()
	if id == "" {
		return a, nil
	}
	kind, i, _ := s.Find(id)
	switch {
	case key.Matches(msg, k.Edit):
		var text string
		switch kind {
		case model.KindAgreement:
			text = s.Agreements[i].Text
		case model.KindTension:
			text = s.Tensions[i].Text
		case model.KindCommitment:
			text = s.Commitments[i].Text
		}
		m, cmd := a.openEntry(entryEditText, "Edit the "+string(kind), text)
		m.input.itemID = id
		return m, cmd
	case key.Matches(msg, k.Delete):
		a.question = yesNo("Delete this "+string(kind)+"? (u undoes it)", func(a App) (App, tea.Cmd) {
			return a.do(model.RemoveItem{ID: id})
		})
	case key.Matches(msg, k.Move):
		a.question = &question{text: "Move this " + string(kind) + " to which column?"}
		for _, to := range []struct {
			key  string
			kind model.Kind
		}{{"a", model.KindAgreement}, {"t", model.KindTension}, {"c", model.KindCommitment}} {
			if to.kind == kind {
				continue
			}
			to := to
			a.question.choices = append(a.question.choices, choice{key: to.key, label: string(to.kind) + "s",
				do: func(a App) (App, tea.Cmd) { return a.do(model.MoveItem{ID: id, To: to.kind}) }})
		}
	case key.Matches(msg, k.Resolve) && kind == model.KindTension:
		if s.Tensions[i].Status == model.TensionResolved {
			return a.do(model.ReopenTension{ID: id})
		}
		a.question = &question{text: "Mark this tension resolved?", choices: []choice{
			{key: "y", label: "resolved", do: func(a App) (App, tea.Cmd) { return a.do(model.ResolveTension{ID: id}) }},
		}}
		if by := a.board.selID[colAgreements]; by != "" && len(a.board.rows[colAgreements]) > 0 {
			_, j, _ := s.Find(by)
			a.question.text = "Mark this tension resolved? It can point to the agreement selected in the first column: “" + oneLine(s.Agreements[j].Text) + "”."
			a.question.choices = append(a.question.choices, choice{key: "l", label: "resolved by that agreement",
				do: func(a App) (App, tea.Cmd) { return a.do(model.ResolveTension{ID: id, By: by}) }})
		}
	case key.Matches(msg, k.Done) && kind == model.KindCommitment:
		c := s.Commitments[i]
		status := model.CommitmentDone
		if c.Status == model.CommitmentDone {
			status = model.CommitmentOpen
		}
		a, cmd := a.do(model.SetCommitmentStatus{ID: id, Status: status})
		if status == model.CommitmentDone && c.CarriedFrom != "" {
			a, more := a.askDoneThere("This commitment was carried from "+c.CarriedFrom+". Mark it done there too?", c,
				func(a App) (App, tea.Cmd) { return a, nil })
			return a, tea.Batch(cmd, more)
		}
		return a, cmd
	case key.Matches(msg, k.Drop) && kind == model.KindCommitment:
		status := model.CommitmentDropped
		if s.Commitments[i].Status == model.CommitmentDropped {
			status = model.CommitmentOpen
		}
		return a.do(model.SetCommitmentStatus{ID: id, Status: status})
	case key.Matches(msg, k.Owner) && kind == model.KindCommitment:
		m, cmd := a.openEntry(entryOwner, "Who owns “"+oneLine(s.Commitments[i].Text)+"”?", s.Commitments[i].Owner)
		m.input.itemID = id
		return m, cmd
	case key.Matches(msg, k.Due) && kind == model.KindCommitment:
		m, cmd := a.openEntry(entryDue, "When is “"+oneLine(s.Commitments[i].Text)+"” due?", s.Commitments[i].Due.String())
		m.input.itemID = id
		return m, cmd
	}
	return a, nil
}

// askDoneThere offers to mark a carried commitment done in the session it
// came from as well; then goes on after the answer, whichever it is (esc
// is a no). Without the sessions folder there is no other session to
// reach, and then goes on at once.
func (a App) askDoneThere(text string, c model.Commitment, then func(App) (App, tea.Cmd)) (App, tea.Cmd) {
	if a.store == nil || a.hub == nil {
		return then(a)
	}
	a.question = &question{text: text, onCancel: then, choices: []choice{
		{key: "y", label: "yes", do: func(a App) (App, tea.Cmd) {
			a, cmd := then(a)
			return a, tea.Batch(cmd, a.markDoneThere(c.CarriedFrom, c.CarriedID))
		}},
		{key: "n", label: "no", do: then},
	}}
	return a, nil
}

// markDoneThere marks a carried commitment done in the session it came
// from, through that session's owner: another file, so it happens in a
// command.
func (a App) markDoneThere(sessionID, commitmentID string) tea.Cmd {
	st, hub, by := a.store, a.hub, a.c.actor
	return func() tea.Msg {
		return doneThereMsg{session: sessionID, err: hub.MarkDoneIn(st, sessionID, commitmentID, by)}
	}
}

// nextFilter cycles the board's stop filter: every stop, then each stop in
// order, then every stop again.
func nextFilter(s *model.Session, current string) string {
	if current == "" {
		return s.Stops[0].Key
	}
	i := s.StopIndex(current)
	if i < 0 || i == len(s.Stops)-1 {
		return ""
	}
	return s.Stops[i+1].Key
}

// boardKey is what of the board a frame depends on.
type boardKey struct {
	col           int
	sel, top      [columnCount]int
	filter, query string
}

func (b boardView) viewKey() boardKey {
	return boardKey{col: b.col, sel: b.sel, top: b.top, filter: b.filter, query: b.query}
}
