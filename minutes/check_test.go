package minutes

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"pitstop/config"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/sessions"
)

var checkWorkshop = &config.Workshop{Outcomes: []config.Outcome{
	{Key: "a", Label: "Alpha"},
	{Key: "b", Label: "Bravo"},
	{Key: "c", Label: "Charlie"},
	{Key: "d", Label: "Delta"},
	{Key: "e", Label: "Echo"},
}}

func scored(key string, score int) model.Rating {
	return model.Rating{Outcome: key, Label: "Old " + key, Score: score, At: at(11, 0)}
}

// section is the Markdown from the heading named to the next heading of
// its level, or "" when there is no such section.
func section(md, heading string) string {
	i := strings.Index(md, "\n## "+heading+"\n")
	if i < 0 {
		return ""
	}
	rest := md[i+1:]
	if j := strings.Index(rest[1:], "\n## "); j >= 0 {
		return rest[:j+2]
	}
	return rest
}

// tableRows are the rows of the section's first table after its header
// and delimiter rows.
func tableRows(sec string) []string {
	var rows []string
	for _, l := range strings.Split(sec, "\n") {
		if strings.HasPrefix(l, "|") {
			rows = append(rows, l)
		}
	}
	if len(rows) < 2 {
		return nil
	}
	return rows[2:]
}

func withRatings(ratings ...model.Rating) *model.Session {
	s := empty()
	s.Team = "Harbor"
	s.Ratings = ratings
	return s
}

func TestCheckSection(t *testing.T) {
	tests := []struct {
		name     string
		workshop *config.Workshop
		ratings  []model.Rating
		summary  string   // the sentence above the table; "" when there is no section
		rows     []string // the table's rows, in order
	}{
		{name: "no check", workshop: checkWorkshop},
		{name: "a rating of nothing is no check", workshop: checkWorkshop, ratings: []model.Rating{{Outcome: "a", At: at(11, 0)}}},
		{name: "ties keep the check's order, skips go last", workshop: checkWorkshop,
			ratings: []model.Rating{scored("c", 2), {Outcome: "d", Skipped: true}, scored("a", 2), scored("b", 4), scored("e", 1)},
			summary: "4 of 5 rated · 1 skipped · all answered; average 2.3 of 5. Weakest first; each outcome is scored from 1 to 5.",
			rows: []string{
				"| Echo | 1 of 5 |",
				"| Alpha | 2 of 5 |",
				"| Charlie | 2 of 5 |",
				"| Bravo | 4 of 5 |",
				"| Delta | skipped |",
			}},
		{name: "a note alone is shown last, not rated yet", workshop: checkWorkshop,
			ratings: []model.Rating{{Outcome: "b", Note: "come back to it"}, scored("a", 3)},
			summary: "1 of 5 rated; average 3.0 of 5. Weakest first; each outcome is scored from 1 to 5.",
			rows: []string{
				"| Alpha | 3 of 5 |  |",
				"| Bravo | not rated yet | come back to it |",
			}},
		{name: "the average rounds as the trend does", workshop: checkWorkshop,
			ratings: []model.Rating{scored("a", 3), scored("b", 3), scored("c", 3), scored("d", 4)}, // 3.25
			summary: "4 of 5 rated; average 3.3 of 5. Weakest first; each outcome is scored from 1 to 5.",
			rows:    []string{"| Alpha | 3 of 5 |", "| Bravo | 3 of 5 |", "| Charlie | 3 of 5 |", "| Delta | 4 of 5 |"}},
		{name: "only skips: no average", workshop: checkWorkshop,
			ratings: []model.Rating{{Outcome: "a", Skipped: true}},
			summary: "0 of 5 rated · 1 skipped. Weakest first; each outcome is scored from 1 to 5.",
			rows:    []string{"| Alpha | skipped |"}},
		{name: "an outcome taken out of the check says so", workshop: checkWorkshop,
			ratings: []model.Rating{scored("gone", 5), scored("a", 4)},
			summary: "1 of 5 rated; average 4.5 of 5. Weakest first; each outcome is scored from 1 to 5.",
			rows:    []string{"| Alpha | 4 of 5 |", "| Old gone (no longer asked) | 5 of 5 |"}},
		{name: "without a workshop: the labels rated with, counted as answered", workshop: nil,
			ratings: []model.Rating{scored("b", 2), {Outcome: "x", Skipped: true}, {Outcome: "a", Label: "", Score: 1}},
			summary: "2 rated · 1 skipped; average 1.5 of 5. Weakest first; each outcome is scored from 1 to 5.",
			rows:    []string{"| a | 1 of 5 |", "| Old b | 2 of 5 |", "| x | skipped |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Workshop: tt.workshop, Now: at(12, 0)}
			md := string(Markdown(withRatings(tt.ratings...), opts))
			sec := section(md, "Partnership check")
			if tt.summary == "" {
				if sec != "" {
					t.Fatalf("a check section where there is none:\n%s", sec)
				}
				if h := string(HTML(withRatings(tt.ratings...), opts)); strings.Contains(h, "Partnership check") {
					t.Error("the page has a check section")
				}
				return
			}
			if !strings.Contains(sec, "\n\n"+tt.summary+"\n\n") {
				t.Errorf("the summary is not %q:\n%s", tt.summary, sec)
			}
			if got := tableRows(sec); !slices.Equal(got, tt.rows) {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.rows, "\n"))
			}
			checkTables(t, md)
			checkNoHTML(t, md)
		})
	}
}

