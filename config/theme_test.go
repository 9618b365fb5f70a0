package config

import (
	"math"
	"strconv"
	"testing"

	"github.com/muesli/termenv"
)

// luminance is a colour's relative luminance, as WCAG 2 defines it.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("not #rrggbb: %q", hex)
	}
	channel := func(s string) float64 {
		v, err := strconv.ParseUint(s, 16, 8)
		if err != nil {
			t.Fatalf("%q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(hex[1:3]) + 0.7152*channel(hex[3:5]) + 0.0722*channel(hex[5:7])
}

// contrast is the WCAG 2 contrast ratio of two colours, 1 to 21.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// as256 is the colour a 256-colour terminal shows for hex: the renderer
// rounds to the xterm palette, and the contrast must hold there too.
func as256(hex string) string {
	return termenv.ConvertToRGB(termenv.ANSI256.Color(hex)).Hex()
}

// Every colour a theme draws text in (the big letters and digits are in
// these colours too, and large text needs only 3:1) keeps the theme's
// contrast on every background it is made for, as written and as a
// 256-colour terminal rounds it.
func TestThemeContrast(t *testing.T) {
	for _, p := range Palettes {
		c := p.Colours
		for _, fg := range c.each() {
			for _, bg := range p.Backgrounds {
				for _, shown := range []struct{ how, fg, bg string }{
					{"as written", *fg.dst, bg},
					{"on a 256-colour terminal", as256(*fg.dst), bg}, // the background is the terminal's own
				} {
					ratio := contrast(t, shown.fg, shown.bg)
					t.Logf("%s %s %s on %s (%s): %.2f", p.Name, fg.key, shown.fg, shown.bg, shown.how, ratio)
					if ratio < p.MinContrast {
						t.Errorf("%s: %s %s on %s, %s, is %.2f:1; the theme keeps %.1f:1", p.Name, fg.key, shown.fg, shown.bg, shown.how, ratio, p.MinContrast)
					}
				}
			}
		}
	}
}

// The colours that mean something differ from one another and from the
// text, so that no two meanings share a colour.
func TestThemeColoursDiffer(t *testing.T) {
	for _, p := range Palettes {
		seen := map[string]string{}
		for _, c := range p.Colours.each() {
			if other, ok := seen[*c.dst]; ok {
				t.Errorf("%s: %s and %s are both %s", p.Name, other, c.key, *c.dst)
			}
			seen[*c.dst] = c.key
		}
		if p.MinContrast < 4.5 {
			t.Errorf("%s keeps %.1f:1; WCAG AA asks 4.5:1 for text", p.Name, p.MinContrast)
		}
	}
	if hc := Palettes[2]; hc.Name != "high-contrast" || hc.MinContrast < 7 {
		t.Errorf("high-contrast keeps %.1f:1; it should keep 7:1 (WCAG AAA)", hc.MinContrast)
	}
}

func TestThemeResolve(t *testing.T) {
	for _, c := range []struct {
		theme Theme
		dark  bool
		want  string
	}{
		{Theme{Name: ThemeAuto}, true, "dark"},
		{Theme{Name: ThemeAuto}, false, "light"},
		{Theme{}, false, "light"},
		{Theme{Name: "high-contrast"}, false, "high-contrast"}, // asked for by name, whatever the background
		{Theme{Name: "light"}, true, "light"},
	} {
		if got := c.theme.Resolve(c.dark); got.Name != c.want {
			t.Errorf("%+v on dark=%v: %s, want %s", c.theme, c.dark, got.Name, c.want)
		}
	}
	for in, want := range map[string]string{"Dark": "dark", " light ": "light", "calm-contrast": "dark", "auto": "auto"} {
		if got, err := CheckThemeName(in); err != nil || got != want {
			t.Errorf("CheckThemeName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
