package ui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/minutes"
	"pitstop/model"
)

// keys handles several keys that arrived in one read (a fast double press,
// keys batched by SSH): one at a time, and once a key opens an entry box
// the rest is typed into it.
func (a App) keys(runes []rune) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for i, r := range runes {
		var m tea.Model
		var cmd tea.Cmd
		if a.input != nil {
			m, cmd = a.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: runes[i:]})
			return m, tea.Batch(append(cmds, cmd)...)
		}
		m, cmd = a.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		a, cmds = m.(App), append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}

// key routes a key to what is in front: a question, the entry box, the
// help, the summary, the board or the stop view.
func (a App) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.c.keys
	a.flash, a.banner = "", ""
	if a.quitting && a.leaving.waiting && key.Matches(msg, k.Cancel) {
		a.quitting, a.leaving = false, leaving{} // stay after all
		return a, nil
	}
	if a.question != nil {
		return a.questionKey(msg)
	}
	if a.input != nil {
		return a.inputKey(msg)
	}
	if a.screen == helpScreen {
		switch {
		case key.Matches(msg, k.Quit):
			return a.quit()
		case key.Matches(msg, k.Help), key.Matches(msg, k.Cancel), msg.String() == "enter":
			a = a.show(a.behindHelp)
		}
		return a, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return a.quit()
	case key.Matches(msg, k.Help):
		a.behindHelp, a.screen = a.screen, helpScreen
		return a, nil
	case key.Matches(msg, k.Export):
		return a, a.exportCmd()
	case key.Matches(msg, k.Board) && a.screen != summaryScreen:
		if a.screen == boardScreen {
			a.screen = stopScreen
		} else {
			a = a.show(boardScreen)
		}
		return a, nil
	}
	switch a.screen {
	case summaryScreen:
		if key.Matches(msg, k.Cancel) || msg.String() == "enter" || key.Matches(msg, k.PrevStop) {
			a.screen = stopScreen
		}
		return a, nil
	case boardScreen:
		return a.boardKey(msg)
	}
	return a.stopKey(msg)
}

func (a App) questionKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return a.quit()
	}
	if key.Matches(msg, a.c.keys.Cancel) {
		q := a.question
		a.question = nil
		if q.onCancel != nil {
			return q.onCancel(a)
		}
		return a, nil
	}
	for _, c := range a.question.choices {
		if strings.EqualFold(msg.String(), c.key) { // Y answers as y does
			a.question = nil
			return c.do(a)
		}
	}
	return a, nil
}

func (a App) questionView(w int) string {
	var keys []string
	for _, c := range a.question.choices {
		keys = append(keys, a.c.styles.Accent.Render(c.key)+" "+c.label)
	}
	keys = append(keys, a.c.styles.Accent.Render("esc")+" back")
	return a.c.styles.Dialog.Width(min(w-4, 70)).Render(a.question.text + "\n\n" + strings.Join(keys, "   "))
}

// openEntry opens the entry box.
func (a App) openEntry(kind entryKind, title, value string) (App, tea.Cmd) {
	in := newEntry(a.c, kind, title, value)
	s := a.state.Session
	in.stopKey = s.Stops[s.Current].Key
	a.input = &in
	return a, in.area.Focus()
}

// captureKey opens the box for a new note or board item at the current
// stop: the same keys on the stop view and on the board.
func (a App) captureKey(msg tea.KeyMsg) (App, tea.Cmd, bool) {
	k := a.c.keys
	name := a.state.Session.Stops[a.state.Session.Current].Name
	switch {
	case key.Matches(msg, k.Note):
		m, cmd := a.openEntry(entryNote, "New note at "+name, "")
		return m, cmd, true
	case key.Matches(msg, k.Agreement):
		m, cmd := a.openEntry(entryAgreement, "New agreement (at "+name+")", "")
		return m, cmd, true
	case key.Matches(msg, k.Tension):
		m, cmd := a.openEntry(entryTension, "New tension (at "+name+")", "")
		return m, cmd, true
	case key.Matches(msg, k.Commitment):
		m, cmd := a.openEntry(entryCommitment, "New commitment (at "+name+"): what, @who, due:when", "")
		return m, cmd, true
	}
	return a, nil, false
}

func (a App) stopKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.c.keys
	s := a.state.Session
	if s.IsClosed() {
		return a.reviewKey(msg)
	}
	if m, cmd, ok := a.captureKey(msg); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Walk):
		return a.startWalk()
	case key.Matches(msg, k.ToggleTimer):
		return a.do(model.ToggleTimer{})
	case key.Matches(msg, k.AddMinute):
		return a.do(model.ExtendTimer{By: 60e9})
	case key.Matches(msg, k.LessMinute):
		return a.do(model.ExtendTimer{By: -60e9})
	case key.Matches(msg, k.ResetTimer):
		name := s.Stops[s.Current].Name
		a.question = yesNo("Reset the timer of "+name+" to zero? The time spent there so far is forgotten.",
			func(a App) (App, tea.Cmd) { return a.do(model.ResetTimer{}) })
	case key.Matches(msg, k.NextStop):
		if s.Current == len(s.Stops)-1 {
			a.question = yesNo("That was the last stop. Close the session and show the summary?",
				func(a App) (App, tea.Cmd) { return a.do(model.CloseSession{}) })
			return a, nil
		}
		return a.do(model.NextStop{})
	case key.Matches(msg, k.PrevStop):
		return a.do(model.PrevStop{})
	case key.Matches(msg, k.ScrollUp):
		a.stop.scrollBy(1, len(a.notes[s.Stops[s.Current].Key]))
	case key.Matches(msg, k.ScrollDown):
		a.stop.scrollBy(-1, len(a.notes[s.Stops[s.Current].Key]))
	}
	return a, nil
}

