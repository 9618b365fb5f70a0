package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"pitstop/config"
	"pitstop/minutes"
	"pitstop/model"
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
	// Hub is the process's live sessions, through which the browser opens
	// sessions and other sessions are changed. NewRoot makes one if none
	// is given.
	Hub *sessions.Hub
}

type screen int

const (
	stopScreen screen = iota
	boardScreen
	summaryScreen
	helpScreen
	presenterScreen
	checkScreen
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
// holds the session as last reported, puts one page in front (the stop,
// the board, the summary, the help) and hands it its keys, handles the few
// keys that are the same everywhere (quit, help, board, minutes), keeps the
// entry box and questions over the page, and draws the status bar and the
// help line. Pages say what their keys do as effects, which App applies.
type App struct {
	c       *common
	session Session
	state   sessions.Update
	notes   noteIndex
	tally   boardTally

	screen    screen
	stop      stopPage
	board     boardPage
	summary   summaryPage
	presenter presenterPage
	check     checkPage
	helpPage  helpPage
	input     *entry
	draft     *entry // an entry sent and not yet answered, kept in case it is refused
	question  *question
	walk      *walkThrough // the carried items being walked through, if any
	help      *help.Model  // shared by copies of App: it is only set up and sized
	tick      time.Duration

	sources  map[string]string // names of the sessions items were carried from, by id
	cache    *frameCache       // the last body drawn; shared by copies of App
	sender   *sender           // sends the commands in key order; shared by copies of App
	store    *sessions.Store
	hub      *sessions.Hub
	embedded bool
	banner   string // what changed since the session was last open; until the first key
	pending  int    // commands sent and not yet answered
	flash    string // the last refusal or error, in plain words
	bell     bool   // ring the terminal bell in the next frame
	quitting bool   // leaving once what was sent is saved
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
	}, opts
}

