package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
)

// entryPurpose is what an entry box is for.
type entryPurpose int

const (
	entryAction     entryPurpose = iota // the words of an action of the table: a note, an edit, an owner…
	entrySearch                         // what to look for on the board
	entryRescuePath                     // where to write a copy of everything, when saving fails
)

// entry is the box people type into. While it has focus every letter
// types; no key other than its own does anything else.
type entry struct {
	*common
	purpose entryPurpose
	action  *actions.Action // for entryAction: what saving does
	ctx     actions.Context // and with what
	area    textarea.Model
	title   string
	start   string // what the box held when it opened, as the entry was
	note    string // said under the keys: why the box opened
	err     string // why the last save was refused; the text stays
	frame   *boxFrame
	// following: typing has moved the cursor, and the view follows it at
	// the next frame.
	following bool
	// length is how many characters the box holds, counted as they are
	// typed: the text area's own count measures the whole text each time.
	length int
}

func newEntry(c *common, e openEntry) entry {
	ta := textarea.New()
	ta.FocusedStyle, ta.BlurredStyle = c.styles.Area, c.styles.AreaBlurred
	ta.Cursor.Style, ta.Cursor.TextStyle = c.styles.Cursor, c.styles.CursorText
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0 // the box bounds typing itself, saying so (insert); the model refuses an over-long text with a message
	ta.KeyMap.InsertNewline = c.keys.On(actions.InEntry, actions.Newline)
	in := entry{common: c, purpose: e.purpose, action: e.action, ctx: e.ctx, title: e.title, start: e.value, note: e.note, frame: &boxFrame{}}
	if e.typed {
		in.start = "" // what was typed is new: leaving it asks first
	}
	if in.oneLine() {
		ta.KeyMap.InsertNewline.SetEnabled(false) // one-line fields
		ta.SetHeight(1)
	} else {
		ta.SetHeight(3)
	}
	switch {
	case e.action != nil && e.action.Text != nil:
		ta.Placeholder = e.action.Text.Placeholder
	case e.purpose == entrySearch:
		ta.Placeholder = "Words to look for on the board"
	}
	ta.SetWidth(max(4, c.width-8))
	ta.SetValue(e.value)
	ta.Focus()
	in.area, in.length = ta, utf8.RuneCountInString(e.value)
	return in
}

// oneLine reports whether the box is one line: fields, and a commitment,
// whose owner and date are read from the line.
func (in entry) oneLine() bool {
	if in.action != nil && in.action.Text != nil {
		return in.action.Text.OneLine
	}
	return true
}

func (in entry) update(msg tea.Msg) (entry, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		// The text area cleans the runes in place, and bubbletea hands
		// every program the same slice for a space: with several screens
		// in one process (serving), each gets its own copy.
		k.Runes = slices.Clone(k.Runes)
		msg = k
	}
	var cmd tea.Cmd
	in.area, cmd = in.area.Update(msg)
	if _, isKey := msg.(tea.KeyMsg); isKey {
		in.length = utf8.RuneCountInString(in.area.Value()) // an edit: counted again
	}
	return in, cmd
}

func (in *entry) setWidth(w int) { in.area.SetWidth(max(4, w-8)) }

// maxTyped bounds what the box takes, in characters: as long as a note
// can be. What goes beyond is left out, and the box says so.
const maxTyped = model.MaxTextBytes

// insert types text at the cursor, up to the bound, and asks for the view
// to follow the cursor at the next frame, once however many keys come.
func (in *entry) insert(text string) tea.Cmd {
	runes := []rune(text)
	if room := maxTyped - in.length; room < len(runes) {
		runes = runes[:max(0, room)]
		in.err = fmt.Sprintf("That is as long as an entry can be (%d characters); the rest was left out. Split it into several.", maxTyped)
	}
	in.area.InsertString(string(runes))
	in.length += len(runes)
	in.area.Cursor.Blink = false // the cursor shows while typing
	if in.following {
		return nil
	}
	in.following = true
	return tea.Tick(time.Second/60, func(time.Time) tea.Msg { return followCursorMsg{} })
}

// followCursorMsg scrolls the box to its cursor after typing.
type followCursorMsg struct{}

// followCursor scrolls the box so the cursor is in view.
func (in *entry) followCursor() {
	in.following = false
	in.area, _ = in.area.Update(followCursorMsg{})
}

// value is the typed text, as it stands.
func (in entry) value() string { return in.area.Value() }

// command turns what was typed into the command that records it, by the
// action's own rule. Errors are the typist's to fix: the box stays open
// with the text.
func (in entry) command(today model.Date) (model.Command, error) {
	if in.action == nil || in.action.Build == nil {
		return nil, errors.New("nothing to save here")
	}
	ctx := in.ctx
	ctx.Arg, ctx.Today = in.value(), today
	return in.action.Build(ctx)
}

