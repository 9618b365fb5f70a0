package model

import (
	"strings"
	"unicode"
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
// It also removes what a sequence leaves when something on the way (a text
// box, a terminal layer) took its ESC out but kept the rest, such as the
// "[2J[31m" of a pasted clear-screen and colour, or the "]52;c;aGk=" of a
// pasted clipboard write; see dropLeftovers for how such leftovers are told
// from people's own brackets ("[1] see item 3", "[2B]", "a]b"). And it
// removes the invisible characters that change how text around them is
// shown (bidirectional overrides, isolates and marks, zero-width spaces),
// which would let a note read differently from what it says; see
// RemoveInvisible.
//
// Text that needs no cleaning is only trimmed, so cleaning on every
// keypress stays cheap.
func CleanText(s string) string {
	return strings.TrimSpace(dropLeftovers(withoutControls(s)))
}

// StripControls takes every control sequence and control character but
// newline and tab out of s, and the invisible characters RemoveInvisible
// removes, and changes nothing else: nothing is trimmed, and leftovers of
// sequences that lost their ESC are kept, since they cannot move a cursor
// or recolour anything. It is for text on its way to a terminal that was
// not typed by people, such as the file names and messages a command
// prints, which must be shown as they are.
func StripControls(s string) string {
	return withoutControls(s)
}

// withoutControls is the first part of cleaning: control sequences and
// characters out, then invisible characters.
func withoutControls(s string) string {
	if needsCleaning(s) {
		s = stripControls(s)
	}
	if hasInvisible(s) {
		s = removeInvisible(s)
	}
	return s
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
// on one line. Where it had line breaks or tabs, or a leftover was taken
// out, its white space comes down to single spaces.
func CleanLabel(s string) string {
	s = withoutControls(s)
	// One line before the leftovers of sequences are looked for, so that
	// cleaning a label twice changes nothing the second time.
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	if t := dropLeftovers(s); t != s {
		s = strings.Join(strings.Fields(t), " ") // no double space where a leftover was
	}
	return strings.TrimSpace(s)
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

// Zero-width joiners, kept only where they join (see RemoveInvisible).
const (
	zwnj = 0x200C
	zwj  = 0x200D
)

// isInvisible reports whether r is one of the characters that change how
// the text around them is shown while not being seen themselves, and that
// people's notes and names have no use for: the bidirectional controls
// (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the marks
// U+200E, U+200F and U+061C), the zero-width space U+200B, the word joiner
// and invisible operators U+2060–U+2064, the deprecated format characters
// U+206A–U+206F, and U+FEFF (a byte order mark, or a zero-width no-break
// space). An override makes "Pay the \u202eecioval\u202c invoice" show as
// "Pay the lavoice invoice"; a zero-width space makes two names that look
// the same differ.
func isInvisible(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200B, r == 0x200E, r == 0x200F, r == 0xFEFF:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x206F:
		return true
	}
	return false
}

// RemoveInvisible takes out of s the invisible characters isInvisible
// names, and the zero-width joiner and non-joiner (U+200D, U+200C) wherever
// they join nothing. Those two are kept between two characters they can
// join: emoji (the joiner makes 👩‍💻 and 👨‍👩‍👧 one picture) and letters
// of scripts that need them (Persian spelling needs the non-joiner, Indic
// scripts use both). Between Latin, Greek or Cyrillic letters, digits,
// punctuation or spaces they do nothing visible, so there they could only
// make "Dana" and "Da\u200dna" two different owners that look alike, and
// they go. Everything else, invalid UTF-8 included, is kept as it is.
func RemoveInvisible(s string) string {
	if !hasInvisible(s) {
		return s
	}
	return removeInvisible(s)
}

// hasInvisible reports whether s holds a character RemoveInvisible looks
// at. Every one of them is encoded from a lead byte 0xD8, 0xE2 or 0xEF, so
// plain ASCII is passed over a byte at a time.
func hasInvisible(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xD8, 0xE2, 0xEF:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if isInvisible(r) || r == zwj || r == zwnj {
				return true
			}
		}
	}
	return false
}

func removeInvisible(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1) // the last character written
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		at := i
		i += size
		switch {
		case isInvisible(r):
			continue
		case r == zwj || r == zwnj:
			if !joinable(prev) || !joinable(nextVisible(s[i:])) {
				continue
			}
		}
		b.WriteString(s[at:i])
		prev = r
	}
	return b.String()
}

// nextVisible is the first character of s that RemoveInvisible always
// removes (isInvisible) is not; -1 if there is none.
func nextVisible(s string) rune {
	for _, r := range s {
		if !isInvisible(r) {
			return r
		}
	}
	return -1
}

// joinable reports whether a zero-width joiner or non-joiner next to r can
// have a visible use: r is an emoji (a symbol, a skin tone, the emoji
// presentation selector U+FE0F) or a letter or mark of a script other than
// Latin, Greek and Cyrillic, whose letters never need one.
func joinable(r rune) bool {
	switch {
	case r < 0x80:
		return false
	case r == 0xFE0F:
		return true
	case unicode.IsSymbol(r):
		return true
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Common, unicode.Inherited)
	}
	return false
}

