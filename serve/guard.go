package serve

import (
	"crypto/rand"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// How long the server waits on a connection before letting it go. None of
// these is a limit a person at ssh meets: OpenSSH finishes its handshake in
// milliseconds and opens its screen right after.
const (
	// DefaultHandshakeTimeout is how long a connection has from its first
	// byte to logging in, and, once logged in, to having a screen open.
	// A connection that never does the SSH handshake is closed after it.
	DefaultHandshakeTimeout = 10 * time.Second
	// DefaultAnswerTimeout is how long a person has to answer a question
	// while logging in: the join code at ssh's prompt, or the passphrase
	// of a key the server has said it would take.
	DefaultAnswerTimeout = time.Minute
	// DefaultScreensPerConn is how many screens (SSH sessions) one
	// connection may have open at once; each counts against MaxConns.
	DefaultScreensPerConn = 3
	// writeTimeout is how long one write to a connection may wait for the
	// client to take it; a connection that takes nothing for this long is
	// gone, and is closed.
	writeTimeout = 30 * time.Second
	// closeTimeout is how long a last word and the closing of a screen may
	// take before the connection under it is closed outright.
	closeTimeout = 3 * time.Second
)

// guardedConn is one TCP connection, as the server tracks it from accept to
// close: it must log in within the handshake time, it holds its places
// among the MaxConns only once logged in, it may open a few screens, and no
// write to it may wait forever.
type guardedConn struct {
	net.Conn
	srv *Server

	mu       sync.Mutex
	until    time.Time // the login's deadline; zero once logged in
	loggedIn bool
	full     bool   // logged in when every place was taken: told so, then let go
	held     int    // places among MaxConns this connection holds
	screens  int    // screens open
	serving  int    // screens being served (past their shell or exec request)
	guest    string // the id of the person who joined with the code, once one has
	refused  int    // keys refused while logging in, for the words that say why
	told     string // what the last refusal said while logging in was about
	unused   *time.Timer
	closed   bool
}

// connKey is where a connection's guard is kept in its context.
const connKey contextKey = "pitstop-conn"

func guardOf(ctx ssh.Context) *guardedConn {
	c, _ := ctx.Value(connKey).(*guardedConn)
	return c
}

// guardConns counts and guards every connection from its first byte: one
// more beyond the pending limit is closed at once; the rest must log in
// within the handshake time.
func (s *Server) guardConns() ssh.Option {
	return func(srv *ssh.Server) error {
		srv.ConnCallback = func(ctx ssh.Context, c net.Conn) net.Conn {
			s.mu.Lock()
			if len(s.conns) >= s.opts.MaxPending+s.opts.MaxConns || s.pending >= s.opts.MaxPending {
				s.mu.Unlock()
				s.log.Warn("refused a connection: too many at once", "from", c.RemoteAddr())
				_ = c.Close()
				return nil
			}
			g := &guardedConn{Conn: c, srv: s, until: time.Now().Add(s.opts.HandshakeTimeout)}
			s.conns[g] = true
			s.pending++
			s.mu.Unlock()
			_ = c.SetReadDeadline(g.until)
			ctx.SetValue(connKey, g)
			return g
		}
		srv.ServerConfigCallback = func(ctx ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{
				// Logging in is when a connection takes its place: not
				// before, so that connections that never log in hold none.
				AuthLogCallback: func(_ gossh.ConnMetadata, _ string, err error) {
					if g := guardOf(ctx); g != nil && err == nil {
						g.logIn()
					}
				},
			}
		}
		return nil
	}
}

// SetDeadline is how the SSH server keeps its own idle time. Only reads
// get it, and never later than the login's deadline: writes have their
// own, each (see Write), which a read running beside them must not move.
func (c *guardedConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	if !c.until.IsZero() && (t.IsZero() || c.until.Before(t)) {
		t = c.until
	}
	c.mu.Unlock()
	return c.Conn.SetReadDeadline(t)
}

// Write gives up on a client that takes nothing for writeTimeout, and closes
// the connection: everything waiting on it is let go.
func (c *guardedConn) Write(p []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	n, err := c.Conn.Write(p)
	if err != nil {
		_ = c.Close()
	}
	return n, err
}

// Close lets go of the connection's places, once.
func (c *guardedConn) Close() error {
	c.mu.Lock()
	first := !c.closed
	c.closed = true
	held, loggedIn := c.held, c.loggedIn
	c.held = 0
	if c.unused != nil {
		c.unused.Stop()
	}
	c.mu.Unlock()
	if first {
		s := c.srv
		s.mu.Lock()
		delete(s.conns, c)
		if !loggedIn {
			s.pending--
		}
		s.places -= held
		s.mu.Unlock()
	}
	return c.Conn.Close()
}

// waitForAnswer gives a person at ssh's prompt time to answer.
func (c *guardedConn) waitForAnswer() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loggedIn {
		c.until = time.Now().Add(c.srv.opts.AnswerTimeout)
	}
}

