package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
	"pitstop/ui/bigfont"
)

// presenterPage is what the room sees on the projector: where the room is,
// the stop's name in large letters, the big timer, one prompt at a time
// and the latest agreements and commitments. Never the facilitator's hint,
// never the notes. Letters and digits are drawn at the largest size that
// fits the terminal.
type presenterPage struct {
	*common
	roomPage   string   // the participants' page's address, when it is served
	code       joinCode // roomPage as a code to scan
	joinShown  bool     // how to join from a phone is shown instead of the prompt and the board
	prompt     int      // the prompt shown, at promptStop
	promptStop string   // the stop the prompt was picked at; another starts at the first
	drawn      *presenterDrawn
}

// presenterDrawn keeps the large name between frames: it changes only with
// the stop and the size of the terminal.
type presenterDrawn struct {
	nameKey  presenterNameKey
	name     []string
	timerKey timerKey
	timer    []string
}

type presenterNameKey struct {
	name string
	size bigfont.Size
	w    int
}

// maxPresenterSize is the largest the letters get: beyond it a line of the
// name would be as tall as a third of a projector's rows.
const maxPresenterSize bigfont.Size = 4

func (p presenterPage) id() pageID { return presenterScreen }

func (p presenterPage) keyPage() actions.Page { return actions.InPresenter }

func (p presenterPage) refresh(*sessionView, bool) page { return p }

func (p presenterPage) handle(any, *sessionView) (page, []effect) { return p, nil }

// presenterKey is what the presenter's drawing depends on besides the
// session: the prompt shown.
type presenterKey struct {
	prompt int
	at     string
	join   bool
}

func (p presenterPage) drawKey() any {
	return presenterKey{prompt: p.prompt, at: p.promptStop, join: p.joinShown}
}

func (p presenterPage) view(sv *sessionView, w, h int) string { return p.draw(sv, w, h) }

// typed opens a note holding what was typed, for who may write one; the
// room's view only says nothing happened.
func (p presenterPage) typed(text string, sv *sessionView) []effect {
	return typedNote(p.common, sv, text)
}

// key answers the presenter view's keys: p or esc go back (for who may
// see the stop view: a viewer's screen is the room's view and nothing
// else), ←/→ pick the prompt; the keys that run the room and capture what
// it agrees work here as on the stop page.
func (p presenterPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	s := sv.session
	a, k, ok := p.keys.Action(msg, actions.InPresenter)
	if !ok {
		return p, nil
	}
	prompts := len(p.stopInfo(s.Stops[s.Current].Key).Prompts)
	switch a.ID {
	case actions.Presenter, actions.ToStop:
		if err := model.Permit(p.actor.Role, model.KindSeeNotes); err != nil {
			return p, []effect{say{flash: errText(err)}}
		}
		return p, []effect{show{stopScreen}}
	case actions.RoomPage:
		if p.roomPage == "" {
			return p, []effect{say{flash: "The participants' page is not served: pitstop serve --web starts it."}}
		}
		p.joinShown = !p.joinShown
		return p, nil
	case actions.Prompt:
		if prompts == 0 {
			return p, nil
		}
		step := 1
		if msg.String() == "left" {
			step = prompts - 1
		}
		p.prompt = (p.promptAt(s) + step) % prompts
		p.promptStop = s.Stops[s.Current].Key
		return p, nil
	}
	if s.IsClosed() {
		return p, nil
	}
	ctx := p.context(sv)
	ctx.Arg = argOf(k, msg)
	return p, act(p.common, a, ctx)
}

// promptAt is the prompt shown at the current stop: a stop the room has
// just come to starts at its first.
func (p presenterPage) promptAt(s *model.Session) int {
	if p.promptStop != s.Stops[s.Current].Key {
		return 0
	}
	return p.prompt
}

// ShortHelp is the presenter view's keys.
func (p presenterPage) ShortHelp() []key.Binding {
	km := p.keys
	switch p.actor.Role {
	case model.RoleFacilitator:
		ids := []actions.ID{actions.Presenter, actions.Prompt, actions.Timer, actions.Next, actions.Back, actions.Agreement, actions.Commitment}
		if p.roomPage != "" {
			ids = append(ids, actions.RoomPage)
		}
		return km.Bindings(actions.InPresenter, append(ids, actions.Help, actions.Quit)...)
	case model.RoleViewer:
		return append([]key.Binding{followOnly}, km.Bindings(actions.InPresenter, actions.Prompt, actions.Help, actions.Quit)...)
	}
	return km.Bindings(actions.InPresenter, actions.Presenter, actions.Prompt, actions.Help, actions.Quit)
}

