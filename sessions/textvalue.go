package sessions

import (
	"fmt"
	"strings"
)

// textValue is people's text in a session file. Text with line breaks is
// written as a TOML multi-line string, so a multi-line note reads in the
// file as it was typed and a change to one line diffs as one line.
type textValue string

// MarshalTOML writes the text as a TOML basic or multi-line basic string.
func (t textValue) MarshalTOML() ([]byte, error) {
	s := string(t)
	multi := strings.Contains(s, "\n")
	var b strings.Builder
	b.Grow(len(s) + 8)
	if multi {
		b.WriteString("\"\"\"\n")
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`) // escaping every quote rules out a stray """
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		b.WriteString("\"\"\"")
	} else {
		b.WriteByte('"')
	}
	return []byte(b.String()), nil
}
