package sessions

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests must not depend on the machine's zoneinfo

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// richSession has every kind of content, including the awkward kinds.
func richSession(t testing.TB) *model.Session {
	s := newTestSession(t, "2026-11-22-partnership-kickoff-3f9c")
	mustApply(t, s, t0.Add(time.Minute),
		model.StartTimer{},
		model.AddNote{Text: `She said "we're in this together" — and meant it.`},
		model.AddNote{Said: "Dana", Text: "Line one\nLine two with a tab\tand a backslash \\ and ''' quotes \"\"\""},
		model.AddNote{Text: "Unicode: café, 你好, 👋🏽, ünïcödé"},
		model.AddAgreement{Text: "Start on time = respect"},
		model.AddTension{Text: "Who decides the budget?"},
		model.AddCommitment{Text: "Draft the data-sharing MOU", Owner: "Dana", Due: "2026-12-05"},
		model.AddCommitment{Text: "Book a room"},
		model.Rate{Outcome: "power-with", Score: 4},
	)
	mustApply(t, s, t0.Add(9*time.Minute+30*time.Second),
		model.ResolveTension{ID: "5", By: "4"},
		model.SetCommitmentStatus{ID: "7", Status: model.CommitmentDone},
		model.EditText{ID: "1", Text: "Edited: \"quoted\""},
		model.NextStop{},
		model.ExtendTimer{By: 2 * time.Minute},
		model.StartTimer{},
	)
	s.Commitments[1].CarriedFrom, s.Commitments[1].CarriedID = "2026-10-01-earlier-0a0a", "12"
	s.Tensions[0].CarriedFrom, s.Tensions[0].CarriedID = "2026-10-01-earlier-0a0a", "9"
	mustApply(t, s, t0.Add(10*time.Minute), model.MarkOpened{})
	return s
}

// sameSession compares sessions, taking times as instants.
func sameSession(t *testing.T, got, want *model.Session) {
	t.Helper()
	norm := func(s *model.Session) *model.Session {
		c := s.Clone()
		c.ClearHistory() // not saved: undo is for slips made in the room
		utc := func(tm *time.Time) {
			if !tm.IsZero() {
				*tm = tm.UTC()
			}
		}
		utc(&c.Created)
		utc(&c.Updated)
		utc(&c.Closed)
		utc(&c.LastOpened)
		for i := range c.Stops {
			utc(&c.Stops[i].Entered)
			utc(&c.Stops[i].Left)
			utc(&c.Stops[i].Timer.RunningSince)
		}
		item := func(it *model.Item) { utc(&it.Created); utc(&it.Edited) }
		for i := range c.Notes {
			item(&c.Notes[i].Item)
		}
		for i := range c.Agreements {
			item(&c.Agreements[i].Item)
		}
		for i := range c.Tensions {
			item(&c.Tensions[i].Item)
			utc(&c.Tensions[i].Resolved)
		}
		for i := range c.Commitments {
			item(&c.Commitments[i].Item)
			utc(&c.Commitments[i].Done)
		}
		for i := range c.Ratings {
			utc(&c.Ratings[i].At)
		}
		versions := func(vs []model.Version) []model.Version {
			vs = append([]model.Version(nil), vs...) // the session's own are shared with its snapshots
			for j := range vs {
				utc(&vs[j].At)
			}
			return vs
		}
		c.Norms = append([]model.Norm(nil), c.Norms...)
		for i := range c.Norms {
			utc(&c.Norms[i].Retired)
			c.Norms[i].Versions = versions(c.Norms[i].Versions)
		}
		c.Definitions = append([]model.Definition(nil), c.Definitions...)
		for i := range c.Definitions {
			c.Definitions[i].Versions = versions(c.Definitions[i].Versions)
		}
		return c
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("sessions differ:\n got %+v\nwant %+v", g, w)
	}
}

