package ui

import "strings"

// bigGlyphs is a five-row block font for the timer, readable from the back
// of a room. Every glyph of a kind has the same width so the clock does not
// jitter as digits change.
var bigGlyphs = map[rune][5]string{
	'0': {"█████", "█   █", "█   █", "█   █", "█████"},
	'1': {"  ██ ", "   █ ", "   █ ", "   █ ", "  ███"},
	'2': {"█████", "    █", "█████", "█    ", "█████"},
	'3': {"█████", "    █", " ████", "    █", "█████"},
	'4': {"█   █", "█   █", "█████", "    █", "    █"},
	'5': {"█████", "█    ", "█████", "    █", "█████"},
	'6': {"█████", "█    ", "█████", "█   █", "█████"},
	'7': {"█████", "    █", "   █ ", "  █  ", "  █  "},
	'8': {"█████", "█   █", "█████", "█   █", "█████"},
	'9': {"█████", "█   █", "█████", "    █", "█████"},
	':': {"   ", " █ ", "   ", " █ ", "   "},
	'+': {"     ", "  █  ", "█████", "  █  ", "     "},
	'-': {"     ", "     ", "█████", "     ", "     "},
	' ': {"  ", "  ", "  ", "  ", "  "},
}

// bigText renders s (digits, ':', '+', '-' and spaces) in the block font,
// each glyph scaled by scale in both directions. Other runes are skipped.
func bigText(s string, scale int) []string {
	if scale < 1 {
		scale = 1
	}
	rows := make([]strings.Builder, 5)
	for i, r := range s {
		g, ok := bigGlyphs[r]
		if !ok {
			continue
		}
		for row := 0; row < 5; row++ {
			if i > 0 {
				rows[row].WriteString(strings.Repeat(" ", scale))
			}
			for _, c := range g[row] {
				rows[row].WriteString(strings.Repeat(string(c), scale))
			}
		}
	}
	out := make([]string, 0, 5*scale)
	for row := 0; row < 5; row++ {
		for k := 0; k < scale; k++ {
			out = append(out, rows[row].String())
		}
	}
	return out
}

// bigTextWidth is the width bigText(s, scale) takes.
func bigTextWidth(s string, scale int) int {
	w, n := 0, 0
	for _, r := range s {
		if g, ok := bigGlyphs[r]; ok {
			w += len([]rune(g[0])) * scale
			n++
		}
	}
	if n > 1 {
		w += (n - 1) * scale
	}
	return w
}
