package strictoml

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Limits bound the files Decode agrees to parse. They are checked by a quick
// scan before the real parse, because BurntSushi/toml slows down badly on
// some input: a few kilobytes of [[[[... or {a={a={... take it seconds and
// a hundred kilobytes minutes. It spells out the full name of every key it
// stores, so keys many tables deep, or with a long name, cost it in
// proportion for each key under them.
type Limits struct {
	// MaxBytes is the largest file accepted, in bytes.
	MaxBytes int
	// MaxDepth is how deeply arrays and inline tables may nest: each [ or {
	// around a value is one level.
	MaxDepth int
	// MaxKeyDepth is how many tables deep a key may be, counting itself:
	// each part of its [table] or [[table]] header ([stop] is one,
	// [stop.extra] two), each part of its own name (a.b = ... is two), and
	// each key holding an inline table it is in. So in
	//
	//	[[stop]]
	//	prompts = ["one", "two"]
	//	extra = {colour = "red"}
	//
	// prompts is at key depth 2 and colour at 3.
	MaxKeyDepth int
	// MaxKeyLength is the longest full name a key may have, in bytes as
	// written in the file: the parts of all those names, with the dots
	// between them (stop.prompts is 12, stop.extra.colour 17).
	MaxKeyLength int
	// NoInlineTables refuses every inline table ({...}): for files whose
	// writer never makes one, where a file of them is only a way to be
	// slow to parse.
	NoInlineTables bool
}

// DefaultLimits are what Decode uses. Pit Stop's own files nest one level
// (the prompts list of a [[stop]]), their keys are at most two deep and
// under 40 bytes with their table's name; the limits leave room for
// hand-editing while keeping the parser's work for each key and value
// small, so that its time grows only with the size of the file. 32 MiB is
// far more than a workshop definition needs and room for very long session
// files. Callers expecting more pass their own Limits to DecodeWithLimits.
var DefaultLimits = Limits{MaxBytes: 32 << 20, MaxDepth: 8, MaxKeyDepth: 4, MaxKeyLength: 128}

// orDefault fills zero fields from DefaultLimits; a negative field means no
// limit.
func (lim Limits) orDefault() Limits {
	if lim.MaxBytes == 0 {
		lim.MaxBytes = DefaultLimits.MaxBytes
	}
	if lim.MaxDepth == 0 {
		lim.MaxDepth = DefaultLimits.MaxDepth
	}
	if lim.MaxKeyDepth == 0 {
		lim.MaxKeyDepth = DefaultLimits.MaxKeyDepth
	}
	if lim.MaxKeyLength == 0 {
		lim.MaxKeyLength = DefaultLimits.MaxKeyLength
	}
	return lim
}

// CheckLimits returns a *FileError when data goes beyond lim (see Limits),
// located at the first byte past the size limit, or at the [, { or key part
// that goes one level too deep or makes a key too long. A zero field of lim
// means the default; a negative one, no limit.
//
// It reads just enough TOML to count levels (strings of every kind,
// comments, table headers, keys and brackets) and does not validate
// anything else: a file that passes may still fail to parse. It takes time
// proportional to the size of data and never fails otherwise.
func CheckLimits(name string, data []byte, lim Limits) error {
	if e := checkLimits(name, string(data), lim); e != nil {
		return e
	}
	return nil // not a typed nil in the interface
}

