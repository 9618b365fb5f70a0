package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

const roomScreen pageID = "room"

// waitingFor is how many notes from the room wait for this person to let
// them through: none for a role that may not, which never sees them.
func (c *common) waitingFor(s *model.Session) int {
	if model.Permit(c.actor.Role, model.KindLetThrough) != nil {
		return 0
	}
	return len(s.Room.Held)
}

// roomPage is the notes waiting from the room's phones, oldest first: the
// facilitator or the note-taker reads each and lets it through (it
// becomes a note with no name, at the stop it was sent at), mends it
// first, or discards it. Until then it is shown nowhere else.
type roomPage struct {
	*common
	picked string // the id of the held note picked; the oldest when it is gone
	behind pageID // where esc goes back to
}

func (p roomPage) id() pageID { return roomScreen }

func (p roomPage) keyPage() actions.Page { return actions.InRoom }

func (p roomPage) refresh(*sessionView, bool) page { return p }

func (p roomPage) handle(msg any, _ *sessionView) (page, []effect) {
	if m, ok := msg.(shownFromMsg); ok && m.from != helpScreen {
		p.behind = m.from
	}
	return p, nil
}

// roomKey is what the page's drawing depends on besides the session.
type roomKey struct{ picked string }

func (p roomPage) drawKey() any { return roomKey{p.picked} }

func (p roomPage) typed(text string, sv *sessionView) []effect {
	return typedNote(p.common, sv, text)
}

// pick is the index of the note picked among those held, -1 for none.
func (p roomPage) pick(held []model.HeldNote) int {
	return pickedIn(held, p.picked, func(h model.HeldNote) string { return h.ID })
}

func (p roomPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	a, _, ok := p.keys.Action(msg, actions.InRoom)
	if !ok {
		return p, nil
	}
	held := sv.session.Room.Held
	i := p.pick(held)
	switch a.ID {
	case actions.PickHeld:
		if msg.String() == "esc" || msg.String() == "R" {
			return p, []effect{show{p.back()}}
		}
		if len(held) > 0 {
			p.picked = held[stepped(msg, i, len(held))].ID
		}
		return p, nil
	}
	if i < 0 {
		return p, []effect{say{flash: "Nothing is waiting from the room."}}
	}
	ctx := p.context(sv)
	ctx.Entry = held[i].ID
	// The next to read is the one after it, or before it at the end.
	if a.Build != nil && a.Text == nil && len(held) > 1 {
		next := i + 1
		if next == len(held) {
			next = i - 1
		}
		p.picked = held[next].ID
	}
	return p, act(p.common, a, ctx)
}

// back is where esc goes: the page the room's notes were opened from.
func (p roomPage) back() pageID {
	if p.behind == "" {
		return stopScreen
	}
	return p.behind
}

func (p roomPage) ShortHelp() []key.Binding {
	km := p.keys
	return append(km.Bindings(actions.InRoom, actions.LetThrough, actions.MendHeld, actions.Discard, actions.PickHeld),
		km.Named(actions.InRoom, actions.PickHeld, "back"), km.On(actions.InRoom, actions.Help))
}

func (p roomPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.keys.All(actions.InRoom)} }

func (p roomPage) view(sv *sessionView, w, h int) string {
	s, st := sv.session, p.styles
	held := s.Room.Held
	about := "Shown only on this screen until let through, and then with no name. If this screen is projected, the room sees them."
	if n := len(held); n > 0 {
		about = present.Capital(present.Waiting(n)) + ". " + about
	}
	lines := append(p.pageHead("FROM THE ROOM", about, s, w), "")
	if len(held) == 0 {
		lines = append(lines, st.Muted.Render(fit("Nothing is waiting. Notes sent from the participants' page come here first.", w, 1)))
		return fit(strings.Join(lines, "\n"), w, h)
	}
	pick := p.pick(held)
	var rows []string
	at := 0
	for i, n := range held {
		stop := n.Stop
		if j := s.StopIndex(n.Stop); j >= 0 {
			stop = s.Stops[j].Name
		}
		mark := "  "
		if i == pick {
			mark, at = "› ", len(rows)
		}
		meta := mark + n.At.Format("15:04") + " at " + stop
		rows = append(rows, st.NoteMeta.Render(fit(meta, w, 1)))
		for _, l := range wrap(n.Text, max(10, w-4)) {
			line := fit("    "+l, w, 1)
			if i == pick {
				line = st.Selected.Render(line)
			} else {
				line = st.NoteText.Render(line)
			}
			rows = append(rows, line)
		}
	}
	return fit(strings.Join(append(lines, window(rows, 0, at, max(1, h-len(lines)))...), "\n"), w, h)
}
