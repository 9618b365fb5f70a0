package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
)

// update answers a board key: moving the selection, capturing, and
// changing the selected item. Every change is a command for the session's
// owner. visible is how many rows a column shows.
func (b boardPage) update(msg tea.KeyMsg, s *model.Session, today model.Date, visible int) (boardPage, []effect) {
	k := b.keys
	switch {
	case key.Matches(msg, k.BackToStop):
		if b.query != "" { // a search on: esc clears it first
			b.query = ""
			b.rebuild(s, today)
			return b, []effect{say{banner: "Search cleared: the whole board again."}}
		}
		return b, []effect{show{stopScreen}}
	case key.Matches(msg, k.Left):
		b.move(s, 0, -1, visible)
		return b, nil
	case key.Matches(msg, k.Right):
		b.move(s, 0, 1, visible)
		return b, nil
	case key.Matches(msg, k.Up):
		b.move(s, -1, 0, visible)
		return b, nil
	case key.Matches(msg, k.Down):
		b.move(s, 1, 0, visible)
		return b, nil
	case key.Matches(msg, k.Filter):
		b.filter = nextFilter(s, b.filter)
		b.rebuild(s, today)
		return b, nil
	case key.Matches(msg, k.Search):
		return b, []effect{openEntry{kind: entrySearch, title: "Search the board", value: b.query}}
	}
	if s.IsClosed() {
		return b, []effect{ask{reopenQuestion()}} // b, the one way off the board, was handled before
	}
	if e, ok := captureKey(b.common, msg, s); ok {
		return b, []effect{e}
	}
	if key.Matches(msg, k.Undo) {
		return b, []effect{send{model.UndoBoard{}}}
	}
	if key.Matches(msg, k.Walk) {
		return b, []effect{startWalk{}}
	}
	id := b.selected()
	if id == "" {
		return b, nil
	}
	kind, i, _ := s.Find(id)
	switch {
	case key.Matches(msg, k.Edit):
		switch kind {
		case model.KindAgreement:
			return b, []effect{openEntry{kind: entryEditText, title: "Edit the agreement", value: s.Agreements[i].Text, itemID: id}}
		case model.KindTension:
			return b, []effect{openEntry{kind: entryEditText, title: "Edit the tension", value: s.Tensions[i].Text, itemID: id}}
		}
		c := s.Commitments[i]
		return b, []effect{openEntry{kind: entryEditCommitment, title: "Edit the commitment: what, @who, due:when", value: commitmentLine(c), itemID: id, keepOwner: c.Owner}}
	case key.Matches(msg, k.Delete):
		return b, []effect{ask{yesNo("Delete this "+string(kind)+"? (u undoes it)", send{model.RemoveItem{ID: id}})}}
	case key.Matches(msg, k.Move):
		q := &question{text: "Move this " + string(kind) + " to which column?"}
		for _, to := range []struct {
			key  string
			kind model.Kind
		}{{"a", model.KindAgreement}, {"t", model.KindTension}, {"c", model.KindCommitment}} {
			if to.kind != kind {
				q.choices = append(q.choices, choice{key: to.key, label: string(to.kind) + "s", do: []effect{send{model.MoveItem{ID: id, To: to.kind}}}})
			}
		}
		return b, []effect{ask{q}}
	case key.Matches(msg, k.Drop) && kind == model.KindTension:
		if s.Tensions[i].Status == model.TensionDropped {
			return b, []effect{send{model.ReopenTension{ID: id}}}
		}
		return b, []effect{send{model.DropTension{ID: id}}}
	case key.Matches(msg, k.Resolve) && kind == model.KindTension:
		if s.Tensions[i].Status == model.TensionResolved {
			return b, []effect{send{model.ReopenTension{ID: id}}}
		}
		q := &question{text: "Mark this tension resolved?", choices: []choice{
			{key: "y", label: "resolved", do: []effect{send{model.ResolveTension{ID: id}}}},
		}}
		if by := b.selID[colAgreements]; by != "" && len(b.rows[colAgreements]) > 0 {
			_, j, _ := s.Find(by)
			q.text = "Mark this tension resolved? It can point to the agreement selected in the first column: “" + oneLine(s.Agreements[j].Text) + "”."
			q.choices = append(q.choices, choice{key: "l", label: "resolved by that agreement", do: []effect{send{model.ResolveTension{ID: id, By: by}}}})
		}
		return b, []effect{ask{q}}
	case key.Matches(msg, k.Done) && kind == model.KindCommitment:
		c := s.Commitments[i]
		status := model.CommitmentDone
		if c.Status == model.CommitmentDone {
			status = model.CommitmentOpen
		}
		effects := []effect{send{model.SetCommitmentStatus{ID: id, Status: status}}}
		if status == model.CommitmentDone && c.CarriedFrom != "" {
			effects = append(effects, effectFunc(func(a App) (App, tea.Cmd) {
				return askDoneThere{text: "This commitment was carried from " + a.sourceName(c.CarriedFrom) + ". Mark it done there too?", c: c}.apply(a)
			}))
		}
		return b, effects
	case key.Matches(msg, k.Drop) && kind == model.KindCommitment:
		status := model.CommitmentDropped
		if s.Commitments[i].Status == model.CommitmentDropped {
			status = model.CommitmentOpen
		}
		return b, []effect{send{model.SetCommitmentStatus{ID: id, Status: status}}}
	case key.Matches(msg, k.Owner) && kind == model.KindCommitment:
		return b, []effect{openEntry{kind: entryOwner, title: "Who owns “" + oneLine(s.Commitments[i].Text) + "”?", value: s.Commitments[i].Owner, itemID: id}}
	case key.Matches(msg, k.Due) && kind == model.KindCommitment:
		return b, []effect{openEntry{kind: entryDue, title: "When is “" + oneLine(s.Commitments[i].Text) + "” due?", value: s.Commitments[i].Due.String(), itemID: id}}
	}
	return b, nil
}

