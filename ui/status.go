package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"pitstop/actions"
	"pitstop/present"
	"pitstop/sessions"
)

// statusBar is one line: the session, where the room is, the whole
// session's clock against the plan, and whether everything is saved.
func (a App) statusBar(w int) string {
	s := a.state.Session
	now := a.c.now()
	left := " " + s.Title
	if s.Team != "" {
		left += " · " + s.Team
	}
	stopPart := "stop " + strconv.Itoa(s.Current+1) + "/" + strconv.Itoa(len(s.Stops))
	if s.IsClosed() {
		stopPart = "closed"
	}
	if n := a.c.waitingFor(s); n > 0 {
		stopPart += " · " + present.Waiting(n) + " (R)"
	}
	clockPart := "plan " + present.Duration(s.PlannedTotal()) + " · spent " + present.Duration(s.SpentTotal(now)) + " · " + present.Pace(s, now)
	save := a.saveText(now)
	right := stopPart + " · " + clockPart + " · " + save + " "

	style := a.c.styles.StatusBar
	if a.flash != "" {
		return a.c.styles.StatusError.Render(fit(" ⚠ "+a.flash, w, 1))
	}
	if a.banner != "" {
		return a.c.styles.StatusOK.Render(fit(" ● "+a.banner, w, 1))
	}
	if a.state.Save.Err != nil {
		style = a.c.styles.StatusError.Reverse(true)
	}
	// Narrow screens drop the least needed parts first: the team, then the
	// session clock; where the room is, whether it is saved and who else is
	// here stay, the people said more briefly as room runs out (at the
	// least, how many).
	short := stopPart + " · " + save + " "
	var candidates [][2]string
	others := present.OthersShort(a.state.Present, a.c.actor)
	for _, o := range others {
		candidates = append(candidates, [2]string{left + " · with " + o, right})
	}
	for _, o := range others {
		candidates = append(candidates, [2]string{" " + s.Title + " · with " + o, right})
	}
	for _, o := range others {
		candidates = append(candidates, [2]string{" " + s.Title + " · with " + o, short})
	}
	candidates = append(candidates, [2]string{left, right}, [2]string{" " + s.Title, right}, [2]string{" " + s.Title, short})
	if len(others) > 0 {
		// Last, so that if nothing fits it is what is cut: the count
		// stays, the title gives way.
		candidates[len(candidates)-1][0] = " with " + others[len(others)-1] + " · " + s.Title
	}
	for _, c := range candidates {
		left, right = c[0], c[1]
		if lipgloss.Width(left)+lipgloss.Width(right) < w {
			break
		}
	}
	if lipgloss.Width(left)+lipgloss.Width(right) >= w {
		left = fit(left, max(0, w-lipgloss.Width(right)-1), 1)
	}
	gap := max(0, w-lipgloss.Width(left)-lipgloss.Width(right))
	return style.Render(fit(left+strings.Repeat(" ", gap)+right, w, 1))
}

func (a App) saveText(now time.Time) string {
	switch {
	case a.state.Save.Live:
		return "read-only, live elsewhere"
	case a.state.Save.ReadOnly != "":
		return "read-only"
	case a.state.Save.Err != nil:
		return "Not saved: " + sessions.Problem(a.state.Save.Err) + " (retrying)"
	case a.pending > 0 || a.state.Saving():
		return "saving…"
	}
	ago := now.Sub(a.state.Save.At)
	if ago < 2*time.Second {
		return "saved"
	}
	if ago < time.Minute {
		return "saved " + strconv.Itoa(int(ago.Seconds())) + "s ago"
	}
	return "saved " + present.Duration(ago.Truncate(time.Minute)) + " ago"
}

// helpLine is the help line: the keys of what is in front, and always,
// however narrow the screen, "? all keys" at its end.
func (a App) helpLine(w int) string {
	allKeys := a.c.keys.On(actions.AtStop, actions.Help)
	var keys []key.Binding
	for _, b := range a.shortHelp() {
		if b.Help().Key != allKeys.Help().Key {
			keys = append(keys, b)
		}
	}
	h := *a.help // a copy, given this line's width
	if a.input != nil || a.question != nil || a.front().id() == helpScreen {
		h.Width = w
		return " " + h.ShortHelpView(keys)
	}
	h.Width = 0 // bubbles' own cut can overrun; the keys are cut here
	all := h.ShortHelpView([]key.Binding{allKeys})
	sep := h.Styles.ShortSeparator.Render(h.ShortSeparator)
	more := h.Styles.Ellipsis.Render(" " + h.Ellipsis)
	room := w - lipgloss.Width(all) - lipgloss.Width(sep)
	for n := len(keys); n > 0; n-- {
		line := h.ShortHelpView(keys[:n])
		if n < len(keys) {
			line += more
		}
		if lipgloss.Width(line) <= room {
			return " " + line + sep + all
		}
	}
	return " " + all
}

// presence says who else is on this session, when anyone is: " · with
// dana (note-taker), room (viewer)".
func (a App) presence() string {
	others := present.Others(a.state.Present, a.c.actor)
	if others == "" {
		return ""
	}
	return " · with " + others
}
