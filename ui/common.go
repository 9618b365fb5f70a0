// Package ui is Pit Stop's terminal interface: the app shell, the stop
// view with its timer and notes, the closing summary and the help. It draws
// sessions and sends commands to a live session owner; it never changes a
// session itself.
package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// Session is what the interface needs of a live session: a client of its
// owner (*sessions.Client is one), which sends commands as its actor and
// receives every update.
type Session interface {
	Do(cmd model.Command) error
	Next() (sessions.Update, bool)
	Current() sessions.Update
	Actor() model.Actor
	Path() string
}

// common is what every screen shares.
type common struct {
	width, height int
	styles        Styles
	keys          KeyMap
	workshop      *config.Workshop
	now           func() time.Time
	actor         model.Actor // who types on this screen
}

// stopInfo is the workshop's text for a stop: description, prompts, hint.
func (c *common) stopInfo(key string) config.Stop {
	for _, s := range c.workshop.Stops {
		if s.Key == key {
			return s
		}
	}
	return config.Stop{Key: key}
}

// fit makes a block exactly w columns wide at most and h lines high at
// most, cutting what does not fit with an ellipsis instead of letting the
// terminal wrap it into broken lines.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if h >= 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// wrap word-wraps plain text to width w.
func wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	return strings.Split(ansi.Wrap(s, w, " -"), "\n")
}
