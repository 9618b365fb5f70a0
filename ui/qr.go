package ui

import "pitstop/internal/qrcode"

// joinCode is the participants' page's address as a code to scan, drawn
// at both scales once, when the screen is built: the address does not
// change while it is open, and encoding it is too costly for every frame.
type joinCode struct {
	small []string // each module half a row high: the smallest that scans
	large []string // each module two columns wide and a row high
}

// newJoinCode draws the code of url; none when there is no address or it
// cannot be encoded (the address is shown all the same).
func newJoinCode(url string) joinCode {
	if url == "" {
		return joinCode{}
	}
	small, _ := qrcode.Lines(url, 1)
	large, _ := qrcode.Lines(url, 2)
	return joinCode{small: small, large: large}
}

// fitting is the code to scan from a few metres: large where that fits
// w×h, else small; none where even that does not fit.
func (c joinCode) fitting(w, h int) []string {
	for _, lines := range [][]string{c.large, c.small} {
		if len(lines) <= h && len(lines) > 0 && cellWidth(lines[0]) <= w {
			return lines
		}
	}
	return nil
}
