package model

import "time"

// Timer is a stop's clock kept as data: the time accumulated over earlier
// runs plus, while running, the instant the current run began. What a screen
// shows is computed from this and the clock, so every client agrees and a
// reopened session shows where the timer stood.
type Timer struct {
	Accumulated  time.Duration // time run before the current run
	RunningSince time.Time     // zero while paused
}

// Running reports whether the timer is counting.
func (t Timer) Running() bool { return !t.RunningSince.IsZero() }

// Elapsed is the time the timer has run, as of now.
func (t Timer) Elapsed(now time.Time) time.Duration {
	if !t.Running() {
		return t.Accumulated
	}
	run := now.Sub(t.RunningSince)
	if run < 0 { // a clock that stepped back must not make time run backwards
		run = 0
	}
	return t.Accumulated + run
}

// Start sets the timer running from now. Starting a running timer does
// nothing.
func (t *Timer) Start(now time.Time) {
	if !t.Running() {
		t.RunningSince = now
	}
}

// Pause stops the timer and keeps the time it ran.
func (t *Timer) Pause(now time.Time) {
	if t.Running() {
		t.Accumulated = t.Elapsed(now)
		t.RunningSince = time.Time{}
	}
}

// Reset puts the timer back to zero, paused.
func (t *Timer) Reset() { *t = Timer{} }

// ShiftClock moves the start of every running timer by By. The owner of a
// live session sends it when the computer's clock steps (NTP, a laptop
// waking): a clock set back an hour would otherwise freeze a running timer
// for that hour, and pausing it meanwhile would lose the run. Only Pit
// Stop itself sends it (see the permission table).
type ShiftClock struct{ By time.Duration }

func (c ShiftClock) apply(s *Session, by Actor, now time.Time) error {
	for i := range s.Stops {
		if t := &s.Stops[i].Timer; t.Running() {
			t.RunningSince = t.RunningSince.Add(c.By)
		}
	}
	return nil
}
