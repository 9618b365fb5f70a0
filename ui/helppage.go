package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// helpPage lists every key under a heading for where it works (at the
// stop, on the board, while typing, everywhere), each key once in its
// group, from the pages' own key maps; it scrolls when it does not fit.
type helpPage struct {
	*common
	help    *help.Model
	groups  []helpGroup
	behind  screen   // where it goes back to
	joining []string // how others join, when the session is served
	top     int      // the first line shown
}

// helpGroup is one heading of the help and its keys.
type helpGroup struct {
	title string
	keys  []key.Binding
}

var (
	backFromHelp = key.NewBinding(key.WithKeys("?"), key.WithHelp("?/esc", "back"))
	scrollHelp   = key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑/↓", "scroll"))
)

// update answers a key on the help: ?, esc or enter go back; the arrows
// scroll.
func (p helpPage) update(msg tea.KeyMsg) (helpPage, []effect) {
	k := p.keys
	switch {
	case key.Matches(msg, k.Help, k.Cancel) || msg.String() == "enter":
		p.top = 0
		return p, []effect{show{p.behind}}
	case msg.String() == "up" || msg.String() == "k":
		p.top = max(0, p.top-1)
	case msg.String() == "down" || msg.String() == "j":
		p.top++
	case msg.String() == "pgup":
		p.top = max(0, p.top-10)
	case msg.String() == "pgdown":
		p.top += 10
	}
	// Never past the end, so that the way back is as long as the way there.
	p.top = min(p.top, max(0, len(p.lines(p.width-2))-(p.height-2)))
	return p, nil
}

// ShortHelp is the help page's keys.
func (p helpPage) ShortHelp() []key.Binding {
	return []key.Binding{backFromHelp, scrollHelp, p.keys.Quit}
}

// FullHelp is what the page lists, group by group.
func (p helpPage) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range p.groups {
		out = append(out, g.keys)
	}
	return out
}

// lines is the whole help, before scrolling, for width w.
func (p helpPage) lines(w int) []string {
	h := *p.help
	h.Width = 0
	intro := []string{
		p.styles.Title.Render("Pit Stop — all keys"),
		"",
		"The room moves through the stops in order; each has a timer. Notes are",
		"saved the moment you press enter, so quitting never loses anything.",
		"A note records who said it only if you write said:Name in it.",
		"A commitment can name its owner and date in one line:",
		"  Share the budget draft @Dana due:2026-12-05   (or due:fri, due:+2w, due:tomorrow)",
		"",
	}
	if len(p.joining) > 0 {
		intro = append(intro, p.styles.Accent.Render("Joining this session"))
		intro = append(intro, p.joining...)
		intro = append(intro, "")
	}
	// Each group is its heading over its keys; as many groups side by side
	// as fit, then the next row of them.
	blocks := make([]string, len(p.groups))
	for i, g := range p.groups {
		blocks[i] = p.styles.Accent.Render(g.title) + "\n" + h.FullHelpView([][]key.Binding{g.keys})
	}
	var rows []string
	var row []string
	width := 0
	for _, b := range blocks {
		bw := lipgloss.Width(b)
		if len(row) > 0 && width+4+bw > w {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, width = nil, 0
		}
		if len(row) > 0 {
			row = append(row, "    ")
			width += 4
		}
		row = append(row, b)
		width += bw
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	return strings.Split(strings.Join(intro, "\n")+"\n"+strings.Join(rows, "\n\n"), "\n")
}

// view draws the part of the help that fits w×h, from the line scrolled to,
// saying when there is more below.
func (p helpPage) view(w, h int) string {
	lines := p.lines(w)
	if len(lines) <= h {
		return strings.Join(lines, "\n")
	}
	top := min(p.top, len(lines)-h)
	shown := lines[top : top+h]
	if top+h < len(lines) {
		shown[len(shown)-1] = p.styles.Muted.Render("↓ more below: ↓ or pgdown")
	}
	return strings.Join(shown, "\n")
}
