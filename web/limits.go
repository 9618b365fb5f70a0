package web

import (
	"fmt"
	"math"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// browsers are the places in the room: each browser let in holds one
// while it has a page open (a stream of events) or has asked for a page
// within the idle time, and each has its own limits on what it sends. A
// browser is known only by the random id in its cookie; nothing else
// about it is kept, and nothing of this is written anywhere.
type browsers struct {
	max       int           // places
	idle      time.Duration // a place with no stream is let go this long after its last request
	streams   int           // streams one browser may have open at once
	notes     rate          // notes a browser may send
	answers   rate          // answers a browser may send
	now       func() time.Time
	mu        sync.Mutex
	byID      map[string]*browser
	turnedOut atomic.Int64 // browsers told the room is full
}

// rate is a token bucket's shape: burst at once, then per a minute.
type rate struct {
	perMinute float64
	burst     float64
}

type browser struct {
	seen    time.Time
	streams int
	notes   bucket
	answers bucket
}

// bucket is a token bucket, filled lazily when taken from.
type bucket struct {
	tokens float64
	last   time.Time
}

// take takes a token if there is one; wait is how long until there is.
func (b *bucket) take(r rate, now time.Time) (ok bool, wait time.Duration) {
	if b.last.IsZero() {
		b.tokens = r.burst
	} else {
		b.tokens = math.Min(r.burst, b.tokens+now.Sub(b.last).Minutes()*r.perMinute)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / r.perMinute * float64(time.Minute))
}

func newBrowsers(max, streams int, idle time.Duration, notesPerMinute int, now func() time.Time) *browsers {
	return &browsers{
		max: max, idle: idle, streams: streams, now: now,
		notes:   rate{perMinute: float64(notesPerMinute), burst: float64(notesPerMinute)},
		answers: rate{perMinute: answersPerMinute, burst: answersPerMinute},
		byID:    map[string]*browser{},
	}
}

// answersPerMinute bounds a browser's answers: changing one's mind over
// all the outcomes of a check comes nowhere near it, and a loop sending
// answers cannot keep the session busy.
const answersPerMinute = 60

// enter takes (or keeps) a place for the browser, and counts this as its
// latest request. ok is false when every place is taken: the room is full.
func (b *browsers) enter(id string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if br, ok := b.byID[id]; ok {
		br.seen = now
		return true
	}
	if len(b.byID) >= b.max {
		b.letGoIdleLocked(now)
	}
	if len(b.byID) >= b.max {
		b.turnedOut.Add(1)
		return false
	}
	b.byID[id] = &browser{seen: now}
	return true
}

// letGoIdleLocked frees the places of browsers with no page open that
// have asked for nothing within the idle time.
func (b *browsers) letGoIdleLocked(now time.Time) {
	for id, br := range b.byID {
		if br.streams == 0 && now.Sub(br.seen) > b.idle {
			delete(b.byID, id)
		}
	}
}

// inRoom reports how many places are taken.
func (b *browsers) inRoom() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.byID)
}

// openStream counts a stream of the browser's; ok is false when it has as
// many open as it may, or has no place (the room is full), and why says
// which.
func (b *browsers) openStream(id string) (ok bool, why string) {
	if !b.enter(id) {
		return false, "the room is full"
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	br := b.byID[id]
	if br.streams >= b.streams {
		return false, fmt.Sprintf("this browser has the room's page open %d times already", b.streams)
	}
	br.streams++
	return true, ""
}

// closeStream counts the stream closed; its place is kept for the idle
// time from now.
func (b *browsers) closeStream(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if br, ok := b.byID[id]; ok {
		br.streams--
		br.seen = b.now()
	}
}

// takeNote takes one of the browser's notes; wait says how long until it
// may send another when it may not now.
func (b *browsers) takeNote(id string) (ok bool, wait time.Duration) {
	return b.take(id, func(br *browser) *bucket { return &br.notes }, b.notes)
}

// takeAnswer is takeNote for answers.
func (b *browsers) takeAnswer(id string) (ok bool, wait time.Duration) {
	return b.take(id, func(br *browser) *bucket { return &br.answers }, b.answers)
}

func (b *browsers) take(id string, which func(*browser) *bucket, r rate) (bool, time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	br, ok := b.byID[id]
	if !ok {
		return false, 0
	}
	return which(br).take(r, b.now())
}

// connLimit is the listener's bound on open connections, and what it does
// to each one: a small send buffer, so that a browser that stops reading
// is found out (its writes wait, and time out) before the system has
// queued much for it.
type connLimit struct {
	net.Listener
	max        int64
	sendBuffer int
	open       atomic.Int64
}

// Accept takes the next connection, closing at once those beyond the
// bound: a flood of connections cannot exhaust the process's files.
func (l *connLimit) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.open.Add(1) > l.max {
			l.open.Add(-1)
			_ = c.Close()
			continue
		}
		if tc, ok := c.(*net.TCPConn); ok && l.sendBuffer > 0 {
			_ = tc.SetWriteBuffer(l.sendBuffer)
		}
		return &countedConn{Conn: c, l: l}, nil
	}
}

type countedConn struct {
	net.Conn
	l    *connLimit
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}

// streamsOpen counts the streams open, for tests and the benchmarks.
func (b *browsers) streamsOpen() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, br := range b.byID {
		n += br.streams
	}
	return n
}
