package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"pitstop/model"
)

// timerState is how a stop's timer stands, worked out from its data and
// the clock. Every client computes the same from the same data.
type timerState struct {
	planned, elapsed, remaining time.Duration
	running, started            bool
}

func timerOf(st model.Stop, now time.Time) timerState {
	e := st.Timer.Elapsed(now)
	return timerState{
		planned: st.Planned, elapsed: e, remaining: st.Planned - e,
		running: st.Timer.Running(), started: e > 0 || st.Timer.Running(),
	}
}

func (t timerState) over() bool { return t.remaining < 0 || (t.started && t.remaining == 0) }

// low reports whether time is running short: a fifth of the plan or the
// last minute.
func (t timerState) low() bool {
	return !t.over() && t.started && (t.remaining <= time.Minute || t.remaining*5 <= t.planned)
}

// display is the time shown: what is left, or how far over with a "+".
func (t timerState) display() string {
	if t.over() {
		return "+" + clock(-t.remaining)
	}
	return clock(t.remaining)
}

// label says in words what the colour says, so that nobody needs colour
// to read the timer.
func (t timerState) label() string {
	switch {
	case t.over():
		return "⏰ TIME IS UP · +" + clock(-t.remaining) + " over"
	case !t.started:
		return "▷ ready · " + shortDuration(t.planned) + " planned · space starts"
	case !t.running:
		return "⏸ paused · " + clock(t.remaining) + " left"
	case t.remaining <= time.Minute:
		return "⚠ last minute"
	case t.low():
		return "⚠ running low · " + clock(t.remaining) + " left"
	default:
		return "▶ running · " + shortDuration(t.planned) + " planned"
	}
}

// timerView draws the timer in width w. big asks for the block digits.
func (c *common) timerView(t timerState, w, h int, big bool) []string {
	style := c.styles.Timer
	switch {
	case t.over():
		style = c.styles.TimerOver
	case t.low():
		style = c.styles.TimerLow
	case !t.running:
		style = c.styles.TimerPaused
	}
	var out []string
	text := t.display()
	if big {
		scale := 1
		if h >= 48 && bigTextWidth(text, 2) <= w {
			scale = 2
		}
		for _, row := range bigText(text, scale) {
			out = append(out, style.Render(row))
		}
	} else {
		out = append(out, style.Render(text))
	}
	label := t.label()
	barW := min(w, max(lipgloss.Width(out[0]), lipgloss.Width(label), 24))
	out = append(out, c.progressBar(t, barW))
	out = append(out, style.Render(label))
	return out
}

// progressBar shows the share of planned time used; past the plan it is
// full and marked with "!" characters.
func (c *common) progressBar(t timerState, w int) string {
	if w < 4 {
		return ""
	}
	filled := w
	if t.planned > 0 && t.elapsed < t.planned {
		filled = int(int64(w) * int64(t.elapsed) / int64(t.planned))
	}
	fill := strings.Repeat("█", filled)
	if t.over() {
		fill = strings.Repeat("▓", filled)
	}
	return c.styles.ProgressFill.Render(fill) + c.styles.ProgressRest.Render(strings.Repeat("░", w-filled))
}
