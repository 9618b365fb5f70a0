package strictoml

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Index knows where keys and tables of one TOML document start, so that a
// problem found after decoding (a missing name, a duplicate key, a bad
// colour) can still be reported with its line and column.
//
// BurntSushi/toml records positions internally but does not export them, and
// it keys them without array indices (every [[stop]] shares "stop.name"), so
// Index scans the source itself.
//
// Paths name a value the way a reader would: keys joined with dots, array
// elements (including [[table]] entries) as zero-based [N]. A key that is not
// a bare TOML key is written as a TOML basic string. Examples:
//
//	schema
//	theme.accent
//	stop[2]            the third [[stop]] header
//	stop[2].prompts[0]
//	"odd key".x
//
// The index is built on first use, and the insides of arrays and inline
// tables only when something in them is first looked up: a problem with a
// key is found without going through the megabyte of list it holds.
//
// An Index is safe for concurrent use.
type Index struct {
	name string
	data string

	once      sync.Once // the scan runs on first use: files that are fine never need it
	linesOnce sync.Once // lines are found on first use too, and alone when that is all an error needs
	lines     []int     // byte offset of the start of each line

	mu    sync.Mutex     // guards the rest, which lookups fill in
	pos   map[string]int // where each path starts
	plain map[string]int // the paths in pos that have indices, with them removed
	// elems holds where the elements of each array start, by the path of
	// the array: a long list costs one offset per element, not a path and
	// two map entries. (Elements of arrays of tables are in pos.)
	elems map[string]*elements
	// unread holds the arrays and inline tables whose insides have not
	// been scanned yet, by path.
	unread map[string]container
}

// elements are where the elements of one array start.
type elements struct {
	plain  string // the array's path without indices
	offs   []int
	unread []bool // whether element i is an array or table not scanned yet
}

// container is an array or inline table not scanned yet.
type container struct {
	plain string
	off   int // of its '[' or '{'
}

// NewIndex returns an index of data, which records where every key, table
// header and array element starts. name is the file name used in errors.
// The scan happens on first use. It is meant for documents that parsed (see
// Decode); on broken input it records what it can and never fails.
func NewIndex(name string, data []byte) *Index {
	return newIndex(name, string(data))
}

func newIndex(name, src string) *Index {
	return &Index{name: name, data: strings.TrimPrefix(src, bom)}
}

// load scans the document once, but for the insides of arrays and inline
// tables.
func (ix *Index) load() {
	ix.loadLines()
	ix.once.Do(func() {
		ix.pos, ix.plain = map[string]int{}, map[string]int{}
		ix.elems, ix.unread = map[string]*elements{}, map[string]container{}
		sc := &scanner{s: ix.data, ix: ix, aot: map[string]int{}}
		sc.document()
	})
}

// open scans the insides of every array and inline table around path that
// have not been scanned yet, outermost first. The caller holds ix.mu.
func (ix *Index) open(path string) {
	ps := prefixes(path)
	for k := len(ps) - 1; k >= 0; k-- {
		q := ps[k]
		if c, ok := ix.unread[q]; ok {
			delete(ix.unread, q)
			ix.scanInside(keyPath{q, c.plain}, c.off)
			continue
		}
		if parent, n, ok := splitIndex(q); ok {
			if list := ix.elems[parent]; list != nil && n < len(list.offs) && list.unread[n] {
				list.unread[n] = false
				ix.scanInside(keyPath{q, list.plain}, list.offs[n])
			}
		}
	}
}

// openAll scans the insides of everything. The caller holds ix.mu.
func (ix *Index) openAll() {
	for again := true; again; {
		again = false
		for q, c := range ix.unread {
			delete(ix.unread, q)
			ix.scanInside(keyPath{q, c.plain}, c.off)
			again = true
		}
		for parent, list := range ix.elems {
			for n, unread := range list.unread {
				if unread {
					list.unread[n] = false
					ix.scanInside(keyPath{parent + "[" + strconv.Itoa(n) + "]", list.plain}, list.offs[n])
					again = true
				}
			}
		}
	}
}

// scanInside records what is directly inside the array or inline table at
// off, whose path is p; arrays and tables in it wait for their turn.
func (ix *Index) scanInside(p keyPath, off int) {
	sc := &scanner{s: ix.data, i: off, ix: ix}
	sc.inside(p)
}

