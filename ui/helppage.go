package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// helpPage lists every key, grouped, from the pages' own key maps.
type helpPage struct {
	*common
	help   help.Model
	groups [][]key.Binding
	behind screen // where it goes back to
}

var backFromHelp = key.NewBinding(key.WithKeys("?"), key.WithHelp("?/esc", "back"))

// update answers a key on the help: ?, esc or enter go back.
func (p helpPage) update(msg tea.KeyMsg) (helpPage, []effect) {
	k := p.keys
	if key.Matches(msg, k.Help, k.Cancel) || msg.String() == "enter" {
		return p, []effect{show{p.behind}}
	}
	return p, nil
}

// ShortHelp is the help page's keys.
func (p helpPage) ShortHelp() []key.Binding { return []key.Binding{backFromHelp, p.keys.Quit} }

// FullHelp is what the page lists.
func (p helpPage) FullHelp() [][]key.Binding { return p.groups }

func (p helpPage) view(w int) string {
	h := p.help
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
	// As many groups side by side as fit, then the next row of groups.
	h.Width = 0
	var blocks []string
	var row [][]key.Binding
	for _, g := range p.groups {
		if len(row) > 0 && lipgloss.Width(h.FullHelpView(append(row, g))) > w {
			blocks = append(blocks, h.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	blocks = append(blocks, h.FullHelpView(row))
	return strings.Join(intro, "\n") + "\n" + strings.Join(blocks, "\n\n")
}
