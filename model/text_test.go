package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello", "hello"},
		{"trim", "  hi \n", "hi"},
		{"unicode kept", "Café — 你好 👋", "Café — 你好 👋"},
		{"newline and tab kept", "a\n\tb", "a\n\tb"},
		{"crlf", "a\r\nb\rc", "a\nb\nc"},
		{"csi colour", "\x1b[31mred\x1b[0m", "red"},
		{"csi clear", "a\x1b[2Jb", "ab"},
		{"csi private", "a\x1b[?1049hb", "ab"},
		{"osc title bel", "a\x1b]0;pwned\x07b", "ab"},
		{"osc hyperlink st", "a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two byte esc", "a\x1b7b\x1bcc", "abc"},
		{"esc at end", "ab\x1b", "ab"},
		{"charset", "a\x1b(Bb", "ab"},
		{"c0", "a\x00b\x07c\x08d", "abcd"},
		{"del", "a\x7fb", "ab"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 other", "a\u0085b", "ab"},
		{"c1 osc", "a\u009d0;x\u009cb", "ab"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"unterminated osc", "a\x1b]0;never ends", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.in); got != tt.want {
				t.Fatalf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanLabel(t *testing.T) {
	if got := CleanLabel(" Harbor\n\tTeam  "); got != "Harbor Team" {
		t.Fatalf("got %q", got)
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mx", "\x1b]0;t\x07", "\u009b1m", "\xff\xfe", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := CleanText(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		for _, r := range out {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("control %U left in %q (from %q)", r, out, in)
			}
		}
		if CleanText(out) != out {
			t.Fatalf("not idempotent: %q -> %q", out, CleanText(out))
		}
		if len(out) > len(in)*3+3 || strings.TrimSpace(out) != out {
			t.Fatalf("odd output %q from %q", out, in)
		}
	})
}
