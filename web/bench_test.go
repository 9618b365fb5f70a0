package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pitstop/model"
)

// The benchmarks of the participants' page, each beside its floor, measured
// in the same run: what the same work costs a bare net/http server that
// does nothing else. Run them with
//
//	go test -run '^$' -bench . -benchtime 200x ./web
//
// Latencies are reported as p50 and max over the run (ms), beside ns/op.

const streamsOpen = DefaultMaxParticipants // 300 browsers following the room

// streamReader is one browser's stream on a raw connection, read as it
// comes: each event's id is counted, so a benchmark can wait until every
// stream has a version.
type streamReader struct{ conn net.Conn }

// arrivals counts, for the version a benchmark waits for, the streams
// that have it.
type arrivals struct {
	mu     sync.Mutex
	want   uint64
	n, all int
	done   chan struct{}
}

func (a *arrivals) expect(id uint64, all int) <-chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.want, a.n, a.all, a.done = id, 0, all, make(chan struct{})
	return a.done
}

func (a *arrivals) seen(id uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done != nil && id == a.want {
		if a.n++; a.n == a.all {
			close(a.done)
		}
	}
}

// openStreams opens n streams to addr (each a browser of its own, with
// the cookie cookieFor gives) and reads them, counting arrivals.
func openStreams(b *testing.B, addr string, n int, cookieFor func() string, got *arrivals) []net.Conn {
	b.Helper()
	conns := make([]net.Conn, 0, n)
	for range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(c, "GET /events HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nLast-Event-ID: 0\r\n\r\n", addr, cookieFor())
		conns = append(conns, c)
		if got != nil {
			go readEvents(c, got)
		}
	}
	b.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	return conns
}

func readEvents(c net.Conn, got *arrivals) {
	r := bufio.NewReaderSize(c, 16<<10)
	for {
		line, err := r.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull {
			return
		}
		if id, ok := bytes.CutPrefix(line, []byte("id: ")); ok {
			if v, err := strconv.ParseUint(string(bytes.TrimSpace(id)), 10, 64); err == nil {
				got.seen(v)
			}
		}
	}
}

// browserCookie lets a new browser into the room and gives its cookie.
func browserCookie(b *testing.B, s *Server) string {
	id := newBrowserID()
	if !s.browsers.enter(id) {
		b.Fatal("the room is full")
	}
	c := s.keys.cookie(id)
	return c.Name + "=" + c.Value
}

// latencies keeps each iteration's time and reports p50 and max.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[len(l)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(l[len(l)-1].Microseconds())/1000, "ms-max")
}

