package web

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// testRoom is a live session with its participants' page served on a
// random loopback port.
type testRoom struct {
	t    testing.TB
	srv  *Server
	hub  *sessions.Hub
	host *sessions.Client // the facilitator's attachment
	w    *config.Workshop
	base string // http://127.0.0.1:PORT
	log  *safeBuffer
}

// safeBuffer is a log several goroutines write to.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func workshop(t testing.TB) *config.Workshop {
	t.Helper()
	w, err := config.Load(filepath.Join("..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// startRoom serves a new session's page; change adjusts the options.
func startRoom(t testing.TB, change func(*Options)) *testRoom {
	t.Helper()
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := workshop(t)
	s, err := model.NewSession("served", "Partnership kickoff", "Harbor", "Ana", w.Plans(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hub := sessions.NewHub(sessions.SystemClock())
	host, err := hub.Create(st, s, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &testRoom{t: t, hub: hub, host: host, w: w, log: &safeBuffer{}, base: "http://" + l.Addr().String()}
	opts := Options{Hub: hub, Host: host, Workshop: w, Addr: l.Addr().String(), Log: r.log}
	if change != nil {
		change(&opts)
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	r.srv = srv
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := srv.Serve(l); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		srv.Shutdown("the test is over")
		<-served
		_ = host.Leave()
	})
	return r
}

// do sends a command as the facilitator.
func (r *testRoom) do(cmd model.Command) {
	r.t.Helper()
	if err := r.host.Do(cmd); err != nil {
		r.t.Fatalf("%T: %v", cmd, err)
	}
}

// open opens outcomes of the check to the room.
func (r *testRoom) open(keys ...string) {
	r.t.Helper()
	var qs []model.RoomQuestion
	for _, k := range keys {
		label, _ := outcomeWords(r.w, k, "")
		qs = append(qs, model.RoomQuestion{Outcome: k, Label: label})
	}
	r.do(model.OpenToRoom{Questions: qs})
}

// visitor is one browser: its cookies, and the last page it was shown.
type visitor struct {
	r    *testRoom
	c    *http.Client
	last string
}

func (r *testRoom) browser() *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{r: r, c: &http.Client{
		Jar:           jar,
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// reply is an answer, read whole.
type reply struct {
	status   int
	location string
	header   http.Header
	body     string
}

func (b *visitor) send(req *http.Request) reply {
	b.r.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.r.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	rep := reply{status: res.StatusCode, location: res.Header.Get("Location"), header: res.Header, body: string(body)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		b.last = rep.body
	}
	return rep
}

func (b *visitor) get(path string) reply {
	b.r.t.Helper()
	req, _ := http.NewRequest("GET", b.r.base+path, nil)
	return b.send(req)
}

// post sends a form as a browser does from the page itself.
func (b *visitor) post(path string, form url.Values) reply {
	b.r.t.Helper()
	req, _ := http.NewRequest("POST", b.r.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", b.r.base)
	return b.send(req)
}

// follow gets where a redirect leads.
func (b *visitor) follow(rep reply) reply {
	b.r.t.Helper()
	if rep.status != http.StatusSeeOther {
		b.r.t.Fatalf("want a redirect (303), got %d: %s", rep.status, text(rep.body))
	}
	return b.get(rep.location)
}

// enter opens the address with the token, as a QR code does, and follows
// on to the page.
func (b *visitor) enter() reply {
	b.r.t.Helper()
	u, _ := url.Parse(b.r.srv.URL())
	return b.follow(b.get(u.Path))
}

var formField = regexp.MustCompile(`name="form" value="([^"]+)"`)

// form is the form token of the last page shown.
func (b *visitor) form() string {
	b.r.t.Helper()
	m := formField.FindStringSubmatch(b.last)
	if m == nil {
		b.r.t.Fatalf("the page has no form token:\n%s", b.last)
	}
	return m[1]
}

// note sends a note from the page.
func (b *visitor) note(text string) reply {
	b.r.t.Helper()
	return b.post("/note", url.Values{"form": {b.form()}, "note": {text}})
}

// answer answers an open outcome from the page.
func (b *visitor) answer(outcome, score string) reply {
	b.r.t.Helper()
	return b.post("/answer", url.Values{"form": {b.form()}, "outcome": {outcome}, "score": {score}})
}

// cookie is the browser's cookie for the page.
func (b *visitor) cookie() string {
	u, _ := url.Parse(b.r.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == cookieName {
			return c.Value
		}
	}
	return ""
}

var tags = regexp.MustCompile(`<[^>]*>`)

// text is a page's words without its tags, spaces squeezed, for messages
// and for looking for a sentence.
func text(html string) string {
	return strings.Join(strings.Fields(unescape(tags.ReplaceAllString(html, " "))), " ")
}

func unescape(s string) string {
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&quot;", `"`).Replace(s)
}

// stream is a browser's open event stream, read as it comes.
type stream struct {
	t      testing.TB
	res    *http.Response
	events chan sse
}

// sse is one server-sent event.
type sse struct {
	id, kind, data string
	comment        bool
}

// stream opens the browser's event stream.
func (b *visitor) stream() *stream {
	b.r.t.Helper()
	req, _ := http.NewRequest("GET", b.r.base+"/events", nil)
	c := *b.c
	c.Timeout = 0
	res, err := c.Do(req)
	if err != nil {
		b.r.t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		b.r.t.Fatalf("the event stream: %d %s", res.StatusCode, body)
	}
	s := &stream{t: b.r.t, res: res, events: make(chan sse, 64)}
	go s.read()
	b.r.t.Cleanup(func() { res.Body.Close() })
	return s
}

func (s *stream) read() {
	defer close(s.events)
	sc := bufio.NewScanner(s.res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var e sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if e != (sse{}) {
				s.events <- e
			}
			e = sse{}
		case strings.HasPrefix(line, ":"):
			e.comment = true
		case strings.HasPrefix(line, "id: "):
			e.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			e.kind = line[7:]
		case strings.HasPrefix(line, "data: "):
			e.data += line[6:]
		}
	}
}

// next is the stream's next event (comments and the retry line skipped
// unless comments is set), within a deadline.
func (s *stream) next(comments bool) sse {
	s.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				s.t.Fatal("the stream closed")
			}
			if e.kind == "" && !(comments && e.comment) {
				continue
			}
			return e
		case <-deadline:
			s.t.Fatal("no event within 10 seconds")
		}
	}
}

// waitFor waits, within a deadline, until ok holds.
func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 seconds for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func newTestLogger(w io.Writer) *log.Logger { return log.New(w) }
