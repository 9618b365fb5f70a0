package web

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// events is a browser's stream of the room's changes (server-sent events):
// the page's live part drawn anew for this browser each time what the page
// shows changes, and the ended page at the end. Each stream is its own
// handler, waiting on the room's latest view: the room never waits on a
// stream, and a stream that cannot write within the write timeout (its
// browser takes nothing) is closed, holding nothing and nobody up.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	id, ok := s.keys.browserOf(r)
	if !ok {
		http.Error(w, "This browser is not in the room yet: open the address the facilitator shows.", http.StatusForbidden)
		return
	}
	if ok, why := s.browsers.openStream(id); !ok {
		w.Header().Set("Retry-After", "60")
		http.Error(w, "The page cannot follow the room from here: "+why+". Reload it to see the latest.", http.StatusTooManyRequests)
		return
	}
	defer s.browsers.closeStream(id)
	rc := http.NewResponseController(w)
	// A stream reads nothing more from the browser: the server's read
	// timeout, for a request's body, does not apply.
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	send := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
		_, err := w.Write(b)
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			s.log.Info("closed a page's stream that took nothing", "for", s.opts.WriteTimeout.String())
			return false
		}
		return true
	}
	// Say how soon to come back after a dropped connection (a phone put
	// away and taken out again).
	if !send(retryLine) {
		return
	}
	have := lastVersion(r)
	browser := s.keys.answerID(id)
	keepAlive := time.NewTicker(s.opts.KeepAlive)
	defer keepAlive.Stop()
	for {
		v, changed := s.room.latest()
		if v.Version != have || v.Ended != "" {
			if !send(s.event(v, browser)) {
				return
			}
			have = v.Version
			if v.Ended != "" {
				return
			}
		}
		select {
		case <-changed:
		case <-keepAlive.C:
			if !send(keepAliveLine) {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}

// The lines a stream sends besides events, made once: every stream sends
// them, the keep-alive every KeepAlive.
var (
	retryLine     = []byte("retry: 3000\n\n")
	keepAliveLine = []byte(": still here\n\n")
)

// lastVersion is the version of the room a browser's page shows: the
// page's own, or the last event it had before its connection dropped.
func lastVersion(r *http.Request) uint64 {
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("v")
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return ^uint64(0) // nothing known: send the page as it is
	}
	return n
}

// event is one event of a browser's stream (browser is its answers' id):
// the live part of its page drawn for it (its own answers ticked), or the ended page; with what
// changed, for the page's status line. The forms in it carry no token
// (the page's script gives them the one its note form has), so browsers
// with the same answers get the same bytes: each is drawn once for a
// version (see eventCache), not three hundred times.
func (s *Server) event(v *view, browser string) []byte {
	answers := map[string]int(nil)
	if v.Ended == "" {
		answers = answersIn(v, browser)
	}
	key := answersKey(answers)
	if ev, ok := s.drawn.get(v.Version, key); ok {
		return ev
	}
	ev := s.drawEvent(v, answers)
	s.drawn.put(v.Version, key, ev)
	return ev
}

func (s *Server) drawEvent(v *view, answers map[string]int) []byte {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	kind, name, title := "view", "live", v.StopName+" · "+v.Title
	if v.Ended != "" {
		kind, name, title = "ended", "ended", "The session has ended"
	}
	if err := pages.ExecuteTemplate(buf, name, page{View: v, Answers: answers}); err != nil {
		s.log.Error("could not draw the page's live part", "err", err)
		return []byte(": the page could not be drawn\n\n")
	}
	data, _ := json.Marshal(struct {
		HTML  string `json:"html"`
		Say   string `json:"say"`
		Title string `json:"title"`
	}{buf.String(), v.Say, title})
	out := make([]byte, 0, len(data)+64)
	out = append(out, "id: "...)
	out = strconv.AppendUint(out, v.Version, 10)
	out = append(out, "\nevent: "...)
	out = append(out, kind...)
	out = append(out, "\ndata: "...)
	out = append(out, data...)
	return append(out, "\n\n"...)
}

// answersKey writes a browser's answers in a fixed order, to tell apart
// the events of browsers that answered differently.
func answersKey(answers map[string]int) string {
	if len(answers) == 0 {
		return ""
	}
	keys := slices.Sorted(maps.Keys(answers))
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.Itoa(answers[k]))
		b.WriteByte(';')
	}
	return b.String()
}

// eventCache keeps the events drawn for the latest version, by the
// answers they tick; a version's events are let go when the next comes.
type eventCache struct {
	mu      sync.Mutex
	version uint64
	byKey   map[string][]byte
}

// maxCachedEvents bounds the events kept for one version: as many kinds
// of answer as a room is likely to have, and no more, however many
// outcomes are open.
const maxCachedEvents = 64

func (c *eventCache) get(version uint64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return nil, false
	}
	ev, ok := c.byKey[key]
	return ev, ok
}

func (c *eventCache) put(version uint64, key string, ev []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.byKey == nil {
		c.version, c.byKey = version, map[string][]byte{}
	}
	if len(c.byKey) < maxCachedEvents {
		c.byKey[key] = ev
	}
}

// answersIn are a browser's answers (browser is its answers' id) to the
// view's open outcomes, from the view's own snapshot: for a page, the view
// fresh has just brought up to the session as it is now, so an answer just
// given is in it even before follow has taken the update.
func answersIn(v *view, browser string) map[string]int {
	if len(v.Questions) == 0 || v.Session == nil {
		return nil
	}
	out := make(map[string]int, len(v.Questions))
	for _, q := range v.Questions {
		if a := v.Session.Room.AnswerOf(q.Outcome, browser); a != 0 {
			out[q.Outcome] = a
		}
	}
	return out
}
