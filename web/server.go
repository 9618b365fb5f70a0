// Package web serves the participants' page: a small web page, beside the
// SSH server and from the same process, through which everyone in the room
// follows the live session from a phone or a laptop, sends the
// facilitator a note with no name on it, and answers the partnership check
// when the facilitator opens it to the room. There is nothing to install
// and no account, and nothing about a participant (address, browser, id)
// is kept in the session, the log or the minutes.
//
// The page is one more client of the live session, with the role
// participant, for all the browsers together; it works with scripts off
// (forms that post, then redirect) and follows the room live where scripts
// run (server-sent events).
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/log"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// Options are what the page needs.
type Options struct {
	Hub  *sessions.Hub
	Host *sessions.Client // the host's attachment: the page joins its session
	// Workshop gives each stop's description and prompts, and each
	// outcome's explanation.
	Workshop *config.Workshop
	// Addr is where the page listens (the listener's address), from which
	// URL says where to find it.
	Addr string
	// JoinCode, when set, lets a browser in at the page's plain address
	// (Home) by typing it; it stops working after MaxCodeTries wrong
	// tries. The address with the token (URL) needs no code.
	JoinCode string
	Log      io.Writer        // where the page says what it did: never who
	Now      func() time.Time // the clock of places and limits

	// MaxParticipants is how many browsers may have the page at once.
	MaxParticipants int
	// NotesPerMinute is how many notes one browser may send in a minute
	// (as many at once).
	NotesPerMinute int
	// Idle is how long a browser with no page open keeps its place after
	// its last request.
	Idle time.Duration
	// StreamsPerBrowser is how many pages one browser may have open,
	// following the room, at once.
	StreamsPerBrowser int
	// KeepAlive is how often a stream with nothing to say says so (a
	// comment), so that a connection nobody uses is found out and proxies
	// and phones keep it open.
	KeepAlive time.Duration
	// WriteTimeout is how long one write to a browser may wait: a browser
	// that takes nothing for this long is let go.
	WriteTimeout time.Duration
	// MaxConns bounds the open connections; SendBuffer is each one's send
	// buffer in bytes (0: the system's).
	MaxConns   int
	SendBuffer int
}

// Defaults of the limits.
const (
	DefaultMaxParticipants   = 300
	DefaultNotesPerMinute    = 5
	DefaultIdle              = 30 * time.Minute
	DefaultStreamsPerBrowser = 3
	DefaultKeepAlive         = 20 * time.Second
	DefaultWriteTimeout      = 10 * time.Second
	// readTimeout is how long a browser has to send a request's headers,
	// and a form its body; idleTimeout how long a connection may wait for
	// its next request.
	readTimeout = 10 * time.Second
	idleTimeout = 60 * time.Second
	// maxFormBytes bounds a posted form: a note at its longest, each byte
	// written as %XX, and room for the other fields.
	maxFormBytes = 3*model.MaxTextBytes + 2<<10
)

// PageActor is who the page sends every browser's notes and answers as:
// the participant role, no id, and a name for the list of who is
// connected. One actor for all the browsers, so nothing tells them apart.
func PageActor() model.Actor {
	return model.Actor{Role: model.RoleParticipant, Name: "the room's page"}
}

// Server serves the participants' page of one live session.
type Server struct {
	opts     Options
	log      *log.Logger
	http     *http.Server
	keys     keyring
	token    string // in the address: whoever has it may come in
	browsers *browsers
	tries    codeTries
	room     room
	drawn    eventCache    // the latest version's events, drawn once each
	followed chan struct{} // closed when follow has returned

	mu       sync.Mutex
	listener *connLimit
	shutOnce sync.Once
}

// New joins the host's live session as the page and makes the server. It
// does not listen yet.
func New(opts Options) (*Server, error) {
	if opts.Hub == nil || opts.Host == nil {
		return nil, errors.New("the participants' page needs the live session to serve")
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxParticipants <= 0 {
		opts.MaxParticipants = DefaultMaxParticipants
	}
	if opts.NotesPerMinute <= 0 {
		opts.NotesPerMinute = DefaultNotesPerMinute
	}
	if opts.Idle <= 0 {
		opts.Idle = DefaultIdle
	}
	if opts.StreamsPerBrowser <= 0 {
		opts.StreamsPerBrowser = DefaultStreamsPerBrowser
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = DefaultKeepAlive
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = DefaultWriteTimeout
	}
	if opts.MaxConns <= 0 {
		// Each browser's stream and a page or two beside it, and room for
		// the browsers on their way in.
		opts.MaxConns = 3*opts.MaxParticipants + 64
	}
	client, err := opts.Hub.Join(opts.Host, PageActor())
	if err != nil {
		return nil, fmt.Errorf("the participants' page cannot join the session: %w", err)
	}
	s := &Server{
		opts:     opts,
		log:      log.NewWithOptions(opts.Log, log.Options{ReportTimestamp: true, Prefix: "pitstop web"}),
		keys:     newKeyring(),
		token:    strings.ToLower(rand.Text()[:20]), // 100 bits
		browsers: newBrowsers(opts.MaxParticipants, opts.StreamsPerBrowser, opts.Idle, opts.NotesPerMinute, opts.Now),
		followed: make(chan struct{}),
	}
	s.room = room{client: client, changed: make(chan struct{})}
	first := client.Current()
	s.room.view = makeView(opts.Workshop, first.Session, "", 0)
	s.room.view.hubVersion = first.Version
	s.http = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: readTimeout,
		// A form's body, too; a stream, which reads nothing more, lifts it.
		ReadTimeout: readTimeout,
		// A page's whole answer; a stream sets a deadline for each write.
		WriteTimeout:   opts.WriteTimeout,
		IdleTimeout:    idleTimeout,
		MaxHeaderBytes: 16 << 10,
		// net/http names the browser's address in what it logs (a panic
		// in a handler, a broken handshake): those lines go to the page's
		// log with the address taken out.
		ErrorLog: stdlog.New(withoutAddresses{s.log}, "", 0),
	}
	go s.follow()
	return s, nil
}