func checkLimits(name, src string, lim Limits) *FileError {
	lim = lim.orDefault()
	body := strings.TrimPrefix(src, bom) // as Decode does, so columns agree
	if lim.MaxBytes >= 0 && len(src) > lim.MaxBytes {
		off := max(0, lim.MaxBytes-(len(src)-len(body)))
		e := fileErrorAt(name, body, off, fmt.Sprintf(
			"the file is larger than %s (it is %s); Pit Stop's files are far smaller: is this the right file?",
			formatSize(lim.MaxBytes), formatSize(len(src))))
		e.Quote = "" // the line at the cut says nothing useful
		return e
	}
	sc := limitScanner{s: body, maxDepth: lim.MaxDepth, maxKeys: lim.MaxKeyDepth, maxName: lim.MaxKeyLength, noTables: lim.NoInlineTables, over: -1}
	for _, m := range []*int{&sc.maxDepth, &sc.maxKeys, &sc.maxName} {
		if *m < 0 {
			*m = math.MaxInt
		}
	}
	sc.document()
	var msg string
	switch sc.why {
	case noExcess:
		return nil
	case deepValue:
		msg = fmt.Sprintf("values nest deeper than %d levels here; Pit Stop's files never do: is this the right file?", lim.MaxDepth)
	case deepKey:
		msg = fmt.Sprintf("keys nest deeper than %d levels here (table names, dotted keys and inline tables all count); Pit Stop's files never do: is this the right file?", lim.MaxKeyDepth)
	case longKey:
		msg = fmt.Sprintf("this key is longer than %d bytes (with the names of the tables it is in); Pit Stop's keys are far shorter: is this the right file?", lim.MaxKeyLength)
	case inlineTable:
		msg = "this is an inline table ({...}); Pit Stop's session files have none: is this the right file?"
	}
	return fileErrorAt(name, body, sc.over, msg)
}

// fileErrorAt builds a FileError for byte offset off of src without the
// cost of an Index: one pass to find the line, and a quote of it. An offset
// inside a character means that character.
func fileErrorAt(name, src string, off int, msg string) *FileError {
	off = max(0, min(off, len(src)))
	for back := 0; back < utf8.UTFMax-1 && off > 0 && off < len(src) && !utf8.RuneStart(src[off]); back++ {
		off--
	}
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	line := 1 + strings.Count(src[:start], "\n")
	col := 1 + utf8.RuneCountInString(src[start:off])
	return &FileError{
		File: name, Line: line, Col: col, Msg: Printable(msg),
		Quote: quoteLine(strings.TrimSuffix(src[start:end], "\r"), col),
	}
}

// formatSize writes n bytes the way people say it: 32 MiB, 640 KiB, 900 bytes.
func formatSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// limitScanner finds the first place where a document goes beyond its
// limits. It follows TOML closely enough to agree with the parser on every
// document the parser accepts, and on every prefix of one up to the first
// error the parser would report (so the parser never gets deeper than the
// scanner counted); past such an error it just keeps going. Every step
// moves forward, and nothing is ever read twice, so the scan is linear.
type limitScanner struct {
	s        string
	i        int
	maxDepth int
	maxKeys  int
	maxName  int
	noTables bool   // an inline table is itself an excess
	over     int    // offset of the first excess, or -1
	why      excess // what it is
	deepest  place  // the deepest seen (for tests)
	// open holds the arrays and inline tables around the current
	// position, innermost last.
	open []frame
}

type excess int

const (
	noExcess    excess = iota
	deepValue          // a [ or { too deep
	deepKey            // a key part too many tables deep
	longKey            // a key part that makes the full name too long
	inlineTable        // an inline table where none is allowed
)

// place is a position in the document's tree: inside how many arrays and
// inline tables, how many keys deep, and how long the full name of the key
// there is.
type place struct{ level, keys, name int }

// frame is an array or inline table the scan is inside.
type frame struct {
	close byte  // ']' or '}'
	at    place // its own place, where each element or key starts from
}

// check records off as the first excess if p is beyond the limits, and
// then ends the scan.
func (sc *limitScanner) check(p place, off int) bool {
	sc.deepest.level = max(sc.deepest.level, p.level)
	sc.deepest.keys = max(sc.deepest.keys, p.keys)
	var why excess
	switch {
	case p.level > sc.maxDepth:
		why = deepValue
	case p.keys > sc.maxKeys:
		why = deepKey
	case p.name > sc.maxName:
		why = longKey
	default:
		return false
	}
	sc.over, sc.why = off, why
	sc.i = len(sc.s) // stop everything
	return true
}

