package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"pitstop/model"
	"pitstop/present"
)

// timerLabel is the timer's words, with the key that starts it for who can.
func (c *common) timerLabel(t present.Timer) string {
	words := t.Words()
	if !t.Started && c.actor.Role == model.RoleFacilitator {
		words += " · space starts"
	}
	return words
}

// timerView draws the timer in width w. big asks for the block digits.
func (c *common) timerView(t present.Timer, w, h int, big bool) []string {
	style := c.styles.Timer
	switch {
	case t.Over():
		style = c.styles.TimerOver
	case t.Low():
		style = c.styles.TimerLow
	case !t.Running:
		style = c.styles.TimerPaused
	}
	var out []string
	text := t.Display()
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
	label := c.timerLabel(t)
	barW := min(w, max(lipgloss.Width(out[0]), lipgloss.Width(label), 24))
	out = append(out, c.progressBar(t, barW))
	out = append(out, style.Render(label))
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
