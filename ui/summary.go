package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

// summaryPage is what the room sees when the session closes: time planned
// and spent per stop, and, read back to the room, what was agreed and who
// does what by when; paged when it is long.
type summaryPage struct {
	*common
	page  int
	paged bool // the summary is longer than the screen (see pagedAt)
}

func (p summaryPage) id() pageID { return summaryScreen }

func (p summaryPage) keyPage() actions.Page { return actions.OnSummary }

// refresh works out whether the summary needs pages, while it is in
// front: laying it out is not free, and the other pages do not need it.
func (p summaryPage) refresh(sv *sessionView, front bool) page {
	if front {
		p.paged = p.pagedAt(sv.session, p.width-2, p.height-2)
	}
	return p
}

func (p summaryPage) handle(any, *sessionView) (page, []effect) { return p, nil }

// summaryKey is what the summary's drawing depends on besides the session.
type summaryKey struct{ page int }

func (p summaryPage) drawKey() any { return summaryKey{p.page} }

func (p summaryPage) view(sv *sessionView, w, h int) string { return p.draw(sv.session, w, h) }

func (p summaryPage) typed(string, *sessionView) []effect {
	return []effect{say{flash: "That looked like typing; nothing was changed (the session is closed)."}}
}

// key answers a key on the summary: esc, enter or [ go back to the
// stops; → and ← turn the pages.
func (p summaryPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	km := p.keys
	switch {
	case km.Is(msg, actions.OnSummary, actions.ToStop):
		return p, []effect{show{stopScreen}}
	case km.Is(msg, actions.OnSummary, actions.NextPage):
		p.page++
	case km.Is(msg, actions.OnSummary, actions.PrevPage):
		p.page = max(0, p.page-1)
	}
	return p, nil
}

// ShortHelp is the summary's keys; the page keys only while it is paged.
func (p summaryPage) ShortHelp() []key.Binding {
	ids := []actions.ID{actions.ToStop, actions.Minutes, actions.Help, actions.Quit}
	if p.paged {
		ids = append([]actions.ID{actions.NextPage, actions.PrevPage}, ids...)
	}
	return p.keys.Bindings(actions.OnSummary, ids...)
}

// pagedAt says whether the summary of s needs pages in w×h.
func (p summaryPage) pagedAt(s *model.Session, w, h int) bool {
	return h >= 6 && len(p.lines(s, w))+2 > h
}

// FullHelp is the summary's keys, in one group.
func (p summaryPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.All(actions.OnSummary)}
}

// lines is the whole summary for width w, before it is paged.
func (p summaryPage) lines(s *model.Session, w int) []string {
	now := p.now()
	today := model.DateOf(now)
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
	)
	// Read back to the room: each item on lines of its own, in full.
	item := func(mark, text string) {
		for i, l := range wrap(oneLine(text), max(10, w-2)) {
			lead := mark
			if i > 0 {
				lead = strings.Repeat(" ", lipgloss.Width(mark))
			}
			lines = append(lines, fit(lead+l, w, 1))
		}
	}
	if len(s.Agreements) > 0 {
		lines = append(lines, "", st.StopName.Render("WHAT WE AGREED"))
		for _, a := range s.Agreements {
			item("✔ ", a.Text)
		}
	}
	if len(s.Commitments) > 0 {
		lines = append(lines, "", st.StopName.Render("WHO DOES WHAT, BY WHEN"))
		for _, i := range present.CommitmentOrder(s) {
			c := s.Commitments[i]
			mark := "☐ "
			switch c.Status {
			case model.CommitmentDone:
				mark = "☑ "
			case model.CommitmentDropped:
				mark = "✗ dropped: "
			}
			item(mark, c.Text+" — "+present.CommitmentFacts(c, today))
		}
	}
	var open []string
	for _, t := range s.Tensions {
		if t.Status == model.TensionOpen {
			open = append(open, t.Text)
		}
	}
	if len(open) > 0 {
		lines = append(lines, "", st.StopName.Render("STILL OPEN"))
		for _, text := range open {
			item("◆ ", text)
		}
	}
	return lines
}

// draw draws the page of the summary that is turned to, in w×h.
func (p summaryPage) draw(s *model.Session, w, h int) string {
	lines := p.lines(s, w)
	foot := p.styles.Muted.Render("Everything is saved. Press q to leave, esc to look back at the stops.")
	if len(lines)+2 <= h || h < 6 {
		return strings.Join(append(lines, "", foot), "\n")
	}
	per := h - 2
	pages := (len(lines) + per - 1) / per
	page := min(p.page, pages-1)
	shown := lines[page*per : min(len(lines), (page+1)*per)]
	for len(shown) < per {
		shown = append(shown, "")
	}
	more := "Page " + strconv.Itoa(page+1) + " of " + strconv.Itoa(pages) + " · → next page, ← previous"
	return strings.Join(append(shown, "", p.styles.Accent.Render(fit(more, w, 1))), "\n")
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s
}
