package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
	"pitstop/present"
	"pitstop/sessions"
)

// Messages of the root.
type (
	// LeaveSessionMsg is what an app inside the root sends instead of
	// quitting: back to the browser.
	LeaveSessionMsg struct {
		rescuedTo string // where a copy of everything went, when saving failed
		lose      bool   // the person chose to leave the unsaved changes
	}
	sessionReadyMsg struct {
		path   string // the file asked for, when one was
		focus  string // the note or board item asked for, when one was
		client *sessions.Client
		err    error
		note   string // said once the session is open, such as what was carried
	}
	sessionLeftMsg struct{ sessions.Departure }
)

// Root is Pit Stop started without naming a session: the session browser,
// and the session opened from it. Leaving the session comes back here.
type Root struct {
	c        *common
	opts     Options
	store    *sessions.Store
	browser  browser
	app      *App
	client   *sessions.Client // of the session open in app
	hub      *sessions.Hub
	opening  bool // a session is being opened: one at a time
	stopping bool // asked to stop from outside: end with the session
	help     help.Model
}

// NewRoot builds the browser over a store. opts are what each opened
// session's app gets.
func NewRoot(st *sessions.Store, opts Options) Root {
	c, opts := newCommon(opts)
	opts.Store = st
	if opts.Hub == nil {
		opts.Hub = sessions.NewHub(sessions.ClockOf(opts.Now))
	}
	return Root{c: c, opts: opts, store: st, hub: opts.Hub, browser: newBrowser(c, st), help: newHelp(c.styles)}
}

// Client is the session open at the moment, if any, so that whoever runs
// the program can leave it when the program ends.
func (r Root) Client() *sessions.Client { return r.client }

// Leaving is the open session's App.Leaving.
func (r Root) Leaving() (rescuedTo string, chose bool) {
	if r.app == nil {
		return "", false
	}
	return r.app.Leaving()
}

// Init starts loading the list.
func (r Root) Init() tea.Cmd { return r.browser.loadCmd() }

// Update routes to the open session, or to the browser.
func (r Root) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.c.width, r.c.height = msg.Width, msg.Height
		if r.app != nil {
			return r.toApp(msg)
		}
		return r, nil
	case openSessionMsg:
		if r.opening || r.app != nil {
			return r, nil // a second enter while the first is opening
		}
		r.opening, r.browser.busy, r.browser.flash = true, "Opening the session…", ""
		return r, r.openCmd(msg)
	case sessionReadyMsg:
		r.opening, r.browser.busy = false, ""
		if r.app != nil && msg.client != nil {
			// Never two sessions at once: let the extra one go.
			extra := msg.client
			return r, func() tea.Msg { extra.Leave(); return nil }
		}
		if msg.err != nil {
			if r.browser.prompt = promptFor(msg.path, msg.focus, msg.err); r.browser.prompt == nil {
				r.browser.flash = errText(msg.err)
			}
			return r, r.browser.loadCmd()
		}
		app := New(msg.client, r.appOptions(msg))
		if msg.note != "" { // what was carried; else keep "since you last had this open"
			app.banner = msg.note
		}
		app, _ = app.update(tea.WindowSizeMsg{Width: r.c.width, Height: r.c.height})
		r.app, r.client = &app, msg.client
		return r, app.Init()
	case StopMsg:
		if r.app == nil {
			return r, tea.Quit
		}
		r.stopping = true
		return r.toApp(msg)
	case LeaveSessionMsg:
		if r.client == nil {
			return r, nil
		}
		if r.stopping {
			return r, tea.Quit // whoever runs the program leaves the session
		}
		client, now := r.client, r.c.now
		r.app, r.client = nil, nil
		r.browser.loading = true
		how := sessions.Leaving{RescuedTo: msg.rescuedTo, Lose: msg.lose, Now: now}
		return r, func() tea.Msg { return sessionLeftMsg{sessions.Leave(client, how)} }
	case sessionLeftMsg:
		switch {
		case msg.Saved():
		case msg.RescuedTo != "":
			r.browser.flash = "The session's own file could not be saved (" + sessions.Problem(msg.Err) + "); a copy of everything is in " + model.CleanLabel(msg.RescuedTo) + "."
		case msg.Lost:
			r.browser.flash = "The last changes could not be saved (" + sessions.Problem(msg.Err) + "); as you chose, they are gone."
		default:
			r.browser.flash = "The last changes could not be saved: " + sessions.Problem(msg.Err) + "; no copy could be written either: " + sessions.Problem(msg.RescueErr) + "."
		}
		return r, r.browser.loadCmd()
	}
	if r.app != nil {
		return r.toApp(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "ctrl+c" {
		// The one key the root answers itself: it quits, asking first
		// when a new session's title would be lost, as the note box does.
		if r.browser.typedInForm() && (r.browser.prompt == nil || !r.browser.prompt.quit) {
			r.browser = r.browser.askToQuit()
			return r, nil
		}
		return r, tea.Quit
	}
	var cmd tea.Cmd
	r.browser, cmd = r.browser.update(msg)
	return r, cmd
}

// appOptions are the options of the app of a session the browser opened:
// the root's own, inside the browser, showing what was asked for.
func (r Root) appOptions(ready sessionReadyMsg) Options {
	opts := r.opts
	opts.Embedded, opts.Focus = true, ready.focus
	return opts
}

// toApp hands a message to the open session's screen.
func (r Root) toApp(msg tea.Msg) (Root, tea.Cmd) {
	app, cmd := r.app.update(msg)
	r.app = &app
	return r, cmd
}

// openCmd opens a saved session, or creates one (carrying forward what the
// team left open), taking its lock; all of it away from the screen.
func (r Root) openCmd(msg openSessionMsg) tea.Cmd {
	st, hub, now, plans, by := r.store, r.hub, r.c.now, r.opts.Workshop.Plans(), r.c.actor
	return func() tea.Msg {
		if msg.path != "" {
			var c *sessions.Client
			var err error
			note := ""
			switch msg.how {
			case openToReview:
				c, err = hub.Review(st, msg.path, by, "it is a copy of another session's file", false)
			case openToFollow:
				c, err = hub.Review(st, msg.path, by, "it is open in another Pit Stop", true)
			case openAsItsOwn:
				c, note, err = hub.Adopt(st, msg.path, by)
			default:
				c, err = hub.Open(st, msg.path, by)
			}
			return sessionReadyMsg{path: msg.path, focus: msg.focus, client: c, err: err, note: note}
		}
		s, prev, err := st.CreateWithCarry(msg.title, msg.team, msg.facilitator, plans, now(), hub.Rehearsing())
		if err != nil {
			return sessionReadyMsg{err: err}
		}
		c, err := hub.Create(st, s, by)
		note := ""
		if prev != nil {
			total, _ := s.Carried()
			note = "Carried " + present.Plural(total, "open item") + " from “" + prev.Title + "”: see the board."
		}
		return sessionReadyMsg{client: c, err: err, note: note}
	}
}

// View draws the open session, or the browser.
func (r Root) View() string {
	if r.app != nil {
		return r.app.View()
	}
	w, h := r.c.width, r.c.height
	if w < 20 || h < 6 {
		return fit("Pit Stop needs a window of at least 20×6.", w, h)
	}
	help := func(keys []key.Binding) string {
		hm := r.help
		hm.Width = w - 1
		return " " + hm.ShortHelpView(keys)
	}
	return r.browser.view(w-2, h, help)
}
