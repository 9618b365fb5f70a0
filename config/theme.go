package config

import (
	"fmt"
	"slices"
	"strings"
)

// Colours are a theme's colours, each "#rrggbb" in lower case.
type Colours struct {
	Accent string // the stop's name, the running timer, keys in the help
	Text   string // what is written: notes, prompts, the board
	Muted  string // what matters less: times, who wrote a note, the ahead stops
	Warn   string // time nearly up, commitments past their day, questions
	Danger string // time over, things that went wrong
	OK     string // done, saved
}

// each lists a set of colours by name, for loops over all of them.
func (c *Colours) each() []struct {
	key string
	dst *string
} {
	return []struct {
		key string
		dst *string
	}{
		{"accent", &c.Accent}, {"text", &c.Text}, {"muted", &c.Muted},
		{"warn", &c.Warn}, {"danger", &c.Danger}, {"ok", &c.OK},
	}
}

// Theme is the look a workshop asks for: a built-in palette by name, and
// any colours the config sets in place of the palette's own.
type Theme struct {
	Name      string  // ThemeAuto, or one of Palettes' names
	Overrides Colours // "" where the palette's colour holds
}

// ThemeAuto picks the dark or the light palette from the terminal's
// background.
const ThemeAuto = "auto"

// Palette is a built-in theme: its colours, the backgrounds it is made for
// and the contrast its text keeps on each of them (a test measures every
// pair, as WCAG 2 defines contrast).
type Palette struct {
	Name string
	Colours
	Dark        bool     // made for a dark background
	Backgrounds []string // the backgrounds its contrast is measured on
	MinContrast float64  // for text on each: 4.5 is WCAG AA, 7 is AAA
}

// Palettes are the built-in themes. Their colours come from the Okabe–Ito
// palette, which people with every common colour-vision deficiency tell
// apart, darkened or lightened where a background needs it; no meaning is
// carried by colour alone in any case (a symbol or a word says it too).
var Palettes = []Palette{
	{
		Name: "dark", Dark: true,
		Colours: Colours{
			Accent: "#56b4e9", // Okabe–Ito sky blue
			Text:   "#eeeeee",
			Muted:  "#a8a8a8",
			Warn:   "#f0e442", // yellow
			Danger: "#e69f00", // orange: over time is said calmly, not in red
			OK:     "#00b386", // bluish green, lightened
		},
		Backgrounds: []string{"#000000", "#1e1e1e", "#282828"},
		MinContrast: 4.5,
	},
	{
		Name: "light",
		Colours: Colours{
			// Darkened, and on the xterm palette, so that a 256-colour
			// terminal shows them as written.
			Accent: "#005f87", // blue
			Text:   "#1c1c1c",
			Muted:  "#585858",
			Warn:   "#875f00", // orange
			Danger: "#af005f", // reddish purple
			OK:     "#005f00", // green
		},
		Backgrounds: []string{"#ffffff", "#eeeeee", "#fdf6e3"},
		MinContrast: 4.5,
	},
	{
		Name: "high-contrast", Dark: true,
		Colours: Colours{
			Accent: "#8fd3ff",
			Text:   "#ffffff",
			Muted:  "#d0d0d0",
			Warn:   "#f0e442",
			Danger: "#ffb000",
			OK:     "#5fe0b0",
		},
		Backgrounds: []string{"#000000", "#1e1e1e"},
		MinContrast: 7,
	},
}

// oldThemeNames are names earlier config files used, and what they are now.
var oldThemeNames = map[string]string{"calm-contrast": "dark"}

// ThemeNames are the names a config or --theme may give.
func ThemeNames() []string {
	names := []string{ThemeAuto}
	for _, p := range Palettes {
		names = append(names, p.Name)
	}
	return names
}

// CheckThemeName says whether name is a theme, and what it means now.
func CheckThemeName(name string) (string, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if now, ok := oldThemeNames[name]; ok {
		name = now
	}
	if slices.Contains(ThemeNames(), name) {
		return name, nil
	}
	return "", fmt.Errorf("there is no theme %q; the themes are %s", name, strings.Join(ThemeNames(), ", "))
}

// Resolve is the palette the theme comes to on a terminal with a dark (or
// light) background, with the config's colours in place of its own.
func (t Theme) Resolve(darkBackground bool) Palette {
	name := t.Name
	if name == "" || name == ThemeAuto {
		name = "light"
		if darkBackground {
			name = "dark"
		}
	}
	p := Palettes[0]
	for _, candidate := range Palettes {
		if candidate.Name == name {
			p = candidate
		}
	}
	over := t.Overrides
	mine := p.Colours.each()
	for i, c := range over.each() {
		if *c.dst != "" {
			*mine[i].dst = *c.dst
		}
	}
	return p
}
