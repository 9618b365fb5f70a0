package ui

import "github.com/charmbracelet/bubbles/key"

// browserKeyMap is the session browser's keys. The browser is no page of a
// session, so its keys are its own, not the table of actions': one rule
// holds here, letters are commands and only / starts typing (a filter).
type browserKeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	Open, New, Filter, Search  key.Binding
	Trend, Words, Quit         key.Binding
	// While typing into the filter, a search or the new-session form.
	KeepFilter, ClearFilter, Backspace key.Binding
	SearchOpen, Back                   key.Binding
	FormNext, Suggest, FormCancel      key.Binding
	// In a team's trend, and its norms and definitions.
	TrendScroll, TrendBack key.Binding
	WordsScroll, WordsBack key.Binding
	// At a question about a file that would not open.
	PromptBack key.Binding
}

// newBrowserKeyMap is the browser's keys, with the help each shows.
func newBrowserKeyMap() browserKeyMap {
	return browserKeyMap{
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "choose")),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "ten up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "ten down")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		New:      key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "new session")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter by title or team")),
		Search:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "search all notes")),
		Trend:    key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "team's partnership trend")),
		Words:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "norms")),
		Quit:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),

		KeepFilter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear it")),
		Backspace:   key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "take a letter back")),
		SearchOpen:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search, then open")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		FormNext:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Suggest:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "take the suggested team")),
		FormCancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		TrendScroll: key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "more outcomes")),
		TrendBack:   key.NewBinding(key.WithKeys("esc", "h", "q"), key.WithHelp("esc", "back to the list")),
		WordsScroll: key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "scroll")),
		WordsBack:   key.NewBinding(key.WithKeys("esc", "t", "q"), key.WithHelp("esc", "back to the list")),
		PromptBack:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the list")),
	}
}

// typeAway says on the filter's help line that every key types.
var typeAway = key.NewBinding(key.WithKeys(""), key.WithHelp("type", "every key filters"))

// help lines of the browser, by what it is doing.
func (k browserKeyMap) listHelp() []key.Binding {
	return []key.Binding{k.Up, k.Open, k.New, k.Filter, k.Search, k.Trend, k.Words, k.Quit}
}
func (k browserKeyMap) filterHelp() []key.Binding {
	return []key.Binding{typeAway, k.KeepFilter, k.ClearFilter}
}
func (k browserKeyMap) searchHelp() []key.Binding { return []key.Binding{k.SearchOpen, k.Up, k.Back} }
func (k browserKeyMap) formHelp() []key.Binding {
	return []key.Binding{k.FormNext, k.Suggest, k.FormCancel}
}
func (k browserKeyMap) trendHelp() []key.Binding { return []key.Binding{k.TrendScroll, k.TrendBack} }
func (k browserKeyMap) wordsHelp() []key.Binding { return []key.Binding{k.WordsScroll, k.WordsBack} }
