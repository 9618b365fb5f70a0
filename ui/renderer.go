package ui

import (
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TerminalRenderer is a renderer for a terminal known only by its
// environment (TERM, COLORTERM, NO_COLOR, CLICOLOR, COLORFGBG), writing to
// out: a client over SSH, say. Its colour profile comes from that
// environment, so NO_COLOR takes every colour out; it never asks the
// terminal anything, since a client that does not answer would hold the
// screen up. The background is dark unless COLORFGBG says it is light.
func TerminalRenderer(out io.Writer, env []string) *lipgloss.Renderer {
	e := environ(env)
	r := lipgloss.NewRenderer(out, termenv.WithEnvironment(e), termenv.WithUnsafe(), termenv.WithColorCache(true))
	r.SetHasDarkBackground(darkFromColorFGBG(e.Getenv("COLORFGBG")))
	return r
}

// darkFromColorFGBG reads the background from COLORFGBG ("15;0": white on
// black), which some terminals set; without it, dark.
func darkFromColorFGBG(v string) bool {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return true
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return true
	}
	return bg <= 6 || bg == 8 // black, the dark colours and dark grey
}

// environ is an environment as termenv reads one: the last setting of a
// name counts, as it does for a process.
type environ []string

func (e environ) Environ() []string { return e }

func (e environ) Getenv(k string) string {
	for i := len(e) - 1; i >= 0; i-- {
		if name, value, ok := strings.Cut(e[i], "="); ok && name == k {
			return value
		}
	}
	return ""
}