// followOnly says on a viewer's help line that the screen follows the room.
var followOnly = key.NewBinding(key.WithKeys(""), key.WithHelp("you", "follow along"))

// FullHelp is the presenter view's keys.
func (p presenterPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.All(actions.InPresenter)}
}

// presenterBlock is one part of the presenter view, as lines, and whether
// it is centred.
type presenterBlock struct {
	lines   []string
	centred bool
}

// view draws the presenter view into w×h: the large parts at the largest
// size at which they and at least the start of the rest fit, the rest
// filling what is left, the whole centred in the rows.
func (p presenterPage) draw(sv *sessionView, w, h int) string {
	s := sv.session
	if p.joinShown && p.roomPage != "" {
		return p.drawJoin(s, w, h)
	}
	st := s.Stops[s.Current]
	timer := present.TimerOf(st, p.now())
	where := p.styles.StopNumber.Render(presenterWhere(s))
	prompt := p.promptLines(s, w)
	board := p.boardLines(s, w, presenterItems)
	fromRoom := p.fromRoomLines(s, sv.notes[st.Key], w)
	norms := p.normLines(s, w)

	// The least of the rest that must fit beside the large parts.
	least := 1 // where the room is
	if len(prompt) > 0 {
		least += 1 + min(len(prompt), 2)
	}
	if len(board) > 0 {
		least += 1 + min(len(board), 3)
	}
	var name, clock []string
	size, large := bigfont.Half, false
	if bigfont.Drawable(st.Name) {
		for size = maxPresenterSize; size >= bigfont.Half; size-- {
			lines := bigfont.Wrap(st.Name, w, size)
			if !fitsWidth(lines, size, w) || timerWidth(st.Planned, max(1, int(size)), true) > w {
				continue
			}
			rows := len(lines)*size.Rows() + 1 + size.Rows() + 2 // the name, a gap, the digits, the bar and the words
			if rows+1+least <= h {
				name, clock, large = p.largeName(st.Name, lines, size, w), p.presenterTimer(timer, size, true), true
				break
			}
		}
	}
	if !large {
		// Nothing fits large: the name in capitals, the time in digits.
		name = []string{p.styles.StopName.Render(fit(strings.ToUpper(st.Name), w, 1))}
		clock = p.presenterTimer(timer, bigfont.Half, timerWidth(st.Planned, 1, true) <= w && h >= 12)
	}
	if s.IsClosed() {
		clock[len(clock)-1] = p.styles.Muted.Render("■ session closed · " + timer.Result())
	}

	blocks := []presenterBlock{{[]string{where}, true}, {name, true}, {clock, true}}
	used := 1 + len(name) + 1 + len(clock)
	if s.GoAroundShown && h-used > 2 {
		if next := present.NextUp(sv.toInvite()); next != "" {
			blocks = append(blocks, presenterBlock{[]string{p.styles.Accent.Render(fit(next, w, 1))}, true})
			used += 2
		}
	}
	// The prompt, then the board, as much of each as the rows allow.
	if room := h - used - 1; len(prompt) > 0 && room > 0 {
		shown := prompt[:min(len(prompt), room)]
		blocks = append(blocks, presenterBlock{shown, true})
		used += 1 + len(shown)
	}
	if room := h - used - 1; len(norms) > 0 && room > 1 {
		shown := norms[:min(len(norms), room)]
		blocks = append(blocks, presenterBlock{shown, false})
		used += 1 + len(shown)
	}
	if room := h - used - 1; len(fromRoom) > 0 && room > 1 {
		shown := fromRoom[:min(len(fromRoom), room)]
		blocks = append(blocks, presenterBlock{shown, false})
		used += 1 + len(shown)
	}
	if room := h - used - 1; len(board) > 0 && room > 0 {
		// Fewer items rather than a list cut off under its heading.
		for items := presenterItems - 1; len(board) > room && items >= 1; items-- {
			board = p.boardLines(s, w, items)
		}
		shown := board[:min(len(board), room)]
		blocks = append(blocks, presenterBlock{shown, false})
		used += 1 + len(shown)
	}
	var lines []string
	for i, b := range blocks {
		if i > 1 { // the name sits right under where the room is
			lines = append(lines, "")
		}
		// A block not centred line by line is centred as a whole: the
		// board's columns stay aligned.
		pad := ""
		if !b.centred {
			widest := 0
			for _, l := range b.lines {
				widest = max(widest, cellWidth(l))
			}
			pad = strings.Repeat(" ", max(0, (w-widest)/2))
		}
		for _, l := range b.lines {
			if b.centred {
				l = centre(l, w)
			}
			lines = append(lines, pad+l)
		}
	}
	// Centred in the rows: a projector's lower rows are the hardest to see
	// over heads, so the spare rows go mostly below.
	top := max(0, (h-len(lines))/3)
	return fit(strings.Repeat("\n", top)+strings.Join(lines, "\n"), w, h)
}

