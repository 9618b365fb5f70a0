package bigfont

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGlyphsAreWhole(t *testing.T) {
	digit := utf8.RuneCountInString(glyphs['0'][0])
	for r, g := range glyphs {
		w := utf8.RuneCountInString(g[0])
		for i, row := range g {
			if utf8.RuneCountInString(row) != w {
				t.Errorf("%q row %d is %d wide, row 0 is %d", r, i, utf8.RuneCountInString(row), w)
			}
		}
		if r >= '0' && r <= '9' && w != digit {
			t.Errorf("digit %q is %d wide, others %d: a running clock would jitter", r, w, digit)
		}
	}
}

func TestRenderMatchesWidthAndRows(t *testing.T) {
	for _, text := range []string{"BELONGING", "Reflection & Accountability", "+12:05", "59:59", "Sécurité", "it's"} {
		for s := Half; s <= 4; s++ {
			lines := Render(text, s)
			if len(lines) != s.Rows() {
				t.Errorf("%q at %d: %d lines, want %d", text, s, len(lines), s.Rows())
			}
			for i, l := range lines {
				if n := utf8.RuneCountInString(l); n != Width(text, s) {
					t.Errorf("%q at %d line %d: %d wide, Width says %d", text, s, i, n, Width(text, s))
				}
			}
		}
	}
}

func TestHalfHeight(t *testing.T) {
	got := strings.Join(Render("I", Half), "\n")
	want := "▀▀█▀▀\n  █  \n▀▀▀▀▀"
	if got != want {
		t.Errorf("I at half height:\n%s\nwant\n%s", got, want)
	}
	if full := Render("I", 1); full[0] != "█████" || len(full) != 5 {
		t.Errorf("I at size 1: %q", full)
	}
}

func TestDrawable(t *testing.T) {
	for text, want := range map[string]bool{
		"Trust": true, "Reflection & Accountability": true, "Sécurité": true, "Über–Team": true,
		"": false, "信頼": false, "Trust ✓": false,
	} {
		if got := Drawable(text); got != want {
			t.Errorf("Drawable(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	name := "Reflection & Accountability"
	lines := Wrap(name, 200, 2)
	if len(lines) != 2 || lines[0] != "Reflection &" || lines[1] != "Accountability" {
		t.Fatalf("wrapped at 200 columns, size 2: %q", lines)
	}
	if lines := Wrap(name, 300, 1); len(lines) != 1 {
		t.Fatalf("at 300 columns, size 1, it is one line: %q", lines)
	}
	// A word too wide on its own is still its own line; the caller sees it
	// does not fit and draws smaller.
	if lines := Wrap("Accountability", 20, 1); len(lines) != 1 || Width(lines[0], 1) <= 20 {
		t.Fatalf("%q", lines)
	}
}
