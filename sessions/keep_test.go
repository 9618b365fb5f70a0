package sessions

import (
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// keepingSession has the go-around (speaking time kept for one turn) and
// what a team keeps: a norm reworded, one retired, a definition with two
// wordings, one of them on two lines.
func keepingSession(t testing.TB) *model.Session {
	t.Helper()
	s := newTestSession(t, "2026-11-22-keeping-5e5e")
	s.SpeakingTime = true
	f := model.Facilitator
	do := func(at time.Time, cmds ...model.Command) {
		t.Helper()
		for _, c := range cmds {
			if _, err := s.ApplyAs(f, c, at); err != nil {
				t.Fatalf("%T: %v", c, err)
			}
		}
	}
	do(t0, model.SetRoster{Names: []string{"Ana", "Lee", "Sam"}}, model.AddAgreement{Text: "We start on time"}, model.StartGoAround{})
	do(t0.Add(2*time.Minute+30*time.Second), model.MarkTurn{Name: "Ana"})
	do(t0.Add(3*time.Minute), model.MarkTurn{Name: "Lee", Passed: true})
	do(t0.Add(4*time.Minute),
		model.MakeNorm{Agreement: "1"},
		model.MakeNorm{Text: "Phones down during the check"},
		model.Define{Concept: "Respect", Text: "We let each other finish"})
	do(t0.Add(20*time.Minute),
		model.EditNorm{ID: "n1", Text: "We start on time, and end on time"},
		model.RetireNorm{ID: "n2"},
		model.Define{Concept: "respect", Text: "We let each other finish,\nand ask before we assume"},
		model.NextStop{})
	s.SpeakingTime = false
	do(t0.Add(25*time.Minute), model.MarkTurn{Name: "Sam"}, model.MarkTurn{Name: "Sam"})
	return s
}

// sameKept compares what the file keeps of the go-around and the team,
// taking times as instants.
func sameKept(t *testing.T, got, want *model.Session) {
	t.Helper()
	if !slices.Equal(got.Roster, want.Roster) || !slices.Equal(got.Turns, want.Turns) || got.LastNorm != want.LastNorm {
		t.Fatalf("roster %q turns %+v last_norm %d; want %q %+v %d", got.Roster, got.Turns, got.LastNorm, want.Roster, want.Turns, want.LastNorm)
	}
	sameVersions := func(a, b []model.Version) bool {
		return slices.EqualFunc(a, b, func(x, y model.Version) bool { return x.Text == y.Text && x.At.Equal(y.At) && x.Session == y.Session })
	}
	if !slices.EqualFunc(got.Norms, want.Norms, func(a, b model.Norm) bool {
		return a.ID == b.ID && a.From == b.From && a.Retired.Equal(b.Retired) && sameVersions(a.Versions, b.Versions)
	}) {
		t.Fatalf("norms\n got %+v\nwant %+v", got.Norms, want.Norms)
	}
	if !slices.EqualFunc(got.Definitions, want.Definitions, func(a, b model.Definition) bool {
		return a.Concept == b.Concept && sameVersions(a.Versions, b.Versions)
	}) {
		t.Fatalf("definitions\n got %+v\nwant %+v", got.Definitions, want.Definitions)
	}
}

func TestTheGoAroundAndTheTeamsWordsRoundTrip(t *testing.T) {
	want := keepingSession(t)
	data, err := Encode(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode("keeping.toml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	sameKept(t, got, want)
	again, err := Encode(got)
	if err != nil || string(again) != string(data) {
		t.Fatalf("a second encoding differs (%v):\n%s\n---\n%s", err, data, again)
	}
	text := string(data)
	for _, part := range []string{
		"last_id = 1\nlast_norm = 2\nroster = [\"Ana\", \"Lee\", \"Sam\"]\n",
		// Counts only; the time spoken only where it was kept.
		"[[turn]]\nstop = \"belonging\"\nname = \"Ana\"\nspoke = 1\npassed = 0\nspent = \"2m30s\"\n\n",
		"[[turn]]\nstop = \"belonging\"\nname = \"Lee\"\nspoke = 0\npassed = 1\n\n",
		"[[turn]]\nstop = \"reflection\"\nname = \"Sam\"\nspoke = 2\npassed = 0\n\n",
		"[[norm]]\nid = \"n1\"\nfrom = \"1\"\n\n" +
			"[[norm.version]]\ntext = \"We start on time\"\nat = 2026-11-22T10:04:00-05:00\nsession = \"2026-11-22-keeping-5e5e\"\n\n" +
			"[[norm.version]]\ntext = \"We start on time, and end on time\"\nat = 2026-11-22T10:20:00-05:00\nsession = \"2026-11-22-keeping-5e5e\"\n",
		"[[norm]]\nid = \"n2\"\nretired = 2026-11-22T10:20:00-05:00\n",
		"[[definition]]\nconcept = \"Respect\"\n\n[[definition.version]]\ntext = \"We let each other finish\"\n",
		"[[definition.version]]\ntext = \"\"\"\nWe let each other finish,\nand ask before we assume\"\"\"\n",
	} {
		if !strings.Contains(text, part) {
			t.Errorf("the file lacks\n%s\nin\n%s", part, text)
		}
	}
	if strings.Contains(text, "running") || strings.Contains(text, "spent = \"0") {
		t.Errorf("the file keeps what it should not:\n%s", text)
	}
}

// A file from before the go-around, or of a session that did not use it,
// has none of its keys and reads as it did.
func TestAFileWithoutTheGoAroundReadsAsBefore(t *testing.T) {
	s := richSession(t)
	data, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"roster", "last_norm", "[[turn]]", "[[norm]]", "[[definition]]"} {
		if strings.Contains(string(data), key) {
			t.Errorf("a session without the go-around writes %q", key)
		}
	}
	got, err := Decode("old.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Roster != nil || got.Turns != nil || got.Norms != nil || got.Definitions != nil || got.LastNorm != 0 {
		t.Fatalf("read back with %q %+v %+v %+v %d", got.Roster, got.Turns, got.Norms, got.Definitions, got.LastNorm)
	}
}

// Bad values of the new tables are refused with their line, as any other.
func TestBadTeamValuesAreRefusedWithTheirLine(t *testing.T) {
	data, err := Encode(keepingSession(t))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	replaceAfter := func(after, old, new string) string {
		i := strings.Index(text, after)
		if i < 0 {
			t.Fatalf("no %q in the file", after)
		}
		return text[:i] + strings.Replace(text[i:], old, new, 1)
	}
	firstVersion := "[[norm.version]]\ntext = \"We start on time\""
	firstVersionText := lineOf(text, "[[norm.version]]") + 1
	secondNorm := text[strings.Index(text, "[[norm]]\nid = \"n2\""):]
	secondNormVersion := secondNorm[strings.Index(secondNorm, "[[norm.version]]"):]
	secondNormVersion = secondNormVersion[:strings.Index(secondNormVersion, "\n\n")+2]
	tests := []struct {
		name, content string
		want          string
		line          int
	}{
		{"turn at a stop the session lacks", strings.Replace(text, "stop = \"reflection\"\nname = \"Sam\"", "stop = \"mars\"\nname = \"Sam\"", 1),
			`"mars"`, lineOf(text, "name = \"Sam\"") - 1},
		{"negative count", strings.Replace(text, "name = \"Ana\"\nspoke = 1", "name = \"Ana\"\nspoke = -1", 1),
			"whole number", lineOf(text, "name = \"Ana\"") + 1},
		{"count that is no number", strings.Replace(text, "name = \"Ana\"\nspoke = 1", "name = \"Ana\"\nspoke = \"once\"", 1),
			"spoke", lineOf(text, "name = \"Ana\"") + 1},
		{"speaking time that is no duration", strings.Replace(text, `spent = "2m30s"`, `spent = "a while"`, 1),
			"not a duration", lineOf(text, `spent = "2m30s"`)},
		{"negative speaking time", strings.Replace(text, `spent = "2m30s"`, `spent = "-2m"`, 1),
			"negative", lineOf(text, `spent = "2m30s"`)},
		{"norm with no version", strings.Replace(text, secondNormVersion, "", 1),
			"no wording", lineOf(text, "id = \"n2\"") - 1},
		{"duplicate norm id", strings.Replace(text, `id = "n2"`, `id = "n1"`, 1),
			"used twice", lineOf(text, `id = "n2"`)},
		{"norm id not n and a number", strings.Replace(text, `id = "n2"`, `id = "second"`, 1),
			"n1, n2", lineOf(text, `id = "n2"`)},
		{"wording with no text", strings.Replace(text, firstVersion, "[[norm.version]]\ntext = \"\"", 1),
			"no text", firstVersionText},
		{"wording too long", strings.Replace(text, firstVersion, "[[norm.version]]\ntext = \""+strings.Repeat("x", model.MaxTextBytes+1)+"\"", 1),
			"too long", firstVersionText},
		{"wording with no date", strings.Replace(text, firstVersion+"\nat = 2026-11-22T10:04:00-05:00\n", firstVersion+"\n", 1),
			"no date", lineOf(text, "[[norm.version]]")},
		{"concept twice", strings.Replace(text, "[[definition]]\nconcept = \"Respect\"", "[[definition]]\nconcept = \"Trust\"\n\n[[definition.version]]\ntext = \"x\"\nat = 2026-11-22T10:04:00-05:00\n\n[[definition]]\nconcept = \"TRUST\"", 1),
			"defined twice", lineOf(text, "[[definition]]") + 8},
		{"roster too long", strings.Replace(text, `roster = ["Ana", "Lee", "Sam"]`, "roster = ["+strings.Repeat(`"x", `, model.MaxRoster)+`"y"]`, 1),
			"at most 100", lineOf(text, "roster = ")},
		{"name on the roster twice", strings.Replace(text, `roster = ["Ana", "Lee", "Sam"]`, `roster = ["Ana", "Lee", "ana"]`, 1),
			"twice", lineOf(text, "roster = ")},
		{"negative last_norm", strings.Replace(text, "last_norm = 2", "last_norm = -3", 1),
			"negative", lineOf(text, "last_norm")},
		{"a version nested one table deeper", strings.Replace(text, "[[definition.version]]", "[[definition.version.extra]]", 1),
			"deeper than 3", lineOf(text, "[[definition.version]]") + 1},
		{"unknown key in a version", replaceAfter("[[definition.version]]", "session = ", "mood = \"calm\"\nsession = "),
			"mood", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.content == text {
				t.Fatal("the case changed nothing")
			}
			_, err := Decode("bad.toml", []byte(tt.content))
			if err == nil {
				t.Fatal("a bad file was read")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			assertPrintable(t, err.Error())
			var fe *strictoml.FileError
			if !errors.As(err, &fe) || fe.Line == 0 {
				t.Fatalf("error %q carries no line", err)
			}
			if tt.line > 0 && fe.Line != tt.line {
				t.Errorf("line %d, want %d (%s)", fe.Line, tt.line, err)
			}
		})
	}
}

// Words read from a file are cleaned as people's typing is, names and
// norms alike; a hand-lowered last_norm is raised past the norms' numbers.
func TestTheTeamsWordsAreCleanedOnTheWayIn(t *testing.T) {
	data, err := Encode(keepingSession(t))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), `roster = ["Ana", "Lee", "Sam"]`, `roster = ["Ana\u001b[31m", "Lee", "Sam"]`, 1)
	text = strings.Replace(text, `name = "Ana"`, `name = "\u001b]0;x\u0007Ana"`, 1)
	text = strings.Replace(text, `text = "We start on time"`, `text = "We start \u202eon time\u001b[2J"`, 1)
	text = strings.Replace(text, "last_norm = 2", "last_norm = 0", 1)
	s, err := Decode("escapes.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if s.Roster[0] != "Ana" || s.Turns[0].Name != "Ana" || s.Norms[0].Versions[0].Text != "We start on time" {
		t.Fatalf("read back %q, %q, %q", s.Roster[0], s.Turns[0].Name, s.Norms[0].Versions[0].Text)
	}
	if s.LastNorm != 2 {
		t.Fatalf("last_norm %d, want it raised to 2", s.LastNorm)
	}
}

