package minutes

import (
	"bytes"
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"pitstop/config"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/sessions"
)

var zone = time.FixedZone("", -5*60*60)

// at is a time on the day of the test sessions, in their offset.
func at(hour, min int) time.Time { return time.Date(2026, 11, 22, hour, min, 0, 0, zone) }

var workshop = &config.Workshop{Outcomes: []config.Outcome{
	{Key: "power-with", Label: "Power with, not power over"},
	{Key: "joint-accountability", Label: "Shared accountability and responsibility"},
	{Key: "most-affected-at-table", Label: "Those most affected have a seat at the table"},
}}

// the day the minutes are written: after one due date, before another.
var exportDay = time.Date(2026, 12, 10, 9, 0, 0, 0, zone)

func stops() []model.Stop {
	plan := []struct {
		key, name string
		planned   time.Duration
	}{
		{"belonging", "Belonging", 15 * time.Minute},
		{"reflection", "Reflection & Accountability", 20 * time.Minute},
		{"intentionality", "Intentionality", 15 * time.Minute},
		{"vulnerability", "Vulnerability", 15 * time.Minute},
		{"mindset", "Mindset", 10 * time.Minute},
		{"healing", "Healing", 15 * time.Minute},
		{"trust", "Trust", 20 * time.Minute},
	}
	out := make([]model.Stop, len(plan))
	for i, p := range plan {
		out[i] = model.Stop{Key: p.key, Name: p.name, Planned: p.planned}
	}
	return out
}

func item(id, stop string, created time.Time, text string) model.Item {
	return model.Item{ID: id, Stop: stop, Role: string(model.RoleNotes), Text: text, Created: created}
}

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// typical is a closed session with something in every section.
func typical() *model.Session {
	s := &model.Session{
		Schema: model.SchemaVersion, ID: "2026-11-22-partnership-kickoff-3f9c", Title: "Partnership kickoff",
		Team: "Harbor Team", Facilitator: "Ana", Created: at(10, 0), Updated: at(11, 58), Closed: at(11, 58),
		Status: model.StatusClosed, Current: 6, LastID: 20, Stops: stops(),
	}
	spent := []time.Duration{16*time.Minute + 30*time.Second, 18 * time.Minute, 15 * time.Minute, 21*time.Minute + 5*time.Second, 9 * time.Minute, 15*time.Minute + 40*time.Second, 0}
	for i := range s.Stops {
		s.Stops[i].Timer.Accumulated = spent[i]
	}
	s.Notes = []model.Note{
		{Item: item("1", "belonging", at(10, 3), "Everyone named one word for how they arrive: curious, tired, hopeful.")},
		{Item: item("2", "belonging", at(10, 9), "We felt we belonged where people asked before deciding."), Said: "Dana"},
		{Item: item("4", "reflection", at(10, 22), "Our meeting times leave out the night shift.\nWe could rotate them.\n\nAnd record them.")},
		{Item: item("6", "vulnerability", at(11, 0), "It is hard to say we do not know.")},
		{Item: item("8", "reflection", at(10, 30), "Budget choices are made before partners see them."), Said: "Sam Lee"},
	}
	s.Agreements = []model.Agreement{
		{Item: item("5", "reflection", at(10, 31), "Partners see the budget draft two weeks before it is decided.")},
		{Item: item("10", "mindset", at(11, 20), "We start and end on time, and rotate who takes notes."), FromTension: "9"},
	}
	s.Tensions = []model.Tension{
		{Item: item("7", "reflection", at(10, 35), "Who decides when the timelines slip?"), Status: model.TensionOpen, CarriedFrom: "2026-10-18-planning-a1b2", CarriedID: "12"},
		{Item: item("9", "intentionality", at(10, 50), "Meetings always overrun and people leave early."), Status: model.TensionResolved, ResolvedBy: "10", Resolved: at(11, 21)},
	}
	s.Commitments = []model.Commitment{
		{Item: item("11", "reflection", at(10, 40), "Share the budget draft with the partners"), Owner: "Dana", Due: date("2026-12-05"), Status: model.CommitmentOpen},
		{Item: item("12", "trust", at(11, 40), "Book the room for the next session"), Owner: "Ana", Due: date("2026-11-25"), Status: model.CommitmentDone, Done: at(11, 45)},
		{Item: item("13", "healing", at(11, 30), "Find someone from the night shift to join"), Due: date("2026-12-15"), Status: model.CommitmentOpen},
		{Item: item("14", "trust", at(11, 42), "Draft the data-sharing MOU"), Owner: "Sam Lee", Due: date("2026-12-20"), Status: model.CommitmentOpen},
		{Item: item("15", "belonging", at(10, 5), "Send the welcome letter in three languages"), Owner: "Priya", Status: model.CommitmentOpen, CarriedFrom: "2026-10-18-planning-a1b2", CarriedID: "8"},
		{Item: item("16", "mindset", at(11, 10), "Survey everyone about meeting times"), Status: model.CommitmentDropped, Done: at(11, 50)},
	}
	s.Ratings = []model.Rating{
		{Outcome: "joint-accountability", Label: "Shared accountability and responsibility", Score: 3, At: at(11, 55),
			Note: "We own the budget together,\nbut the partners do not see it yet."},
		{Outcome: "power-with", Label: "Power with, not power over", Score: 4, At: at(11, 55)},
		{Outcome: "no-hidden-agendas", Label: "No hidden agendas, no unwritten rules", Score: 2, At: at(11, 56)},
		{Outcome: "most-affected-at-table", Label: "Those most affected have a seat at the table", At: at(11, 57), Note: "Next time, with the night shift in the room."},
	}
	return s
}

