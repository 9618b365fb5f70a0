package model

import (
	"strings"
	"unicode/utf8"
)

// Limits on the size of people's text. They are generous for a workshop and
// small enough that one pasted log file cannot make a session unusable.
const (
	MaxTextBytes  = 8 << 10 // a note or a board item
	MaxLabelBytes = 200     // a title, team, owner, name or role
)

// CleanText makes text typed or pasted by people (or read from a file) safe
// to store and to draw: it removes terminal escape sequences (CSI, OSC, DCS,
// SOS, PM, APC and the two-byte ESC sequences, in their 7-bit and 8-bit
// forms), C0 control characters other than newline and tab, DEL and C1
// controls, replaces invalid UTF-8 with U+FFFD, turns CR LF and lone CR into
// newlines and trims surrounding space. A stored ESC would come back from the
// TOML file as a real ESC and be replayed on every screen that draws the
// text, so none is kept.
//
// It removes control sequences and nothing else. A complete sequence goes
// whole, from its introducer to its final byte or terminator. An incomplete
// or malformed one (a string with no terminator, a string interrupted by an
// ESC that is not ESC \, a CSI interrupted by a byte outside its grammar)
// loses only its introducer, ESC and the byte after it or the single C1
// character, and what follows is cleaned as ordinary text. A terminal would
// hide everything up to a terminator that never comes; here that would lose
// people's words to one stray character, such as the U+009D that
// mis-decoded Windows-1252 leaves ("â€\u009d" for a closing quote).
//
// Text that needs no cleaning is only trimmed, so cleaning on every
// keypress stays cheap.
func CleanText(s string) string {
	if !needsCleaning(s) {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(stripControls(s))
}

// StripControls is CleanText without the trimming: every control sequence
// and control character but newline and tab taken out, and nothing else
// changed. It is for text on its way to a terminal that was not typed by
// people, such as the file names and messages a command prints.
func StripControls(s string) string {
	if !needsCleaning(s) {
		return s
	}
	return stripControls(s)
}

func stripControls(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	c := cleaner{s: s, stop: -1}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += c.escapeLen(i)
			continue
		case r == 0x9b: // 8-bit CSI
			i += size + csiLen(s[i+size:])
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f:
			// 8-bit DCS, SOS, OSC, PM and APC
			i += size + c.stringLen(i+size)
			continue
		case r == '\r':
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			// other controls are dropped one by one
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// CleanLabel cleans a one-line field (title, team, owner): like CleanText,
// and any line breaks or tabs become single spaces.
func CleanLabel(s string) string {
	s = CleanText(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c >= 0x80 {
			// Bytes >= 0x80 may be C1 controls or invalid UTF-8; look closer.
			if c >= 0x80 {
				return hasC1OrInvalid(s[i:])
			}
			return true
		}
	}
	return false
}

func hasC1OrInvalid(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return true
		}
	}
	return false
}

// cleaner measures the control sequences of s, which is valid UTF-8.
type cleaner struct {
	s string
	// stop is where the last search for the end of a string sequence
	// stopped (the index of a BEL, ESC or ST, or len(s)); -1 before the
	// first. A string with no terminator does not swallow the text after
	// it, so that text may hold more introducers; without this each would
	// search to the end again, and a pasted run of U+009D would take
	// quadratic time.
	stop int
}

// escapeLen returns how many bytes to drop at s[i], an ESC: the whole
// sequence if it is complete, else ESC and the byte after it when that byte
// introduces a sequence, else the ESC alone.
func (c *cleaner) escapeLen(i int) int {
	s := c.s
	if i+1 >= len(s) {
		return 1 // ESC at the end
	}
	switch b := s[i+1]; {
	case b == '[': // CSI
		return 2 + csiLen(s[i+2:])
	case b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_': // OSC, DCS, SOS, PM, APC
		return 2 + c.stringLen(i+2)
	case b >= 0x20 && b <= 0x2f: // intermediates, then one final byte 0x30–0x7e
		j := i + 2
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			return j + 1 - i
		}
		return 2
	case b >= 0x30 && b <= 0x7e: // a two-byte sequence such as ESC 7 or ESC c
		return 2
	}
	return 1 // a lone ESC: what follows is not part of a sequence
}

// csiLen returns the length of the rest of a CSI, the part after its
// introducer: parameter bytes 0x30–0x3f, intermediate bytes 0x20–0x2f and a
// final byte 0x40–0x7e. It returns 0 if s does not start with that.
func csiLen(s string) int {
	j := 0
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		return j + 1
	}
	return 0
}

// stringLen returns the length of the body and terminator of a string
// sequence (OSC, DCS, SOS, PM, APC) whose body starts at s[i]. The body ends
// at BEL, ESC \ or U+009C ST; it returns 0 if the body reaches an ESC that
// is not ESC \, or the end of the text, first.
func (c *cleaner) stringLen(i int) int {
	s := c.s
	if c.stop < i {
		c.stop = len(s)
		for j := i; j < len(s); j++ {
			if s[j] == 0x07 || s[j] == 0x1b || (s[j] == 0xc2 && j+1 < len(s) && s[j+1] == 0x9c) {
				c.stop = j
				break
			}
		}
	}
	switch j := c.stop; {
	case j == len(s):
		return 0
	case s[j] == 0x07:
		return j + 1 - i
	case s[j] == 0x1b:
		if j+1 < len(s) && s[j+1] == '\\' {
			return j + 2 - i
		}
		return 0
	default: // U+009C, two bytes
		return j + 2 - i
	}
}
