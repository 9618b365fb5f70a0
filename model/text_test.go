package model

import (
	"regexp"
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

// completeSeq is the fuzz test's oracle, written from the rule rather than
// from text.go: it matches the complete control sequences (CSI; OSC, DCS,
// SOS, PM and APC up to BEL, ESC \ or ST with no ESC in between; ESC with
// intermediates and a final byte) in 7-bit and 8-bit forms, and, last, ESC
// and any printable ASCII byte after it, which is either a two-byte sequence
// such as ESC 7 or the introducer of an incomplete sequence: removed either
// way. Go's regexp takes the leftmost match, and the first alternative that
// matches there.
var completeSeq = regexp.MustCompile(strings.Join([]string{
	`(?:\x1b\[|\x{9b})[0-?]*[ -/]*[@-~]`,
	`(?:\x1b[\]PX^_]|[\x{90}\x{98}\x{9d}\x{9e}\x{9f}])[^\x07\x1b\x{9c}]*(?:\x07|\x1b\\|\x{9c})`,
	`\x1b[ -/]+[0-~]`,
	`\x1b[ -~]`,
}, "|"))

func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

// kept is what the oracle says must survive cleaning: the repaired input
// with CR LF and CR as newlines, without complete sequences (and
// introducers) and without controls, trimmed.
func kept(in string) string {
	s := strings.ReplaceAll(strings.ToValidUTF8(in, "\uFFFD"), "\r\n", "\n")
	var b strings.Builder
	for _, r := range completeSeq.ReplaceAllString(s, "") {
		switch {
		case r == '\r':
			b.WriteByte('\n')
		case !isControl(r):
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isSubsequence reports whether the runes of sub appear in s in order.
func isSubsequence(sub, s string) bool {
	rs := []rune(s)
	j := 0
	for _, r := range sub {
		for j < len(rs) && rs[j] != r {
			j++
		}
		if j == len(rs) {
			return false
		}
		j++
	}
	return true
}

func TestOracle(t *testing.T) {
	for in, want := range map[string]string{
		"a\x1b]0;t\x1b[31mx\x07":   "a0;tx",
		"\x1b[\x01x":               "x",
		"a\u009d b\x1b\\c\u009d d": "ac d",
		"a\u009d b\x1b7c":          "a bc",
		" \x1b(Bé\x1b(\n":          "é",
	} {
		if got := kept(in); got != want {
			t.Errorf("kept(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[31mx", "\x1b]0;t\x07", "\u009b1m", "\xff\xfe", "a\r\nb",
		"mojibake â€\u009d keep this part", "a\x1b]0;never ends", "\x1b[1;\u00e9",
		"a\x1b]0;t\x1b[31mx\x07", "\x1b]52;c;aGk=\x07", "\u0090\u0098\u009e\u009f x",
		"\x1b( \x1b(B\x1b \x1b", "\u009d\r\n\u009c\r", "\u009da\x1b]b\x07c", "\x1bP\u009cx\x1b[",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := CleanText(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		for _, r := range out {
			if isControl(r) {
				t.Fatalf("control %U left in %q (from %q)", r, out, in)
			}
		}
		if CleanText(out) != out {
			t.Fatalf("not idempotent: %q -> %q", out, CleanText(out))
		}
		if len(out) > len(in)*3+3 || strings.TrimSpace(out) != out {
			t.Fatalf("odd output %q from %q", out, in)
		}
		// Cleaning removes control sequences and nothing else: every
		// printable character outside a complete sequence survives, in
		// order, and nothing is added.
		if want := kept(in); !isSubsequence(want, out) {
			t.Fatalf("CleanText(%q) = %q lost printable text; want all of %q", in, out, want)
		}
		all := strings.ReplaceAll(strings.ReplaceAll(strings.ToValidUTF8(in, "\uFFFD"), "\r\n", "\n"), "\r", "\n")
		if !isSubsequence(out, all) {
			t.Fatalf("CleanText(%q) = %q is not taken from the input", in, out)
		}
	})
}