// splitIndex splits "list[3]" into "list" and 3. What is between the last
// '[' and the final ']' can only be an index, since a quoted key ends in '"'.
func splitIndex(path string) (parent string, n int, ok bool) {
	if !strings.HasSuffix(path, "]") {
		return "", 0, false
	}
	i := strings.LastIndexByte(path, '[')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(path[i+1 : len(path)-1])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return path[:i], n, true
}

// loadLines finds where lines start, once.
func (ix *Index) loadLines() {
	ix.linesOnce.Do(func() {
		s := ix.data
		ix.lines = make([]int, 1, 1+strings.Count(s, "\n"))
		for i := 0; i < len(s); i++ {
			if s[i] == '\n' {
				ix.lines = append(ix.lines, i+1)
			}
		}
	})
}

// Pos returns the 1-based line and column where path is first defined: the
// first character of its key, of its [table] or [[table]] header, or of the
// array element.
func (ix *Index) Pos(path string) (line, col int, ok bool) {
	ix.load()
	ix.mu.Lock()
	ix.open(path)
	off, ok := ix.offset(path)
	ix.mu.Unlock()
	if !ok {
		return 0, 0, false
	}
	line, col = ix.lineCol(off)
	return line, col, true
}

// offset returns where path starts, as far as it has been scanned. The
// caller holds ix.mu.
func (ix *Index) offset(path string) (int, bool) {
	if off, ok := ix.pos[path]; ok {
		return off, true
	}
	if parent, n, ok := splitIndex(path); ok {
		if list := ix.elems[parent]; list != nil && n < len(list.offs) {
			return list.offs[n], true
		}
	}
	return 0, false
}

// Errorf returns a FileError located at path. When path itself is not in the
// file (a missing key, say) it falls back to the closest enclosing entry that
// is, so "stop[2].planned" lands on the third [[stop]] header. The message is
// made printable.
func (ix *Index) Errorf(path, format string, args ...any) *FileError {
	line, col := ix.locate(path)
	return ix.errorAt(line, col, fmt.Sprintf(format, args...))
}

// locate finds path or its closest enclosing entry; 0, 0 if none.
func (ix *Index) locate(path string) (line, col int) {
	ix.load()
	ix.mu.Lock()
	ix.open(path)
	off, ok := 0, false
	for _, p := range prefixes(path) {
		if off, ok = ix.offset(p); ok {
			break
		}
	}
	ix.mu.Unlock()
	if !ok {
		return 0, 0
	}
	return ix.lineCol(off)
}

// locatePlain is locate for a path without indices, as BurntSushi reports
// keys; it finds the first occurrence in the file.
func (ix *Index) locatePlain(path string) (line, col int) {
	ix.load()
	ix.mu.Lock()
	ix.openAll() // the first occurrence may be in any element of any list
	off, ok := 0, false
	for _, p := range prefixes(path) {
		// A path without indices is only in pos (see record); one with
		// indices left out is in plain. A broken file may have both.
		off, ok = ix.plain[p]
		if o, ok2 := ix.pos[p]; ok2 && (!ok || o < off) {
			off, ok = o, true
		}
		if ok {
			break
		}
	}
	ix.mu.Unlock()
	if !ok {
		return 0, 0
	}
	return ix.lineCol(off)
}

// errorAt builds a FileError for a 1-based position, quoting the line.
func (ix *Index) errorAt(line, col int, msg string) *FileError {
	ix.loadLines()
	e := &FileError{File: ix.name, Line: line, Col: col, Msg: Printable(msg)}
	if line >= 1 && line <= len(ix.lines) {
		e.Quote = quoteLine(ix.lineText(line), col)
	}
	return e
}

// lineText returns line n (1-based) without its line ending.
func (ix *Index) lineText(n int) string {
	start := ix.lines[n-1]
	end := len(ix.data)
	if n < len(ix.lines) {
		end = ix.lines[n] - 1
	}
	return strings.TrimSuffix(ix.data[start:end], "\r")
}