// typicalTrend is the trend of the typical session's team: a check in
// September, none at the planning session in October, and the typical
// session's own.
func typicalTrend() *partnership.Trend {
	list := []sessions.Summary{
		{ID: "2026-09-20-first-look-0a0a", Title: "First look", Team: "Harbor Team", Created: time.Date(2026, 9, 20, 10, 0, 0, 0, zone),
			Ratings: []sessions.RatedOutcome{{Key: "power-with", Score: 2}, {Key: "joint-accountability", Score: 3}, {Key: "no-hidden-agendas", Label: "No hidden agendas, no unwritten rules", Score: 1}}},
		{ID: "2026-10-18-planning-a1b2", Title: "Planning", Team: "Harbor Team", Created: time.Date(2026, 10, 18, 10, 0, 0, 0, zone)},
	}
	t := partnership.BuildTrend(workshop.Outcomes, partnership.TeamSessions(list, "Harbor Team", typical()))
	return &t
}

// hostileText has everything Markdown or HTML could take for markup.
const hostileText = "Pipes | in | text, `code`, *bold* and _it_\n# heading\n[link](x) <script>alert(1)</script> &amp; & ~~gone~~\n- not a list\n1. not ordered\n> not quoted\n===\nends with a backslash \\\nand goes on \\"

// hostile is a session in progress, a timer running, whose every text
// tries to be markup.
func hostile() *model.Session {
	s := &model.Session{
		Schema: model.SchemaVersion, ID: "2026-11-22-x-0000", Title: "# <b>Kick|off</b> *now* #",
		Team: "Team | <i>A</i> & [B](http://evil)", Facilitator: "`Ana`_", Created: at(10, 0), Updated: at(10, 20),
		Status: model.StatusInProgress, Current: 1, LastID: 9, Stops: stops()[:2],
	}
	s.Stops[1].Name = "Reflection | <u>x</u>"
	s.Stops[0].Timer.Accumulated = 15 * time.Minute
	s.Stops[1].Timer = model.Timer{Accumulated: 2 * time.Minute, RunningSince: at(10, 18)}
	s.Notes = []model.Note{
		{Item: item("1", "belonging", at(10, 3), hostileText), Said: "<script>Eve</script> | *Mallory*"},
		{Item: item("2", "", at(10, 4), "1) numbered\r\n+ plus\rlone CR")},
		{Item: item("3", "reflection", at(10, 19), "&#60;script&#62; entity")},
	}
	s.Agreements = []model.Agreement{{Item: item("4", "reflection", at(10, 19), hostileText)}}
	s.Tensions = []model.Tension{
		{Item: item("5", "reflection", at(10, 19), "| tension |"), Status: model.TensionResolved, ResolvedBy: "4"},
		{Item: item("6", "reflection", at(10, 19), "open <img src=x onerror=alert(1)>"), Status: model.TensionOpen, CarriedFrom: "2026-10-01-a-1111", CarriedID: "3"},
	}
	s.Commitments = []model.Commitment{
		{Item: item("7", "reflection", at(10, 19), hostileText), Owner: "Dana | <b>x</b>", Due: date("2026-12-01"), Status: model.CommitmentOpen},
		{Item: item("8", "reflection", at(10, 19), "carried\n| a | b |"), Status: model.CommitmentOpen, CarriedFrom: "2026-10-01-a-1111"},
	}
	s.Ratings = []model.Rating{{Outcome: "power-with", Score: 5}, {Outcome: "weird|<key>", Score: 1}}
	return s
}

func hostileWorkshop() *config.Workshop {
	return &config.Workshop{Outcomes: []config.Outcome{{Key: "power-with", Label: "Power <em>with</em> | *over*"}}}
}