// maxLeftover bounds the length of a CSI leftover, "[" to its final letter:
// the longest sequences people meet, a true-colour foreground and
// background, are under forty bytes.
const maxLeftover = 48

// dropLeftovers removes from s, which holds no control characters, what
// control sequences leave behind once something took out their ESC (and
// BEL, and the ESC of ESC \) but kept the rest: bubbles' text areas do that
// to a bracketed paste, and so does many a web form. Two shapes are
// removed, and only these.
//
// A CSI leftover is "[", an optional private marker (? < = >), parameters
// (digits, ";" and ":") and one final letter, "@" or "~": "[2J", "[31m",
// "[?1049h", "[200~". People write brackets too, so one with parameters is
// taken for theirs when a "]" closes it before the next "[" on its line
// ("[2B]", "[5min]", "[1st] draft"), unless an earlier "[" on that line is
// still open, as in the coloured "[  OK  ]" of a pasted log. One with no
// parameters ("[H", "[m", "[K") is removed only where nothing but spaces
// stands between it and the end of its line, the next "[", or an OSC
// leftover, since "[A]", "[x] done" and "[Kevin]" are people's own.
// Brackets with something else inside ("[1]", "[v2]", "[12:30]", "[ ]")
// are never leftovers: "]" is not a final letter.
//
// An OSC leftover is "]", a number of one to four digits and ";": "]0;",
// "]8;;", "]52;c;". Its text runs to the "\" left of its ESC \ terminator
// when one follows before a newline or a bracket (a window title may have
// spaces), else to the next space, newline or bracket (a clipboard's
// base64, a link's address). A "]" with anything else after it ("a]b",
// "[1] see") is left alone.
//
// Removing a leftover could join the text on either side into a new one
// ("[1;" + "[2J" + "m"): such a leftover is kept, so that cleaning the
// result again changes nothing. DCS, SOS, PM and APC leftovers begin with
// an ordinary letter (P, X, ^, _) and cannot be told from words; they stay.
func dropLeftovers(s string) string {
	if strings.IndexByte(s, '[') < 0 && strings.IndexByte(s, ']') < 0 {
		return s
	}
	f := leftoverScan{s: s, out: make([]byte, 0, len(s)), closeFrom: -1, closeStop: -1}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '[' || c == ']' {
			if n := f.leftoverLen(i); n > 0 && !f.joinMakesOne(i+n) {
				i += n
				continue
			}
		}
		// Bytes are copied one by one: every byte looked at is ASCII,
		// and ASCII never occurs inside a longer UTF-8 character.
		f.out = append(f.out, c)
		switch c {
		case '[':
			f.opens = append(f.opens, len(f.out)-1)
		case ']':
			if len(f.opens) > 0 {
				f.opens = f.opens[:len(f.opens)-1]
			}
		case '\n':
			f.opens = f.opens[:0]
		}
		i++
	}
	return string(f.out)
}

// leftoverScan is dropLeftovers at work on s: the output so far, and the
// brackets in it still open on the current line.
type leftoverScan struct {
	s     string
	out   []byte
	opens []int // positions in out, in order
	// The last search for a closing "]": from closeFrom, it ended at
	// closeStop (the "]" found, or the "[", newline or end that stopped
	// it), and found one if closed. Every search from closeFrom up to
	// closeStop has the same answer; remembering it keeps a long run of
	// leftovers linear.
	closeFrom, closeStop int
	closed               bool
}

// leftoverLen is the length of the leftover at s[i] ("[" or "]"), 0 if
// there is none.
func (f *leftoverScan) leftoverLen(i int) int {
	s := f.s
	if s[i] == ']' {
		return oscLeftoverLen(s, i)
	}
	j := i + 1
	if j < len(s) && isMarker(s[j]) {
		j++
	}
	params := false
	for j < len(s) && j-i < maxLeftover && (isDigit(s[j]) || s[j] == ';' || s[j] == ':') {
		params = params || isDigit(s[j])
		j++
	}
	if j >= len(s) || j-i >= maxLeftover || !isFinal(s[j]) {
		return 0
	}
	if !f.csiEnds(j+1, params, len(f.opens) > 0) {
		return 0
	}
	return j + 1 - i
}

// csiEnds decides whether a "[", parameters (params says whether there are
// any) and a final letter ending just before s[end] are a leftover rather
// than people's own bracket. open says a "[" before it on the line is
// still open.
func (f *leftoverScan) csiEnds(end int, params, open bool) bool {
	s := f.s
	if params {
		return open || !f.closedBefore(end) // "[2B]" is people's
	}
	k := end
	for n := spaceAt(s, k); n > 0; n = spaceAt(s, k) {
		k += n
	}
	return k == len(s) || s[k] == '\n' || s[k] == '[' || oscStartLen(s, k) > 0
}

