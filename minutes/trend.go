package minutes

import (
	"slices"
	"strconv"
	"strings"

	"pitstop/config"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/sessions"
)

// TeamTrend is the partnership trend of s's team for its minutes
// (Options.Trend): the team's sessions in st, from its listing, with s
// standing in for its own file, and the outcomes of w (which may be nil).
// It is nil when s has no team.
//
// It reads the sessions directory (the listing comes from the store's
// cache, so this is quick, but it is IO): call it from a command, never
// from a screen's Update or View. When the listing fails it returns nil
// and the error; the minutes are then best written without the trend,
// saying why where someone will see it.
func TeamTrend(st *sessions.Store, w *config.Workshop, s *model.Session) (*partnership.Trend, error) {
	if st == nil || s == nil || strings.TrimSpace(s.Team) == "" {
		return nil, nil
	}
	list, err := st.List()
	if err != nil {
		return nil, err
	}
	var outcomes []config.Outcome
	if w != nil {
		outcomes = w.Outcomes
	}
	t := partnership.BuildTrend(outcomes, partnership.TeamSessions(list, s.Team, s))
	return &t, nil
}

// TrendSessions is how many sessions with a check the trend shows at most,
// the latest: more columns than that do not fit a printed page.
const TrendSessions = 8

// noScore is a trend's cell where the outcome had no score that time.
const noScore = "—"

// trendDoc is a team's trend as the minutes show it: one row per outcome
// the team ever scored, one column per session with a check.
type trendDoc struct {
	Lead    string   // the sentences above the table
	Dates   []string // of the sessions shown, oldest first
	Rows    []trendRow
	Average trendRow
	Chart   *chart // the overall average, for the HTML page; nil when it has no point

	// The HTML table's header: each year over its sessions, and under it
	// each session's day, short and never broken across lines, so that
	// eight sessions fit a printed page.
	Years []yearHead
	Days  []dayHead
}

// yearHead is a year over the Span columns of its sessions ("" for the
// sessions with no date).
type yearHead struct {
	Year string
	Span int
}

// dayHead is a session's day in the HTML table's header ("Nov 22"), and
// its time of day where two sessions were held on the same day.
type dayHead struct{ Day, Time string }

type trendRow struct {
	Outcome           string
	Scores            []string // one per session shown
	FirstLast, Change string   // over every session with a check, shown or not
}

// buildTrend works out the trend section of the minutes of session id;
// nil unless the team did the check in two sessions at least, and scored
// something.
func buildTrend(t *partnership.Trend, id string) *trendDoc {
	if t == nil || t.Checked() < 2 {
		return nil
	}
	var checked []int
	for i, c := range t.Columns {
		if c.Checked {
			checked = append(checked, i)
		}
	}
	shown := checked[max(0, len(checked)-TrendSessions):]

	row := func(s partnership.Series, tenths bool) trendRow {
		r := trendRow{Outcome: s.Label, Scores: make([]string, len(shown)), FirstLast: partnership.FirstLast(s, tenths), Change: partnership.Change(s, tenths)}
		for i, col := range shown {
			switch v := s.Scores[col]; {
			case v <= 0:
				r.Scores[i] = noScore
			case tenths:
				r.Scores[i] = partnership.Tenths(v)
			default:
				r.Scores[i] = strconv.Itoa(v)
			}
		}
		return r
	}
	listed := false
	for _, s := range t.Series {
		listed = listed || s.Listed
	}
	d := &trendDoc{}
	for _, s := range t.Series {
		if s.Rated() == 0 {
			continue // never scored: a row of dashes says nothing
		}
		r := row(s, false)
		if listed {
			r.Outcome = s.Name()
		}
		d.Rows = append(d.Rows, r)
	}
	if len(d.Rows) == 0 {
		return nil
	}
	avg := t.AverageSeries()
	d.Average = row(avg, true)
	d.Dates = dates(t, shown)

	n := strconv.Itoa(len(checked))
	if len(shown) < len(checked) {
		d.Lead = "Scores in the latest " + strconv.Itoa(len(shown)) + " of the team's " + n + " sessions with a check, oldest first; first → last and change count all " + n + "."
	} else {
		d.Lead = "Scores in the team's " + n + " sessions with a check, oldest first."
	}
	if gaps(d.Rows) || gaps([]trendRow{d.Average}) {
		d.Lead += " A dash is a session in which the outcome had no score."
	}
	switch i := slices.Index(shown, t.Column(id)); {
	case i < 0:
	case i == len(shown)-1:
		d.Lead += " The last column is this session."
	default:
		d.Lead += " The column of " + d.Dates[i] + " is this session."
	}
	switch unchecked := len(t.Columns) - len(checked); unchecked {
	case 0:
	case 1:
		d.Lead += " 1 of the team's " + strconv.Itoa(len(t.Columns)) + " sessions had no check and is left out."
	default:
		d.Lead += " " + strconv.Itoa(unchecked) + " of the team's " + strconv.Itoa(len(t.Columns)) + " sessions had no check and are left out."
	}

	d.Years, d.Days = heads(t, shown, d.Dates)
	d.Chart = averageChart(t, shown, d.Dates, avg, len(shown) < len(checked))
	return d
}

// gaps reports whether some row has no score in a session shown.
func gaps(rows []trendRow) bool {
	for _, r := range rows {
		if slices.Contains(r.Scores, noScore) {
			return true
		}
	}
	return false
}