// The summary line is sealed to the whole body: a norm's words changed
// by hand break the seal, so the file is read in full.
func TestTheSealCoversTheTeamsWords(t *testing.T) {
	st := openTestStore(t)
	s := keepingSession(t)
	mustSave(t, st, s)
	data := readFile(t, st.Path(s.ID))
	if _, ok := sealedSummary(st.key, data); !ok {
		t.Fatal("a file Pit Stop wrote is not sealed")
	}
	for _, edit := range [][2]string{
		{"We start on time, and end on time", "We start whenever"},
		{`roster = ["Ana", "Lee", "Sam"]`, `roster = ["Ana", "Lee"]`},
		{"spoke = 2", "spoke = 3"},
		{"concept = \"Respect\"", "concept = \"Dignity\""},
	} {
		edited := strings.Replace(string(data), edit[0], edit[1], 1)
		if edited == string(data) {
			t.Fatalf("%q is not in the file", edit[0])
		}
		if _, ok := sealedSummary(st.key, []byte(edited)); ok {
			t.Errorf("the seal still holds after %q became %q", edit[0], edit[1])
		}
	}
}

// Another TOML reader reads the nested tables as they are meant.
func TestTheTeamsWordsReadWithPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	data, err := Encode(keepingSession(t))
	if err != nil {
		t.Fatal(err)
	}
	path := dir + "/keeping.toml"
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import tomllib, sys, json
d = tomllib.load(open(sys.argv[1], "rb"))
print(json.dumps([d["roster"], d["turn"][0]["spent"], "spent" in d["turn"][1], d["norm"][0]["version"][1]["text"], d["norm"][1]["retired"].isoformat(), d["definition"][0]["version"][1]["text"]]))`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "No module named 'tomllib'") {
			t.Skip("python3 has no tomllib")
		}
		t.Fatalf("python's tomllib could not read the file: %v\n%s", err, out)
	}
	want := `[["Ana", "Lee", "Sam"], "2m30s", false, "We start on time, and end on time", "2026-11-22T10:20:00-05:00", "We let each other finish,\nand ask before we assume"]`
	if strings.TrimSpace(string(out)) != want {
		t.Fatalf("python read\n%s\nwant\n%s", out, want)
	}
}

// What a team keeps goes from session to session through the files: the
// first session makes a norm and a definition and has a roster; the
// second starts with them, the roster turned by one, and rewords both;
// the third has every wording, dated, and the roster turned twice. A
// rehearsal in between neither starts with them nor passes its own on.
func TestTheTeamKeepsItsWordsAcrossThreeSessions(t *testing.T) {
	st := openTestStore(t)
	week := func(n int) time.Time { return t0.AddDate(0, 0, 7*n) }
	start := func(title string, at time.Time, rehearsal bool) *model.Session {
		t.Helper()
		s, _, err := st.CreateWithCarry(title, "Harbor Team", "Ana", testPlans(), at, rehearsal)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	do := func(s *model.Session, at time.Time, cmds ...model.Command) {
		t.Helper()
		for _, c := range cmds {
			if _, err := s.ApplyAs(model.Facilitator, c, at); err != nil {
				t.Fatalf("%T: %v", c, err)
			}
		}
		mustSave(t, st, s)
	}

	one := start("Kickoff", week(0), false)
	if err := st.Create(one); err != nil {
		t.Fatal(err)
	}
	do(one, week(0), model.SetRoster{Names: []string{"Ana", "Lee", "Sam"}}, model.AddAgreement{Text: "We start on time"})
	do(one, week(0), model.MakeNorm{Agreement: one.Agreements[0].ID}, model.Define{Concept: "Respect", Text: "We let each other finish"})

	two := start("Second", week(1), false)
	if len(two.Norms) != 1 || two.Norms[0].Text() != "We start on time" || len(two.Definitions) != 1 || !slices.Equal(two.Roster, []string{"Lee", "Sam", "Ana"}) {
		t.Fatalf("session 2 starts with norms %+v, definitions %+v, roster %q", two.Norms, two.Definitions, two.Roster)
	}
	if err := st.Create(two); err != nil {
		t.Fatal(err)
	}
	do(two, week(1).Add(time.Hour),
		model.EditNorm{ID: "n1", Text: "We start on time, and end on time"},
		model.Define{Concept: "respect", Text: "We let each other finish, and ask before we assume"})

	// A rehearsal starts with nothing of the team's, and what it makes
	// stays in it.
	practice := start("Practice", week(1).Add(2*time.Hour), true)
	if len(practice.Norms) != 0 || len(practice.Definitions) != 0 || len(practice.Roster) != 0 || practice.LastNorm != 0 {
		t.Fatalf("a rehearsal started with the team's words: %+v %+v %q", practice.Norms, practice.Definitions, practice.Roster)
	}
	if err := st.Create(practice); err != nil {
		t.Fatal(err)
	}
	do(practice, week(1).Add(2*time.Hour), model.MakeNorm{Text: "Only a practice"})

	three := start("Third", week(2), false)
	if !slices.Equal(three.Roster, []string{"Sam", "Ana", "Lee"}) {
		t.Fatalf("roster in session 3: %q", three.Roster)
	}
	if len(three.Norms) != 1 || three.LastNorm != 1 {
		t.Fatalf("session 3's norms: %+v (last %d); the rehearsal's must not come", three.Norms, three.LastNorm)
	}
	n1 := three.Norms[0]
	if len(n1.Versions) != 2 ||
		n1.Versions[0].Text != "We start on time" || !n1.Versions[0].At.Equal(week(0)) || n1.Versions[0].Session != one.ID ||
		n1.Versions[1].Text != "We start on time, and end on time" || !n1.Versions[1].At.Equal(week(1).Add(time.Hour)) || n1.Versions[1].Session != two.ID ||
		n1.From != one.Agreements[0].ID {
		t.Fatalf("n1 in session 3: %+v", n1)
	}
	respect, ok := three.DefinitionOf("Respect")
	if !ok || len(respect.Versions) != 2 || !respect.Versions[0].At.Equal(week(0)) || respect.Versions[0].Session != one.ID ||
		!respect.Versions[1].At.Equal(week(1).Add(time.Hour)) || respect.Versions[1].Session != two.ID {
		t.Fatalf("respect in session 3: %+v", respect)
	}
	// Session 3's own file holds all of it, and so reads back.
	if err := st.Create(three); err != nil {
		t.Fatal(err)
	}
	back, err := st.Load(three.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameKept(t, back, three)
	// The first session's file is as it was.
	first, err := st.Load(one.ID)
	if err != nil || len(first.Norms[0].Versions) != 1 || len(first.Definitions[0].Versions) != 1 {
		t.Fatalf("session 1 changed: %v %+v", err, first)
	}
}