// Serve answers browsers on l until Shutdown; it returns nil then.
func (s *Server) Serve(l net.Listener) error {
	cl := &connLimit{Listener: l, max: int64(s.opts.MaxConns), sendBuffer: s.opts.SendBuffer}
	s.mu.Lock()
	s.listener = cl
	s.mu.Unlock()
	s.log.Info("serving the participants' page", "on", l.Addr().String(), "places", s.opts.MaxParticipants)
	err := s.http.Serve(cl)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown ends the page for every browser, saying why: each open page is
// sent the ended page and its stream closed, then the server stops and
// the page's attachment leaves the session. It waits on no browser for
// more than a couple of seconds.
func (s *Server) Shutdown(why string) {
	s.shutOnce.Do(func() {
		s.end(endedWords(why))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.http.Shutdown(ctx); err != nil {
			_ = s.http.Close()
		}
		_ = s.room.client.Leave()
		select {
		case <-s.followed:
		case <-time.After(2 * time.Second):
		}
		s.log.Info("stopped serving the participants' page", "why", why)
	})
}

// endedWords is why the session ended, as the page says it.
func endedWords(why string) string {
	why = strings.TrimSuffix(strings.TrimSpace(why), ".")
	if why == "" {
		return "The session has ended."
	}
	return "The session has ended: " + why + "."
}

// URL is the address to give the room, the token in it: scanned from the
// QR code or typed, it opens the page with nothing more to type.
func (s *Server) URL() string { return s.Home() + "t/" + s.token }

// Home is the page's plain address, where the join code is asked for
// when there is one.
func (s *Server) Home() string {
	return "http://" + RoomHost(s.opts.Addr) + "/"
}

// tokenOK reports whether a token is the page's own.
func (s *Server) tokenOK(token string) bool {
	return subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) == 1
}

// ListenAddr is where --web ADDR (or [serve] web) says to listen, as SSH's
// --addr: a port alone, or a host left out, means this computer only
// (127.0.0.1); the room's network needs an explicit host, such as
// 0.0.0.0:8080.
func ListenAddr(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return "", errors.New("the participants' page needs an address: a port such as 8080, or 0.0.0.0:8080 for the room's network")
	}
	if _, err := strconv.ParseUint(addr, 10, 16); err == nil {
		return net.JoinHostPort("127.0.0.1", addr), nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%q is not an address for the participants' page: give a port (8080) or a host and port (0.0.0.0:8080)", addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return "", fmt.Errorf("%q is not an address for the participants' page: its port must be a number from 0 to 65535", addr)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// LoopbackOnly reports whether an address listened on is reachable from
// this computer only, so that the serve banner can say phones cannot
// reach it.
func LoopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// RoomHost is the host and port that phones in the room can reach an
// address listened on at: the address itself, or, for every address of
// this computer (0.0.0.0, ::), its address on the local network (the first
// private IPv4 address of an interface that is up), else its name.
func RoomHost(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = lanAddress()
	}
	return net.JoinHostPort(host, port)
}

// lanAddress is this computer's address on the room's network, or its
// name when it has none that looks like one.
func lanAddress() string {
	var fallback string
	ifaces, _ := net.Interfaces()
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok || ipn.IP.To4() == nil {
				continue
			}
			if ipn.IP.IsPrivate() {
				return ipn.IP.String()
			}
			if fallback == "" && ipn.IP.IsGlobalUnicast() {
				fallback = ipn.IP.String()
			}
		}
	}
	if fallback != "" {
		return fallback
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		return name
	}
	return "localhost"
}

// withoutAddresses passes net/http's own log lines to the page's log with
// every IP address (and port) in them taken out: the log never says where
// a participant was.
type withoutAddresses struct{ log *log.Logger }

var addressPattern = regexp.MustCompile(`\[[0-9A-Fa-f:.%\w]*\](:\d+)?|\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b|\b[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(%\w+)?\b`)

func (w withoutAddresses) Write(p []byte) (int, error) {
	line := strings.TrimSpace(addressPattern.ReplaceAllString(string(p), "a browser"))
	w.log.Warn(model.StripControls(line))
	return len(p), nil
}

// openConns counts the connections open now.
func (s *Server) openConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return 0
	}
	return int(s.listener.open.Load())
}
