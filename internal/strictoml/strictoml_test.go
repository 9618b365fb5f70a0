package strictoml

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type testStop struct {
	Key     string        `toml:"key"`
	Name    string        `toml:"name"`
	Planned time.Duration `toml:"planned"`
	Prompts []string      `toml:"prompts"`
	Auto    bool          `toml:"auto_advance"`
}

type testDoc struct {
	Schema int    `toml:"schema"`
	Title  string `toml:"title"`
	Theme  struct {
		Accent string `toml:"accent"`
	} `toml:"theme"`
	Stops  []testStop     `toml:"stop"`
	When   time.Time      `toml:"when"`
	Extra  map[string]int `toml:"extra"`
	Ratio  float64        `toml:"ratio"`
	Counts [2]uint8       `toml:"counts"`
	Any    any            `toml:"any"`
}

const goodDoc = `# a comment
schema = 1
title = "Spring retreat"
when = 2026-12-05T14:30:00Z
ratio = 0.5
counts = [1, 2]
any = { whatever = [1, "two"] }

[theme]
accent = "#5fafd7"

[extra]
a = 1
"b c" = 2

[[stop]]
key = "belonging"
name = "Belonging"
planned = "15m"
prompts = ["one", 'two']

[[stop]]
key = "trust"
name = """Trust"""
planned = "1h30m"
auto_advance = true
`

func TestDecodeGood(t *testing.T) {
	var d testDoc
	if err := Decode("good.toml", []byte(goodDoc), &d); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if d.Schema != 1 || d.Title != "Spring retreat" || d.Theme.Accent != "#5fafd7" {
		t.Errorf("top level decoded wrong: %+v", d)
	}
	if len(d.Stops) != 2 || d.Stops[1].Planned != 90*time.Minute || !d.Stops[1].Auto || d.Stops[0].Prompts[1] != "two" {
		t.Errorf("stops decoded wrong: %+v", d.Stops)
	}
	if d.Extra["b c"] != 2 || d.Counts != [2]uint8{1, 2} || !d.When.Equal(time.Date(2026, 12, 5, 14, 30, 0, 0, time.UTC)) {
		t.Errorf("extras decoded wrong: %+v", d)
	}
}

