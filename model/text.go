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

// CleanText makes text typed or pasted by people safe to store and to draw:
// it removes terminal escape sequences (CSI, OSC, DCS and the like), C0
// control characters other than newline and tab, DEL and C1 controls,
// replaces invalid UTF-8, turns CR LF and lone CR into newlines and trims
// surrounding space. A stored ESC would come back from the TOML file as a
// real ESC and be replayed on every screen that draws the text.
func CleanText(s string) string {
	if !needsCleaning(s) {
		return strings.TrimSpace(s)
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b: // ESC: drop the whole sequence it introduces
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			// 8-bit CSI, OSC, DCS, SOS, PM and APC introduce sequences too.
			i += size + sequenceBodyLen(s[i+size:], r != 0x9b)
			continue
		case r == '\r':
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			// other controls are dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.TrimSpace(b.String())
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

// escapeLen returns how many bytes of s (which starts with ESC) belong to the
// escape sequence.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40–0x7e
		return 2 + sequenceBodyLen(s[2:], false)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST
		return 2 + sequenceBodyLen(s[2:], true)
	}
	if s[1] >= 0x20 && s[1] <= 0x2f { // intermediates, then one final byte
		j := 1
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			j++
		}
		return j
	}
	if s[1] >= 0x80 || s[1] < 0x20 {
		return 1 // a lone ESC: keep what follows, it is not part of a sequence
	}
	return 2 // a two-byte sequence such as ESC 7 or ESC c
}

// sequenceBodyLen measures the body of a control sequence. A string sequence
// (OSC, DCS, …) ends at BEL, ESC \ or the 8-bit ST; a CSI ends at its final
// byte. An unterminated sequence swallows the rest of the text, as a
// terminal would.
func sequenceBodyLen(s string, stringSeq bool) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if stringSeq {
			switch {
			case c == 0x07:
				return i + 1
			case c == 0x1b:
				if i+1 < len(s) && s[i+1] == '\\' {
					return i + 2
				}
				return i
			case c == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c: // U+009C ST
				return i + 2
			}
			continue
		}
		if c >= 0x40 && c <= 0x7e {
			return i + 1
		}
		if c < 0x20 || c >= 0x7f {
			return i // malformed: stop before the odd byte
		}
	}
	return len(s)
}
