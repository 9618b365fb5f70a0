package strictoml

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// hostileSession is shaped like a session file: a few top-level keys and
// arrays of tables.
type hostileSession struct {
	Schema  int       `toml:"schema"`
	ID      string    `toml:"id"`
	Title   string    `toml:"title"`
	Created time.Time `toml:"created"`
	Stops   []struct {
		Key     string    `toml:"key"`
		Name    string    `toml:"name"`
		Planned string    `toml:"planned"`
		Entered time.Time `toml:"entered"`
	} `toml:"stop"`
	Notes []struct {
		ID   string `toml:"id"`
		Stop string `toml:"stop"`
		Text string `toml:"text"`
	} `toml:"note"`
	Ratings []struct {
		Outcome string `toml:"outcome"`
		Score   int    `toml:"score"`
	} `toml:"rating"`
}

// hostileSize is how large each hostile input is made.
const hostileSize = 1 << 20

// upTo repeats unit (given its index) until the result would pass size,
// between head and tail.
func upTo(size int, head, tail string, unit func(i int) string) []byte {
	var b strings.Builder
	b.Grow(size)
	b.WriteString(head)
	for i := 0; ; i++ {
		u := unit(i)
		if b.Len()+len(u)+len(tail) > size {
			break
		}
		b.WriteString(u)
	}
	b.WriteString(tail)
	return []byte(b.String())
}

func same(s string) func(int) string { return func(int) string { return s } }

// hostileInputs are the worst cases found for Decode, each about 1 MiB.
// The first ones were super-linear in BurntSushi/toml or in this package
// and are now refused before parsing; the others are linear but were slow
// in this package's own code, and fail to decode into hostileSession.
var hostileInputs = []struct {
	name string
	make func() []byte
}{
	// Refused by CheckLimits.
	{"deep-arrays", func() []byte {
		return []byte("title = " + strings.Repeat("[", hostileSize/2-8) + strings.Repeat("]", hostileSize/2-8) + "\n")
	}},
	{"deep-inline-tables", func() []byte {
		n := (hostileSize - 10) / 4
		return []byte("title = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n")
	}},
	{"deep-arrays-of-tables", func() []byte {
		n := (hostileSize - 10) / 6
		return []byte("title = " + strings.Repeat("[{a=", n) + "1" + strings.Repeat("}]", n) + "\n")
	}},
	{"unclosed-deep-arrays", func() []byte { return []byte("title = " + strings.Repeat("[", hostileSize-8)) }},
	{"dotted-key-deep", func() []byte { return upTo(hostileSize, "", "a = 1\n", same("a.")) }},
	{"table-header-deep", func() []byte { return upTo(hostileSize, "[", "a]\n", same("a.")) }},
	{"array-table-header-deep", func() []byte { return upTo(hostileSize, "[[", "a]]\n", same("a.")) }},
	{"long-table-name-many-keys", func() []byte {
		return upTo(hostileSize, "["+strings.Repeat("t", hostileSize/2)+"]\n", "", func(i int) string { return fmt.Sprintf("k%d=1\n", i) })
	}},
	{"huge-key", func() []byte { return upTo(hostileSize, "", " = 1\n", same("k")) }},

	// Parsed, and refused by the checker.
	{"many-unknown-keys", func() []byte {
		return upTo(hostileSize, "", "", func(i int) string { return fmt.Sprintf("k%d=1\n", i) })
	}},
	{"many-misspelt-keys-in-tables", func() []byte { return upTo(hostileSize, "", "", same("[[stop]]\nnmae = \"n\"\n")) }},
	{"many-wrong-types", func() []byte { return upTo(hostileSize, "", "", same("[[stop]]\nkey = 1\n")) }},
	{"many-tables-error-at-end", func() []byte {
		return upTo(hostileSize, "", "[[stop]]\nkey = 5\n", func(i int) string { return fmt.Sprintf("[[stop]]\nkey = \"k%d\"\nname = \"n\"\n", i) })
	}},
	{"many-unknown-tables", func() []byte {
		return upTo(hostileSize, "", "", func(i int) string { return fmt.Sprintf("[t%d]\n", i) })
	}},
	{"long-array", func() []byte { return upTo(hostileSize, "title = [", "]\n", same("1,")) }},
	{"long-array-of-arrays", func() []byte { return upTo(hostileSize, "title = [", "]\n", same("[1],")) }},
	{"long-array-of-tables", func() []byte { return upTo(hostileSize, "title = [", "]\n", same("{},")) }},
	{"long-inline-table", func() []byte {
		return upTo(hostileSize, "title = {", "z=1}\n", func(i int) string { return fmt.Sprintf("k%d=1,", i) })
	}},
	{"dotted-keys-at-depth-limit", func() []byte {
		return upTo(hostileSize, "", "", func(i int) string { return fmt.Sprintf("a.b.c.k%d=1\n", i) })
	}},
	{"keys-under-a-deep-table", func() []byte {
		return upTo(hostileSize, "[a.b.c]\n", "", func(i int) string { return fmt.Sprintf("k%d=1\n", i) })
	}},
	{"arrays-at-depth-limit", func() []byte {
		return upTo(hostileSize, "", "", func(i int) string { return fmt.Sprintf("k%d=[[[[[[[[1]]]]]]]]\n", i) })
	}},
	{"inline-tables-at-key-depth-limit", func() []byte {
		return upTo(hostileSize, "", "", func(i int) string { return fmt.Sprintf("k%d={a={b={c=1}}}\n", i) })
	}},
	{"long-table-name-at-limit", func() []byte {
		return upTo(hostileSize, "["+strings.Repeat("t", 120)+"]\n", "", func(i int) string { return fmt.Sprintf("k%d=1\n", i) })
	}},
	{"many-lines-syntax-error-at-end", func() []byte { return upTo(hostileSize, "", "title = \n", same("\n")) }},
	{"many-comments-syntax-error-at-end", func() []byte { return upTo(hostileSize, "", "title = \"x\" y\n", same("# [[{{\n")) }},
	{"duplicate-key-at-end", func() []byte {
		return upTo(hostileSize, "", "id = \"dup\"\n", func(i int) string { return fmt.Sprintf("[[note]]\nid = \"%d\"\ntext = \"x\"\n", i) })
	}},
	{"long-line-error-at-end", func() []byte {
		return []byte("title = \"" + strings.Repeat("é", hostileSize/2-16) + "\" junk\n")
	}},
	{"long-string-wrong-type", func() []byte { return []byte("schema = \"" + strings.Repeat("x", hostileSize-16) + "\"\n") }},
}

