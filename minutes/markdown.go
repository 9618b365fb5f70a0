package minutes

import (
	"bytes"
	"strconv"
	"strings"

	"pitstop/model"
)

// Markdown writes the minutes as GitHub-flavoured Markdown. People's text is
// escaped so that it shows literally: no emphasis, links, headings, lists,
// code or HTML come out of what someone typed, and table cells keep their
// columns. A text's line breaks are kept: as hard line breaks in a list
// item, as <br> in a table cell.
func Markdown(s *model.Session, opts Options) []byte {
	d := build(s, opts)
	w := &md{}
	w.Grow(sizeHint(s))

	w.WriteString("# Minutes: ")
	w.line(d.Title)
	w.WriteString("\n\n")
	field := func(name, value string) {
		if value == "" {
			return
		}
		w.WriteString("- ")
		w.WriteString(name)
		w.WriteString(": ")
		w.line(value)
		w.WriteByte('\n')
	}
	field("Team", d.Team)
	field("Date", d.Date)
	field("Facilitator", d.Facilitator)
	field("Status", d.Status)
	field("Session", d.ID)

	w.WriteString("\n## Time\n\n")
	w.WriteString("| Stop | Planned | Spent | Difference |\n| --- | ---: | ---: | --- |\n")
	for _, r := range d.Times {
		w.row(r.Stop, r.Planned, r.Spent, r.Diff)
	}
	w.WriteString("| **")
	w.cell(d.Total.Stop)
	w.WriteString("** | ")
	w.cell(d.Total.Planned)
	w.WriteString(" | ")
	w.cell(d.Total.Spent)
	w.WriteString(" | ")
	w.cell(d.Total.Diff)
	w.WriteString(" |\n")

	w.WriteString("\n## Notes\n\n")
	if d.NotesTaken == 0 {
		w.WriteString("No notes were taken.\n")
	}
	for i, g := range d.Notes {
		if i > 0 || d.NotesTaken == 0 {
			w.WriteByte('\n')
		}
		w.WriteString("### ")
		w.line(g.Stop)
		w.WriteString("\n\n")
		// The go-around's lines, each a paragraph of its own, then the
		// notes.
		var said []string
		if g.GoAround != "" {
			said = append(said, g.GoAround)
		}
		if g.Speaking != "" {
			said = append(said, "Speaking time: "+g.Speaking+".")
		}
		for k, p := range said {
			if k > 0 {
				w.WriteByte('\n')
			}
			w.escape(oneLine(p), true)
			w.WriteByte('\n')
		}
		if len(said) > 0 && len(g.Notes) > 0 {
			w.WriteByte('\n')
		}
		for _, n := range g.Notes {
			w.item("", n.Meta, n.Text)
		}
	}

	w.WriteString("\n## Agreements\n\n")
	if len(d.Agreements) == 0 {
		w.WriteString("No agreements.\n")
	}
	for _, a := range d.Agreements {
		w.item("", a.Meta, a.Text)
	}

	w.WriteString("\n## Tensions\n\n")
	if d.Tensions == 0 {
		w.WriteString("No tensions were named.\n")
	} else {
		w.WriteString("### Open\n\n")
		if len(d.Open) == 0 {
			w.WriteString("None.\n")
		}
		for _, t := range d.Open {
			w.item("", t.Meta, t.Text)
		}
		w.WriteString("\n### Resolved\n\n")
		if len(d.Resolved) == 0 {
			w.WriteString("None.\n")
		}
		for _, t := range d.Resolved {
			w.item("", t.Meta, t.Text)
			w.item("  ", t.Resolution, t.ResolvedBy)
		}
		if len(d.Dropped) > 0 {
			w.WriteString("\n### Dropped\n\n")
			for _, t := range d.Dropped {
				w.item("", t.Meta, t.Text)
			}
		}
	}

	w.WriteString("\n## Commitments\n\n")
	if len(d.Commitments) == 0 {
		w.WriteString("No commitments.\n")
	} else {
		w.WriteString("| What | Owner | Due | Status |\n| --- | --- | --- | --- |\n")
		for _, c := range d.Commitments {
			w.row(c.What, c.Owner, c.Due, c.Status)
		}
	}

	if len(d.Carried) > 0 {
		w.WriteString("\n## Carried from earlier sessions\n\n")
		w.WriteString("| Item | Kind | From session | Status now |\n| --- | --- | --- | --- |\n")
		for _, c := range d.Carried {
			w.row(c.What, c.Kind, c.From, c.Status)
		}
	}

	if len(d.Norms) > 0 || len(d.Retired) > 0 {
		w.WriteString("\n## Team norms\n\n")
		w.WriteString("The norms the team keeps from session to session, each with the day it was first set; where one was reworded, every wording follows, newest first.\n\n")
		if len(d.Norms) == 0 {
			w.WriteString("None stands now.\n")
		}
		w.norms(d.Norms)
		if len(d.Retired) > 0 {
			w.WriteString("\n### Retired\n\n")
			w.norms(d.Retired)
		}
	}

	if len(d.Definitions) > 0 {
		w.WriteString("\n## Shared definitions\n\n")
		w.WriteString("What the team means by its words, every wording dated, newest first.\n\n")
		for _, def := range d.Definitions {
			w.item("", def.Concept, "")
			for _, v := range def.Wordings {
				w.item("  ", v.Meta, v.Text)
			}
		}
	}

	if c := d.Check; c != nil {
		w.WriteString("\n## Partnership check\n\n")
		w.line(c.Summary())
		w.WriteString("\n\n| Outcome | Score |")
		if c.HasNotes {
			w.WriteString(" Note |")
		}
		w.WriteString("\n| --- | --- |")
		if c.HasNotes {
			w.WriteString(" --- |")
		}
		w.WriteByte('\n')
		for _, r := range c.Rows {
			if c.HasNotes {
				w.row(r.Outcome, r.Score, r.Note)
			} else {
				w.row(r.Outcome, r.Score)
			}
		}
		if len(c.Room) > 0 {
			w.WriteString("\n### The room's answers\n\n")
			w.line(c.RoomLead())
			w.WriteString("\n\n| Outcome | 1 | 2 | 3 | 4 | 5 | Answers | Median | Spread |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
			for _, r := range c.Room {
				cells := []string{r.Outcome}
				for _, n := range r.Counts {
					cells = append(cells, strconv.Itoa(n.Count))
				}
				spread := r.Spread
				if r.Agreement != "" {
					spread += "; " + r.Agreement
				}
				w.row(append(cells, r.Answers, r.Median, spread)...)
			}
		}
	}

	if t := d.Trend; t != nil {
		w.WriteString("\n## Partnership trend\n\n")
		w.line(t.Lead)
		w.WriteString("\n\n| Outcome |")
		for _, date := range t.Dates {
			w.WriteByte(' ')
			w.cell(date)
			w.WriteString(" |")
		}
		w.WriteString(" First → last | Change |\n| --- |")
		w.WriteString(strings.Repeat(" ---: |", len(t.Dates)))
		w.WriteString(" ---: | ---: |\n")
		for _, r := range t.Rows {
			cells := make([]string, 0, len(r.Scores)+3)
			cells = append(append(append(cells, r.Outcome), r.Scores...), r.FirstLast, r.Change)
			w.row(cells...)
		}
		w.WriteString("| **")
		w.cell(t.Average.Outcome)
		w.WriteString("** |")
		for _, v := range append(t.Average.Scores[:len(t.Average.Scores):len(t.Average.Scores)], t.Average.FirstLast, t.Average.Change) {
			w.WriteByte(' ')
			w.cell(v)
			w.WriteString(" |")
		}
		w.WriteByte('\n')
	}
	return w.Bytes()
}

// sizeHint guesses the size of the minutes, so the buffer grows once.
func sizeHint(s *model.Session) int {
	n := 4096
	for _, x := range s.Notes {
		n += len(x.Text) + len(x.Said) + 40
	}
	for _, x := range s.Agreements {
		n += len(x.Text) + 60
	}
	for _, x := range s.Tensions {
		n += len(x.Text) + 60
	}
	for _, x := range s.Commitments {
		n += 2*len(x.Text) + 60
	}
	n += 40 * len(s.Turns)
	for _, x := range s.Norms {
		for _, v := range x.Versions {
			n += len(v.Text) + 60
		}
	}
	for _, x := range s.Definitions {
		for _, v := range x.Versions {
			n += len(v.Text) + 60
		}
	}
	return n + n/8
}

type md struct{ bytes.Buffer }

// norms lists norms, each with its wordings under it.
func (w *md) norms(ns []norm) {
	for _, n := range ns {
		w.item("", n.Meta, n.Text)
		for _, v := range n.Wordings {
			w.item("  ", v.Meta, v.Text)
		}
	}
}

// item writes a list item, indented by indent: "- lead: text". The text's
// lines are joined by hard line breaks (a backslash at the end of the
// line) and indented under the item, so that each shows on its own line
// and none can start a block of its own.
func (w *md) item(indent, lead, text string) {
	w.WriteString(indent)
	w.WriteString("- ")
	w.escape(oneLine(lead), true)
	if text == "" {
		w.WriteByte('\n')
		return
	}
	if lead != "" {
		w.WriteString(": ")
	}
	first, endsInBackslash := true, false
	eachLine(strings.TrimSpace(text), func(l string) {
		if !first {
			// A backslash at the end of a line is a hard line break; after
			// an escaped backslash some renderers (goldmark) miss it, so
			// there two trailing spaces, the other form, break the line.
			if endsInBackslash {
				w.WriteString("  \n")
			} else {
				w.WriteString("\\\n")
			}
			w.WriteString(indent)
			w.WriteString("  ")
		}
		l = strings.TrimSpace(model.RemoveInvisible(l))
		w.escape(l, !first || lead == "")
		first, endsInBackslash = false, strings.HasSuffix(l, "\\")
	})
	w.WriteByte('\n')
}

// row writes a table row.
func (w *md) row(cells ...string) {
	w.WriteString("|")
	for _, c := range cells {
		w.WriteByte(' ')
		w.cell(c)
		w.WriteString(" |")
	}
	w.WriteByte('\n')
}

// cell writes text for a table cell: escaped, "|" included, with its line
// breaks as <br>.
func (w *md) cell(text string) {
	first := true
	eachLine(strings.TrimSpace(text), func(l string) {
		if !first {
			w.WriteString("<br>")
		}
		first = false
		w.escape(strings.TrimSpace(l), false)
	})
}

// line writes text that must stay on one line and does not start it (a
// heading, a field): its line breaks become spaces.
func (w *md) line(text string) { w.escape(oneLine(text), false) }

// oneLine joins the lines of text with spaces.
func oneLine(text string) string {
	text = strings.TrimSpace(text)
	if !strings.ContainsAny(text, "\r\n") {
		return text
	}
	var b strings.Builder
	eachLine(text, func(l string) {
		if l = strings.TrimSpace(l); l != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(l)
		}
	})
	return b.String()
}