// changed reports whether anything was typed that leaving would lose.
func (in entry) changed() bool {
	return in.purpose != entrySearch && strings.TrimSpace(in.value()) != strings.TrimSpace(in.start)
}

// allowsEmpty reports whether saving nothing makes sense: clearing an owner
// or a due date, or a search for everything.
func (in entry) allowsEmpty() bool {
	return in.purpose == entrySearch || (in.action != nil && in.action.Text != nil && in.action.Text.MayBeEmpty)
}

func (in entry) view(w int) string {
	inner := max(1, w-4) // border and padding
	help := "enter saves · esc cancels"
	switch {
	case in.purpose == entrySearch:
		help = "the board shows matches as you type · enter keeps them · esc clears"
	case in.area.KeyMap.InsertNewline.Enabled():
		help = "enter saves · " + in.keys.On(actions.InEntry, actions.Newline).Help().Key + " new line · esc cancels"
	}
	f := in.frame
	if k := (frameText{in.title, help, in.note, in.err, inner}); f.text != k || f.head == "" {
		// What is around the text changes only with the title, the help
		// and a refusal: worked out then, not on every key.
		f.text = k
		f.head = fit(in.styles.InputHead.Render(in.title), inner, 1)
		f.foot = []string{fit(in.styles.Muted.Render(help), inner, 1)}
		if in.note != "" {
			for _, l := range wrap(in.note, inner) {
				f.foot = append(f.foot, in.styles.Accent.Render(l))
			}
		}
		if in.err != "" {
			for _, l := range wrap(in.err, inner) {
				f.foot = append(f.foot, in.styles.Error.Render(l))
			}
		}
		f.headW, f.footW = cellWidth(f.head), make([]int, len(f.foot))
		for i, l := range f.foot {
			f.footW[i] = cellWidth(l)
		}
	}
	// While keys stream in (a paste typed key by key), the text is drawn
	// again once a frame, when the view follows the cursor, not for every
	// key: bubbletea draws after every message, and the text area wraps
	// the whole text each time it is drawn.
	if !in.following || f.area == "" {
		f.area = in.area.View()
	}
	lines := append([]string{f.head}, strings.Split(f.area, "\n")...)
	lines = append(lines, f.foot...)
	return f.around(in.styles, lines)
}

// frameText is what the fixed lines of the entry box are made of.
type frameText struct {
	title, help, note, err string
	inner                  int
}

// boxFrame draws the entry box's rounded border around its lines. It is
// put together by hand, with the border's styled edges kept for the
// width last drawn: lipgloss would measure and re-wrap every line of the
// box on every keystroke, which costs more than the text area itself.
type boxFrame struct {
	width       int
	top, bottom string
	left, right string

	text  frameText
	area  string   // the text area as last drawn
	head  string   // the title line
	foot  []string // the help line and any refusal
	headW int
	footW []int
}

func (f *boxFrame) around(st Styles, lines []string) string {
	w := 0
	widths := make([]int, len(lines))
	for i, l := range lines {
		switch {
		case i == 0:
			widths[i] = f.headW
		case i >= len(lines)-len(f.foot):
			widths[i] = f.footW[i-(len(lines)-len(f.foot))]
		default:
			widths[i] = cellWidth(l)
		}
		w = max(w, widths[i])
	}
	if f.width != w || f.top == "" {
		b := st.InputBorder
		f.width = w
		f.top = b.Render("╭" + strings.Repeat("─", w+2) + "╮")
		f.bottom = b.Render("╰" + strings.Repeat("─", w+2) + "╯")
		f.left, f.right = b.Render("│")+" ", " "+b.Render("│")
	}
	size := len(f.top) + len(f.bottom) + 1 // counted exactly: the builder grows once
	for i, l := range lines {
		size += 1 + len(f.left) + len(l) + w - widths[i] + len(f.right)
	}
	var out strings.Builder
	out.Grow(size)
	out.WriteString(f.top)
	for i, l := range lines {
		out.WriteByte('\n')
		out.WriteString(f.left)
		out.WriteString(l)
		for range w - widths[i] {
			out.WriteByte(' ')
		}
		out.WriteString(f.right)
	}
	out.WriteByte('\n')
	out.WriteString(f.bottom)
	return out.String()
}

