package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"pitstop/model"
	"pitstop/present"
)

// The board's columns, in order on screen.
const (
	colAgreements = iota
	colTensions
	colCommitments
	columnCount
)

// boardPage shows the agreements, tensions and commitments in three
// columns, each scrolling on its own, filtered by stop and by words.
type boardPage struct {
	*common
	col     int                 // the column in focus
	sel     [columnCount]int    // selected row per column
	top     [columnCount]int    // first row shown per column
	selID   [columnCount]string // the selected item, kept across updates
	rows    [columnCount][]int  // positions in the session's slices, in display order
	filter  string              // a stop key, or "" for every stop
	query   string              // words to look for, lower case
	today   model.Date
	built   *model.Session    // the snapshot rows were worked out for
	sources map[string]string // names of the sessions items were carried from
}

// rebuild works out the rows of every column: filtered, and commitments by
// due date. It runs when the session or a filter changes, not per frame, so
// moving the selection and drawing stay cheap however long the board is.
func (b *boardPage) rebuild(s *model.Session, today model.Date) {
	b.today, b.built = today, s
	match := func(it model.Item, extra string) bool {
		if b.filter != "" && it.Stop != b.filter {
			return false
		}
		return b.query == "" || strings.Contains(strings.ToLower(it.Text+" "+extra), b.query)
	}
	// Fresh slices: copies of the app made before this update still use
	// the old ones.
	b.rows = [columnCount][]int{}
	for i, a := range s.Agreements {
		if match(a.Item, "") {
			b.rows[colAgreements] = append(b.rows[colAgreements], i)
		}
	}
	for i, t := range s.Tensions {
		if match(t.Item, "") {
			b.rows[colTensions] = append(b.rows[colTensions], i)
		}
	}
	var rows []int
	for _, i := range present.CommitmentOrder(s) {
		if c := s.Commitments[i]; match(c.Item, c.Owner) {
			rows = append(rows, i)
		}
	}
	b.rows[colCommitments] = rows
	for col := range b.rows {
		b.sel[col] = min(b.sel[col], max(0, len(b.rows[col])-1))
		if b.selID[col] != "" {
			for r, i := range b.rows[col] {
				if itemID(s, col, i) == b.selID[col] {
					b.sel[col] = r
					break
				}
			}
		}
		// An empty column keeps the id it had, so that cycling the stop
		// filter past a stop with nothing in it comes back to the same item.
		if len(b.rows[col]) > 0 {
			b.selID[col] = itemID(s, col, b.rows[col][b.sel[col]])
		}
	}
}

func itemID(s *model.Session, col, i int) string {
	switch col {
	case colAgreements:
		return s.Agreements[i].ID
	case colTensions:
		return s.Tensions[i].ID
	}
	return s.Commitments[i].ID
}

// selected is the id of the selected item in the focused column, or "".
func (b *boardPage) selected() string {
	if len(b.rows[b.col]) == 0 {
		return ""
	}
	return b.selID[b.col]
}

// move changes the selection by dr rows and dc columns. It touches only the
// selection and the scroll position: O(1) however many items there are.
func (b *boardPage) move(s *model.Session, dr, dc, visible int) {
	b.col = (b.col + dc + columnCount) % columnCount
	n := len(b.rows[b.col])
	if n == 0 {
		return
	}
	b.sel[b.col] = max(0, min(n-1, b.sel[b.col]+dr))
	b.selID[b.col] = itemID(s, b.col, b.rows[b.col][b.sel[b.col]])
	b.scrollInto(b.col, visible)
}

// scrollInto keeps the selected row of a column on screen.
func (b *boardPage) scrollInto(col, visible int) {
	visible = max(1, visible)
	if b.sel[col] < b.top[col] {
		b.top[col] = b.sel[col]
	}
	if b.sel[col] >= b.top[col]+visible {
		b.top[col] = b.sel[col] - visible + 1
	}
}

// stacked reports whether the columns go one under another: on a narrow
// screen side by side they would be too thin to read.
func stacked(w int) bool { return w < 90 }

// Lines of the board around the columns: the title and a blank line above,
// and below a blank line and the selected item in full (two lines of words
// and one of facts), so a row cut short on screen can still be read whole.
const (
	boardHeadLines   = 2
	boardDetailLines = 4
	columnChrome     = 3 // header, rule, and the "↓ more" line
)

