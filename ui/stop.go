package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

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
	scroll    int  // notes scrolled back from the newest
	selecting bool // a note is selected: the one scroll notes back from the newest
	review    int  // the stop shown while a closed session is looked back on
	closed    bool // the session is closed: the keys look back, they change nothing
	checkHere bool // the workshop suggests the partnership check at the current stop
	hideHint  bool // the facilitator has put the hint away (i)
	drawn     *stopDrawn
}

// stopDrawn keeps what the stop page has drawn that does not change from
// frame to frame: each note's lines at a width, and each stop's text. A
// frame then only lays out what is on screen. Copies of the page share it.
type stopDrawn struct {
	notes map[noteKey][]string
	texts map[textKey]stopText
	// The last timer and stop markers drawn: a note arriving, the common
	// change, redraws neither.
	timerKey   timerKey
	timer      []string
	markersKey markersKey
	markers    string
}

// timerKey is everything the drawn timer depends on.
type timerKey struct {
	display, words string
	over, low, run bool
	elapsed        time.Duration // to the second: the bar's fill
	planned        time.Duration
	w, h           int
	big            bool
}

// markersKey is everything the stop markers depend on.
type markersKey struct {
	session string
	stops   int
	shown   int
	w       int
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
	at := notes[s.Stops[s.Current].Key]
	if n, ok := v.selectedNote(s, at); ok {
		switch {
		case key.Matches(msg, k.Edit):
			return v, []effect{openEntry{kind: entryEditText, title: "Edit the note of " + n.Created.Format("15:04"), value: n.Text, itemID: n.ID}}
		case key.Matches(msg, k.Delete):
			text := oneLine(n.Text)
			if len([]rune(text)) > 60 {
				text = string([]rune(text)[:59]) + "…"
			}
			v.selecting = false
			return v, []effect{ask{yesNo("Delete this note? (u undoes it)\n“"+text+"”", send{model.RemoveItem{ID: n.ID}})}}
		case key.Matches(msg, k.Cancel):
			v.selecting, v.scroll = false, 0
			return v, nil
		}
	}
	if e, ok := roomKey(k, msg, s); ok {
		return v, []effect{e}
	}
	switch {
	case key.Matches(msg, k.Undo):
		return v, []effect{send{model.UndoBoard{}}}
	case key.Matches(msg, k.Walk):
		return v, []effect{startWalk{}}
	case key.Matches(msg, k.Presenter):
		return v, []effect{show{presenterScreen}}
	case key.Matches(msg, k.Check):
		return v, []effect{openCheck{}}
	case key.Matches(msg, k.HideHint):
		v.hideHint = !v.hideHint
		return v, nil
	case key.Matches(msg, k.ScrollUp):
		// The first press picks the newest note; then older ones.
		if !v.selecting && len(at) > 0 {
			v.selecting, v.scroll = true, 0
		} else {
			v.scrollBy(1, len(at))
		}
	case key.Matches(msg, k.ScrollDown):
		if v.selecting && v.scroll == 0 {
			v.selecting = false
		} else {
			v.scrollBy(-1, len(at))
		}
	}
	return v, nil
}

// selectedNote is the note picked with ↑/↓, if any.
func (v stopPage) selectedNote(s *model.Session, at []int) (model.Note, bool) {
	if !v.selecting || len(at) == 0 {
		return model.Note{}, false
	}
	return s.Notes[at[len(at)-1-min(v.scroll, len(at)-1)]], true
}

// roomKey answers the keys that run the room, the same on the stop page
// and in the presenter view: the timer and the stops.
func roomKey(k KeyMap, msg tea.KeyMsg, s *model.Session) (effect, bool) {
	if i, ok := stopNumberKey(msg, len(s.Stops)); ok {
		return send{model.GoToStop{Key: s.Stops[i].Key}}, true
	}
	switch {
	case key.Matches(msg, k.ToggleTimer):
		return send{model.ToggleTimer{}}, true
	case key.Matches(msg, k.AddMinute):
		return send{model.ExtendTimer{By: time.Minute}}, true
	case key.Matches(msg, k.LessMinute):
		return send{model.ExtendTimer{By: -time.Minute}}, true
	case key.Matches(msg, k.ResetTimer):
		name := s.Stops[s.Current].Name
		return ask{yesNo("Reset the timer of "+name+" to zero? The time spent there so far is forgotten.", send{model.ResetTimer{}})}, true
	case key.Matches(msg, k.NextStop):
		if s.Current == len(s.Stops)-1 {
			return ask{yesNo("That was the last stop. Close the session and show the summary?", send{model.CloseSession{}})}, true
		}
		return send{model.NextStop{}}, true
	case key.Matches(msg, k.PrevStop):
		return send{model.PrevStop{}}, true
	}
	return nil, false
}