func TestDecodeEmptyAndBOM(t *testing.T) {
	for _, in := range []string{"", "\n\n", "# only a comment\n", "\ufeff", "\ufeffschema = 3\n"} {
		var d testDoc
		if err := Decode("x.toml", []byte(in), &d); err != nil {
			t.Errorf("Decode(%q): %v", in, err)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       []string // substrings of Msg
	}{
		{"syntax: missing value", "schema = 1\ntitle = \n", 2, 9, []string{"value is missing"}},
		{"syntax: junk after value", "schema = 1 2\n", 1, 12, []string{"unexpected text"}},
		{"syntax: unclosed string", "schema = 1\ntitle = \"Spring\n", 2, 16, []string{"closing quote"}},
		{"syntax: unclosed string CRLF", "schema = 1\r\ntitle = \"Spring\r\n", 2, 16, []string{"closing quote"}},
		{"syntax: duplicate key", "schema = 1\nschema = 2\n", 2, 1, []string{"schema is defined twice"}},
		{"syntax: unclosed header", "schema = 1\n\n[theme\n", 3, 7, nil},
		{"syntax: eof in array", "counts = [1,\n2,\n", 2, 3, []string{"ends too early"}},
		{"syntax: bad date", "when = 2026-12-5\n", 1, 8, nil},
		{"syntax: NUL", "t\x00x", 1, 2, []string{"NUL"}},
		{"syntax: control char in string", "title = \"a\x1b[31mred\"\n", 1, 11, []string{"control character"}},
		{"syntax: control char in comment", "# \x07 bell\n", 1, 3, []string{"control character"}},
		{"utf8: invalid byte", "schema = 1\ntitle = \"caf\xe9\"\n", 2, 13, []string{"0xe9", "UTF-8"}},
		{"utf8: utf-16", "\xff\xfes\x00", 1, 1, []string{"UTF-16"}},
		{"type: string for int", "schema = \"one\"\n", 1, 1, []string{"schema should be a whole number", `"one"`}},
		{"type: float for int", "\n\nschema = 1.5\n", 3, 1, []string{"whole number", "1.5"}},
		{"type: int for string in table", "[theme]\naccent = 5\n", 2, 1, []string{"theme.accent should be text", "5"}},
		{"type: in second array table", "[[stop]]\nkey = \"a\"\n[[stop]]\nkey = 7\n", 4, 1, []string{"stop[1].key should be text"}},
		{"type: array element", "[[stop]]\nprompts = [\"a\",\n  2]\n", 3, 3, []string{"stop[0].prompts[1]"}},
		{"type: table for string", "title = { a = 1 }\n", 1, 1, []string{"title should be text", "a table"}},
		{"type: int for duration", "[[stop]]\nplanned = 15\n", 2, 1, []string{"stop[0].planned", `"15m"`}},
		{"type: bad duration", "[[stop]]\n[[stop]]\nplanned = \"15 min\"\n", 3, 1, []string{"stop[1].planned", `"15 min" is not a duration`}},
		{"type: overflow uint8", "counts = [1, 300]\n", 1, 14, []string{"counts[1]", "300"}},
		{"type: array length", "counts = [1]\n", 1, 1, []string{"exactly 2"}},
		{"type: bad time", "when = \"next tuesday\"\n", 1, 1, []string{"when", "not a date"}},
		{"type: table where list of tables", "[stop]\nkey = \"a\"\n", 1, 1, []string{"stop should be a list of tables"}},
		{"type: map value", "[extra]\nok = 1\nbad = \"x\"\n", 3, 1, []string{"extra.bad should be a whole number"}},
		{"unknown: top level", "schema = 1\ncolour = \"red\"\n", 2, 1, []string{`unknown key "colour" at the top level`}},
		{"unknown: in table", "[theme]\naccent = \"#000000\"\n  colour = \"red\"\n", 3, 3, []string{`unknown key "colour" in [theme]`, "(theme.colour)"}},
		{"unknown: in array of tables", "[[stop]]\nkey = \"a\"\n[[stop]]\nkey = \"b\"\n[[stop]]\nkey = \"c\"\ncolour = 1\n", 7, 1, []string{`in [[stop]] number 3`, "stop[2].colour"}},
		{"unknown: dotted key", "theme.accent = \"#000000\"\ntheme.shade = 1\n", 2, 7, []string{"theme.shade"}},
		{"unknown: quoted key", "[theme]\n\"my key\" = 1\n", 2, 1, []string{`theme."my key"`}},
		{"unknown: inline table", "theme = { accent = \"#000000\", glow = true }\n", 1, 31, []string{"theme.glow"}},
		{"unknown: sub-table of array entry", "[[stop]]\nkey = \"a\"\n[stop.extra]\nx = 1\n", 3, 1, []string{"stop[0].extra"}},
		{"unknown: case matters", "[[stop]]\nName = \"a\"\n", 2, 1, []string{"case-sensitive", `"name"`}},
		{"unknown: typo", "[[stop]]\nprompt = []\n", 2, 1, []string{`did you mean "prompts"?`}},
		{"unknown: first of several wins", "zz = 1\n[theme]\nb = 2\n[[stop]]\na = 3\n", 1, 1, []string{`"zz"`}},
		{"unknown: column counts characters", "theme = { accent = \"é\", glow = 1 }\n", 1, 25, []string{"theme.glow"}},
		{"unknown: after byte order mark", "\ufeffcolour = 1\n", 1, 1, []string{`"colour"`}},
		{"unknown: with escape in name", "\"\\u001b[2J\" = 1\n", 1, 1, []string{`"\x1b[2J"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d testDoc
			err := Decode("w.toml", []byte(tt.in), &d)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode error = %#v, want *FileError", err)
			}
			if fe.File != "w.toml" || fe.Line != tt.line || fe.Col != tt.col {
				t.Errorf("position = %s:%d:%d, want w.toml:%d:%d\n%v", fe.File, fe.Line, fe.Col, tt.line, tt.col, err)
			}
			for _, want := range tt.msg {
				if !strings.Contains(fe.Msg, want) {
					t.Errorf("Msg %q does not contain %q", fe.Msg, want)
				}
			}
			if fe.Line > 0 && fe.Quote == "" && strings.TrimSpace(lineOf(tt.in, fe.Line)) != "" {
				t.Errorf("no Quote for line %d", fe.Line)
			}
			assertPrintable(t, err.Error())
		})
	}
}

// exactDoc has no durations or opaque values, so a good file takes the
// quick path (a straight decode); every key that is not, spelt exactly, a
// field at its place must still be refused, even one that is a field
// elsewhere.
type exactDoc struct {
	Schema int `toml:"schema"`
	Items  []struct {
		ID    string    `toml:"id"`
		Text  string    `toml:"text"`
		At    time.Time `toml:"at"`
		Inner struct {
			Owner string `toml:"owner"`
		} `toml:"inner"`
	} `toml:"item"`
}

func TestDecodeExactType(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string // "" when the file is good
	}{
		{"good", "schema = 1\n[[item]]\nid = \"a\"\nat = 2026-12-05T10:00:00Z\n[item.inner]\nowner = \"Ana\"\n", 0, ""},
		{"a field of the item at the top", "schema = 1\nid = \"a\"\n", 2, `unknown key "id"`},
		{"a top field in an item", "[[item]]\nschema = 1\n", 2, "item[0].schema"},
		{"an inner field in the item", "[[item]]\nowner = \"Ana\"\n", 2, "item[0].owner"},
		{"below a time", "[[item]]\nat.x = 1\n", 2, "item[0].at"},
		{"capitals", "[[item]]\nText = \"a\"\n", 2, "case-sensitive"},
		{"past a value", "[[item]]\n[item.inner.owner]\nx = 1\n", 2, "item[0].inner.owner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d exactDoc
			err := Decode("x.toml", []byte(tt.in), &d)
			if tt.msg == "" {
				if err != nil || d.Schema != 1 || len(d.Items) != 1 || d.Items[0].Inner.Owner != "Ana" {
					t.Fatalf("Decode = %+v, %v", d, err)
				}
				return
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Line != tt.line || !strings.Contains(fe.Msg, tt.msg) {
				t.Fatalf("Decode error = %v; want line %d saying %q", err, tt.line, tt.msg)
			}
		})
	}
}

func lineOf(s string, n int) string {
	lines := strings.Split(s, "\n")
	if n-1 < len(lines) {
		return lines[n-1]
	}
	return ""
}

// assertPrintable fails if s has a byte that could drive a terminal: any C0
// control character except the newline Error puts before the quote, DEL,
// or an ESC in any form.
func assertPrintable(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c == 0x7f {
			t.Fatalf("control byte 0x%02x at %d in %q", c, i, s)
		}
	}
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f || r == 0x202e {
			t.Fatalf("unsafe rune %U in %q", r, s)
		}
	}
}

func TestQuoteControlCharacters(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ESC sequence", "title = 1 \x1b[2J\x1b]0;pwned\x07", `\x1b[2J\x1b]0;pwned\x07`},
		{"DEL", "title = 1 \x7f", `\x7f`},
		{"C1 CSI", "title = 1 \u009b31m", `\u009b`},
		{"bidi override", "title = 1 \u202eevil", `\u202e`},
		{"zero-width space in a key", "ti\u200btle = 1", `ti\u200btle`},
		{"bidi mark", "title = 1 \u200fx", `\u200f`},
		{"tab expanded", "title\t= 1 x", "title    = 1"},
		{"carriage return", "title = 1 x\ry", `\x0d`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d testDoc
			err := Decode("ctl\x1b[31m.toml", []byte(tt.in), &d)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode error = %v, want *FileError", err)
			}
			if !strings.Contains(fe.Quote, tt.want) {
				t.Errorf("Quote %q does not contain %q", fe.Quote, tt.want)
			}
			s := err.Error()
			assertPrintable(t, s)
			if strings.Count(s, "\n") != 1 {
				t.Errorf("want exactly one newline (before the quote) in %q", s)
			}
			if !strings.HasPrefix(s, `ctl\x1b[31m.toml:1:`) {
				t.Errorf("file name not escaped: %q", s)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    FileError
		want string
	}{
		{FileError{File: "a.toml", Line: 3, Col: 7, Msg: "bad", Quote: "x = 1"}, "a.toml:3:7: bad\n    | x = 1"},
		{FileError{File: "a.toml", Line: 3, Msg: "bad"}, "a.toml:3: bad"},
		{FileError{File: "a.toml", Msg: "bad"}, "a.toml: bad"},
		{FileError{File: "a\n.toml", Msg: "b\x1bad", Quote: "\tq\x00"}, `a\x0a.toml: b\x1bad` + "\n    | " + `    q\x00`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestQuoteTruncation(t *testing.T) {
	long := "title = \"" + strings.Repeat("a", 300) + "\" junk"
	var d testDoc
	err := Decode("long.toml", []byte(long), &d)
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("Decode error = %v, want *FileError", err)
	}
	if n := len([]rune(fe.Quote)); n > maxQuoteWidth {
		t.Errorf("Quote is %d characters, want at most %d", n, maxQuoteWidth)
	}
	// The error is at column 311; the quote must slide to show it.
	if !strings.HasPrefix(fe.Quote, "…") || !strings.Contains(fe.Quote, "junk") {
		t.Errorf("Quote does not show the error column: %q", fe.Quote)
	}
	if got := quoteLine(strings.Repeat("b", 200), 1); !strings.HasSuffix(got, "…") || len([]rune(got)) != maxQuoteWidth {
		t.Errorf("quoteLine start = %q", got)
	}
}

// level decodes itself from text, like many enums in session files.
type level int

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 1
	case "high":
		*l = 2
	default:
		return fmt.Errorf("%q is not a level; use low or high", b)
	}
	return nil
}

// free decodes itself from anything; the checker must leave it alone.
type free struct{ got any }

func (f *free) UnmarshalTOML(v any) error { f.got = v; return nil }

func TestDecodeCustomTypes(t *testing.T) {
	type doc struct {
		Levels []level `toml:"levels"`
		Free   free    `toml:"free"`
	}
	var d doc
	if err := Decode("c.toml", []byte("levels = [\"low\", \"high\"]\n[free]\nanything = [1, {x = 2}]\n"), &d); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(d.Levels) != 2 || d.Levels[1] != 2 || d.Free.got == nil {
		t.Errorf("got %+v", d)
	}
	err := Decode("c.toml", []byte("levels = [\n  \"low\",\n  \"medium\",\n]\n"), &d)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != 3 || fe.Col != 3 || !strings.Contains(fe.Msg, "levels[1]") || !strings.Contains(fe.Msg, "use low or high") {
		t.Errorf("Decode = %v, want levels[1] at 3:3 with the type's own message", err)
	}
}

func TestDecodeMap(t *testing.T) {
	var m map[string]any
	if err := Decode("m.toml", []byte("a = 1\n[b]\nc = \"x\"\n"), &m); err != nil {
		t.Fatal(err)
	}
	if m["a"] != int64(1) || m["b"].(map[string]any)["c"] != "x" {
		t.Errorf("got %v", m)
	}
	var typed map[string]int
	err := Decode("m.toml", []byte("a = 1\nb = \"two\"\n"), &typed)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != 2 || !strings.Contains(fe.Msg, "b should be a whole number") {
		t.Errorf("Decode = %v", err)
	}
}

func TestDecodeBadTarget(t *testing.T) {
	var d testDoc
	for _, v := range []any{nil, d, (*testDoc)(nil)} {
		var fe *FileError
		if err := Decode("x.toml", []byte("schema = 1"), v); !errors.As(err, &fe) {
			t.Errorf("Decode into %T = %v, want *FileError", v, err)
		}
	}
}

func TestIndexPos(t *testing.T) {
	src := `a = 1
b.c = [ 1, { d = 2 } ]
[t]
  x = """
[not a header]
"""
[[s]]
[[s]]
y = '''q'''
[s.sub]
z = 1
[[s.list]]
"q k" = 2
`
	ix := NewIndex("i.toml", []byte(src))
	tests := []struct {
		path      string
		line, col int
	}{
		{"a", 1, 1},
		{"b", 2, 1},
		{"b.c", 2, 3},
		{"b.c[0]", 2, 9},
		{"b.c[1]", 2, 12},
		{"b.c[1].d", 2, 14},
		{"t", 3, 1},
		{"t.x", 4, 3},
		{"s", 7, 1},
		{"s[0]", 7, 1},
		{"s[1]", 8, 1},
		{"s[1].y", 9, 1},
		{"s[1].sub", 10, 1},
		{"s[1].sub.z", 11, 1},
		{"s[1].list[0]", 12, 1},
		{`s[1].list[0]."q k"`, 13, 1},
	}
	for _, tt := range tests {
		line, col, ok := ix.Pos(tt.path)
		if !ok || line != tt.line || col != tt.col {
			t.Errorf("Pos(%q) = %d, %d, %v; want %d, %d", tt.path, line, col, ok, tt.line, tt.col)
		}
	}
	if _, _, ok := ix.Pos("not"); ok {
		t.Errorf(`Pos("not a header") found a key inside a string`)
	}
	if e := ix.Errorf("s[1].missing", "no %s", "thing"); e.Line != 8 || e.Msg != "no thing" || e.Quote != "[[s]]" {
		t.Errorf("Errorf fallback = %+v", e)
	}
	if e := ix.Errorf("nowhere", "x"); e.Line != 0 || e.Quote != "" {
		t.Errorf("Errorf for unknown path = %+v", e)
	}
}

func TestPrefixes(t *testing.T) {
	got := strings.Join(prefixes(`a[1]."b.[c]".d[2][3]`), " | ")
	want := `a[1]."b.[c]".d[2][3] | a[1]."b.[c]".d[2] | a[1]."b.[c]".d | a[1]."b.[c]" | a[1] | a`
	if got != want {
		t.Errorf("prefixes = %s\nwant       %s", got, want)
	}
	if got := JoinKey("stop", "odd key", `q"\`); got != `stop."odd key"."q\"\\"` {
		t.Errorf("JoinKey = %s", got)
	}
}

func TestPrintable(t *testing.T) {
	in := "ok é 日本 \x1b[1m \x00 \t \n \x7f \u0085 \u202e \xff"
	got := Printable(in)
	want := `ok é 日本 \x1b[1m \x00 \x09 \x0a \x7f \u0085 \u202e \xff`
	if got != want {
		t.Errorf("Printable = %q, want %q", got, want)
	}
	if Printable(got) != got {
		t.Errorf("Printable is not idempotent")
	}
}

func FuzzDecode(f *testing.F) {
	seeds := []string{
		goodDoc,
		"",
		"schema = \"one\"\n",
		"[[stop]]\nkey = \"a\"\n[[stop]]\ncolour = 1\n",
		"a = [1,\n2,\n",
		"title = \"a\x1b[31m\"\n",
		"\xff\xfe\x00a",
		"x = { a = { b = [ { c = 1 } ] } }\n",
		"[[stop]]\nplanned = \"15q\"\n[stop.sub]\n",
		"\"\\u001b\" = '''\n'''''\n",
		"when = 1979-05-27 07:32:00\n",
		"a.b.c = 1\n[a.b]\n",
		"a = [[[[[[[[[1]]]]]]]]]\n",
		"[a.b.c.d.e.f.g]\nh.i = \"\"\"x\"\"\"\"\"\nj = {k = [{l = 1}]}\n",
		"[" + strings.Repeat("k", 130) + "]\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range []Limits{DefaultLimits, {MaxBytes: len(data)/2 + 1, MaxDepth: 2}} {
			checkLimitsPosition(t, data, lim)
		}
		var d testDoc
		err := Decode("fuzz.toml", data, &d)
		if err == nil {
			return
		}
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("error is %T, not *FileError: %v", err, err)
		}
		assertPrintable(t, err.Error())
	})
}

// checkLimitsPosition fails unless CheckLimits places any error it returns
// inside data: on one of its lines, at most one column past that line's end.
func checkLimitsPosition(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	err := CheckLimits("fuzz.toml", data, lim)
	if err == nil {
		return
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("CheckLimits error is %T, not *FileError: %v", err, err)
	}
	lines := strings.Split(strings.TrimPrefix(string(data), bom), "\n")
	if fe.Line < 1 || fe.Line > len(lines) || fe.Col < 1 || fe.Col > utf8.RuneCountInString(lines[fe.Line-1])+1 {
		t.Fatalf("CheckLimits(%+v) position %d:%d is outside %q", lim, fe.Line, fe.Col, data)
	}
	assertPrintable(t, err.Error())
}

// FuzzIndex checks the scanner against the real parser: in any document
// BurntSushi accepts, every key, table and array element must have a
// position, or errors about it would lose their line.
func FuzzIndex(f *testing.F) {
	for _, s := range []string{
		goodDoc,
		"a.b.c = 1\n[a.d]\n[[a.e]]\n[[a.e]]\nx = [[1], [{y = 2}]]\n",
		"\"q\\\"k\".'l' . m = { n = [ ] }\n",
		"s = \"\"\"\n[x]\n\"\"\"\nt = '''a'''''\n",
		"[[a]]\n[[a.b]]\n[a.b.c]\n[[a]]\n[[a.b]]\n",
		"k = 1979-05-27 07:32:00Z # c\nl = [ # c\n 1, # c\n]\n",
		"a = [[{b = [1, {c = 2}]}], [], {}]\nd = {e = [[3]], f = {}}\n[[g]]\nh = [{i = 1}]\n[[g]]\nh = [{i = 2}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m map[string]any
		if Decode("fuzz.toml", data, &m) != nil {
			return
		}
		// ix opens arrays and tables as it is asked about them, full has
		// them all open: both must give the same answers.
		ix, full := NewIndex("fuzz.toml", data), NewIndex("fuzz.toml", data)
		full.load()
		full.mu.Lock()
		full.openAll()
		full.mu.Unlock()
		var walk func(p keyPath, v any)
		walk = func(p keyPath, v any) {
			if p.indexed != "" {
				line, col, ok := ix.Pos(p.indexed)
				if !ok {
					t.Fatalf("no position for %s in %q", p.indexed, data)
				}
				if l, c, _ := full.Pos(p.indexed); l != line || c != col {
					t.Fatalf("%s is at %d:%d, or at %d:%d with everything open, in %q", p.indexed, line, col, l, c, data)
				}
				if l, _ := full.locatePlain(p.plain); l == 0 {
					t.Fatalf("no position for plain %s in %q", p.plain, data)
				}
			}
			switch v := v.(type) {
			case map[string]any:
				for k, e := range v {
					walk(p.key(k), e)
				}
			case []map[string]any:
				for i, e := range v {
					walk(p.index(i), e)
				}
			case []any:
				for i, e := range v {
					walk(p.index(i), e)
				}
			}
		}
		walk(keyPath{}, m)

		// The limits scan must see at least the depth the parser built.
		if scan, tree, ok := deepEnough(string(data), m); !ok {
			t.Fatalf("the limits scan saw %+v, the parser built %+v, in %q", scan, tree, data)
		}
	})
}
