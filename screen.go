package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
	"pitstop/sessions"
	"pitstop/ui"
)

// leaver is a screen that can say, once it has ended, which session it
// left open and how the person left it (see ui.App.Leaving).
type leaver interface {
	Leaving() (rescuedTo string, chose bool)
}

// stopGrace is how long a screen asked to stop from outside has to pause
// the room's timer and restore the terminal before it is ended anyway (a
// hung-up terminal cannot be drawn on).
const stopGrace = 3 * time.Second

// runScreen runs a full-screen program until it ends: the person leaves,
// or SIGTERM, SIGHUP or SIGINT arrive from outside, which do what q does.
// Then it leaves the session the screen had open (client gives it, or
// nil), which saves what is not saved yet; when that cannot be saved, the
// words go to a rescue copy and stderr says where. It returns the exit
// code.
func runScreen(env *cliEnv, st *sessions.Store, m tea.Model, client func(tea.Model) *sessions.Client) int {
	return runScreenThen(env, st, m, client, nil)
}

// runScreenThen is runScreen that calls onEnd, if given, once the screen
// is gone and before the session is left: a server stops there.
func runScreenThen(env *cliEnv, st *sessions.Store, m tea.Model, client func(tea.Model) *sessions.Client, onEnd func()) int {
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithoutSignalHandler())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	defer signal.Stop(sigs)
	ended := make(chan struct{})
	var stoppedBy os.Signal
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		select {
		case sig := <-sigs:
			stoppedBy = sig
			p.Send(ui.StopMsg{Why: sig.String()})
			select {
			case <-ended:
			case <-time.After(stopGrace):
				p.Kill()
			}
		case <-ended:
		}
	}()
	final, runErr := p.Run()
	close(ended)
	<-stopped
	if stoppedBy != nil && errors.Is(runErr, tea.ErrProgramKilled) {
		runErr = nil // asked to stop from outside: not a failure of the screen
	}
	if final == nil {
		final = m
	}
	if onEnd != nil {
		onEnd()
	}
	c := client(final)
	var rescuedTo string
	var chose bool
	if l, ok := final.(leaver); ok {
		rescuedTo, chose = l.Leaving()
	}
	code := exitOK
	if c != nil {
		code = leaveSession(env, st, c, stoppedBy, rescuedTo, chose)
	}
	if runErr != nil {
		return failure(env, fmt.Errorf("the screen failed: %w", runErr))
	}
	return code
}

// leaveSession leaves the session the screen had open and says how it was
// left. The last save failing is not the end of the words: unless the
// person chose to leave them, a rescue copy is written and named.
func leaveSession(env *cliEnv, st *sessions.Store, c *sessions.Client, stoppedBy os.Signal, rescuedTo string, chose bool) int {
	u := c.Current()
	s := u.Session
	if stoppedBy != nil && c.Actor().Role == model.RoleFacilitator && u.Save.ReadOnly == "" && !s.IsClosed() && s.CurrentStop().Timer.Running() {
		_ = c.Do(model.PauseTimer{}) // as q does, when the screen had no time to
		u = c.Current()
		s = u.Session
	}
	path := model.CleanLabel(c.Path())
	err := c.Leave()
	if stoppedBy != nil {
		fmt.Fprintf(env.stderr, "Pit Stop was asked to stop (%s).\n", stoppedBy)
	}
	if err == nil {
		if u.Save.ReadOnly == "" {
			fmt.Fprintf(env.stdout, "Saved %q in %s\nReopen it with: pitstop open %s\n", s.Title, path, s.ID)
		}
		return exitOK
	}
	if rescuedTo == "" && !chose {
		rescuedTo = ui.RescuePath(s, env.now())
		if rerr := st.SaveFile(rescuedTo, s); rerr != nil {
			return failure(env, fmt.Errorf("the last changes could not be saved (%s), and no copy could be written to %s either (%s)", sessions.Problem(err), model.CleanLabel(rescuedTo), sessions.Problem(rerr)))
		}
	}
	if rescuedTo == "" {
		return failure(env, fmt.Errorf("the last changes could not be saved (%s); as you chose, they are gone", sessions.Problem(err)))
	}
	fmt.Fprintf(env.stderr, "The session's own file could not be saved (%s), so every word is in a copy:\n  %s\nWhen there is room again, copy it over %s, or open the copy with: pitstop open %s\n",
		sessions.Problem(err), model.CleanLabel(rescuedTo), path, model.CleanLabel(rescuedTo))
	return exitFail
}
