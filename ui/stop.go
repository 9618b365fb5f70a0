package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"pitstop/config"
	"pitstop/model"
	"pitstop/present"
)

// stopPage is the stop the room is at: its name, where the room is in the
// sequence, what the stop is about, the timer and the notes taken here. It
// owns the keys that run the room (the timer, the stops) and capture, and,
// in a closed session, looks back through the stops without changing them.
type stopPage struct {
	*common
	scroll int // notes scrolled back from the newest
	review int // the stop shown while a closed session is looked back on
	drawn  *stopDrawn
}

// stopDrawn keeps what the stop page has drawn that does not change from
// frame to frame: each note's lines at a width, and each stop's text. A
// frame then only lays out what is on screen. Copies of the page share it.
type stopDrawn struct {
	notes map[noteKey][]string
	texts map[textKey]stopText
}

// noteKey is what a note's drawn lines depend on: a note's words change
// only with its edit time.
type noteKey struct {
	id              string
	created, edited int64
	w               int
}

type textKey struct {
	stop string
	w    int
	hint bool
}

// stopText is a stop's description, prompts and hint, wrapped and styled.
type stopText struct{ desc, prompts, hint []string }

// maxDrawnNotes bounds the note cache: far more notes than a screen shows,
// and few enough that a long session's edits do not pile up.
const maxDrawnNotes = 4096

func (d *stopDrawn) note(n model.Note, w int, draw func() []string) []string {
	if d == nil {
		return draw()
	}
	k := noteKey{id: n.ID, created: n.Created.UnixNano(), edited: n.Edited.UnixNano(), w: w}
	if lines, ok := d.notes[k]; ok {
		return lines
	}
	if d.notes == nil || len(d.notes) >= maxDrawnNotes {
		d.notes = map[noteKey][]string{}
	}
	lines := draw()
	d.notes[k] = lines
	return lines
}

// noteIndex lists, per stop key, the positions of its notes in
// Session.Notes. It is built once per session update so that drawing a
// frame only touches the notes on screen.
type noteIndex map[string][]int

func indexNotes(s *model.Session) noteIndex {
	ix := noteIndex{}
	for i, n := range s.Notes {
		ix[n.Stop] = append(ix[n.Stop], i)
	}
	return ix
}

func (v *stopPage) scrollBy(n, total int) {
	v.scroll = max(0, min(v.scroll+n, total-1))
}

// shown is the stop on screen: where the room is, or, in a closed session,
// the one being looked back on.
func (v stopPage) shown(s *model.Session) int {
	if s.IsClosed() {
		return min(v.review, len(s.Stops)-1)
	}
	return s.Current
}

// update answers a key at the stop.
func (v stopPage) update(msg tea.KeyMsg, s *model.Session, notes noteIndex) (stopPage, []effect) {
	k := v.keys
	if s.IsClosed() {
		return v.reviewKey(msg, s, notes)
	}
	if e, ok := captureKey(v.common, msg, s); ok {
		return v, []effect{e}
	}
	switch {
	case key.Matches(msg, k.Walk):
		return v, []effect{startWalk{}}
	case key.Matches(msg, k.ToggleTimer):
		return v, []effect{send{model.ToggleTimer{}}}
	case key.Matches(msg, k.AddMinute):
		return v, []effect{send{model.ExtendTimer{By: 60e9}}}
	case key.Matches(msg, k.LessMinute):
		return v, []effect{send{model.ExtendTimer{By: -60e9}}}
	case key.Matches(msg, k.ResetTimer):
		name := s.Stops[s.Current].Name
		return v, []effect{ask{yesNo("Reset the timer of "+name+" to zero? The time spent there so far is forgotten.", send{model.ResetTimer{}})}}
	case key.Matches(msg, k.NextStop):
		if s.Current == len(s.Stops)-1 {
			return v, []effect{ask{yesNo("That was the last stop. Close the session and show the summary?", send{model.CloseSession{}})}}
		}
		return v, []effect{send{model.NextStop{}}}
	case key.Matches(msg, k.PrevStop):
		return v, []effect{send{model.PrevStop{}}}
	case key.Matches(msg, k.ScrollUp):
		v.scrollBy(1, len(notes[s.Stops[s.Current].Key]))
	case key.Matches(msg, k.ScrollDown):
		v.scrollBy(-1, len(notes[s.Stops[s.Current].Key]))
	}
	return v, nil
}

