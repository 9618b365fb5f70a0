// Package strictoml decodes TOML 1.0 strictly and reports every problem as a
// FileError with the file, line and column, a plain-words message, and the
// offending line quoted safely.
//
// It wraps github.com/BurntSushi/toml and adds what a hand-edited workshop
// file or a months-old session file needs: unknown keys are refused instead
// of ignored, keys are case-sensitive, a value of the wrong type names its
// key with array indices (stop[2].planned, not stop.planned) and its line,
// and nothing from the file can put a raw control character on the screen.
package strictoml

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// FileError is every failure Decode reports, and what config validation
// reports for a value that decodes but makes no sense.
type FileError struct {
	File string
	// Line and Col are 1-based; 0 when unknown. Col counts characters, not
	// bytes, as editors do.
	Line, Col int
	// Msg says in plain words what is wrong and, where useful, what to do.
	// It is always printable (see Printable).
	Msg string
	// Quote is the offending source line made safe to print (tabs expanded,
	// control characters escaped, cut to about 120 characters). May be empty.
	Quote string
}

// Error formats the error as "FILE:LINE:COL: MSG", dropping the parts that
// are unknown ("FILE:LINE: MSG", "FILE: MSG"), followed by "\n    | QUOTE"
// when there is a quote. The result never contains a control character other
// than that one newline, even if the fields were set by hand.
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(Printable(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(Printable(e.Msg))
	if e.Quote != "" {
		b.WriteString("\n    | ")
		b.WriteString(quoteLine(e.Quote, 0))
	}
	return b.String()
}

// bom is the UTF-8 byte order mark some editors put at the start of a file.
// TOML allows it; it is stripped before anything counts columns.
const bom = "\ufeff"

// maxProblemsChecked bounds how many type and key problems are collected
// before the earliest is reported; a garbage file should not make a
// long list.
const maxProblemsChecked = 1000

// Decode parses data (TOML 1.0, plus the TOML 1.1 niceties BurntSushi/toml
// accepts) into v, which must be a non-nil pointer to a struct or map.
// name is the file name used in messages.
//
// Decode is stricter than toml.Decode:
//   - a key with no matching field (toml tag or exact field name) is refused,
//     naming the key with its table and array index and its line;
//     keys are case-sensitive, so "Name" does not fill `toml:"name"`;
//   - a value of the wrong type is refused with its key and line;
//   - a time.Duration must be a string such as "15m"; a bare integer (which
//     BurntSushi would read as nanoseconds) is refused;
//   - invalid UTF-8 is refused with the position of the first bad byte;
//   - a file beyond DefaultLimits (larger than 32 MiB, with arrays and
//     inline tables nested deeper than 8, keys more than 4 tables deep or
//     longer than 128 bytes) is refused before it is parsed, at the place
//     where it goes over (see Limits and CheckLimits).
//
// Empty input is valid TOML and decodes to nothing; callers decide whether
// that is acceptable. Fields of type any or toml.Primitive, and types that
// implement toml.Unmarshaler, take whatever the file holds and are not checked
// further. Every error returned is a *FileError.
func Decode(name string, data []byte, v any) error {
	return DecodeWithLimits(name, data, v, DefaultLimits)
}

// DecodeWithLimits is Decode with other limits than DefaultLimits: a
// caller that reads files larger than 32 MiB says so here. The limits are
// checked first (see CheckLimits), so a refused file costs one quick scan.
func DecodeWithLimits(name string, data []byte, v any, lim Limits) error {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &FileError{File: name, Msg: fmt.Sprintf("internal error: cannot decode into %T; need a non-nil pointer", v)}
	}
	text := string(data)
	if err := checkLimits(name, text, lim); err != nil {
		return err
	}
	ix := newIndex(name, text)
	src := ix.data // without a byte order mark, so offsets agree
	if err := checkUTF8(ix); err != nil {
		return err
	}

	// One parse serves every step below: the document is kept as a
	// Primitive and decoded from that, as often as needed. The first
	// step yields every syntax error.
	var doc toml.Primitive
	md, err := safeDecode(src, &doc)
	if err != nil {
		return syntaxError(ix, err)
	}

	// A good file decodes straight into v.
	tree, exact := keyTreeOf(rv.Type().Elem())
	if exact {
		if fastDecode(&md, doc, rv, tree) {
			return nil
		}
		// Something is off. Start again from a zero value and find out
		// exactly what and where.
		rv.Elem().Set(reflect.Zero(rv.Elem().Type()))
	}

	// The plain tree of maps, for the checker to walk with exact array
	// indices. Decoding into an interface hands the tree over as the
	// parser built it, and marks no key as decoded.
	var plain any
	if err := safePrimitiveDecode(&md, doc, &plain); err != nil {
		return decodeError(ix, err)
	}
	raw, _ := plain.(map[string]any)

	// A plain map takes anything.
	if m, ok := v.(*map[string]any); ok {
		*m = raw
		return nil
	}

	c := checker{ix: ix}
	c.value(keyPath{}, raw, rv.Type().Elem())
	if len(c.problems) > 0 {
		return c.first()
	}

	// The tree fits v; now let BurntSushi fill it in. The checker should
	// have caught anything this can complain about, so these paths are only
	// a safety net for types it does not model (custom unmarshalers).
	if exact {
		// The attempt above marked keys as decoded; only a fresh parse
		// tells which keys v leaves out. (Rare: the checker finds what
		// made that attempt fail.)
		md, err = safeDecode(src, v)
	} else {
		err = safePrimitiveDecode(&md, doc, v)
	}
	if err != nil {
		return decodeError(ix, err)
	}
	for _, k := range md.Undecoded() {
		p := JoinKey(k...)
		if c.isOpaque(p) {
			continue
		}
		line, col := ix.locatePlain(p)
		return ix.errorAt(line, col, fmt.Sprintf("unknown key %s; remove it or check its spelling", clip(p, maxPathWidth)))
	}
	return nil
}

