package web

import (
	"sync"

	"pitstop/model"
	"pitstop/sessions"
)

// room is the page's one attachment to the live session, as the role
// participant, and the view every browser is shown: it follows the
// session's updates and, when what the page shows has changed, wakes every
// browser's stream. Browsers are not clients of the session themselves:
// three hundred of them would fill everyone's list of who is connected.
type room struct {
	client *sessions.Client

	mu      sync.Mutex
	view    *view
	changed chan struct{} // closed, and made anew, when view changes
	ended   string        // why the page stopped for good (Shutdown, the session gone)
}

// latest is the view now, and a channel closed when there is a newer one.
func (r *room) latest() (*view, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.view, r.changed
}

// follow takes the session's updates until there are no more; it never
// waits on a browser.
func (s *Server) follow() {
	defer close(s.followed)
	for {
		u, ok := s.room.client.Next()
		if !ok {
			s.end("The session has ended.")
			return
		}
		s.publish(u.Session, u.Version, u.Events)
	}
}

// fresh is the view as of the session now: a page drawn right after the
// facilitator did something shows it, even before follow has taken the
// update (which then changes nothing more).
func (s *Server) fresh() *view {
	v, _ := s.room.latest()
	if u := s.room.client.Current(); u.Session != nil && u.Version > v.hubVersion {
		s.publish(u.Session, u.Version, nil)
		v, _ = s.room.latest()
	}
	return v
}

// publish makes the view of a session, and shows it if it differs from
// the last one: a change the page does not show (a note from the room
// held, an answer, a note written at the host) wakes no stream, so no
// browser can tell from its stream when someone else sent something.
func (s *Server) publish(sess *model.Session, version uint64, events []model.Event) {
	r := &s.room
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.view
	if sess != nil && version <= old.hubVersion {
		// Shown already from a newer snapshot (see fresh): only its
		// events count.
		sess, version = old.Session, old.hubVersion
	}
	asked := old.asked
	for _, e := range events {
		if e.Is(model.KindOpenToRoom) || e.Is(model.KindCloseToRoom) || e.Is(model.KindRevealRoom) {
			asked++
		}
	}
	ended := r.ended
	v := makeView(s.opts.Workshop, sess, ended, asked)
	v.hubVersion = version
	if sess == nil {
		v = old.with(ended)
	}
	if v.sameAs(old) {
		// Newer answers, for each browser's own, without waking anyone.
		same := *old
		same.Session, same.hubVersion = v.Session, v.hubVersion
		r.view = &same
		return
	}
	v.Version = old.Version + 1
	v.Say = changeWords(old, v)
	r.view = v
	close(r.changed)
	r.changed = make(chan struct{})
}

// with is the view ended for the given reason.
func (v *view) with(ended string) *view {
	c := *v
	c.Ended = ended
	return &c
}

// end stops the page for good, saying why; the first reason given stands.
func (s *Server) end(why string) {
	s.room.mu.Lock()
	if s.room.ended == "" {
		s.room.ended = why
	}
	s.room.mu.Unlock()
	s.publish(nil, 0, nil)
}

// current is the view now.
func (s *Server) current() *view {
	v, _ := s.room.latest()
	return v
}