// keeping is the typical session with the go-around used at three stops
// (speaking time kept at the first) and the team's norms and definitions,
// some worded in earlier sessions, some in this one.
func keeping() *model.Session {
	s := typical()
	const planning, first = "2026-10-18-planning-a1b2", "2026-09-20-first-look-0a0a"
	october, september := time.Date(2026, 10, 18, 10, 40, 0, 0, zone), time.Date(2026, 9, 20, 11, 0, 0, 0, zone)
	s.Roster = []string{"Ana", "Dana", "Sam Lee", "Priya"}
	s.Turns = []model.Turn{
		{Stop: "belonging", Name: "Ana", Spoke: 1, Spent: 2 * time.Minute},
		{Stop: "belonging", Name: "Sam Lee", Passed: 1},
		{Stop: "belonging", Name: "Dana", Spoke: 1, Spent: 90 * time.Second},
		{Stop: "belonging", Name: "Priya", Spoke: 1, Spent: time.Minute},
		{Stop: "reflection", Name: "Ana", Spoke: 2},
		{Stop: "reflection", Name: "Sam Lee", Passed: 1},
		{Stop: "healing", Name: "Dana", Spoke: 1},
	}
	s.LastNorm = 3
	s.Norms = []model.Norm{
		{ID: "n1", From: "3", Versions: []model.Version{
			{Text: "Partners see budget drafts early.", At: october, Session: planning},
			{Text: "Partners see the budget draft two weeks before it is decided.", At: at(10, 32), Session: s.ID},
		}},
		{ID: "n2", Versions: []model.Version{{Text: "We rotate who takes notes.", At: october, Session: planning}}},
		{ID: "n3", Retired: at(11, 50), Versions: []model.Version{{Text: "Phones stay in bags.", At: september, Session: first}}},
	}
	s.Definitions = []model.Definition{
		{Concept: "Respect", Versions: []model.Version{
			{Text: "We let each other finish.", At: september, Session: first},
			{Text: "We let each other finish,\nand we ask before we assume.", At: at(10, 20), Session: s.ID},
		}},
		{Concept: "Trust", Versions: []model.Version{{Text: "We do what we said, or say early that we cannot.", At: october, Session: planning}}},
	}
	return s
}

func empty() *model.Session {
	return &model.Session{
		Schema: model.SchemaVersion, ID: "2026-11-22-empty-0000", Title: "Quiet one", Created: at(10, 0), Updated: at(10, 0),
		Status: model.StatusInProgress, Stops: stops()[:3],
	}
}

type fixture struct {
	name string
	s    *model.Session
	opts Options
}

func fixtures() []fixture {
	return []fixture{
		{"typical", typical(), Options{Workshop: workshop, Now: exportDay, Trend: typicalTrend()}},
		{"hostile", hostile(), Options{Workshop: hostileWorkshop(), Now: at(10, 25)}},
		{"empty", empty(), Options{Now: at(10, 1)}},
		{"keeping", keeping(), Options{Workshop: workshop, Now: exportDay}},
	}
}

func TestMarkdown(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			out := Markdown(f.s, f.opts)
			golden.RequireEqual(t, out)
			checkTables(t, string(out))
			checkNoHTML(t, string(out))
		})
	}
}

// checkTables asserts that every row of every Markdown table has as many
// unescaped "|" as its header row, and that a table's header is followed
// by its delimiter row.
func checkTables(t *testing.T, md string) {
	t.Helper()
	lines := strings.Split(md, "\n")
	tables := 0
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "|") {
			continue
		}
		tables++
		want := pipes(lines[i])
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "| ---") {
			t.Fatalf("line %d starts a table without a delimiter row: %q", i+1, lines[i])
		}
		for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
			if got := pipes(lines[i]); got != want {
				t.Errorf("line %d has %d cell borders, its header %d: %q", i+1, got, want, lines[i])
			}
			if !strings.HasSuffix(lines[i], " |") {
				t.Errorf("line %d does not end its row: %q", i+1, lines[i])
			}
		}
	}
	if tables == 0 {
		t.Error("no tables at all")
	}
}

// checkNoHTML asserts that the only HTML in the Markdown is the <br> that
// breaks lines in table cells: every other "<" is backslash-escaped.
func checkNoHTML(t *testing.T, md string) {
	t.Helper()
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '\\':
			i++
		case '<':
			if !strings.HasPrefix(md[i:], "<br>") {
				t.Errorf("unescaped HTML at byte %d: %q", i, md[i:min(len(md), i+30)])
			}
		}
	}
}

// pipes counts the "|" that are not backslash-escaped.
func pipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // the next character is escaped
		case '|':
			n++
		}
	}
	return n
}