// fastDecode is the path of a good file: the parsed document decoded
// straight into v. It succeeds only when that succeeds and every key of the
// file is, spelt exactly, a field at its place in v's type (tree): then
// BurntSushi has decoded every key, and asking it which it left out
// (Undecoded spells out every key of the file, a string each) is not
// needed. BurntSushi would also accept other capitalisations; those, and
// any key v has no field for, go the careful way. Types with durations or
// opaque values never come here (see keyTreeOf), since a bare integer
// would decode as nanoseconds there.
func fastDecode(md *toml.MetaData, doc toml.Primitive, rv reflect.Value, tree *keyNode) bool {
	for _, k := range md.Keys() {
		n := tree
		for _, part := range k {
			if n = n.fields[part]; n == nil {
				return false
			}
		}
	}
	return safePrimitiveDecode(md, doc, rv.Interface()) == nil
}

// keyNode is one place in a Go type's tree of TOML keys: the fields of a
// struct (through pointers, slices and arrays), or nothing for a value.
type keyNode struct {
	fields map[string]*keyNode
}

// treeCache holds keyTreeOf results; types do not change at run time.
var treeCache sync.Map // reflect.Type -> *treeOf

type treeOf struct {
	root *keyNode
	ok   bool
}

// keyTreeOf maps out every key path the type t accepts. ok is false when
// the tree holds a duration, an interface, a map or a type that decodes
// itself: those need the careful path.
func keyTreeOf(t reflect.Type) (*keyNode, bool) {
	if c, ok := treeCache.Load(t); ok {
		return c.(*treeOf).root, c.(*treeOf).ok
	}
	ok := true
	built := map[reflect.Type]*keyNode{} // a type that holds itself is one node
	var build func(t reflect.Type) *keyNode
	build = func(t reflect.Type) *keyNode {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if n, seen := built[t]; seen {
			return n
		}
		n := &keyNode{}
		built[t] = n
		switch {
		case t == durationType, t.Kind() == reflect.Interface, t.Kind() == reflect.Map,
			reflect.PointerTo(t).Implements(unmarshalerType), t == primitiveType:
			ok = false
		case t == timeType, reflect.PointerTo(t).Implements(textUnmarshalerType):
			// a value, whatever its Go fields
		case t.Kind() == reflect.Struct:
			fields := fieldsOf(t)
			n.fields = make(map[string]*keyNode, len(fields))
			for name, ft := range fields {
				n.fields[name] = build(ft)
			}
		}
		return n
	}
	root := build(t)
	treeCache.Store(t, &treeOf{root, ok})
	return root, ok
}

// safeDecode is toml.Decode that turns a panic inside the library into an
// error. BurntSushi reports internal inconsistencies by panicking; a file on
// disk must never crash the app. Only the library call is guarded, so the
// fuzz tests still see panics in this package's own code.
func safeDecode(src string, v any) (md toml.MetaData, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the TOML reader failed on this file (%v)", r)
		}
	}()
	return toml.Decode(src, v)
}

// safePrimitiveDecode is md.PrimitiveDecode guarded as safeDecode is.
func safePrimitiveDecode(md *toml.MetaData, doc toml.Primitive, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the TOML reader failed on this file (%v)", r)
		}
	}()
	return md.PrimitiveDecode(doc, v)
}