// stopNumberKey reads the number keys 1–9 as stops (0-based), when the
// session has that many.
func stopNumberKey(msg tea.KeyMsg, stops int) (int, bool) {
	if msg.Type != tea.KeyRunes || len(msg.Runes) != 1 {
		return 0, false
	}
	r := msg.Runes[0]
	if r < '1' || r > '9' || int(r-'1') >= stops {
		return 0, false
	}
	return int(r - '1'), true
}

// reviewKey looks through a closed session without changing it.
func (v stopPage) reviewKey(msg tea.KeyMsg, s *model.Session, notes noteIndex) (stopPage, []effect) {
	k := v.keys
	if i, ok := stopNumberKey(msg, len(s.Stops)); ok {
		v.review, v.scroll = i, 0
		return v, nil
	}
	switch {
	case key.Matches(msg, k.NextStop):
		v.review, v.scroll = min(v.review+1, len(s.Stops)-1), 0
	case key.Matches(msg, k.PrevStop):
		v.review, v.scroll = max(v.review-1, 0), 0
	case key.Matches(msg, k.ScrollUp):
		v.scrollBy(1, len(notes[s.Stops[v.shown(s)].Key]))
	case key.Matches(msg, k.ScrollDown):
		v.scrollBy(-1, len(notes[s.Stops[v.shown(s)].Key]))
	case key.Matches(msg, k.ToggleTimer, k.AddMinute, k.LessMinute, k.ResetTimer, k.Note, k.Agreement, k.Tension, k.Commitment, k.Walk, k.Undo, k.Edit, k.Delete):
		return v, []effect{ask{reopenQuestion()}}
	}
	return v, nil
}

// captureKey opens the box for a new note or board item at the current
// stop: the same keys on the stop page and on the board.
func captureKey(c *common, msg tea.KeyMsg, s *model.Session) (effect, bool) {
	k := c.keys
	name := s.Stops[s.Current].Name
	var open openEntry
	var kind model.CommandKind
	switch {
	case key.Matches(msg, k.Note):
		open, kind = openEntry{kind: entryNote, title: "New note at " + name}, model.KindAddNote
	case key.Matches(msg, k.Agreement):
		open, kind = openEntry{kind: entryAgreement, title: "New agreement (at " + name + ")"}, model.KindAddAgreement
	case key.Matches(msg, k.Tension):
		open, kind = openEntry{kind: entryTension, title: "New tension (at " + name + ")"}, model.KindAddTension
	case key.Matches(msg, k.Commitment):
		open, kind = openEntry{kind: entryCommitment, title: "New commitment (at " + name + "): what, @who, due:when"}, model.KindAddCommitment
	default:
		return nil, false
	}
	// Said before anything is typed, from the owner's own table: the owner
	// refuses it anyway, and nobody should type a sentence to hear that.
	if err := model.Permit(c.actor.Role, kind); err != nil {
		return say{flash: errText(err)}, true
	}
	return open, true
}

// ShortHelp is the stop page's keys, for the help line. Looking back on a
// closed session, no key that would change it is offered.
func (v stopPage) ShortHelp() []key.Binding {
	k := v.keys
	if v.closed {
		return []key.Binding{lookBack, k.ScrollUp, k.Board, k.Export, k.Help, k.Quit}
	}
	switch v.actor.Role {
	case model.RoleViewer: // following along: nothing here changes the session
		return []key.Binding{followOnly, k.Presenter, k.Board, k.Help, k.Quit}
	case model.RoleNotes: // the facilitator runs the timer and the stops
		if !v.selecting && v.checkHere {
			return []key.Binding{k.Check, k.Note, k.Agreement, k.Tension, k.Commitment, pickNote, k.Undo, k.Board, k.Help, k.Quit}
		}
		if !v.selecting {
			return []key.Binding{k.Note, k.Agreement, k.Tension, k.Commitment, pickNote, k.Undo, k.Board, k.Help, k.Quit}
		}
	}
	if v.selecting {
		return []key.Binding{editNote, deleteNote, k.Undo, k.ScrollUp, k.ScrollDown, unselectNote, k.Help, k.Quit}
	}
	keys := []key.Binding{k.ToggleTimer, k.AddMinute, k.LessMinute, k.NextStop, k.PrevStop, k.Note, k.Agreement, k.Tension, k.Commitment, k.Presenter, k.Board, k.Help, k.Quit}
	if v.checkHere {
		keys = append([]key.Binding{k.Check}, keys...)
	}
	return keys
}

