package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
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
		if why == "full" {
			why = "the room is full"
		}
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
	if !send([]byte("retry: 3000\n\n")) {
		return
	}
	have := lastVersion(r)
	keepAlive := time.NewTicker(s.opts.KeepAlive)
	defer keepAlive.Stop()
	for {
		v, changed := s.room.latest()
		if v.Version != have || v.Ended != "" {
			if !send(s.event(v, id)) {
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
			if !send([]byte(": still here\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}

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

// event is one event of a browser's stream: the live part of its page
// drawn for it (its own answers ticked), or the ended page; with what
// changed, for the page's status line.
func (s *Server) event(v *view, id string) []byte {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	kind, name, title := "view", "live", v.StopName+" · "+v.Title
	p := page{View: v}
	if v.Ended != "" {
		kind, name, title = "ended", "ended", "The session has ended"
	} else {
		p.Form = s.keys.formToken(id)
		p.Answers = answersIn(v, s.keys.answerID(id))
	}
	if err := pages.ExecuteTemplate(buf, name, p); err != nil {
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

// answersIn are a browser's answers to the view's open outcomes, from the
// view's own snapshot.
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