// checkUTF8 refuses data that is not UTF-8, pointing at the first bad byte.
// The library would also notice, but only for bytes it reaches, and without
// the UTF-16 hint.
func checkUTF8(ix *Index) *FileError {
	s := ix.data
	if utf8.ValidString(s) {
		return nil
	}
	if strings.HasPrefix(s, "\xff\xfe") || strings.HasPrefix(s, "\xfe\xff") {
		return ix.errorAt(1, 1, "the file is UTF-16; save it as UTF-8")
	}
	off := 0
	for off < len(s) {
		r, size := utf8.DecodeRuneInString(s[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line, col := ix.lineCol(off)
	return ix.errorAt(line, col, fmt.Sprintf("byte 0x%02x is not valid UTF-8; save the file as UTF-8", s[off]))
}

// syntaxError converts an error from the library's parser into a FileError.
func syntaxError(ix *Index, err error) *FileError {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return ix.errorAt(0, 0, clip(plainMessage(err.Error()), maxMessageWidth))
	}
	line, col := parsePosition(ix, pe)
	return ix.errorAt(line, col, clip(plainMessage(pe.Message), maxMessageWidth))
}

// parsePosition works out line and column from the byte offset of a parse
// error. The library's own Line and Col disagree with the offset in corner
// cases (an error at a line end is put on the next line, and Col is one byte
// off there); the offset is exact, with two adjustments:
//   - the error span often starts with the blank before the offending token
//     ("a = 1 2" points at the space); the column skips to the token;
//   - for a control character the offset is one byte early (the lexer has
//     not advanced past it yet), so the column is moved onto the character.
//
// An error at the very end of a file that ends with a newline is placed after
// the last character rather than on the empty line past it.
func parsePosition(ix *Index, pe toml.ParseError) (line, col int) {
	p := pe.Position
	off := p.Start
	if off < 0 || off > len(ix.data) {
		return p.Line, 0
	}
	s := ix.data
	switch {
	case strings.HasPrefix(pe.Message, "TOML files cannot contain control characters"):
		for i := off; i < len(s) && i < off+8; i++ {
			if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i+1 < len(s) && s[i+1] == '\n') || c == 0x7f {
				off = i
				break
			}
		}
	case p.Len > 1:
		for end := min(off+p.Len, len(s)); off < end-1 && (s[off] == ' ' || s[off] == '\t'); {
			off++
		}
	}
	if off == len(s) && off > 0 && s[off-1] == '\n' {
		off--
		if off > 0 && s[off-1] == '\r' {
			off--
		}
	}
	return ix.lineCol(off)
}

// decodeError converts an error from the library's second pass, which the
// checker should have prevented. The library names the key without indices,
// so the first occurrence of that key is the best available position.
func decodeError(ix *Index, err error) *FileError {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		if pe.LastKey != "" {
			line, col := ix.locatePlain(pe.LastKey)
			return ix.errorAt(line, col, fmt.Sprintf("%s: %s", clip(pe.LastKey, maxPathWidth), clip(pe.Message, maxMessageWidth)))
		}
		return ix.errorAt(pe.Position.Line, 0, clip(pe.Message, maxMessageWidth))
	}
	return ix.errorAt(0, 0, clip(strings.TrimPrefix(err.Error(), "toml: "), maxMessageWidth))
}

// plainMessage rewrites the library's most common syntax messages into
// plain advice; anything else passes through.
func plainMessage(m string) string {
	switch {
	case m == "strings cannot contain newlines":
		return `this text is missing its closing quote; add it, or use """ for text over several lines`
	case strings.HasPrefix(m, "TOML files cannot contain control characters"):
		return "a control character is not allowed here (shown as \\x.. below); delete it, or write it as an escape such as \\u001b inside a quoted string"
	case strings.HasPrefix(m, "files cannot contain NULL bytes"):
		return "the file contains a NUL byte; it is probably UTF-16 or binary, and TOML files must be UTF-8 text"
	case strings.HasPrefix(m, "expected value but found"):
		return "a value is missing after '='; write one, for example \"text\", 15 or true"
	case strings.HasPrefix(m, "unexpected EOF"):
		return "the file ends too early (" + m + "); something is not closed"
	case strings.HasPrefix(m, "expected '.' or ']' to end table name"),
		strings.HasPrefix(m, "expected end of table array name delimiter"):
		return "this [table] header is not closed; end it with ']' (or ']]' for [[table]])"
	case strings.HasPrefix(m, "invalid datetime"):
		return m + "; write dates like 2026-12-05 and times like 14:30:00, with two-digit months, days and hours"
	case m == "newlines not allowed within inline tables":
		return "an inline table { ... } must stay on one line; use a [table] section for longer ones"
	case strings.HasPrefix(m, "expected a top-level item to end with a newline"):
		return "unexpected text after the value; put each key = value on its own line, and quote text values (" + m + ")"
	}
	if k, ok := strings.CutPrefix(m, "Key '"); ok {
		if k, ok := strings.CutSuffix(k, "' has already been defined."); ok {
			return fmt.Sprintf("%s is defined twice; keep only one of them", clip(k, maxPathWidth))
		}
	}
	return m
}