// eachLine calls f with each line of text. Line breaks are "\n", "\r\n"
// and a lone "\r", as Markdown counts them.
func eachLine(text string, f func(string)) {
	for {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			f(text)
			return
		}
		f(text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
}

// escape writes one line of people's text so that Markdown shows it as
// typed. Characters that are markup anywhere in a line are backslash-
// escaped wherever they are; when the text starts a line (lineStart), those
// that are markup only there (list markers, setext underlines, "1." of an
// ordered list) are escaped too. "&" is escaped only where it could start an entity, so the
// common "Reflection & Accountability" stays as it is.
//
// Bidirectional overrides and zero-width characters are taken out first
// (model.RemoveInvisible): a text read from a file may hold them, and they
// would make a line of the minutes read differently from what it says, or
// hide the markup this escaping looks for ("1\u200b." is "1." once a
// renderer drops the zero-width space).
func (w *md) escape(l string, lineStart bool) {
	l = model.RemoveInvisible(l)
	start := 0
	// The start of the line: "-", "+" and "=" may begin a list, a
	// thematic break or a heading underline, ":" a table's delimiter row
	// (for some renderers, even without a "|"); digits then "." or ")" an
	// ordered list.
	if lineStart && l != "" {
		switch l[0] {
		case '-', '+', '=', ':':
			w.WriteByte('\\')
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			j := 0
			for j < len(l) && j < 10 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && j < 10 && (l[j] == '.' || l[j] == ')') {
				w.WriteString(l[:j])
				w.WriteByte('\\')
				start = j
			}
		}
	}
	last := start
	for i := start; i < len(l); i++ {
		c := l[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~':
		case '&':
			if i+1 >= len(l) || !entityStart(l[i+1]) {
				continue
			}
		default:
			continue
		}
		w.WriteString(l[last:i])
		w.WriteByte('\\')
		w.WriteByte(c)
		last = i + 1
	}
	w.WriteString(l[last:])
}

func entityStart(c byte) bool {
	return c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
