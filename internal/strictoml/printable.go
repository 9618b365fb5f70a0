package strictoml

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Printable returns s with everything that could upset a terminal made
// visible: C0 control characters (including tab, newline and ESC), DEL, the
// C1 range, Unicode bidirectional overrides, isolates and marks, zero-width
// spaces and line/paragraph separators are written as Go-style escapes
// (\x1b, \u202e, \u200b), and bytes that are not valid
// UTF-8 become \xNN. Everything else, including backslashes, is kept as is,
// so Printable(Printable(s)) == Printable(s).
//
// Error text ends up on a projector and in other people's terminals; a file
// name or key copied verbatim could otherwise carry an escape sequence that
// recolours or clears the screen.
func Printable(s string) string {
	if isPrintable(s) {
		return s // the common case allocates nothing
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
			i++
			continue
		}
		b.WriteString(escapeRune(r))
		i += size
	}
	return b.String()
}

// isPrintable reports whether Printable would return s unchanged.
func isPrintable(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return false
		}
		if unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports whether r must not reach a terminal raw.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f: // C0 (ESC among them) and DEL
		return true
	case r >= 0x80 && r <= 0x9f: // C1: CSI, OSC and friends on some terminals
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi overrides and isolates
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // bidi marks
		return true
	case r == 0x200b || r == 0xfeff || r >= 0x2060 && r <= 0x2064: // zero-width: a key that differs from the one shown
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// escapeRune returns r itself when it is safe, or its visible escape.
func escapeRune(r rune) string {
	if !unsafeRune(r) {
		return string(r)
	}
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// maxQuoteWidth is how many characters of a source line an error quotes.
// It keeps the quote on one line of a projected terminal.
const maxQuoteWidth = 120

// quoteLine makes one source line safe to print: tabs become spaces (so the
// quote has no control characters at all), unsafe characters become escapes,
// and a long line is cut to maxQuoteWidth characters with an ellipsis. col is
// the 1-based character column the error points at (0 if unknown); when it lies
// beyond the visible part, the window slides so that the column stays in view.
func quoteLine(line string, col int) string {
	line = strings.TrimRight(line, "\r\n")
	// Only a window of a long line can show, so only that much is escaped:
	// a megabyte on one line costs no more than a short line. Every
	// character shows as at least one, so the window is twice the width
	// from the column on and as wide again before it, which is more than
	// the 40 characters of context shown; cutting the line there changes
	// nothing in the result.
	cut := false // the start of the line is not in the window
	if skip := col - 1 - maxQuoteWidth; skip > maxQuoteWidth {
		if off := runeOffset(line, skip); off < len(line) {
			line, col, cut = line[off:], col-skip, true
		}
	}
	line = line[:runeOffset(line, max(col, 1)-1+2*maxQuoteWidth)]
	// One piece per source character, so that col can be mapped onto the
	// escaped text.
	var pieces []string
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			pieces = append(pieces, fmt.Sprintf(`\x%02x`, line[i]))
			i++
			continue
		case r == '\t':
			pieces = append(pieces, "    ")
		default:
			pieces = append(pieces, escapeRune(r))
		}
		i += size
	}
	width := func(p string) int { return utf8.RuneCountInString(p) }
	total := 0
	for _, p := range pieces {
		total += width(p)
	}
	if total <= maxQuoteWidth && !cut {
		return strings.Join(pieces, "")
	}

	// Where does the error column start in the escaped text?
	at := 0
	if col > 1 {
		for _, p := range pieces[:min(col-1, len(pieces))] {
			at += width(p)
		}
	}
	start := 0 // first piece shown
	lead := ""
	if at > maxQuoteWidth-20 {
		// Show some context before the column: back up about 40 characters.
		lead = "…"
		start = min(col-1, len(pieces))
		for back := 0; start > 0 && back < 40; {
			start--
			back += width(pieces[start])
		}
	}
	var b strings.Builder
	b.WriteString(lead)
	w := width(lead)
	i := start
	for ; i < len(pieces); i++ {
		if w+width(pieces[i]) > maxQuoteWidth-1 {
			break
		}
		b.WriteString(pieces[i])
		w += width(pieces[i])
	}
	if i < len(pieces) {
		b.WriteString("…")
	}
	return b.String()
}

// runeOffset returns the byte offset of character n of s (counting each
// invalid byte as one, as columns do), or len(s) if s is shorter.
func runeOffset(s string, n int) int {
	for i := 0; i < len(s); n-- {
		if n <= 0 {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return len(s)
}