// A note is people's text like any other: whatever was typed shows as
// typed, and a table keeps its columns.
func TestCheckNotesEscaped(t *testing.T) {
	s := withRatings(
		model.Rating{Outcome: "a", Score: 2, Note: "Pipes | split | cells\n<script>alert(1)</script>\n# not a heading\n*bold* [link](x) `code`"},
		model.Rating{Outcome: "b", Note: "- not a list\r\n1. not ordered\n\n> not quoted"},
	)
	opts := Options{Workshop: checkWorkshop, Now: at(12, 0)}
	md := string(Markdown(s, opts))
	rows := tableRows(section(md, "Partnership check"))
	want := []string{
		"| Alpha | 2 of 5 | Pipes \\| split \\| cells<br>\\<script\\>alert(1)\\</script\\><br>\\# not a heading<br>\\*bold\\* \\[link\\](x) \\`code\\` |",
		"| Bravo | not rated yet | - not a list<br>1. not ordered<br><br>\\> not quoted |",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	checkTables(t, md)
	checkNoHTML(t, md)

	page := string(HTML(s, opts))
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Error("the page has a script")
	}
	for _, want := range []string{
		`<td class="text">Pipes | split | cells` + "\n" + `&lt;script&gt;alert(1)&lt;/script&gt;` + "\n# not a heading\n*bold* [link](x) `code`</td>",
		`<td>Bravo</td><td>not rated yet</td><td class="text">- not a list` + "\r\n1. not ordered\n\n&gt; not quoted</td>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// trendOf is the trend of team Harbor's sessions listed, built as
// TeamTrend builds it.
func trendOf(w *config.Workshop, list ...sessions.Summary) *partnership.Trend {
	t := partnership.BuildTrend(w.Outcomes, partnership.TeamSessions(list, "Harbor", nil))
	return &t
}

func held(id string, day time.Time, ratings ...sessions.RatedOutcome) sessions.Summary {
	return sessions.Summary{ID: id, Title: id, Team: "Harbor", Created: day, Ratings: ratings}
}

func sept(day int) time.Time { return time.Date(2026, 9, day, 10, 0, 0, 0, zone) }

func ro(key string, score int) sessions.RatedOutcome {
	return sessions.RatedOutcome{Key: key, Label: "Old " + key, Score: score}
}

// gappy is a team's trend with a session with no check, an outcome
// skipped, one added to the check (e) and one taken out of it (gone).
func gappy() *partnership.Trend {
	w := &config.Workshop{Outcomes: []config.Outcome{{Key: "a", Label: "Alpha"}, {Key: "b", Label: "Bravo"}, {Key: "c", Label: "Charlie"}, {Key: "e", Label: "Echo"}}}
	return trendOf(w,
		held("s4", sept(4), ro("a", 2), ro("b", 4), ro("e", 5)),
		held("s1", sept(1), ro("a", 3), ro("b", 2), ro("gone", 1)),
		held("s3", sept(3)),
		held("s2", sept(2), ro("a", 3), ro("b", 0)),
	)
}

// long is a team's trend of 12 sessions, all but the fifth with a check,
// the scores of outcome a climbing from 1.
func long() *partnership.Trend {
	var list []sessions.Summary
	for i := 1; i <= 12; i++ {
		s := held(fmt.Sprint("s", i), sept(i))
		if i != 5 {
			s.Ratings = []sessions.RatedOutcome{ro("a", min(5, 1+i/3)), ro("b", 3)}
		}
		list = append(list, s)
	}
	return trendOf(checkWorkshop, list...)
}

func TestTrendSection(t *testing.T) {
	tests := []struct {
		name    string
		trend   *partnership.Trend
		session string   // the minutes' session, when in the trend
		lead    string   // "" when there is no section
		header  string   // the table's header row
		rows    []string // its rows
	}{
		{name: "no trend"},
		{name: "one check is no trend", trend: trendOf(checkWorkshop, held("s1", sept(1), ro("a", 3)), held("s2", sept(2)))},
		{name: "gaps", trend: gappy(),
			lead:   "Scores in the team's 3 sessions with a check, oldest first. A dash is a session in which the outcome had no score. 1 of the team's 4 sessions had no check and is left out.",
			header: "| Outcome | 2026-09-01 | 2026-09-02 | 2026-09-04 | First → last | Change |",
			rows: []string{
				"| Alpha | 3 | 3 | 2 | 3 → 2 | −1 |",
				"| Bravo | 2 | — | 4 | 2 → 4 | +2 |",
				"| Echo | — | — | 5 | 5 | once |",
				"| Old gone (no longer asked) | 1 | — | — | 1 | once |",
				"| **Overall average** | 2.0 | 3.0 | 3.7 | 2.0 → 3.7 | +1.7 |",
			}},
		{name: "more sessions than fit: the latest", trend: long(),
			lead:   "Scores in the latest 8 of the team's 11 sessions with a check, oldest first; first → last and change count all 11. 1 of the team's 12 sessions had no check and is left out.",
			header: "| Outcome | 2026-09-04 | 2026-09-06 | 2026-09-07 | 2026-09-08 | 2026-09-09 | 2026-09-10 | 2026-09-11 | 2026-09-12 | First → last | Change |",
			rows: []string{
				"| Alpha | 2 | 3 | 3 | 3 | 4 | 4 | 4 | 5 | 1 → 5 | +4 |",
				"| Bravo | 3 | 3 | 3 | 3 | 3 | 3 | 3 | 3 | 3 → 3 | same |",
				"| **Overall average** | 2.5 | 3.0 | 3.0 | 3.0 | 3.5 | 3.5 | 3.5 | 4.0 | 2.0 → 4.0 | +2.0 |",
			}},
		{name: "this session, and two on one day", session: "s2", trend: trendOf(checkWorkshop,
			held("s1", sept(1), ro("a", 2)), held("s2", sept(1).Add(3*time.Hour), ro("a", 3)), held("s3", sept(8), ro("a", 4))),
			lead:   "Scores in the team's 3 sessions with a check, oldest first. The column of 2026-09-01 13:00 is this session.",
			header: "| Outcome | 2026-09-01 10:00 | 2026-09-01 13:00 | 2026-09-08 | First → last | Change |",
			rows:   []string{"| Alpha | 2 | 3 | 4 | 2 → 4 | +2 |", "| **Overall average** | 2.0 | 3.0 | 4.0 | 2.0 → 4.0 | +2.0 |"}},
		{name: "this session last", session: "s4", trend: gappy(),
			lead:   "Scores in the team's 3 sessions with a check, oldest first. A dash is a session in which the outcome had no score. The last column is this session. 1 of the team's 4 sessions had no check and is left out.",
			header: "| Outcome | 2026-09-01 | 2026-09-02 | 2026-09-04 | First → last | Change |",
			rows: []string{
				"| Alpha | 3 | 3 | 2 | 3 → 2 | −1 |",
				"| Bravo | 2 | — | 4 | 2 → 4 | +2 |",
				"| Echo | — | — | 5 | 5 | once |",
				"| Old gone (no longer asked) | 1 | — | — | 1 | once |",
				"| **Overall average** | 2.0 | 3.0 | 3.7 | 2.0 → 3.7 | +1.7 |",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Workshop: checkWorkshop, Now: at(12, 0), Trend: tt.trend}
			s := withRatings(scored("a", 3))
			if tt.session != "" {
				s.ID = tt.session
			}
			md := string(Markdown(s, opts))
			sec := section(md, "Partnership trend")
			if tt.lead == "" {
				if sec != "" {
					t.Fatalf("a trend where there is none:\n%s", sec)
				}
				if strings.Contains(string(HTML(s, opts)), "Partnership trend") {
					t.Error("the page has a trend")
				}
				return
			}
			if i, j := strings.Index(md, "## Partnership check"), strings.Index(md, "## Partnership trend"); i < 0 || j < i {
				t.Error("the trend does not come after the check")
			}
			if !strings.Contains(sec, "\n\n"+tt.lead+"\n\n") {
				t.Errorf("the lead is not %q:\n%s", tt.lead, sec)
			}
			if !strings.Contains(sec, "\n"+tt.header+"\n") {
				t.Errorf("the header is not %q:\n%s", tt.header, sec)
			}
			if got := tableRows(sec); !slices.Equal(got, tt.rows) {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.rows, "\n"))
			}
			checkTables(t, md)
			checkNoHTML(t, md)
		})
	}
}