// dates head the columns shown: the day of each session, and the time
// too where two sessions were held on the same day.
func dates(t *partnership.Trend, shown []int) []string {
	out := make([]string, len(shown))
	seen := make(map[string]int, len(shown))
	for i, col := range shown {
		out[i] = day(t.Columns[col])
		seen[out[i]]++
	}
	for i, col := range shown {
		if c := t.Columns[col]; seen[out[i]] > 1 && !c.Created.IsZero() {
			out[i] = c.Created.Format(TimeLayout)
		}
	}
	return out
}

// heads are the HTML table's two header rows over the columns shown,
// headed by dates (see dates): a full date ("2026-11-22") is as wide as
// two scores, and eight of them, kept whole, leave the outcomes no room on
// a printed page; a year once over its days is narrower.
func heads(t *partnership.Trend, shown []int, dates []string) ([]yearHead, []dayHead) {
	var years []yearHead
	days := make([]dayHead, len(shown))
	for i, col := range shown {
		c := t.Columns[col]
		year := ""
		if c.Created.IsZero() {
			days[i].Day = dates[i]
		} else {
			year, days[i].Day = c.Created.Format("2006"), c.Created.Format("Jan 2")
			if strings.Contains(dates[i], " ") {
				days[i].Time = c.Created.Format("15:04")
			}
		}
		if n := len(years); n > 0 && years[n-1].Year == year {
			years[n-1].Span++
		} else {
			years = append(years, yearHead{Year: year, Span: 1})
		}
	}
	return years, days
}

// day is the date a session was held on, in the offset it was held in.
func day(c partnership.Column) string {
	if c.Created.IsZero() {
		return "no date"
	}
	return c.Created.Format("2006-01-02")
}

// chart is an SVG line chart of the overall average per session, drawn on
// a fixed canvas (see the chart* constants) that the page scales to its
// width. It is black and grey only, so it prints and reads without
// colour, and each point carries its value as text, since tooltips do
// not print.
type chart struct {
	Label  string // what it shows, for aria-label
	Canvas chartCanvas
	Grid   []chartTick
	Ticks  []chartTick
	Lines  []string // the points of each run of sessions with an average
	Points []chartPoint
}

// chartCanvas is where the chart's parts go, in SVG user units.
type chartCanvas struct {
	ViewBox            string
	Left, Right        int // of the plot
	AxisLabelX, TicksY int // the y axis' labels end at AxisLabelX; the dates sit on TicksY
}

// chartTick is a gridline of the y axis or a date on the x axis, Sub a
// second line under the date.
type chartTick struct{ Pos, Label, Sub string }

type chartPoint struct{ X, Y, ValueY, Value, Title string }

// The chart's canvas, in SVG user units: the plot's box, and how far
// the first and last sessions sit inside it so their dates fit.
const (
	chartWidth, chartHeight = 640, 250
	plotLeft, plotRight     = 40, 624
	plotTop, plotBottom     = 20, 200
	plotInset               = 36
	axisLabelX, ticksY      = 30, 222
)

// averageChart draws avg over the columns shown, headed by dates (see
// dates); latest says that they are the latest of more.
func averageChart(t *partnership.Trend, shown []int, dates []string, avg partnership.Series, latest bool) *chart {
	c := &chart{Canvas: chartCanvas{
		ViewBox: "0 0 " + strconv.Itoa(chartWidth) + " " + strconv.Itoa(chartHeight),
		Left:    plotLeft, Right: plotRight, AxisLabelX: axisLabelX, TicksY: ticksY,
	}}
	for v := model.MinScore; v <= model.MaxScore; v++ {
		c.Grid = append(c.Grid, chartTick{Pos: coord(chartY(float64(v))), Label: strconv.Itoa(v)})
	}
	var run []string
	var first, last string
	for i, col := range shown {
		x := float64(plotLeft+plotRight) / 2
		if len(shown) > 1 {
			x = plotLeft + plotInset + float64(i)*float64(plotRight-plotLeft-2*plotInset)/float64(len(shown)-1)
		}
		// A date with a time (two sessions on one day) takes two lines.
		date := dates[i]
		day, clock, _ := strings.Cut(date, " ")
		c.Ticks = append(c.Ticks, chartTick{Pos: coord(x), Label: day, Sub: clock})
		v := avg.Scores[col]
		if v <= 0 {
			if len(run) > 1 {
				c.Lines = append(c.Lines, strings.Join(run, " "))
			}
			run = nil
			continue
		}
		y := chartY(float64(v) / 10)
		value := partnership.Tenths(v)
		if first == "" {
			first = value
		}
		last = value
		run = append(run, coord(x)+","+coord(y))
		c.Points = append(c.Points, chartPoint{X: coord(x), Y: coord(y), ValueY: coord(y - 9), Value: value, Title: date + ": overall average " + value})
	}
	if len(run) > 1 {
		c.Lines = append(c.Lines, strings.Join(run, " "))
	}
	switch n := len(c.Points); n {
	case 0:
		return nil
	case 1:
		c.Label = "Overall average " + first + " in the one session with a score"
	default:
		over := strconv.Itoa(n) + " sessions"
		if latest {
			over = "the latest " + over
		}
		c.Label = "Overall average from " + first + " to " + last + " over " + over
	}
	return c
}

// chartY is where a score of 1 to 5 goes on the chart.
func chartY(v float64) float64 {
	return plotTop + (float64(model.MaxScore)-v)/float64(model.MaxScore-model.MinScore)*(plotBottom-plotTop)
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
