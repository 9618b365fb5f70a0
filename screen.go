package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
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
	ended := make(chan struct{})
	stopped := make(chan struct{})
	var stoppedBy os.Signal
	stopSignals := onStopSignal(func(sig os.Signal) {
		defer close(stopped)
		stoppedBy = sig
		p.Send(ui.StopMsg{Why: sig.String()})
		select {
		case <-ended:
		case <-time.After(stopGrace):
			p.Kill()
		}
	}, func() { close(stopped) })
	final, runErr := p.Run()
	close(ended)
	stopSignals()
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
	how := sessions.Leaving{Stopped: stoppedBy != nil, Now: env.now}
	if l, ok := final.(leaver); ok {
		how.RescuedTo, how.Lose = l.Leaving()
	}
	code := exitOK
	if c != nil {
		code = leaveSession(env, c, stoppedBy, how)
	}
	if runErr != nil {
		return failure(env, fmt.Errorf("the screen failed: %w", runErr))
	}
	return code
}

// onStopSignal calls stop, once, when SIGTERM, SIGHUP or SIGINT arrive:
// the process is asked to stop from outside and does what q does. The
// returned function stops listening; done is called instead of stop if no
// signal came by then.
func onStopSignal(stop func(os.Signal), done func()) (cancel func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	over := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			stop(sig)
		case <-over:
			if done != nil {
				done()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(over)
		})
	}
}

// leaveSession leaves the session the screen had open (sessions.Leave) and
// says how it was left. The last save failing is not the end of the words:
// unless the person chose to leave them, they are in a rescue copy, named.
func leaveSession(env *cliEnv, c *sessions.Client, stoppedBy os.Signal, how sessions.Leaving) int {
	d := sessions.Leave(c, how)
	if stoppedBy != nil {
		fmt.Fprintf(env.stderr, "Pit Stop was asked to stop (%s).\n", stoppedBy)
	}
	return reportDeparture(env, d)
}

// reportDeparture says how a session was left, and is the exit code.
func reportDeparture(env *cliEnv, d sessions.Departure) int {
	path := model.CleanLabel(d.Path)
	switch {
	case d.Saved() && d.ReadOnly:
		return exitOK
	case d.Saved():
		fmt.Fprintf(env.stdout, "Saved %q in %s\nReopen it with: pitstop open %s\n", d.Title, path, d.ID)
		return exitOK
	case d.RescueErr != nil:
		return failure(env, fmt.Errorf("the last changes could not be saved (%s), and no copy could be written to %s either (%s)",
			sessions.Problem(d.Err), model.CleanLabel(sessions.RescuePath(&model.Session{ID: d.ID}, env.now())), sessions.Problem(d.RescueErr)))
	case d.Lost:
		return failure(env, fmt.Errorf("the last changes could not be saved (%s); as you chose, they are gone", sessions.Problem(d.Err)))
	}
	fmt.Fprintf(env.stderr, "The session's own file could not be saved (%s), so every word is in a copy:\n  %s\nCopy it over %s %s, or open the copy with: pitstop open %s\n",
		sessions.Problem(d.Err), model.CleanLabel(d.RescuedTo), path, sessions.Remedy(d.Err), model.CleanLabel(d.RescuedTo))
	return exitFail
}
