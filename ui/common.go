// Package ui is Pit Stop's terminal interface: the app shell, the stop
// view with its timer and notes, the closing summary and the help. It draws
// sessions and sends commands to a live session owner; it never changes a
// session itself.
package ui

import (
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// Session is what the interface holds of a live session: a client of its
// owner (*sessions.Client is one).
type Session = sessions.Attached

// common is what every screen shares.
type common struct {
	width, height int
	styles        Styles
	keys          KeyMap
	workshop      *config.Workshop
	now           func() time.Time
	actor         model.Actor // who types on this screen
	readOnly      bool        // the session can only be looked at here: help offers no change
	// roomQuestions are the workshop's outcomes as the room is asked them,
	// for every action's context: made once, as the workshop is fixed.
	roomQuestions []model.RoomQuestion
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

// pickedIn is where the row picked (by its id) is among rows, for the
// pages that keep a pick by id so it follows its row as others come and
// go: the first row when it is gone, -1 when there are none.
func pickedIn[T any](rows []T, picked string, id func(T) string) int {
	if len(rows) == 0 {
		return -1
	}
	return max(0, slices.IndexFunc(rows, func(r T) bool { return id(r) == picked }))
}

// stepped is the pick i among n rows moved one row by a key that picks:
// up for ↑ or k, down for the others; never past the first or the last.
func stepped(msg tea.KeyMsg, i, n int) int {
	if msg.String() == "up" || msg.String() == "k" {
		i--
	} else {
		i++
	}
	return max(0, min(i, n-1))
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
		if cellWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// cellWidth is how many columns a line takes on screen, as
// ansi.StringWidth says, but quick for what most lines are made of: ASCII,
// the block and box characters of the big letters, bars and borders, and
// colour codes. Anything else is measured by ansi.StringWidth.
func cellWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A CSI sequence (colours): no width. It ends at its final byte.
			j := i + 2
			for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f { // parameters
				j++
			}
			if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s) // not a whole sequence: as the parser reads it
			}
			i = j + 1
		case c == 0xe2 && i+2 < len(s) && (s[i+1] == 0x94 || s[i+1] == 0x95 || s[i+1] == 0x96) && s[i+2]&0xc0 == 0x80:
			// U+2500–U+259F, box drawing and block elements: one column each.
			n++
			i += 3
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// wrap word-wraps plain text to width w.
func wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	return strings.Split(ansi.Wrap(s, w, " -"), "\n")
}

// pageHead is the heading of a page over the stop: its title with the
// room's time beside it (or under it, when narrow), since the room's time
// runs on while the page is in front; then what the page is, wrapped.
func (c *common) pageHead(title, about string, s *model.Session, w int) []string {
	line, under := c.withRoomTime(fit(c.styles.StopName.Render(title), w, 1), "", s, w)
	out := []string{line}
	if under != "" {
		out = append(out, under)
	}
	for _, l := range wrap(about, w) {
		out = append(out, c.styles.Muted.Render(l))
	}
	return out
}
