package ui

import tea "github.com/charmbracelet/bubbletea"

// namedKeys are the keys that are not one character, by the names
// key.Binding gives them.
var namedKeys = map[string]tea.KeyMsg{
	"space":     {Type: tea.KeySpace, Runes: []rune{' '}},
	"enter":     {Type: tea.KeyEnter},
	"esc":       {Type: tea.KeyEscape},
	"ctrl+c":    {Type: tea.KeyCtrlC},
	"ctrl+j":    {Type: tea.KeyCtrlJ},
	"tab":       {Type: tea.KeyTab},
	"backspace": {Type: tea.KeyBackspace},
	"up":        {Type: tea.KeyUp},
	"down":      {Type: tea.KeyDown},
	"left":      {Type: tea.KeyLeft},
	"right":     {Type: tea.KeyRight},
	"shift+tab": {Type: tea.KeyShiftTab},
	"pgup":      {Type: tea.KeyPgUp},
	"pgdown":    {Type: tea.KeyPgDown},
	"ctrl+r":    {Type: tea.KeyCtrlR},
	"ctrl+u":    {Type: tea.KeyCtrlU},
}

// keyMsg is the message a terminal sends for a key, written as key.Binding
// names it ("space", "enter", "esc", "ctrl+c", or a character).
func keyMsg(k string) tea.KeyMsg {
	if msg, ok := namedKeys[k]; ok {
		return msg
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}