// ShortHelp is the board's keys, for the help line.
func (b boardPage) ShortHelp() []key.Binding {
	k := b.keys
	if b.actor.Role == model.RoleViewer {
		return []key.Binding{k.Left, k.Up, k.Filter, k.Search, k.Board, k.Help, k.Quit}
	}
	return []key.Binding{k.Left, k.Up, k.Agreement, k.Tension, k.Commitment, k.Edit, k.Delete, k.Undo, k.Move, k.Resolve, k.Done, k.Drop, k.Owner, k.Due, k.Filter, k.Search, k.Board, k.Help, k.Quit}
}

// FullHelp is every key of the board, grouped.
func (b boardPage) FullHelp() [][]key.Binding {
	k := b.keys
	return [][]key.Binding{
		{k.Left, k.Right, k.Up, k.Down, k.Agreement, k.Tension, k.Commitment},
		{k.Edit, k.Delete, k.Undo, k.Move, k.Resolve, k.Done, k.Drop},
		{k.Owner, k.Due, k.Filter, k.Search, k.BackToStop},
	}
}

// askDoneThere offers to mark a carried commitment done in the session it
// came from as well; then goes on with then, whichever the answer is (esc
// is a no). Without the sessions folder there is no other session to
// reach, and then goes on at once.
type askDoneThere struct {
	text string
	c    model.Commitment
	then []effect // after either answer; after yes, yes instead when set
	yes  []effect
}

func (e askDoneThere) apply(a App) (App, tea.Cmd) {
	if a.store == nil || a.hub == nil {
		return a.run(e.then...)
	}
	c := e.c
	yes := append([]effect{}, e.then...)
	if e.yes != nil {
		yes = append([]effect{}, e.yes...)
	}
	yes = append(yes, effectFunc(func(a App) (App, tea.Cmd) { return a, a.markDoneThere(c.CarriedFrom, c.CarriedID) }))
	a.question = &question{text: e.text, onCancel: e.then, choices: []choice{
		{key: "y", label: "yes", do: yes},
		{key: "n", label: "no", do: e.then},
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

func (b boardPage) viewKey() boardKey {
	return boardKey{col: b.col, sel: b.sel, top: b.top, filter: b.filter, query: b.query}
}

// commitmentLine writes a commitment back as the one line that made it, so
// that editing it re-reads its owner and date as adding does: "Book the
// venue @Lee due:2026-12-04". An owner of several words cannot be written
// as one @word; it is kept unless the edited line names another.
func commitmentLine(c model.Commitment) string {
	line := c.Text
	if c.Owner != "" && !strings.ContainsAny(c.Owner, " \t") {
		line += " @" + c.Owner
	}
	if !c.Due.IsZero() {
		line += " due:" + c.Due.String()
	}
	return line
}

// focusFirstMatch puts the selection on the first item a search found, in
// the first column that has one.
func (b *boardPage) focusFirstMatch(s *model.Session) {
	for col := 0; col < columnCount; col++ {
		if len(b.rows[col]) > 0 {
			b.col, b.sel[col], b.top[col] = col, 0, 0
			b.selID[col] = itemID(s, col, b.rows[col][0])
			return
		}
	}
}