// boardLayout is how the columns share a board of w×h: side by side,
// stacked, or, when even stacked they would not fit, only the column in
// focus, so the selection is never off screen.
type boardLayout struct {
	stacked, focusOnly, detail bool
	rows                       int // item rows each shown column has
}

func layoutBoard(w, h int) boardLayout {
	l := boardLayout{stacked: stacked(w), detail: h >= 16}
	body := h - boardHeadLines
	if l.detail {
		body -= boardDetailLines
	}
	switch {
	case !l.stacked:
		l.rows = body - columnChrome
	case body/columnCount-columnChrome >= 2:
		l.rows = body/columnCount - columnChrome
	default:
		l.focusOnly, l.rows = true, body-columnChrome
	}
	l.rows = max(1, l.rows)
	return l
}

// rowsVisible is how many item rows a column shows in a board of w×h.
func rowsVisible(w, h int) int { return layoutBoard(w, h).rows }

func (b boardPage) draw(s *model.Session, w, h int) string {
	head := b.styles.StopName.Render("BOARD")
	var notes []string
	if b.filter != "" {
		name := b.filter
		if i := s.StopIndex(b.filter); i >= 0 {
			name = s.Stops[i].Name
		}
		notes = append(notes, "only "+name+" (f: next stop)")
	}
	if b.query != "" {
		notes = append(notes, "matching “"+b.query+"” (/ to change)")
	}
	l := layoutBoard(w, h)
	if l.focusOnly {
		notes = append(notes, "one column at a time: ←/→ for the others")
	}
	if len(notes) > 0 {
		head += "  " + b.styles.Accent.Render(strings.Join(notes, " · "))
	}
	head, under := b.withRoomTime(head, "", s, w)
	lines := []string{head, under}
	switch {
	case l.focusOnly:
		lines = append(lines, b.column(s, b.col, w, l.rows)...)
	case l.stacked:
		for col := 0; col < columnCount; col++ {
			lines = append(lines, b.column(s, col, w, l.rows)...)
		}
	default:
		// Commitments carry an owner and a date besides their words: their
		// column gets the larger share.
		inner := w - 2*(columnCount-1)
		widths := [columnCount]int{inner * 3 / 10, inner * 3 / 10}
		widths[colCommitments] = inner - widths[0] - widths[1]
		cols := make([]string, columnCount)
		for col := range cols {
			cols[col] = b.styles.Text.Width(widths[col]).Render(strings.Join(b.column(s, col, widths[col], l.rows), "\n"))
		}
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, cols[0], "  ", cols[1], "  ", cols[2]))
	}
	if l.detail {
		body := fit(strings.Join(lines, "\n"), w, h-boardDetailLines)
		if n := lipgloss.Height(body); n < h-boardDetailLines {
			body += strings.Repeat("\n", h-boardDetailLines-n)
		}
		return body + "\n\n" + strings.Join(b.detail(s, w), "\n")
	}
	return fit(strings.Join(lines, "\n"), w, h)
}

var columnTitles = [columnCount]string{"AGREEMENTS", "TENSIONS", "COMMITMENTS"}

// column draws one column: its header with the count, then the rows in
// view, then how many more are below. Only the rows in view are drawn, and
// the column is always rows+columnChrome lines.
func (b boardPage) column(s *model.Session, col, w, visible int) []string {
	n := len(b.rows[col])
	title := columnTitles[col] + " (" + strconv.Itoa(n) + ")"
	style := b.styles.Title
	if col == b.col {
		title = "▶ " + title
		style = b.styles.Accent
	}
	out := []string{style.Render(fit(title, w, 1)), b.styles.Muted.Render(strings.Repeat("─", max(0, w)))}
	if n == 0 {
		empty := emptyColumn[col]
		if b.filter != "" || b.query != "" {
			empty = "  nothing here with this filter"
		}
		out = append(out, b.styles.Muted.Render(fit(empty, w, 1)))
	}
	// The selected row is always in view, whatever shrank the column since
	// the selection last moved (a resize, a question, a filter).
	top := min(b.top[col], max(0, n-visible))
	if sel := b.sel[col]; n > 0 {
		top = max(min(top, sel), sel-visible+1)
	}
	for r := top; r < n && r < top+visible; r++ {
		line := b.row(s, col, b.rows[col][r], w-2)
		if col == b.col && r == b.sel[col] {
			out = append(out, b.styles.Selected.Render(fit("› "+line, w, 1)))
		} else {
			out = append(out, fit("  "+line, w, 1))
		}
	}
	for len(out) < visible+columnChrome-1 {
		out = append(out, "")
	}
	more := ""
	if below := n - (top + visible); below > 0 {
		more = b.styles.Muted.Render(fit("  ↓ "+strconv.Itoa(below)+" more", w, 1))
	}
	return append(out[:visible+columnChrome-1], more)
}