// BenchmarkNoteToFacilitator: a note posted from a browser (an HTTP POST
// with its form token) until the facilitator's client has it in an
// update, held, while 300 streams follow the room. A held note wakes no
// stream.
func BenchmarkNoteToFacilitator(b *testing.B) {
	r := startRoom(b, func(o *Options) { o.NotesPerMinute = 1 << 30; o.MaxParticipants = streamsOpen + 1 })
	var got arrivals
	openStreams(b, strings.TrimPrefix(r.base, "http://"), streamsOpen, func() string { return browserCookie(b, r.srv) }, &got)
	waitFor(b, "the streams to open", func() bool { return r.srv.browsers.streamsOpen() == streamsOpen })
	facilitator, err := r.hub.Join(r.host, model.Actor{Role: model.RoleFacilitator, Name: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer facilitator.Leave()
	v := r.browser()
	v.enter()
	form := v.form()
	var times latencies
	b.ResetTimer()
	for i := range b.N {
		note := "note " + strconv.Itoa(i)
		start := time.Now()
		rep := v.post("/note", url.Values{"form": {form}, "note": {note}})
		if rep.status != http.StatusSeeOther {
			b.Fatalf("note: %d %s", rep.status, text(rep.body))
		}
		for {
			u, ok := facilitator.Next()
			if !ok {
				b.Fatal("the session ended")
			}
			if held := u.Session.Room.Held; len(held) > 0 && held[len(held)-1].Text == note {
				break
			}
		}
		times = append(times, time.Since(start))
		if i%100 == 99 {
			b.StopTimer()
			for _, h := range r.host.Current().Session.Room.Held {
				r.do(model.DiscardHeld{ID: h.ID})
			}
			b.StartTimer()
		}
	}
	b.StopTimer()
	times.report(b)
}

// bareFanOut is the floor's server: plain net/http, a stream per browser
// fed from a channel of its own, and a POST handler that writes one
// event to every stream and answers.
type bareFanOut struct {
	mu      sync.Mutex
	streams map[chan []byte]bool
	event   []byte
	version uint64
}

func (f *bareFanOut) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case "GET":
		ch := make(chan []byte, 1)
		f.mu.Lock()
		f.streams[ch] = true
		f.mu.Unlock()
		defer func() {
			f.mu.Lock()
			delete(f.streams, ch)
			f.mu.Unlock()
		}()
		rc := http.NewResponseController(w)
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		_ = rc.Flush()
		for {
			select {
			case ev := <-ch:
				_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
				if _, err := w.Write(ev); err != nil {
					return
				}
				if rc.Flush() != nil {
					return
				}
			case <-r.Context().Done():
				return
			}
		}
	case "POST":
		_ = r.ParseForm()
		f.broadcast()
		http.Redirect(w, r, "/", http.StatusSeeOther)
	}
}

func (f *bareFanOut) broadcast() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.version++
	ev := append([]byte("id: "+strconv.FormatUint(f.version, 10)+"\n"), f.event...)
	for ch := range f.streams {
		select {
		case ch <- ev:
		default:
		}
	}
	return f.version
}

func (f *bareFanOut) open() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.streams)
}

// startBare serves the floor, with event as each event's body after its
// id.
func startBare(b *testing.B, event []byte) (*bareFanOut, string) {
	f := &bareFanOut{streams: map[chan []byte]bool{}, event: event}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: f}
	go srv.Serve(l)
	b.Cleanup(func() { srv.Close() })
	return f, l.Addr().String()
}

// changeEvent is the event the page sends when the room moves on, as one
// browser's stream carries it, without its id: the floor sends the same.
func changeEvent(b *testing.B, r *testRoom) []byte {
	v := r.srv.current()
	ev := r.srv.event(v, newBrowserID())
	_, rest, _ := bytes.Cut(ev, []byte("\n"))
	return rest
}

// BenchmarkNoteFloor is a bare net/http handler taking the same POST and
// writing an event of the page's size to 300 streams before it answers.
func BenchmarkNoteFloor(b *testing.B) {
	r := startRoom(b, nil)
	f, addr := startBare(b, changeEvent(b, r))
	var got arrivals
	openStreams(b, addr, streamsOpen, func() string { return "x=y" }, &got)
	waitFor(b, "the streams to open", func() bool { return f.open() == streamsOpen })
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var times latencies
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		res, err := client.PostForm("http://"+addr+"/note", url.Values{"form": {"abcdefghijklmnopqrstuv"}, "note": {"note " + strconv.Itoa(i)}})
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	times.report(b)
}

