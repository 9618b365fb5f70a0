package strictoml

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestQuoteLineWindow checks that quoting only a window of a long line gives
// exactly what quoting all of it gives.
func TestQuoteLineWindow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", " ", "\t", "é", "日", "\x1b", "\u202e", "\xff", "\x00"}
	for n := range 3000 {
		var b strings.Builder
		size := r.IntN(700)
		for range size {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		line := b.String()
		chars := utf8.RuneCountInString(line)
		for _, col := range []int{0, 1, r.IntN(chars + 2), chars, chars + 1, chars + 5, r.IntN(chars+1) + 1} {
			if got, want := quoteLine(line, col), quoteWhole(line, col); got != want {
				t.Fatalf("case %d, col %d of %d: quoteLine = %q, want %q", n, col, chars, got, want)
			}
		}
	}
}

func BenchmarkQuoteLongLine(b *testing.B) {
	line := strings.Repeat("é", 1<<20)
	for _, col := range []int{1, 1 << 19, 1<<20 + 1} {
		b.Run(fmt.Sprint(col), func(b *testing.B) {
			for b.Loop() {
				quoteLine(line, col)
			}
		})
	}
}

// quoteWhole is quoteLine as it was before it learnt to look at a window
// only: it escapes the whole line.
func quoteWhole(line string, col int) string {
	line = strings.TrimRight(line, "\r\n")
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
	if total <= maxQuoteWidth {
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