// key answers a key while the box has focus: every letter types; enter
// saves, esc cancels (asking first if something was typed), ctrl+c quits
// (asking the same). What saving or leaving does to the rest of the screen
// comes back as effects.
func (in entry) key(msg tea.KeyMsg, today model.Date) (entry, tea.Cmd, []effect) {
	km := in.keys
	switch {
	case km.Is(msg, actions.InEntry, actions.Save):
		switch {
		case in.purpose == entrySearch:
			return in, nil, []effect{closeEntry{}, tell{boardScreen, firstMatchMsg{}}}
		case in.purpose == entryRescuePath:
			return in, nil, []effect{closeEntry{}, rescueTo{expandHome(strings.TrimSpace(in.value()))}}
		case strings.TrimSpace(in.value()) == "" && !in.allowsEmpty():
			in.err = "There is nothing to save yet. Type it, or press esc to close."
			return in, nil, nil
		}
		cmd, err := in.command(today)
		if err != nil {
			in.err = errText(err)
			return in, nil, nil
		}
		ctx := in.ctx
		ctx.Arg, ctx.Today = in.value(), today
		if q := in.action.Question(ctx); q != "" {
			// Asked over the box: no keeps the words there to change.
			return in, nil, []effect{ask{yesNo(q, saveEntry{cmd})}}
		}
		return in, nil, []effect{saveEntry{cmd}}
	case km.Is(msg, actions.InEntry, actions.Cancel):
		switch {
		case in.purpose == entryRescuePath:
			return in, nil, []effect{closeEntry{}, effectFunc(func(a App) (App, tea.Cmd) {
				a.leaving.asked = false
				return a.tryLeave() // back to the question
			})}
		case in.purpose == entrySearch:
			return in, nil, []effect{closeEntry{}, tell{boardScreen, searchMsg{""}}}
		case !in.changed():
			return in, nil, []effect{closeEntry{cancelled: true}}
		}
		return in, nil, []effect{ask{yesNo("Throw away what you typed?", closeEntry{cancelled: true})}}
	case msg.String() == "ctrl+c":
		if !in.changed() {
			return in, nil, []effect{quitting{}}
		}
		return in, nil, []effect{ask{yesNo("Quit and throw away what you typed?", closeEntry{}, quitting{})}}
	}
	var cmd tea.Cmd
	if isPrintable(msg) {
		// Typed text goes straight in: a word such as "end" or "up"
		// arriving in one read would otherwise match the box's own key
		// bindings, and the text area's Update wraps the whole text on
		// every key, which makes a long paste typed key by key quadratic.
		// The view follows the cursor once per frame instead (below).
		cmd = in.insert(runesOf(msg))
	} else {
		in, cmd = in.update(msg)
	}
	if in.purpose == entrySearch {
		return in, cmd, []effect{tell{boardScreen, searchMsg{strings.ToLower(strings.TrimSpace(in.value()))}}}
	}
	return in, cmd, nil
}

// closeEntry closes the box; cancelled says nothing was saved, for the
// walk through carried items, which then asks its question again.
type closeEntry struct{ cancelled bool }

func (e closeEntry) apply(a App) (App, tea.Cmd) {
	a.input = nil
	if e.cancelled {
		a = a.walkEntryClosed(false)
	}
	return a, nil
}

// saveEntry sends what the box holds and closes the box at once, so a
// second enter cannot save it twice; if it is refused, it comes back.
type saveEntry struct{ cmd model.Command }

func (e saveEntry) apply(a App) (App, tea.Cmd) {
	a, _ = a.run(tell{stopScreen, scrollToNewestMsg{}})
	a.draft, a.input = a.input, nil
	a.pending++
	cmd := e.cmd
	done := a.sender.send(a.session, cmd) // in order with the keys before and after
	return a, func() tea.Msg { return commandDoneMsg{cmd: cmd, err: <-done, fromEntry: true} }
}

// quitting leaves, as q does.
// confirmed: the host has said yes to ending the session for everyone.
type quitting struct{ confirmed bool }

func (e quitting) apply(a App) (App, tea.Cmd) {
	if e.confirmed {
		return a.quit()
	}
	return a.quitAsked()
}

// rescueTo writes a copy of everything to a path the person typed.
type rescueTo struct{ path string }

func (e rescueTo) apply(a App) (App, tea.Cmd) { return a, a.rescueCmd(e.path) }

// searchKeys say, while searching the board, what enter and esc do.
var searchKeys = []key.Binding{
	key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to the first match")),
	key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the search")),
}

// ShortHelp is the entry box's keys: a one-line box has no new-line key.
func (in entry) ShortHelp() []key.Binding {
	if in.purpose == entrySearch {
		return searchKeys
	}
	if in.oneLine() {
		return in.keys.Bindings(actions.InEntry, actions.Save, actions.Cancel)
	}
	return in.keys.Bindings(actions.InEntry, actions.Save, actions.Newline, actions.Cancel)
}

// FullHelp is the entry box's keys, in one group.
func (in entry) FullHelp() [][]key.Binding {
	return [][]key.Binding{in.keys.All(actions.InEntry)}
}
