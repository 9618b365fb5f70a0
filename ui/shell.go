package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"pitstop/actions"
	"pitstop/calendar"
	"pitstop/config"
	"pitstop/minutes"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
	"pitstop/sessions"
)

// Options configure an App.
type Options struct {
	Workshop *config.Workshop
	// Renderer draws for this terminal; under SSH each client has its own.
	Renderer *lipgloss.Renderer
	// Now is the clock; tests fix it.
	Now func() time.Time
	// Actor is who types here, for the sessions the browser opens; a
	// session given to New brings its own.
	Actor model.Actor
	// Tick is how often the screen redraws while a session is open. Zero
	// means once a second; tests that use a fixed clock can turn it off
	// with a negative value.
	Tick time.Duration
	// TypingWindow is how long a key that changes the session waits to see
	// whether it was the start of typing (see typing.go). Zero means the
	// default; negative turns the wait off (keys act at once; a paste and
	// several characters in one read are still typing).
	TypingWindow time.Duration
	// Embedded is set when the app runs inside the session browser: leaving
	// goes back to the browser instead of ending the program.
	Embedded bool
	// Store, when set, lets the app reach other sessions: marking a
	// carried commitment done where it came from.
	Store *sessions.Store
	// Banner, when set, is said on the status bar once the session opens:
	// what was done to open it.
	Banner string
	// Joining, when the session is served, says how others join it: the
	// help page lists it, since the host's terminal is the screen.
	Joining []string
	// Hosting is set on the host's own screen of a served session: leaving
	// ends the session for everyone connected, so it asks first.
	Hosting bool
	// Hub is the process's live sessions, through which the browser opens
	// sessions and other sessions are changed. NewRoot makes one if none
	// is given.
	Hub *sessions.Hub
	// Focus, when set, is the id of a note or board item to show once the
	// session opens: the board with it picked, or the stop it was said at.
	Focus string
	// RoomPage, when the participants' page is served, is its address:
	// the help page gives it, and the presenter view can show it as a QR
	// code for the room to scan.
	RoomPage string
}

// The pages, by id; each is declared in its own file.
const (
	stopScreen      pageID = "stop"
	boardScreen     pageID = "board"
	presenterScreen pageID = "presenter"
	checkScreen     pageID = "check"
	summaryScreen   pageID = "summary"
	helpScreen      pageID = "help"
)

// Messages.
type (
	sessionUpdatedMsg struct {
		update sessions.Update
		from   Session // the session it came from
	}
	sessionEndedMsg struct{ from Session }
	commandDoneMsg  struct {
		cmd       model.Command
		err       error
		fromEntry bool // sent by saving the entry box
	}
	tickMsg         time.Time
	openedMarkedMsg struct{ err error }
	exportedMsg     struct {
		path string
		err  error
	}
	doneThereMsg struct {
		session string
		err     error
	}
)

// App is one session on one screen: a client of the session's owner. It
// holds the session as last reported, puts one page in front and hands it
// its keys, handles the few keys that are the same everywhere (quit,
// help, minutes, the board), keeps the entry box and questions over the
// page, guards against typing taken for commands, and draws the status
// bar and the help line. Pages say what their keys do as effects, which
// App applies.
type App struct {
	c       *common
	session Session
	state   sessions.Update
	view    *sessionView

	pages    []page
	frontIdx int
	input    *entry
	draft    *entry // an entry sent and not yet answered, kept in case it is refused
	question *question
	walk     *walkThrough // the carried items being walked through, if any
	guard    typingGuard
	help     *help.Model // shared by copies of App: it is only set up and sized
	tick     time.Duration

	sources  map[string]string // names of the sessions items were carried from, by id
	cache    *frameCache       // the last body drawn; shared by copies of App
	sender   *sender           // sends the commands in key order; shared by copies of App
	store    *sessions.Store
	hub      *sessions.Hub
	embedded bool
	hosting  bool
	banner   string    // news on the status bar: until the first key, or for bannerTime
	bannerAt time.Time // the tick at which the banner was put up
	lastTick time.Time // the last tick of the redraw clock
	pending  int       // commands sent and not yet answered
	flash    string    // the last refusal or error, in plain words
	bell     bool      // ring the terminal bell in the next frame
	quitting bool      // leaving once what was sent is saved
	leaving  leaving
}