// The stop page's own words for keys that mean something else elsewhere.
var (
	lookBack         = key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[ ]", "look through the stops"))
	editNote         = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit the note"))
	deleteNote       = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete it"))
	unselectNote     = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done"))
	followOnly       = key.NewBinding(key.WithKeys(""), key.WithHelp("you", "follow along"))
	presenterPrompts = key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "its prompts, in the presenter view"))
	goToStop         = key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1–9", "go to that stop"))
	pickNote         = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k ↓/j", "pick a note: enter edits, d deletes"))
)

// FullHelp is every key of the stop page, grouped.
func (v stopPage) FullHelp() [][]key.Binding {
	k := v.keys
	return [][]key.Binding{
		{k.ToggleTimer, k.AddMinute, k.LessMinute, k.ResetTimer},
		{k.NextStop, k.PrevStop, goToStop, k.Note, pickNote, k.Undo},
		{k.Agreement, k.Tension, k.Commitment, k.Walk, k.Presenter, presenterPrompts, k.HideHint, k.Check},
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
	top = append(top, v.stopMarkers(s, shown, w))
	if roomy {
		top = append(top, "")
	}
	timerLines := v.timer(timer, w, h, w >= 78 && roomy) // w and h: the box given, not the terminal
	if s.IsClosed() {                                    // looking back: say what happened, not what to press
		timerLines[len(timerLines)-1] = v.styles.Muted.Render("■ session closed · " + timer.Result())
	}
	if !roomy && len(timerLines) == 3 {
		// Time and words on one line; the time padded to its widest, so
		// that the words do not shift as it goes over.
		clockW := len(present.Timer{Planned: st.Planned, Remaining: -59*time.Minute - 59*time.Second, Started: true}.Display())
		shown := strings.TrimRight(timerLines[0], " ")
		timerLines = []string{shown + strings.Repeat(" ", max(0, clockW-cellWidth(shown))) + "  " + timerLines[2]}
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
	hint := info.Hint != "" && v.actor.Role == model.RoleFacilitator && !v.hideHint
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
	if info.Check && len(v.workshop.Outcomes) > 0 {
		// The workshop suggests the check here: said with the prompts,
		// which stay longest when the window is small.
		var suggest []string
		for i, l := range wrap("A good moment for the partnership check: press h.", w-2) {
			lead := "◇ "
			if i > 0 {
				lead = "  "
			}
			suggest = append(suggest, lead+l)
		}
		t.prompts = append(t.prompts, styled(v.styles.Accent, suggest)...)
	}
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
		widths[i] = cellWidth(l)
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
		b.WriteString(strings.Repeat(" ", max(0, textW-cellWidth(left))+4))
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
		n += " · CLOSED · looking back: [ and ] go through the stops, nothing changes"
	}
	return n
}

// markers shows the seven stops in a row: done, here, ahead, told apart by
// symbol and words as well as colour.
// timer is the timer drawn, from the last frame when nothing in it has
// changed; a copy, since the caller may change a line.
func (v stopPage) timer(t present.Timer, w, h int, big bool) []string {
	if v.drawn == nil {
		return v.timerView(t, w, h, big)
	}
	k := timerKey{
		display: t.Display(), words: t.Words(), over: t.Over(), low: t.Low(), run: t.Running,
		elapsed: t.Elapsed.Truncate(time.Second), planned: t.Planned, w: w, h: h, big: big,
	}
	if v.drawn.timer == nil || v.drawn.timerKey != k {
		v.drawn.timerKey, v.drawn.timer = k, v.timerView(t, w, h, big)
	}
	return slices.Clone(v.drawn.timer)
}

// stopMarkers is the line of stops, from the last frame when the same.
func (v stopPage) stopMarkers(s *model.Session, shown, w int) string {
	if v.drawn == nil {
		return v.markers(s, shown, w)
	}
	k := markersKey{session: s.ID, stops: len(s.Stops), shown: shown, w: w}
	if v.drawn.markers == "" || v.drawn.markersKey != k {
		v.drawn.markersKey, v.drawn.markers = k, v.markers(s, shown, w)
	}
	return v.drawn.markers
}

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
		if v.actor.Role == model.RoleViewer {
			return []string{v.styles.Muted.Render("No notes yet.")}
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
		if i == last && v.selecting {
			// Marked by "›" as well as shown reversed: without colour the
			// mark alone says which note is picked.
			lines := v.noteLines(n, w-2)
			block = make([]string, len(lines))
			for j, l := range lines {
				lead := "  "
				if j == 0 {
					lead = "› "
				}
				block[j] = v.styles.Selected.Render(lead + ansi.Strip(l))
			}
		}
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