// reviewKey looks through a closed session without changing it.
func (v stopPage) reviewKey(msg tea.KeyMsg, s *model.Session, notes noteIndex) (stopPage, []effect) {
	k := v.keys
	switch {
	case key.Matches(msg, k.NextStop):
		v.review, v.scroll = min(v.review+1, len(s.Stops)-1), 0
	case key.Matches(msg, k.PrevStop):
		v.review, v.scroll = max(v.review-1, 0), 0
	case key.Matches(msg, k.ScrollUp):
		v.scrollBy(1, len(notes[s.Stops[v.shown(s)].Key]))
	case key.Matches(msg, k.ScrollDown):
		v.scrollBy(-1, len(notes[s.Stops[v.shown(s)].Key]))
	case key.Matches(msg, k.ToggleTimer, k.AddMinute, k.LessMinute, k.ResetTimer, k.Note, k.Agreement, k.Tension, k.Commitment, k.Walk):
		return v, []effect{ask{reopenQuestion()}}
	}
	return v, nil
}

// captureKey opens the box for a new note or board item at the current
// stop: the same keys on the stop page and on the board.
func captureKey(c *common, msg tea.KeyMsg, s *model.Session) (effect, bool) {
	k := c.keys
	name := s.Stops[s.Current].Name
	switch {
	case key.Matches(msg, k.Note):
		return openEntry{kind: entryNote, title: "New note at " + name}, true
	case key.Matches(msg, k.Agreement):
		return openEntry{kind: entryAgreement, title: "New agreement (at " + name + ")"}, true
	case key.Matches(msg, k.Tension):
		return openEntry{kind: entryTension, title: "New tension (at " + name + ")"}, true
	case key.Matches(msg, k.Commitment):
		return openEntry{kind: entryCommitment, title: "New commitment (at " + name + "): what, @who, due:when"}, true
	}
	return nil, false
}

// ShortHelp is the stop page's keys, for the help line.
func (v stopPage) ShortHelp() []key.Binding {
	k := v.keys
	return []key.Binding{k.ToggleTimer, k.AddMinute, k.LessMinute, k.NextStop, k.PrevStop, k.Note, k.Agreement, k.Tension, k.Commitment, k.Board, k.Help, k.Quit}
}

// FullHelp is every key of the stop page, grouped.
func (v stopPage) FullHelp() [][]key.Binding {
	k := v.keys
	return [][]key.Binding{
		{k.ToggleTimer, k.AddMinute, k.LessMinute, k.ResetTimer},
		{k.NextStop, k.PrevStop, k.Note, k.ScrollUp, k.ScrollDown},
		{k.Agreement, k.Tension, k.Commitment, k.Board, k.Walk, k.Export, k.Help, k.Quit},
	}
}