func (sc *limitScanner) document() {
	var base place // the current table header's
	for sc.i < len(sc.s) {
		switch c := sc.s[sc.i]; c {
		case ' ', '\t', '\r', '\n':
			sc.i++
		case '#':
			sc.skipComment()
		case '[':
			sc.i++
			if sc.i < len(sc.s) && sc.s[sc.i] == '[' {
				sc.i++
			}
			// A header does not nest: its parts set the place of the
			// keys that follow. Its closing ']' or ']]' is skipped;
			// anything else is left to this loop (and to the parser,
			// which refuses it).
			base = sc.key(place{})
			for sc.i < len(sc.s) && sc.s[sc.i] == ']' {
				sc.i++
			}
		default:
			p := sc.key(base)
			if p == base { // not a key: the parser will refuse this line
				sc.skipLine()
				continue
			}
			sc.skipSpace()
			if sc.i < len(sc.s) && sc.s[sc.i] == '=' {
				sc.i++
				sc.value(p)
			}
		}
	}
}

// key reads a dotted key whose first part is one key below p, and returns
// the place of its last part (p itself if there is no key here).
func (sc *limitScanner) key(p place) place {
	for sc.i < len(sc.s) {
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			break
		}
		start := sc.i
		switch c := sc.s[sc.i]; {
		case c == '"':
			sc.basicString()
		case c == '\'':
			sc.literalString()
		case isBare(c):
			for sc.i < len(sc.s) && isBare(sc.s[sc.i]) {
				sc.i++
			}
		default:
			return p
		}
		if p.keys++; p.name > 0 {
			p.name++ // the dot
		}
		p.name += sc.i - start
		if sc.check(p, start) {
			return p
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) || sc.s[sc.i] != '.' {
			break
		}
		sc.i++
	}
	return p
}

// value reads the value of a key at p, with everything nested in it.
// Brackets are tracked on a stack rather than by recursion, so that nothing
// here costs more for deeper input.
func (sc *limitScanner) value(p place) {
	// p is always the place of what holds the value about to be read: its
	// key, or the array it is an element of.
	sc.open = sc.open[:0]
	for {
		sc.skipSpace()
		if len(sc.open) > 0 {
			sc.skipBlankLines()
		}
		if sc.i >= len(sc.s) {
			return
		}
		switch c := sc.s[sc.i]; c {
		case '[', '{':
			p.level++
			if sc.check(p, sc.i) {
				return
			}
			if c == '{' && sc.noTables {
				sc.over, sc.why, sc.i = sc.i, inlineTable, len(sc.s)
				return
			}
			sc.i++
			if c == '[' {
				sc.open = append(sc.open, frame{']', p})
				continue // its first element, or ']'
			}
			sc.open = append(sc.open, frame{'}', p})
			if k, ok := sc.tableKey(p); !ok {
				return
			} else if k.keys > p.keys {
				p = k
				continue // that key's value
			}
			// '}' follows: the closing code below takes it.
		case '"', '\'':
			sc.str()
		case ']', '}', ',':
			// An empty array or table, or junk; the code below sorts it out.
		default:
			// A number, boolean or date: up to whatever may follow a value.
			// (Dates may contain a space, so a space does not end them.)
			for sc.i < len(sc.s) && !strings.ContainsRune(",]}#\r\n[{\"'", rune(sc.s[sc.i])) {
				sc.i++
			}
		}
		// A value has ended. Close what ends with it, then go on with the
		// next element of an array or the next key of an inline table;
		// when nothing is open any more, the value is complete.
		next := false
		for !next {
			if len(sc.open) == 0 {
				return
			}
			sc.skipSpace()
			sc.skipBlankLines()
			if sc.i >= len(sc.s) {
				return
			}
			c, top := sc.s[sc.i], sc.open[len(sc.open)-1]
			sc.i++ // whatever it is, it is used up here
			switch {
			case c == top.close:
				sc.open = sc.open[:len(sc.open)-1]
			case c == ',' && top.close == ']':
				p, next = top.at, true
			case c == ',' && top.close == '}':
				k, ok := sc.tableKey(top.at)
				if !ok {
					return
				}
				if k.keys > top.at.keys {
					p, next = k, true
				}
			}
			// Anything else is junk the parser will refuse; it has been
			// stepped over so that the scan ends, whatever the input.
		}
	}
}

