package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestContrast measures, as WCAG 2 defines contrast, every pair of colours
// the page's style draws text with, in each of its schemes: the text, the
// muted text, the accent (focus rings, bars, the status line's edge) and
// the words on a button (the background's colour on the accent), each
// against what it is drawn on. WCAG AA asks 4.5:1 of text; the high
// contrast scheme keeps the 7:1 of AAA.
func TestContrast(t *testing.T) {
	css := string(styleCSS)
	blocks := regexp.MustCompile(`(?s)(@media[^{]*\{\s*)?:root \{(.*?)\}`).FindAllStringSubmatch(css, -1)
	if len(blocks) != 3 {
		t.Fatalf("found %d colour schemes in the style, want 3 (light, dark, dark with more contrast)", len(blocks))
	}
	vars := regexp.MustCompile(`--([a-z]+):\s*(#[0-9a-fA-F]{6});`)
	for i, b := range blocks {
		name := []string{"light", "dark", "high contrast"}[i]
		min := 4.5
		if i == 2 {
			min = 7
		}
		c := map[string]string{}
		for _, m := range vars.FindAllStringSubmatch(b[2], -1) {
			c[m[1]] = m[2]
		}
		for _, pair := range [][2]string{{"text", "bg"}, {"muted", "bg"}, {"accent", "bg"}, {"ok", "bg"}, {"problem", "bg"}, {"bg", "accent"}} {
			fg, bg := c[pair[0]], c[pair[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s: no --%s or --%s", name, pair[0], pair[1])
				continue
			}
			if r := contrast(fg, bg); r < min {
				t.Errorf("%s: %s (%s) on %s (%s) has contrast %.2f:1, under %.1f:1", name, pair[0], fg, pair[1], bg, r, min)
			}
		}
	}
	// Every colour the style uses comes from a scheme's variables.
	rest := regexp.MustCompile(`(?s):root \{.*?\}`).ReplaceAllString(css, "")
	if m := regexp.MustCompile(`#[0-9a-fA-F]{3,8}\b|rgb|hsl`).FindString(rest); m != "" {
		t.Errorf("the style uses a colour of its own, %s, outside the schemes", m)
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	hex = strings.TrimPrefix(hex, "#")
	var l float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += weight * c
	}
	return l
}

func TestContrastFormula(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#777777", "#ffffff", 4.48}, {"#ffffff", "#ffffff", 1}} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}
