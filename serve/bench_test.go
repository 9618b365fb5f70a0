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
			if !bounded && size > 16<<10 {
				continue // minutes a paste, while the text box inserts in quadratic time
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
				c := ts.mustDial(b, "notes", "dana")
				c.waitFor("STOP 1 OF 7")
				paste := strings.Repeat("we name it when we feel it ", size/27+1)[:size]
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					mark := c.out.Len()
					c.typeText("n")
					c.waitForAnySince(mark, 10*time.Second, "New note at")
					mark = c.out.Len()
					c.typeText(paste + "\r")
					if c.waitForAnySince(mark, 10*time.Minute, "too long", "Notes at this stop") == "too long" {
						mark = c.out.Len()
						c.typeText("\x1b")
						c.waitForAnySince(mark, 10*time.Second, "Throw away")
						c.typeText("y")
					}
				}
			})
		}
	}
}
