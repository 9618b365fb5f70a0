package ui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/sessions"
)

// pageID names a page of a session's screen. Each page declares its own,
// in its own file.
type pageID string

// page is one page of a session's screen: the stop, the board, the
// presenter view, the partnership check, the summary, the help. A page
// owns its keys (which part of the table of actions they are in, and its
// help), the state its drawing depends on and its view; the screen (App)
// holds the pages in one place, puts one in front, and hands it its keys.
// What a page wants done beyond itself it says as effects; what another
// page wants of it comes as a message (tell).
type page interface {
	help.KeyMap
	id() pageID
	// keyPage is where, in the table of actions, the page's keys are now
	// (the check's are in one of three parts).
	keyPage() actions.Page
	// key answers a key, the page being in front.
	key(msg tea.KeyMsg, v *sessionView) (page, []effect)
	// handle answers a message another part of the screen sent it.
	handle(msg any, v *sessionView) (page, []effect)
	// refresh takes in a new state of the session; front says whether the
	// page is in front (a page behind may leave costly work until shown).
	refresh(v *sessionView, front bool) page
	// view draws the page in w×h.
	view(v *sessionView, w, h int) string
	// drawKey is what the drawing depends on besides the session, the
	// size and the second: the frame is drawn again only when it changes.
	// It must be comparable.
	drawKey() any
	// typed answers text that was typed where letters are commands (see
	// typing.go): a box ready to save it, or a word that nothing happened.
	typed(text string, v *sessionView) []effect
}

// newPages are the pages of a session's screen, the first in front: the
// one place a new page is registered.
func newPages(c *common, opts Options) []page {
	code := newJoinCode(opts.RoomPage)
	return []page{
		newStopPage(c, opts),
		boardPage{common: c},
		presenterPage{common: c, drawn: &presenterDrawn{}, roomPage: opts.RoomPage, code: code},
		checkPage{common: c},
		roomPage{common: c},
		goAroundPage{common: c},
		teamPage{common: c},
		summaryPage{common: c},
		helpPage{common: c, joining: opts.Joining, roomPage: opts.RoomPage, code: code.small},
	}
}

// sessionView is the session as the pages see it: the latest snapshot and
// what is worked out from it once per update, so that drawing a frame
// never scans the whole session.
type sessionView struct {
	state   sessions.Update
	session *model.Session
	notes   noteIndex
	tally   boardTally
	today   model.Date
	sources map[string]string // names of the sessions items were carried from, by id

	invited      []string       // who is still to invite at the current stop, once asked (see toInvite)
	heard        map[string]int // how often each person spoke in the session, with invited
	invitedKnown bool
}

// toInvite is who is still to be invited to speak at the current stop, in
// the go-around's order (Session.GoAround): worked out when first asked
// and kept for the update, since the go-around page and the presenter
// draw it on every frame.
func (v *sessionView) toInvite() []string {
	if !v.invitedKnown {
		v.invited, v.heard, v.invitedKnown = v.session.GoAround(v.session.CurrentStop().Key), v.session.HeardCounts(), true
	}
	return v.invited
}

// heardCounts is how often each person spoke in the session, worked out
// with toInvite, once per update.
func (v *sessionView) heardCounts() map[string]int {
	v.toInvite()
	return v.heard
}

func newSessionView(u sessions.Update, today model.Date, sources map[string]string) *sessionView {
	return &sessionView{state: u, session: u.Session, notes: indexNotes(u.Session), tally: tallyBoard(u.Session), today: today, sources: sources}
}

// sourceName names a session items were carried from by its title and
// date, once the sessions folder has been read; else by its id.
func (v *sessionView) sourceName(id string) string {
	if name, ok := v.sources[id]; ok {
		return name
	}
	return "session " + id
}

// tell hands a message to a page, in front or not.
type tell struct {
	to  pageID
	msg any
}

func (e tell) apply(a App) (App, tea.Cmd) {
	i := a.pageIndex(e.to)
	p, effects := a.pages[i].handle(e.msg, a.view)
	a = a.setPage(i, p)
	return a.run(effects...)
}

// pageIndex is where the page is among the screen's pages.
func (a App) pageIndex(id pageID) int {
	for i, p := range a.pages {
		if p.id() == id {
			return i
		}
	}
	panic("ui: no page " + string(id))
}

// setPage puts a page's new state in; the pages are copied, never changed
// in place, as copies of the App share them.
func (a App) setPage(i int, p page) App {
	pages := make([]page, len(a.pages))
	copy(pages, a.pages)
	pages[i] = p
	a.pages = pages
	return a
}

// front is the page in front.
func (a App) front() page { return a.pages[a.frontIdx] }
