// Package qrcode draws a QR code in a terminal, with plain characters and
// no colour, so that a phone can scan it off the screen (or a projector).
//
// A terminal draws a block in its text colour on its background, and the
// code is made of blocks and spaces; which of the two is dark depends on
// the terminal. Lines draws the light modules (and the quiet zone around
// the code) as blocks: on a terminal whose text is light on dark, the
// usual one and the one a dark room projects, the code comes out dark on
// light, as printed codes are, framed by its light quiet zone. LinesOn
// draws for a terminal with a light background instead. Drawn for the
// wrong one, the code comes out inverted, light on dark: the cameras of
// current phones read that too, but some older scanning apps do not,
// which is why the choice is offered.
package qrcode

import (
	"errors"
	"strings"

	qr "github.com/skip2/go-qrcode"
)

// Background is the colour behind a terminal's text, which decides
// whether a block is a dark module or a light one.
type Background int

const (
	// DarkBackground: light text on a dark background, so a block is
	// light.
	DarkBackground Background = iota
	// LightBackground: dark text on a light background, so a block is
	// dark.
	LightBackground
)

// The characters a code is drawn with.
const (
	full  = "█"
	upper = "▀"
	lower = "▄"
	blank = " "
)

// Lines is the QR code of text for a terminal with a dark background (see
// the package's comment), one string a line, quiet zone included.
//
// At scale 1 each character cell holds two modules one above the other
// (with the half blocks ▀ and ▄), so a module is about as wide as it is
// tall in a usual terminal font: the smallest code that scans. At scale 2
// each module is two columns of one row, twice the size, for a projector
// or a phone a few metres away. Other scales are refused.
func Lines(text string, scale int) ([]string, error) {
	return LinesOn(text, scale, DarkBackground)
}

// LinesOn is Lines for a terminal with the given background.
func LinesOn(text string, scale int, bg Background) ([]string, error) {
	if scale != 1 && scale != 2 {
		return nil, errors.New("a QR code is drawn at scale 1 or 2")
	}
	// Medium error correction: a code on a screen is seldom damaged, but a
	// projector's glare or a dirty lens can take some of it away.
	code, err := qr.New(text, qr.Medium)
	if err != nil {
		return nil, errors.New("the address is too long to draw as a QR code")
	}
	bits := code.Bitmap() // true is a dark module; four light ones all round
	ink := func(y, x int) bool {
		if y >= len(bits) {
			// Below the last row (scale 1, an odd number of rows): the
			// quiet zone goes on.
			return bg == DarkBackground
		}
		dark := bits[y][x]
		return dark == (bg == LightBackground)
	}
	var lines []string
	var b strings.Builder
	if scale == 2 {
		for y := range bits {
			b.Reset()
			for x := range bits[y] {
				if ink(y, x) {
					b.WriteString(full + full)
				} else {
					b.WriteString(blank + blank)
				}
			}
			lines = append(lines, b.String())
		}
		return lines, nil
	}
	for y := 0; y < len(bits); y += 2 {
		b.Reset()
		for x := range bits[y] {
			top, bottom := ink(y, x), ink(y+1, x)
			switch {
			case top && bottom:
				b.WriteString(full)
			case top:
				b.WriteString(upper)
			case bottom:
				b.WriteString(lower)
			default:
				b.WriteString(blank)
			}
		}
		lines = append(lines, b.String())
	}
	return lines, nil
}