// BenchmarkHostileLoad times Decode on each hostile input. Each must take
// far less than a second per op.
func BenchmarkHostileLoad(b *testing.B) {
	for _, h := range hostileInputs {
		data := h.make()
		b.Run(h.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var s hostileSession
				if Decode("hostile.toml", data, &s) == nil {
					b.Fatal("decoded")
				}
			}
		})
	}
}

// TestHostileRefused checks that each hostile input is refused, with a
// position. It does not time anything: the machines tests run on are too
// noisy for that; see BenchmarkHostileLoad.
func TestHostileRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("makes megabytes of input")
	}
	for _, h := range hostileInputs {
		t.Run(h.name, func(t *testing.T) {
			data := h.make()
			if len(data) > hostileSize || len(data) < hostileSize*9/10 {
				t.Errorf("input is %d bytes, want about %d", len(data), hostileSize)
			}
			var s hostileSession
			err := Decode("hostile.toml", data, &s)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode = %v, want *FileError", err)
			}
			if fe.Line <= 0 || fe.Col <= 0 {
				t.Errorf("no position: %v", err)
			}
			if len(err.Error()) > 1000 {
				t.Errorf("message of %d bytes: %.200s…", len(err.Error()), err)
			}
			assertPrintable(t, err.Error())
		})
	}
}

// TestJustUnderTheLimits checks that what nests or names as much as the
// limits allow still decodes.
func TestJustUnderTheLimits(t *testing.T) {
	type free struct {
		Stops []struct {
			Key   string `toml:"key"`
			Extra any    `toml:"extra"`
		} `toml:"stop"`
		Any any `toml:"any"`
	}
	long := strings.Repeat("k", 128-len("stop.extra."))
	for _, in := range []string{
		"any = [[[[[[[[1]]]]]]]]\n",                          // eight brackets
		"any = [{a = [{b = [[[[1]]]]}]}]\n",                  // eight, with braces
		"any = {a = {b = {c = [1]}}}\n",                      // keys any a b c
		"[[stop]]\nkey = \"x\"\nextra = [[[[[[[[1]]]]]]]]\n", // eight under stop.extra
		"[[stop]]\nextra.a.b = 1\n",                          // keys stop extra a b
		"[[stop]]\nextra = {a = {b = [[1]]}}\n",              // keys stop extra a b
		"[[stop]]\n[stop.extra.a]\nz = 1\n",                  // keys stop extra a z
		"[[stop]]\nextra = {" + long + " = 1}\n",             // a full name of 128 bytes
	} {
		var v free
		if err := Decode("under.toml", []byte(in), &v); err != nil {
			t.Errorf("Decode(%q): %v", in, err)
		}
	}
	// One level more is refused.
	for _, tt := range []struct {
		in        string
		line, col int
	}{
		{"any = [[[[[[[[[1]]]]]]]]]\n", 1, 15},
		{"[[stop]]\nextra.a.b.c = 1\n", 2, 11},
		{"[[stop]]\nextra = {" + long + "k = 1}\n", 2, 10},
	} {
		var v free
		var fe *FileError
		if err := Decode("over.toml", []byte(tt.in), &v); !errors.As(err, &fe) || fe.Line != tt.line || fe.Col != tt.col {
			t.Errorf("Decode(%q) = %v, want a refusal at %d:%d", tt.in, err, tt.line, tt.col)
		}
	}
}
