package calendar

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file is a strict reader of iCalendar files for the tests, written
// from RFC 5545 and independent of the library that writes them: it
// refuses what some calendar apps would quietly mangle. It always runs,
// whether or not a second parser (Python's icalendar) is installed.

// property is one content line, unfolded: NAME;PARAM=VALUE:value.
type property struct {
	name   string
	params map[string]string
	value  string // as written, still escaped
}

// component is BEGIN:NAME … END:NAME, with its properties and the
// components inside it.
type component struct {
	name     string
	props    []property
	children []*component
}

// all is every property of c with this name.
func (c *component) all(name string) []property {
	var out []property
	for _, p := range c.props {
		if p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// value is the one value of the property name, "" when c lacks it.
func (c *component) value(name string) string {
	if ps := c.all(name); len(ps) > 0 {
		return ps[0].value
	}
	return ""
}

// text is the value of the TEXT property name, unescaped.
func (c *component) text(name string) string { return unescapeText(c.value(name)) }

// events are the VEVENTs of the calendar.
func (c *component) events() []*component {
	var out []*component
	for _, ch := range c.children {
		if ch.name == "VEVENT" {
			out = append(out, ch)
		}
	}
	return out
}

// textProperties are the properties Pit Stop writes as free text, whose
// commas and semicolons must be escaped.
var textProperties = map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "X-WR-CALNAME": true, "UID": true}

// parseStrict reads an iCalendar file, failing on the first thing RFC 5545
// does not allow or that Pit Stop must always write:
//   - every line ends in CRLF, with no CR or LF anywhere else;
//   - no line is longer than 75 octets, and none splits a UTF-8 character;
//   - folded lines go on with one space or tab, and there are no empty lines;
//   - property names are letters, digits and dashes; no control
//     characters in values but tab;
//   - BEGIN and END balance and match, in one VCALENDAR;
//   - VCALENDAR has VERSION:2.0 and PRODID once each; every VEVENT has
//     UID, DTSTAMP and DTSTART once each, and no two share a UID;
//   - TEXT values escape backslashes, commas, semicolons and newlines.
func parseStrict(data []byte) (*component, error) {
	if len(data) == 0 || !bytes.HasSuffix(data, []byte("\r\n")) {
		return nil, fmt.Errorf("the file does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var logical []string
	for i, line := range physical {
		n := i + 1
		switch {
		case strings.ContainsAny(line, "\r\n"):
			return nil, fmt.Errorf("line %d has a bare CR or LF: %q", n, line)
		case len(line) > 75:
			return nil, fmt.Errorf("line %d is %d octets, more than 75: %q", n, len(line), line)
		case !utf8.ValidString(line):
			return nil, fmt.Errorf("line %d splits a UTF-8 character: %q", n, line)
		case line == "":
			return nil, fmt.Errorf("line %d is empty", n)
		case line[0] == ' ' || line[0] == '\t':
			if len(logical) == 0 {
				return nil, fmt.Errorf("line %d goes on a line that is not there", n)
			}
			logical[len(logical)-1] += line[1:]
		default:
			logical = append(logical, line)
		}
	}

	var root *component
	var open []*component
	for i, line := range logical {
		p, err := parseContentLine(line)
		if err != nil {
			return nil, fmt.Errorf("content line %d: %w", i+1, err)
		}
		switch p.name {
		case "BEGIN":
			c := &component{name: p.value}
			if len(open) == 0 {
				if root != nil {
					return nil, fmt.Errorf("content line %d: a second top-level component %s", i+1, p.value)
				}
				root = c
			} else {
				parent := open[len(open)-1]
				parent.children = append(parent.children, c)
			}
			open = append(open, c)
		case "END":
			if len(open) == 0 || open[len(open)-1].name != p.value {
				return nil, fmt.Errorf("content line %d: END:%s does not close what is open", i+1, p.value)
			}
			open = open[:len(open)-1]
		default:
			if len(open) == 0 {
				return nil, fmt.Errorf("content line %d: %s outside any component", i+1, p.name)
			}
			if textProperties[p.name] {
				if err := checkEscaped(p.value); err != nil {
					return nil, fmt.Errorf("content line %d (%s): %w", i+1, p.name, err)
				}
			}
			c := open[len(open)-1]
			c.props = append(c.props, p)
		}
	}
	if len(open) != 0 {
		return nil, fmt.Errorf("%s is never ended", open[len(open)-1].name)
	}
	if root == nil || root.name != "VCALENDAR" {
		return nil, fmt.Errorf("the file is not a VCALENDAR")
	}
	if err := once(root, "VERSION", "PRODID"); err != nil {
		return nil, err
	}
	if v := root.value("VERSION"); v != "2.0" {
		return nil, fmt.Errorf("VERSION is %q, want 2.0", v)
	}
	uids := map[string]bool{}
	for _, ev := range root.events() {
		if err := once(ev, "UID", "DTSTAMP", "DTSTART"); err != nil {
			return nil, err
		}
		if uid := ev.value("UID"); uids[uid] {
			return nil, fmt.Errorf("two events have the UID %s", uid)
		} else {
			uids[uid] = true
		}
	}
	return root, nil
}

// once checks that c has each of these properties exactly once.
func once(c *component, names ...string) error {
	for _, name := range names {
		if n := len(c.all(name)); n != 1 {
			return fmt.Errorf("%s has %s %d times, want once", c.name, name, n)
		}
	}
	return nil
}

// parseContentLine splits NAME;PARAM=VALUE;…:value.
func parseContentLine(line string) (property, error) {
	end := strings.IndexAny(line, ";:")
	if end <= 0 {
		return property{}, fmt.Errorf("no name and colon in %q", line)
	}
	p := property{name: line[:end], params: map[string]string{}}
	for _, r := range p.name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return property{}, fmt.Errorf("%q is not a property name", p.name)
		}
	}
	rest := line[end:]
	for strings.HasPrefix(rest, ";") {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			return property{}, fmt.Errorf("a parameter without a value in %q", line)
		}
		key, val := rest[1:eq], ""
		rest = rest[eq+1:]
		if strings.HasPrefix(rest, `"`) {
			q := strings.IndexByte(rest[1:], '"')
			if q < 0 {
				return property{}, fmt.Errorf("an unclosed quote in %q", line)
			}
			val, rest = rest[1:q+1], rest[q+2:]
		} else {
			stop := strings.IndexAny(rest, ";:")
			if stop < 0 {
				return property{}, fmt.Errorf("no colon in %q", line)
			}
			val, rest = rest[:stop], rest[stop:]
		}
		p.params[key] = val
	}
	if !strings.HasPrefix(rest, ":") {
		return property{}, fmt.Errorf("no colon in %q", line)
	}
	p.value = rest[1:]
	for _, r := range p.value {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return property{}, fmt.Errorf("a control character %U in %q", r, line)
		}
	}
	return p, nil
}

// checkEscaped checks a TEXT value: a backslash only before \ ; , n or N,
// and no bare comma or semicolon (Pit Stop writes one text per property).
func checkEscaped(v string) error {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if i+1 == len(v) || !strings.ContainsRune(`\;,nN`, rune(v[i+1])) {
				return fmt.Errorf("a backslash escapes nothing it may in %q", v)
			}
			i++
		case ',', ';':
			return fmt.Errorf("an unescaped %q in %q", v[i], v)
		}
	}
	return nil
}

// unescapeText reads a TEXT value as RFC 5545 section 3.3.11 writes it.
func unescapeText(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			if v[i] == 'n' || v[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(v[i])
			}
			continue
		}
		b.WriteByte(v[i])
	}
	return b.String()
}