func TestMarkdownEscapes(t *testing.T) {
	md := string(Markdown(hostile(), Options{Workshop: hostileWorkshop(), Now: at(10, 25)}))
	for _, want := range []string{
		`Pipes \| in \| text, \` + "`code\\`" + `, \*bold\* and \_it\_\`,
		"\n  \\# heading\\\n",
		`\[link\](x) \<script\>alert(1)\</script\> \&amp; & \~\~gone\~\~\`,
		"\n  \\- not a list\\\n",
		"\n  1\\. not ordered\\\n",
		"\n  \\> not quoted\\\n",
		"\n  \\===\\\n",
		"\n  ends with a backslash \\\\  \n  and goes on \\\\\n",       // two spaces break the line after a backslash
		"- 2026-11-22 10:04: 1) numbered\\\n  \\+ plus\\\n  lone CR\n", // CR LF and a lone CR are line breaks
		"- 2026-11-22 10:19: \\&\\#60;script\\&\\#62; entity\n",
		"# Minutes: \\# \\<b\\>Kick\\|off\\</b\\> \\*now\\* \\#\n",
		"### Reflection \\| \\<u\\>x\\</u\\>\n",
		"| Power \\<em\\>with\\</em\\> \\| \\*over\\* | 5 of 5 |",
		"| weird\\|\\<key\\> (no longer asked) | 1 of 5 |",
		"| carried<br>\\| a \\| b \\| | commitment | 2026-10-01-a-1111 | open |",
		"said by \\<script\\>Eve\\</script\\> \\| \\*Mallory\\*: Pipes",
		"| Reflection \\| \\<u\\>x\\</u\\> | 20m | 9m (running) | 11m under |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
}

// resource matches a tag with an attribute that links or loads.
var resource = regexp.MustCompile(`(?i)<[a-z][^>]*\s(src|href|srcset|action|data)\s*=`)

func TestHTML(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			out := string(HTML(f.s, f.opts))
			lower := strings.ToLower(out)
			for _, bad := range []string{"<script", "<img", "<b>", "<u>", "<i>", "<em>", "<link", "<iframe", "url(", "@import", "javascript:"} {
				if strings.Contains(lower, bad) {
					t.Errorf("the page contains %q", bad)
				}
			}
			if m := resource.FindString(out); m != "" {
				t.Errorf("the page refers to something outside it: %s", m)
			}
			for _, want := range []string{"<!DOCTYPE html>", "<style>", "@page", "page-break-inside: avoid", "table-layout: fixed", "white-space: pre-wrap", "</html>\n"} {
				if !strings.Contains(out, want) {
					t.Errorf("the page lacks %q", want)
				}
			}
			if strings.Count(out, "<table") != strings.Count(out, "</table>") || strings.Count(out, "<ul>") != strings.Count(out, "</ul>") {
				t.Error("tables or lists are not closed")
			}
		})
	}
	out := string(HTML(hostile(), Options{Workshop: hostileWorkshop(), Now: at(10, 25)}))
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&amp;amp; &amp; ~~gone~~",
		"Pipes | in | text, `code`, *bold* and _it_\n# heading\n[link](x)",
		"&amp;#60;script&amp;#62; entity",
		"<title>Minutes: # &lt;b&gt;Kick|off&lt;/b&gt; *now* #</title>",
		"open &lt;img src=x onerror=alert(1)&gt;",
		"Power &lt;em&gt;with&lt;/em&gt; | *over*",
		`said by &lt;script&gt;Eve&lt;/script&gt; | *Mallory*:`,
		`<td class="needs-owner">needs an owner</td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	typ := string(HTML(typical(), Options{Workshop: workshop, Now: exportDay}))
	for _, want := range []string{
		"<h1>Minutes: Partnership kickoff</h1>",
		"<dt>Status</dt><dd>closed on 2026-11-22 11:58</dd>",
		`<tr class="total"><td>Total</td><td class="num">1h50m</td><td class="num">1h35m15s</td><td>14m45s under plan</td></tr>`,
		`<td class="overdue">open, past due</td>`,
		`<span class="meta">2026-11-22 10:09, said by Dana:</span>`,
		"Our meeting times leave out the night shift.\nWe could rotate them.\n\nAnd record them.",
		`<span class="meta">Resolved 2026-11-22 11:21 by the agreement:</span> <span class="text">We start and end on time`,
		"<td>Those most affected have a seat at the table</td><td>not rated yet</td>",
	} {
		if !strings.Contains(typ, want) {
			t.Errorf("the typical page lacks %q", want)
		}
	}
}

func TestContent(t *testing.T) {
	md := string(Markdown(typical(), Options{Workshop: workshop, Now: exportDay}))
	tests := []struct {
		name, want string
	}{
		{"overdue in words", "| Share the budget draft with the partners | Dana | 2026-12-05 | open, past due |"},
		{"no owner", "| Find someone from the night shift to join | needs an owner | 2026-12-15 | open |"},
		{"dropped without owner", "| Survey everyone about meeting times | nobody named | no date | dropped |"},
		{"carried commitment", "| Send the welcome letter in three languages | commitment | 2026-10-18-planning-a1b2, item 8 | open |"},
		{"carried tension", "| Who decides when the timelines slip? | tension | 2026-10-18-planning-a1b2, item 12 | open |"},
		{"resolved by", "  - Resolved 2026-11-22 11:21 by the agreement: We start and end on time, and rotate who takes notes.\n"},
		{"label from the workshop", "| Power with, not power over | 4 of 5 |  |"},
		{"label it was rated with", "| No hidden agendas, no unwritten rules (no longer asked) | 2 of 5 |  |"},
		{"note on a rating", "| Shared accountability and responsibility | 3 of 5 | We own the budget together,<br>but the partners do not see it yet. |"},
		{"a note alone", "| Those most affected have a seat at the table | not rated yet | Next time, with the night shift in the room. |"},
		{"said by", "- 2026-11-22 10:09, said by Dana: We felt"},
		{"no said by when not said", "- 2026-11-22 10:03: Everyone"},
		{"multi-line note", "the night shift.\\\n  We could rotate them.\\\n  \\\n  And record them.\n"},
		{"stop not run", "| Trust | 20m | 0m | not run |"},
		{"& left as is", "### Reflection & Accountability\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(md, tt.want) {
				t.Errorf("the minutes lack %q", tt.want)
			}
		})
	}
	// Notes come by stop in the order of the stops, even when taken out
	// of order.
	if i, j := strings.Index(md, "### Reflection"), strings.Index(md, "### Vulnerability"); i < 0 || j < i {
		t.Error("notes are not grouped in the order of the stops")
	}
	if i, j := strings.Index(md, "Our meeting times"), strings.Index(md, "Budget choices"); i < 0 || j < i {
		t.Error("a stop's notes are not oldest first")
	}

	e := string(Markdown(empty(), Options{Now: at(10, 1)}))
	for _, want := range []string{"No notes were taken.", "No agreements.", "No tensions were named.", "No commitments.", "in progress, at Belonging"} {
		if !strings.Contains(e, want) {
			t.Errorf("the empty session's minutes lack %q", want)
		}
	}
	for _, absent := range []string{"Carried", "Partnership check", "Team:", "Facilitator:"} {
		if strings.Contains(e, absent) {
			t.Errorf("the empty session's minutes have %q", absent)
		}
	}
}

