package main

import (
	"testing"

	"pitstop/internal/qrcode"
)

func TestQRBackground(t *testing.T) {
	for v, want := range map[string]qrcode.Background{
		"":        qrcode.DarkBackground,
		"15;0":    qrcode.DarkBackground,
		"0;15":    qrcode.LightBackground,
		"0;7":     qrcode.LightBackground,
		"7;8":     qrcode.DarkBackground,
		"0;x":     qrcode.DarkBackground,
		"15;7;0":  qrcode.DarkBackground,
		"default": qrcode.DarkBackground,
	} {
		if got := qrBackground(v); got != want {
			t.Errorf("COLORFGBG=%q: %v, want %v", v, got, want)
		}
	}
}
