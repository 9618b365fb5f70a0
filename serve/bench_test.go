package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkPasteIntoNote is a plain paste (no bracketed-paste markers, as
// from a terminal that does not send them) into a new note over SSH, until
// the screen answers the enter that follows it: with the input bound, and
// without it (the whole paste reaches the screen).
func BenchmarkPasteIntoNote(b *testing.B) {
	for _, size := range []int{4 << 10, 16 << 10, 64 << 10, 1 << 20} {
		for _, bounded := range []bool{true, false} {
			if !bounded && size > 64<<10 {
				continue // the whole paste reaches the screen: a megabyte is more than a benchmark needs to show it
			}
			name := fmt.Sprintf("%dKiB/bounded", size>>10)
			if !bounded {
				name = fmt.Sprintf("%dKiB/unbounded", size>>10)
			}
			b.Run(name, func(b *testing.B) {
				ts := startServer(b, func(o *Options) {
					o.Rate, o.Burst = 1000, 1000
					if !bounded {
						o.InputRate, o.InputBurst = 1<<30, 1<<30
					}
				})
				paste := strings.Repeat("we name it when we feel it ", size/27+1)[:size]
				for i := 0; i < b.N; i++ {
					// A screen of its own each time: what one paste leaves
					// behind (a box open, a note saved) is not the next's.
					b.StopTimer()
					c := ts.mustDial(b, "notes", "dana")
					c.waitFor("STOP 1 OF 7")
					mark := c.out.Len()
					c.typeText("n")
					c.waitForAnySince(mark, 10*time.Second, "New note at")
					mark = c.out.Len()
					b.StartTimer()
					c.typeText(paste + "\r")
					// Saved, refused as too long, or cut with a word (by the
					// box at the longest an entry can be, or by the input
					// bound): whichever the screen says first.
					c.waitForAnySince(mark, 10*time.Minute, "Notes at this stop", "too long", "left out")
				}
			})
		}
	}
}