func TestWriteNextTo(t *testing.T) {
	dir := t.TempDir()
	s := typical()
	sessionPath := filepath.Join(dir, s.ID+".toml")
	opts := Options{Workshop: workshop, Now: exportDay}
	for _, tt := range []struct {
		format string
		render func(*model.Session, Options) []byte
	}{
		{FormatMarkdown, Markdown},
		{FormatHTML, HTML},
	} {
		t.Run(tt.format, func(t *testing.T) {
			path, err := WriteNextTo(sessionPath, s, tt.format, opts)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(dir, s.ID+".minutes."+tt.format); path != want {
				t.Fatalf("wrote %s, want %s", path, want)
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, tt.render(s, opts)) {
				t.Fatalf("the file does not hold the minutes (%v)", err)
			}
			// Writing again replaces the file and leaves no temporary
			// files behind.
			if _, err := WriteNextTo(sessionPath, s, tt.format, opts); err != nil {
				t.Fatal(err)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d files, want the two minutes", len(entries))
	}
	if _, err := WriteNextTo(sessionPath, s, "pdf", opts); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("format pdf: %v", err)
	}
	if _, err := WriteNextTo(filepath.Join(dir, "no-such-dir", "x.toml"), s, FormatMarkdown, opts); err == nil {
		t.Error("writing into a missing directory did not fail")
	}
}

// A link planted where the minutes go (pointing at another session, say)
// is never written through, nor is a session there replaced; and minutes
// are as private as their session.
func TestWriteNextToLinksAndPermissions(t *testing.T) {
	dir := t.TempDir()
	s := typical()
	sessionPath := filepath.Join(dir, s.ID+".toml")
	if err := os.WriteFile(sessionPath, []byte("# A Pit Stop workshop session.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := Options{Workshop: workshop, Now: exportDay}
	other := filepath.Join(dir, "other-session.toml")
	precious := []byte("# A Pit Stop workshop session. Plain TOML: safe to read, diff and keep.\nschema = 1\n")
	if err := os.WriteFile(other, precious, 0o644); err != nil {
		t.Fatal(err)
	}
	minutesPath := PathNextTo(sessionPath, FormatMarkdown)
	if err := os.Symlink(other, minutesPath); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteNextTo(sessionPath, s, FormatMarkdown, opts); err == nil || !strings.Contains(err.Error(), "link") {
		t.Fatalf("wrote through a planted link: %v", err)
	}
	if got, _ := os.ReadFile(other); !bytes.Equal(got, precious) {
		t.Fatal("the session the link points at was overwritten")
	}
	os.Remove(minutesPath)
	if err := os.WriteFile(minutesPath, precious, 0o644); err != nil { // a session copied there
		t.Fatal(err)
	}
	if _, err := WriteNextTo(sessionPath, s, FormatMarkdown, opts); err == nil || !strings.Contains(err.Error(), "holds a session") {
		t.Fatalf("replaced a session with minutes: %v", err)
	}
	os.Remove(minutesPath)
	if _, err := WriteNextTo(sessionPath, s, FormatMarkdown, opts); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(minutesPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("minutes of a 0600 session have mode %v (%v)", fi.Mode().Perm(), err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	data := Markdown(typical(), Options{Workshop: workshop, Now: exportDay})
	existing := filepath.Join(dir, "existing.md")
	os.WriteFile(existing, bytes.Repeat([]byte("older and longer "), 10000), 0o600)
	target, link := filepath.Join(dir, "target.md"), filepath.Join(dir, "link.md")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		lands   string      // where the minutes must now be
		perm    os.FileMode // the file's own, which it keeps; 0: whatever the umask gives
		wantErr string
	}{
		{name: "a new file", path: filepath.Join(dir, "new.md"), lands: filepath.Join(dir, "new.md")},
		{name: "an existing file keeps its permissions", path: existing, lands: existing, perm: 0o600},
		{name: "through a symbolic link", path: link, lands: target},
		{name: "a directory", path: dir, wantErr: "it is a directory"},
		{name: "a missing directory", path: filepath.Join(dir, "no", "such.md"), wantErr: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFile(tt.path, data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(tt.lands)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("%s does not hold the minutes (%v)", tt.lands, err)
			}
			if fi, _ := os.Stat(tt.lands); tt.perm != 0 && fi.Mode().Perm() != tt.perm {
				t.Errorf("permissions %v, want %v", fi.Mode().Perm(), tt.perm)
			}
		})
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a temporary file is left behind: %s", e.Name())
		}
	}
}

// TestInvisibleCharactersAreNotExported reads a session whose words carry
// bidirectional overrides and zero-width characters, as a file edited by
// hand can: neither the Markdown nor the HTML minutes keep them, the
// markup they hid is escaped, and an emoji's joiner stays.
func TestInvisibleCharactersAreNotExported(t *testing.T) {
	s := typical()
	s.Title = "Pay the \u202eecioval\u202c invoice"
	s.Notes[0].Text = "first\n1\u200b. not a list \u2066isolated\u2069 👩\u200d💻"
	s.Commitments[0].Owner = "Da\u200bna\u200f"
	for name, out := range map[string]string{
		"markdown": string(Markdown(s, Options{Workshop: workshop, Now: exportDay})),
		"html":     string(HTML(s, Options{Workshop: workshop, Now: exportDay})),
	} {
		for _, r := range "\u202e\u202c\u200b\u2066\u2069\u200f" {
			if strings.ContainsRune(out, r) {
				t.Errorf("%s minutes hold %U", name, r)
			}
		}
		for _, want := range []string{"Pay the ecioval invoice", "isolated 👩\u200d💻", "Dana"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s minutes lack %q", name, want)
			}
		}
	}
	if md := string(Markdown(s, Options{Workshop: workshop, Now: exportDay})); !strings.Contains(md, "1\\. not a list") {
		t.Errorf("the list marker hidden by a zero-width space is not escaped:\n%s", md)
	}
}

// between is the part of out after the first from and before the next to
// after it ("" when from is not there); to "" means the end.
func between(out, from, to string) string {
	i := strings.Index(out, from)
	if i < 0 {
		return ""
	}
	rest := out[i+len(from):]
	if j := strings.Index(rest, to); to != "" && j >= 0 {
		return rest[:j]
	}
	return rest
}

// A dropped tension is not open: the minutes list it apart, as the
// carried table and pitstop list already say.
func TestDroppedTension(t *testing.T) {
	s := typical()
	s.Tensions[0].Status, s.Tensions[0].Resolved = model.TensionDropped, at(11, 33) // the carried one
	opts := Options{Workshop: workshop, Now: exportDay}
	const text = "Who decides when the timelines slip?"
	tests := []struct {
		format                      string
		open, resolved, dropped     string // the headings
		droppedItem, carriedDropped string
	}{
		{FormatMarkdown, "### Open\n", "### Resolved\n", "### Dropped\n",
			"- 2026-11-22 10:35, at Reflection & Accountability, carried from 2026-10-18-planning-a1b2, dropped 2026-11-22 11:33: " + text,
			"| " + text + " | tension | 2026-10-18-planning-a1b2, item 12 | dropped |"},
		{FormatHTML, "<h3>Open</h3>", "<h3>Resolved</h3>", "<h3>Dropped</h3>",
			`<li><span class="meta">2026-11-22 10:35, at Reflection &amp; Accountability, carried from 2026-10-18-planning-a1b2, dropped 2026-11-22 11:33:</span> <span class="text">` + text + "</span></li>",
			`<tr><td class="text">` + text + `</td><td>tension</td><td>2026-10-18-planning-a1b2, item 12</td><td>dropped</td></tr>`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			data, err := Render(s, tt.format, opts)
			if err != nil {
				t.Fatal(err)
			}
			out := string(data)
			open := between(out, tt.open, tt.resolved)
			if open == "" || strings.Contains(open, text) || !strings.Contains(open, "None.") {
				t.Errorf("the open tensions are not none:\n%s", open)
			}
			if dropped := between(out, tt.dropped, ""); !strings.Contains(dropped, tt.droppedItem) {
				t.Errorf("the dropped tension is not listed as dropped (%q):\n%s", tt.droppedItem, out)
			}
			if !strings.Contains(out, tt.carriedDropped) {
				t.Errorf("the carried table lacks %q", tt.carriedDropped)
			}
			if strings.Count(out, tt.dropped) != 1 {
				t.Errorf("%d headings %q", strings.Count(out, tt.dropped), tt.dropped)
			}
		})
	}
	// Nothing dropped, no heading for it.
	if md := string(Markdown(typical(), opts)); strings.Contains(md, "Dropped") {
		t.Error("the minutes have a Dropped heading with nothing dropped")
	}
}

// A carried item names the session it came from by its title and date
// when the team's sessions are known (Options.Trend, as the export command,
// the screen and the line mode give it), and by its id otherwise.
func TestCarriedFromNamesTheSession(t *testing.T) {
	s := typical()
	s.Commitments[4].CarriedFrom = "2026-08-01-gone-ffff" // a session no longer listed
	tests := []struct {
		name, format string
		trend        *partnership.Trend
		want         []string
	}{
		{"listed, md", FormatMarkdown, typicalTrend(), []string{
			"carried from “Planning” (2026-10-18): Who decides",
			"| Who decides when the timelines slip? | tension | “Planning” (2026-10-18) | open |",
			"| Send the welcome letter in three languages | commitment | 2026-08-01-gone-ffff, item 8 | open |",
		}},
		{"listed, html", FormatHTML, typicalTrend(), []string{
			"carried from “Planning” (2026-10-18):</span>",
			"<td>tension</td><td>“Planning” (2026-10-18)</td>",
			"<td>commitment</td><td>2026-08-01-gone-ffff, item 8</td>",
		}},
		{"not listed, md", FormatMarkdown, nil, []string{
			"carried from 2026-10-18-planning-a1b2: Who decides",
			"| tension | 2026-10-18-planning-a1b2, item 12 | open |",
		}},
		{"not listed, html", FormatHTML, nil, []string{
			"<td>tension</td><td>2026-10-18-planning-a1b2, item 12</td>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Render(s, tt.format, Options{Workshop: workshop, Now: exportDay, Trend: tt.trend})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(string(out), want) {
					t.Errorf("the minutes lack %q", want)
				}
			}
		})
	}
}

