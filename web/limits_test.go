package web

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"pitstop/model"
)

// fakeClock is a clock a test moves by hand, for places and limits.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestNoteLimits(t *testing.T) {
	clock := &fakeClock{now: time.Now()}
	r := startRoom(t, func(o *Options) { o.Now = clock.Now })
	b := r.browser()
	b.enter()

	long := strings.Repeat("a", model.MaxTextBytes+1)
	rep := b.note(long)
	if rep.status != http.StatusUnprocessableEntity || !strings.Contains(text(rep.body), "too long") || !strings.Contains(rep.body, long) {
		t.Errorf("a note too long: %d %.200s", rep.status, text(rep.body))
	}
	huge := strings.Repeat("é", maxFormBytes)
	rep = b.note(huge)
	if rep.status != http.StatusRequestEntityTooLarge || !strings.Contains(text(rep.body), "too long to send") {
		t.Errorf("a form beyond the bound: %d %.200s", rep.status, text(rep.body))
	}
	if rep := b.note("   "); rep.status != http.StatusUnprocessableEntity {
		t.Errorf("an empty note: %d %s", rep.status, text(rep.body))
	}

	// Five a minute, then a word and the note kept; a token comes back
	// every twelve seconds. (The two notes the session refused above took
	// a token each: a minute on, the bucket is full again.)
	clock.add(time.Minute)
	for i := range DefaultNotesPerMinute {
		if rep := b.note(fmt.Sprintf("note %d", i)); rep.status != http.StatusSeeOther {
			t.Fatalf("note %d: %d %s", i, rep.status, text(rep.body))
		}
	}
	rep = b.note("one too many")
	if rep.status != http.StatusTooManyRequests || !strings.Contains(text(rep.body), "5 notes from this browser within a minute") || !strings.Contains(rep.body, ">one too many</textarea>") {
		t.Errorf("the sixth note: %d %s", rep.status, text(rep.body))
	}
	clock.add(12 * time.Second)
	if rep := b.note("one too many"); rep.status != http.StatusSeeOther {
		t.Errorf("twelve seconds later: %d %s", rep.status, text(rep.body))
	}
	if n := len(r.host.Current().Session.Room.Held); n != DefaultNotesPerMinute+1 {
		t.Errorf("%d notes held, want %d", n, DefaultNotesPerMinute+1)
	}
}

func TestTheRoomIsFull(t *testing.T) {
	clock := &fakeClock{now: time.Now()}
	r := startRoom(t, func(o *Options) { o.Now = clock.Now })
	u, _ := url.Parse(r.srv.URL())
	enter := func() (int, string) {
		res, err := http.DefaultTransport.RoundTrip(mustRequest(t, "GET", r.base+u.Path))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res.StatusCode, string(body)
	}
	for i := range DefaultMaxParticipants {
		if status, body := enter(); status != http.StatusSeeOther {
			t.Fatalf("browser %d: %d %s", i+1, status, text(body))
		}
	}
	status, body := enter()
	if status != http.StatusServiceUnavailable || !strings.Contains(text(body), "The room is full") || !strings.Contains(text(body), "300 people") {
		t.Fatalf("browser 301: %d %s", status, text(body))
	}
	if r.srv.browsers.inRoom() != DefaultMaxParticipants {
		t.Errorf("%d in the room", r.srv.browsers.inRoom())
	}
	// Places of browsers gone quiet come free after the idle time.
	clock.add(DefaultIdle + time.Second)
	if status, body := enter(); status != http.StatusSeeOther {
		t.Errorf("after the idle time: %d %s", status, text(body))
	}
}

// A browser whose place went to another while it was away cannot follow
// the room while the room is full: its stream is refused, saying so, and
// its page says the room is full.
func TestAStreamInAFullRoom(t *testing.T) {
	clock := &fakeClock{now: time.Now()}
	r := startRoom(t, func(o *Options) { o.Now = clock.Now; o.MaxParticipants = 1 })
	away, other := r.browser(), r.browser()
	away.enter()
	clock.add(DefaultIdle + time.Second)
	if rep := other.enter(); rep.status != http.StatusOK {
		t.Fatalf("the second browser, the first gone quiet: %d %s", rep.status, text(rep.body))
	}
	res, err := away.c.Get(r.base + "/events")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), "the room is full") || res.Header.Get("Retry-After") == "" {
		t.Errorf("the stream of a browser with no place: %d %s", res.StatusCode, body)
	}
	if rep := away.get("/"); rep.status != http.StatusServiceUnavailable || !strings.Contains(text(rep.body), "The room is full") {
		t.Errorf("the page of a browser with no place: %d %s", rep.status, text(rep.body))
	}
}