// view draws the stop view into w×h. When space is short the facilitator's
// hint goes first, then the prompts, then the description, so that the
// name, the timer and the latest notes always stay in view.
func (v stopPage) view(s *model.Session, shown int, notes noteIndex, tally boardTally, w, h int) string {
	now := v.now()
	st := s.Stops[shown]
	info := v.stopInfo(st.Key)
	timer := present.TimerOf(st, now)
	notesAt := notes[st.Key]

	roomy := h >= 16 // a small window keeps only what the room must see
	top := []string{
		v.styles.StopNumber.Render(stopNumber(s, shown)),
		v.styles.StopName.Render(stopTitle(st.Name, w)),
	}
	if roomy {
		top = append(top, v.styles.StopName.Render(strings.Repeat("━", min(w, lipgloss.Width(stopTitle(st.Name, w))))))
	}
	top = append(top, v.markers(s, shown, w))
	if roomy {
		top = append(top, "")
	}
	timerLines := v.timerView(timer, w, h, w >= 78 && roomy) // w and h: the box given, not the terminal
	if s.IsClosed() {                                        // looking back: say what happened, not what to press
		timerLines[len(timerLines)-1] = v.styles.Muted.Render("■ session closed · " + timer.Result())
	}
	if !roomy && len(timerLines) == 3 {
		timerLines = []string{timerLines[0] + "  " + timerLines[2]} // time and words on one line
	}
	timerW := lipgloss.Width(strings.Join(timerLines, "\n"))
	// Beside the timer when there is room for both, else below it.
	side := w-timerW-4 >= 40
	textW := w
	if side {
		textW = w - timerW - 4
	}
	stopText := v.stopText(info, textW)
	desc, prompts, hint := stopText.desc, stopText.prompts, stopText.hint
	var quiet string
	if len(notesAt) > 0 && !timer.Started {
		quiet = v.styles.Hint.Render("Notes are being taken but this stop's timer has not started: space starts it.")
	}

	// The notes want a few rows; what is left goes to the stop's text.
	notesWanted := 2 + min(len(notesAt), 4)
	about := func(parts ...[]string) []string {
		var out []string
		for _, p := range parts {
			if len(p) == 0 {
				continue
			}
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, p...)
		}
		return out
	}
	middleHeight := func(text []string) int {
		if side {
			return max(len(text), len(timerLines))
		}
		n := len(timerLines)
		if len(text) > 0 {
			n += 1 + len(text)
		}
		return n
	}
	fixed := len(top) + 1 + boolInt(quiet != "") + notesWanted
	text := about(desc, prompts, hint)
	for _, candidate := range [][]string{about(desc, prompts), desc, nil} {
		if fixed+middleHeight(text) <= h {
			break
		}
		text = candidate
	}

	lines := top
	if side {
		lines = append(lines, besides(text, textW, timerLines)...)
	} else {
		lines = append(lines, timerLines...)
		if len(text) > 0 {
			lines = append(lines, "")
			lines = append(lines, text...)
		}
	}
	lines = append(lines, "")
	if quiet != "" {
		lines = append(lines, quiet)
	}
	if len(s.Agreements)+len(s.Tensions)+len(s.Commitments) > 0 {
		if strip := v.boardStrip(s, tally, w); h-len(lines) >= len(strip)+4 {
			lines = append(lines, strip...)
			lines = append(lines, "")
		}
	}
	lines = append(lines, v.styles.Title.Render("Notes at this stop ("+strconv.Itoa(len(notesAt))+")"))
	lines = append(lines, v.notesView(s, notesAt, w, h-len(lines))...)
	return fit(strings.Join(lines, "\n"), w, h)
}

// stopText is the stop's text wrapped to w and styled, kept between frames.
// Each part is styled on its own, so dropping one for room keeps the
// others' styles.
func (v stopPage) stopText(info config.Stop, w int) stopText {
	hint := info.Hint != "" && v.actor.Role == model.RoleFacilitator
	k := textKey{stop: info.Key, w: w, hint: hint}
	if v.drawn != nil {
		if t, ok := v.drawn.texts[k]; ok {
			return t
		}
	}
	styled := func(st lipgloss.Style, lines []string) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = st.Render(l)
		}
		return out
	}
	var t stopText
	if info.Description != "" {
		t.desc = styled(v.styles.Text, wrap(info.Description, w))
	}
	var prompts []string
	for _, p := range info.Prompts {
		for i, l := range wrap(p, w-2) {
			lead := "• "
			if i > 0 {
				lead = "  "
			}
			prompts = append(prompts, lead+l)
		}
	}
	t.prompts = styled(v.styles.Prompt, prompts)
	if hint {
		t.hint = styled(v.styles.Hint, wrap("Facilitator: "+info.Hint, w))
	}
	if v.drawn != nil {
		if v.drawn.texts == nil {
			v.drawn.texts = map[textKey]stopText{}
		}
		v.drawn.texts[k] = t
	}
	return t
}

// besides lays the stop's text (wrapped to textW) and the timer side by
// side, four columns apart, each block padded to its width, as
// lipgloss.JoinHorizontal would but without measuring the text again.
func besides(text []string, textW int, timer []string) []string {
	timerW := 0
	widths := make([]int, len(timer))
	for i, l := range timer {
		widths[i] = ansi.StringWidth(l)
		timerW = max(timerW, widths[i])
	}
	rows := max(len(text), len(timer))
	out := make([]string, rows)
	var b strings.Builder
	for r := 0; r < rows; r++ {
		b.Reset()
		left := ""
		if r < len(text) {
			left = text[r]
		}
		b.WriteString(left)
		b.WriteString(strings.Repeat(" ", max(0, textW-ansi.StringWidth(left))+4))
		if r < len(timer) {
			b.WriteString(timer[r])
			b.WriteString(strings.Repeat(" ", timerW-widths[r]))
		} else {
			b.WriteString(strings.Repeat(" ", timerW))
		}
		out[r] = b.String()
	}
	return out
}

// stopTitle is the stop's name as the room reads it: in capitals, and
// spaced out on a wide screen so it carries to the back of the room.
func stopTitle(name string, w int) string {
	name = strings.ToUpper(name)
	if spaced := strings.Join(strings.Split(name, ""), " "); w >= 120 && lipgloss.Width(spaced) <= w/2 {
		return spaced
	}
	return name
}

