package ui

import (
	"errors"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
)

// entryKind is what an entry box records.
type entryKind int

const (
	entryNote entryKind = iota
	entryAgreement
	entryTension
	entryCommitment
	entryEditText       // the text of a board item
	entryOwner          // a commitment's owner
	entryDue            // a commitment's due date
	entrySearch         // what to look for on the board
	entryRescuePath     // where to write a copy of everything, when saving fails
	entryEditCommitment // a commitment's words, @owner and due: in one line
	entryOutcomeNote    // the group's note on an outcome of the partnership check
)

// entry is the box people type into. While it has focus every letter
// types; no key other than its own does anything else.
type entry struct {
	*common
	kind      entryKind
	area      textarea.Model
	stopKey   string // where a new entry is recorded
	itemID    string // the item an edit changes
	keepOwner string // the owner an edited commitment keeps if its line names none
	label     string // the label of the outcome a note is on
	title     string
	start     string // what the box held when it opened
	err       string // why the last save was refused; the text stays
	frame     *boxFrame
}

func newEntry(c *common, kind entryKind, title, value string) entry {
	ta := textarea.New()
	ta.FocusedStyle, ta.BlurredStyle = c.styles.Area, c.styles.AreaBlurred
	ta.Cursor.Style, ta.Cursor.TextStyle = c.styles.Cursor, c.styles.CursorText
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0 // the model refuses an over-long text with a message; never cut it silently
	ta.KeyMap.InsertNewline = c.keys.Newline
	if singleLine(kind) {
		ta.KeyMap.InsertNewline.SetEnabled(false) // one-line fields
		ta.SetHeight(1)
	} else {
		ta.SetHeight(3)
	}
	switch kind {
	case entryNote:
		ta.Placeholder = "What was said? Add said:Name only if the speaker wants it recorded."
	case entryCommitment, entryEditCommitment:
		ta.Placeholder = "What will be done @Owner due:2026-12-05 (or due:fri, due:+2w, due:tomorrow)"
	case entryDue:
		ta.Placeholder = "2026-12-05, today, tomorrow, fri, +3d, +2w, +1m; empty for none"
	case entryOwner:
		ta.Placeholder = "Who takes this on? Empty for nobody yet."
	case entrySearch:
		ta.Placeholder = "Words to look for on the board"
	case entryOutcomeNote:
		ta.Placeholder = "What the group said about it, in a line"
	}
	ta.SetWidth(max(4, c.width-8))
	ta.SetValue(value)
	ta.Focus()
	return entry{common: c, kind: kind, area: ta, title: title, start: value, frame: &boxFrame{}}
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
	return in, cmd
}

func (in *entry) setWidth(w int) { in.area.SetWidth(max(4, w-8)) }

// value is the typed text, as it stands.
func (in entry) value() string { return in.area.Value() }

// command turns what was typed into the command that records it. Errors
// are the typist's to fix: the box stays open with the text.
func (in entry) command(today model.Date) (model.Command, error) {
	text := in.value()
	switch in.kind {
	case entryNote:
		said, text := model.ParseNoteLine(text)
		return model.AddNote{Stop: in.stopKey, Said: said, Text: text}, nil
	case entryAgreement:
		return model.AddAgreement{Stop: in.stopKey, Text: text}, nil
	case entryTension:
		return model.AddTension{Stop: in.stopKey, Text: text}, nil
	case entryCommitment:
		line, err := model.ParseCommitmentLine(text, today)
		if err != nil {
			return nil, err
		}
		return model.AddCommitment{Stop: in.stopKey, Text: line.Text, Owner: line.Owner, Due: line.Due.String()}, nil
	case entryEditText:
		return model.EditText{ID: in.itemID, Text: text}, nil
	case entryEditCommitment:
		line, err := model.ParseCommitmentLine(text, today)
		if err != nil {
			return nil, err
		}
		owner := line.Owner
		if owner == "" && in.keepOwner != "" && strings.ContainsAny(in.keepOwner, " \t") {
			owner = in.keepOwner // could not be written in the line: kept
		}
		return model.EditCommitment{ID: in.itemID, Text: line.Text, Owner: owner, Due: line.Due.String()}, nil
	case entryOutcomeNote:
		return model.NoteOutcome{Outcome: in.itemID, Label: in.label, Text: text}, nil
	case entryOwner:
		return model.SetOwner{ID: in.itemID, Owner: strings.TrimPrefix(strings.TrimSpace(text), "@")}, nil
	case entryDue:
		d, err := model.ParseDue(text, today)
		if err != nil {
			return nil, err
		}
		return model.SetDue{ID: in.itemID, Due: d.String()}, nil
	}
	return nil, errors.New("nothing to save here")
}