func TestRoundTrip(t *testing.T) {
	st := openTestStore(t)
	want := richSession(t)
	mustSave(t, st, want)
	got, err := st.Load(want.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, got, want)

	// Saving what was loaded gives the same bytes: the format is stable.
	first := readFile(t, st.Path(want.ID))
	mustSave(t, st, got)
	if second := readFile(t, st.Path(want.ID)); string(first) != string(second) {
		t.Fatalf("second save differs:\n%s\n---\n%s", first, second)
	}
	text := string(first)
	for _, want := range []string{
		"schema = 1\n", `planned = "12m"`, `elapsed = "8m30s"`, `due = "2026-12-05"`,
		"created = 2026-11-22T10:01:00-05:00", "[[stop]]", "[[note]]", "[[commitment]]", `carried_from = "2026-10-01-earlier-0a0a"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("file lacks %q:\n%s", want, text)
		}
	}
}

func TestInteropWithPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed; skipping the check with another TOML reader")
	}
	st := openTestStore(t)
	s := richSession(t)
	mustSave(t, st, s)
	script := `import tomllib, sys, json
d = tomllib.load(open(sys.argv[1], "rb"))
print(json.dumps([d["schema"], d["title"], len(d["stop"]), d["note"][1]["text"], d["commitment"][0]["owner"], d["created"].isoformat()]))`
	out, err := exec.Command(python, "-c", script, st.Path(s.ID)).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "No module named 'tomllib'") {
			t.Skip("python3 is older than 3.11 and has no tomllib")
		}
		t.Fatalf("python's tomllib could not read the file: %v\n%s", err, out)
	}
	want := `[1, "Partnership kickoff", 7, "Line one\nLine two with a tab\tand a backslash \\ and ''' quotes \"\"\"", "Dana", "2026-11-22T10:00:00-05:00"]`
	if strings.TrimSpace(string(out)) != want {
		t.Fatalf("python read\n%s\nwant\n%s", out, want)
	}
}

func TestTimeZonesAcrossDST(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Pacific/Kiritimati", "UTC"} {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Fatal(err)
			}
			old := time.Local
			time.Local = loc
			defer func() { time.Local = old }()
			// 2026-11-01 06:30 UTC is 01:30 EST, just after New York's clocks
			// fell back; the session runs across the change.
			start := time.Date(2026, 11, 1, 5, 20, 0, 0, time.UTC).In(time.Local)
			s, err := model.NewSession("dst-check", "Across the change", "", "", testPlans(), start)
			if err != nil {
				t.Fatal(err)
			}
			mustApply(t, s, start, model.StartTimer{})
			mustApply(t, s, start.Add(70*time.Minute), model.AddNote{Text: "after the change"}, model.NextStop{})
			st := openTestStore(t)
			mustSave(t, st, s)
			got, err := st.Load(s.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameSession(t, got, s)
			if !got.Notes[0].Created.Equal(start.Add(70 * time.Minute)) {
				t.Fatalf("note time %v, want %v", got.Notes[0].Created, start.Add(70*time.Minute))
			}
			if e := got.Stops[0].Timer.Elapsed(time.Now()); e != 70*time.Minute {
				t.Fatalf("elapsed %v across the change, want 70m", e)
			}
		})
	}
}

func TestBadFiles(t *testing.T) {
	good := richSession(t)
	data, err := Encode(good)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	tests := []struct {
		name    string
		content string
		want    []string // all must appear in the error
		line    int      // expected line, 0 when not asserted
	}{
		{"empty", "", []string{"empty"}, 0},
		{"blank", "\n  \n", []string{"empty"}, 0},
		{"truncated", text[:len(text)/2] + `"unterminated`, []string{"bad.toml:"}, -1},
		{"binary garbage", "\x00\x01\x02\xff\xfe\x1b[2J PK\x03\x04", []string{"bad.toml:"}, -1},
		{"wrong type", strings.Replace(text, "last_id = 7", `last_id = "seven"`, 1), []string{"last_id"}, 13},
		{"unknown key", strings.Replace(text, "title = ", "mood = \"sunny\"\ntitle = ", 1), []string{"mood"}, 5},
		{"unknown key in table", strings.Replace(text, `name = "Trust"`, "name = \"Trust\"\ncolour = \"blue\"", 1), []string{"colour"}, -1},
		{"newer schema", strings.Replace(text, "schema = 1", "schema = 9\nhologram = true", 1), []string{"newer Pit Stop", "schema 9"}, 0},
		{"no schema", strings.Replace(text, "schema = 1\n", "", 1), []string{"not a Pit Stop session"}, 0},
		{"bad status", strings.Replace(text, `status = "in-progress"`, `status = "paused"`, 1), []string{"status", "paused"}, 8},
		{"bad due", strings.Replace(text, `due = "2026-12-05"`, `due = "next week"`, 1), []string{"not a date", "YYYY-MM-DD"}, -1},
		{"bad duration", strings.Replace(text, `planned = "12m"`, `planned = "twelve"`, 1), []string{"not a duration", "1h30m"}, -1},
		{"title only escapes", strings.Replace(text, `title = "Partnership kickoff"`, `title = "\u001b[2J"`, 1), []string{"no title"}, 5},
		{"note only escapes", strings.Replace(text, `text = "Unicode`, `text = "\u001b]0;x\u0007"`+"\n"+`# "Unicode`, 1), []string{"has no text"}, -1},
		{"empty note", strings.Replace(text, `text = "Unicode: café, 你好, 👋🏽, ünïcödé"`, `text = ""`, 1), []string{"has no text"}, lineOf(text, `text = "Unicode`)},
		{"unknown current stop", strings.Replace(text, `current_stop = "reflection"`, `current_stop = "mars"`, 1), []string{"mars"}, 12},
		// Mistakes found after parsing are placed as parse errors are.
		{"negative elapsed", strings.Replace(text, `elapsed = "8m30s"`, `elapsed = "-5m"`, 1), []string{"negative"}, lineOf(text, `elapsed = "8m30s"`)},
		{"duplicate id", strings.Replace(text, "[[agreement]]\nid = \"4\"", "[[agreement]]\nid = \"1\"", 1), []string{"used twice"}, lineOf(text, "[[agreement]]") + 1},
		{"unknown stop of an item", strings.Replace(text, "[[tension]]\nid = \"5\"\nstop = \"belonging\"", "[[tension]]\nid = \"5\"\nstop = \"mars\"", 1), []string{"mars", "does not have"}, lineOf(text, "[[tension]]") + 2},
		{"invalid id", strings.Replace(text, `id = "2026-11-22-partnership-kickoff-3f9c"`, `id = "../../etc/passwd"`, 1), []string{"not a valid session id"}, lineOf(text, `id = "2026-11-22`)},
		// The limits on typing hold for files.
		{"huge note", strings.Replace(text, `text = "Unicode: café, 你好, 👋🏽, ünïcödé"`, `text = "`+strings.Repeat("x", 1<<20)+`"`, 1), []string{"too long"}, lineOf(text, `text = "Unicode`)},
		{"plan that overflows totals", strings.Replace(text, `planned = "12m"`, `planned = "2000000h"`, 1), []string{"planned time"}, lineOf(text, `planned = "12m"`)},
		{"elapsed beyond counting", strings.Replace(text, `elapsed = "8m30s"`, `elapsed = "2000000h"`, 1), []string{"longer than Pit Stop counts"}, lineOf(text, `elapsed = "8m30s"`)},
	}
	st := openTestStore(t)
	mustSave(t, st, good)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(st.Dir(), "bad.toml")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Stat(path)
			_, err := st.Load("bad")
			if err == nil {
				t.Fatal("loaded a bad file")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			assertPrintable(t, err.Error())
			var fe *strictoml.FileError
			if tt.line != 0 {
				if !errors.As(err, &fe) || fe.Line == 0 {
					t.Fatalf("error %q carries no line", err)
				}
				if tt.line > 0 && fe.Line != tt.line {
					t.Errorf("line %d, want %d (%s)", fe.Line, tt.line, err)
				}
			}
			// The list still shows every good session, and the bad file as
			// broken with its error.
			list, lerr := st.List()
			if lerr != nil {
				t.Fatal(lerr)
			}
			if len(list) != 2 || list[0].ID != good.ID || list[0].Broken() || !list[1].Broken() || list[1].ID != "bad" {
				t.Fatalf("list = %+v", list)
			}
			after, _ := os.Stat(path)
			if got := readFile(t, path); string(got) != tt.content || !after.ModTime().Equal(before.ModTime()) {
				t.Fatal("loading or listing changed the broken file")
			}
		})
	}
}

