package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"pitstop/model"
	"pitstop/present"
	"pitstop/ui/bigfont"
)

// timerWidth is the width the timer takes whatever its state, so that
// nothing around it moves as it runs, pauses, runs low and goes over: the
// widest of its words and digits for this plan. The key that starts it is
// in the help line, not under the timer, where it would widen it.
func timerWidth(planned time.Duration, scale int, big bool) int {
	over := present.Timer{Planned: planned, Elapsed: planned + 59*time.Minute + 59*time.Second, Started: true, Running: true}
	over.Remaining = planned - over.Elapsed
	states := []present.Timer{
		{Planned: planned, Remaining: planned},
		{Planned: planned, Remaining: planned, Started: true, Running: true},
		{Planned: planned, Remaining: planned, Elapsed: time.Second, Started: true},
		{Planned: planned, Remaining: planned / 5, Elapsed: planned - planned/5, Started: true, Running: true},
		over,
	}
	w := 24 // the progress bar's least
	for _, t := range states {
		w = max(w, cellWidth(t.Words()))
	}
	digits := over.Display()
	if d := present.Clock(planned); len(d) >= len(digits) {
		digits = d
	}
	if big {
		return max(w, bigfont.Width(digits, bigfont.Size(scale)))
	}
	return max(w, len(digits))
}

// timerView draws the timer in width w, always as wide (see timerWidth).
// big asks for the block digits.
func (c *common) timerView(t present.Timer, w, h int, big bool) []string {
	scale := 1
	if big && h >= 48 && timerWidth(t.Planned, 2, true) <= w {
		scale = 2
	}
	return c.drawTimer(t, bigfont.Size(scale), big, min(w, timerWidth(t.Planned, scale, big)))
}

// timerStyle is the colour of a timer's state; the words say it too.
func (c *common) timerStyle(t present.Timer) lipgloss.Style {
	switch {
	case t.Over():
		return c.styles.TimerOver
	case t.Low():
		return c.styles.TimerLow
	case !t.Running:
		return c.styles.TimerPaused
	}
	return c.styles.Timer
}

// roomTime is the room's time on one line, for the pages without the big
// timer (the board, the check): the stop, its clock and its state, so a
// stop never runs on unseen. "Belonging  07:00  ▶ running".
func (c *common) roomTime(s *model.Session) string {
	st := s.CurrentStop()
	t := present.TimerOf(*st, c.now())
	return c.styles.Muted.Render(st.Name+"  ") + c.timerStyle(t).Render(t.Display()+"  "+t.State())
}

// withRoomTime puts the room's time at the right of a page's first line,
// or, when both do not fit, on the blank line under it.
func (c *common) withRoomTime(line, under string, s *model.Session, w int) (string, string) {
	if s.IsClosed() {
		return line, under
	}
	right := c.roomTime(s)
	if gap := w - cellWidth(line) - cellWidth(right); gap >= 2 {
		return line + strings.Repeat(" ", gap) + right, under
	}
	return line, fit(right, w, 1)
}

// drawTimer draws the timer width columns wide: its digits (at size, in
// the block font when big), the progress bar and the words that say its
// state. The colour says the state too, never alone.
func (c *common) drawTimer(t present.Timer, size bigfont.Size, big bool, width int) []string {
	style := c.timerStyle(t)
	var out []string
	text := t.Display()
	if big {
		for _, row := range bigfont.Render(text, size) {
			out = append(out, style.Render(row))
		}
	} else {
		out = append(out, style.Render(text))
	}
	out = append(out, c.progressBar(t, width))
	out = append(out, style.Render(t.Words()))
	for i, l := range out {
		if pad := width - cellWidth(l); pad > 0 {
			out[i] = l + strings.Repeat(" ", pad)
		}
	}
	return out
}

// progressBar shows the share of planned time used; past the plan it is
// full and marked with "!" characters.
func (c *common) progressBar(t present.Timer, w int) string {
	if w < 4 {
		return ""
	}
	filled := w
	if t.Planned > 0 && t.Elapsed < t.Planned {
		filled = int(int64(w) * int64(t.Elapsed) / int64(t.Planned))
	}
	fill := strings.Repeat("█", filled)
	if t.Over() {
		fill = strings.Repeat("▓", filled)
	}
	return c.styles.ProgressFill.Render(fill) + c.styles.ProgressRest.Render(strings.Repeat("░", w-filled))
}
