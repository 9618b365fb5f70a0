package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"pitstop/internal/strictoml"
)

// defaultConfig is the real default workshop, as main.go embeds it.
func defaultConfig(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDefaultConfig(t *testing.T) {
	w, err := Parse("config.toml", defaultConfig(t))
	if err != nil {
		t.Fatalf("the default config.toml does not parse:\n%v", err)
	}
	wantNames := []string{"Belonging", "Reflection & Accountability", "Intentionality", "Vulnerability", "Mindset", "Healing", "Trust"}
	wantKeys := []string{"belonging", "reflection", "intentionality", "vulnerability", "mindset", "healing", "trust"}
	if len(w.Stops) != len(wantNames) {
		t.Fatalf("got %d stops, want %d", len(w.Stops), len(wantNames))
	}
	var total time.Duration
	for i, s := range w.Stops {
		if s.Name != wantNames[i] || s.Key != wantKeys[i] {
			t.Errorf("stop %d = %q (%s), want %q (%s)", i+1, s.Name, s.Key, wantNames[i], wantKeys[i])
		}
		if n := len(s.Prompts); n < 2 || n > 3 {
			t.Errorf("stop %q has %d prompts, want 2 or 3", s.Name, n)
		}
		if s.Description == "" {
			t.Errorf("stop %q has no description", s.Name)
		}
		if s.Planned < 5*time.Minute || s.Planned > 30*time.Minute {
			t.Errorf("stop %q is planned for %v; want 5 to 30 minutes", s.Name, s.Planned)
		}
		total += s.Planned
	}
	if total < 90*time.Minute || total > 120*time.Minute {
		t.Errorf("planned total is %v, want 90m to 120m", total)
	}
	for _, key := range []string{"vulnerability", "healing"} {
		for _, s := range w.Stops {
			if s.Key == key && !strings.Contains(s.Hint, "unattributed") {
				t.Errorf("stop %q: hint should say notes are unattributed, got %q", s.Name, s.Hint)
			}
		}
	}

	if len(w.Outcomes) != 22 {
		t.Errorf("got %d outcomes, want 22", len(w.Outcomes))
	}
	for _, o := range w.Outcomes {
		if n := utf8.RuneCountInString(o.Label); n > 45 {
			t.Errorf("outcome %s label is %d characters, want at most 45: %q", o.Key, n, o.Label)
		}
		if o.Explain == "" || strings.Contains(o.Explain, "\n") {
			t.Errorf("outcome %s needs a one-line explanation, has %q", o.Key, o.Explain)
		}
	}
	for _, s := range w.Stops {
		if s.Check != (s.Key == "reflection") {
			t.Errorf("stop %s suggests the check: %v; the default suggests it at Reflection & Accountability only", s.Key, s.Check)
		}
	}
	if w.Outcomes[0].Key != "power-with" || w.Outcomes[21].Key != "vulnerability-is-courage" {
		t.Errorf("outcomes out of order: first %s, last %s", w.Outcomes[0].Key, w.Outcomes[21].Key)
	}

	if w.Theme != (Theme{Name: ThemeAuto}) || w.Display != (Display{Bell: true, Hint: true}) {
		t.Errorf("config.toml theme = %+v, display = %+v; want auto with no colours of its own, the bell and the hint on", w.Theme, w.Display)
	}
	if w.Title == "" || w.Source != "config.toml" {
		t.Errorf("Title = %q, Source = %q", w.Title, w.Source)
	}
}

// base is the smallest valid file; refusal cases append to it or replace it.
const base = `schema = 1

[[stop]]
key = "a"
name = "Alpha"
planned = "5m"
`

func TestParseMinimal(t *testing.T) {
	w, err := Parse("min.toml", []byte(base+`
[theme]
accent = "#ABCDEF"
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Stops) != 1 || w.Stops[0].Planned != 5*time.Minute || len(w.Outcomes) != 0 {
		t.Errorf("got %+v", w)
	}
	if w.Serve.MinAnswers != 0 || w.Serve.Web != "" {
		t.Errorf("serve = %+v; want no page and the model's minimum", w.Serve)
	}
	if w, err := Parse("web.toml", []byte(base+"[serve]\nweb = \" 0.0.0.0:8080 \"\nmin_answers = 5\n")); err != nil || w.Serve.Web != "0.0.0.0:8080" || w.Serve.MinAnswers != 5 {
		t.Errorf("[serve] web and min_answers: %+v, %v", w.Serve, err)
	}
	if w.Theme.Overrides != (Colours{Accent: "#abcdef"}) || w.Theme.Name != ThemeAuto {
		t.Errorf("theme = %+v; want the accent lowercased and nothing else set", w.Theme)
	}
	if p := w.Theme.Resolve(true); p.Accent != "#abcdef" || p.Text != Palettes[0].Text {
		t.Errorf("resolved = %+v; want the accent set and the rest the dark palette's", p)
	}
}

func TestParseTextHandling(t *testing.T) {
	w, err := Parse("t.toml", []byte(base+`description = """
  First line.
  Second line.
"""
prompts = ["  Why?  "]
`))
	if err != nil {
		t.Fatal(err)
	}
	s := w.Stops[0]
	if s.Description != "First line.\n  Second line." || s.Prompts[0] != "Why?" {
		t.Errorf("description %q, prompts %q", s.Description, s.Prompts)
	}
}

func TestParseRefusals(t *testing.T) {
	stops := func(n int) string {
		var b strings.Builder
		b.WriteString("schema = 1\n")
		for i := range n {
			fmt.Fprintf(&b, "[[stop]]\nkey = \"s%d\"\nname = \"S\"\nplanned = \"1m\"\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		in   string
		line int
		msg  []string
	}{
		{"syntax error", "schema = 1\n[[stop]\n", 2, []string{"not closed"}},
		{"norm stop not in the workshop", base + "[team]\nnorm_stops = [\"trust\"]\n", 8, []string{`"trust", which is not a stop`}},
		{"definition stop not in the workshop", base + "[team]\ndefinition_stop = \"nowhere\"\n", 8, []string{`"nowhere" is not a stop`}},
		{"room minimum of zero", base + "[serve]\nmin_answers = 0\n", 8, []string{"serve.min_answers = 0", "from 1 to 300"}},
		{"unknown top-level key", "colour = \"red\"\n" + base, 1, []string{`unknown key "colour" at the top level`}},
		{"unknown key in stop", base + "colour = \"red\"\n", 7, []string{"stop[0].colour"}},
		{"unknown key in theme", base + "[theme]\nbackground = \"#000000\"\n", 8, []string{"theme.background"}},
		{"unknown key in workshop", base + "[workshop]\ntitel = \"x\"\n", 8, []string{`did you mean "title"?`}},
		{"schema inside a table", "[workshop]\ntitle = \"x\"\nschema = 1\n", 3, []string{"inside [workshop]", "above the first"}},
		{"missing stop key", base + "[[stop]]\nname = \"B\"\nplanned = \"5m\"\n", 7, []string{"[[stop]] number 2 has no key"}},
		{"bad stop key", base + "[[stop]]\nkey = \"Pit Stop\"\nname = \"B\"\nplanned = \"5m\"\n", 8, []string{`key "Pit Stop" is not valid`}},
		{"duplicate stop key", base + "[[stop]]\nkey = \"a\"\nname = \"B\"\nplanned = \"5m\"\n", 8, []string{`"a" is already used`, "line 4"}},
		{"missing name", "schema = 1\n[[stop]]\nkey = \"a\"\nplanned = \"5m\"\n", 2, []string{"has no name"}},
		{"empty name", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"  \"\nplanned = \"5m\"\n", 4, []string{"empty name"}},
		{"name too long", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"" + strings.Repeat("x", 41) + "\"\nplanned = \"5m\"\n", 4, []string{"41 characters"}},
		{"missing planned", "schema = 1\n\n[[stop]]\nkey = \"a\"\nname = \"A\"\n", 3, []string{`stop "A" has no planned time`, `"15m"`}},
		{"unparsable planned", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"15\"\n", 5, []string{`"15" is not a duration`, `"1h30m"`}},
		{"zero planned", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"0s\"\n", 5, []string{"more than zero"}},
		{"negative planned", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"-5m\"\n", 5, []string{"more than zero"}},
		{"planned under a minute", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"30s\"\n", 5, []string{"less than a minute"}},
		{"planned too long", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"9h\"\n", 5, []string{"longer than 8 hours"}},
		{"planned as a number", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = 15\n", 5, []string{"needs a unit and quotes", `"15m"`}},
		{"planned as a boolean", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = true\n", 5, []string{"duration in quotes"}},
		{"no stops", "schema = 1\n", 0, []string{"no pit stops"}},
		{"empty stop list", "schema = 1\nstop = []\n", 2, []string{"no pit stops"}},
		{"too many stops", stops(51), 2 + 50*4, []string{"too many pit stops (51)"}},
		{"schema missing", "[[stop]]\nkey = \"a\"\nname = \"A\"\nplanned = \"5m\"\n", 0, []string{"schema is missing"}},
		{"schema newer", "\nschema = 2\nfuture_key = true\n", 2, []string{"schema 2", "newer Pit Stop"}},
		{"schema zero", "schema = 0\n", 1, []string{"schema 0 does not exist"}},
		{"schema not a number", "schema = \"1\"\n", 1, []string{"whole number"}},
		{"too many prompts", base + "prompts = [\"1\", \"2\", \"3\", \"4\", \"5\",\n  \"6\"]\n", 8, []string{"6 prompts", "at most 5"}},
		{"empty prompt", base + "prompts = [\n  \"ok\",\n  \"\",\n]\n", 9, []string{"prompt 2 of stop \"Alpha\" is empty"}},
		{"control character in name", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\\u001b[2J\"\nplanned = \"5m\"\n", 4, []string{"control character", `\x1b`}},
		{"tab in prompt", base + "prompts = [\"a\\tb\"]\n", 7, []string{"a tab"}},
		{"line break in name", "schema = 1\n[[stop]]\nkey = \"a\"\nname = \"A\\nB\"\nplanned = \"5m\"\n", 4, []string{"line break"}},
		{"control character in title", "schema = 1\n[workshop]\ntitle = \"\\u009b31m\"\n" + base[len("schema = 1\n"):], 3, []string{`\u009b`}},
		{"duplicate outcome key", base + "[[outcome]]\nkey = \"x\"\nlabel = \"X\"\n[[outcome]]\nkey = \"x\"\nlabel = \"Y\"\n", 11, []string{`outcome key "x" is already used`, "line 8"}},
		{"outcome without label", base + "[[outcome]]\nkey = \"x\"\n", 7, []string{"[[outcome]] number 1 has no label"}},
		{"outcome without key", base + "[[outcome]]\nlabel = \"X\"\n", 7, []string{"[[outcome]] number 1 has no key"}},
		{"bad colour", base + "[theme]\naccent = \"#5fafff\"\nwarn = \"orange\"\n", 9, []string{`warn = "orange" is not a colour`, "#rrggbb"}},
		{"short colour", base + "[theme]\nok = \"#0f0\"\n", 8, []string{"#rrggbb"}},
		{"unknown theme", base + "[theme]\nname = \"neon\"\n", 8, []string{`no theme "neon"`, "auto, dark, light, high-contrast"}},
		{"bell not a switch", base + "[display]\nbell = \"loud\"\n", 8, []string{"bell"}},
		{"earliest problem wins", "schema = 1\n[theme]\nok = \"green\"\n[[stop]]\nkey = \"a\"\nplanned = \"5m\"\n", 3, []string{"ok = \"green\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("w.toml", []byte(tt.in))
			var fe *strictoml.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Parse error = %#v, want *strictoml.FileError", err)
			}
			if fe.File != "w.toml" || fe.Line != tt.line {
				t.Errorf("error at %s:%d, want w.toml:%d\n%v", fe.File, fe.Line, tt.line, err)
			}
			for _, want := range tt.msg {
				if !strings.Contains(fe.Msg, want) {
					t.Errorf("Msg %q does not contain %q", fe.Msg, want)
				}
			}
			for i := 0; i < len(err.Error()); i++ {
				if c := err.Error()[i]; c < 0x20 && c != '\n' || c == 0x7f {
					t.Fatalf("control byte 0x%02x in %q", c, err.Error())
				}
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, make([]byte, maxFileSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, msg string }{
		{filepath.Join(dir, "missing.toml"), "no such file"},
		{dir, "cannot read"},
		{big, "larger than"},
	}
	for _, tt := range tests {
		_, err := Load(tt.path)
		var fe *strictoml.FileError
		if !errors.As(err, &fe) || fe.File != tt.path || !strings.Contains(fe.Msg, tt.msg) {
			t.Errorf("Load(%s) = %v, want a FileError for that path containing %q", tt.path, err, tt.msg)
		}
	}
}

func TestResolve(t *testing.T) {
	withTitle := func(title string) []byte {
		return []byte(strings.Replace(base, "schema = 1\n", "schema = 1\n[workshop]\ntitle = \""+title+"\"\n", 1))
	}
	write := func(t *testing.T, path string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	embedded := withTitle("embedded")

	tests := []struct {
		name       string
		explicit   bool // write and pass an explicit file
		xdgFile    []byte
		wantTitle  string
		wantSource string // "explicit", "xdg" or EmbeddedSource
	}{
		{"embedded when nothing else", false, nil, "embedded", EmbeddedSource},
		{"XDG file over embedded", false, withTitle("xdg"), "xdg", "xdg"},
		{"explicit over XDG", true, withTitle("xdg"), "explicit", "explicit"},
		{"explicit over embedded", true, nil, "explicit", "explicit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", home)
			xdgPath := filepath.Join(home, "pitstop", "config.toml")
			if tt.xdgFile != nil {
				write(t, xdgPath, tt.xdgFile)
			}
			explicitPath := ""
			if tt.explicit {
				explicitPath = filepath.Join(t.TempDir(), "mine.toml")
				write(t, explicitPath, withTitle("explicit"))
			}
			w, err := Resolve(explicitPath, embedded)
			if err != nil {
				t.Fatal(err)
			}
			wantSource := map[string]string{"explicit": explicitPath, "xdg": xdgPath}[tt.wantSource]
			if wantSource == "" {
				wantSource = tt.wantSource
			}
			if w.Title != tt.wantTitle || w.Source != wantSource {
				t.Errorf("got title %q from %q, want %q from %q", w.Title, w.Source, tt.wantTitle, wantSource)
			}
		})
	}

	t.Run("broken XDG file is an error, not a fallback", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("XDG_CONFIG_HOME", home)
		xdgPath := filepath.Join(home, "pitstop", "config.toml")
		write(t, xdgPath, []byte("schema = 1\ncolour = 1\n"))
		_, err := Resolve("", embedded)
		var fe *strictoml.FileError
		if !errors.As(err, &fe) || fe.File != xdgPath || fe.Line != 2 || !strings.Contains(fe.Msg, "move it away") {
			t.Errorf("Resolve = %v; want a FileError at %s:2 that says how to fall back", err, xdgPath)
		}
	})
	t.Run("missing explicit file is an error", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		_, err := Resolve(filepath.Join(t.TempDir(), "nope.toml"), embedded)
		var fe *strictoml.FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "no such file") {
			t.Errorf("Resolve = %v, want a no-such-file FileError", err)
		}
	})
	t.Run("the real embedded default", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		w, err := Resolve("", defaultConfig(t))
		if err != nil || len(w.Stops) != 7 || w.Source != EmbeddedSource {
			t.Errorf("Resolve = %+v, %v", w, err)
		}
	})
}

func FuzzParse(f *testing.F) {
	good := defaultConfig(f)
	f.Add(good)
	for _, broken := range []string{
		strings.Replace(string(good), `planned = "15m"`, `planned = "15"`, 1),
		strings.Replace(string(good), `key = "trust"`, `key = "belonging"`, 1),
		strings.Replace(string(good), `accent = "#5fafff"`, `accent = "blue"`, 1),
		strings.Replace(string(good), "schema = 1", "schema = 9", 1),
		strings.Replace(string(good), `name = "Healing"`, "name = \"\\u001b[2J\"\ncolour = 3", 1),
		string(good[:len(good)/2]),
		base,
		"",
		"schema = 1\nstop = [{ key = \"a\", name = \"A\", planned = \"5m\", prompts = [1] }]\n",
	} {
		f.Add([]byte(broken))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := Parse("fuzz.toml", data)
		if err != nil {
			var fe *strictoml.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error is %T, not *strictoml.FileError: %v", err, err)
			}
			if s := err.Error(); strings.ContainsAny(s, "\x1b\x00\x7f\r\t") {
				t.Fatalf("unsafe character in %q", s)
			}
			return
		}
		// What Parse accepts, the app can rely on.
		if len(w.Stops) == 0 || len(w.Stops) > maxStops {
			t.Fatalf("accepted %d stops", len(w.Stops))
		}
		keys := map[string]bool{}
		for _, s := range w.Stops {
			if s.Key == "" || keys[s.Key] || s.Name == "" || s.Planned < minPlanned || len(s.Prompts) > maxPrompts {
				t.Fatalf("accepted a bad stop: %+v", s)
			}
			keys[s.Key] = true
		}
	})
}

func BenchmarkParseDefault(b *testing.B) {
	data := defaultConfig(b)
	for b.Loop() {
		if _, err := Parse("config.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTeamDefaults(t *testing.T) {
	w, err := Parse("config.toml", defaultConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	want := Team{NormStops: []string{"belonging", "trust"}, DefinitionStop: "reflection", Concepts: []string{"respect", "trust", "dignity"}}
	if !reflect.DeepEqual(w.Team, want) {
		t.Errorf("team = %+v; want %+v", w.Team, want)
	}
	// A workshop without those stops keeps what it has of the defaults.
	w, err = Parse("min.toml", []byte(base+"[goaround]\nspeaking_time = true\n[team]\nconcepts = [\"Care\", \"care\", \"voice\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Team.NormStops) != 0 || w.Team.DefinitionStop != "" || !reflect.DeepEqual(w.Team.Concepts, []string{"Care", "voice"}) || !w.Team.SpeakingTime {
		t.Errorf("team = %+v", w.Team)
	}
}