// A label from an old session file is people's text too.
func TestTrendEscapes(t *testing.T) {
	tr := trendOf(checkWorkshop,
		held("s1", sept(1), sessions.RatedOutcome{Key: "x", Label: "A | B <script>alert(1)</script> *c*", Score: 2}),
		held("s2", sept(2), ro("a", 3)))
	opts := Options{Workshop: checkWorkshop, Now: at(12, 0), Trend: tr}
	md := string(Markdown(withRatings(scored("a", 3)), opts))
	if want := "| A \\| B \\<script\\>alert(1)\\</script\\> \\*c\\* (no longer asked) | 2 | — | 2 | once |"; !strings.Contains(md, want) {
		t.Errorf("the minutes lack %q", want)
	}
	checkTables(t, md)
	checkNoHTML(t, md)
	page := string(HTML(withRatings(scored("a", 3)), opts))
	if strings.Contains(page, "<script") || !strings.Contains(page, "<td>A | B &lt;script&gt;alert(1)&lt;/script&gt; *c* (no longer asked)</td>") {
		t.Error("the label is not escaped on the page")
	}
}

func TestTrendChart(t *testing.T) {
	// A session whose check was all skips has no average: a gap in the
	// line, and no point.
	skips := trendOf(checkWorkshop,
		held("s1", sept(1), ro("a", 2)), held("s2", sept(2), ro("a", 0)), held("s3", sept(3), ro("a", 4)), held("s4", sept(4), ro("a", 5)))
	tests := []struct {
		name          string
		trend         *partnership.Trend
		label         string // "" when there is no chart
		points, lines int
		dates         []string
	}{
		{name: "no trend"},
		{name: "one check", trend: trendOf(checkWorkshop, held("s1", sept(1), ro("a", 3)))},
		{name: "gaps", trend: gappy(), label: "Overall average from 2.0 to 3.7 over 3 sessions", points: 3, lines: 1,
			dates: []string{"2026-09-01", "2026-09-02", "2026-09-04"}},
		{name: "the latest", trend: long(), label: "Overall average from 2.5 to 4.0 over the latest 8 sessions", points: 8, lines: 1,
			dates: []string{"2026-09-04", "2026-09-06", "2026-09-07", "2026-09-08", "2026-09-09", "2026-09-10", "2026-09-11", "2026-09-12"}},
		{name: "two on one day", trend: trendOf(checkWorkshop, held("s1", sept(1), ro("a", 2)), held("s2", sept(1).Add(3*time.Hour), ro("a", 3))),
			label: "Overall average from 2.0 to 3.0 over 2 sessions", points: 2, lines: 1, dates: []string{"2026-09-01"}},
		{name: "a check of skips only", trend: skips, label: "Overall average from 2.0 to 5.0 over 3 sessions", points: 3, lines: 1,
			dates: []string{"2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(HTML(withRatings(scored("a", 3)), Options{Workshop: checkWorkshop, Now: at(12, 0), Trend: tt.trend}))
			i, j := strings.Index(page, "<svg"), strings.Index(page, "</svg>")
			if tt.label == "" {
				if i >= 0 {
					t.Fatal("a chart where there is no trend")
				}
				return
			}
			if i < 0 || j < i {
				t.Fatal("no chart")
			}
			if k := strings.Index(page, `<table class="trend">`); k < j {
				t.Error("the chart is not above the trend's table")
			}
			svg := page[i : j+len("</svg>")]
			for _, want := range []string{`role="img"`, `aria-label="` + tt.label + `"`, `viewBox="0 0 640 250"`, `width="100%"`} {
				if !strings.Contains(svg, want) {
					t.Errorf("the chart lacks %s", want)
				}
			}
			lower := strings.ToLower(svg)
			for _, bad := range []string{"<script", "href", "url(", "<image", "<foreignobject", "<style"} {
				if strings.Contains(lower, bad) {
					t.Errorf("the chart has %q", bad)
				}
			}
			if m := onHandler.FindString(lower); m != "" {
				t.Errorf("the chart has an event handler: %s", m)
			}
			if n := strings.Count(svg, "http"); n != 1 || !strings.Contains(svg, `xmlns="http://www.w3.org/2000/svg"`) {
				t.Errorf("the chart names %d addresses; want only its namespace", n)
			}
			if n := strings.Count(svg, "<circle"); n != tt.points {
				t.Errorf("%d points, want %d", n, tt.points)
			}
			if n := strings.Count(svg, "<title>"); n != tt.points {
				t.Errorf("%d tooltips, want one per point, %d", n, tt.points)
			}
			if n := strings.Count(svg, "<polyline"); n != tt.lines {
				t.Errorf("%d lines, want %d", n, tt.lines)
			}
			for v := 1; v <= 5; v++ {
				if !strings.Contains(svg, fmt.Sprintf(`fill="#000">%d</text>`, v)) {
					t.Errorf("the y axis lacks %d", v)
				}
			}
			if tt.name == "two on one day" && (!strings.Contains(svg, `dy="14">10:00</tspan>`) || !strings.Contains(svg, `dy="14">13:00</tspan>`)) {
				t.Error("two sessions on one day are not told apart by their times")
			}
			for _, d := range tt.dates {
				if !strings.Contains(svg, ">"+d+"</text>") && !strings.Contains(svg, ">"+d+"<tspan") {
					t.Errorf("the x axis lacks %s", d)
				}
			}
			// Only black and greys: it prints, and reads without colour.
			for _, m := range colour.FindAllString(svg, -1) {
				c, third := m[1:], (len(m)-1)/3
				if c[:third] != c[third:2*third] || c[third:2*third] != c[2*third:] {
					t.Errorf("the chart has the colour %s", m)
				}
			}
			checkXML(t, svg)
		})
	}
}

