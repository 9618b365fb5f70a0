package model

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
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

		// Sequences whose ESC (and BEL) something else took out.
		{"leftover osc 52", "]52;c;aGVsbG8=", ""},
		{"leftover osc 52 with its bel", "]52;c;aGVsbG8=\x07", ""},
		{"leftover osc 52 then words", "]52;c;aGVsbG8= hello", "hello"},
		{"leftover csi", "[2J[31m", ""},
		{"leftover csi around words", "before [2J[31mred[0m after", "before red after"},
		{"leftover sgr then a footnote", "[1;31mError[0m: see [1]", "Error: see [1]"},
		{"leftover true colour", "[38;2;255;0;0mred", "red"},
		{"leftover private modes", "[?1049h[?25lx", "x"},
		{"leftover paste markers", "[200~pasted[201~", "pasted"},
		{"leftover home and clear", "[H[2Jx", "x"},
		{"leftover erase at the end of a line", "done[K\nnext", "done\nnext"},
		{"leftover reset alone", "[m", ""},
		{"leftover hyperlink", "]8;;http://example.com\\link]8;;\\", "link"},
		{"leftover title with spaces", "]0;a title\\b", "b"},
		{"leftover title to the end", "a ]2;title", "a"},
		{"leftovers in a coloured log", "[[0;32m  OK  [0m] Started", "[  OK  ] Started"},
		{"a zero-width space hides a leftover", "[\u200b2J", ""},

		// People's own brackets stay.
		{"footnote", "[1] see item 3", "[1] see item 3"},
		{"lone closing bracket", "a]b", "a]b"},
		{"room", "Room [2B] at [10:30]", "Room [2B] at [10:30]"},
		{"minutes", "[5min] break", "[5min] break"},
		{"ordinals", "[1st] draft, [2nd] review, [3rd]", "[1st] draft, [2nd] review, [3rd]"},
		{"checkboxes", "[x] done [ ] todo [X]", "[x] done [ ] todo [X]"},
		{"letters", "[A] yes [B] no [H]", "[A] yes [B] no [H]"},
		{"a name", "[Kevin] said", "[Kevin] said"},
		{"a link", "see [the notes](http://x) [[wiki]]", "see [the notes](http://x) [[wiki]]"},
		{"code", "arr[i] = v[2]; [v2] [2023-12-01] [10%] :-] ]]>", "arr[i] = v[2]; [v2] [2023-12-01] [10%] :-] ]]>"},
		{"a word after a bracket", "x [3x faster] [12:30pm]", "x [3x faster] [12:30pm]"},
		{"a lone bracket before a letter", "[Note to self", "[Note to self"},
		{"nested", "a [b] c]d", "a [b] c]d"},

		// Removing one leftover never makes another out of its neighbours,
		// so cleaning twice changes nothing.
		{"no leftover joined", "[1;[2Jm", "[1;[2Jm"},
		{"no osc joined", "]5[2J2;x", "]5[2J2;x"},

		// Invisible characters that change what is shown.
		{"bidi override", "Pay the \u202eecioval\u202c invoice", "Pay the ecioval invoice"},
		{"bidi isolates and marks", "a\u2066b\u2069c\u200ed\u200fe\u061cf\u202ag\u202bh\u202di", "abcdefghi"},
		{"zero-width space", "Da\u200bna", "Dana"},
		{"byte order mark", "\ufeffhello", "hello"},
		{"word joiner", "a\u2060b", "ab"},
		{"joiner in emoji", "👩\u200d💻 and 👨\u200d👩\u200d👧", "👩\u200d💻 and 👨\u200d👩\u200d👧"},
		{"joiner in a flag", "🏳\ufe0f\u200d🌈 👩🏽\u200d💻", "🏳\ufe0f\u200d🌈 👩🏽\u200d💻"},
		{"non-joiner in Persian", "می\u200cخواهم", "می\u200cخواهم"},
		{"joiner in Devanagari", "क्\u200dष", "क्\u200dष"},
		{"joiner between Latin letters", "Da\u200dna", "Dana"},
		{"joiners at the ends", "\u200d👩\u200c", "👩"},
		{"doubled joiner", "👨\u200d\u200d👩", "👨\u200d👩"},
		{"joiner across an invisible", "👨\u200d\u200b👩", "👨\u200d👩"},
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
	for in, want := range map[string]string{
		" Harbor\n\tTeam  ":           "Harbor Team",
		"Harbor \u009dTeam":           "Harbor Team",
		"Harbor  Team":                "Harbor  Team",
		"[2J Harbor [31mTeam [0m":     "Harbor Team",
		"Dana\u202e":                  "Dana",
		"D\u200bana \u2066[2B]\u2069": "Dana [2B]",
		"[1;\n[2Jm":                   "[1; m",
	} {
		if got := CleanLabel(in); got != want {
			t.Errorf("CleanLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// StripControls shows names as they are: leftovers of sequences stay (they
// move no cursor), invisible characters go.
func TestStripControls(t *testing.T) {
	for in, want := range map[string]string{
		" a\x1b[2Jb [2J ":            " ab [2J ",
		"evil\u202etxt.toml":         "eviltxt.toml",
		"notes \u200b[1].toml\n":     "notes [1].toml\n",
		"👩\u200d💻 \u009b31mx\u009dy": "👩\u200d💻 xy",
	} {
		if got := StripControls(in); got != want {
			t.Errorf("StripControls(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCleanTextLinear guards against quadratic time: a string sequence with
// no terminator no longer swallows the text after it, so a long run of
// introducers must not each search to the end of the text.
func TestCleanTextLinear(t *testing.T) {
	for _, unit := range []string{"\u009d", "\u009dx", "\x1b]", "\u0090\u009b1", "\x1b[1",
		"[1m", "[[1m", "]0;", "]0;x ", "[1;[2J", "[1;[2J]0;x ", "]5[2J", "[2B", "[1;" + strings.Repeat("]0;x ", 50), "\u200d", "👨\u200d"} {
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

// visibleOnly is s without the characters RemoveInvisible may take out:
// for comparing what people can see.
func visibleOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if isInvisible(r) || r == zwj || r == zwnj {
			return -1
		}
		return r
	}, s)
}

// joinsOnlyWhereItCan reports whether every zero-width joiner or non-joiner
// in s stands between two characters it can join.
func joinsOnlyWhereItCan(s string) bool {
	rs := []rune(s)
	for i, r := range rs {
		if (r == zwj || r == zwnj) && (i == 0 || i == len(rs)-1 || !joinable(rs[i-1]) || !joinable(rs[i+1])) {
			return false
		}
	}
	return true
}

// wordsSurvive reports whether every field of want (a run between
// whitespace) that holds no bracket appears in out, in order. Leftovers of
// sequences begin at a bracket and hold no whitespace, so removing them
// never touches such a word; the one exception, a window title running to a
// backslash, is why text with a backslash is not checked this way.
func wordsSurvive(want, out string) bool {
	for _, w := range strings.Fields(want) {
		if strings.ContainsAny(w, "[]") {
			continue
		}
		i := strings.Index(out, w)
		if i < 0 {
			return false
		}
		out = out[i+len(w):]
	}
	return true
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[31mx", "\x1b]0;t\x07", "\u009b1m", "\xff\xfe", "a\r\nb",
		"mojibake â€\u009d keep this part", "a\x1b]0;never ends", "\x1b[1;\u00e9",
		"a\x1b]0;t\x1b[31mx\x07", "\x1b]52;c;aGk=\x07", "\u0090\u0098\u009e\u009f x",
		"\x1b( \x1b(B\x1b \x1b", "\u009d\r\n\u009c\r", "\u009da\x1b]b\x07c", "\x1bP\u009cx\x1b[",
		// Leftovers of sequences whose ESC was lost, and people's brackets.
		"]52;c;aGVsbG8=\x07", "[2J[31m", "before [2J[31mred[0m after", "]8;;http://x\\link]8;;\\",
		"[1] see item 3", "a]b", "[2B] [5min] [x] [A]", "[[0;32m  OK  [0m]", "[1;[2Jm", "]5[2J2;x",
		"[1;\n[2Jm", "[H\n[K [", "]0;a b\\c", "[\u200b2J",
		// Invisible characters.
		"Pay the \u202eecioval\u202c invoice", "Da\u200bna \ufeff", "👩\u200d💻", "Da\u200dna",
		"👨\u200d\u200d👩\u200c", "می\u200cخواهم",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := CleanText(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		for _, r := range out {
			if isControl(r) || isInvisible(r) {
				t.Fatalf("%U left in %q (from %q)", r, out, in)
			}
		}
		if !joinsOnlyWhereItCan(out) {
			t.Fatalf("a joiner that joins nothing left in %q (from %q)", out, in)
		}
		if CleanText(out) != out {
			t.Fatalf("not idempotent: %q -> %q", out, CleanText(out))
		}
		if len(out) > len(in)*3+3 || strings.TrimSpace(out) != out {
			t.Fatalf("odd output %q from %q", out, in)
		}
		all := strings.ReplaceAll(strings.ReplaceAll(strings.ToValidUTF8(in, "\uFFFD"), "\r\n", "\n"), "\r", "\n")
		if !isSubsequence(out, all) {
			t.Fatalf("CleanText(%q) = %q is not taken from the input", in, out)
		}
		label := CleanLabel(in)
		spaced := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return ' '
				}
				return r
			}, s)
		}
		if CleanLabel(label) != label || strings.ContainsAny(label, "\n\t") || !isSubsequence(spaced(label), spaced(all)) {
			t.Fatalf("CleanLabel(%q) = %q, cleaned again %q", in, label, CleanLabel(label))
		}
		// Cleaning removes control sequences, their leftovers and invisible
		// characters, and nothing else: every printable character outside
		// a complete sequence survives, in order, and where there are
		// brackets every word that holds none; nothing is added.
		want, got := strings.TrimSpace(visibleOnly(kept(in))), visibleOnly(out)
		switch {
		case !strings.ContainsAny(want, "[]"):
			if !isSubsequence(want, got) {
				t.Fatalf("CleanText(%q) = %q lost printable text; want all of %q", in, out, want)
			}
		case !strings.Contains(want, "\\"):
			if !wordsSurvive(want, got) {
				t.Fatalf("CleanText(%q) = %q lost words of %q", in, out, want)
			}
		}
	})
}

// TestCleaningTwiceChangesNothing cleans strings made of the pieces the
// leftover rules look at, where a removal could make a new leftover of its
// neighbours: what is saved and read back must not change again. The seed
// is fixed, so every run tries the same strings.
func TestCleaningTwiceChangesNothing(t *testing.T) {
	pieces := []string{"[", "]", "0", "1", ";", "?", "m", "J", "H", " ", "\n", "\\", "x", "\u200d", "👩",
		"\x1b", "\x07", "]0;", "[1;", "[2J", "]5", "[m", "\u200b", "\u00a0", "\u202e", "\r"}
	r := rand.New(rand.NewPCG(21, 15))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for i := r.IntN(24); i > 0; i-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := b.String()
		if out := CleanText(in); CleanText(out) != out {
			t.Fatalf("CleanText(%q) = %q, and cleaned again %q", in, out, CleanText(out))
		}
		if out := CleanLabel(in); CleanLabel(out) != out {
			t.Fatalf("CleanLabel(%q) = %q, and cleaned again %q", in, out, CleanLabel(out))
		}
	}
}