// newCommon fills in the options' defaults and builds what every screen
// shares.
func newCommon(opts Options) (*common, Options) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.DefaultRenderer()
	}
	if opts.Actor.Role == "" {
		opts.Actor = model.Facilitator
	}
	if opts.Tick == 0 {
		opts.Tick = time.Second
	}
	return &common{
		width: 80, height: 24,
		styles: NewStyles(opts.Renderer, opts.Workshop.Theme),
		keys:   DefaultKeyMap(), workshop: opts.Workshop, now: opts.Now, actor: opts.Actor,
		roomQuestions: partnership.RoomQuestions(opts.Workshop.Outcomes),
	}, opts
}

// New builds the app for a live session.
func New(session Session, opts Options) App {
	opts.Actor = session.Actor()
	c, opts := newCommon(opts)
	a := App{
		c: c, session: session, pages: newPages(c, opts), help: ptr(newHelp(c.styles)), tick: opts.Tick,
		guard: newTypingGuard(opts.TypingWindow),
		cache: &frameCache{}, sender: &sender{}, store: opts.Store, hub: opts.Hub, embedded: opts.Embedded, hosting: opts.Hosting,
	}
	a = a.setState(session.Current())
	// Every page takes in the session once as it opens (the board picks
	// its first row as the session is now, and follows that item after).
	for i, p := range a.pages {
		a = a.setPage(i, p.refresh(a.view, i == a.frontIdx))
	}
	switch {
	case a.state.Session.IsClosed():
		a, _ = a.show(summaryScreen)
	case model.Permit(c.actor.Role, model.KindSeeNotes) != nil:
		a, _ = a.show(presenterScreen) // who follows along sees what the room sees, and only that
	}
	if added, pastDue := a.state.Session.SinceLastOpened(c.actor.Role, a.today()); added+pastDue > 0 {
		var parts []string
		if added > 0 {
			parts = append(parts, present.Plural(added, "entry")+" added by others")
		}
		if pastDue > 0 {
			parts = append(parts, present.Plural(pastDue, "commitment")+" past due")
		}
		a.banner = "Since you last had this open: " + strings.Join(parts, " · ") + "."
	}
	if why := a.state.Save.ReadOnly; why != "" {
		a.banner = "Read-only: " + why + ". Everything can be looked through; nothing can be changed here."
		if a.state.Save.Live {
			a.banner += " Changes made there show up here."
		}
	}
	if opts.Banner != "" {
		a.banner = opts.Banner
	}
	if opts.Focus != "" {
		a = a.focus(opts.Focus)
	}
	return a
}

// focusMsg asks a page to show one entry: the board picks it, the stop
// page picks the note.
type focusMsg struct{ id string }

// focus shows one entry, as a search match asks: a board item picked on
// the board; a note picked at its stop, which a closed session is looked
// back on at, and an open one says where it is (the room is not moved).
func (a App) focus(id string) App {
	s := a.state.Session
	kind, i, ok := s.Find(id)
	switch {
	case !ok:
		return a
	case kind != model.KindNote:
		if model.Permit(a.c.actor.Role, model.KindSeeBoard) == nil {
			a, _ = a.show(boardScreen)
			a, _ = a.run(tell{boardScreen, focusMsg{id}})
		}
		return a
	}
	if model.Permit(a.c.actor.Role, model.KindSeeNotes) != nil {
		return a
	}
	stop := s.StopIndex(s.Notes[i].Stop)
	if !s.IsClosed() && stop != s.Current && stop >= 0 {
		a.banner = "That note was taken at " + s.Stops[stop].Name + "; the room is at " + s.CurrentStop().Name + ". " + strconv.Itoa(stop+1) + " takes the room there."
		return a
	}
	if s.IsClosed() {
		a, _ = a.show(stopScreen)
	}
	a, _ = a.run(tell{stopScreen, focusMsg{id}})
	return a
}

func ptr[T any](v T) *T { return &v }

func newHelp(s Styles) help.Model {
	h := help.New()
	h.Styles.ShortKey = s.Accent
	h.Styles.ShortDesc = s.Muted
	h.Styles.ShortSeparator = s.Muted
	h.Styles.FullKey = s.Accent
	h.Styles.FullDesc = s.Text
	h.Styles.FullSeparator = s.Muted
	h.Styles.Ellipsis = s.Muted
	return h
}

