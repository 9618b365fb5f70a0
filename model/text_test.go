package model

import (
	"strings"
	"testing"
	"time"
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
		{"csi clear alone", "\x1b[2J", ""},
		{"csi private", "a\x1b[?1049hb", "ab"},
		{"csi intermediate", "a\x1b[1 qb", "ab"},
		{"osc title bel", "a\x1b]0;pwned\x07b", "ab"},
		{"osc hyperlink st", "a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"osc 52 clipboard", "a\x1b]52;c;aGk=\x07b", "ab"},
		{"osc 8-bit st", "a\x1b]0;t\u009cb", "ab"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two byte esc", "a\x1b7b\x1bcc", "abc"},
		{"esc at end", "ab\x1b", "ab"},
		{"lone esc", "a\x1b\x1b[31mb\x1bé", "abé"},
		{"charset", "a\x1b(Bb", "ab"},
		{"c0", "a\x00b\x07c\x08d", "abcd"},
		{"del", "a\x7fb", "ab"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 other", "a\u0085b", "ab"},
		{"c1 osc", "a\u009d0;x\u009cb", "ab"},
		{"c1 osc bel", "a\u009d0;x\x07b", "ab"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},

		// An incomplete or malformed sequence loses its introducer only.
		{"unterminated osc", "a\x1b]0;never ends", "a0;never ends"},
		{"unterminated esc ]", "a\x1b] keep this", "a keep this"},
		{"unterminated dcs sos pm apc", "\x1bPa \x1bXb \x1b^c \x1b_d", "a b c d"},
		{"mojibake", "mojibake â€\u009d keep this part", "mojibake â€ keep this part"},
		{"unterminated c1 dcs", "a\u0090 keep", "a keep"},
		{"unterminated c1 sos", "a\u0098 keep", "a keep"},
		{"unterminated c1 pm", "a\u009e keep", "a keep"},
		{"unterminated c1 apc", "a\u009f keep", "a keep"},
		{"c1 osc with st", "a\u009d keep? no\u009cb", "ab"},
		{"two stray c1 osc", "“a\u009d and b\u009d”", "“a and b”"},
		{"csi with a c0 inside", "\x1b[\x01x", "x"},
		{"csi with a letter outside its grammar", "\x1b[1;\u00e9", "1;é"},
		{"csi parameter after intermediate", "a\x1b[1 2mb", "a1 2mb"},
		{"unterminated csi", "a\x1b[12;", "a12;"},
		{"unterminated c1 csi", "a\u009b12", "a12"},
		{"c1 csi malformed", "a\u009b1\nb", "a1\nb"},
		{"unterminated intermediate", "a\x1b(", "a"},
		{"intermediate then a non-final byte", "a\x1b(é", "aé"},
		{"osc interrupted by a csi", "a\x1b]0;t\x1b[31mx\x07", "a0;tx"},
		{"c1 osc interrupted by a csi", "a\u009d0;t\x1b[31mx", "a0;tx"},
		{"osc terminated after the crlf", "a\x1b]0;t\r\nu\x07b", "ab"},
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
	if got := CleanLabel("Harbor \u009dTeam"); got != "Harbor Team" {
		t.Fatalf("got %q", got)
	}
}

// TestCleanTextLinear guards against quadratic time: a string sequence with
// no terminator no longer swallows the text after it, so a long run of
// introducers must not each search to the end of the text.
func TestCleanTextLinear(t *testing.T) {
	for _, unit := range []string{"\u009d", "\u009dx", "\x1b]", "\u0090\u009b1", "\x1b[1"} {
		in := strings.Repeat(unit, (1<<20)/len(unit))
		done := make(chan struct{})
		go func() {
			CleanText(in)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second): // linear takes milliseconds
			t.Fatalf("cleaning 1 MiB of %q takes more than 5s", unit)
		}
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