// spaceAt is the length of the white space character other than newline at
// s[k], 0 if there is none there. Every kind of space counts alike, so that
// trimming the text, or making a label one line, changes no decision.
func spaceAt(s string, k int) int {
	if k >= len(s) || s[k] == '\n' {
		return 0
	}
	if s[k] < utf8.RuneSelf {
		if s[k] == ' ' || s[k] == '\t' || s[k] == '\v' || s[k] == '\f' {
			return 1
		}
		return 0
	}
	if r, n := utf8.DecodeRuneInString(s[k:]); unicode.IsSpace(r) {
		return n
	}
	return 0
}

// closedBefore reports whether a "]" that closes a bracket (not one that
// starts an OSC leftover) comes at or after s[k], before the next "[" or
// newline.
func (f *leftoverScan) closedBefore(k int) bool {
	if k >= f.closeFrom && k <= f.closeStop {
		return f.closed
	}
	s := f.s
	f.closeFrom, f.closed = k, false
	for {
		j := strings.IndexAny(s[k:], "[]\n")
		if j < 0 {
			f.closeStop = len(s)
			return false
		}
		k += j
		if s[k] != ']' {
			f.closeStop = k
			return false
		}
		if oscStartLen(s, k) == 0 {
			f.closeStop, f.closed = k, true
			return true
		}
		k++
	}
}

// joinMakesOne reports whether removing a leftover that ends just before
// s[at] could make the end of the output and what follows into a new one.
// Only an unfinished start at the very end of the output can be completed:
// "[" with parameters, or "]" with up to four digits. It answers from the
// shape alone ("[1;" + "m" is "[1;m"), not from what comes after: that may
// still change as later leftovers go, and the answer must be the same when
// the result is cleaned again.
func (f *leftoverScan) joinMakesOne(at int) bool {
	p := f.unfinishedStart()
	if p < 0 {
		return false
	}
	s, start := f.s, f.out[p:]
	j := at
	if start[0] == ']' {
		digits := len(start) - 1
		for j < len(s) && digits < 4 && isDigit(s[j]) {
			j++
			digits++
		}
		return digits > 0 && j < len(s) && s[j] == ';'
	}
	length := len(start)
	if length == 1 && j < len(s) && isMarker(s[j]) {
		j++
		length++
	}
	for j < len(s) && length < maxLeftover && (isDigit(s[j]) || s[j] == ';' || s[j] == ':') {
		j++
		length++
	}
	return j < len(s) && length < maxLeftover && isFinal(s[j])
}

// unfinishedStart is where the output ends in the unfinished start of a
// leftover, or -1.
func (f *leftoverScan) unfinishedStart() int {
	out := f.out
	k := len(out)
	for k > 0 && len(out)-k < maxLeftover && isParam(out[k-1]) {
		k--
	}
	if k == 0 {
		return -1
	}
	k-- // the bracket, if it is one
	tail := out[k+1:]
	switch out[k] {
	case '[':
		for j, c := range tail {
			if j > 0 && isMarker(c) {
				return -1
			}
		}
		return k
	case ']':
		if len(tail) > 4 {
			return -1
		}
		for _, c := range tail {
			if !isDigit(c) {
				return -1
			}
		}
		return k
	}
	return -1
}

// oscStartLen is the length of "]", one to four digits and ";" at s[i], or
// 0.
func oscStartLen(s string, i int) int {
	if i >= len(s) || s[i] != ']' {
		return 0
	}
	j := i + 1
	for j < len(s) && j-i <= 4 && isDigit(s[j]) {
		j++
	}
	if j == i+1 || j-i > 5 || j >= len(s) || s[j] != ';' {
		return 0
	}
	return j + 1 - i
}

// oscLeftoverLen is the length of the OSC leftover at s[i], or 0.
func oscLeftoverLen(s string, i int) int {
	h := oscStartLen(s, i)
	if h == 0 {
		return 0
	}
	j := i + h
	// To the "\" of ESC \, spaces and all, if it comes first.
	if k := strings.IndexAny(s[j:], "\\\n[]"); k >= 0 && s[j+k] == '\\' {
		return j + k + 1 - i
	}
	k := j
	for k < len(s) && s[k] != '\n' && s[k] != '[' && s[k] != ']' && spaceAt(s, k) == 0 {
		k++
	}
	return k - i
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isMarker(c byte) bool { return c == '?' || c == '<' || c == '=' || c == '>' }
func isParam(c byte) bool  { return isDigit(c) || c == ';' || c == ':' || isMarker(c) }

// isFinal reports whether c ends a CSI leftover: a letter, "@" or "~". The
// other final bytes a terminal knows ("[", "]", "^", "_", "`", "{", "|",
// "}") are far likelier to be people's punctuation.
func isFinal(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '@' || c == '~'
}
