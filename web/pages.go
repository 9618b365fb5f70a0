package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"pitstop/model"
	"pitstop/present"
	"pitstop/sessions"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages are the page's templates: a layout, and each page's content.
var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"scores":     scores,
	"scoreLabel": present.ScoreLabel,
}).ParseFS(templateFiles, "templates/*.html"))

func scores() []int {
	s := make([]int, 0, model.MaxScore-model.MinScore+1)
	for i := model.MinScore; i <= model.MaxScore; i++ {
		s = append(s, i)
	}
	return s
}

// page is what a template is drawn from.
type page struct {
	Title   string // the window's title
	Content string // the template of the page's content
	// Status is what was just done, or why it was not, for the status
	// line; Problem says it is the second.
	Status  string
	Problem bool
	View    *view
	Form    string         // the browser's forms' token
	Note    string         // a note given back, not sent
	Answers map[string]int // this browser's answers, by outcome
	Events  string         // where the page follows the room; "" for none
	Code    bool           // the join page asks for the code
	Places  int            // how many places the room has
}

// Answer is this browser's answer to an outcome, 0 for none.
func (p page) Answer(outcome string) int { return p.Answers[outcome] }

// routes are the page's addresses, each behind guard.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /t/{token}", s.admit)
	mux.HandleFunc("POST /join", s.join)
	mux.HandleFunc("POST /note", s.note)
	mux.HandleFunc("POST /answer", s.answer)
	mux.HandleFunc("GET /events", s.events)
	mux.HandleFunc("GET /static/style.css", serveStatic("text/css; charset=utf-8", styleCSS))
	mux.HandleFunc("GET /static/page.js", serveStatic("text/javascript; charset=utf-8", pageJS))
	mux.HandleFunc("/", s.notFound)
	return s.guard(mux)
}

// The headers of every answer: nothing from elsewhere may run or be
// loaded, the page may not be framed, and nothing is cached or sent on as
// a referrer (the address holds the token).
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

var crossOrigin = http.NewCrossOriginProtection()

