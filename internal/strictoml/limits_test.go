package strictoml

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestCheckLimitsDepth(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + "1" + strings.Repeat("]", n) }
	tests := []struct {
		name      string
		in        string
		line, col int    // 0: accepted
		what      string // "values" or "keys"
	}{
		{"flat", "a = 1\nb = \"x\"\n", 0, 0, ""},
		{"session-like", "[[stop]]\nkey = \"a\"\nprompts = [\"one\", 'two']\n[theme]\naccent = \"#fff\"\n", 0, 0, ""},
		{"eight brackets", "a = " + deep(8) + "\n", 0, 0, ""},
		{"nine brackets", "a = " + deep(9) + "\n", 1, 13, "values"},
		{"keys do not count as brackets", "[a.b.c]\nd = " + deep(8) + "\n", 0, 0, ""},
		{"braces count as brackets", "a = [{b = [{c = [[[[1]]]]}]}]\n", 0, 0, ""},
		{"braces count as brackets, too deep", "a = [{b = [{c = [[[[[1]]]]]}]}]\n", 1, 21, "values"},
		{"keys in inline tables", "a = {b = {c = {d = 1}}}\n", 0, 0, ""},
		{"keys in inline tables, too deep", "a = {b = {c = {d = {e = 1}}}}\n", 1, 21, "keys"},
		{"header of four parts", "[a.b.c.d]\n", 0, 0, ""},
		{"header of five parts", "[a.b.c.d.e]\n", 1, 10, "keys"},
		{"array header of five parts", "[[a . b.c.d . e]]\n", 1, 15, "keys"},
		{"header plus key", "[a.b.c]\nd = 1\n", 0, 0, ""},
		{"header plus dotted key", "[a.b.c]\nd.e = 1\n", 2, 3, "keys"},
		{"a later header starts afresh", "[a.b.c]\n[x]\nk.l.m = 1\n", 0, 0, ""},
		{"dotted key of five parts", "a.b.c.d.e = 1\n", 1, 9, "keys"},
		{"dotted keys in inline tables", "a = {b.c = {d = 1}}\n", 0, 0, ""},
		{"dotted keys in inline tables, too deep", "a = {b.c = {d = 1, e.f = 2}}\n", 1, 22, "keys"},
		{"quoted key with dots is one part", "\"a.b.c.d.e.f.g.h.i\" = 1\n'a.b.c.d.e.f.g.h.i' = 2\n", 0, 0, ""},
		{"quoted parts count", "\"a\".'b'.\"c\".d.e = 1\n", 1, 15, "keys"},
		{"brackets in strings", "a = \"[[[[[[[[[[{{{{{{{{{\"\nb = '[[[[[[[[[[[['\n", 0, 0, ""},
		{"escaped quote", "a = \"\\\"[[[[[[[[[[\"\nb = \"\\\\\" \n", 0, 0, ""},
		{"escaped quote, then deep", "a = \"\\\\\" # \"\nb = " + deep(9) + "\n", 2, 13, "values"},
		{"brackets in comments", "# [[[[[[[[[[[[\na = [ # [[[[[[[[[[\n 1, # {{{{{{{{{{\n]\n", 0, 0, ""},
		{"multi-line basic", "a = \"\"\"\n[[[[[[[[[[\n\\\"\"\" still in\n\"\"\"\n", 0, 0, ""},
		{"multi-line literal", "a = '''\n[[[[[[[[[[ \\'''\n", 0, 0, ""},
		{"five closing quotes", "a = \"\"\"x\"\"\"\"\"\nb = " + deep(9) + "\n", 2, 13, "values"},
		{"five closing single quotes", "a = '''x'''''\nb = " + deep(9) + "\n", 2, 13, "values"},
		{"a string in an array", "a = [\"]]]]\", " + deep(8) + "]\n", 1, 21, "values"},
		{"table header inside a string", "a = \"\"\"\n[a.b.c.d.e.f.g.h.i]\n\"\"\"\n", 0, 0, ""},
		{"array spread over lines", "a = [\n  [\n    [[[[[[\n      [1]]]]]]]]]\n", 4, 7, "values"},
		{"inline table over lines (TOML 1.1)", "a = {\n  b = {\n    c = {\n      d = {\n        e = 1 }}}}\n", 5, 9, "keys"},
		{"trailing comma in inline table", "a = {b = 1,}\nc = " + deep(9) + "\n", 2, 13, "values"},
		{"empty containers", "a = [[], {}, [[]], [{}]]\n", 0, 0, ""},
		{"dates with a space", "a = [1979-05-27 07:32:00, " + deep(8) + "]\n", 1, 34, "values"},
		{"column counts characters", "a = [\"é日\", " + deep(8) + "]\n", 1, 19, "values"},
		{"after a byte order mark", "\ufeffa = " + deep(9) + "\n", 1, 13, "values"},
		{"CRLF", "x = 1\r\na = " + deep(9) + "\r\n", 2, 13, "values"},
		{"unclosed, shallow", "a = [[[[\n", 0, 0, ""},
		{"unclosed, deep", "a = " + strings.Repeat("[", 100000), 1, 13, "values"},
		{"junk", "]]]] = [[\n{{ = 3\n= [[[[[[[[[[[\n", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckLimits("d.toml", []byte(tt.in), DefaultLimits)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("CheckLimits = %v, want nil", err)
				}
				return
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("CheckLimits = %#v, want *FileError", err)
			}
			if fe.File != "d.toml" || fe.Line != tt.line || fe.Col != tt.col {
				t.Errorf("position = %s:%d:%d, want d.toml:%d:%d\n%v", fe.File, fe.Line, fe.Col, tt.line, tt.col, err)
			}
			want := map[string]string{"values": "values nest deeper than 8 levels here;", "keys": "keys nest deeper than 4 levels here"}[tt.what]
			if !strings.HasPrefix(fe.Msg, want) || !strings.HasSuffix(fe.Msg, "; Pit Stop's files never do: is this the right file?") {
				t.Errorf("Msg = %q, want %q...", fe.Msg, want)
			}
			if fe.Quote == "" {
				t.Errorf("no quote")
			}
			assertPrintable(t, err.Error())
		})
	}
}

