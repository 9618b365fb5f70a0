package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
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

// openEntry opens the entry box: for an action that takes words, or for
// a search or the place of a rescue copy.
type openEntry struct {
	action  *actions.Action // what saving does; nil for a search or a rescue path
	ctx     actions.Context
	purpose entryPurpose
	title   string
	value   string
	typed   bool   // value is what was typed, not what the entry held: leaving it asks
	note    string // said in the box, under its keys
}

func (e openEntry) apply(a App) (App, tea.Cmd) {
	if a.readOnly() && e.action != nil {
		return a.sayReadOnly(), nil
	}
	in := newEntry(a.c, e)
	a.input = &in
	return a, in.area.Focus()
}

// show puts a page in front.
type show struct{ to pageID }

func (e show) apply(a App) (App, tea.Cmd) { return a.show(e.to) }

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

// act does an action of the table with a key: the permission table is
// asked first, so a refusal comes before anything is typed or asked; then
// a closed session asks to be reopened, an action that takes words opens
// the box, and one that asks first asks; then the command goes.
func act(c *common, a *actions.Action, ctx actions.Context) []effect {
	if err := a.Permitted(c.actor.Role); err != nil {
		return []effect{say{flash: errText(err)}}
	}
	if ctx.Session.IsClosed() && a.Build != nil && a.ID != actions.Reopen {
		return []effect{ask{reopenQuestion()}}
	}
	if a.Text != nil && !ctx.Line {
		open := openEntry{action: a, ctx: ctx, title: a.Text.Title(ctx)}
		if a.Text.Value != nil {
			open.value = a.Text.Value(ctx)
		}
		return []effect{open}
	}
	cmd, err := a.Build(ctx)
	if err != nil {
		return []effect{say{flash: errText(err)}}
	}
	// What was built may be another command than the action's own (the
	// last stop's next closes): it is asked of the table as itself.
	if err := model.Permit(c.actor.Role, cmd.Kind()); err != nil {
		return []effect{say{flash: errText(err)}}
	}
	if q := a.Question(ctx); q != "" {
		return []effect{ask{yesNo(q, send{cmd})}}
	}
	return []effect{send{cmd}}
}

// permitted is what an action that only shows something does: then, for
// who may use it; for anyone else, a word why not.
func permitted(c *common, a *actions.Action, then ...effect) []effect {
	if err := a.Permitted(c.actor.Role); err != nil {
		return []effect{say{flash: errText(err)}}
	}
	return then
}

// context is an action's context on this screen.
func (c *common) context(v *sessionView) actions.Context {
	return actions.Context{Session: v.session, Actor: c.actor, Today: v.today, Outcomes: c.roomQuestions}
}

// question asks before something hard to undo, or offers a choice. Each
// choice is a key; esc always backs out.
type question struct {
	text     string
	choices  []choice
	onCancel []effect // what esc does besides closing it
	leaving  bool     // it asks whether to leave: ctrl+c answers yes
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

// answers reports whether a key is one of the question's answers.
func (q *question) answers(msg tea.KeyMsg) bool {
	for _, c := range q.choices {
		if strings.EqualFold(msg.String(), c.key) {
			return true
		}
	}
	return false
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

// typedNote is what typing at a page does, as a rule: a new note box
// holding the text, ready to save, and a word that it was taken for
// typing. A role that writes no notes, or a closed session, is told
// nothing happened.
func typedNote(c *common, v *sessionView, text string) []effect {
	const taken = "That looked like typing, so no key ran: it is in a new note, ready to save."
	note := actions.All.Get(actions.Note)
	switch {
	case v.session.IsClosed():
		return []effect{say{flash: "That looked like typing; nothing was changed (the session is closed)."}}
	case note.Permitted(c.actor.Role) != nil || v.state.Save.ReadOnly != "":
		return []effect{say{flash: "That looked like typing; nothing happened."}}
	}
	ctx := c.context(v)
	return []effect{openEntry{action: note, ctx: ctx, title: note.Text.Title(ctx), value: text, typed: true, note: taken}}
}
