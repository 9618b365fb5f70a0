package main

import (
	"fmt"
	"strings"
	"testing"

	"pitstop/ui/bigfont"
)

// drawnLarge is true when the screen shows name in the block font, at any
// size: the first row of its first line, wherever it is centred.
func drawnLarge(name string) func(string) bool {
	return func(scr string) bool {
		for size := bigfont.Half; size <= 4; size++ {
			first := bigfont.Wrap(name, 198, size)[0]
			row := strings.TrimSpace(bigfont.Render(first, size)[0])
			if strings.Contains(scr, row) {
				return true
			}
		}
		return false
	}
}

// On a projector's terminal the facilitator switches to the presenter view
// and back at every stop; there the stop's name is drawn large, and the
// hint for the facilitator is not shown.
func TestPresenterEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 200, 60)
	app := srv.start("new", "--title", "Projected", "--team", "Harbor")
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	for i, st := range stops {
		app.typeText("p")
		// tmux may be captured while a frame is half painted, so the
		// screen is waited for until it settles on the presenter view
		// without the hint and the notes; one that keeps them fails here.
		app.waitUntil(st.name+" drawn large, without the hint or the notes", waitTimeout, func(scr string) bool {
			return strings.Contains(scr, fmt.Sprintf("Stop %d of 7", i+1)) && drawnLarge(st.name)(scr) &&
				!strings.Contains(scr, "Facilitator:") && !strings.Contains(scr, "Notes at this stop")
		})
		app.typeText("p")
		app.waitUntil(fmt.Sprintf("back at stop %d", i+1), waitTimeout, stopScreen(i))
		if i < len(stops)-1 {
			app.typeText("]")
			app.waitUntil(fmt.Sprintf("stop %d", i+2), waitTimeout, stopScreen(i+1))
		}
	}
	app.quit()
}
