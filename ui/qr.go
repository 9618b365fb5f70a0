package ui

import "pitstop/internal/qrcode"

// qrLines is the participants' page's address as a code to scan from a
// few metres: each module two columns wide and a row high where that
// fits w×h, else half a row high; none where even that does not fit (the
// address is shown above it all the same).
func qrLines(url string, w, h int) []string {
	for _, scale := range []int{2, 1} {
		lines, err := qrcode.Lines(url, scale)
		if err != nil {
			return nil
		}
		if len(lines) <= h && len(lines) > 0 && cellWidth(lines[0]) <= w {
			return lines
		}
	}
	return nil
}
