package qrcode

import (
	"image"
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// paint draws the lines as a terminal would: each character a cell 4
// pixels wide and 8 tall (a usual terminal font is twice as tall as it is
// wide), a block in the text colour, the rest in the background's.
func paint(lines []string, bg Background) image.Image {
	text, back := color.Gray{Y: 255}, color.Gray{Y: 0}
	if bg == LightBackground {
		text, back = back, text
	}
	const w, h = 4, 8
	cols := utf8.RuneCountInString(lines[0])
	img := image.NewGray(image.Rect(0, 0, cols*w, len(lines)*h))
	for row, line := range lines {
		for col, r := range []rune(line) {
			for y := 0; y < h; y++ {
				inked := r == '█' || (r == '▀' && y < h/2) || (r == '▄' && y >= h/2)
				c := back
				if inked {
					c = text
				}
				for x := 0; x < w; x++ {
					img.SetGray(col*w+x, row*h+y, c)
				}
			}
		}
	}
	return img
}

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the drawn code does not scan: %v", err)
	}
	return res.GetText()
}

func TestLinesScan(t *testing.T) {
	for _, text := range []string{
		"http://192.168.1.23:8080/t/abcdefghijklmnopqrst",
		"http://workshop-laptop.local:8080/t/k3j4h5g6f7d8s9a2q1w0",
		"http://[fe80::1]:8080/",
	} {
		for _, scale := range []int{1, 2} {
			for _, bg := range []Background{DarkBackground, LightBackground} {
				lines, err := LinesOn(text, scale, bg)
				if err != nil {
					t.Fatal(err)
				}
				width := utf8.RuneCountInString(lines[0])
				for i, l := range lines {
					if n := utf8.RuneCountInString(l); n != width {
						t.Fatalf("scale %d: line %d is %d wide, the first %d", scale, i, n, width)
					}
					if strings.Trim(l, "█▀▄ ") != "" {
						t.Fatalf("scale %d: line %d has other characters: %q", scale, i, l)
					}
				}
				if got := decode(t, paint(lines, bg)); got != text {
					t.Errorf("scale %d, background %d: scanned %q, want %q", scale, bg, got, text)
				}
			}
		}
	}
}

// TestQuietZone: a dark terminal's code is framed by blocks (its light
// quiet zone), a light terminal's by spaces.
func TestQuietZone(t *testing.T) {
	dark, _ := Lines("http://127.0.0.1:8080/t/x", 1)
	if strings.Trim(dark[0], "█") != "" || strings.Trim(dark[len(dark)-1], "█▀") != "" {
		t.Errorf("the quiet zone on a dark terminal is not blocks: %q … %q", dark[0], dark[len(dark)-1])
	}
	light, _ := LinesOn("http://127.0.0.1:8080/t/x", 2, LightBackground)
	if strings.TrimSpace(light[0]) != "" || !strings.HasPrefix(light[5], "        ") {
		t.Errorf("the quiet zone on a light terminal is not blank: %q, %q", light[0], light[5])
	}
	big, _ := Lines("http://127.0.0.1:8080/t/x", 2)
	if len(big) != 2*len(dark)-1 && len(big) != 2*len(dark) {
		t.Errorf("scale 2 has %d lines, scale 1 %d: want twice as many", len(big), len(dark))
	}
}

func TestRefused(t *testing.T) {
	if _, err := Lines("x", 3); err == nil {
		t.Error("scale 3 was drawn")
	}
	if _, err := Lines(strings.Repeat("x", 5000), 1); err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("5000 characters: %v", err)
	}
}