// Init starts listening to the session and the clock.
func (a App) Init() tea.Cmd {
	cmds := []tea.Cmd{waitForUpdate(a.session), a.tickCmd(), a.sourcesCmd()}
	if a.c.actor.Role == model.RoleFacilitator && !a.state.Session.IsClosed() && a.state.Save.ReadOnly == "" {
		// Remember this opening, for the next "since you last had this open".
		// A closed session is only looked at, and its file stays as it was.
		s := a.session
		cmds = append(cmds, func() tea.Msg { return openedMarkedMsg{s.Do(model.MarkOpened{})} })
	}
	return tea.Batch(cmds...)
}

// waitForUpdate waits for the session's next update; the app asks for the
// one after when it has taken this one, so one is waited for at a time.
func waitForUpdate(s Session) tea.Cmd {
	return func() tea.Msg {
		u, ok := s.Next()
		if !ok {
			return sessionEndedMsg{from: s}
		}
		return sessionUpdatedMsg{update: u, from: s}
	}
}

// tickCmd wakes the app on the next whole second, only to redraw: what the
// timer shows is computed from its data and the clock, so it cannot drift.
func (a App) tickCmd() tea.Cmd {
	if a.tick < 0 {
		return nil
	}
	now := time.Now()
	wait := a.tick - time.Duration(now.UnixNano()%int64(a.tick))
	return tea.Tick(wait, func(t time.Time) tea.Msg { return tickMsg(t) })
}

func (a App) do(cmd model.Command) (App, tea.Cmd) {
	a.pending++
	// Queued now, in key order; the tea.Cmd only waits for the answer.
	done := a.sender.send(a.session, cmd)
	return a, func() tea.Msg { return commandDoneMsg{cmd: cmd, err: <-done} }
}

func (a App) today() model.Date { return model.DateOf(a.c.now()) }

// setState takes in a new state of the session: worked out once for every
// page, and handed to the page in front (the others catch up when shown).
func (a App) setState(u sessions.Update) App {
	a.state = u
	a.c.readOnly = u.Save.ReadOnly != ""
	a.view = newSessionView(u, a.today(), a.sources)
	a = a.setPage(a.frontIdx, a.front().refresh(a.view, true))
	return a
}

// show puts a page in front, brought up to date on the way in.
func (a App) show(id pageID) (App, tea.Cmd) {
	i := a.pageIndex(id)
	var effects []effect
	if a.frontIdx != i {
		var p page
		p, effects = a.pages[i].handle(shownFromMsg{a.front().id()}, a.view)
		a = a.setPage(i, p)
	}
	a.frontIdx = i
	a = a.setPage(i, a.pages[i].refresh(a.view, true))
	return a.run(effects...)
}

// shownFromMsg tells a page it is being put in front, and which page was
// in front before (the help goes back there).
type shownFromMsg struct{ from pageID }

// Update routes messages: data and ticks to whoever needs them, keys to
// the part of the screen in front.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return a.update(msg) }

// bannerTime is how long news stands on the status bar (a few ticks of
// the clock): then the bar comes back, with the stop, whether all is saved
// and who is here.
const bannerTime = 5 * time.Second

// update is Update for a caller that keeps the App, such as the browser
// that opened it: no type assertion needed.
func (a App) update(msg tea.Msg) (App, tea.Cmd) {
	was := a.banner
	a, cmd := a.handle(msg)
	if a.banner != was && a.banner != "" {
		a.bannerAt = a.lastTick
	}
	return a, cmd
}