// lineCol turns a byte offset into a 1-based line and character column.
func (ix *Index) lineCol(off int) (line, col int) {
	ix.loadLines()
	off = max(0, min(off, len(ix.data)))
	// The last line starting at or before off.
	n := sort.Search(len(ix.lines), func(i int) bool { return ix.lines[i] > off }) - 1
	return n + 1, 1 + utf8.RuneCountInString(ix.data[ix.lines[n]:off])
}

// prefixes returns path followed by each enclosing path, longest first:
// "a[1].b" gives "a[1].b", "a[1]", "a". Quoted keys are skipped over whole,
// so dots and brackets inside them do not split.
func prefixes(path string) []string {
	var ends []int
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
			continue
		case '[':
			j := strings.IndexByte(path[i:], ']')
			if j < 0 {
				i = len(path)
			} else {
				i += j + 1
			}
		case '"':
			i++
			for i < len(path) && path[i] != '"' {
				if path[i] == '\\' {
					i++
				}
				i++
			}
			i = min(i+1, len(path))
		default:
			for i < len(path) && path[i] != '.' && path[i] != '[' {
				i++
			}
		}
		ends = append(ends, i)
	}
	out := make([]string, 0, len(ends))
	for k := len(ends) - 1; k >= 0; k-- {
		out = append(out, path[:ends[k]])
	}
	return out
}

// keyPath is a path being built in both spellings: with array indices (what
// people and Index.Pos use) and without (how BurntSushi names keys).
type keyPath struct{ indexed, plain string }

func (p keyPath) key(k string) keyPath {
	q := formatKey(k)
	if p.indexed == "" {
		return keyPath{q, q}
	}
	return keyPath{p.indexed + "." + q, p.plain + "." + q}
}

func (p keyPath) index(i int) keyPath {
	return keyPath{p.indexed + "[" + strconv.Itoa(i) + "]", p.plain}
}