// logIn takes the connection's first place among MaxConns, or marks it
// full: it is then told so on its screen, where OpenSSH shows it, and let go.
func (c *guardedConn) logIn() {
	s := c.srv
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loggedIn || c.closed {
		return
	}
	c.loggedIn, c.until = true, time.Time{}
	s.mu.Lock()
	s.pending--
	if s.places < s.opts.MaxConns {
		s.places++
		c.held = 1
	} else {
		c.full = true
	}
	s.mu.Unlock()
	c.watchUnusedLocked()
}

// watchUnusedLocked closes a logged-in connection that has no screen being
// served for the handshake time: one that never opens one would otherwise
// keep its place for as long as it likes.
func (c *guardedConn) watchUnusedLocked() {
	if c.unused == nil {
		c.unused = time.AfterFunc(c.srv.opts.HandshakeTimeout, func() {
			c.srv.log.Warn("closed a connection with no screen open", "from", c.RemoteAddr())
			_ = c.Close()
		})
		return
	}
	c.unused.Reset(c.srv.opts.HandshakeTimeout)
}

func (c *guardedConn) isFull() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.full
}

// errScreens is why a screen was not opened.
type errScreens string

func (e errScreens) Error() string { return string(e) }

// openScreen counts one more screen on the connection: beyond the first,
// each takes a place of its own.
func (c *guardedConn) openScreen() error {
	s := c.srv
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.screens >= s.opts.ScreensPerConn {
		return errScreens(fmt.Sprintf("Pit Stop: at most %d screens on one connection", s.opts.ScreensPerConn))
	}
	if !c.full && c.screens+1 > c.held {
		s.mu.Lock()
		free := s.places < s.opts.MaxConns
		if free {
			s.places++
			c.held++
		}
		s.mu.Unlock()
		if !free {
			return errScreens(fullMessage(s.opts.MaxConns))
		}
	}
	c.screens++
	return nil
}

// closeScreen gives back the place a screen took; the connection keeps
// one while it is open.
func (c *guardedConn) closeScreen() {
	s := c.srv
	c.mu.Lock()
	defer c.mu.Unlock()
	c.screens--
	if c.held > max(1, c.screens) {
		c.held--
		s.mu.Lock()
		s.places--
		s.mu.Unlock()
	}
}

// serve marks a screen as being served, until done is called.
func (c *guardedConn) serve() (done func()) {
	c.mu.Lock()
	c.serving++
	if c.unused != nil {
		c.unused.Stop()
	}
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.serving--
		if c.serving == 0 && !c.closed {
			c.watchUnusedLocked()
		}
	}
}

// refuseKey counts a key refused while logging in.
func (c *guardedConn) refuseKey() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refused++
}

// refusedKeys is how many keys were refused while logging in.
func (c *guardedConn) refusedKeys() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refused
}