// detail is the selected item in full: its words on up to two lines, then
// its facts, among them the session a carried item came from.
func (b boardPage) detail(s *model.Session, w int) []string {
	out := []string{"", "", ""}
	rows := b.rows[b.col]
	if len(rows) == 0 {
		return out
	}
	i := b.rows[b.col][min(b.sel[b.col], len(rows)-1)]
	var it model.Item
	var facts []string
	carried := ""
	switch b.col {
	case colAgreements:
		a := s.Agreements[i]
		it, facts = a.Item, []string{"agreement"}
		if a.FromTension != "" {
			facts = append(facts, "was a tension")
		}
	case colTensions:
		t := s.Tensions[i]
		it, facts, carried = t.Item, []string{"tension", string(t.Status)}, t.CarriedFrom
		if k, j, ok := s.Find(t.ResolvedBy); ok && k == model.KindAgreement && t.Status == model.TensionResolved {
			facts[1] = "resolved by “" + present.Short(s.Agreements[j].Text, 40) + "”"
		}
	default:
		c := s.Commitments[i]
		it, facts, carried = c.Item, []string{"commitment", string(c.Status)}, c.CarriedFrom
		if c.Owner != "" {
			facts = append(facts, "owner "+c.Owner)
		} else {
			facts = append(facts, present.NeedsOwner)
		}
		if !c.Due.IsZero() {
			due := "due " + present.LongDate(c.Due, b.today)
			if c.Overdue(b.today) {
				due = "past due since " + present.LongDate(c.Due, b.today)
			}
			facts = append(facts, due)
		}
	}
	if carried != "" {
		name := "session " + carried
		if n, ok := b.sources[carried]; ok {
			name = n
		}
		facts = append(facts, "carried from "+name)
	}
	if st := s.StopIndex(it.Stop); st >= 0 {
		facts = append(facts, "raised at "+s.Stops[st].Name)
	}
	words := wrap(oneLine(it.Text), w-2)
	if len(words) > 2 {
		words = []string{words[0], fit(words[1]+" "+words[2], w-2, 1)}
	}
	out = out[:0]
	for j, line := range words {
		lead := "› "
		if j > 0 {
			lead = "  "
		}
		out = append(out, b.styles.Text.Render(fit(lead+line, w, 1)))
	}
	out = append(out, b.styles.Muted.Render(fit("  "+strings.Join(facts, " · "), w, 1)))
	for len(out) < boardDetailLines-1 {
		out = append(out, "")
	}
	return out
}

var emptyColumn = [columnCount]string{
	"  nothing agreed yet · a adds",
	"  no tensions named · t adds",
	"  no commitments · c adds",
}

// row is one item in words, with symbols that do not rely on colour.
func (b boardPage) row(s *model.Session, col, i, w int) string {
	switch col {
	case colAgreements:
		a := s.Agreements[i]
		text := "✔ " + oneLine(a.Text)
		if a.FromTension != "" {
			text += b.styles.Muted.Render(" (was a tension)")
		}
		return text
	case colTensions:
		t := s.Tensions[i]
		carried := ""
		if t.CarriedFrom != "" {
			carried = " — carried"
		}
		mark := tensionMark(t.Status, " · ")
		text := oneLine(t.Text)
		if room := w - lipgloss.Width(mark) - lipgloss.Width(carried); lipgloss.Width(text) > room {
			text = fit(text, max(1, room), 1) // the words are cut, not "carried"
		}
		if t.Status != model.TensionOpen {
			return b.styles.Muted.Render(mark + text + carried)
		}
		return mark + text + carried
	}
	c := s.Commitments[i]
	mark := "☐ "
	switch c.Status {
	case model.CommitmentDone:
		mark = "☑ done · "
	case model.CommitmentDropped:
		mark = "✗ dropped · "
	}
	text, tail := rowWords(oneLine(c.Text), commitmentFacts(c, b.today), w-lipgloss.Width(mark))
	line := mark + text + tail
	if c.Overdue(b.today) {
		return b.styles.PastDue.Render(line)
	}
	if c.Status != model.CommitmentOpen {
		return b.styles.Muted.Render(line)
	}
	return line
}