// guard sets the headers every answer has, refuses forms posted from
// another site (by the browser's Sec-Fetch-Site or Origin header; the
// form's token is checked too, by each form's handler) and bounds what a
// form may send.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if r.Method == http.MethodPost {
			if err := crossOrigin.Check(r); err != nil {
				s.refuse(w, r, http.StatusForbidden, "That form came from another site, so nothing was sent. Open the room's page from the facilitator's address and send it from there.")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// render draws a page, with its status code. A page is drawn whole into
// memory first, so that a template's failure is an error page, not half a
// page.
func (s *Server) render(w http.ResponseWriter, status int, p page) {
	if p.View == nil {
		p.View = s.fresh()
	}
	if p.Places == 0 {
		p.Places = s.opts.MaxParticipants
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := pages.ExecuteTemplate(buf, "layout", p); err != nil {
		s.log.Error("could not draw a page", "page", p.Content, "err", err)
		http.Error(w, "Pit Stop could not draw this page. Try again in a moment.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// statusWords are what the page says after a form was taken, by the code
// its redirect carries: never words from the request itself.
var statusWords = map[string]string{
	"note":   "Your note is on its way to the facilitator, with no name on it. Nobody else sees it unless the facilitator lets it through.",
	"answer": "Your answer is in. You can change it until the facilitator takes the answers in.",
	"in":     "You're in. This page follows the room as it moves from stop to stop.",
}

// home is the room's page for a browser let in, and the way in for one
// that is not.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v := s.fresh()
	if v.Ended != "" {
		s.ended(w, http.StatusOK, v)
		return
	}
	id, ok := s.keys.browserOf(r)
	if !ok {
		s.render(w, http.StatusOK, page{Title: "Join the room", Content: "join", Code: s.opts.JoinCode != ""})
		return
	}
	if !s.browsers.enter(id) {
		s.full(w)
		return
	}
	s.roomPage(w, r, id, http.StatusOK, statusWords[r.URL.Query().Get("m")], false, "")
}

// roomPage draws the room's page for a browser.
func (s *Server) roomPage(w http.ResponseWriter, r *http.Request, id string, status int, say string, problem bool, note string) {
	v := s.fresh()
	s.render(w, status, page{
		Title: v.StopName + " · " + v.Title, Content: "room", View: v,
		Status: say, Problem: problem, Note: note,
		Form: s.keys.formToken(id), Answers: answersIn(v, s.keys.answerID(id)),
		Events: "/events?v=" + strconv.FormatUint(v.Version, 10),
	})
}

// admit lets in a browser that opened the address with the token: it gets
// its cookie (or keeps the one it has) and is sent on to the page, so that
// the token leaves the address bar.
func (s *Server) admit(w http.ResponseWriter, r *http.Request) {
	if !s.tokenOK(r.PathValue("token")) {
		s.render(w, http.StatusNotFound, page{Title: "Not the room's address", Content: "message",
			Status: "This address does not open the room's page. Scan the code on the facilitator's screen again, or ask them for the address.", Problem: true})
		return
	}
	if v := s.fresh(); v.Ended != "" {
		s.ended(w, http.StatusOK, v)
		return
	}
	s.letIn(w, r)
}

// letIn gives a browser its place and its cookie, and sends it on to the
// page; a browser let in before keeps its id.
func (s *Server) letIn(w http.ResponseWriter, r *http.Request) {
	id, ok := s.keys.browserOf(r)
	if !ok {
		id = newBrowserID()
	}
	if !s.browsers.enter(id) {
		s.full(w)
		return
	}
	if !ok {
		http.SetCookie(w, s.keys.cookie(id))
		s.log.Info("a browser came in", "places", fmt.Sprintf("%d of %d taken", s.browsers.inRoom(), s.opts.MaxParticipants))
	}
	http.Redirect(w, r, "/?m=in", http.StatusSeeOther)
}

// join lets in a browser that typed the join code.
func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	if s.opts.JoinCode == "" {
		s.notFound(w, r)
		return
	}
	if v := s.fresh(); v.Ended != "" {
		s.ended(w, http.StatusGone, v)
		return
	}
	if !s.readForm(w, r) {
		return
	}
	if strings.TrimSpace(r.PostFormValue("code")) == "" {
		s.render(w, http.StatusUnprocessableEntity, page{Title: "Join the room", Content: "join", Code: true, Status: "No code was typed. Type the join code the facilitator gave you.", Problem: true})
		return
	}
	right, left, dead, stopped := s.tries.try(r.PostFormValue("code"), s.opts.JoinCode)
	switch {
	case right:
		s.letIn(w, r)
		return
	case dead:
		s.render(w, http.StatusForbidden, page{Title: "Join the room", Content: "join", Code: false, Status: "The join code no longer works here: it was typed wrong too often. Scan the code on the facilitator's screen, or ask them for the address.", Problem: true})
		return
	}
	s.log.Warn("a wrong join code", "left", present.Plural(left, "try"))
	say := "That code was wrong: " + present.Plural(left, "try") + " left."
	if stopped {
		s.log.Warn("the join code stops working on the page: too many wrong tries")
		say = "That code was wrong, and the join code no longer works here: it was typed wrong too often. Scan the code on the facilitator's screen, or ask them for the address."
	}
	s.render(w, http.StatusForbidden, page{Title: "Join the room", Content: "join", Code: !stopped, Status: say, Problem: true})
}

// formCheck is the start of every form a browser in the room sends: it is
// let in, its form carries its token, the page still works and the room
// has its place. ok is false when the answer has been sent already.
func (s *Server) formCheck(w http.ResponseWriter, r *http.Request) (id string, ok bool) {
	if !s.readForm(w, r) {
		return "", false
	}
	id, ok = s.keys.browserOf(r)
	if !ok {
		s.render(w, http.StatusForbidden, page{Title: "Join the room", Content: "join", Code: s.opts.JoinCode != "",
			Status: "This browser is not in the room yet, so nothing was sent. Open the address the facilitator shows first (if you did, this browser may be refusing the page's cookie, which it needs).", Problem: true})
		return "", false
	}
	if v := s.fresh(); v.Ended != "" {
		s.ended(w, http.StatusGone, v)
		return "", false
	}
	if !s.keys.formOK(id, r.PostFormValue("form")) {
		s.roomPage(w, r, id, http.StatusForbidden, "That form was out of date, so nothing was sent: here is the page as it is now. Send it again.", true, r.PostFormValue("note"))
		return "", false
	}
	if !s.browsers.enter(id) {
		s.full(w)
		return "", false
	}
	return id, true
}

// readForm reads a posted form, within its bound.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request) bool {
	err := r.ParseForm()
	if err == nil {
		return true
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		status := "That note is too long to send: a note holds at most " + strconv.Itoa(model.MaxTextBytes/1024) + " KiB of text (some 8,000 letters). Split it into shorter notes."
		if id, ok := s.keys.browserOf(r); ok {
			s.roomPage(w, r, id, http.StatusRequestEntityTooLarge, status, true, "")
		} else {
			s.render(w, http.StatusRequestEntityTooLarge, page{Title: "Too long", Content: "message", Status: status, Problem: true})
		}
		return false
	}
	s.render(w, http.StatusBadRequest, page{Title: "Not sent", Content: "message", Status: "That form did not arrive whole, so nothing was sent. Go back and send it again.", Problem: true})
	return false
}

// note sends a browser's note to the facilitator, held until let through.
func (s *Server) note(w http.ResponseWriter, r *http.Request) {
	id, ok := s.formCheck(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("note")
	if ok, wait := s.browsers.takeNote(id); !ok {
		s.roomPage(w, r, id, http.StatusTooManyRequests, "That is "+strconv.Itoa(s.opts.NotesPerMinute)+" notes from this browser within a minute, as many as the page takes: wait "+waitWords(wait)+", then send it again. Your note is still in the box.", true, text)
		return
	}
	if err := s.room.client.Do(model.SendRoomNote{Text: text}); err != nil {
		s.refused(w, r, id, err, text)
		return
	}
	http.Redirect(w, r, "/?m=note#status", http.StatusSeeOther)
}

// answer takes a browser's answer to an outcome open to the room.
func (s *Server) answer(w http.ResponseWriter, r *http.Request) {
	id, ok := s.formCheck(w, r)
	if !ok {
		return
	}
	score, err := strconv.Atoi(r.PostFormValue("score"))
	if err != nil || score < model.MinScore || score > model.MaxScore {
		s.roomPage(w, r, id, http.StatusUnprocessableEntity, "Choose one of the answers, from "+present.ScoreLabel(model.MinScore)+" to "+present.ScoreLabel(model.MaxScore)+", then send it.", true, "")
		return
	}
	outcome := r.PostFormValue("outcome")
	if len(outcome) > model.MaxLabelBytes {
		outcome = outcome[:model.MaxLabelBytes]
	}
	if ok, wait := s.browsers.takeAnswer(id); !ok {
		s.roomPage(w, r, id, http.StatusTooManyRequests, "That is many answers from this browser within a minute: wait "+waitWords(wait)+", then send it again.", true, "")
		return
	}
	if err := s.room.client.Do(model.AnswerRoom{Outcome: outcome, Browser: s.keys.answerID(id), Score: score}); err != nil {
		s.refused(w, r, id, err, "")
		return
	}
	http.Redirect(w, r, "/?m=answer#status", http.StatusSeeOther)
}

// refused shows why the session did not take what a browser sent, in the
// session's own words, the note given back to send again.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, id string, err error, note string) {
	if errors.Is(err, sessions.ErrOwnerClosed) {
		s.end("The session has ended.")
		v := s.fresh()
		s.ended(w, http.StatusGone, v)
		return
	}
	s.roomPage(w, r, id, http.StatusUnprocessableEntity, sentence(err.Error()), true, note)
}

// sentence makes a refusal's words a sentence: a capital first, a full
// stop last.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	s = string(rs)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// waitWords says a short wait: "a few seconds", "12 seconds".
func waitWords(d time.Duration) string {
	secs := int(d.Round(time.Second) / time.Second)
	if secs <= 5 {
		return "a few seconds"
	}
	return present.Plural(secs, "second")
}

// ended draws the page a browser sees once the session is over.
func (s *Server) ended(w http.ResponseWriter, status int, v *view) {
	s.render(w, status, page{Title: "The session has ended", Content: "ended", View: v})
}

// full tells a browser the room has no place for it.
func (s *Server) full(w http.ResponseWriter) {
	// The first browser turned away is logged, then one in a hundred: a
	// room that keeps knocking does not fill the log.
	if n := s.browsers.turnedOut.Load(); n == 1 || n%100 == 0 {
		s.log.Warn("the room is full: turned a browser away", "places", s.opts.MaxParticipants, "count", n)
	}
	w.Header().Set("Retry-After", "60")
	s.render(w, http.StatusServiceUnavailable, page{Title: "The room is full", Content: "full"})
}

// refuse draws a short page saying why a request was refused.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, why string) {
	s.render(w, status, page{Title: "Not sent", Content: "message", Status: why, Problem: true})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusNotFound, page{Title: "Not here", Content: "message", Status: "There is nothing at this address. The room's page is at the address the facilitator shows.", Problem: true})
}