var (
	onHandler = regexp.MustCompile(`\son[a-z]+\s*=`)
	colour    = regexp.MustCompile(`#[0-9a-fA-F]{3}\b|#[0-9a-fA-F]{6}\b`)
)

// checkXML asserts that the chart is well-formed XML, as an SVG file
// would have to be.
func checkXML(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("the chart is not well-formed: %v", err)
		}
	}
}

// TeamTrend makes nothing of a session without a team, and takes the
// live session in place of its file.
func TestTeamTrend(t *testing.T) {
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	earlier := typical()
	earlier.ID, earlier.Created = "2026-10-01-earlier-0b0b", time.Date(2026, 10, 1, 10, 0, 0, 0, zone)
	if err := st.Save(earlier); err != nil {
		t.Fatal(err)
	}
	now := typical()
	if err := st.Save(now); err != nil {
		t.Fatal(err)
	}
	now.Ratings = []model.Rating{scored("power-with", 5)} // newer than its file

	tr, err := TeamTrend(st, workshop, now)
	if err != nil || tr == nil {
		t.Fatalf("trend %v, %v", tr, err)
	}
	if len(tr.Columns) != 2 || tr.Column(now.ID) != 1 {
		t.Fatalf("columns %+v", tr.Columns)
	}
	if s, _ := tr.Of("power-with"); !slices.Equal(s.Scores, []int{4, 5}) {
		t.Errorf("scores %v, want the file's and then the live session's", s.Scores)
	}

	alone := typical()
	alone.Team = " "
	if tr, err := TeamTrend(st, workshop, alone); tr != nil || err != nil {
		t.Errorf("a session without a team has a trend: %v, %v", tr, err)
	}
	if tr, err := TeamTrend(nil, workshop, now); tr != nil || err != nil {
		t.Errorf("no store, yet a trend: %v, %v", tr, err)
	}
}

