package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// summary is what the room sees when the session closes: time planned and
// spent per stop, and what came out of it.
func (a App) summary(w int) string {
	s := a.state.Session
	now := a.c.now()
	st := a.c.styles
	lines := []string{st.StopName.Render("SESSION CLOSED · " + s.Title), ""}
	nameW := 0
	for _, stop := range s.Stops {
		nameW = max(nameW, lipgloss.Width(stop.Name))
	}
	nameW = min(nameW, max(10, w-30))
	row := func(name, planned, spent, diff string) string {
		return fit(padRight(name, nameW), nameW, 1) + "  " + padLeft(planned, 8) + "  " + padLeft(spent, 8) + "  " + diff
	}
	lines = append(lines, st.Title.Render(row("Stop", "planned", "spent", "difference")))
	for _, stop := range s.Stops {
		t := timerOf(stop, now)
		lines = append(lines, row(stop.Name, shortDuration(t.planned), clock(t.elapsed), diffText(t)))
	}
	lines = append(lines, row("Total", shortDuration(s.PlannedTotal()), clock(s.SpentTotal(now)), paceText(s, now)))
	lines = append(lines, "",
		plural(len(s.Notes), "note")+" · "+plural(len(s.Agreements), "agreement")+" · "+
			plural(len(s.Tensions), "tension")+" · "+plural(len(s.Commitments), "commitment")+" ("+
			strconv.Itoa(s.OpenCommitments())+" open)",
		"",
		st.Muted.Render("Everything is saved. Press q to leave, esc to look back at the stops."),
	)
	return strings.Join(lines, "\n")
}

func diffText(t timerState) string {
	switch {
	case !t.started:
		return "not run"
	case t.elapsed > t.planned:
		return "+" + clock(t.elapsed-t.planned) + " over"
	case t.elapsed < t.planned:
		return clock(t.planned-t.elapsed) + " under"
	}
	return "on time"
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s
}

// plural writes a count with its noun: "1 note", "7 notes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
