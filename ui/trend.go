package ui

import (
	"strconv"

	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
)

// trendLines draws a team's partnership trend in w columns: a line per
// outcome with its sparkline (one mark per session, oldest first), its
// first and last score and the change, and the overall average last. It
// reads without colour: the marks' heights and the numbers say it all.
// Shared by the check and the browser.
func trendLines(st Styles, t partnership.Trend, w int, today model.Date) []string {
	checked := t.Checked()
	if checked == 0 {
		return []string{st.Muted.Render(fit("No partnership check in this team's sessions yet: its trend starts with the first.", w, 1))}
	}
	first, last := t.Columns[0].Created, t.Columns[len(t.Columns)-1].Created
	head := "Across " + present.Plural(len(t.Columns), "session") + " (" + present.Date(model.DateOf(first), today) + " to " + present.Date(model.DateOf(last), today) + "), " +
		strconv.Itoa(checked) + " with the check · oldest on the left"
	if len(t.Columns) == 1 {
		head = "The team's first check (" + present.Date(model.DateOf(first), today) + "): the trend grows from here"
	}
	out := []string{st.Muted.Render(fit(head, w, 1))}
	// Columns: label, chart, first → last, change.
	const numW, changeW = 11, 6
	sparkW := max(5, min(len(t.Columns), (w-numW-changeW-4)/3)) // at least as wide as its heading
	labelW := max(8, min(56, w-sparkW-numW-changeW-6))
	row := func(label, spark, firstLast, change string) string {
		return fit(padRight(fit(label, labelW, 1), labelW)+"  "+padRight(spark, sparkW)+"  "+padLeft(firstLast, numW)+"  "+padLeft(change, changeW), w, 1)
	}
	out = append(out, st.Title.Render(row("Outcome", fit("trend", sparkW, 1), "first→last", "change")))
	for _, s := range t.Series {
		out = append(out, row(s.Name(), partnership.Spark(s.Scores, sparkW), partnership.FirstLast(s, false), partnership.Change(s, false)))
	}
	avg := t.AverageSeries()
	out = append(out, st.Accent.Render(row(avg.Label, partnership.SparkAverage(avg.Scores, sparkW), partnership.FirstLast(avg, true), partnership.Change(avg, true))))
	out = append(out, st.Muted.Render(fit("▁ 1  ▃ 2  ▄ 3  ▆ 4  █ 5  "+partnership.Gap+" no score", w, 1)))
	return out
}

// scrollTrend fits trend lines (as trendLines draws them, after keep lines
// of heading) into h: the heading, the column names, the overall average
// and the key stay; the outcomes from top on fill the rest, with a word
// when more are below.
func scrollTrend(st Styles, lines []string, keep, top, w, h int) []string {
	fixed := keep + 2 + 2 // heading, the trend's own heading and column names; average and key
	if len(lines) <= h || h <= fixed+1 || len(lines) < fixed {
		return lines
	}
	room := h - fixed
	rows := lines[keep+2 : len(lines)-2]
	top = max(0, min(top, len(rows)-room))
	out := append(lines[:keep+2:keep+2], rows[top:top+room]...)
	if below := len(rows) - top - room; below > 0 {
		out[len(out)-1] = st.Muted.Render(fit("↓ "+present.Plural(below+1, "more outcome")+" below", w, 1))
	}
	return append(out, lines[len(lines)-2:]...)
}
