package ui

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
)

// noteInput is the box a note is typed into. While it has focus every
// letter types; no key other than its own does anything else.
type noteInput struct {
	*common
	area    textarea.Model
	stopKey string
	title   string
	err     string // why the last save was refused; the text stays
}

func newNoteInput(c *common, stopKey, stopName string) noteInput {
	ta := textarea.New()
	ta.Placeholder = "What was said? Add said:Name only if the speaker wants it recorded."
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0 // the model refuses an over-long note with a message; never cut it silently
	ta.KeyMap.InsertNewline = c.keys.Newline
	ta.SetWidth(max(4, c.width-8))
	ta.SetHeight(3)
	ta.Focus()
	return noteInput{common: c, area: ta, stopKey: stopKey, title: "New note at " + stopName}
}

func (in noteInput) update(msg tea.Msg) (noteInput, tea.Cmd) {
	var cmd tea.Cmd
	in.area, cmd = in.area.Update(msg)
	return in, cmd
}

func (in *noteInput) setWidth(w int) { in.area.SetWidth(max(4, w-8)) }

// value is the typed text, as it stands.
func (in noteInput) value() string { return in.area.Value() }

// saidPattern finds "said:Name" (or said:"Two Words") in a note.
var saidPattern = regexp.MustCompile(`(?:^|\s)said:(?:"([^"]+)"|(\S+))`)

// noteCommand turns the typed text into the command that records it. Who
// said something is kept only when the typist wrote said:Name.
func (in noteInput) noteCommand() model.AddNote {
	text := in.value()
	said := ""
	if m := saidPattern.FindStringSubmatchIndex(text); m != nil {
		if m[2] >= 0 {
			said = text[m[2]:m[3]]
		} else {
			said = text[m[4]:m[5]]
		}
		before, after := strings.TrimRight(text[:m[0]], " \t"), strings.TrimLeft(text[m[1]:], " \t")
		if before != "" && after != "" && !strings.HasPrefix(after, "\n") {
			before += " "
		}
		text = strings.TrimSpace(before + after)
	}
	return model.AddNote{Stop: in.stopKey, Role: in.role, Said: said, Text: text}
}

func (in noteInput) view(w int) string {
	inner := max(1, w-4) // border and padding
	help := "enter saves · " + in.keys.Newline.Help().Key + " new line · esc cancels"
	body := fit(in.styles.InputHead.Render(in.title), inner, 1) + "\n" + in.area.View() + "\n" + fit(in.styles.Muted.Render(help), inner, 1)
	if in.err != "" {
		body += "\n" + fit(in.styles.Error.Render(in.err), inner, 1)
	}
	// No Width here: the text area pads its own lines, and asking lipgloss
	// to re-wrap them on every keystroke costs more than the rest together.
	return in.styles.InputBox.Render(body)
}

func (in noteInput) isSave(msg tea.KeyMsg) bool { return key.Matches(msg, in.keys.Save) }
