package ui

import (
	"pitstop/model"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/present"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// summaryPage is what the room sees when the session closes: time planned
// and spent per stop, and what came out of it.
type summaryPage struct{ *common }

// update answers a key on the summary: esc, enter or [ go back to the
// stops.
func (p summaryPage) update(msg tea.KeyMsg) (summaryPage, []effect) {
	k := p.keys
	if key.Matches(msg, k.Cancel) || msg.String() == "enter" || key.Matches(msg, k.PrevStop) {
		return p, []effect{show{stopScreen}}
	}
	return p, nil
}

var backToStops = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the stops"))

// ShortHelp is the summary's keys.
func (p summaryPage) ShortHelp() []key.Binding {
	return []key.Binding{backToStops, p.keys.Export, p.keys.Help, p.keys.Quit}
}

// FullHelp is the summary's keys, in one group.
func (p summaryPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

func (p summaryPage) view(s *model.Session, w int) string {
	now := p.now()
	st := p.styles
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
		t := present.TimerOf(stop, now)
		lines = append(lines, row(stop.Name, present.Duration(t.Planned), present.Duration(t.Elapsed), t.Result()))
	}
	lines = append(lines, row("Total", present.Duration(s.PlannedTotal()), present.Duration(s.SpentTotal(now)), present.Pace(s, now)))
	lines = append(lines, "",
		present.Plural(len(s.Notes), "note")+" · "+present.Plural(len(s.Agreements), "agreement")+" · "+
			present.Plural(len(s.Tensions), "tension")+" · "+present.Plural(len(s.Commitments), "commitment")+" ("+
			strconv.Itoa(s.OpenCommitments())+" open)",
		"",
		st.Muted.Render("Everything is saved. Press q to leave, esc to look back at the stops."),
	)
	return strings.Join(lines, "\n")
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s
}
