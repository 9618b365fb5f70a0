package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
)

// effect is what a page, a question or the entry box asks of the session's
// screen: send a command, raise a question, open the entry box, put
// another page in front. Pages own their keys and say what should happen;
// the screen (App) does it, at once and in order, so that keys arriving in
// one read see each other's effects.
type effect interface {
	apply(a App) (App, tea.Cmd)
}

// run applies effects in order.
func (a App) run(effects ...effect) (App, tea.Cmd) {
	var cmds []tea.Cmd
	for _, e := range effects {
		if e == nil {
			continue
		}
		var cmd tea.Cmd
		a, cmd = e.apply(a)
		cmds = append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}

// send sends a command to the session's owner.
type send struct{ cmd model.Command }

func (e send) apply(a App) (App, tea.Cmd) {
	if a.readOnly() {
		return a.sayReadOnly(), nil
	}
	return a.do(e.cmd)
}

// readOnly reports whether the session can only be looked at here.
func (a App) readOnly() bool { return a.state.Save.ReadOnly != "" }

// sayReadOnly says why nothing typed here could be kept, at once, before
// anything is typed.
func (a App) sayReadOnly() App {
	a.flash = "Read-only: " + a.state.Save.ReadOnly + ". Nothing can be changed here."
	return a
}

// ask raises a question over the screen.
type ask struct{ q *question }

func (e ask) apply(a App) (App, tea.Cmd) {
	a.question = e.q
	return a, nil
}

// openEntry opens the entry box.
type openEntry struct {
	kind         entryKind
	title, value string
	itemID       string // the item an edit changes
	keepOwner    string // an owner an edited commitment keeps unless the line names one
	label        string // the outcome's label, for a note on it
}

func (e openEntry) apply(a App) (App, tea.Cmd) {
	if a.readOnly() && e.kind != entrySearch && e.kind != entryRescuePath {
		return a.sayReadOnly(), nil
	}
	in := newEntry(a.c, e.kind, e.title, e.value)
	s := a.state.Session
	in.stopKey, in.itemID, in.keepOwner, in.label = s.Stops[s.Current].Key, e.itemID, e.keepOwner, e.label
	a.input = &in
	return a, in.area.Focus()
}

// show puts a page in front.
type show struct{ screen screen }

func (e show) apply(a App) (App, tea.Cmd) { return a.show(e.screen), nil }

// say puts a word on the status bar: a refusal (flash) or news (banner).
type say struct{ flash, banner string }

func (e say) apply(a App) (App, tea.Cmd) {
	if e.flash != "" {
		a.flash = e.flash
	}
	if e.banner != "" {
		a.banner = e.banner
	}
	return a, nil
}

// effectFunc is an effect of the screen's own, for the few that need more
// than the others give (the walk's steps, leaving).
type effectFunc func(a App) (App, tea.Cmd)

func (f effectFunc) apply(a App) (App, tea.Cmd) { return f(a) }

// question asks before something hard to undo, or offers a choice. Each
// choice is a key; esc always backs out.
type question struct {
	text     string
	choices  []choice
	onCancel []effect // what esc does besides closing it
}

type choice struct {
	key, label string
	do         []effect
}

// yesNo is the common question: y does it, n or esc does not.
func yesNo(text string, onYes ...effect) *question {
	return &question{text: text, choices: []choice{
		{key: "y", label: "yes", do: onYes},
		{key: "n", label: "no"},
	}}
}

// answer is what a key does to a question: nothing (it is not one of its
// keys), close it with the chosen effects, or close it as esc does.
func (q *question) answer(msg tea.KeyMsg, cancel bool) (effects []effect, closed bool) {
	if cancel {
		return q.onCancel, true
	}
	for _, c := range q.choices {
		if strings.EqualFold(msg.String(), c.key) { // Y answers as y does
			return c.do, true
		}
	}
	return nil, false
}

func (q *question) view(c *common, w int) string {
	var keys []string
	for _, ch := range q.choices {
		keys = append(keys, c.styles.Accent.Render(ch.key)+" "+ch.label)
	}
	keys = append(keys, c.styles.Accent.Render("esc")+" back")
	return c.styles.Dialog.Width(min(w-4, 70)).Render(q.text + "\n\n" + strings.Join(keys, "   "))
}

// reopenQuestion guards changes to a closed session: it is a record, and
// changing it takes a deliberate yes.
func reopenQuestion() *question {
	return yesNo("This session is closed, and kept as it was. Reopen it to change something?", send{model.ReopenSession{}})
}
