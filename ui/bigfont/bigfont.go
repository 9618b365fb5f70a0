// Package bigfont draws words and times in large block letters, for a
// projector: the stop's name and the timer, readable from the back of a
// room. Each glyph is five rows of full blocks; a size scales it, or
// squeezes it into three rows of half blocks.
//
// It knows nothing of terminals beyond the characters it draws; styles
// are the caller's.
package bigfont

import (
	"strings"
	"unicode"
)

// Size is how large text is drawn: Half is three rows a line (two glyph
// rows to a character, with half blocks), 1 is five rows, 2 ten, and so on.
type Size int

// Half is the smallest size: five glyph rows in three lines.
const Half Size = 0

// Rows is how many lines one line of text takes at size s.
func (s Size) Rows() int {
	if s <= Half {
		return 3
	}
	return glyphRows * int(s)
}

// factor is how many columns a glyph column takes.
func (s Size) factor() int { return max(1, int(s)) }

const glyphRows = 5

// glyphs are the block font. Every digit is as wide as every other, so a
// running clock does not jitter; letters are five wide, punctuation less.
var glyphs = map[rune][glyphRows]string{
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
	' ': {"   ", "   ", "   ", "   ", "   "},

	'A':  {"█████", "█   █", "█████", "█   █", "█   █"},
	'B':  {"████ ", "█   █", "████ ", "█   █", "████ "},
	'C':  {"█████", "█    ", "█    ", "█    ", "█████"},
	'D':  {"████ ", "█   █", "█   █", "█   █", "████ "},
	'E':  {"█████", "█    ", "████ ", "█    ", "█████"},
	'F':  {"█████", "█    ", "████ ", "█    ", "█    "},
	'G':  {"█████", "█    ", "█  ██", "█   █", "█████"},
	'H':  {"█   █", "█   █", "█████", "█   █", "█   █"},
	'I':  {"█████", "  █  ", "  █  ", "  █  ", "█████"},
	'J':  {"█████", "   █ ", "   █ ", "█  █ ", "████ "},
	'K':  {"█   █", "█  █ ", "███  ", "█  █ ", "█   █"},
	'L':  {"█    ", "█    ", "█    ", "█    ", "█████"},
	'M':  {"█   █", "██ ██", "█ █ █", "█   █", "█   █"},
	'N':  {"█   █", "██  █", "█ █ █", "█  ██", "█   █"},
	'O':  {"█████", "█   █", "█   █", "█   █", "█████"},
	'P':  {"█████", "█   █", "█████", "█    ", "█    "},
	'Q':  {"█████", "█   █", "█ █ █", "█  █ ", "███ █"},
	'R':  {"█████", "█   █", "█████", "█  █ ", "█   █"},
	'S':  {"█████", "█    ", "█████", "    █", "█████"},
	'T':  {"█████", "  █  ", "  █  ", "  █  ", "  █  "},
	'U':  {"█   █", "█   █", "█   █", "█   █", "█████"},
	'V':  {"█   █", "█   █", "█   █", " █ █ ", "  █  "},
	'W':  {"█   █", "█   █", "█ █ █", "██ ██", "█   █"},
	'X':  {"█   █", " █ █ ", "  █  ", " █ █ ", "█   █"},
	'Y':  {"█   █", " █ █ ", "  █  ", "  █  ", "  █  "},
	'Z':  {"█████", "   █ ", "  █  ", " █   ", "█████"},
	'&':  {" ██  ", "█  █ ", " ██ █", "█  █ ", " ██ █"},
	'\'': {"█", "█", " ", " ", " "},
	'.':  {" ", " ", " ", " ", "█"},
	',':  {"  ", "  ", "  ", " █", "█ "},
	'!':  {"█", "█", "█", " ", "█"},
	'?':  {"████ ", "    █", "  ██ ", "     ", "  █  "},
	'/':  {"    █", "   █ ", "  █  ", " █   ", "█    "},
	'(':  {" █", "█ ", "█ ", "█ ", " █"},
	')':  {"█ ", " █", " █", " █", "█ "},
}

