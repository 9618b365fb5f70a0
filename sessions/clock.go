package sessions

import "time"

// Clock is the time a live session's owner keeps: the wall clock, which
// stamps what happens, and a monotonic clock that never steps, against
// which the owner notices the wall clock being set back (NTP, a laptop
// waking) and keeps running timers whole.
type Clock struct {
	Now  func() time.Time     // the wall clock
	Mono func() time.Duration // time since some fixed instant, never stepping; nil: follow Now
}

// SystemClock is the computer's clock.
func SystemClock() Clock {
	start := time.Now()
	return Clock{Now: time.Now, Mono: func() time.Duration { return time.Since(start) }}
}

// ClockOf is a clock that follows now alone, as tests with a fixed or
// stepped clock use; with no monotonic clock beside it, it sees no steps.
func ClockOf(now func() time.Time) Clock {
	if now == nil {
		return SystemClock()
	}
	return Clock{Now: now}
}

func (c Clock) mono() time.Duration {
	if c.Mono != nil {
		return c.Mono()
	}
	return time.Duration(c.Now().UnixNano())
}

// stepWatch notices the wall clock stepping back against the monotonic one.
type stepWatch struct {
	wall time.Time
	mono time.Duration
}

// minStep is how far the wall clock must fall behind to count as stepped:
// less is the ordinary jitter of two clocks read one after the other.
const minStep = 2 * time.Second

// observe returns how far the wall clock stepped back since the last look
// (a negative duration), or zero.
func (w *stepWatch) observe(c Clock) time.Duration {
	// Round(0) drops the monotonic reading time.Now carries, which would
	// make Sub compare the monotonic clock with itself.
	wall, mono := c.Now().Round(0), c.mono()
	var step time.Duration
	if !w.wall.IsZero() {
		expected := w.wall.Add(mono - w.mono)
		if d := wall.Sub(expected); d < -minStep {
			step = d
		}
	}
	w.wall, w.mono = wall, mono
	return step
}

// FastClock is the computer's clock running speed times faster from now
// on, for rehearsing a workshop or testing one end to end: at 60, a
// fifteen-minute stop is over in fifteen seconds. Its monotonic clock runs
// as fast, so it never looks stepped.
func FastClock(speed float64) Clock {
	start := time.Now()
	fast := func() time.Duration { return time.Duration(float64(time.Since(start)) * speed) }
	return Clock{Now: func() time.Time { return start.Add(fast()) }, Mono: fast}
}