// handle is update, for each kind of message.
func (a App) handle(msg tea.Msg) (App, tea.Cmd) {
	a.bell = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.c.width, a.c.height = msg.Width, msg.Height
		a = a.setPage(a.frontIdx, a.front().refresh(a.view, true))
		a.help.Width = msg.Width
		if a.input != nil {
			a.input.setWidth(msg.Width)
		}
		return a, nil
	case sessionUpdatedMsg:
		if msg.from != a.session {
			return a, nil // from a session left earlier
		}
		before := a.state.Session
		a = a.setState(msg.update)
		a = a.heard(before, msg.update.Events)
		if a.quitting && a.pending == 0 {
			a, cmd := a.tryLeave()
			return a, tea.Batch(cmd, waitForUpdate(a.session))
		}
		return a, waitForUpdate(a.session)
	case sessionEndedMsg:
		if msg.from != a.session {
			return a, nil
		}
		return a, a.leave()
	case tickMsg:
		a.lastTick = time.Time(msg)
		switch {
		case a.banner == "":
		case a.bannerAt.IsZero():
			a.bannerAt = a.lastTick // put up before the clock's first tick
		case a.lastTick.Sub(a.bannerAt) >= bannerTime:
			a.banner = "" // the news has stood long enough
		}
		return a, a.tickCmd()
	case typingWindowMsg:
		return a.windowPassed(msg)
	case followCursorMsg:
		if a.input != nil {
			a.input.followCursor()
		}
		return a, nil
	case commandDoneMsg:
		return a.commandDone(msg)
	case openedMarkedMsg:
		return a, nil
	case calendarWrittenMsg:
		switch {
		case msg.err != nil:
			a.flash = "Calendar not written: " + errText(msg.err)
		case msg.path == "":
			a.banner = "No open commitment has a due date, so there is no calendar to write."
		default:
			a.banner = "Commitments due written to " + msg.path + ": import it into any calendar; a new export updates the same events."
		}
		return a, nil
	case exportedMsg:
		if msg.err != nil {
			a.flash = "Minutes not written: " + errText(msg.err)
		} else {
			a.banner = "Minutes written to " + msg.path
		}
		return a, nil
	case rescuedMsg:
		return a.rescued(msg)
	case teamListedMsg:
		return a.run(tell{checkScreen, msg})
	case sourcesMsg:
		a.sources = msg
		a.view = newSessionView(a.state, a.today(), a.sources)
		return a, nil
	case StopMsg:
		return a.stopAsked(msg)
	case doneThereMsg:
		if msg.err != nil {
			a.flash = errText(msg.err)
		} else {
			a.banner = "Marked done in " + a.view.sourceName(msg.session) + " too."
		}
		return a, nil
	case tea.KeyMsg:
		return a.keyIn(msg)
	}
	if a.input != nil {
		in, cmd := a.input.update(msg)
		*a.input = in // in place: a key typed must not copy the whole text area anew
		return a, cmd
	}
	return a, nil
}

// typing reports whether keys are text for an entry box: one is open
// and no question stands over it.
func (a App) typing() bool { return a.input != nil && a.question == nil }

// keyIn takes a key from the terminal: typed into the box when one is
// open, else past the typing guard (typing.go), which holds back a key
// that would change the session until it is clear it was not typing.
func (a App) keyIn(msg tea.KeyMsg) (App, tea.Cmd) {
	if a.typing() {
		return a.key(msg)
	}
	if a.quitting {
		// Leaving ends input: the rest of what was typed reaches nothing.
		return a.key(msg)
	}
	if a.question != nil {
		if text, ok := a.guard.atQuestion(msg, a.question); ok {
			return a.typedOver(text)
		}
		return a.key(msg)
	}
	pages := []actions.Page{a.front().keyPage()}
	if pages[0] == actions.LookingBack {
		// A closed session's stop answers the keys that would change an
		// open one: by asking to reopen it.
		pages = append(pages, actions.AtStop)
	}
	verdict, text := a.guard.read(msg, pages, a.c.keys)
	switch verdict {
	case keyTyped:
		a.guard = a.guard.cleared()
		return a.typedAt(text)
	case keyHeld:
		return a, a.guard.waitCmd()
	case keysEach:
		return a.keysEach(msg.Runes)
	}
	// The key held before this one was a command after all: it goes first.
	held, ok := a.guard.takeHeld()
	if ok {
		var first tea.Cmd
		a, first = a.key(held)
		next, cmd := a.keyIn(msg)
		return next, tea.Batch(first, cmd)
	}
	return a.key(msg)
}

// windowPassed runs a key held back once no typing followed it.
func (a App) windowPassed(msg typingWindowMsg) (App, tea.Cmd) {
	held, ok := a.guard.heldFor(msg)
	if !ok {
		return a, nil
	}
	a.guard = a.guard.cleared()
	return a.key(held)
}

// keysEach handles one key pressed several times, arrived in one read (a
// key held down, a double press batched by SSH): one at a time, and once
// a key opens an entry box the rest is typed into it.
func (a App) keysEach(runes []rune) (App, tea.Cmd) {
	var cmds []tea.Cmd
	for i, r := range runes {
		var cmd tea.Cmd
		if a.typing() {
			a, cmd = a.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: runes[i:]})
			return a, tea.Batch(append(cmds, cmd)...)
		}
		a, cmd = a.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}

