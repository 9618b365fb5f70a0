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

	"pitstop/actions"
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
	waiting   bool // notes from the room wait, and this person may let them through
	hideHint  bool // the facilitator has put the hint away (i)
	at        int  // the stop the room was at, at the last update
	drawn     *stopDrawn
}

func newStopPage(c *common, opts Options) stopPage {
	return stopPage{common: c, drawn: &stopDrawn{}, hideHint: !opts.Workshop.Display.Hint}
}

func (v stopPage) id() pageID { return stopScreen }

// keyPage: a closed session's stops are looked back on, with keys of
// their own.
func (v stopPage) keyPage() actions.Page {
	if v.closed {
		return actions.LookingBack
	}
	return actions.AtStop
}

// refresh takes in the session: a stop the room has just come to shows
// its newest notes; a session just closed is looked back on from where
// it ended.
func (v stopPage) refresh(sv *sessionView, front bool) page {
	s := sv.session
	if s.Current != v.at {
		v.scroll, v.at = 0, s.Current
	}
	if s.IsClosed() && !v.closed {
		v.review = s.Current
	}
	v.closed = s.IsClosed()
	v.checkHere = v.stopInfo(s.CurrentStop().Key).Check && len(v.workshop.Outcomes) > 0
	v.waiting = v.waitingFor(s) > 0
	return v
}

// scrollToNewestMsg: a note was saved; the newest notes come into view.
type scrollToNewestMsg struct{}

func (v stopPage) handle(msg any, sv *sessionView) (page, []effect) {
	switch msg := msg.(type) {
	case scrollToNewestMsg:
		v.scroll = 0
	case focusMsg:
		// The note picked, at its stop: looked back on in a closed session.
		s := sv.session
		kind, i, ok := s.Find(msg.id)
		if !ok || kind != model.KindNote {
			return v, nil
		}
		stop := s.StopIndex(s.Notes[i].Stop)
		if s.IsClosed() && stop >= 0 {
			v.review = stop
		}
		at := sv.notes[s.Notes[i].Stop]
		for n, j := range at {
			if j == i {
				v.selecting, v.scroll = true, len(at)-1-n
			}
		}
	}
	return v, nil
}

// stopKey is what the stop page's drawing depends on besides the session.
type stopKey struct {
	shown, scroll       int
	selecting, hideHint bool
}

func (v stopPage) drawKey() any {
	return stopKey{shown: v.review, scroll: v.scroll, selecting: v.selecting, hideHint: v.hideHint}
}

// typed opens a note holding what was typed.
func (v stopPage) typed(text string, sv *sessionView) []effect { return typedNote(v.common, sv, text) }

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

// key answers a key at the stop.
func (v stopPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	s := sv.session
	if s.IsClosed() {
		return v.reviewKey(msg, sv)
	}
	km := v.keys
	at := sv.notes[s.Stops[s.Current].Key]
	if n, ok := v.selectedNote(s, at); ok {
		ctx := v.context(sv)
		ctx.Entry = n.ID
		switch {
		case km.Is(msg, actions.AtStop, actions.Edit):
			return v, act(v.common, actions.All.Get(actions.Edit), ctx)
		case km.Is(msg, actions.AtStop, actions.Delete):
			v.selecting = false
			return v, act(v.common, actions.All.Get(actions.Delete), ctx)
		case km.Is(msg, actions.AtStop, actions.Unpick):
			v.selecting, v.scroll = false, 0
			return v, nil
		}
	}
	a, k, ok := km.Action(msg, actions.AtStop)
	if !ok {
		return v, nil
	}
	switch a.ID {
	case actions.Walk:
		return v, permitted(v.common, a, startWalk{})
	case actions.Presenter:
		return v, []effect{show{presenterScreen}}
	case actions.Check:
		return v, []effect{openCheck{}}
	case actions.FromRoom:
		return v, permitted(v.common, a, show{roomScreen})
	case actions.GoAround:
		// Opening it starts the clock of its first turn.
		return v, permitted(v.common, a, show{goAroundScreen}, send{model.StartGoAround{}})
	case actions.Team:
		return v, permitted(v.common, a, show{teamScreen})
	case actions.Hint:
		if err := a.Permitted(v.actor.Role); err != nil {
			return v, []effect{say{flash: errText(err)}}
		}
		v.hideHint = !v.hideHint
		return v, nil
	case actions.Notes:
		// The first press picks the newest note; then older ones.
		if !v.selecting && len(at) > 0 {
			v.selecting, v.scroll = true, 0
		} else {
			v.scrollBy(1, len(at))
		}
		return v, nil
	case actions.Newer:
		if v.selecting && v.scroll == 0 {
			v.selecting = false
		} else {
			v.scrollBy(-1, len(at))
		}
		return v, nil
	case actions.Edit, actions.Delete, actions.Unpick:
		return v, nil // nothing is picked
	}
	ctx := v.context(sv)
	ctx.Word, ctx.Arg = "", argOf(k, msg)
	return v, act(v.common, a, ctx)
}