// The trend's table fits a printed A4 page (the narrower of A4 and
// Letter) with the most sessions it shows, two of them on one day and a
// new year among them, and scrolls on its own in a narrow window rather
// than squeezing its dates. No browser here: each column is as wide as
// its widest piece that cannot wrap, at a generous 0.6em a character
// (Helvetica's digits are 0.556em), plus its padding.
func TestTrendTableFitsThePage(t *testing.T) {
	var list []sessions.Summary
	for i := range TrendSessions {
		day := time.Date(2026, 12, 20, 10, 0, 0, 0, zone).AddDate(0, 0, 4*i)
		if i == 3 {
			day = day.AddDate(0, 0, -4).Add(3 * time.Hour) // the same day as the one before
		}
		s := held(fmt.Sprint("s", i), day)
		s.Ratings = []sessions.RatedOutcome{ro("a", 1+i%5), ro("b", 5-i%5)}
		list = append(list, s)
	}
	// The default workshop's longest words.
	w := &config.Workshop{Outcomes: []config.Outcome{
		{Key: "a", Label: "Those most affected have a seat at the table"},
		{Key: "b", Label: "Shared accountability and responsibility"},
	}}
	page := string(HTML(withRatings(scored("a", 3)), Options{Workshop: w, Now: at(12, 0), Trend: trendOf(w, list...)}))

	for _, rule := range []string{
		".wide { overflow-x: auto; }",
		"table.trend { font-size: 0.85em;",
		"table.trend th, table.trend td { padding: 0.25em 0.35em; }",
		"table.trend th.year, table.trend th.date { white-space: nowrap;",
		"table.trend td { overflow-wrap: break-word; }",
	} {
		if !strings.Contains(page, rule) {
			t.Errorf("the page lacks the rule %q", rule)
		}
	}
	start, end := strings.Index(page, `<div class="wide">`+"\n"+`<table class="trend">`), strings.Index(page, "</table>\n</div>")
	if start < 0 || end < start {
		t.Fatal("the trend's table is not in a box of its own that scrolls")
	}
	table := page[start:end]

	// Every date whole, the year once above its days.
	dates := regexp.MustCompile(`<th class="date">([^<]*)(?:<br>([^<]*))?</th>`).FindAllStringSubmatch(table, -1)
	if len(dates) != TrendSessions {
		t.Fatalf("%d dates in the header, want %d:\n%s", len(dates), TrendSessions, table)
	}
	for _, d := range dates {
		if !regexp.MustCompile(`^[A-Z][a-z]{2} [0-9]{1,2}$`).MatchString(d[1]) || d[2] != "" && !regexp.MustCompile(`^[0-9]{2}:[0-9]{2}$`).MatchString(d[2]) {
			t.Errorf("date header %q", d[0])
		}
	}
	if !strings.Contains(table, `<th class="year" colspan="4">2026</th><th class="year" colspan="4">2027</th>`) {
		t.Errorf("the years do not head their days:\n%s", table)
	}

	// The narrowest each column can be, in ems of the table's type.
	const perChar, padding = 0.6, 0.7 + 0.1 // 0.35em each side, and a border
	unwrapped := func(text string) float64 { return float64(utf8.RuneCountInString(text))*perChar + padding }
	longestWord := func(text string) float64 {
		widest := 0.0
		for _, w := range strings.Fields(text) {
			widest = max(widest, unwrapped(w))
		}
		return widest
	}
	cols := make([]float64, TrendSessions+3)
	for i, d := range dates {
		cols[1+i] = max(unwrapped(d[1]), unwrapped(d[2]))
	}
	for _, row := range regexp.MustCompile(`<tr(?: class="total")?><td>([^<]*)</td>(.*)</tr>`).FindAllStringSubmatch(table, -1) {
		cols[0] = max(cols[0], longestWord(html.UnescapeString(row[1])))
		cells := regexp.MustCompile(`<td class="num">([^<]*)</td>`).FindAllStringSubmatch(row[2], -1)
		if len(cells) != TrendSessions+2 {
			t.Fatalf("row %q has %d scores", row[0], len(cells))
		}
		for j, c := range cells {
			cols[1+j] = max(cols[1+j], unwrapped(html.UnescapeString(c[1])))
		}
	}
	cols[len(cols)-2] = max(cols[len(cols)-2], longestWord("First → last"))
	cols[len(cols)-1] = max(cols[len(cols)-1], longestWord("Change"))
	need := 0.0
	for _, w := range cols {
		need += w
	}
	// A4 less the page's margins (15mm each side), in ems of the table's
	// type when printed: 10.5pt, and 0.85 of that.
	const a4 = (210 - 2*15) / 25.4 * 72 / (10.5 * 0.85)
	if need > a4 {
		t.Errorf("the trend's table needs %.1fem at least, and a printed A4 page has %.1fem (columns %v)", need, a4, cols)
	}
}
