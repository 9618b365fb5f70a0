package strictoml

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

var (
	durationType        = reflect.TypeFor[time.Duration]()
	timeType            = reflect.TypeFor[time.Time]()
	numberType          = reflect.TypeFor[json.Number]()
	primitiveType       = reflect.TypeFor[toml.Primitive]()
	unmarshalerType     = reflect.TypeFor[toml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Limits of integers a float can hold exactly; BurntSushi refuses integers
// beyond them for float fields, so the checker does too.
const (
	maxExactFloat32 = 1<<24 - 1
	maxExactFloat64 = 1<<53 - 1
)

// problem is one thing wrong with the document, found by checker. Only the
// problem reported needs its message, so the message is made on demand: a
// file may have thousands of problems, and an unknown key's message costs a
// search for the likeliest correction.
type problem struct {
	line, col int
	msg       func() string
}

// checker walks the parsed document next to the Go type it will be decoded
// into and collects every key the type does not have and every value of the
// wrong type, each with its exact path. It mirrors BurntSushi's mapping
// rules, minus the case-insensitive field matching.
type checker struct {
	ix       *Index
	problems []problem
	opaque   []string // plain paths decoded into any, Primitive or an Unmarshaler
}

func (c *checker) add(p keyPath, format string, args ...any) {
	c.addLazy(p, func() string { return fmt.Sprintf(format, args...) })
}

func (c *checker) addLazy(p keyPath, msg func() string) {
	line, col := c.ix.locate(p.indexed)
	c.problems = append(c.problems, problem{line, col, msg})
}

// full reports whether enough problems have been found.
func (c *checker) full() bool { return len(c.problems) >= maxProblemsChecked }

// first returns the problem that comes first in the file: that is the one
// people look at, and reporting it makes the result independent of Go's map
// order. Among problems at the same place the one found first wins;
// problems with no position come last.
func (c *checker) first() *FileError {
	best := c.problems[0]
	for _, q := range c.problems[1:] {
		if q.line != 0 && (best.line == 0 || q.line < best.line || q.line == best.line && q.col < best.col) {
			best = q
		}
	}
	return c.ix.errorAt(best.line, best.col, best.msg())
}

// isOpaque reports whether the plain path lies under a value that the Go
// type takes as is.
func (c *checker) isOpaque(plain string) bool {
	for _, o := range c.opaque {
		if o == "" || plain == o || strings.HasPrefix(plain, o+".") {
			return true
		}
	}
	return false
}

// value checks that data (as BurntSushi parses it: map[string]any,
// []map[string]any, []any, string, int64, float64, bool, time.Time) fits t.
func (c *checker) value(p keyPath, data any, t reflect.Type) {
	if c.full() {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == primitiveType, t.Kind() == reflect.Interface && t.NumMethod() == 0,
		t.Implements(unmarshalerType), reflect.PointerTo(t).Implements(unmarshalerType):
		c.opaque = append(c.opaque, p.plain)
		return
	case reflect.PointerTo(t).Implements(textUnmarshalerType):
		c.text(p, data, t)
		return
	case t == durationType:
		s, ok := data.(string)
		if !ok {
			c.wrongType(p, data, t)
		} else if _, err := time.ParseDuration(s); err != nil {
			c.add(p, `%s: %s is not a duration; write it like "15m", "90s" or "1h30m"`, p.show(), describeString(s))
		}
		return
	}

	switch t.Kind() {
	case reflect.Bool:
		if _, ok := data.(bool); !ok {
			c.wrongType(p, data, t)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := data.(int64)
		if !ok {
			c.wrongType(p, data, t)
		} else if reflect.Zero(t).OverflowInt(n) {
			hi := int64(1)<<(t.Bits()-1) - 1
			c.add(p, "%s: %d is out of range here (it must be between %d and %d)", p.show(), n, -hi-1, hi)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, ok := data.(int64)
		if !ok {
			c.wrongType(p, data, t)
		} else if n < 0 || reflect.Zero(t).OverflowUint(uint64(n)) {
			hi := uint64(1)<<(t.Bits()-1)<<1 - 1 // two shifts: 1<<64 would overflow
			c.add(p, "%s: %d is out of range here (it must be between 0 and %d)", p.show(), n, hi)
		}
	case reflect.Float32, reflect.Float64:
		switch n := data.(type) {
		case float64:
			if reflect.Zero(t).OverflowFloat(n) {
				c.add(p, "%s: %v is too large here", p.show(), n)
			}
		case int64:
			limit := int64(maxExactFloat64)
			if t.Kind() == reflect.Float32 {
				limit = maxExactFloat32
			}
			if n > limit || n < -limit {
				c.add(p, "%s: %d is too large to store exactly; write it with a fraction, like %d.0", p.show(), n, n)
			}
		default:
			c.wrongType(p, data, t)
		}
	case reflect.String:
		switch data.(type) {
		case string:
		case int64, float64:
			if t != numberType {
				c.wrongType(p, data, t)
			}
		default:
			c.wrongType(p, data, t)
		}
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			c.wrongType(p, data, t)
			return
		}
		fields := fieldsOf(t)
		for _, k := range sortedKeys(m) {
			if c.full() {
				return
			}
			f, ok := fields[k]
			if !ok {
				c.unknownKey(p, k, fields)
				continue
			}
			c.value(p.key(k), m[k], f)
		}
	case reflect.Map:
		if k := t.Key().Kind(); k != reflect.String && k != reflect.Interface {
			c.add(p, "internal error: cannot decode %s into a map with %s keys", p.show(), k)
			return
		}
		m, ok := data.(map[string]any)
		if !ok {
			c.wrongType(p, data, t)
			return
		}
		for _, k := range sortedKeys(m) {
			if c.full() {
				return
			}
			c.value(p.key(k), m[k], t.Elem())
		}
	case reflect.Slice, reflect.Array:
		list := reflect.ValueOf(data)
		if !list.IsValid() || list.Kind() != reflect.Slice {
			c.wrongType(p, data, t)
			return
		}
		if t.Kind() == reflect.Array && list.Len() != t.Len() {
			c.add(p, "%s: needs exactly %d values, found %d", p.show(), t.Len(), list.Len())
			return
		}
		for i := range list.Len() {
			if c.full() {
				return
			}
			c.value(p.index(i), list.Index(i).Interface(), t.Elem())
		}
	default:
		c.add(p, "internal error: cannot decode %s into Go type %s", p.show(), t)
	}
}

// text checks a value for a type that decodes itself from text, the way
// BurntSushi hands it over: by turning the TOML value into a string and
// calling UnmarshalText. Doing the call here gives its error a position.
func (c *checker) text(p keyPath, data any, t reflect.Type) {
	var s string
	switch d := data.(type) {
	case string:
		s = d
	case time.Time:
		b, err := d.MarshalText()
		if err != nil {
			c.add(p, "%s: %s", p.show(), clip(err.Error(), maxMessageWidth))
			return
		}
		s = string(b)
	case bool:
		s = strconv.FormatBool(d)
	case int64:
		s = strconv.FormatInt(d, 10)
	case float64:
		s = fmt.Sprintf("%f", d)
	default:
		c.wrongType(p, data, t)
		return
	}
	u := reflect.New(t).Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(s)); err != nil {
		if t == timeType {
			c.add(p, "%s: %s is not a date and time; write it like 2026-12-05T14:30:00Z", p.show(), describeString(s))
			return
		}
		c.add(p, "%s: %s", p.show(), clip(err.Error(), maxMessageWidth))
	}
}

// wrongType reports data that cannot go into t, in words a workshop
// facilitator can act on.
func (c *checker) wrongType(p keyPath, data any, t reflect.Type) {
	if _, isTable := data.(map[string]any); isTable && describeType(t) == "a list of tables" {
		// The classic slip: [stop] written where [[stop]] is meant.
		c.add(p, "%s should be a list of tables, written [[%s]], but is a single table", p.show(), clip(p.plain, maxPathWidth))
		return
	}
	c.add(p, "%s should be %s, but is %s", p.show(), describeType(t), describeValue(data))
}

// unknownKey reports key k in the table at parent, with a likely correction
// or the list of keys that table does accept.
func (c *checker) unknownKey(parent keyPath, k string, fields map[string]reflect.Type) {
	p := parent.key(k)
	c.addLazy(p, func() string { return unknownKeyMessage(parent, p, k, fields) })
}

func unknownKeyMessage(parent, p keyPath, k string, fields map[string]reflect.Type) string {
	msg := fmt.Sprintf("unknown key %s %s", describeString(k), describeTable(parent))
	if parent.indexed != "" {
		msg += " (" + p.show() + ")"
	}
	known := make([]string, 0, len(fields))
	for name := range fields {
		known = append(known, name)
	}
	sort.Strings(known)
	switch guess := suggest(k, known); {
	case guess != "" && strings.EqualFold(guess, k):
		msg += fmt.Sprintf("; keys are case-sensitive: write %q", guess)
	case guess != "":
		msg += fmt.Sprintf("; did you mean %q?", guess)
	case len(known) == 0:
		msg += "; nothing is expected there"
	case len(known) <= 12:
		msg += "; known keys there: " + strings.Join(known, ", ")
	default:
		msg += "; remove it or check its spelling"
	}
	return msg
}

// describeTable names the table at p the way it is written in the file.
func describeTable(p keyPath) string {
	switch {
	case p.indexed == "":
		return "at the top level"
	case strings.HasSuffix(p.indexed, "]"):
		i := strings.LastIndexByte(p.indexed, '[')
		n, _ := strconv.Atoi(p.indexed[i+1 : len(p.indexed)-1])
		return fmt.Sprintf("in [[%s]] number %d", clip(p.plain, maxPathWidth), n+1)
	default:
		return "in [" + clip(p.plain, maxPathWidth) + "]"
	}
}

// suggest returns the known key closest to k when it is close enough to be
// a likely typo, else "".
func suggest(k string, known []string) string {
	for _, name := range known {
		if strings.EqualFold(name, k) {
			return name
		}
	}
	if !short(k) {
		return "" // not a typo of a real key, and not worth comparing
	}
	best, bestDist := "", 3
	lower := strings.ToLower(k)
	for _, name := range known {
		if d := editDistance(lower, strings.ToLower(name)); d < bestDist && d*3 <= len(name) {
			best, bestDist = name, d
		}
	}
	return best
}

// maxCompared is the longest key, in characters, that editDistance compares.
const maxCompared = 64

// short reports whether s has at most maxCompared characters, without
// counting all of a long one.
func short(s string) bool {
	return len(s) <= maxCompared || len(s) <= 4*maxCompared && utf8.RuneCountInString(s) <= maxCompared
}

// editDistance is the optimal-string-alignment distance between short
// strings: Levenshtein plus swapping two neighbours as one edit, the most
// common typo ("titel").
func editDistance(a, b string) int {
	if !short(a) || !short(b) {
		return 1 << 20 // not worth comparing; keys are short
	}
	ra, rb := []rune(a), []rune(b)
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		prev2, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, prev2
	}
	return rows[1][len(rb)]
}

// describeType says what a value for t looks like in the file.
func describeType(t reflect.Type) string {
	switch {
	case t == durationType:
		return `a duration in quotes, like "15m"`
	case t == timeType:
		return "a date and time, like 2026-12-05T14:30:00Z"
	case reflect.PointerTo(t).Implements(textUnmarshalerType):
		return "text in quotes"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "text in quotes"
	case reflect.Struct, reflect.Map:
		return "a table"
	case reflect.Slice, reflect.Array:
		e := t.Elem()
		for e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.Struct && !reflect.PointerTo(e).Implements(textUnmarshalerType) {
			return "a list of tables"
		}
		return "a list [ ... ]"
	}
	return t.String()
}

// describeValue says what the file holds, briefly.
func describeValue(data any) string {
	switch d := data.(type) {
	case string:
		return "the text " + describeString(d)
	case int64:
		return "the whole number " + strconv.FormatInt(d, 10)
	case float64:
		return "the number " + strconv.FormatFloat(d, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(d)
	case time.Time:
		return "a date/time"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	case []any:
		return "a list"
	case nil:
		return "empty"
	}
	return fmt.Sprintf("a %T", data)
}

// Widths, in characters, of what messages show of text from the file: a key
// path, and a message built from one (by the parser or a type's
// UnmarshalText). Real keys and messages are far shorter; a file with a
// megabyte-long key must not make a megabyte-long message.
const (
	maxPathWidth    = 100
	maxMessageWidth = 400
)

// clip shortens s to at most width characters, the last of them "…".
func clip(s string, width int) string {
	if len(s) <= width { // bytes: a quick upper bound on characters
		return s
	}
	n := 0
	for i := range s {
		if n == width-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// show is the path for a message, clipped.
func (p keyPath) show() string { return clip(p.indexed, maxPathWidth) }

// describeString quotes s for a message, shortened to 40 characters.
func describeString(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return strconv.Quote(s)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fieldCache holds fieldsOf results; types do not change at run time.
var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// fieldsOf returns the TOML keys a struct accepts and the type of each,
// following BurntSushi's rules (which are encoding/json's): the `toml` tag
// names a field, "-" skips it, untagged embedded structs are flattened,
// and among fields with the same name the shallowest wins, a tagged one
// breaking ties; an unresolved tie hides the name.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	type candidate struct {
		depth  int
		tagged bool
		typ    reflect.Type
	}
	byName := map[string][]candidate{}
	var walk func(t reflect.Type, depth int, seen map[reflect.Type]bool)
	walk = func(t reflect.Type, depth int, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		defer delete(seen, t)
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() && !sf.Anonymous {
				continue
			}
			tag := sf.Tag.Get("toml")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := sf.Type
			if ft.Name() == "" && ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
				walk(ft, depth+1, seen)
				continue
			}
			if !sf.IsExported() {
				continue // BurntSushi cannot set it either
			}
			tagged := name != ""
			if !tagged {
				name = sf.Name
			}
			byName[name] = append(byName[name], candidate{depth, tagged, sf.Type})
		}
	}
	walk(t, 0, map[reflect.Type]bool{})

	fields := map[string]reflect.Type{}
	for name, cs := range byName {
		minDepth := cs[0].depth
		for _, c := range cs {
			minDepth = min(minDepth, c.depth)
		}
		var top, tagged []candidate
		for _, c := range cs {
			if c.depth == minDepth {
				top = append(top, c)
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
		}
		switch {
		case len(top) == 1:
			fields[name] = top[0].typ
		case len(tagged) == 1:
			fields[name] = tagged[0].typ
		}
	}
	fieldCache.Store(t, fields)
	return fields
}
