package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

const teamScreen pageID = "team"

// teamPage is what the team keeps from session to session: its standing
// norms, those it retired, and what it means by the concepts the workshop
// names, each with its dates. Norms are reworded or retired here, never
// deleted; a concept's new words keep the old ones, dated.
type teamPage struct {
	*common
	sel int // the row picked: norms first, then the concepts
}

func (p teamPage) id() pageID { return teamScreen }

func (p teamPage) keyPage() actions.Page { return actions.InTeam }

func (p teamPage) refresh(*sessionView, bool) page { return p }

func (p teamPage) handle(any, *sessionView) (page, []effect) { return p, nil }

type teamPageKey struct{ sel int }

func (p teamPage) drawKey() any { return teamPageKey{p.sel} }

func (p teamPage) typed(text string, sv *sessionView) []effect {
	return typedNote(p.common, sv, text)
}

// teamRow is one row of the page: a norm, or a concept.
type teamRow struct {
	norm    *model.Norm // in the session shown; nil for a concept
	concept string
}

// rows are the page's rows in order: the standing norms, the retired, then
// the workshop's concepts and any other the team defined.
func (p teamPage) rows(s *model.Session) []teamRow {
	var rows []teamRow
	norms := s.NormsInOrder()
	for i := range norms {
		rows = append(rows, teamRow{norm: &norms[i]})
	}
	for _, c := range p.concepts(s) {
		rows = append(rows, teamRow{concept: c})
	}
	return rows
}

// concepts are the workshop's concepts, then any other the team defined.
func (p teamPage) concepts(s *model.Session) []string {
	out := append([]string(nil), p.workshop.Team.Concepts...)
	for _, d := range s.Definitions {
		if !slices.ContainsFunc(out, func(c string) bool { return strings.EqualFold(c, d.Concept) }) {
			out = append(out, d.Concept)
		}
	}
	return out
}

func (p teamPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	a, _, ok := p.keys.Action(msg, actions.InTeam)
	if !ok {
		return p, nil
	}
	s := sv.session
	rows := p.rows(s)
	p.sel = max(0, min(p.sel, len(rows)-1))
	switch a.ID {
	case actions.LeaveTurn:
		return p, []effect{show{stopScreen}}
	case actions.PickInTeam:
		p.sel = stepped(msg, p.sel, len(rows))
		return p, nil
	case actions.NewNorm:
		return p, act(p.common, a, p.context(sv))
	}
	if len(rows) == 0 {
		return p, nil
	}
	row := rows[p.sel]
	ctx := p.context(sv)
	switch {
	case row.concept != "" && (a.ID == actions.Define || a.ID == actions.Reword):
		ctx.Concept = row.concept
		return p, act(p.common, actions.All.Get(actions.Define), ctx)
	case row.concept != "":
		return p, []effect{say{flash: "That is a concept: d (or enter) writes what the team means by it."}}
	case a.ID == actions.Define:
		return p, []effect{say{flash: "Pick a concept below the norms: d writes what the team means by it."}}
	}
	ctx.Entry = row.norm.ID
	return p, act(p.common, a, ctx)
}

func (p teamPage) ShortHelp() []key.Binding {
	km := p.keys
	return km.Bindings(actions.InTeam, actions.Reword, actions.Define, actions.NewNorm, actions.Retire, actions.PickInTeam, actions.LeaveTurn, actions.Help)
}

func (p teamPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.keys.All(actions.InTeam)} }

func (p teamPage) view(sv *sessionView, w, h int) string {
	s, st, today := sv.session, p.styles, sv.today
	head := "WHAT THE TEAM KEEPS"
	if s.Team != "" {
		head += " · " + strings.ToUpper(s.Team)
	}
	lines := p.pageHead(head, "Norms and definitions come to every later session of the team. Earlier words are kept, dated.", s, w)
	rows := p.rows(s)
	sel := max(0, min(p.sel, len(rows)-1))
	var body []string
	at := 0
	heading := func(text string) { body = append(body, "", st.Title.Render(fit(text, w, 1))) }
	retiredShown := false
	line := func(i int, text, dates string) {
		mark := "  "
		if i == sel {
			mark, at = "› ", len(body)
		}
		l := fit(mark+text+"  "+st.Muted.Render(dates), w, 1)
		if i == sel {
			l = st.Selected.Render(fit(mark+text+"  "+dates, w, 1))
		}
		body = append(body, l)
	}
	heading("Standing norms")
	if len(s.StandingNorms()) == 0 {
		body = append(body, st.Muted.Render(fit("  None yet. a writes one; N on the board makes an agreement a norm.", w, 1)))
	}
	for i, r := range rows {
		switch {
		case r.norm != nil:
			n := *r.norm
			if !n.Standing() && !retiredShown {
				heading("Retired (kept in the record)")
				retiredShown = true
			}
			line(i, n.ID+"  "+oneLine(n.Text()), present.NormDates(n, today))
		default:
			if i == 0 || rows[i-1].concept == "" {
				heading("What we mean by")
			}
			d, ok := s.DefinitionOf(r.concept)
			if !ok {
				line(i, r.concept+" — not written yet", "d writes it")
				continue
			}
			line(i, d.Concept+" — "+oneLine(d.Text()), present.DefinitionDates(d, today))
		}
	}
	room := max(1, h-len(lines))
	return fit(strings.Join(append(lines, window(body, 0, at, room)...), "\n"), w, h)
}