// tableKey reads `key =` in an inline table at t, and returns the place of
// the key's last part; or t itself if the table closes here instead ('}'
// is left for the caller: TOML 1.1, which BurntSushi accepts, allows a
// trailing comma). ok is false when the scan must stop.
func (sc *limitScanner) tableKey(t place) (k place, ok bool) {
	for {
		sc.skipSpace()
		sc.skipBlankLines()
		if sc.i >= len(sc.s) {
			return t, false
		}
		if sc.s[sc.i] == '}' {
			return t, true
		}
		k = sc.key(t)
		if sc.over >= 0 {
			return t, false
		}
		if k == t {
			sc.i++ // not a key: junk the parser will refuse
			continue
		}
		sc.skipSpace()
		if sc.i < len(sc.s) && sc.s[sc.i] == '=' {
			sc.i++
		}
		return k, true
	}
}

// str skips a string of any of the four kinds at sc.i.
func (sc *limitScanner) str() {
	switch {
	case strings.HasPrefix(sc.s[sc.i:], `"""`):
		sc.multiline('"')
	case strings.HasPrefix(sc.s[sc.i:], `'''`):
		sc.multiline('\'')
	case sc.s[sc.i] == '"':
		sc.basicString()
	default:
		sc.literalString()
	}
}

// basicString skips "..." with its escapes; it ends at the closing quote
// or, unclosed, at the end of the line.
func (sc *limitScanner) basicString() {
	sc.i++
	for {
		j := strings.IndexAny(sc.s[sc.i:], "\"\\\n")
		if j < 0 {
			sc.i = len(sc.s)
			return
		}
		switch sc.i += j; sc.s[sc.i] {
		case '"':
			sc.i++
			return
		case '\n':
			return
		default: // a backslash and what it escapes, unless that ends the line
			sc.i++
			if sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
				sc.i++
			}
		}
	}
}

// literalString skips '...', which has no escapes.
func (sc *limitScanner) literalString() {
	sc.i++
	if j := strings.IndexAny(sc.s[sc.i:], "'\n"); j < 0 {
		sc.i = len(sc.s)
	} else if sc.i += j; sc.s[sc.i] == '\'' {
		sc.i++
	}
}

// multiline skips a multi-line string: three double quotes on each side
// (with escapes inside) or three single quotes (without). Up to two more
// quotes may end the content, so four or five closing quotes are fine.
func (sc *limitScanner) multiline(q byte) {
	delim, stops := `"""`, `"\`
	if q == '\'' {
		delim, stops = `'''`, `'`
	}
	sc.i += 3
	for {
		j := strings.IndexAny(sc.s[sc.i:], stops)
		if j < 0 {
			sc.i = len(sc.s)
			return
		}
		sc.i += j
		switch {
		case sc.s[sc.i] == '\\':
			sc.i = min(sc.i+2, len(sc.s))
		case strings.HasPrefix(sc.s[sc.i:], delim):
			sc.i += 3
			for extra := 0; extra < 2 && sc.i < len(sc.s) && sc.s[sc.i] == q; extra++ {
				sc.i++
			}
			return
		default:
			sc.i++
		}
	}
}

func (sc *limitScanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// skipBlankLines skips whitespace, line ends and comments, as allowed
// between the elements of arrays and (TOML 1.1) inline tables.
func (sc *limitScanner) skipBlankLines() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.i++
		case '#':
			sc.skipComment()
		default:
			return
		}
	}
}

// skipComment skips to the end of the line, leaving the newline.
func (sc *limitScanner) skipComment() {
	if j := strings.IndexByte(sc.s[sc.i:], '\n'); j < 0 {
		sc.i = len(sc.s)
	} else {
		sc.i += j
	}
}

// skipLine skips past the end of the line.
func (sc *limitScanner) skipLine() {
	sc.skipComment()
	if sc.i < len(sc.s) {
		sc.i++
	}
}