// lineOf is the 1-based line of the first line of text that contains sub.
func lineOf(text, sub string) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return i + 1
		}
	}
	return -1
}

func assertPrintable(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("message holds control character %U: %q", r, s)
		}
	}
}

func TestParseErrorQuotesLineSafely(t *testing.T) {
	st := openTestStore(t)
	path := filepath.Join(st.Dir(), "evil.toml")
	content := "schema = 1\ntitle = \"\x1b]0;pwned\x07\x1b[2J\" oops \x9b\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := st.Load(path)
	if err == nil {
		t.Fatal("loaded a broken file")
	}
	var fe *strictoml.FileError
	if !errors.As(err, &fe) || fe.Line != 2 {
		t.Fatalf("want a line-2 file error, got %v", err)
	}
	assertPrintable(t, err.Error())
	if !strings.Contains(err.Error(), "evil.toml:2:") {
		t.Fatalf("error does not name file and line: %q", err)
	}
}

func TestEscapesInFileAreCleaned(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "escapes")
	mustApply(t, s, t0, model.AddNote{Text: "plain"})
	data, _ := Encode(s)
	// A hand-edited file can carry ESC as \u001b; it must not come back out.
	data = []byte(strings.Replace(string(data), `text = "plain"`, `text = "\u001b[2Jhello\u001b]0;x\u0007"`, 1))
	if err := os.WriteFile(st.Path("escapes"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := st.Load("escapes")
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes[0].Text != "hello" {
		t.Fatalf("text = %q", got.Notes[0].Text)
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "one")
	if err := st.Create(s); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(s); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second create: %v", err)
	}
}