// typedAt answers typing at a page where letters are commands: the page
// says what it does with the text (a note box holding it, as a rule).
func (a App) typedAt(text string) (App, tea.Cmd) {
	a.flash, a.banner = "", ""
	return a.run(a.front().typed(text, a.view)...)
}

// typedOver answers typing that arrived while a question was asked: the
// question is put away unanswered, as esc would, and the text goes where
// typing at the page goes.
func (a App) typedOver(text string) (App, tea.Cmd) {
	q := a.question
	a.question = nil
	a.guard = a.guard.cleared()
	a, cmd := a.run(q.onCancel...)
	if a.input != nil {
		// The question stood over a box: the typing goes on in it.
		a.input.area.InsertString(text)
		a.flash = "That looked like typing, so the question was put away unanswered: the words are in the box."
		return a, cmd
	}
	a, more := a.typedAt(text)
	if a.input == nil && a.flash == "" {
		a.flash = "That looked like typing, so the question was put away unanswered: nothing changed."
	}
	return a, tea.Batch(cmd, more)
}

// key routes a key: to the question or the entry box over the page if
// one is open, else to the keys that are the same on every page, else to
// the page in front.
func (a App) key(msg tea.KeyMsg) (App, tea.Cmd) {
	km := a.c.keys
	a.flash, a.banner = "", ""
	if a.question != nil {
		if msg.String() == "ctrl+c" {
			// ctrl+c leaves from anywhere; asked whether to end the
			// session for everyone, a second one is the yes.
			leaving := a.question.leaving
			a.question = nil
			if leaving {
				return a.quit()
			}
			return a.quitAsked()
		}
		effects, closed := a.question.answer(msg, km.Is(msg, actions.InQuestion, actions.Cancel))
		if !closed {
			return a, nil
		}
		a.question = nil
		return a.run(effects...)
	}
	if a.input != nil {
		in, cmd, effects := a.input.key(msg, a.today())
		*a.input = in // in place, as above
		a, more := a.run(effects...)
		return a, tea.Batch(cmd, more)
	}
	if a.quitting {
		if a.leaving.waiting && km.Is(msg, actions.InEntry, actions.Cancel) {
			a.quitting, a.leaving = false, leaving{} // stay after all
		}
		return a, nil
	}
	p := a.front()
	kp := p.keyPage()
	if act, _, ok := km.Action(msg, kp); ok {
		switch act.ID {
		case actions.Quit:
			return a.quitAsked()
		case actions.Help:
			return a.show(helpScreen)
		case actions.Minutes:
			if err := act.Permitted(a.c.actor.Role); err != nil {
				a.flash = errText(err)
				return a, nil
			}
			return a, a.exportCmd()
		case actions.Board:
			if err := act.Permitted(a.c.actor.Role); err != nil {
				a.flash = errText(err)
				return a, nil
			}
			if p.id() == boardScreen {
				return a.show(stopScreen)
			}
			return a.show(boardScreen)
		}
	}
	p, effects := p.key(msg, a.view)
	a = a.setPage(a.frontIdx, p)
	return a.run(effects...)
}

func (a App) commandDone(msg commandDoneMsg) (App, tea.Cmd) {
	a.pending--
	switch {
	case msg.err == nil:
		if _, closing := msg.cmd.(model.CloseSession); closing {
			a, _ = a.show(summaryScreen)
		}
	default:
		a.flash = errText(msg.err)
		if msg.fromEntry && a.draft != nil && a.input == nil {
			// Refused: give the text back. The words matter more than a
			// question raised since, which closes (and with it a walk).
			a.question, a.walk = nil, nil
			a.input, a.draft = a.draft, nil
			a.input.err = a.flash
			return a, a.input.area.Focus()
		}
	}
	if msg.fromEntry {
		a.draft = nil
		if msg.err == nil {
			a = a.walkEntryClosed(true)
		}
	}
	if a.quitting && a.pending == 0 {
		return a.tryLeave()
	}
	return a, nil
}