// presenterRoomNotes is how many of the room's notes let through at the
// stop the presenter shows, newest first.
const presenterRoomNotes = 3

// fromRoomLines are the latest notes from the room let through at the
// current stop, whose notes are at (positions in s.Notes): the room sees
// its own words come up, with no names (they never had any).
func (p presenterPage) fromRoomLines(s *model.Session, at []int, w int) []string {
	var notes []string
	for i := len(at) - 1; i >= 0 && len(notes) < presenterRoomNotes; i-- {
		if n := s.Notes[at[i]]; n.Role == string(model.RoleParticipant) {
			notes = append(notes, fit("“"+oneLine(n.Text)+"”", max(10, w-4), 1))
		}
	}
	if len(notes) == 0 {
		return nil
	}
	return append([]string{p.styles.Title.Render("From the room")}, notes...)
}

// normLines are the team's standing norms, at the stops the workshop
// shows them at: the room sees what it agreed to live by.
func (p presenterPage) normLines(s *model.Session, w int) []string {
	norms, _ := p.normsAt(s, s.CurrentStop().Key)
	if len(norms) == 0 {
		return nil
	}
	out := []string{p.styles.Title.Render("Our norms")}
	for _, n := range norms {
		out = append(out, fit("• "+oneLine(n.Text()), max(10, w-4), 1))
	}
	return out
}

// drawJoin is the presenter given over to how to join from a phone: where
// the room is, the address, and the code to scan, as large as fits.
func (p presenterPage) drawJoin(s *model.Session, w, h int) string {
	head := []string{
		p.styles.StopNumber.Render(presenterWhere(s) + " · " + s.CurrentStop().Name),
		"",
		p.styles.Title.Render("Join from your phone: nothing to install, no name asked"),
		p.styles.Accent.Render(p.roomPage),
		"",
	}
	lines := head
	// The code is drawn in the terminal's own colours: no style on it, so
	// no colour profile can blur the modules.
	lines = append(lines, p.code.fitting(w, h-len(head))...)
	for i, l := range lines {
		lines[i] = centre(fit(l, w, 1), w)
	}
	return fit(strings.Join(lines, "\n"), w, h)
}

// fitsWidth reports whether every line is at most w columns at size.
func fitsWidth(lines []string, size bigfont.Size, w int) bool {
	for _, l := range lines {
		if bigfont.Width(l, size) > w {
			return false
		}
	}
	return true
}

// presenterWhere says where the room is: "Stop 3 of 7".
func presenterWhere(s *model.Session) string {
	where := "Stop " + strconv.Itoa(s.Current+1) + " of " + strconv.Itoa(len(s.Stops))
	if s.IsClosed() {
		where += " · the session is closed"
	}
	return where
}

// largeName is the stop's name drawn at size, from the last frame when the
// same.
func (p presenterPage) largeName(name string, lines []string, size bigfont.Size, w int) []string {
	k := presenterNameKey{name: name, size: size, w: w}
	if p.drawn != nil && p.drawn.name != nil && p.drawn.nameKey == k {
		return p.drawn.name
	}
	var out []string
	for _, l := range lines {
		for _, row := range bigfont.Render(l, size) {
			out = append(out, p.styles.StopName.Render(row))
		}
	}
	if p.drawn != nil {
		p.drawn.nameKey, p.drawn.name = k, out
	}
	return out
}