func TestCheckLimitsKeyLength(t *testing.T) {
	a, b := strings.Repeat("a", 100), strings.Repeat("b", 27)
	tests := []struct {
		name      string
		in        string
		line, col int // 0: accepted
	}{
		{"header and key, at the limit", "[" + a + "]\n" + b + " = 1\n", 0, 0},
		{"header and key, one too many", "[" + a + "]\n" + b + "b = 1\n", 2, 1},
		{"dotted header", "[" + a + "." + b + "]\n", 0, 0},
		{"dotted header, one too many", "[" + a + " . " + b + "b]\n", 1, 105},
		{"one long key", strings.Repeat("k", 129) + " = 1\n", 1, 1},
		{"a long string is no key", "k = \"" + strings.Repeat("s", 10000) + "\"\n", 0, 0},
		{"quoted, as written", "\"" + strings.Repeat("\\t", 63) + "\" = 1\n", 0, 0},
		{"quoted, as written, one too many", "\"" + strings.Repeat("\\t", 63) + "x\" = 1\n", 1, 1},
		{"inline tables add up", "x = {" + a + " = {" + b + "b = 1}}\n", 1, 110},
		{"arrays add nothing", "x = [{" + a + " = [{" + b[:25] + " = 1}]}]\n", 0, 0},
		{"after a comma", "x = {y = 1, " + strings.Repeat("k", 127) + " = 2}\n", 1, 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckLimits("k.toml", []byte(tt.in), DefaultLimits)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("CheckLimits = %v, want nil", err)
				}
				return
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Line != tt.line || fe.Col != tt.col || !strings.Contains(fe.Msg, "longer than 128 bytes") {
				t.Fatalf("CheckLimits = %v, want a long key at %d:%d", err, tt.line, tt.col)
			}
		})
	}
	long := []byte(strings.Repeat("k", 200) + " = 1\n")
	if err := CheckLimits("k.toml", long, Limits{MaxKeyLength: -1}); err != nil {
		t.Errorf("MaxKeyLength -1 (no limit): %v", err)
	}
	if err := CheckLimits("k.toml", long, Limits{MaxKeyLength: 200}); err != nil {
		t.Errorf("MaxKeyLength 200: %v", err)
	}
}

func TestCheckLimitsSize(t *testing.T) {
	in := []byte("a = 1\nbb = 2\n")
	var fe *FileError
	if err := CheckLimits("s.toml", in, Limits{MaxBytes: 8}); !errors.As(err, &fe) || fe.Line != 2 || fe.Col != 3 ||
		fe.Msg != "the file is larger than 8 bytes (it is 13 bytes); Pit Stop's files are far smaller: is this the right file?" {
		t.Errorf("CheckLimits = %#v", err)
	}
	if err := CheckLimits("s.toml", in, Limits{MaxBytes: len(in)}); err != nil {
		t.Errorf("CheckLimits at the limit = %v", err)
	}
	if err := CheckLimits("s.toml", in, Limits{MaxBytes: -1}); err != nil {
		t.Errorf("CheckLimits with no size limit = %v", err)
	}
	if got := formatSize(32 << 20); got != "32 MiB" {
		t.Errorf("formatSize = %q", got)
	}
	if got := formatSize(3<<20 + 1<<19); got != "3.5 MiB" {
		t.Errorf("formatSize = %q", got)
	}
}