// reviewKey looks through a closed session without changing it.
func (a App) reviewKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.c.keys
	s := a.state.Session
	switch {
	case key.Matches(msg, k.NextStop):
		a.review, a.stop.scroll = min(a.review+1, len(s.Stops)-1), 0
	case key.Matches(msg, k.PrevStop):
		a.review, a.stop.scroll = max(a.review-1, 0), 0
	case key.Matches(msg, k.ScrollUp):
		a.stop.scrollBy(1, len(a.notes[s.Stops[a.review].Key]))
	case key.Matches(msg, k.ScrollDown):
		a.stop.scrollBy(-1, len(a.notes[s.Stops[a.review].Key]))
	case key.Matches(msg, k.ToggleTimer, k.AddMinute, k.LessMinute, k.ResetTimer, k.Note, k.Agreement, k.Tension, k.Commitment, k.Walk):
		a.question = reopenQuestion()
	}
	return a, nil
}

// reopenQuestion guards changes to a closed session: it is a record, and
// changing it takes a deliberate yes.
func reopenQuestion() *question {
	return yesNo("This session is closed and open for review. Reopen it to make changes?",
		func(a App) (App, tea.Cmd) { return a.do(model.ReopenSession{}) })
}

// shownStop is the stop on screen: where the room is, or, in a closed
// session, the one being looked back on.
func (a App) shownStop() int {
	if a.state.Session.IsClosed() {
		return min(a.review, len(a.state.Session.Stops)-1)
	}
	return a.state.Session.Current
}

func (a App) inputKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.c.keys
	in := a.input
	switch {
	case key.Matches(msg, k.Save):
		if in.kind == entrySearch {
			a.input = nil
			return a, nil
		}
		if in.kind == entryRescuePath {
			path := expandHome(strings.TrimSpace(in.value()))
			a.input = nil
			return a, a.rescueCmd(path)
		}
		if strings.TrimSpace(in.value()) == "" && !in.allowsEmpty() {
			in.err = "There is nothing to save yet. Type it, or press esc to close."
			return a, nil
		}
		cmd, err := in.command(a.today())
		if err != nil {
			in.err = errText(err)
			return a, nil
		}
		a.stop.scroll = 0
		return a.doEntry(cmd)
	case key.Matches(msg, k.Cancel):
		if in.kind == entryRescuePath {
			a.input, a.leaving.asked = nil, false
			return a.tryLeave() // back to the question
		}
		if in.kind == entrySearch {
			a.input = nil
			a.board.query = ""
			a.board.rebuild(a.state.Session, a.today())
			return a, nil
		}
		if !in.changed() {
			a.input = nil
			return a.walkEntryClosed(false), nil
		}
		a.question = yesNo("Throw away what you typed?", func(a App) (App, tea.Cmd) {
			a.input = nil
			return a.walkEntryClosed(false), nil
		})
		return a, nil
	case msg.String() == "ctrl+c":
		if !in.changed() {
			return a.quit()
		}
		a.question = yesNo("Quit and throw away what you typed?", func(a App) (App, tea.Cmd) {
			a.input = nil
			m, cmd := a.quit()
			return m.(App), cmd
		})
		return a, nil
	}
	var next entry
	var cmd tea.Cmd
	if msg.Type == tea.KeyRunes && (len(msg.Runes) > 1 || msg.Paste) {
		// Typed text, never a key: a word such as "end" or "up" arriving
		// in one read would otherwise match the box's own key bindings.
		next = *in
		next.area.InsertString(string(msg.Runes))
	} else {
		next, cmd = in.update(msg)
	}
	a.input = &next
	if next.kind == entrySearch {
		a.board.query = strings.ToLower(strings.TrimSpace(next.value()))
		a.board.rebuild(a.state.Session, a.today())
	}
	return a, cmd
}

// exportCmd writes the minutes next to the session file, at any moment.
func (a App) exportCmd() tea.Cmd {
	if a.store == nil {
		return func() tea.Msg {
			return exportedMsg{err: errors.New("minutes need the sessions folder; use pitstop export")}
		}
	}
	s, path, opts := a.state.Session, a.session.Path(), minutes.Options{Workshop: a.c.workshop, Now: a.c.now()}
	return func() tea.Msg {
		written, err := minutes.WriteNextTo(path, s, minutes.FormatMarkdown, opts)
		return exportedMsg{path: written, err: err}
	}
}
