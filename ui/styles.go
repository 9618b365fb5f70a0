package ui

import (
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/lipgloss"

	"pitstop/config"
)

// Styles are every style the screens use, built from one renderer: under
// SSH each client has its own renderer and colour profile, so no component
// makes a style of its own.
type Styles struct {
	StopName   lipgloss.Style // the stop's name, the biggest words on screen
	StopNumber lipgloss.Style
	Text       lipgloss.Style
	Muted      lipgloss.Style
	Prompt     lipgloss.Style
	Hint       lipgloss.Style
	Accent     lipgloss.Style

	MarkerDone    lipgloss.Style
	MarkerCurrent lipgloss.Style
	MarkerAhead   lipgloss.Style

	Timer        lipgloss.Style
	TimerPaused  lipgloss.Style
	TimerLow     lipgloss.Style
	TimerOver    lipgloss.Style
	ProgressFill lipgloss.Style
	ProgressRest lipgloss.Style

	PastDue lipgloss.Style // a commitment whose day has gone by: said calmly

	NoteMeta lipgloss.Style
	NoteText lipgloss.Style

	StatusBar   lipgloss.Style
	StatusError lipgloss.Style
	StatusOK    lipgloss.Style

	Selected    lipgloss.Style
	InputBorder lipgloss.Style // the entry box's border
	InputHead   lipgloss.Style
	Dialog      lipgloss.Style
	Title       lipgloss.Style
	Error       lipgloss.Style

	// The text area and the one-line field, styled by the same renderer:
	// bubbles' own defaults come from lipgloss's default renderer, which
	// under SSH is the server's terminal, not the client's.
	Area, AreaBlurred textarea.Style
	FieldPrompt       lipgloss.Style
	FieldText         lipgloss.Style
	FieldPlaceholder  lipgloss.Style
	Cursor            lipgloss.Style
	CursorText        lipgloss.Style
}

// NewStyles builds the styles for one renderer from a theme: the palette
// the theme comes to on that renderer's terminal, dark or light.
func NewStyles(r *lipgloss.Renderer, th config.Theme) Styles {
	p := th.Resolve(r.HasDarkBackground())
	accent := lipgloss.Color(p.Accent)
	text := lipgloss.Color(p.Text)
	muted := lipgloss.Color(p.Muted)
	warn := lipgloss.Color(p.Warn)
	danger := lipgloss.Color(p.Danger)
	ok := lipgloss.Color(p.OK)
	var s Styles
	s.StopName = r.NewStyle().Bold(true).Foreground(accent)
	s.StopNumber = r.NewStyle().Foreground(muted)
	s.Text = r.NewStyle().Foreground(text)
	s.Muted = r.NewStyle().Foreground(muted)
	s.Prompt = r.NewStyle().Foreground(text)
	s.Hint = r.NewStyle().Foreground(muted).Italic(true)
	s.Accent = r.NewStyle().Foreground(accent).Bold(true)

	s.MarkerDone = r.NewStyle().Foreground(ok)
	s.MarkerCurrent = r.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.MarkerAhead = r.NewStyle().Foreground(muted)

	s.Timer = r.NewStyle().Foreground(accent).Bold(true)
	s.TimerPaused = r.NewStyle().Foreground(muted).Bold(true)
	s.TimerLow = r.NewStyle().Foreground(warn).Bold(true)
	s.TimerOver = r.NewStyle().Foreground(danger).Bold(true)
	s.ProgressFill = r.NewStyle().Foreground(accent)
	s.ProgressRest = r.NewStyle().Foreground(muted)

	s.PastDue = r.NewStyle().Foreground(warn)

	s.NoteMeta = r.NewStyle().Foreground(muted)
	s.NoteText = r.NewStyle().Foreground(text)

	s.StatusBar = r.NewStyle().Reverse(true)
	s.StatusError = r.NewStyle().Foreground(danger).Bold(true)
	s.StatusOK = r.NewStyle().Foreground(ok)

	s.Selected = r.NewStyle().Reverse(true).Bold(true)
	s.InputBorder = r.NewStyle().Foreground(accent)
	s.InputHead = r.NewStyle().Bold(true).Foreground(text)
	s.Dialog = r.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(warn).Padding(0, 2)
	s.Title = r.NewStyle().Bold(true).Foreground(text)
	s.Error = r.NewStyle().Foreground(danger).Bold(true)

	s.Area = textarea.Style{
		Base: r.NewStyle(), CursorLine: r.NewStyle(), CursorLineNumber: r.NewStyle().Foreground(muted),
		EndOfBuffer: r.NewStyle().Foreground(muted), LineNumber: r.NewStyle().Foreground(muted),
		Placeholder: r.NewStyle().Foreground(muted), Prompt: r.NewStyle().Foreground(muted), Text: r.NewStyle().Foreground(text),
	}
	s.AreaBlurred = s.Area
	s.AreaBlurred.Text = r.NewStyle().Foreground(muted)
	s.FieldPrompt = r.NewStyle().Foreground(accent)
	s.FieldText = r.NewStyle().Foreground(text)
	s.FieldPlaceholder = r.NewStyle().Foreground(muted)
	s.Cursor = r.NewStyle()
	s.CursorText = r.NewStyle()
	return s
}