// folded are letters drawn as the plain letter they carry: a stop called
// "Sécurité" is drawn SECURITE. Lower case is drawn as upper case.
var folded = map[rune]rune{
	'À': 'A', 'Á': 'A', 'Â': 'A', 'Ã': 'A', 'Ä': 'A', 'Å': 'A', 'Ç': 'C',
	'È': 'E', 'É': 'E', 'Ê': 'E', 'Ë': 'E', 'Ì': 'I', 'Í': 'I', 'Î': 'I', 'Ï': 'I',
	'Ñ': 'N', 'Ò': 'O', 'Ó': 'O', 'Ô': 'O', 'Õ': 'O', 'Ö': 'O', 'Ø': 'O',
	'Ù': 'U', 'Ú': 'U', 'Û': 'U', 'Ü': 'U', 'Ý': 'Y', 'Ÿ': 'Y',
	'’': '\'', '‘': '\'', '–': '-', '—': '-',
}

// glyph is the glyph drawn for r, if the font has one.
func glyph(r rune) ([glyphRows]string, bool) {
	r = unicode.ToUpper(r)
	if f, ok := folded[r]; ok {
		r = f
	}
	g, ok := glyphs[r]
	return g, ok
}

// Drawable reports whether the font can draw every character of text; a
// caller shows text that it cannot as plain words instead.
func Drawable(text string) bool {
	for _, r := range text {
		if _, ok := glyph(r); !ok {
			return false
		}
	}
	return text != ""
}

// Width is how many columns text takes at size s: each glyph's width, and
// one column between glyphs, both scaled.
func Width(text string, s Size) int {
	w, n := 0, 0
	for _, r := range text {
		if g, ok := glyph(r); ok {
			w += len([]rune(g[0]))
			n++
		}
	}
	if n > 1 {
		w += n - 1
	}
	return w * s.factor()
}

// Render draws text at size s: s.Rows() lines, each Width(text, s)
// columns wide. Characters the font lacks are left out (see Drawable).
func Render(text string, s Size) []string {
	f := s.factor()
	var rows [glyphRows]strings.Builder
	first := true
	for _, r := range text {
		g, ok := glyph(r)
		if !ok {
			continue
		}
		for row := range rows {
			if !first {
				rows[row].WriteString(strings.Repeat(" ", f))
			}
			for _, c := range g[row] {
				rows[row].WriteString(strings.Repeat(string(c), f))
			}
		}
		first = false
	}
	if s <= Half {
		return halves(rows)
	}
	out := make([]string, 0, s.Rows())
	for row := range rows {
		line := rows[row].String()
		for range f {
			out = append(out, line)
		}
	}
	return out
}

// halves folds five rows into three lines of half blocks: rows 1 and 2 in
// the first, 3 and 4 in the second, 5 in the top half of the third.
func halves(rows [glyphRows]strings.Builder) []string {
	pair := func(top, bottom string) string {
		t, b := []rune(top), []rune(bottom)
		var out strings.Builder
		for i := range t {
			up, down := t[i] != ' ', i < len(b) && b[i] != ' '
			switch {
			case up && down:
				out.WriteRune('█')
			case up:
				out.WriteRune('▀')
			case down:
				out.WriteRune('▄')
			default:
				out.WriteRune(' ')
			}
		}
		return out.String()
	}
	return []string{
		pair(rows[0].String(), rows[1].String()),
		pair(rows[2].String(), rows[3].String()),
		pair(rows[4].String(), ""),
	}
}

// Wrap breaks text into as few lines as fit w columns at size s, at
// spaces; a word wider than w on its own is its own line (Fit then says it
// does not fit).
func Wrap(text string, w int, s Size) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case Width(line+" "+word, s) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
