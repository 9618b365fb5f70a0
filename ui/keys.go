package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
)

// KeyMap is every key a session's screen answers to, made from the one
// table of actions (package actions): a binding per action and page, with
// the help the table gives it. Help is generated from it, so a key and
// its word in plain lines cannot drift apart.
type KeyMap struct {
	table actions.Table
	// bindings by page, in the table's order.
	pages map[actions.Page][]boundKey
}

// boundKey is one of an action's keys on one page, as a binding.
type boundKey struct {
	id      actions.ID
	as      actions.ID // the key's own name, when its action has several
	binding key.Binding
	key     actions.Key
}

// NewKeyMap builds the key map from a table.
func NewKeyMap(t actions.Table) KeyMap {
	km := KeyMap{table: t, pages: map[actions.Page][]boundKey{}}
	for _, a := range t {
		for _, k := range a.Keys {
			b := key.NewBinding(key.WithKeys(k.Keys...), key.WithHelp(k.Help, k.Does))
			for _, p := range k.Pages {
				km.pages[p] = append(km.pages[p], boundKey{id: a.ID, as: k.As, binding: b, key: k})
			}
		}
	}
	return km
}

// DefaultKeyMap is the key map of the table of DESIGN.md's keys.
func DefaultKeyMap() KeyMap { return NewKeyMap(actions.All) }

// On is the binding of action id on page p, for help and matching: its
// own key, not one named for another help (see Named).
func (km KeyMap) On(p actions.Page, id actions.ID) key.Binding {
	return km.Named(p, id, "")
}

// Named is the key of action id on page p named as (Key.As).
func (km KeyMap) Named(p actions.Page, id, as actions.ID) key.Binding {
	for _, b := range km.pages[p] {
		if b.id == id && b.as == as {
			return b.binding
		}
	}
	return key.NewBinding(key.WithDisabled())
}

// Is reports whether msg is a key of action id on page p.
func (km KeyMap) Is(msg tea.KeyMsg, p actions.Page, id actions.ID) bool {
	for _, b := range km.pages[p] {
		if b.id == id && key.Matches(msg, b.binding) {
			return true
		}
	}
	return false
}

// Action is the action a key means on page p, and which of its keys it
// was (for the argument it stands for).
func (km KeyMap) Action(msg tea.KeyMsg, p actions.Page) (*actions.Action, actions.Key, bool) {
	for _, b := range km.pages[p] {
		if key.Matches(msg, b.binding) {
			return km.table.Get(b.id), b.key, true
		}
	}
	return nil, actions.Key{}, false
}

// Bindings are the bindings of these actions on page p, in the order
// given, for a help line.
func (km KeyMap) Bindings(p actions.Page, ids ...actions.ID) []key.Binding {
	out := make([]key.Binding, 0, len(ids))
	for _, id := range ids {
		if b := km.On(p, id); b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// All is every binding on page p, each key once, in the table's order:
// the help page's list of that page.
func (km KeyMap) All(p actions.Page) []key.Binding {
	out := make([]key.Binding, 0, len(km.pages[p]))
	for _, b := range km.pages[p] {
		out = append(out, b.binding)
	}
	return out
}

// changes reports whether the binding shown on page p is the key of an
// action that changes the session (or writes next to it): none works on a
// session open read-only, so its help offers none.
func (km KeyMap) changes(p actions.Page, b key.Binding) bool {
	h := b.Help()
	for _, bk := range km.pages[p] {
		if bk.binding.Help() == h {
			a := km.table.Get(bk.id)
			return a.Build != nil || a.ID == actions.Minutes || a.ID == actions.Walk
		}
	}
	return false
}

// argOf is the argument of the word a key stands for: "1" for +, the
// digit itself for a number key.
func argOf(k actions.Key, msg tea.KeyMsg) string {
	if k.Arg == actions.KeyArg {
		return msg.String()
	}
	return k.Arg
}