// presenterTimer is the timer at size, always as wide whatever its state,
// from the last frame when nothing in it changed.
func (p presenterPage) presenterTimer(t present.Timer, size bigfont.Size, big bool) []string {
	width := timerWidth(t.Planned, max(1, int(size)), big)
	k := timerKey{
		display: t.Display(), words: t.Words(), over: t.Over(), low: t.Low(), run: t.Running,
		elapsed: t.Elapsed.Truncate(1e9), planned: t.Planned, w: width, h: int(size), big: big,
	}
	if p.drawn != nil && p.drawn.timer != nil && p.drawn.timerKey == k {
		return append([]string(nil), p.drawn.timer...)
	}
	lines := p.drawTimer(t, size, big, width)
	if p.drawn != nil {
		p.drawn.timerKey, p.drawn.timer = k, lines
	}
	return append([]string(nil), lines...)
}

// promptLines is the prompt shown, wrapped, under a line that says which
// of how many it is.
func (p presenterPage) promptLines(s *model.Session, w int) []string {
	all := p.stopInfo(s.Stops[s.Current].Key).Prompts
	if len(all) == 0 || s.IsClosed() {
		return nil
	}
	i := min(p.promptAt(s), len(all)-1)
	head := "Prompt " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(all))
	if len(all) > 1 {
		head += " · ←/→ for the others"
	}
	out := []string{p.styles.Muted.Render(head)}
	for _, l := range wrap(all[i], min(w, 100)) {
		out = append(out, p.styles.Prompt.Bold(true).Render(l))
	}
	return out
}

// presenterItems is how many of the latest agreements and commitments the
// room is shown: the board has the rest.
const presenterItems = 5

// boardLines are the latest agreements and the latest open commitments,
// at most items of each, side by side when there is room, newest first.
func (p presenterPage) boardLines(s *model.Session, w, items int) []string {
	var agreed, committed []string
	for i := len(s.Agreements) - 1; i >= 0 && len(agreed) < items; i-- {
		agreed = append(agreed, "✔ "+oneLine(s.Agreements[i].Text))
	}
	today := p.today()
	open := 0
	for i := len(s.Commitments) - 1; i >= 0; i-- {
		c := s.Commitments[i]
		if c.Status != model.CommitmentOpen {
			continue
		}
		open++
		if len(committed) < items {
			line := "☐ " + oneLine(c.Text) + " — " + present.CommitmentFacts(c, today)
			if c.Overdue(today) {
				line = p.styles.PastDue.Render(line)
			}
			committed = append(committed, line)
		}
	}
	if len(agreed) == 0 && len(committed) == 0 {
		return nil
	}
	headA := p.styles.Title.Render("Agreed (" + strconv.Itoa(len(s.Agreements)) + ")")
	headC := p.styles.Title.Render("Commitments (" + strconv.Itoa(open) + " open)")
	if len(agreed) == 0 {
		agreed = []string{p.styles.Muted.Render("nothing yet")}
	}
	if len(committed) == 0 {
		committed = []string{p.styles.Muted.Render("nothing open")}
	}
	if w >= 100 {
		colW := (w - 4) / 2
		left, right := append([]string{headA}, agreed...), append([]string{headC}, committed...)
		out := make([]string, max(len(left), len(right)))
		for i := range out {
			l, r := "", ""
			if i < len(left) {
				l = fit(left[i], colW, 1)
			}
			if i < len(right) {
				r = fit(right[i], colW, 1)
			}
			out[i] = l + strings.Repeat(" ", max(0, colW-cellWidth(l))+4) + r
		}
		return out
	}
	out := []string{headA}
	for _, l := range agreed {
		out = append(out, fit(l, w, 1))
	}
	out = append(out, "", headC)
	for _, l := range committed {
		out = append(out, fit(l, w, 1))
	}
	return out
}

func (p presenterPage) today() model.Date { return model.DateOf(p.now()) }

// centre pads a line on the left to sit in the middle of w columns.
func centre(l string, w int) string {
	if pad := (w - cellWidth(l)) / 2; pad > 0 {
		return strings.Repeat(" ", pad) + l
	}
	return l
}
