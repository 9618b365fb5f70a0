package present

import (
	"time"

	"pitstop/model"
)

// Timer is how a stop's timer stands, worked out from its data and the
// clock. Every screen works out the same from the same data.
type Timer struct {
	Planned, Elapsed, Remaining time.Duration
	Running, Started            bool
}

// TimerOf is the timer of stop as of now.
func TimerOf(st model.Stop, now time.Time) Timer {
	e := st.Timer.Elapsed(now)
	return Timer{
		Planned: st.Planned, Elapsed: e, Remaining: st.Planned - e,
		Running: st.Timer.Running(), Started: e > 0 || st.Timer.Running(),
	}
}

// Over reports whether the planned time has run out.
func (t Timer) Over() bool { return t.Remaining < 0 || (t.Started && t.Remaining == 0) }

// Low reports whether time is running short: a fifth of the plan or the
// last minute.
func (t Timer) Low() bool {
	return !t.Over() && t.Started && (t.Remaining <= time.Minute || t.Remaining*5 <= t.Planned)
}

// Display is the time a timer shows: what is left, or how far over with a
// "+".
func (t Timer) Display() string {
	if t.Over() {
		return "+" + Clock(-t.Remaining)
	}
	return Clock(t.Remaining)
}

// State is the timer's state in a symbol and a word or two, as its line
// on a page without the big timer says it: "▶ running", "⏸ paused",
// "● time to wrap up".
func (t Timer) State() string {
	switch {
	case t.Over() && !t.Running:
		return "● time to wrap up · paused"
	case t.Over():
		return "● time to wrap up"
	case !t.Started:
		return "▷ ready"
	case !t.Running:
		return "⏸ paused"
	case t.Remaining <= time.Minute:
		return "◔ last minute"
	case t.Low():
		return "◔ nearly time"
	}
	return "▶ running"
}

// Words say in words (and a symbol) what the timer's colour says, so that
// nobody needs colour to read it; calmly, since the room reads them too.
func (t Timer) Words() string {
	switch {
	case t.Over() && !t.Running:
		return "● time to wrap up · paused · +" + Clock(-t.Remaining) + " over"
	case t.Over():
		return "● time to wrap up · +" + Clock(-t.Remaining) + " over"
	case !t.Started:
		return "▷ ready · " + Duration(t.Planned) + " planned"
	case !t.Running:
		return "⏸ paused · " + Clock(t.Remaining) + " left"
	case t.Remaining <= time.Minute:
		return "◔ last minute · " + Clock(t.Remaining) + " left"
	case t.Low():
		return "◔ nearly time · " + Clock(t.Remaining) + " left"
	}
	return "▶ running · " + Duration(t.Planned) + " planned"
}

// Result says how a stop's time turned out against its plan: "not run",
// "2m10s over", "1m50s under", "on time".
func (t Timer) Result() string {
	if !t.Started {
		return "not run"
	}
	return Difference(t.Elapsed, t.Planned)
}

// Drift is how far the room is from its plan, as of now: the overrun (or
// the time saved) of the stops it has left, and of stops ahead that were
// started, plus the overtime of the stop it is at. A stop left without
// being run counts as time saved. In a closed session every stop counts.
// Positive is behind plan.
func Drift(s *model.Session, now time.Time) time.Duration {
	var drift time.Duration
	for i, st := range s.Stops {
		t := TimerOf(st, now)
		switch {
		case i < s.Current || (i > s.Current && t.Started) || (i == s.Current && s.IsClosed()):
			drift += t.Elapsed - t.Planned
		case i == s.Current && t.Over():
			drift += -t.Remaining
		}
	}
	return drift
}

// Pace says how far ahead of or behind plan the room is: "5m ahead",
// "12m30s behind", or "on time" within a minute either way; once the
// session is closed, how its time turned out: "14m45s under plan", "over
// plan", "on plan".
func Pace(s *model.Session, now time.Time) string {
	return pace(s, now, Duration, " ahead", " behind")
}

// pace is Pace with its own way of saying a span and the words for ahead
// and behind while the session runs.
func pace(s *model.Session, now time.Time, say func(time.Duration) string, ahead, behind string) string {
	d := Drift(s, now)
	even := "on time"
	if s.IsClosed() {
		ahead, behind, even = " under plan", " over plan", "on plan"
	}
	switch {
	case d >= time.Minute:
		return say(d) + behind
	case d <= -time.Minute:
		return say(-d) + ahead
	}
	return even
}