func stopNumber(s *model.Session, shown int) string {
	n := "STOP " + strconv.Itoa(shown+1) + " OF " + strconv.Itoa(len(s.Stops))
	if s.IsClosed() {
		n += " · SESSION CLOSED, FOR REVIEW · [ ] to look through the stops"
	}
	return n
}

// markers shows the seven stops in a row: done, here, ahead, told apart by
// symbol and words as well as colour.
func (v stopPage) markers(s *model.Session, shown int, w int) string {
	full := make([]string, len(s.Stops))
	short := make([]string, len(s.Stops))
	for i, st := range s.Stops {
		n := strconv.Itoa(i + 1)
		switch {
		case i < shown:
			full[i] = v.styles.MarkerDone.Render("✓ " + st.Name)
			short[i] = v.styles.MarkerDone.Render(n + "✓")
		case i == shown:
			full[i] = v.styles.MarkerCurrent.Render("▶ " + st.Name)
			short[i] = v.styles.MarkerCurrent.Render("▶" + n + " " + st.Name)
		default:
			full[i] = v.styles.MarkerAhead.Render("○ " + st.Name)
			short[i] = v.styles.MarkerAhead.Render(n + "○")
		}
	}
	if line := strings.Join(full, "  "); lipgloss.Width(line) <= w {
		return line
	}
	return strings.Join(short, " ") + v.styles.Muted.Render("   ✓ done ▶ here ○ ahead")
}

// notesView draws the newest notes that fit in rows lines, scrolled back by
// v.scroll notes. Only the notes on screen are wrapped and styled.
func (v stopPage) notesView(s *model.Session, at []int, w, rows int) []string {
	if rows <= 0 {
		return nil
	}
	if len(at) == 0 {
		if s.IsClosed() {
			return []string{v.styles.Muted.Render("No notes were taken at this stop.")}
		}
		return []string{v.styles.Muted.Render("No notes yet. Press n to write what the room says.")}
	}
	last := len(at) - 1 - min(v.scroll, len(at)-1)
	room := rows - boolInt(v.scroll > 0) // a line for "newer" below
	out, older := v.fillNotes(s, at, last, w, room)
	if older > 0 && rows >= 3 {
		// Make room for the line that says how many are above.
		out, older = v.fillNotes(s, at, last, w, room-1)
		out = append([]string{v.styles.Muted.Render("↑ " + strconv.Itoa(older) + " older · k/↑ to scroll")}, out...)
	}
	if v.scroll > 0 {
		out = append(out, v.styles.Muted.Render("↓ "+strconv.Itoa(v.scroll)+" newer · j/↓"))
	}
	return out
}

// fillNotes draws notes from at[last] backwards until room lines are
// full, and says how many older notes did not fit.
func (v stopPage) fillNotes(s *model.Session, at []int, last, w, room int) (out []string, older int) {
	i := last
	for ; i >= 0 && room > 0; i-- {
		n := s.Notes[at[i]]
		block := v.drawn.note(n, w, func() []string { return v.noteLines(n, w) })
		if len(block) > room {
			if len(out) > 0 {
				break
			}
			block = block[len(block)-room:] // one long note: show its end
		}
		out = append(block, out...)
		room -= len(block)
	}
	return out, i + 1
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// noteLines draws one note: time and who typed it, then the text.
func (v stopPage) noteLines(n model.Note, w int) []string {
	meta := n.Created.Format("15:04")
	if by := (model.Actor{Role: model.Role(n.Role), Name: n.Author}); n.Role != "" || n.Author != "" {
		meta += " " + by.Label()
	}
	if n.Said != "" {
		meta += " · said by " + n.Said
	}
	lead := v.styles.NoteMeta.Render(meta + "  ")
	indent := lipgloss.Width(lead)
	if w-indent < 20 { // too narrow for two columns: text below the meta line
		out := []string{v.styles.NoteMeta.Render(meta)}
		for _, l := range wrap(n.Text, w-2) {
			out = append(out, "  "+v.styles.NoteText.Render(l))
		}
		return out
	}
	var out []string
	for i, l := range wrap(n.Text, w-indent) {
		if i == 0 {
			out = append(out, lead+v.styles.NoteText.Render(l))
		} else {
			out = append(out, strings.Repeat(" ", indent)+v.styles.NoteText.Render(l))
		}
	}
	return out
}
