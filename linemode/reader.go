package linemode

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLine is the longest line read: a note's limit and room to spare.
const maxLine = 64 << 10

// errInterrupted is ctrl+c or ctrl+d typed at a terminal: leave.
var errInterrupted = errors.New("interrupted")

// lineReader reads what a person types, a line at a time. From a pipe or
// a terminal that edits lines itself (ssh without -t, a local terminal in
// its usual mode) lines come whole. From a terminal that sends every key
// as it is typed (ssh -t), it echoes what is typed, lets backspace take a
// character back, and ends the line at enter; keys that are not text, such
// as the arrows, are left out.
type lineReader struct {
	in   *bufio.Reader
	echo io.Writer // nil: the input edits its own lines
}

func newLineReader(in io.Reader, echo io.Writer) *lineReader {
	return &lineReader{in: bufio.NewReaderSize(in, 4096), echo: echo}
}

// readLine returns the next line, without its end.
func (r *lineReader) readLine() (string, error) {
	if r.echo == nil {
		return r.wholeLine()
	}
	var line []rune
	for {
		c, _, err := r.in.ReadRune()
		if err != nil {
			if len(line) > 0 && errors.Is(err, io.EOF) {
				return string(line), nil
			}
			return "", err
		}
		switch {
		case c == '\r' || c == '\n':
			r.write("\r\n")
			return string(line), nil
		case c == 0x03 || (c == 0x04 && len(line) == 0):
			r.write("\r\n")
			return "", errInterrupted
		case c == 0x7f || c == 0x08:
			if len(line) > 0 {
				line = line[:len(line)-1]
				r.write("\b \b")
			}
		case c == 0x1b:
			r.skipSequence()
		case c == '\t':
			line = append(line, ' ')
			r.write(" ")
		case unicode.IsPrint(c) && len(line) < maxLine:
			line = append(line, c)
			r.write(string(c))
		}
	}
}

// wholeLine reads a line from input that edits its own: up to the newline,
// a carriage return before it dropped, and no longer than maxLine (the
// rest of a longer one is read and left out).
func (r *lineReader) wholeLine() (string, error) {
	var b strings.Builder
	for {
		part, isPrefix, err := r.in.ReadLine()
		if err != nil {
			if b.Len() > 0 && errors.Is(err, io.EOF) {
				return b.String(), nil
			}
			return "", err
		}
		if b.Len() < maxLine {
			b.Write(part[:min(len(part), maxLine-b.Len())])
		}
		if !isPrefix {
			line := strings.TrimSuffix(b.String(), "\r")
			if !utf8.ValidString(line) {
				line = strings.ToValidUTF8(line, "")
			}
			return line, nil
		}
	}
}

// skipSequence reads past the rest of an escape sequence (an arrow key,
// say): ESC [ parameters final, or ESC and one more character.
func (r *lineReader) skipSequence() {
	c, _, err := r.in.ReadRune()
	if err != nil || (c != '[' && c != 'O') {
		return
	}
	for {
		c, _, err := r.in.ReadRune()
		if err != nil || (c >= 0x40 && c <= 0x7e) {
			return
		}
	}
}

func (r *lineReader) write(s string) {
	if r.echo != nil {
		_, _ = io.WriteString(r.echo, s)
	}
}