// errText makes an error a sentence for the status bar.
func errText(err error) string {
	s := err.Error()
	if s == "" {
		return "Something went wrong."
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// heard takes in what happened: the bell rings once when a stop's time is
// up, an event the session's owner makes once for every screen; an undo
// says what it undid, here if it was pressed here, and to the person
// whose entry it changed.
func (a App) heard(before *model.Session, events []model.Event) App {
	s := a.state.Session
	for _, ev := range events {
		switch {
		case ev.Kind == model.EventTimeUp:
			a.bell = a.c.workshop.Display.Bell
		case ev.Is(model.KindNextStop) && ev.By.Role == model.RoleSystem && ev.Stop > 0 && ev.Stop < len(s.Stops):
			a.banner = "Time was up at " + s.Stops[ev.Stop-1].Name + ": the room moved on to " + s.Stops[ev.Stop].Name + "."
		case ev.Kind == sessions.EventOutsideEdit:
			a.banner = a.state.Save.OutsideEdit
		case ev.Is(model.KindUndo) || ev.Is(model.KindRedo):
			if said := actions.Undid(ev, before, s, a.c.actor, a.today()); said != "" {
				a.banner = said
			}
		}
	}
	return a
}

// leave ends the program, or, inside the session browser, goes back to it;
// whoever gave the app its session then leaves it.
func (a App) leave() tea.Cmd {
	if a.embedded {
		rescued, lose := a.leaving.copied, a.leaving.lose
		return func() tea.Msg { return LeaveSessionMsg{rescuedTo: rescued, lose: lose} }
	}
	return tea.Quit
}

// exportCmd writes the minutes next to the session file, at any moment.
func (a App) exportCmd() tea.Cmd {
	s, path, opts, st := a.state.Session, a.session.Path(), minutes.Options{Workshop: a.c.workshop, Now: a.c.now()}, a.store
	return func() tea.Msg {
		// Without the team's listing the minutes are written all the
		// same, with no trend.
		opts.Trend, _ = minutes.TeamTrend(st, opts.Workshop, s)
		written, err := minutes.WriteNextTo(path, s, minutes.FormatMarkdown, opts)
		return exportedMsg{path: written, err: err}
	}
}

// calendarCmd writes the commitments due as a calendar file next to the
// session.
func (a App) calendarCmd() tea.Cmd {
	s, path, opts := a.state.Session, a.session.Path(), calendar.Options{Now: a.c.now()}
	if a.store != nil {
		opts.LoadSession = a.store.Loader()
	}
	return func() tea.Msg {
		if len(calendar.Due(s)) == 0 {
			return calendarWrittenMsg{}
		}
		written, err := calendar.WriteNextTo(path, s, opts)
		return calendarWrittenMsg{path: written, err: err}
	}
}

// calendarWrittenMsg says where the calendar went; no path and no error:
// there was nothing due to write.
type calendarWrittenMsg struct {
	path string
	err  error
}

// View draws the screen in front, the status bar and the help line.
func (a App) View() string {
	w, h := a.c.width, a.c.height
	if w < 20 || h < 6 {
		return fit("Pit Stop needs a window of at least 20×6.\nMake it bigger; nothing is lost.", w, h)
	}
	inner := w - 2 // the app's side padding
	footer := a.footer(w)
	bodyH := h - len(footer)
	var bottom string
	switch {
	case a.question != nil:
		bottom = a.question.view(a.c, inner)
	case a.input != nil:
		bottom = a.input.view(inner)
	}
	if bottom != "" {
		bodyH -= lipgloss.Height(bottom)
	}
	body := a.body(inner, max(0, bodyH))
	parts := []string{body}
	if bottom != "" {
		parts = append(parts, indent(bottom))
	}
	parts = append(parts, footer...)
	out := strings.Join(parts, "\n")
	if n := strings.Count(out, "\n") + 1; n > h {
		// A tiny window with the input or a question open: keep the bottom,
		// where the question, the input's keys and the status bar are.
		out = strings.Join(strings.Split(out, "\n")[n-h:], "\n")
	}
	if a.bell {
		out = "\a" + out
	}
	return out
}

// frameKey is everything the body of a frame depends on. While it is
// unchanged, typing in the note input redraws only the input.
type frameKey struct {
	session       *model.Session
	page          pageID
	drawn         any // the page's own (page.drawKey)
	sources       int // how many source sessions are named
	width, height int
	second        int64
}

type frameCache struct {
	key       frameKey
	body      string
	footerKey footerKey
	footer    []string
	// The help line changes only with the keys it lists and the width.
	helpKey  string
	helpLine string
}

// footerKey is everything the status bar and help line depend on.
type footerKey struct {
	session        *model.Session
	width          int
	second         int64
	pending        int
	saving         bool   // the session shown is not on disk yet
	saveProblem    string // why the last save failed, if it did
	readOnly       string
	flash, banner  string
	present        string // who else is here
	page           pageID
	typing, asking bool
	drawn          any // the page's own: its help line may depend on it
	oneLine        bool
}

// footer is the status bar and the help line.
func (a App) footer(w int) []string {
	k := footerKey{
		session: a.state.Session, width: w, second: a.c.now().Unix(), pending: a.pending, flash: a.flash, banner: a.banner,
		saving: a.state.Saving(), readOnly: a.state.Save.ReadOnly, present: a.presence(),
		page: a.front().id(), typing: a.input != nil, asking: a.question != nil, drawn: a.front().drawKey(),
		oneLine: a.input != nil && a.input.oneLine(),
	}
	if a.state.Save.Err != nil {
		k.saveProblem = sessions.Problem(a.state.Save.Err)
	}
	if a.cache != nil && a.cache.footerKey == k && a.cache.footer != nil {
		return a.cache.footer
	}
	f := []string{a.statusBar(w), a.cachedHelpLine(w)}
	inPresenter := a.front().id() == presenterScreen
	if inPresenter && a.input == nil && a.question == nil && a.flash == "" && a.banner == "" {
		// The room needs no status bar: the keys, quietly, and the bar
		// comes back to say what went wrong or what happened.
		line := ansi.Strip(a.cachedHelpLine(w))
		// Who else is here, at the right, where there is room.
		if others := strings.TrimPrefix(a.presence(), " · "); others != "" && cellWidth(line)+cellWidth(others)+3 <= w {
			line += strings.Repeat(" ", w-cellWidth(line)-cellWidth(others)-1) + others
		}
		f = []string{a.c.styles.Muted.Render(line)}
	} else if inPresenter && a.input == nil && a.question == nil {
		f = f[:1]
	}
	if a.cache != nil {
		a.cache.footerKey, a.cache.footer = k, f
	}
	return f
}

// cachedHelpLine is the help line, drawn again only when the keys in it or
// the width have changed.
func (a App) cachedHelpLine(w int) string {
	if a.cache == nil {
		return fit(a.helpLine(w-2), w, 1)
	}
	var k strings.Builder
	fmt.Fprint(&k, w, a.input != nil, a.question != nil, a.front().id())
	for _, b := range a.shortHelp() {
		k.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
	}
	if a.cache.helpKey != k.String() {
		a.cache.helpKey, a.cache.helpLine = k.String(), fit(a.helpLine(w-2), w, 1)
	}
	return a.cache.helpLine
}

// body draws the page in front, padded and cut to w×h. Snapshots from the
// session owner are never changed, so the pointer identifies the content.
func (a App) body(w, h int) string {
	p := a.front()
	k := frameKey{
		session: a.state.Session, page: p.id(), drawn: p.drawKey(), sources: len(a.sources),
		width: w, height: h, second: a.c.now().Unix(),
	}
	if a.cache != nil && a.cache.key == k {
		return a.cache.body
	}
	lines := strings.Split(fit(p.view(a.view, w, h), w, h), "\n")
	for len(lines) < h {
		lines = append(lines, "")
	}
	body := indent(strings.Join(lines, "\n"))
	if a.cache != nil {
		a.cache.key, a.cache.body = k, body
	}
	return body
}

// indent gives every line the app's one-column margin on the left.
func indent(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}

// shortHelp is the help line's keys for what is in front: the question,
// the entry box, or the page.
func (a App) shortHelp() []key.Binding {
	switch {
	case a.question != nil:
		return a.c.keys.Bindings(actions.InQuestion, actions.Cancel)
	case a.input != nil:
		return a.input.ShortHelp()
	}
	keys := a.front().ShortHelp()
	if a.c.readOnly {
		// Only what works here: looking through, never changing.
		kp := a.front().keyPage()
		keys = slices.DeleteFunc(slices.Clone(keys), func(b key.Binding) bool { return a.c.keys.changes(kp, b) })
	}
	if a.state.Saving() {
		// q's help says "(all saved)" only while it is so.
		keys = slices.Clone(keys)
		for i, b := range keys {
			if b.Help().Key == "q" {
				keys[i] = key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp("q", "quit (not all saved yet)"))
			}
		}
	}
	return keys
}