// The room's part: its notes let through read as from the room, and its
// revealed answers are a table of counts (bars in HTML), never a person's.
func TestTheRoomInTheMinutes(t *testing.T) {
	s := typical()
	s.Notes = append(s.Notes, model.Note{Item: model.Item{ID: "900", Stop: s.Stops[0].Key, Role: string(model.RoleParticipant), Text: "Ask the night shift", Created: at(10, 5)}})
	key := workshop.Outcomes[0].Key
	s.Ratings = append([]model.Rating{{Outcome: key, Label: workshop.Outcomes[0].Label, At: at(11, 0), Room: model.Counts{1, 0, 0, 2, 2}}}, s.Ratings...)
	for i := 1; i < len(s.Ratings); i++ {
		if s.Ratings[i].Outcome == key {
			s.Ratings = append(s.Ratings[:i], s.Ratings[i+1:]...)
		}
	}
	opts := Options{Workshop: workshop, Now: exportDay}
	md := string(Markdown(s, opts))
	for _, want := range []string{
		"2026-11-22 10:05, from the room: Ask the night shift",
		"### The room's answers",
		"| " + workshop.Outcomes[0].Label + " | 1 | 0 | 0 | 2 | 2 | 5 | 4 | from 1 to 5 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown minutes lack %q:\n%s", want, md)
		}
	}
	page, err := Render(s, FormatHTML, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<caption>" + html.EscapeString(workshop.Outcomes[0].Label) + ": 5 answers, median 4, from 1 to 5</caption>",
		`<tr><td>4</td><td><span class="bar" style="width:100%"></span></td><td>2</td></tr>`,
		`<tr><td>1</td><td><span class="bar" style="width:50%"></span></td><td>1</td></tr>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the HTML minutes lack %q", want)
		}
	}
	if strings.Contains(string(page), "<script") {
		t.Error("the HTML minutes have a script")
	}
}

// The go-around's part of a stop says whether everyone was invited to
// speak or names whom it did not reach, never who passed; the team's
// norms and definitions come with every wording dated, newest first.
func TestTheGoAroundAndTheTeamsWordsInTheMinutes(t *testing.T) {
	opts := Options{Workshop: workshop, Now: exportDay}
	tests := []struct {
		format string
		want   []string
	}{
		{FormatMarkdown, []string{
			"### Belonging\n\nEveryone was invited to speak.\n\nSpeaking time: Ana 2m, Dana 1m30s, Priya 1m.\n\n- 2026-11-22 10:03: Everyone",
			"### Reflection & Accountability\n\nThe go-around did not reach Dana and Priya before the room moved on.\n\n- 2026-11-22 10:22",
			"### Healing\n\nThe go-around did not reach Ana, Sam Lee and Priya before the room moved on.\n\n## Agreements",
			"## Team norms\n\n",
			"- n1, since 2026-10-18: Partners see the budget draft two weeks before it is decided.\n" +
				"  - 2026-11-22, reworded in this session: Partners see the budget draft two weeks before it is decided.\n" +
				"  - 2026-10-18, first worded: Partners see budget drafts early.\n" +
				"- n2, since 2026-10-18: We rotate who takes notes.\n\n### Retired\n\n- n3, since 2026-09-20, retired 2026-11-22: Phones stay in bags.\n",
			"## Shared definitions\n\nWhat the team means by its words, every wording dated, newest first.\n\n- Respect\n  - 2026-11-22, reworded in this session: We let each other finish,\\\n    and we ask before we assume.\n  - 2026-09-20, first worded: We let each other finish.\n- Trust\n",
		}},
		{FormatHTML, []string{
			"<h3>Belonging</h3>\n<p class=\"goaround\">Everyone was invited to speak.</p>\n<p class=\"goaround\">Speaking time: Ana 2m, Dana 1m30s, Priya 1m.</p>\n<ul>",
			"<h3>Healing</h3>\n<p class=\"goaround\">The go-around did not reach Ana, Sam Lee and Priya before the room moved on.</p>\n\n<h2>Agreements</h2>",
			"<h2>Team norms</h2>",
			`<li><span class="meta">n1, since 2026-10-18:</span> <span class="text">Partners see the budget draft two weeks before it is decided.</span>` + "\n<ul>\n" +
				`<li><span class="meta">2026-11-22, reworded in this session:</span> <span class="text">Partners see the budget draft two weeks before it is decided.</span></li>`,
			"<h3>Retired</h3>\n<ul>\n<li><span class=\"meta\">n3, since 2026-09-20, retired 2026-11-22:</span> <span class=\"text\">Phones stay in bags.</span></li>\n</ul>",
			"<h2>Shared definitions</h2>",
			"<li><span class=\"concept\">Respect</span>\n<ul>\n<li><span class=\"meta\">2026-11-22, reworded in this session:</span> <span class=\"text\">We let each other finish,\nand we ask before we assume.</span></li>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			data, err := Render(keeping(), tt.format, opts)
			if err != nil {
				t.Fatal(err)
			}
			out := string(data)
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("the minutes lack\n%s\nin\n%s", want, out)
				}
			}
			// A pass is a choice: nobody is said not to have spoken, and
			// who passed is not listed.
			for _, never := range []string{"did not speak", "passed", "pass"} {
				if strings.Contains(strings.ToLower(out), never) {
					t.Errorf("the minutes say %q", never)
				}
			}
			if belonging := between(out, "Belonging", "Reflection"); strings.Contains(belonging, "Sam Lee") {
				t.Errorf("the stop where Sam Lee passed names him:\n%s", belonging)
			}
			if strings.Count(out, "<table") != strings.Count(out, "</table>") || strings.Count(out, "<ul>") != strings.Count(out, "</ul>") {
				t.Error("tables or lists are not closed")
			}
		})
	}

	// Without notes, a stop's go-around still shows, and the minutes
	// still say no notes were taken; a session that keeps nothing has no
	// sections for it.
	s := empty()
	s.Roster = []string{"Ana", "Lee"}
	s.Turns = []model.Turn{{Stop: "belonging", Name: "Ana", Spoke: 1}, {Stop: "belonging", Name: "Lee", Passed: 1}}
	md := string(Markdown(s, Options{Now: at(10, 1)}))
	if !strings.Contains(md, "## Notes\n\nNo notes were taken.\n\n### Belonging\n\nEveryone was invited to speak.\n\n## Agreements") {
		t.Errorf("a go-around without notes:\n%s", md)
	}
	page := string(HTML(s, Options{Now: at(10, 1)}))
	if !strings.Contains(page, "<p class=\"empty\">No notes were taken.</p>\n<h3>Belonging</h3>\n<p class=\"goaround\">Everyone was invited to speak.</p>") {
		t.Errorf("a go-around without notes, in HTML:\n%s", page)
	}
	for _, absent := range []string{"Team norms", "Shared definitions", "Speaking time"} {
		if strings.Contains(md, absent) || strings.Contains(page, absent) {
			t.Errorf("minutes of a session that keeps nothing have %q", absent)
		}
	}
}

// The team's words are people's text: escaped in both formats.
func TestTheTeamsWordsAreEscaped(t *testing.T) {
	s := keeping()
	s.Roster[1] = "<b>Dana</b>"
	s.Turns[2].Name, s.Turns[2].Spoke, s.Turns[2].Spent = "<b>Dana</b>", 0, 0 // not reached at belonging now
	s.Definitions[1].Concept = "*Trust* | [x](y)"
	s.Norms[1].Versions[0].Text = "- | not a list | <script>alert(1)</script>"
	md := string(Markdown(s, Options{Workshop: workshop, Now: exportDay}))
	for _, want := range []string{
		"The go-around did not reach \\<b\\>Dana\\</b\\> before the room moved on.",
		"- \\*Trust\\* \\| \\[x\\](y)\n",
		"- n2, since 2026-10-18: - \\| not a list \\| \\<script\\>alert(1)\\</script\\>\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	checkNoHTML(t, md)
	page := string(HTML(s, Options{Workshop: workshop, Now: exportDay}))
	for _, want := range []string{"did not reach &lt;b&gt;Dana&lt;/b&gt; before", "<span class=\"concept\">*Trust* | [x](y)</span>", "&lt;script&gt;alert(1)&lt;/script&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "<b>") {
		t.Error("markup from the team's words reached the page")
	}
}
