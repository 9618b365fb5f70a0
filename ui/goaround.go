package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

const goAroundScreen pageID = "goaround"

// goAroundPage is the go-around at the stop the room is at: who is still
// to be invited to speak, those heard least in the session so far first.
// s marks that the person picked spoke, p that they passed (a pass is
// respected and never counted against anyone), u undoes a mark.
type goAroundPage struct {
	*common
	picked string // the name picked; the first still to invite when it is not among them
}

func (p goAroundPage) id() pageID { return goAroundScreen }

func (p goAroundPage) keyPage() actions.Page { return actions.InGoAround }

func (p goAroundPage) refresh(*sessionView, bool) page { return p }

func (p goAroundPage) handle(msg any, _ *sessionView) (page, []effect) {
	if _, ok := msg.(shownFromMsg); ok {
		p.picked = "" // each go-around starts at the top
	}
	return p, nil
}

// goAroundKey is what the page's drawing depends on besides the session.
type goAroundKey struct{ picked string }

func (p goAroundPage) drawKey() any { return goAroundKey{p.picked} }

func (p goAroundPage) typed(text string, sv *sessionView) []effect {
	return typedNote(p.common, sv, text)
}

// pick is the index of the person picked among those still to invite, -1
// when nobody is.
func (p goAroundPage) pick(order []string) int {
	return pickedIn(order, p.picked, func(name string) string { return name })
}

func (p goAroundPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	a, k, ok := p.keys.Action(msg, actions.InGoAround)
	if !ok {
		return p, nil
	}
	s := sv.session
	order := sv.toInvite()
	i := p.pick(order)
	ctx := p.context(sv)
	switch a.ID {
	case actions.LeaveTurn:
		return p, []effect{show{stopScreen}}
	case actions.PickTurn:
		if len(order) == 0 {
			return p, nil
		}
		p.picked = order[stepped(msg, i, len(order))]
		return p, nil
	case actions.Spoke, actions.Pass:
		if len(s.Roster) == 0 {
			return p, []effect{say{flash: "No roster yet: r adds who is in the room, by first name or initials."}}
		}
		if len(order) == 0 {
			return p, []effect{say{flash: "Everyone has been invited at this stop; u takes back the last mark."}}
		}
		ctx.Arg = order[i]
		p.picked = "" // the next mark is for whoever is first then
		return p, act(p.common, a, ctx)
	}
	ctx.Arg = argOf(k, msg)
	return p, act(p.common, a, ctx)
}

func (p goAroundPage) ShortHelp() []key.Binding {
	km := p.keys
	ids := []actions.ID{actions.Spoke, actions.Pass, actions.PickTurn, actions.Undo, actions.Roster}
	if p.actor.Role == model.RoleFacilitator {
		ids = append(ids, actions.ShowNext)
	}
	return km.Bindings(actions.InGoAround, append(ids, actions.LeaveTurn, actions.Help)...)
}

func (p goAroundPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.All(actions.InGoAround)}
}

func (p goAroundPage) view(sv *sessionView, w, h int) string {
	s, st := sv.session, p.styles
	stop := s.CurrentStop()
	title := "GO-AROUND · " + strings.ToUpper(stop.Name)
	if len(s.Roster) == 0 {
		lines := p.pageHead(title, "No roster yet. r adds who is in the room, by first name or initials; the next session of the team starts with it.", s, w)
		return fit(strings.Join(lines, "\n"), w, h)
	}
	order := sv.toInvite()
	lines := append(p.pageHead(title, "Still to invite, least heard in this session first. A pass is respected and never counted against anyone.", s, w), "")
	if len(order) == 0 {
		lines = append(lines, st.Accent.Render(fit("Everyone has been invited at this stop.", w, 1)))
	}
	pick := p.pick(order)
	nameW := 4
	for _, n := range order {
		nameW = max(nameW, cellWidth(n))
	}
	nameW = min(nameW, max(8, w/3))
	var rows []string
	for i, name := range order {
		mark := "  "
		if i == pick {
			mark = "› "
		}
		line := fit(mark+padRight(fit(name, nameW, 1), nameW)+"   "+present.Heard(sv.heardCounts()[name]), w, 1)
		if i == pick {
			line = st.Selected.Render(line)
		}
		rows = append(rows, line)
	}
	var tail []string
	if done := present.TurnsAt(s, stop.Key); done != "" {
		tail = append(tail, "", st.Muted.Render(fit("So far here: "+done, w, 1)))
	}
	if s.GoAroundShown {
		tail = append(tail, st.Accent.Render(fit("On the presenter: "+present.NextUp(order), w, 1)))
	}
	room := max(1, h-len(lines)-len(tail))
	lines = append(lines, window(rows, 0, pick, room)...)
	return fit(strings.Join(append(lines, tail...), "\n"), w, h)
}