// firstTelling reports whether what a refusal is about has not just been
// said on this connection, and marks it said.
func (c *guardedConn) firstTelling(about string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	first := c.told != about
	c.told = about
	return first
}

// guestID is the person who joined on this connection with the join code:
// one person per connection, whatever screens they open on it.
func (c *guardedConn) guestID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.guest == "" {
		c.guest = c.srv.people.newGuest()
	}
	return c.guest
}

func fullMessage(max int) string {
	return fmt.Sprintf("Pit Stop: the session is full (%d screens); try again later, or ask the facilitator to make room.", max)
}

// openScreenChannel opens a screen (an SSH session channel) within the
// connection's limits, its requests filtered (see filterRequests).
func (s *Server) openScreenChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	g := guardOf(ctx)
	if g == nil {
		_ = nc.Reject(gossh.Prohibited, "Pit Stop: not logged in")
		return
	}
	if err := g.openScreen(); err != nil {
		s.log.Warn("refused a screen", "why", err.Error(), "from", conn.RemoteAddr())
		_ = nc.Reject(gossh.ResourceShortage, err.Error())
		return
	}
	defer g.closeScreen()
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: nc, srv: s}, ctx)
}

// filteredChannel is a screen's channel whose requests pass through
// filterRequests.
type filteredChannel struct {
	gossh.NewChannel
	srv *Server
}

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go c.srv.filterRequests(reqs, out)
	return ch, out, nil
}

// Limits on a screen's requests.
const (
	maxQueuedRequests = 32
	maxEnvRequests    = 64
)

// screenEnv is the variable by which a screen's handler finds the window
// its requests' filter keeps (see filterRequests); its value is random,
// and it is set last, after anything the client sent.
const screenEnv = "PITSTOP_SCREEN"

// filterRequests stands between a screen's requests and the SSH library's
// handling of them, which answers agent forwarding with yes, keeps every
// variable sent, and stops reading a screen's requests (and, behind them,
// the whole connection's) while a window change waits to be taken, writing
// the window's size where the screen reads it. Here agent forwarding is
// refused, variables are bounded, requests beyond a small queue are
// refused, and window changes never reach the library: they are answered
// here and kept, the newest only, for the screen (see windowFollower).
func (s *Server) filterRequests(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	window := &windowFollower{nudge: make(chan struct{}, 1)}
	id := rand.Text()
	defer func() {
		s.mu.Lock()
		delete(s.windows, id)
		s.mu.Unlock()
	}()
	var queue []*gossh.Request
	envs := 0
	for {
		var next *gossh.Request
		var send chan<- *gossh.Request
		if len(queue) > 0 {
			next, send = queue[0], out
		}
		select {
		case r, ok := <-in:
			if !ok {
				for _, r := range queue {
					out <- r
				}
				return
			}
			switch r.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				_ = r.Reply(false, nil)
				continue
			case "window-change":
				var size struct{ Columns, Rows, Width, Height uint32 }
				if err := gossh.Unmarshal(r.Payload, &size); err != nil {
					_ = r.Reply(false, nil)
					continue
				}
				window.set(ssh.Window{Width: int(size.Columns), Height: int(size.Rows)})
				_ = r.Reply(true, nil)
				continue
			case "env":
				if envs++; envs > maxEnvRequests {
					_ = r.Reply(false, nil)
					continue
				}
			case "shell", "exec":
				if len(queue)+2 > maxQueuedRequests {
					_ = r.Reply(false, nil)
					continue
				}
				s.mu.Lock()
				s.windows[id] = window
				s.mu.Unlock()
				mark := gossh.Marshal(struct{ Key, Value string }{screenEnv, id})
				queue = append(queue, &gossh.Request{Type: "env", Payload: mark}) // no reply wanted: none is sent
			}
			if len(queue) >= maxQueuedRequests {
				_ = r.Reply(false, nil)
				continue
			}
			queue = append(queue, r)
		case send <- next:
			queue = queue[1:]
		}
	}
}
