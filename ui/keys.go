package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key Pit Stop answers to. Help is generated from it, so a
// binding that is disabled disappears from the help too.
type KeyMap struct {
	ToggleTimer key.Binding
	AddMinute   key.Binding
	LessMinute  key.Binding
	ResetTimer  key.Binding
	NextStop    key.Binding
	PrevStop    key.Binding
	Note        key.Binding
	Agreement   key.Binding
	Tension     key.Binding
	Commitment  key.Binding
	Board       key.Binding
	Walk        key.Binding
	Export      key.Binding
	ScrollUp    key.Binding
	ScrollDown  key.Binding
	Presenter   key.Binding // the room's view, and back
	HideHint    key.Binding
	Check       key.Binding // the partnership check
	Help        key.Binding
	Quit        key.Binding

	// In the presenter view.
	PrevPrompt key.Binding
	NextPrompt key.Binding

	// On the board.
	Left       key.Binding
	Right      key.Binding
	Up         key.Binding
	Down       key.Binding
	Edit       key.Binding
	Delete     key.Binding
	Undo       key.Binding
	Move       key.Binding
	Resolve    key.Binding
	Done       key.Binding
	Drop       key.Binding
	Owner      key.Binding
	Due        key.Binding
	Filter     key.Binding
	Search     key.Binding
	BackToStop key.Binding

	// In an input.
	Save    key.Binding
	Newline key.Binding
	Cancel  key.Binding
}

// DefaultKeyMap is the key map of DESIGN.md; tests rely on these keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ToggleTimer: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "start/pause timer")),
		AddMinute:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "add a minute")),
		LessMinute:  key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "remove a minute")),
		ResetTimer:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset timer")),
		NextStop:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next stop")),
		PrevStop:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous stop")),
		Note:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "write a note")),
		Agreement:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "agreement")),
		Tension:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tension")),
		Commitment:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "commitment")),
		Board:       key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "board")),
		Walk:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "walk through carried items")),
		Export:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "write minutes")),
		ScrollUp:    key.NewBinding(key.WithKeys("up", "k", "pgup"), key.WithHelp("↑/k", "older notes")),
		ScrollDown:  key.NewBinding(key.WithKeys("down", "j", "pgdown"), key.WithHelp("↓/j", "newer notes")),
		Presenter:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "presenter view")),
		HideHint:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "hide/show the hint")),
		Check:       key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "partnership check")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit (all saved)")),

		PrevPrompt: key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous prompt")),
		NextPrompt: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next prompt")),

		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "column left")),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "column right")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Edit:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit text")),
		Delete:     key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete")),
		Undo:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Move:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "move to column")),
		Resolve:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "resolve tension")),
		Done:       key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "commitment done")),
		Drop:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "drop commitment")),
		Owner:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "owner")),
		Due:        key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "due date")),
		Filter:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter by stop")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		BackToStop: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the stop")),

		Save:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Newline: key.NewBinding(key.WithKeys("alt+enter", "ctrl+j"), key.WithHelp("alt+enter/ctrl+j", "new line")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