// New builds the app for a live session.
func New(session Session, opts Options) App {
	opts.Actor = session.Actor()
	c, opts := newCommon(opts)
	a := App{
		c: c, session: session,
		stop: stopPage{common: c, drawn: &stopDrawn{}, hideHint: !opts.Workshop.Display.Hint}, board: boardPage{common: c}, summary: summaryPage{common: c},
		presenter: presenterPage{common: c, drawn: &presenterDrawn{}}, check: checkPage{common: c}, help: ptr(newHelp(c.styles)), tick: opts.Tick,
		cache: &frameCache{}, sender: &sender{}, store: opts.Store, hub: opts.Hub, embedded: opts.Embedded,
	}
	a.helpPage = helpPage{common: c, help: a.help, groups: a.helpGroups(), joining: opts.Joining}
	a = a.setState(session.Current())
	switch {
	case a.state.Session.IsClosed():
		a.screen = summaryScreen
		a.stop.review = a.state.Session.Current
	case c.actor.Role == model.RoleViewer:
		a.screen = presenterScreen // who follows along sees what the room sees
	}
	if added, pastDue := a.state.Session.SinceLastOpened(c.actor.Role, a.today()); added+pastDue > 0 {
		var parts []string
		if added > 0 {
			word := " entries"
			if added == 1 {
				word = " entry"
			}
			parts = append(parts, strconv.Itoa(added)+word+" added by others")
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

func (a App) setState(u sessions.Update) App {
	a.state = u
	a.stop.closed = u.Session.IsClosed()
	a.stop.checkHere = a.c.stopInfo(u.Session.CurrentStop().Key).Check && len(a.c.workshop.Outcomes) > 0
	a = a.pageSummary()
	a.notes, a.tally = indexNotes(u.Session), tallyBoard(u.Session)
	// Built once on opening, so the selection starts on the first row as
	// the session was then and follows that item; after that, only while
	// the board is in front.
	if a.screen == boardScreen || a.board.built == nil {
		a.board.rebuild(u.Session, a.today())
	}
	return a
}

// show puts a screen in front. The board's rows (filtered and sorted, the
// costly part) are worked out only while the board is in front, so they
// are brought up to date on the way in.
func (a App) show(sc screen) App {
	if sc == helpScreen && a.screen != helpScreen {
		a.helpPage.behind = a.screen
	}
	a.screen = sc
	if sc == boardScreen && a.board.built != a.state.Session {
		a.board.rebuild(a.state.Session, a.today())
	}
	return a.pageSummary()
}

// pageSummary works out whether the summary needs pages, while it is in
// front: laying it out is not free, and the other screens do not need it.
func (a App) pageSummary() App {
	if a.screen == summaryScreen {
		a.summary.paged = a.summary.pagedAt(a.state.Session, a.c.width-2, a.c.height-2)
	}
	return a
}

// helpGroups are the keys the help page lists, under where they work.
func (a App) helpGroups() []helpGroup {
	k := a.c.keys
	flat := func(groups [][]key.Binding) []key.Binding {
		var out []key.Binding
		for _, g := range groups {
			out = append(out, g...)
		}
		return out
	}
	return []helpGroup{
		{"At the stop", flat(a.stop.FullHelp())},
		{"On the board", flat(a.board.FullHelp())},
		{"While typing", flat(entry{common: a.c}.FullHelp())},
		{"In the partnership check", flat(a.check.FullHelp())},
		{"Everywhere", []key.Binding{k.Help, k.Board, k.Export, k.Quit}},
	}
}

// Update routes messages: data and ticks to whoever needs them, keys to
// the part of the screen in front.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return a.update(msg) }

// update is Update for a caller that keeps the App, such as the browser
// that opened it: no type assertion needed.
func (a App) update(msg tea.Msg) (App, tea.Cmd) {
	a.bell = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.c.width, a.c.height = msg.Width, msg.Height
		a = a.pageSummary()
		a.help.Width = msg.Width
		if a.input != nil {
			a.input.setWidth(msg.Width)
		}
		return a, nil
	case sessionUpdatedMsg:
		if msg.from != a.session {
			return a, nil // from a session left earlier
		}
		if msg.update.Session.Current != a.state.Session.Current {
			a.stop.scroll = 0
		}
		a = a.setState(msg.update)
		a = a.heard(msg.update.Events)
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
		return a, a.tickCmd()
	case commandDoneMsg:
		return a.commandDone(msg)
	case openedMarkedMsg:
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
		a.check.team, a.check.teamFor, a.check.teamErr, a.check.loaded = msg.list, msg.team, msg.err, true
		a.check.listing++
		return a, nil
	case sourcesMsg:
		a.sources = msg
		a.board.sources = msg
		return a, nil
	case StopMsg:
		return a.stopAsked(msg)
	case doneThereMsg:
		if msg.err != nil {
			a.flash = errText(msg.err)
		} else {
			a.banner = "Marked done in " + a.sourceName(msg.session) + " too."
		}
		return a, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !a.typing() {
			return a.keys(msg.Runes)
		}
		return a.key(msg)
	}
	if a.input != nil {
		in, cmd := a.input.update(msg)
		*a.input = in // in place: a key typed must not copy the whole text area anew
		return a, cmd
	}
	return a, nil
}

// keys handles several keys that arrived in one read (a fast double press,
// keys batched by SSH): one at a time, and once a key opens an entry box
// the rest is typed into it.
func (a App) keys(runes []rune) (App, tea.Cmd) {
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

// typing reports whether keys are text for an entry box: one is open
// and no question stands over it.
func (a App) typing() bool { return a.input != nil && a.question == nil }

// key routes a key: to the question or the entry box over the page if
// one is open, else to the keys that are the same on every page, else to
// the page in front.
func (a App) key(msg tea.KeyMsg) (App, tea.Cmd) {
	k := a.c.keys
	a.flash, a.banner = "", ""
	if a.quitting && a.leaving.waiting && key.Matches(msg, k.Cancel) {
		a.quitting, a.leaving = false, leaving{} // stay after all
		return a, nil
	}
	if a.question != nil {
		if msg.String() == "ctrl+c" {
			return a.quit()
		}
		effects, closed := a.question.answer(msg, key.Matches(msg, k.Cancel))
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
	switch {
	case key.Matches(msg, k.Quit):
		return a.quit()
	case key.Matches(msg, k.Help) && a.screen != helpScreen:
		return a.show(helpScreen), nil
	case key.Matches(msg, k.Export) && a.screen != helpScreen:
		return a, a.exportCmd()
	case key.Matches(msg, k.Board) && (a.screen == stopScreen || a.screen == boardScreen || a.screen == presenterScreen || a.screen == checkScreen):
		if a.screen == boardScreen {
			return a.show(stopScreen), nil
		}
		return a.show(boardScreen), nil
	}
	var effects []effect
	s := a.state.Session
	switch a.screen {
	case helpScreen:
		a.helpPage, effects = a.helpPage.update(msg)
	case summaryScreen:
		a.summary, effects = a.summary.update(msg)
	case boardScreen:
		a.board, effects = a.board.update(msg, s, a.today(), rowsVisible(a.c.width-2, a.c.height-2))
	case presenterScreen:
		a.presenter, effects = a.presenter.update(msg, s)
	case checkScreen:
		a.check, effects = a.check.update(msg, s)
	default:
		a.stop, effects = a.stop.update(msg, s, a.notes)
	}
	return a.run(effects...)
}

func (a App) commandDone(msg commandDoneMsg) (App, tea.Cmd) {
	a.pending--
	switch {
	case msg.err == nil:
		if _, closing := msg.cmd.(model.CloseSession); closing {
			a.screen = summaryScreen
			a.stop.review = a.state.Session.Current
			a = a.pageSummary()
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
// up, an event the session's owner makes once for every screen.
func (a App) heard(events []model.Event) App {
	s := a.state.Session
	for _, ev := range events {
		switch {
		case ev.Kind == model.EventTimeUp:
			a.bell = a.c.workshop.Display.Bell
		case ev.Is(model.KindNextStop) && ev.By.Role == model.RoleSystem && ev.Stop > 0 && ev.Stop < len(s.Stops):
			a.banner = "Time was up at " + s.Stops[ev.Stop-1].Name + ": the room moved on to " + s.Stops[ev.Stop].Name + "."
		}
	}
	return a
}

// leave ends the program, or, inside the session browser, goes back to it;
// whoever gave the app its session then leaves it.
func (a App) leave() tea.Cmd {
	if a.embedded {
		rescued := a.leaving.copied
		return func() tea.Msg { return LeaveSessionMsg{rescuedTo: rescued} }
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
	screen        screen
	board         boardKey
	shown, scroll int
	selecting     bool
	helpTop       int
	summaryPage   int
	sources       int // how many source sessions are named
	prompt        int // the presenter's prompt
	check         checkKey
	hideHint      bool
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
	screen         screen
	typing, asking bool
	selecting      bool // a note is picked: the help line offers what to do with it
	oneLine        bool // the entry open is one line: its help has no new-line key
}

// footer is the status bar and the help line.
func (a App) footer(w int) []string {
	k := footerKey{
		session: a.state.Session, width: w, second: a.c.now().Unix(), pending: a.pending, flash: a.flash, banner: a.banner,
		saving: a.state.Saving(), readOnly: a.state.Save.ReadOnly, present: a.presence(),
		screen: a.screen, typing: a.input != nil, asking: a.question != nil, oneLine: a.input != nil && singleLine(a.input.kind), selecting: a.stop.selecting,
	}
	if a.state.Save.Err != nil {
		k.saveProblem = sessions.Problem(a.state.Save.Err)
	}
	if a.cache != nil && a.cache.footerKey == k && a.cache.footer != nil {
		return a.cache.footer
	}
	f := []string{a.statusBar(w), a.cachedHelpLine(w)}
	if a.screen == presenterScreen && a.input == nil && a.question == nil && a.flash == "" && a.banner == "" {
		// The room needs no status bar: the keys, quietly, and the bar
		// comes back to say what went wrong or what happened.
		line := ansi.Strip(a.cachedHelpLine(w))
		// Who else is here, at the right, where there is room.
		if others := strings.TrimPrefix(a.presence(), " · "); others != "" && cellWidth(line)+cellWidth(others)+3 <= w {
			line += strings.Repeat(" ", w-cellWidth(line)-cellWidth(others)-1) + others
		}
		f = []string{a.c.styles.Muted.Render(line)}
	} else if a.screen == presenterScreen && a.input == nil && a.question == nil {
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
	fmt.Fprint(&k, w, a.input != nil, a.question != nil, a.screen)
	for _, b := range a.shortHelp() {
		k.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
	}
	if a.cache.helpKey != k.String() {
		a.cache.helpKey, a.cache.helpLine = k.String(), fit(a.helpLine(w-2), w, 1)
	}
	return a.cache.helpLine
}

// body draws the screen in front, padded and cut to w×h. Snapshots from the
// session owner are never changed, so the pointer identifies the content.
func (a App) body(w, h int) string {
	k := frameKey{
		session: a.state.Session, screen: a.screen, shown: a.stop.shown(a.state.Session), scroll: a.stop.scroll, selecting: a.stop.selecting, helpTop: a.helpPage.top, summaryPage: a.summary.page, sources: len(a.sources),
		prompt: a.presenter.promptAt(a.state.Session), hideHint: a.stop.hideHint,
		width: w, height: h, second: a.c.now().Unix(),
	}
	if a.screen == boardScreen {
		k.board = a.board.viewKey()
	}
	if a.screen == checkScreen {
		k.check = a.check.viewKey()
	}
	if a.cache != nil && a.cache.key == k {
		return a.cache.body
	}
	var body string
	switch a.screen {
	case helpScreen:
		body = a.helpPage.view(w, h)
	case summaryScreen:
		body = a.summary.view(a.state.Session, w, h)
	case boardScreen:
		body = a.board.view(a.state.Session, w, h)
	case presenterScreen:
		body = a.presenter.view(a.state.Session, w, h)
	case checkScreen:
		body = a.check.view(a.state.Session, w, h)
	default:
		body = a.stop.view(a.state.Session, a.stop.shown(a.state.Session), a.notes, a.tally, w, h)
	}
	lines := strings.Split(fit(body, w, h), "\n")
	for len(lines) < h {
		lines = append(lines, "")
	}
	body = indent(strings.Join(lines, "\n"))
	if a.cache != nil {
		a.cache.key, a.cache.body = k, body
	}
	return body
}

// indent gives every line the app's one-column margin on the left.
func indent(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}