func TestListNewestFirstAndCache(t *testing.T) {
	st := openTestStore(t)
	for i, title := range []string{"first", "second", "third"} {
		s, err := model.NewSession("s-"+title, title, "Team", "", testPlans(), t0.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		mustApply(t, s, t0, model.AddNote{Text: "x"}, model.AddCommitment{Text: "y"}, model.AddTension{Text: "z"})
		mustSave(t, st, s)
	}
	list, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].Title != "third" || list[2].Title != "first" {
		t.Fatalf("list order = %+v", list)
	}
	if l := list[0]; l.Notes != 1 || l.OpenCommitments != 1 || l.OpenTensions != 1 || l.StopsReached != 1 || l.StopCount != 7 || l.CurrentStop != "Belonging" {
		t.Fatalf("summary = %+v", l)
	}
	// A fresh store (a new process) lists from the cache, and sees changes.
	st2, err := Open(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(st2.cache.entries); n != 3 {
		t.Fatalf("cache holds %d entries, want 3", n)
	}
	s, _ := st2.Load("s-first")
	mustApply(t, s, t0, model.AddNote{Text: "another"}, model.AddNote{Text: "and another"})
	mustSave(t, st2, s)
	list, _ = st2.List()
	if list[2].Notes != 3 {
		t.Fatalf("changed file not re-read: %+v", list[2])
	}
	os.Remove(st.Path("s-second"))
	if list, _ = st2.List(); len(list) != 2 {
		t.Fatalf("removed file still listed: %+v", list)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv(DirEnv, "/tmp/custom")
	if got := DefaultDir(); got != "/tmp/custom" {
		t.Fatalf("with %s: %s", DirEnv, got)
	}
	t.Setenv(DirEnv, "")
	t.Setenv("XDG_DATA_HOME", "/tmp/data")
	if got := DefaultDir(); got != "/tmp/data/pitstop/sessions" {
		t.Fatalf("with XDG_DATA_HOME: %s", got)
	}
}

func TestNewID(t *testing.T) {
	id := NewID("Partnership Kickoff: Round #2!", t0)
	if !strings.HasPrefix(id, "2026-11-22-partnership-kickoff-round-2-") || !model.ValidID(id) || len(id) != len("2026-11-22-partnership-kickoff-round-2-")+4 {
		t.Fatalf("id = %q", id)
	}
	if id := NewID("¿¿??", t0); !strings.HasPrefix(id, "2026-11-22-session-") || !model.ValidID(id) {
		t.Fatalf("id = %q", id)
	}
}

func FuzzLoad(f *testing.F) {
	s := richSession(f)
	data, err := Encode(s)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	keeping, err := Encode(keepingSession(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(keeping)
	f.Add([]byte(""))
	f.Add([]byte("schema = 1\n"))
	f.Add([]byte("schema = 99\n"))
	f.Add(data[:len(data)/3])
	f.Add([]byte(strings.Replace(string(data), "[[note]]", "[note]", 1)))
	f.Add([]byte("schema = 1\nid = \"x\"\ntitle = \"\\u001b[2J\"\n[[stop]]\nkey = \"a\"\nplanned = \"1m\"\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := Decode("fuzz.toml", in)
		if err != nil {
			assertPrintable(t, err.Error())
			return
		}
		// What loads must save, and load again the same.
		out, err := Encode(s)
		if err != nil {
			t.Fatalf("loaded but cannot save: %v", err)
		}
		again, err := Decode("again.toml", out)
		if err != nil {
			t.Fatalf("saved file does not load: %v\n%s", err, out)
		}
		sameSession(t, again, s)
	})
}

func TestSealedSummary(t *testing.T) {
	st := openTestStore(t)
	s := richSession(t)
	mustSave(t, st, s)
	data := readFile(t, st.Path(s.ID))
	sum, ok := sealedSummary(st.key, data)
	if !ok || sum.Title != s.Title || sum.Notes != 3 || sum.OpenCommitments != 1 || sum.StopsReached != 2 {
		t.Fatalf("sealed summary = %+v, %v", sum, ok)
	}
	listFresh := func() Summary {
		t.Helper()
		fresh, err := Open(st.Dir())
		if err != nil {
			t.Fatal(err)
		}
		fresh.cache = &summaryCache{key: fresh.key, entries: map[string]cacheEntry{}} // cold
		list, err := fresh.List()
		if err != nil || len(list) != 1 {
			t.Fatalf("list: %v %+v", err, list)
		}
		return list[0]
	}
	if got := listFresh(); got.Title != s.Title || got.Path != st.Path(s.ID) {
		t.Fatalf("cold list = %+v", got)
	}
	// A hand edit breaks the seal: the file is read in full.
	edited := strings.Replace(string(data), `title = "Partnership kickoff"`, `title = "Renamed by hand"`, 1)
	os.WriteFile(st.Path(s.ID), []byte(edited), 0o644)
	if got := listFresh(); got.Title != "Renamed by hand" {
		t.Fatalf("edited file listed from a stale summary: %+v", got)
	}
	broken := strings.Replace(string(data), `title = "Partnership kickoff"`, `title = "unterminated`, 1)
	os.WriteFile(st.Path(s.ID), []byte(broken), 0o644)
	if got := listFresh(); !got.Broken() {
		t.Fatalf("a broken body behind an intact header must list as broken: %+v", got)
	}
	// A summary line an older Pit Stop wrote, before summaries held the
	// ratings, is not believed even with its seal intact: the file is read
	// in full and its ratings are listed.
	mustApply(t, s, s.Updated, model.Rate{Outcome: "power-with", Label: "Power with", Score: 4})
	mustSave(t, st, s)
	current := readFile(t, st.Path(s.ID))
	header, body, _ := strings.Cut(strings.TrimPrefix(string(current), fileHeader+summaryPrefix), "\n")
	oldSummary := regexp.MustCompile(`,"ratings":\[[^\]]*\]`).ReplaceAllString(header[:strings.LastIndexByte(header, ' ')], "")
	old := fileHeader + "# summary for listings (ignored when the file is edited): " + oldSummary + " " + summarySeal(st.key, []byte(oldSummary), []byte(body)) + "\n" + body
	os.WriteFile(st.Path(s.ID), []byte(old), 0o644)
	if got := listFresh(); len(got.Ratings) != 1 || got.Ratings[0].Score != 4 {
		t.Fatalf("an older summary line was believed: ratings %+v", got.Ratings)
	}
	// Editing the summary line alone breaks the seal too.
	forged := strings.Replace(string(data), `"notes":3`, `"notes":99`, 1)
	os.WriteFile(st.Path(s.ID), []byte(forged), 0o644)
	if got := listFresh(); got.Notes != 3 {
		t.Fatalf("forged summary believed: %+v", got)
	}
}

// ListQuick lists what it can without reading a file in full, and counts
// the rest; List then gives everything.
func TestListQuick(t *testing.T) {
	st := openTestStore(t)
	for i, title := range []string{"sealed one", "sealed two", "edited by hand"} {
		s, err := model.NewSession("s-"+strings.ReplaceAll(title, " ", "-"), title, "Team", "", testPlans(), t0.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, st, s)
	}
	hand := st.Path("s-edited-by-hand")
	edited := strings.Replace(string(readFile(t, hand)), `title = "edited by hand"`, `title = "Edited by hand"`, 1)
	os.WriteFile(hand, []byte(edited), 0o644)
	os.WriteFile(filepath.Join(st.Dir(), "broken.toml"), []byte("schema = 1\ntitle = \"never closed\n"), 0o644)

	fresh, err := Open(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	fresh.cache = &summaryCache{key: fresh.key, entries: map[string]cacheEntry{}} // cold
	quick, pending, err := fresh.ListQuick()
	if err != nil || len(quick) != 2 || pending != 2 || quick[0].Title != "sealed two" {
		t.Fatalf("quick list = %+v, %d pending, %v", quick, pending, err)
	}
	full, err := fresh.List()
	if err != nil || len(full) != 4 || full[0].Title != "Edited by hand" || !full[3].Broken() {
		t.Fatalf("full list = %+v, %v", full, err)
	}
	// Once listed in full, the cache answers the quick listing too.
	if quick, pending, _ = fresh.ListQuick(); len(quick) != 4 || pending != 0 {
		t.Fatalf("warm quick list = %d, %d pending", len(quick), pending)
	}
}

// A board item moved to another column keeps in the file what the new
// kind has no place for, so moving it back after a reopen restores it.
func TestMovedItemKeepsItsPastAcrossSaves(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "s-moved")
	mustApply(t, s, t0,
		model.AddCommitment{Text: "Draft the MOU", Owner: "Dana", Due: "2026-12-05"},
		model.AddTension{Text: "Who decides?"},
		model.AddAgreement{Text: "We meet monthly"})
	mustApply(t, s, t0.Add(time.Minute),
		model.SetCommitmentStatus{ID: "1", Status: model.CommitmentDone},
		model.ResolveTension{ID: "2", By: "3"})
	mustApply(t, s, t0.Add(2*time.Minute), model.MoveItem{ID: "1", To: model.KindAgreement}, model.MoveItem{ID: "2", To: model.KindAgreement})
	mustSave(t, st, s)
	back, err := st.Load("s-moved")
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, back, t0.Add(3*time.Minute), model.MoveItem{ID: "1", To: model.KindCommitment}, model.MoveItem{ID: "2", To: model.KindTension})
	c, tn := back.Commitments[0], back.Tensions[0]
	if c.Owner != "Dana" || c.Due.String() != "2026-12-05" || c.Status != model.CommitmentDone || c.Done.IsZero() {
		t.Fatalf("commitment after the round trip: %+v", c)
	}
	if tn.Status != model.TensionResolved || tn.ResolvedBy != "3" || tn.Resolved.IsZero() {
		t.Fatalf("tension after the round trip: %+v", tn)
	}
}

// Ids and references read from a file are cleaned like people's text, and
// so is a summary line, whose seal anyone can compute again: nothing in a
// file may put an escape sequence on a screen or into the minutes.
func TestEscapesInIdsAndSummaryAreCleaned(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "escapes")
	mustApply(t, s, t0, model.AddTension{Text: "who decides"}, model.Rate{Outcome: "power-with", Score: 4})
	s.Tensions[0].CarriedFrom, s.Tensions[0].CarriedID = "old\u001b]0;pwned\u0007", "9\u001b[2J"
	s.Ratings[0].Outcome = "x\u001b[31mred"
	data, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(st.Path("escapes"), data, 0o644)
	got, err := st.Load("escapes")
	if err != nil {
		t.Fatal(err)
	}
	if tn := got.Tensions[0]; tn.CarriedFrom != "old" || tn.CarriedID != "9" || got.Ratings[0].Outcome != "xred" {
		t.Fatalf("references not cleaned: %q %q %q", tn.CarriedFrom, tn.CarriedID, got.Ratings[0].Outcome)
	}

	// A summary line rewritten with an escape, and sealed again, even with
	// this directory's own key.
	sum := Summarize(s, "")
	sum.Title = "Kick\u001b]0;pwned\u0007off"
	line, _ := json.Marshal(sum)
	_, body, _ := strings.Cut(strings.TrimPrefix(string(data), fileHeader+summaryPrefix), "\n")
	forged := fileHeader + summaryPrefix + string(line) + " " + summarySeal(st.key, line, []byte(body)) + "\n" + body
	listed, ok := sealedSummary(st.key, []byte(forged))
	if !ok || listed.Title != "Kickoff" {
		t.Fatalf("forged summary: %q, %v", listed.Title, ok)
	}
}

// The listing cache is keyed by size and modification time together: an
// edit that keeps the size, or a file that changes size within the same
// modification time, is read again.
func TestListCacheSeesEveryChange(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "s-edit")
	mustApply(t, s, t0, model.AddCommitment{Text: "Call the mayor", Owner: "Dana"})
	mustSave(t, st, s)
	path := st.Path("s-edit")
	if list, err := st.List(); err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	info, _ := os.Stat(path)
	edit := func(from, to string, mtime time.Time) {
		t.Helper()
		data := strings.Replace(string(readFile(t, path)), from, to, 1)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	// Same size, later time.
	edit(`title = "`+s.Title+`"`, `title = "`+strings.Repeat("X", len(s.Title))+`"`, info.ModTime().Add(time.Second))
	if list, _ := st.List(); list[0].Title != strings.Repeat("X", len(s.Title)) {
		t.Fatalf("a same-size edit was not seen: %q", list[0].Title)
	}
	// Another size, the same time as before.
	edit(`title = "`+strings.Repeat("X", len(s.Title))+`"`, `title = "Shorter"`, info.ModTime().Add(time.Second))
	if list, _ := st.List(); list[0].Title != "Shorter" {
		t.Fatalf("a change of size at the same time was not seen: %q", list[0].Title)
	}
}
