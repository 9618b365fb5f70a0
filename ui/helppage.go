package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"pitstop/actions"
	"pitstop/model"
)

// helpPage lists every key under a heading for where it works (at the
// stop, on the board, while typing, everywhere), each key once in its
// group, from the table of actions: only the keys this person's role may
// use. It scrolls when it does not fit.
type helpPage struct {
	*common
	behind   pageID   // where it goes back to
	joining  []string // how others join, when the session is served
	roomPage string   // the participants' page's address, when it is served
	code     []string // roomPage as a code to scan, at its smallest
	top      int      // the first line shown
}

// helpGroup is one heading of the help and its keys.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// helpSections are the help's headings, and the parts of the table under
// each.
var helpSections = []struct {
	title string
	pages []actions.Page
}{
	{"At the stop", []actions.Page{actions.AtStop}},
	{"On the board", []actions.Page{actions.OnBoard}},
	{"While typing", []actions.Page{actions.InEntry}},
	{"In the partnership check", []actions.Page{actions.InCheck, actions.InResults, actions.InTrend}},
	{"In the presenter view", []actions.Page{actions.InPresenter}},
	{"Notes from the room (R)", []actions.Page{actions.InRoom}},
	{"In the go-around (g)", []actions.Page{actions.InGoAround}},
	{"The team's norms and definitions (T)", []actions.Page{actions.InTeam}},
	{"Looking back on a closed session", []actions.Page{actions.LookingBack, actions.OnSummary}},
}

// groups are the keys the help lists, under where they work: those the
// role may use, each key once, under the first heading it works at (n
// at the stop, not again on the board), and last the keys that work
// everywhere.
func (p helpPage) groups() []helpGroup {
	may := func(id actions.ID) bool { return p.keys.table.Get(id).Permitted(p.actor.Role) == nil }
	everywhere := []actions.ID{actions.Help, actions.Board, actions.Minutes, actions.Quit}
	var out []helpGroup
	seen := map[string]bool{}
	for _, sec := range helpSections {
		var keys []key.Binding
		shown := map[string]bool{} // a key once under a heading, with its first words
		for _, pg := range sec.pages {
			for _, b := range p.keys.pages[pg] {
				h := b.binding.Help()
				if slices.Contains(everywhere, b.id) || !may(b.id) || seen[h.Key+h.Desc] || shown[h.Key] {
					continue
				}
				if p.actor.Role == model.RoleViewer && pg != actions.InPresenter {
					continue // the room's view is all a viewer has
				}
				if p.readOnly && p.keys.changes(pg, b.binding) {
					continue // a session open read-only changes nothing here
				}
				seen[h.Key+h.Desc], shown[h.Key] = true, true
				keys = append(keys, b.binding)
			}
		}
		if len(keys) > 0 {
			out = append(out, helpGroup{sec.title, keys})
		}
	}
	var all []key.Binding
	for _, id := range everywhere {
		if p.readOnly && id == actions.Minutes {
			continue
		}
		if may(id) && !(p.actor.Role == model.RoleViewer && id == actions.Board) {
			all = append(all, p.keys.On(actions.AtStop, id))
		}
	}
	return append(out, helpGroup{"Everywhere", all})
}

func (p helpPage) id() pageID { return helpScreen }

func (p helpPage) keyPage() actions.Page { return actions.InHelp }

func (p helpPage) refresh(*sessionView, bool) page { return p }

// handle remembers where the help was opened from, to go back there.
func (p helpPage) handle(msg any, _ *sessionView) (page, []effect) {
	if m, ok := msg.(shownFromMsg); ok {
		p.behind = m.from
	}
	return p, nil
}

// helpKey is what the help's drawing depends on.
type helpKey struct{ top int }

func (p helpPage) drawKey() any { return helpKey{p.top} }

func (p helpPage) view(_ *sessionView, w, h int) string { return p.draw(w, h) }

func (p helpPage) typed(string, *sessionView) []effect {
	return []effect{say{flash: "That looked like typing; nothing happened. ? or esc goes back."}}
}

// key answers a key on the help: ?, esc or enter go back; the arrows
// scroll.
func (p helpPage) key(msg tea.KeyMsg, _ *sessionView) (page, []effect) {
	km := p.keys
	switch {
	case km.Is(msg, actions.InHelp, actions.HelpBack):
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
	return p.keys.Bindings(actions.InHelp, actions.HelpBack, actions.Scroll, actions.Quit)
}

// FullHelp is what the page lists, group by group.
func (p helpPage) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range p.groups() {
		out = append(out, g.keys)
	}
	return out
}

// lines is the whole help, before scrolling, for width w.
func (p helpPage) lines(w int) []string {
	h := newHelp(p.styles)
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
	if p.roomPage != "" {
		// The code to scan, at its smallest: the presenter's j shows it
		// large, for the back of the room.
		intro = append(intro, "  The participants' page, to scan (j in the presenter view shows it larger):")
		for _, l := range p.code {
			intro = append(intro, "  "+l)
		}
		intro = append(intro, "")
	}
	// Each group is its heading over its keys; as many groups side by side
	// as fit, then the next row of them.
	groups := p.groups()
	blocks := make([]string, len(groups))
	for i, g := range groups {
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

// draw draws the part of the help that fits w×h, from the line scrolled
// to, saying when there is more below.
func (p helpPage) draw(w, h int) string {
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