// selectedNote is the note picked with ↑/↓, if any.
func (v stopPage) selectedNote(s *model.Session, at []int) (model.Note, bool) {
	if !v.selecting || len(at) == 0 {
		return model.Note{}, false
	}
	return s.Notes[at[len(at)-1-min(v.scroll, len(at)-1)]], true
}

// reviewKey looks through a closed session without changing it; a key
// that would change it asks to reopen it first.
func (v stopPage) reviewKey(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	s := sv.session
	km := v.keys
	notesHere := len(sv.notes[s.Stops[v.shown(s)].Key])
	switch {
	case km.Is(msg, actions.LookingBack, actions.Review):
		switch msg.String() {
		case "]":
			v.review = min(v.review+1, len(s.Stops)-1)
		case "[":
			v.review = max(v.review-1, 0)
		default:
			if i := int(msg.Runes[0] - '1'); i < len(s.Stops) {
				v.review = i
			}
		}
		v.scroll = 0
		return v, nil
	case km.Is(msg, actions.LookingBack, actions.Notes):
		v.scrollBy(1, notesHere)
		return v, nil
	case km.Is(msg, actions.LookingBack, actions.Newer):
		v.scrollBy(-1, notesHere)
		return v, nil
	}
	// A key that changes something at an open stop asks to reopen here.
	if a, _, ok := km.Action(msg, actions.AtStop); ok && a.Build != nil {
		return v, act(v.common, a, v.context(sv))
	}
	return v, nil
}

// ShortHelp is the stop page's keys, for the help line. Looking back on a
// closed session, no key that would change it is offered.
func (v stopPage) ShortHelp() []key.Binding {
	km := v.keys
	if v.closed {
		return append(km.Bindings(actions.LookingBack, actions.Review), km.Named(actions.LookingBack, actions.Notes, actions.Older),
			km.On(actions.LookingBack, actions.Board), km.On(actions.LookingBack, actions.Minutes), km.On(actions.LookingBack, actions.Help), km.On(actions.LookingBack, actions.Quit))
	}
	if v.selecting {
		return append(km.Bindings(actions.AtStop, actions.Edit, actions.Delete, actions.Undo), km.Named(actions.AtStop, actions.Notes, actions.Older),
			km.On(actions.AtStop, actions.Newer), km.On(actions.AtStop, actions.Unpick), km.On(actions.AtStop, actions.Help), km.On(actions.AtStop, actions.Quit))
	}
	var ids []actions.ID
	if v.waiting {
		ids = append(ids, actions.FromRoom)
	}
	if v.checkHere {
		ids = append(ids, actions.Check)
	}
	if v.actor.Role == model.RoleNotes { // the facilitator runs the timer and the stops
		ids = append(ids, actions.Note, actions.Agreement, actions.Tension, actions.Commitment, actions.Notes, actions.Undo, actions.Board)
	} else {
		ids = append(ids, actions.Timer, actions.Plan, actions.Next, actions.Back, actions.Note, actions.Agreement, actions.Tension, actions.Commitment, actions.Presenter, actions.Board)
	}
	keys := km.Bindings(actions.AtStop, ids...)
	if i := slices.Index(ids, actions.Plan); i >= 0 {
		// + and - are one action with a help each.
		keys = slices.Insert(keys, i+1, km.Named(actions.AtStop, actions.Plan, "less"))
	}
	return append(keys, km.On(actions.AtStop, actions.Help), km.On(actions.AtStop, actions.Quit))
}

