package ui

import (
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
)

// Typing at a page where letters are commands never runs a command: a
// word typed where a note was meant, or a paste, must not undo, quit or
// start the timer. The rule (the README says it too):
//
//   - A paste (bracketed, as terminals send it) is text.
//   - Several characters arriving in one read are text, unless they are
//     one key pressed again and again (]]], jjj): a person choosing
//     commands presses one key at a time.
//   - A letter or digit whose action changes the session, writes a file
//     or leaves (u, U, e, q, r, d, x, m, 1–9, a rating) waits a moment,
//     the typing window: if another character follows within it, both
//     were typing. Keys that only show something or open a box act at
//     once; what follows a box opening is typed into it.
//   - A letter that is no key on the page is typing.
//   - At a question, a character that is not one of its answers is
//     typing, and so is a paste or several characters in one read: the
//     question is put away unanswered.
//
// Typing goes where the page says (page.typed): as a rule, a new note box
// holding the text, ready to save, and a word on the status bar.

// defaultTypingWindow is how long a key that changes something waits for
// a second character: longer than the gap between the keys of a word
// typed quickly, shorter than a person takes to choose the next command.
const defaultTypingWindow = 250 * time.Millisecond

// keyVerdict is what the guard makes of a key.
type keyVerdict int

const (
	keyPasses keyVerdict = iota // a key: do what it does
	keyHeld                     // held until the window passes
	keyTyped                    // typing: the text goes where typing goes
	keysEach                    // one key pressed several times: each is a key
)

// typingGuard holds back a key that would change the session for the
// typing window, and tells typing from keys. It is a value in the App:
// every copy holds the same few fields.
type typingGuard struct {
	window time.Duration // <= 0: no key is held back
	held   *tea.KeyMsg   // the key held back, if any
	seq    int           // numbers the keys held back, so a late wake-up is known
}

// typingWindowMsg wakes the app when a held key's window has passed.
type typingWindowMsg struct{ seq int }

func newTypingGuard(window time.Duration) typingGuard {
	if window == 0 {
		window = defaultTypingWindow
	}
	return typingGuard{window: window}
}

// read judges a key at a page whose keys are those of the parts of the
// table pages.
func (g *typingGuard) read(msg tea.KeyMsg, pages []actions.Page, km KeyMap) (keyVerdict, string) {
	printable := isPrintable(msg)
	held := ""
	if g.held != nil {
		held = string(g.held.Runes)
	}
	switch {
	case msg.Paste:
		return keyTyped, held + string(msg.Runes)
	case msg.Type == tea.KeyRunes && len(msg.Runes) > 1:
		if held == "" && sameRune(msg.Runes) {
			return keysEach, ""
		}
		return keyTyped, held + string(msg.Runes)
	case !printable:
		return keyPasses, ""
	case held != "":
		return keyTyped, held + runesOf(msg)
	}
	var act *actions.Action
	isKey := false
	for _, p := range pages {
		if act, _, isKey = km.Action(msg, p); isKey {
			break
		}
	}
	switch {
	case !isKey && isLetter(msg):
		return keyTyped, runesOf(msg)
	case isKey && act.Changes && g.window > 0 && isLetterOrDigit(msg):
		g.held = &msg
		g.seq++
		return keyHeld, ""
	}
	return keyPasses, ""
}

// atQuestion judges a key while a question is asked: typing, with the
// text, or an answer (or esc) to pass on.
func (g *typingGuard) atQuestion(msg tea.KeyMsg, q *question) (string, bool) {
	switch {
	case !isPrintable(msg):
		return "", false
	case msg.Paste || (msg.Type == tea.KeyRunes && len(msg.Runes) > 1):
		return string(msg.Runes), true
	case !q.answers(msg):
		return runesOf(msg), true
	}
	return "", false
}

// waitCmd wakes the app when the held key's window has passed.
func (g typingGuard) waitCmd() tea.Cmd {
	seq := g.seq
	return tea.Tick(g.window, func(time.Time) tea.Msg { return typingWindowMsg{seq: seq} })
}

// heldFor is the key held back, if the window that passed is its own.
func (g typingGuard) heldFor(msg typingWindowMsg) (tea.KeyMsg, bool) {
	if g.held == nil || msg.seq != g.seq {
		return tea.KeyMsg{}, false
	}
	return *g.held, true
}

// takeHeld is the key held back, if any, now to be done: a key that is
// not a character came before its window passed.
func (g *typingGuard) takeHeld() (tea.KeyMsg, bool) {
	if g.held == nil {
		return tea.KeyMsg{}, false
	}
	k := *g.held
	g.held = nil
	return k, true
}

// cleared is the guard with no key held.
func (g typingGuard) cleared() typingGuard {
	g.held = nil
	return g
}

// isPrintable reports whether a key is text: characters, or a space, not
// held with alt (alt+b is a key: an escape followed at once by b).
func isPrintable(msg tea.KeyMsg) bool {
	return !msg.Alt && ((msg.Type == tea.KeyRunes && len(msg.Runes) > 0) || msg.Type == tea.KeySpace)
}

func runesOf(msg tea.KeyMsg) string {
	if msg.Type == tea.KeySpace {
		return " "
	}
	return string(msg.Runes)
}

func isLetter(msg tea.KeyMsg) bool {
	return isPrintable(msg) && msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && unicode.IsLetter(msg.Runes[0])
}

func isLetterOrDigit(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && (unicode.IsLetter(msg.Runes[0]) || unicode.IsDigit(msg.Runes[0]))
}

func sameRune(rs []rune) bool {
	for _, r := range rs[1:] {
		if r != rs[0] {
			return false
		}
	}
	return true
}