func TestLimitsDefaultsAndOverrides(t *testing.T) {
	deep := "a = " + strings.Repeat("[", 12) + strings.Repeat("]", 12) + "\n"
	if err := CheckLimits("x", []byte(deep), Limits{}); err == nil {
		t.Errorf("zero Limits should mean the defaults")
	}
	if err := CheckLimits("x", []byte(deep), Limits{MaxDepth: 13}); err != nil {
		t.Errorf("MaxDepth 13: %v", err)
	}
	if err := CheckLimits("x", []byte(deep), Limits{MaxDepth: -1}); err != nil {
		t.Errorf("MaxDepth -1 (no limit): %v", err)
	}
	var v map[string]any
	if err := DecodeWithLimits("x", []byte(deep), &v, Limits{MaxDepth: 13}); err != nil {
		t.Errorf("DecodeWithLimits: %v", err)
	}
	var fe *FileError
	if err := Decode("x", []byte(deep), &v); !errors.As(err, &fe) || fe.Line != 1 || fe.Col != 13 {
		t.Errorf("Decode = %v, want the limit at 1:13", err)
	}
	keys := []byte("a.b.c.d.e.f = 1\n")
	if err := CheckLimits("x", keys, Limits{}); err == nil {
		t.Errorf("six keys deep with the default limits")
	}
	if err := CheckLimits("x", keys, Limits{MaxKeyDepth: 6}); err != nil {
		t.Errorf("MaxKeyDepth 6: %v", err)
	}
	if err := CheckLimits("x", keys, Limits{MaxKeyDepth: -1}); err != nil {
		t.Errorf("MaxKeyDepth -1 (no limit): %v", err)
	}
	big := []byte("a = 1\n" + strings.Repeat("#", 100))
	if err := DecodeWithLimits("x", big, &v, Limits{MaxBytes: 50}); !errors.As(err, &fe) || fe.Line != 2 {
		t.Errorf("DecodeWithLimits over MaxBytes = %v", err)
	}
}

// treeDepth is how deep the parsed document v goes, counted as Limits
// counts: how many inline arrays deep (inline tables are not seen here, so
// the scan, which counts them too, may find more) and how many keys deep.
func treeDepth(v any) place {
	var d place
	deeper := func(e place) { d.level, d.keys = max(d.level, e.level), max(d.keys, e.keys) }
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			e := treeDepth(e)
			e.keys++
			deeper(e)
		}
	case []map[string]any: // an array of tables; or inline, which the scan counts more
		for _, e := range v {
			deeper(treeDepth(e))
		}
	case []any:
		d.level = 1
		for _, e := range v {
			e := treeDepth(e)
			e.level++
			deeper(e)
		}
	}
	return d
}

// deepEnough reports whether scanning in finds it at least as deep as the
// parsed document v.
func deepEnough(in string, v any) (scan, tree place, ok bool) {
	sc := limitScanner{s: strings.TrimPrefix(in, bom), maxDepth: math.MaxInt, maxKeys: math.MaxInt, maxName: math.MaxInt, over: -1}
	sc.document()
	tree = treeDepth(v)
	return sc.deepest, tree, sc.deepest.level >= tree.level && sc.deepest.keys >= tree.keys
}

func TestTreeDepthAgreesWithScan(t *testing.T) {
	for _, in := range []string{
		goodDoc,
		"a = [[[1]]]\n",
		"a = {b = {c = [1]}}\n",
		"[[a]]\n[[a.b]]\nc.d = [[]]\n",
	} {
		var m map[string]any
		if err := Decode("t.toml", []byte(in), &m); err != nil {
			t.Fatal(err)
		}
		if scan, tree, ok := deepEnough(in, m); !ok || tree.keys == 0 {
			t.Errorf("%q: the document is %+v deep, the scan saw %+v", in, tree, scan)
		}
	}
}

// BenchmarkCheckLimits times the scan on 1 MiB shaped like a session file,
// which it reads to the end.
func BenchmarkCheckLimits(b *testing.B) {
	data := upTo(hostileSize, "schema = 1\ntitle = \"Retro\"\n", "", func(i int) string {
		return fmt.Sprintf("[[note]]\nid = \"n%d\"\nstop = \"trust\"\ntext = \"\"\"\nWe said [things] {here}, \"quoted\" and 'not'.\n\"\"\"\n", i)
	})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := CheckLimits("s.toml", data, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