// FullHelp is every key of the stop page, grouped.
func (v stopPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{v.keys.All(actions.AtStop)}
}

// view draws the stop shown.
func (v stopPage) view(sv *sessionView, w, h int) string {
	return v.draw(sv.session, v.shown(sv.session), sv.notes, sv.tally, w, h)
}

// draw draws the stop view into w×h. When space is short the facilitator's
// hint goes first, then the prompts, then the description, so that the
// name, the timer and the latest notes always stay in view.
func (v stopPage) draw(s *model.Session, shown int, notes noteIndex, tally boardTally, w, h int) string {
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
	// What the team keeps, at its stops, before the hint and the prompts:
	// the room comes back to its norms there.
	kept := v.keptLines(s, st.Key, w)
	fixed := len(top) + 1 + boolInt(quiet != "") + notesWanted
	if len(kept) > 0 {
		fixed += len(kept) + 1
	}
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
	if len(kept) > 0 && h-len(lines) >= len(kept)+3 {
		lines = append(lines, kept...)
		lines = append(lines, "")
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

// keptNorms is how many standing norms a stop shows; T shows them all.
const keptNorms = 3

// normsAt are the team's standing norms shown at stop, on the stop page
// and the presenter alike: none but at the stops the workshop shows them
// at, and there at most keptNorms; more is how many others stand.
func (c *common) normsAt(s *model.Session, stop string) (shown []model.Norm, more int) {
	if !slices.Contains(c.workshop.Team.NormStops, stop) {
		return nil, 0
	}
	norms := s.StandingNorms()
	if len(norms) > keptNorms {
		return norms[:keptNorms], len(norms) - keptNorms
	}
	return norms, 0
}

// keptLines are what the team keeps, at the stops the workshop names: its
// standing norms, and at the stop for them, what it means by its
// concepts.
func (v stopPage) keptLines(s *model.Session, stop string, w int) []string {
	st := v.styles
	var out []string
	if norms, more := v.normsAt(s, stop); len(norms) > 0 {
		out = append(out, st.Title.Render(fit("The team's norms (T)", w, 1)))
		for _, n := range norms {
			out = append(out, st.Text.Render(fit("• "+oneLine(n.Text()), w, 1)))
		}
		if more > 0 {
			out = append(out, st.Muted.Render(fit("  and "+strconv.Itoa(more)+" more: T shows them all", w, 1)))
		}
	}
	if stop == v.workshop.Team.DefinitionStop && len(v.workshop.Team.Concepts) > 0 {
		out = append(out, st.Title.Render(fit("What we mean by (T, then d)", w, 1)))
		for _, c := range v.workshop.Team.Concepts {
			if d, ok := s.DefinitionOf(c); ok {
				out = append(out, st.Text.Render(fit("• "+d.Concept+": "+oneLine(d.Text()), w, 1)))
			} else {
				out = append(out, st.Muted.Render(fit("• "+c+": not written yet", w, 1)))
			}
		}
	}
	return out
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
	if older > 0 && rows >= 2 { // with room for one note and the line that says more are above
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
	meta := n.Created.Format("15:04") + present.NoteBy(n)
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