func mustRequest(t testing.TB, method, url string) *http.Request {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestStreamsPerBrowser(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	b.enter()
	for range DefaultStreamsPerBrowser {
		b.stream().next(false)
	}
	res, err := b.c.Get(r.base + "/events")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), "open 3 times") {
		t.Errorf("a fourth stream: %d %s", res.StatusCode, body)
	}
	if res, _ := http.Get(r.base + "/events"); res == nil || res.StatusCode != http.StatusForbidden {
		t.Errorf("a stream without the cookie: %v", res)
	}
}

func TestKeepAlive(t *testing.T) {
	r := startRoom(t, func(o *Options) { o.KeepAlive = 20 * time.Millisecond })
	b := r.browser()
	b.enter()
	s := b.stream()
	s.next(false)
	if e := s.next(true); !e.comment {
		t.Errorf("after the view, a quiet stream said %+v", e)
	}
}

// TestASlowReaderHoldsNobodyUp: a browser that opens its stream and reads
// nothing is let go once a write to it has waited the write timeout, and
// meanwhile every other stream gets every change at once.
func TestASlowReaderHoldsNobodyUp(t *testing.T) {
	r := startRoom(t, func(o *Options) {
		o.WriteTimeout = 300 * time.Millisecond
		o.SendBuffer = 4 << 10
	})
	slow, quick := r.browser(), r.browser()
	slow.enter()
	quick.enter()
	conn := rawStream(t, r, slow.cookie())
	defer conn.Close()
	waitFor(t, "the slow stream to open", func() bool { return r.srv.browsers.streamsOpen() == 1 })
	s := quick.stream()
	s.next(false)
	// Stops with long descriptions fill the slow stream's buffers quickly.
	for i := range 200 {
		if i%2 == 0 {
			r.do(model.NextStop{})
		} else {
			r.do(model.PrevStop{})
		}
		if e := s.next(false); e.kind != "view" {
			t.Fatalf("change %d: %+v", i, e)
		}
	}
	waitFor(t, "the slow stream to be closed", func() bool { return r.srv.browsers.streamsOpen() == 1 })
	if !strings.Contains(r.log.String(), "closed a page's stream that took nothing") {
		t.Errorf("the log does not say the stream was closed:\n%s", r.log)
	}
}

// rawStream opens a stream on a connection of its own, with a small
// receive buffer, and reads nothing from it.
func rawStream(t *testing.T, r *testRoom, cookie string) net.Conn {
	t.Helper()
	d := net.Dialer{Control: nil}
	conn, err := d.DialContext(context.Background(), "tcp", strings.TrimPrefix(r.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.(*net.TCPConn).SetReadBuffer(1024)
	fmt.Fprintf(conn, "GET /events HTTP/1.1\r\nHost: %s\r\nCookie: %s=%s\r\n\r\n", strings.TrimPrefix(r.base, "http://"), cookieName, cookie)
	return conn
}

func TestIdleConnectionsClosed(t *testing.T) {
	// A connection that sends no request is closed after the header
	// timeout: the server's own setting, checked here, not waited for.
	r := startRoom(t, nil)
	if r.srv.http.ReadHeaderTimeout <= 0 || r.srv.http.IdleTimeout <= 0 || r.srv.http.MaxHeaderBytes <= 0 {
		t.Errorf("server timeouts: %+v", r.srv.http)
	}
	// A stream lifts the read timeout, so a page open a long time keeps
	// following: the read deadline is gone once the stream is open.
	b := r.browser()
	b.enter()
	conn := rawStream(t, r, b.cookie())
	defer conn.Close()
	br := bufio.NewReader(conn)
	line, err := br.ReadString('\n')
	if err != nil || !strings.Contains(line, "200") {
		t.Fatalf("stream: %q %v", line, err)
	}
}

func TestTooManyConnections(t *testing.T) {
	r := startRoom(t, func(o *Options) { o.MaxConns = 2 })
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 2 {
		c, err := net.Dial("tcp", strings.TrimPrefix(r.base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	waitFor(t, "two connections counted", func() bool { return r.srv.openConns() == 2 })
	c, err := net.Dial("tcp", strings.TrimPrefix(r.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Error("a third connection was kept")
	}
}