// singleLine reports whether an entry of this kind is one line: fields,
// and a commitment, whose owner and date are read from the line.
func singleLine(kind entryKind) bool {
	return kind == entryOwner || kind == entryDue || kind == entrySearch || kind == entryCommitment || kind == entryRescuePath || kind == entryEditCommitment || kind == entryOutcomeNote
}

// changed reports whether anything was typed that leaving would lose.

func (in entry) changed() bool {
	return in.kind != entrySearch && strings.TrimSpace(in.value()) != strings.TrimSpace(in.start)
}

// allowsEmpty reports whether saving nothing makes sense: clearing an owner
// or a due date, or a search for everything.
func (in entry) allowsEmpty() bool {
	return in.kind == entryOwner || in.kind == entryDue || in.kind == entrySearch || in.kind == entryOutcomeNote
}

func (in entry) view(w int) string {
	inner := max(1, w-4) // border and padding
	help := "enter saves · esc cancels"
	switch {
	case in.kind == entrySearch:
		help = "the board shows matches as you type · enter keeps them · esc clears"
	case in.area.KeyMap.InsertNewline.Enabled():
		help = "enter saves · " + in.keys.Newline.Help().Key + " new line · esc cancels"
	}
	f := in.frame
	if k := (frameText{in.title, help, in.err, inner}); f.text != k || f.head == "" {
		// What is around the text changes only with the title, the help
		// and a refusal: worked out then, not on every key.
		f.text = k
		f.head = fit(in.styles.InputHead.Render(in.title), inner, 1)
		f.foot = []string{fit(in.styles.Muted.Render(help), inner, 1)}
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
	lines := append([]string{f.head}, strings.Split(in.area.View(), "\n")...)
	lines = append(lines, f.foot...)
	return f.around(in.styles, lines)
}

// frameText is what the fixed lines of the entry box are made of.
type frameText struct {
	title, help, err string
	inner            int
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
	k := in.keys
	switch {
	case key.Matches(msg, k.Save):
		switch {
		case in.kind == entrySearch:
			return in, nil, []effect{closeEntry{}, effectFunc(func(a App) (App, tea.Cmd) {
				a.board.focusFirstMatch(a.state.Session)
				return a, nil
			})}
		case in.kind == entryRescuePath:
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
		return in, nil, []effect{saveEntry{cmd}}
	case key.Matches(msg, k.Cancel):
		switch {
		case in.kind == entryRescuePath:
			return in, nil, []effect{closeEntry{}, effectFunc(func(a App) (App, tea.Cmd) {
				a.leaving.asked = false
				return a.tryLeave() // back to the question
			})}
		case in.kind == entrySearch:
			return in, nil, []effect{closeEntry{}, searchBoard{""}}
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
	if msg.Type == tea.KeyRunes && (len(msg.Runes) > 1 || msg.Paste) {
		// Typed text, never a key: a word such as "end" or "up" arriving
		// in one read would otherwise match the box's own key bindings.
		in.area.InsertString(string(msg.Runes))
	} else {
		in, cmd = in.update(msg)
	}
	if in.kind == entrySearch {
		return in, cmd, []effect{searchBoard{strings.ToLower(strings.TrimSpace(in.value()))}}
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
	a.stop.scroll = 0
	a.draft, a.input = a.input, nil
	a.pending++
	cmd := e.cmd
	done := a.sender.send(a.session, cmd) // in order with the keys before and after
	return a, func() tea.Msg { return commandDoneMsg{cmd: cmd, err: <-done, fromEntry: true} }
}

// searchBoard shows the board's items that hold the words typed.
type searchBoard struct{ query string }

func (e searchBoard) apply(a App) (App, tea.Cmd) {
	a.board.query = e.query
	a.board.rebuild(a.state.Session, a.today())
	return a, nil
}

// quitting leaves, as q does.
type quitting struct{}

func (quitting) apply(a App) (App, tea.Cmd) {
	return a.quit()
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
	k := in.keys
	if in.kind == entrySearch {
		return searchKeys
	}
	if singleLine(in.kind) {
		return []key.Binding{k.Save, k.Cancel}
	}
	return []key.Binding{k.Save, k.Newline, k.Cancel}
}

// FullHelp is the entry box's keys, in one group.
func (in entry) FullHelp() [][]key.Binding {
	k := in.keys
	return [][]key.Binding{{k.Save, k.Newline, k.Cancel}}
}
