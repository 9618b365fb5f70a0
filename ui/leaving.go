package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
	"pitstop/present"
	"pitstop/sessions"
)

// StopMsg asks the app to stop from outside (SIGTERM, SIGHUP): it does
// what q does, but never asks; whoever runs the program saves a rescue
// copy if the last changes cannot be saved.
type StopMsg struct{ Why string }

// rescuedMsg says how writing a rescue copy went.
type rescuedMsg struct {
	path string
	err  error
}

// leaving is how the app stands while it leaves a session whose last
// changes are not on disk.
type leaving struct {
	waiting bool   // the person chose to wait until the save succeeds
	asked   bool   // the question what to do is on screen, or was answered
	copied  string // where a rescue copy of everything was written
	lose    bool   // the person chose to leave without the changes
	stopped bool   // asked to stop from outside: leave without asking
}

// Leaving says how the person left: where the app wrote a copy of
// everything when the session's own file could not be saved (or ""), and
// whether they chose to leave without the unsaved changes.
func (a App) Leaving() (rescuedTo string, chose bool) { return a.leaving.copied, a.leaving.lose }

// quitAsked is q or ctrl+c. On the host's screen of a served session with
// others connected it asks first: leaving ends the session for them.
func (a App) quitAsked() (App, tea.Cmd) {
	var q []string
	if who := present.Connected(a.state.Present, a.c.actor); a.hosting && who != "" {
		q = append(q, who+" Leaving ends the session for them.")
	}
	if n := len(a.state.Session.Room.Held); n > 0 && a.hosting {
		// Held notes live in this process only: they go with it.
		held := "A note from the room still waits (R), and would be lost."
		if n > 1 {
			held = strconv.Itoa(n) + " notes from the room still wait (R), and would be lost."
		}
		q = append(q, held)
	}
	if len(q) > 0 {
		a.question = yesNo(strings.Join(q, " ")+" Leave?", quitting{confirmed: true})
		a.question.leaving = true
		return a, nil
	}
	return a.quit()
}

// quit leaves once everything sent is applied and on disk. The facilitator
// leaving pauses the running timer, so a session reopened after a break
// shows the time where it stood rather than the break as overtime.
func (a App) quit() (App, tea.Cmd) {
	var pause tea.Cmd
	s := a.state.Session
	if !a.quitting && a.c.actor.Role == model.RoleFacilitator && !s.IsClosed() && s.Stops[s.Current].Timer.Running() && a.state.Save.ReadOnly == "" {
		a, pause = a.do(model.PauseTimer{})
	}
	a.quitting = true
	if a.pending > 0 {
		return a, pause // leave once what was sent is applied
	}
	m, cmd := a.tryLeave()
	return m, tea.Batch(pause, cmd)
}

// tryLeave leaves if nothing is left unsaved. A save under way is waited
// for; a save that keeps failing (a full disk) is not left behind without
// asking: the words would be lost.
func (a App) tryLeave() (App, tea.Cmd) {
	switch {
	case !a.state.Saving() || a.leaving.copied != "" || a.leaving.lose || a.leaving.stopped || len(a.state.Present) > 1:
		// Another screen keeps the session open: leaving loses nothing.
		return a, a.leave()
	case a.state.Save.Err == nil || a.leaving.waiting:
		return a, nil // saving; the next update says when it is done
	case a.question == nil && !a.leaving.asked:
		a.leaving.asked = true
		a.question = a.unsavedQuestion()
	}
	return a, nil
}

// unsavedQuestion offers the ways out that keep the words.
func (a App) unsavedQuestion() *question {
	s := a.state.Session
	rescue := sessions.RescuePath(s, a.c.now())
	since := "since the last save"
	if !a.state.Save.At.IsZero() {
		since = "since " + a.state.Save.At.Format("15:04")
	}
	cancel := effectFunc(func(a App) (App, tea.Cmd) {
		a.quitting, a.leaving = false, leaving{}
		return a, nil
	})
	return &question{
		text: "The latest changes are not saved: " + sessions.Problem(a.state.Save.Err) + ". Pit Stop keeps trying by itself.\n" +
			"Leaving now would lose what was typed " + since + ".",
		onCancel: []effect{cancel},
		choices: []choice{
			{key: "w", label: "wait until it is saved", do: []effect{effectFunc(func(a App) (App, tea.Cmd) {
				a.leaving.waiting = true
				a.banner = "Waiting: Pit Stop leaves as soon as everything is saved. esc stays."
				return a, nil
			})}},
			{key: "s", label: "save a copy to " + shortPath(rescue), do: []effect{rescueTo{rescue}}},
			{key: "o", label: "save a copy elsewhere", do: []effect{openEntry{purpose: entryRescuePath, title: "Where should the copy go? (a file name)", value: rescue}}},
			{key: "l", label: "leave and lose them", do: []effect{effectFunc(func(a App) (App, tea.Cmd) {
				a.leaving.lose = true
				return a, a.leave()
			})}},
		},
	}
}

// expandHome reads a leading ~ as the home directory, as a shell would.
func expandHome(p string) string {
	if home, err := os.UserHomeDir(); err == nil && (p == "~" || strings.HasPrefix(p, "~/")) {
		return filepath.Join(home, strings.TrimPrefix(p, "~"))
	}
	return p
}

// shortPath writes a path under the home directory with ~.
func shortPath(p string) string {
	if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(p, home+string(filepath.Separator)) {
		return "~" + p[len(home):]
	}
	return p
}

// rescueCmd writes a copy of everything to path.
func (a App) rescueCmd(path string) tea.Cmd {
	s := a.session
	return func() tea.Msg {
		saver, ok := s.(interface{ SaveCopy(string) error })
		if !ok {
			return rescuedMsg{path: path, err: os.ErrInvalid}
		}
		return rescuedMsg{path: path, err: saver.SaveCopy(path)}
	}
}

func (a App) rescued(msg rescuedMsg) (App, tea.Cmd) {
	if msg.err != nil {
		a.flash = "The copy could not be written to " + model.CleanLabel(msg.path) + ": " + sessions.Problem(msg.err) + "."
		if a.quitting {
			a.leaving.asked = false
			return a.tryLeave()
		}
		return a, nil
	}
	a.leaving.copied = msg.path
	if a.quitting {
		return a, a.leave()
	}
	a.banner = "A copy of everything is in " + model.CleanLabel(msg.path)
	return a, nil
}

// stopAsked stops the app as q would, without a question: the process was
// asked to end. What cannot be saved is rescued by whoever runs the app,
// after the screen is gone.
func (a App) stopAsked(msg StopMsg) (App, tea.Cmd) {
	a.question, a.input = nil, nil
	a.leaving.stopped = true // nothing lost: the runner writes the rescue copy
	app, cmd := a.quit()
	if app.pending > 0 {
		return app, cmd
	}
	return app, tea.Batch(cmd, app.leave())
}