// BenchmarkChangeToStreams: the facilitator moves the room on, until all
// 300 streams have the event (each drawn for its browser).
func BenchmarkChangeToStreams(b *testing.B) {
	r := startRoom(b, nil)
	var got arrivals
	openStreams(b, strings.TrimPrefix(r.base, "http://"), streamsOpen, func() string { return browserCookie(b, r.srv) }, &got)
	waitFor(b, "the streams to open", func() bool { return r.srv.browsers.streamsOpen() == streamsOpen })
	var times latencies
	b.ResetTimer()
	for i := range b.N {
		next := r.srv.current().Version + 1
		done := got.expect(next, streamsOpen)
		start := time.Now()
		if i%2 == 0 {
			r.do(model.NextStop{})
		} else {
			r.do(model.PrevStop{})
		}
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			b.Fatalf("version %d reached %d streams of %d", next, got.n, streamsOpen)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	times.report(b)
}

// BenchmarkChangeFloor: a bare net/http server sends an event of the same
// size to 300 streams, until all have it.
func BenchmarkChangeFloor(b *testing.B) {
	r := startRoom(b, nil)
	f, addr := startBare(b, changeEvent(b, r))
	var got arrivals
	openStreams(b, addr, streamsOpen, func() string { return "x=y" }, &got)
	waitFor(b, "the streams to open", func() bool { return f.open() == streamsOpen })
	var times latencies
	b.ResetTimer()
	for range b.N {
		f.mu.Lock()
		next := f.version + 1
		f.mu.Unlock()
		done := got.expect(next, streamsOpen)
		start := time.Now()
		f.broadcast()
		<-done
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	times.report(b)
}

// BenchmarkMemoryPerParticipant: what the server holds for each of 300
// browsers following the room (heap and goroutine stacks, after a
// collection), measured once; the browsers are raw connections that
// read nothing more, so little of it is theirs.
func BenchmarkMemoryPerParticipant(b *testing.B) {
	r := startRoom(b, nil)
	addr := strings.TrimPrefix(r.base, "http://")
	measure := func() (uint64, int) {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc + m.StackInuse, runtime.NumGoroutine()
	}
	cookies := make([]string, streamsOpen)
	for i := range cookies {
		cookies[i] = browserCookie(b, r.srv)
	}
	before, goBefore := measure()
	next := 0
	openStreams(b, addr, streamsOpen, func() string { next++; return cookies[next-1] }, nil)
	waitFor(b, "the streams to open", func() bool { return r.srv.browsers.streamsOpen() == streamsOpen })
	after, goAfter := measure()
	for range b.N {
	}
	b.ReportMetric(float64(after-before)/streamsOpen, "B/participant")
	b.ReportMetric(float64(goAfter-goBefore)/streamsOpen, "goroutines/participant")
}

// BenchmarkPage: the room's page as a phone first loads it, with the
// check open and the room's answers shown: its size over the wire (the
// page with its headers, then the style and the script), and the time to
// its first byte on loopback.
func BenchmarkPage(b *testing.B) {
	r := roomWithResults(b, nil)
	v := r.browser()
	v.enter()
	cookie := "Cookie: " + cookieName + "=" + v.cookie()
	page := wireSize(b, r.base, "/", cookie)
	all := page + wireSize(b, r.base, "/static/style.css", "") + wireSize(b, r.base, "/static/page.js", "")
	firstByte(b, strings.TrimPrefix(r.base, "http://"), "/", cookie)
	// After the timing: ResetTimer drops the metrics reported before it.
	b.ReportMetric(float64(page), "bytes-page")
	b.ReportMetric(float64(all), "bytes-all")
}

// BenchmarkPageFloor: a bare net/http handler writing the same page.
func BenchmarkPageFloor(b *testing.B) {
	r := roomWithResults(b, nil)
	v := r.browser()
	page := v.enter().body
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})}
	go srv.Serve(l)
	defer srv.Close()
	firstByte(b, l.Addr().String(), "/", "X-Nothing: here")
}

// wireSize is the bytes of an answer as they cross the wire: status line,
// headers and body.
func wireSize(b *testing.B, base, path, header string) int {
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if header != "" {
		header += "\r\n"
	}
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", path, header)
	all, _ := io.ReadAll(c)
	return len(all)
}

// firstByte times, b.N times on one kept-alive connection, a GET until the
// answer's first byte; the rest is read before the next.
func firstByte(b *testing.B, addr, path, header string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	req := []byte("GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\n" + header + "\r\n\r\n")
	var times latencies
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if _, err := c.Write(req); err != nil {
			b.Fatal(err)
		}
		if _, err := br.Peek(1); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	b.StopTimer()
	times.report(b)
}