// commitmentFacts are a commitment's facts for its row, from the fullest
// to the shortest way of saying them: who, by when (or past due), carried.
func commitmentFacts(c model.Commitment, today model.Date) [][]string {
	owner := present.NeedsOwner
	switch {
	case c.Owner != "":
		owner = "@" + c.Owner
	case c.Status != model.CommitmentOpen:
		owner = ""
	}
	due, shortDue := present.DueFact(c, today), ""
	if !c.Due.IsZero() {
		shortDue = present.Date(c.Due, today)
		if c.Overdue(today) {
			shortDue = "past due"
		}
	}
	carried := ""
	if c.CarriedFrom != "" {
		carried = "carried"
	}
	keep := func(parts ...string) []string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return [][]string{
		keep(owner, due, carried),
		keep(owner, shortDue, carried),
		keep(present.Short(owner, 10), shortDue, carried),
		keep(present.Short(owner, 10), shortDue),
	}
}

// rowWords fits an item's words and its facts into w columns. The words
// get their share first (two fifths of the row, or all of them if
// shorter): the facts are said more briefly before the words are cut
// further, and only then are the facts cut too.
func rowWords(words string, facts [][]string, w int) (text, tail string) {
	share := min(lipgloss.Width(words), max(10, w*2/5))
	for _, f := range facts {
		if len(f) == 0 {
			tail = ""
		} else {
			tail = " — " + strings.Join(f, " · ")
		}
		if w-lipgloss.Width(tail) >= share {
			break
		}
	}
	room := w - lipgloss.Width(tail)
	if room < share { // even the shortest facts leave too little: cut them
		tail = fit(tail, max(0, w-share), 1)
		room = w - lipgloss.Width(tail)
	}
	if lipgloss.Width(words) > room {
		words = fit(words, max(1, room), 1)
	}
	return words, tail
}

// tensionMark goes before a tension's words and says its state, by
// symbol and word, the word followed by sep: "◆ " while it is open,
// "✓ resolved: ", "✗ dropped: ".
func tensionMark(status model.TensionStatus, sep string) string {
	switch status {
	case model.TensionResolved:
		return "✓ resolved" + sep
	case model.TensionDropped:
		return "✗ dropped" + sep
	}
	return "◆ "
}

func oneLine(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\n", " ⏎ "), "\t", " ")
}

// boardTally is what the board strip counts, worked out once per session
// update so that drawing the stop view never scans the whole board.
type boardTally struct {
	openTensions, openCommitments int
	carried, carriedOpen          int
}

func tallyBoard(s *model.Session) boardTally {
	t := boardTally{openCommitments: s.OpenCommitments()}
	for _, tn := range s.Tensions {
		if tn.Status == model.TensionOpen {
			t.openTensions++
		}
	}
	t.carried, t.carriedOpen = s.Carried()
	return t
}

// boardStrip is the board in two lines for the stop view, so the room sees
// agreements accumulate without leaving the stop.
func (c *common) boardStrip(s *model.Session, t boardTally, w int) []string {
	counts := "Board: " + present.Plural(len(s.Agreements), "agreement") + " · " + present.Plural(t.openTensions, "open tension") +
		" · " + present.Plural(len(s.Commitments), "commitment") + " (" + strconv.Itoa(t.openCommitments) + " open) · b to open"
	var latest []string
	if n := len(s.Agreements); n > 0 {
		latest = append(latest, "✔ "+oneLine(s.Agreements[n-1].Text))
	}
	if n := len(s.Tensions); n > 0 {
		t := s.Tensions[n-1]
		latest = append(latest, tensionMark(t.Status, ": ")+oneLine(t.Text))
	}
	if n := len(s.Commitments); n > 0 {
		cm := s.Commitments[n-1]
		text := "☐ " + oneLine(cm.Text)
		if cm.Owner != "" {
			text += " @" + cm.Owner
		}
		latest = append(latest, text)
	}
	out := []string{c.styles.Title.Render(fit(counts, w, 1))}
	if t.carriedOpen > 0 && s.Current == 0 {
		out = append(out, c.styles.Accent.Render(fit("Carried from last time: "+strconv.Itoa(t.carriedOpen)+" of "+strconv.Itoa(t.carried)+
			" still open · w walks through them: done, keep, drop or new owner", w, 1)))
	}
	if len(latest) > 0 {
		out = append(out, fit(strings.Join(latest, "   "), w, 1))
	}
	return out
}
