package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

func (b boardPage) id() pageID { return boardScreen }

func (b boardPage) keyPage() actions.Page { return actions.OnBoard }

// refresh brings the rows up to date while the board is in front: they are
// the costly part (filtered and sorted), so a board behind waits until it
// is shown. The first time, it is built at once, so the selection starts
// on the first row as the session was then and follows that item.
func (b boardPage) refresh(sv *sessionView, front bool) page {
	b.sources = sv.sources
	if (front || b.built == nil) && b.built != sv.session {
		b.rebuild(sv.session, sv.today)
	}
	return b
}

// Messages to the board.
type (
	// searchMsg shows the items that hold the words typed, lower case.
	searchMsg struct{ query string }
	// firstMatchMsg puts the selection on the first item a search found.
	firstMatchMsg struct{}
)

func (b boardPage) handle(msg any, sv *sessionView) (page, []effect) {
	switch msg := msg.(type) {
	case searchMsg:
		b.query = msg.query
		b.rebuild(sv.session, sv.today)
	case firstMatchMsg:
		b.focusFirstMatch(sv.session)
	case focusMsg:
		// The item picked, in its column, with every filter off.
		kind, _, ok := sv.session.Find(msg.id)
		if !ok {
			return b, nil
		}
		b.col = map[model.Kind]int{model.KindAgreement: colAgreements, model.KindTension: colTensions, model.KindCommitment: colCommitments}[kind]
		b.filter, b.query = "", ""
		b.selID[b.col] = msg.id
		b.rebuild(sv.session, sv.today)
		b.scrollInto(b.col, rowsVisible(b.width-2, b.height-2))
	}
	return b, nil
}

func (b boardPage) drawKey() any { return b.viewKey() }

func (b boardPage) view(sv *sessionView, w, h int) string { return b.draw(sv.session, w, h) }

// typed opens a note holding what was typed.
func (b boardPage) typed(text string, sv *sessionView) []effect { return typedNote(b.common, sv, text) }

// key answers a board key: moving the selection, capturing, and changing
// the selected item. Every change is an action of the table, for the
// session's owner.
func (b boardPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	s, today := sv.session, sv.today
	visible := rowsVisible(b.width-2, b.height-2)
	a, k, ok := b.keys.Action(msg, actions.OnBoard)
	if !ok {
		return b, nil
	}
	switch a.ID {
	case actions.ToStop:
		if b.query != "" { // a search on: esc clears it first
			b.query = ""
			b.rebuild(s, today)
			return b, []effect{say{banner: "Search cleared: the whole board again."}}
		}
		return b, []effect{show{stopScreen}}
	case actions.Left:
		b.move(s, 0, -1, visible)
		return b, nil
	case actions.Right:
		b.move(s, 0, 1, visible)
		return b, nil
	case actions.Up:
		b.move(s, -1, 0, visible)
		return b, nil
	case actions.Down:
		b.move(s, 1, 0, visible)
		return b, nil
	case actions.Filter:
		b.filter = nextFilter(s, b.filter)
		b.rebuild(s, today)
		return b, nil
	case actions.Search:
		return b, []effect{openEntry{purpose: entrySearch, title: "Search the board", value: b.query}}
	case actions.FromRoom:
		return b, permitted(b.common, a, show{roomScreen})
	case actions.Team:
		return b, permitted(b.common, a, show{teamScreen})
	case actions.Calendar:
		return b, permitted(b.common, a, effectFunc(func(a App) (App, tea.Cmd) { return a, a.calendarCmd() }))
	case actions.Walk:
		if s.IsClosed() {
			return b, []effect{ask{reopenQuestion()}}
		}
		return b, []effect{startWalk{}}
	}
	ctx := b.context(sv)
	ctx.Arg = argOf(k, msg)
	if a.Target != actions.TargetEntry || (s.IsClosed() && a.Build != nil) {
		return b, act(b.common, a, ctx)
	}
	id := b.selected()
	if id == "" {
		return b, nil
	}
	ctx.Entry = id
	kind, i, _ := s.Find(id)
	if err := a.Permitted(b.actor.Role); err != nil || s.IsClosed() {
		return b, act(b.common, a, ctx) // says why, or asks to reopen
	}
	switch {
	case a.ID == actions.MakeNorm && kind == model.KindAgreement:
		// The board does not change: say where the norm went.
		return b, append(act(b.common, a, ctx), say{banner: "A norm of the team now: it comes up at its stops in every later session of the team. T shows the norms."})
	case a.ID == actions.Move:
		q := &question{text: "Move this " + string(kind) + " to which column?"}
		for _, to := range []struct {
			key  string
			kind model.Kind
		}{{"a", model.KindAgreement}, {"t", model.KindTension}, {"c", model.KindCommitment}} {
			if to.kind != kind {
				ctx.Arg = string(to.kind)
				cmd, _ := a.Build(ctx)
				q.choices = append(q.choices, choice{key: to.key, label: present.PluralNoun(string(to.kind)), do: []effect{send{cmd}}})
			}
		}
		return b, []effect{ask{q}}
	case a.ID == actions.Resolve && kind == model.KindTension && s.Tensions[i].Status != model.TensionResolved:
		q := &question{text: "Mark this tension resolved?", choices: []choice{
			{key: "y", label: "resolved", do: []effect{send{model.ResolveTension{ID: id}}}},
		}}
		if by := b.selID[colAgreements]; by != "" && len(b.rows[colAgreements]) > 0 {
			_, j, _ := s.Find(by)
			q.text = "Mark this tension resolved? It can point to the agreement selected in the first column: “" + oneLine(s.Agreements[j].Text) + "”."
			q.choices = append(q.choices, choice{key: "l", label: "resolved by that agreement", do: []effect{send{model.ResolveTension{ID: id, By: by}}}})
		}
		return b, []effect{ask{q}}
	case a.ID == actions.Done && kind == model.KindCommitment:
		c := s.Commitments[i]
		effects := act(b.common, a, ctx)
		if c.Status != model.CommitmentDone && c.CarriedFrom != "" {
			effects = append(effects, effectFunc(func(a App) (App, tea.Cmd) {
				return askDoneThere{text: "This commitment was carried from " + a.view.sourceName(c.CarriedFrom) + ". Mark it done there too?", c: c}.apply(a)
			}))
		}
		return b, effects
	case (a.ID == actions.Done || a.ID == actions.Owner || a.ID == actions.Due) && kind != model.KindCommitment,
		a.ID == actions.Resolve && kind != model.KindTension,
		a.ID == actions.Drop && kind == model.KindAgreement:
		return b, nil // not a key for this kind of item
	}
	return b, act(b.common, a, ctx)
}

// ShortHelp is the board's keys, for the help line.
func (b boardPage) ShortHelp() []key.Binding {
	km := b.keys
	if err := model.Permit(b.actor.Role, model.KindAddNote); err != nil {
		return km.Bindings(actions.OnBoard, actions.Left, actions.Up, actions.Filter, actions.Search, actions.Board, actions.Help, actions.Quit)
	}
	return km.Bindings(actions.OnBoard, actions.Left, actions.Up, actions.Agreement, actions.Tension, actions.Commitment, actions.Edit, actions.Delete,
		actions.Undo, actions.Move, actions.Resolve, actions.Done, actions.Drop, actions.Owner, actions.Due, actions.Filter, actions.Search, actions.Board, actions.Help, actions.Quit)
}

// FullHelp is every key of the board.
func (b boardPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{b.keys.All(actions.OnBoard)}
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