// formatKey writes one key segment: bare when TOML allows it, otherwise as
// a basic string with control characters escaped.
func formatKey(k string) string {
	bare := k != ""
	for i := 0; i < len(k) && bare; i++ {
		bare = isBare(k[i])
	}
	if bare {
		return k
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range k {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// JoinKey returns the path of the dotted key made of parts, quoting parts that
// are not bare keys; JoinKey("stop", "odd key") is `stop."odd key"`. Use it to
// turn a key from the document into something Index understands.
func JoinKey(parts ...string) string {
	var p keyPath
	for _, k := range parts {
		p = p.key(k)
	}
	return p.indexed
}

func isBare(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// scanner is a small TOML reader that only tracks where things are. It relies
// on the document having parsed already, so it can be forgiving: it never
// fails, and on odd input it may record less.
type scanner struct {
	s   string
	i   int
	ix  *Index
	aot map[string]int // indexed path of an array of tables -> entries so far
}

// record notes where p starts, keeping the first occurrence (the earliest:
// insides are scanned in the order they are looked up). A path with no
// index in it is the same in both spellings and goes in pos only, which
// locatePlain also looks in: hashing long paths twice was a good part of
// the scan.
func (sc *scanner) record(p keyPath, off int) {
	if old, ok := sc.ix.pos[p.indexed]; !ok || off < old {
		sc.ix.pos[p.indexed] = off
	}
	if p.plain == p.indexed {
		return
	}
	if old, ok := sc.ix.plain[p.plain]; !ok || off < old {
		sc.ix.plain[p.plain] = off
	}
}

func (sc *scanner) document() {
	var table keyPath // the table that key/value lines go into
	for sc.i < len(sc.s) {
		start := sc.i
		switch c := sc.s[sc.i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			sc.i++
		case c == '#':
			sc.skipLine()
		case c == '[':
			if strings.HasPrefix(sc.s[sc.i:], "[[") {
				sc.i += 2
				table = sc.header(start, true)
				sc.expect("]]")
			} else {
				sc.i++
				table = sc.header(start, false)
				sc.expect("]")
			}
		default:
			sc.keyValue(table)
		}
		if sc.i == start { // never loop without progress, whatever the input
			sc.i++
		}
	}
}

// header reads the key of a [table] or [[table]] header that started at off
// and returns the path that following key/value lines belong to.
func (sc *scanner) header(off int, array bool) keyPath {
	parts, offs := sc.key()
	var p keyPath
	for n, k := range parts {
		p = p.key(k)
		last := n == len(parts)-1
		if last && array {
			count := sc.aot[p.indexed]
			sc.aot[p.indexed] = count + 1
			sc.record(p, off)
			p = p.index(count)
			sc.record(p, off)
			break
		}
		// A parent that is an array of tables means its latest entry:
		// [[stop]] then [stop.extra] is stop[N].extra.
		if count := sc.aot[p.indexed]; count > 0 && !last {
			p = p.index(count - 1)
		}
		if last {
			sc.record(p, off)
		} else {
			sc.record(p, offs[n])
		}
	}
	return p
}

// expect skips whitespace and then tok if it is there.
func (sc *scanner) expect(tok string) {
	sc.skipSpace()
	if strings.HasPrefix(sc.s[sc.i:], tok) {
		sc.i += len(tok)
	}
}

// keyValue reads `key = value` inside table and records the key and,
// recursively, everything inside the value.
func (sc *scanner) keyValue(table keyPath) {
	parts, offs := sc.key()
	if len(parts) == 0 {
		sc.skipLine() // not a key; nothing useful to learn from this line
		return
	}
	p := table
	for n, k := range parts {
		p = p.key(k)
		sc.record(p, offs[n])
	}
	sc.expect("=")
	sc.skipSpace()
	sc.value(p)
}

// key reads a dotted key and returns its parts with the offset of each.
func (sc *scanner) key() (parts []string, offs []int) {
	for {
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			return parts, offs
		}
		off := sc.i
		var k string
		switch c := sc.s[sc.i]; {
		case c == '"':
			k = sc.basicString()
		case c == '\'':
			k = sc.literalString()
		case isBare(c):
			j := sc.i
			for j < len(sc.s) && isBare(sc.s[j]) {
				j++
			}
			k, sc.i = sc.s[sc.i:j], j
		default:
			return parts, offs
		}
		parts, offs = append(parts, k), append(offs, off)
		sc.skipSpace()
		if sc.i < len(sc.s) && sc.s[sc.i] == '.' {
			sc.i++
			continue
		}
		return parts, offs
	}
}

// value skips over one value. An array or inline table is noted as unread
// under p, to be scanned when something in it is looked up.
func (sc *scanner) value(p keyPath) {
	if sc.i >= len(sc.s) {
		return
	}
	switch sc.s[sc.i] {
	case '"':
		if strings.HasPrefix(sc.s[sc.i:], `"""`) {
			sc.multiline(`"""`, true)
		} else {
			sc.basicString()
		}
	case '\'':
		if strings.HasPrefix(sc.s[sc.i:], `'''`) {
			sc.multiline(`'''`, false)
		} else {
			sc.literalString()
		}
	case '[', '{':
		if sc.skipEmpty() {
			return // nothing inside to look up
		}
		if _, ok := sc.ix.unread[p.indexed]; !ok {
			sc.ix.unread[p.indexed] = container{p.plain, sc.i}
		}
		sc.skipContainer()
	default:
		// Numbers, booleans and dates: up to whatever may follow a value.
		// (Dates may contain a space, so a space does not end them.)
		for sc.i < len(sc.s) && !strings.ContainsRune(",]}#\r\n", rune(sc.s[sc.i])) {
			sc.i++
		}
	}
}

// inside records the elements of the array or the keys of the inline table
// at sc.i, whose path is p. Arrays and tables in it are noted as unread.
func (sc *scanner) inside(p keyPath) {
	switch sc.s[sc.i] {
	case '[':
		sc.i++
		list := &elements{plain: p.plain}
		sc.elements(']', func(start int) {
			list.offs = append(list.offs, start)
			c := sc.s[start]
			inner := (c == '[' || c == '{') && !sc.skipEmpty()
			list.unread = append(list.unread, inner)
			if inner {
				sc.skipContainer()
			} else if sc.i == start {
				sc.value(p) // a plain value: nothing inside has a path
			}
		})
		if _, ok := sc.ix.elems[p.indexed]; !ok {
			sc.ix.elems[p.indexed] = list
		}
	case '{':
		sc.i++
		sc.elements('}', func(int) { sc.keyValue(p) })
	}
}

// skipContainer steps over the array or inline table at sc.i, with
// everything in it, the way the limits scan reads it.
func (sc *scanner) skipContainer() {
	ls := limitScanner{s: sc.s, i: sc.i, maxDepth: math.MaxInt, maxKeys: math.MaxInt, maxName: math.MaxInt, over: -1}
	ls.value(place{})
	sc.i = max(ls.i, sc.i+1)
}

// skipEmpty steps over an empty array or inline table at sc.i, which has
// nothing to record, and reports whether it did.
func (sc *scanner) skipEmpty() bool {
	closing := byte(']')
	if sc.s[sc.i] == '{' {
		closing = '}'
	}
	j := sc.i + 1
	for j < len(sc.s) && strings.IndexByte(" \t\r\n", sc.s[j]) >= 0 {
		j++
	}
	if j < len(sc.s) && sc.s[j] == closing {
		sc.i = j + 1
		return true
	}
	return false
}

// elements reads the comma-separated elements of an array or inline table
// up to its closing byte, each with each (given where it starts); an
// element that reads nothing is stepped over, so a broken file cannot
// loop.
func (sc *scanner) elements(closing byte, each func(start int)) {
	for sc.i < len(sc.s) {
		sc.skipSpaceLines()
		if sc.i >= len(sc.s) {
			return
		}
		switch sc.s[sc.i] {
		case closing:
			sc.i++
			return
		case ',':
			sc.i++
			continue
		}
		start := sc.i
		each(start)
		if sc.i == start {
			sc.i++
		}
	}
}

// basicString reads a "..." string at sc.i and returns its decoded text.
func (sc *scanner) basicString() string {
	sc.i++ // opening quote
	var b strings.Builder
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case c == '"':
			sc.i++
			return b.String()
		case c == '\n':
			return b.String()
		case c == '\\' && sc.i+1 < len(sc.s):
			sc.i += 2
			switch e := sc.s[sc.i-1]; e {
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case 'e':
				b.WriteByte(0x1b)
			case 'x':
				b.WriteRune(sc.hexRune(2))
			case 'u':
				b.WriteRune(sc.hexRune(4))
			case 'U':
				b.WriteRune(sc.hexRune(8))
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			sc.i++
		}
	}
	return b.String()
}

// hexRune reads n hex digits of an escape; bad digits give U+FFFD.
func (sc *scanner) hexRune(n int) rune {
	if sc.i+n > len(sc.s) {
		sc.i = len(sc.s)
		return utf8.RuneError
	}
	v, err := strconv.ParseUint(sc.s[sc.i:sc.i+n], 16, 32)
	sc.i += n
	if err != nil || !utf8.ValidRune(rune(v)) {
		return utf8.RuneError
	}
	return rune(v)
}

// literalString reads a '...' string and returns its text.
func (sc *scanner) literalString() string {
	sc.i++
	j := strings.IndexAny(sc.s[sc.i:], "'\n")
	if j < 0 {
		k := sc.s[sc.i:]
		sc.i = len(sc.s)
		return k
	}
	k := sc.s[sc.i : sc.i+j]
	sc.i += j
	if sc.s[sc.i] == '\'' {
		sc.i++
	}
	return k
}

// multiline skips a multi-line string (three double or three single quotes
// on each side). Up to two extra quote characters may end the content, so
// four or five closing quotes are fine.
func (sc *scanner) multiline(delim string, escapes bool) {
	sc.i += 3
	for sc.i < len(sc.s) {
		if escapes && sc.s[sc.i] == '\\' {
			sc.i += 2
			continue
		}
		if strings.HasPrefix(sc.s[sc.i:], delim) {
			sc.i += 3
			for extra := 0; extra < 2 && sc.i < len(sc.s) && sc.s[sc.i] == delim[0]; extra++ {
				sc.i++
			}
			return
		}
		sc.i++
	}
	sc.i = min(sc.i, len(sc.s))
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// skipSpaceLines skips whitespace, line ends and comments, as allowed inside
// arrays and (in TOML 1.1, which BurntSushi accepts) inline tables.
func (sc *scanner) skipSpaceLines() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.i++
		case '#':
			sc.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (sc *scanner) skipLine() {
	j := strings.IndexByte(sc.s[sc.i:], '\n')
	if j < 0 {
		sc.i = len(sc.s)
		return
	}
	sc.i += j + 1
}
