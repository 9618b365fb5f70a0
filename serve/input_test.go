package serve

import (
	"strings"
	"testing"
	"time"
)

// The input bound lets a burst through, cuts what goes beyond it so the
// screen takes whole characters and whole pastes, and leaves out the rest
// of the burst, and of a paste, rather than letting it through in pieces.
func TestInputBudget(t *testing.T) {
	start := time.Unix(0, 0)
	const start200, end201 = "\x1b[200~", "\x1b[201~"
	for _, tc := range []struct {
		name  string
		reads []string        // what the client sends, read by read
		gaps  []time.Duration // the time before each read
		want  string          // what the screen gets, all reads together
	}{
		{name: "within the burst and the rate", reads: []string{"hello", " world"}, gaps: []time.Duration{0, time.Second}, want: "hello world"},
		{name: "a burst cut short", reads: []string{"abcdefghijkl"}, want: "abcdefgh"},
		{name: "the rest of the burst is left out", reads: []string{"abcdefghij", "klmnop"}, gaps: []time.Duration{0, 100 * time.Millisecond}, want: "abcdefgh"},
		{name: "after a pause, typing goes on", reads: []string{"abcdefghij", "xy"}, gaps: []time.Duration{0, time.Second}, want: "abcdefghxy"},
		{name: "a character is not cut in two", reads: []string{"abcdefgé"}, want: "abcdefg"},
		{name: "a paste cut short is closed", reads: []string{start200 + "ab" + "cdefgh"}, want: start200 + "ab" + end201},
		{name: "and left out to its end", reads: []string{start200 + "abcdefgh", "ijkl", "mn" + end201}, gaps: []time.Duration{0, time.Second, 2 * time.Second}, want: start200 + "ab" + end201},
		{name: "then keys are keys again", reads: []string{start200 + "abcdefgh", "ij" + end201, "q"}, gaps: []time.Duration{0, time.Second, 2 * time.Second}, want: start200 + "ab" + end201 + "q"},
		{name: "an end marker split between reads", reads: []string{start200 + "abcdefgh", "ij\x1b[20", "1~q"}, gaps: []time.Duration{0, time.Second, 2 * time.Second}, want: start200 + "ab" + end201 + "q"},
		{name: "a paste begun in what was left out is left out", reads: []string{"abcdefgh" + start200 + "xyz", "more", end201 + "q"}, gaps: []time.Duration{0, time.Second, 2 * time.Second}, want: "abcdefghq"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// 8 bytes at once (a paste's start marker and two more), then
			// 8 a second.
			b := newInputBudget(8, 8, start)
			now := start
			var got strings.Builder
			for i, r := range tc.reads {
				if i < len(tc.gaps) {
					now = now.Add(tc.gaps[i])
				}
				p := []byte(r)
				pass, left := b.take(p, now)
				if len(pass)+left < len(r) {
					t.Fatalf("read %d: %d passed and %d left out of %d", i, len(pass), left, len(r))
				}
				// The read's buffer is used again for the next read (as
				// newScreenInput's is): what passed must not change with it.
				clear(p)
				got.Write(pass)
			}
			if got.String() != tc.want {
				t.Fatalf("the screen got %q, want %q", got.String(), tc.want)
			}
		})
	}
}
