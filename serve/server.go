package serve

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
	"pitstop/ui"
)

// Options are what a server needs.
type Options struct {
	Hub      *sessions.Hub
	Store    *sessions.Store
	Workshop *config.Workshop
	Keys     AllowList
	// JoinCode, when set, lets a person with no key on the lists join as
	// notes or view by typing it (keyboard-interactive). It stops working
	// after MaxCodeTries wrong tries, and when the session ends.
	JoinCode    string
	Addr        string
	HostKeyPath string        // generated on first use, kept for the next workshop
	Idle        time.Duration // a screen that types nothing this long is closed
	// MaxConns is how many screens may be open at once, counted from the
	// login: a connection holds one place, and one per screen beyond its
	// first. ScreensPerConn is the most one connection may open.
	MaxConns       int
	ScreensPerConn int
	// MaxPending is how many connections may be on their way in (not yet
	// logged in) at once; each has HandshakeTimeout to log in, or
	// AnswerTimeout once it is asked for the join code or a key's
	// passphrase.
	MaxPending       int
	HandshakeTimeout time.Duration
	AnswerTimeout    time.Duration
	Rate             float64 // changes a second a screen may send, on average
	Burst            int     // and at once
	// InputRate and InputBurst bound the bytes a screen may type: a burst,
	// then a rate. What goes beyond is left out, with a word.
	InputRate  float64
	InputBurst int
	Log        io.Writer // where connections and refusals are logged
}

// Defaults for the limits.
const (
	DefaultMaxConns = 32
	DefaultIdle     = 30 * time.Minute
	DefaultRate     = 10
	DefaultBurst    = 30
	MaxCodeTries    = model.MaxCodeTries
)

// Server serves one live session over SSH.
type Server struct {
	opts     Options
	srv      *ssh.Server
	log      *log.Logger
	people   *people
	tries    codeTries
	ended    atomic.Value // why the session ended for everyone, once it has
	warnings []string
	host     atomic.Pointer[sessions.Client] // every screen joins the session through it
	// framesLeftOut counts the times a screen's client fell so far behind
	// that the frames it had not taken were let go.
	framesLeftOut atomic.Int64

	mu        sync.Mutex
	conns     map[*guardedConn]bool // every connection, from its first byte
	pending   int                   // connections not yet logged in
	places    int                   // places among MaxConns taken
	serving   int                   // screens being served
	allDone   chan struct{}         // closed when serving drops to zero during Shutdown
	programs  map[*tea.Program]bool
	lineStops map[chan string]bool       // the line-mode screens, told when the session ends
	windows   map[string]*windowFollower // each screen's window, kept by its requests' filter
}

// ErrNoWayIn is returned by New when nobody could ever join: wish would let
// everyone in with no check at all, so Pit Stop refuses to start.
var ErrNoWayIn = errors.New("nobody could join: give at least one list of keys (--facilitator-keys, --notes-keys, --view-keys, or [serve] in the config) or a join code (--join-code)")

type contextKey string

// joinExt is set by the join-code check, and kept only if the code is how
// the connection logged in.
const joinExt = "pitstop-join"

// New builds the server and loads (or makes) its host key. It does not
// listen yet.
func New(opts Options) (*Server, error) {
	if opts.Keys == nil {
		opts.Keys = AllowList{}
	}
	if opts.Keys.Empty() && opts.JoinCode == "" {
		return nil, ErrNoWayIn
	}
	if opts.MaxConns <= 0 {
		opts.MaxConns = DefaultMaxConns
	}
	if opts.ScreensPerConn <= 0 {
		opts.ScreensPerConn = DefaultScreensPerConn
	}
	if opts.MaxPending <= 0 {
		opts.MaxPending = 2 * opts.MaxConns
	}
	if opts.HandshakeTimeout <= 0 {
		opts.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if opts.AnswerTimeout <= 0 {
		opts.AnswerTimeout = DefaultAnswerTimeout
	}
	if opts.Idle <= 0 {
		opts.Idle = DefaultIdle
	}
	if opts.Rate <= 0 {
		opts.Rate, opts.Burst = DefaultRate, DefaultBurst
	}
	if opts.InputRate <= 0 || opts.InputBurst <= 0 {
		opts.InputRate, opts.InputBurst = DefaultInputRate, DefaultInputBurst
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &Server{
		opts:      opts,
		log:       log.NewWithOptions(opts.Log, log.Options{ReportTimestamp: true, Prefix: "pitstop serve"}),
		people:    newPeople(opts.Keys, model.Facilitator.Label(), model.System.Label(), "another Pit Stop"),
		conns:     map[*guardedConn]bool{},
		programs:  map[*tea.Program]bool{},
		lineStops: map[chan string]bool{},
		windows:   map[string]*windowFollower{},
	}
	if opts.HostKeyPath != "" {
		if warning := hostKeyWarning(opts.HostKeyPath); warning != "" {
			s.warnings = append(s.warnings, warning)
			s.log.Warn(warning)
		}
	}
	o := []ssh.Option{
		wish.WithAddress(opts.Addr),
		wish.WithHostKeyPath(opts.HostKeyPath),
		wish.WithPublicKeyAuth(s.keyAllowed),
		// A refused login is told why (see refused.go): a user name that is
		// no role in the banner, a key not on the role's list in the
		// keyboard-interactive round, which also asks for the join code.
		wish.WithBannerHandler(s.banner),
		wish.WithKeyboardInteractiveAuth(s.answerLogin),
		// Output resets the transport's own idle timer, so it is only a
		// dead-connection check; the idle that counts is the input's.
		wish.WithIdleTimeout(12 * time.Hour),
		s.guardConns(),
		func(srv *ssh.Server) error {
			srv.Handler = s.handle
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.openScreenChannel}
			return nil
		},
	}
	srv, err := wish.NewServer(o...)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SSH server with the host key %s: %w", model.CleanLabel(opts.HostKeyPath), err)
	}
	s.srv = srv
	return s, nil
}

// hostKeyWarning says, as OpenSSH does, when the host key file can be read
// by others: anyone who can read it can pretend to be this server.
func hostKeyWarning(path string) string {
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm()&0o077 == 0 {
		return ""
	}
	name := model.CleanLabel(path)
	return fmt.Sprintf("the host key %s can be read by others (permissions %#o): whoever can read it can pretend to be this server. Make it yours alone: chmod 600 %s", name, info.Mode().Perm(), name)
}

// Warnings are what the person starting the server should hear about, such
// as a host key others can read. They are in the log too.
func (s *Server) Warnings() []string { return s.warnings }

// Fingerprint is the host key's, as ssh shows it on first connecting.
func (s *Server) Fingerprint() string {
	for _, signer := range s.srv.HostSigners {
		return gossh.FingerprintSHA256(signer.PublicKey())
	}
	return ""
}

// Serve answers connections on l until Shutdown. Every screen joins the
// session host is attached to, through it: the live session is found by
// its owner, never by its file's path, which may have been renamed or
// deleted since.
func (s *Server) Serve(l net.Listener, host *sessions.Client) error {
	s.host.Store(host)
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown ends the session for everyone connected, saying why, and stops
// the server: each screen is told, its client leaves, and the session is
// saved when the last one has. Nothing here waits on a client: each is told
// without waiting, the screens have a few seconds to close, and then every
// connection is closed outright.
func (s *Server) Shutdown(why string) {
	s.ended.Store(why)
	s.mu.Lock()
	programs := make([]*tea.Program, 0, len(s.programs))
	for p := range s.programs {
		programs = append(programs, p)
	}
	for stop := range s.lineStops {
		select {
		case stop <- why:
		default:
		}
	}
	allDone := make(chan struct{})
	if s.serving == 0 {
		close(allDone)
	} else {
		s.allDone = allDone
	}
	s.mu.Unlock()
	for _, p := range programs {
		go p.Send(ui.StopMsg{Why: why}) // returns once taken, or once the program has ended
	}
	select {
	case <-allDone:
	case <-time.After(5 * time.Second):
	}
	_ = s.srv.Close()
	s.mu.Lock()
	conns := make([]*guardedConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
	}
}

// startServing counts a screen being served, for Shutdown to wait on.
func (s *Server) startServing() (done func()) {
	s.mu.Lock()
	s.serving++
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.serving--
		if s.serving == 0 && s.allDone != nil {
			close(s.allDone)
			s.allDone = nil
		}
	}
}

// keyAllowed answers whether a key offered may log in as the role its user
// name asks for: yes or no, and nothing kept. The role is decided again,
// after the login, from the key that actually logged in (actorFor).
func (s *Server) keyAllowed(ctx ssh.Context, key ssh.PublicKey) bool {
	role, ok := roleOf(ctx.User())
	if ok {
		if _, ok := s.opts.Keys.find(role, key); ok {
			if g := guardOf(ctx); g != nil {
				g.waitForAnswer() // the key's passphrase may be asked for now
			}
			return true
		}
	}
	s.log.Warn("refused a key", "user", model.CleanLabel(ctx.User()), "key", gossh.FingerprintSHA256(key), "from", ctx.RemoteAddr())
	if g := guardOf(ctx); g != nil {
		g.refuseKey()
	}
	return false
}

// actorFor works out who has connected, after the login, from the key the
// connection actually logged in with (or the join code it typed), and
// refuses whoever may not have the role asked for, saying why. The auth
// handlers only answered yes or no: what they were shown while keys were
// being offered is never trusted here.
func (s *Server) actorFor(sess ssh.Session) (model.Actor, string) {
	role, ok := roleOf(sess.User())
	if !ok {
		return model.Actor{}, "log in as facilitator, notes or view (ssh notes@HOST), not as " + model.CleanLabel(sess.User()) + "."
	}
	if key := sess.PublicKey(); key != nil {
		a, ok := s.opts.Keys.find(role, key)
		if !ok {
			s.log.Warn("refused a session", "role", role, "key", gossh.FingerprintSHA256(key), "from", sess.RemoteAddr())
			return model.Actor{}, "this key may not join as " + role.Noun() + ". Ask the facilitator to add it."
		}
		want := a.name
		if want == "" {
			want = role.Noun()
		}
		id := keyID(key)
		return model.Actor{Role: role, Name: s.people.name(id, want), ID: id}, ""
	}
	if sess.Context().Permissions().Extensions[joinExt] == string(role) && role != model.RoleFacilitator {
		id := guardOf(sess.Context()).guestID()
		return model.Actor{Role: role, Name: s.people.name(id, guestName), ID: id}, ""
	}
	s.log.Warn("refused a session without a key", "role", role, "from", sess.RemoteAddr())
	return model.Actor{}, "joining as " + role.Noun() + " needs an allowed key."
}

// screen is one screen being served: its SSH session, who is at it, its
// terminal, and why the server closed it, if it did.
type screen struct {
	sess     ssh.Session
	conn     *guardedConn
	who      model.Actor
	pty      ssh.Pty
	terminal bool            // the client asked for a terminal (ssh -t)
	window   *windowFollower // the terminal's size, as it changes
	lines    bool            // plain lines were asked for
	closed   atomic.Value    // why the server closed it, said last
}

// newScreen reads what the screen asked for, once: the SSH library writes
// a terminal's size where Pty reads it, so it is read before any change of
// size can come (filterRequests holds them), and never again.
func (s *Server) newScreen(sess ssh.Session) *screen {
	sc := &screen{sess: sess, conn: guardOf(sess.Context())}
	sc.pty, _, sc.terminal = sess.Pty()
	env := sess.Environ()
	for i := len(env) - 1; i >= 0; i-- {
		if id, ok := strings.CutPrefix(env[i], screenEnv+"="); ok {
			s.mu.Lock()
			sc.window = s.windows[id]
			delete(s.windows, id)
			s.mu.Unlock()
			break
		}
	}
	if sc.window == nil {
		sc.window = &windowFollower{nudge: make(chan struct{}, 1)}
	}
	sc.window.start(sc.pty.Window)
	sc.lines = wantsLines(sess.Command(), env, sc.pty, sc.terminal)
	return sc
}

// handle serves one screen: refused with a word, in plain lines, or the
// full screen.
func (s *Server) handle(sess ssh.Session) {
	sc := s.newScreen(sess)
	defer sc.conn.serve()()
	defer s.startServing()()
	if msg := s.refusal(sc); msg != "" {
		s.finish(sc, nil, 1, "Pit Stop: "+msg+"\r\n")
		return
	}
	how := "the full screen"
	if sc.lines {
		how = "plain lines"
	}
	s.log.Info("joined", "who", sc.who.Name, "role", sc.who.Role, "as", how, "from", sess.RemoteAddr())
	defer s.log.Info("left", "who", sc.who.Name, "from", sess.RemoteAddr())
	if sc.lines {
		s.serveLines(sc)
		return
	}
	s.serveScreen(sc)
}

// refusal is why a screen may not be served, if it may not; it decides who
// is at it when it may.
func (s *Server) refusal(sc *screen) string {
	if why, ok := s.ended.Load().(string); ok {
		return "the session has ended: " + why + "."
	}
	if sc.conn.isFull() {
		return strings.TrimPrefix(fullMessage(s.opts.MaxConns), "Pit Stop: ")
	}
	who, why := s.actorFor(sc.sess)
	if why != "" {
		return why
	}
	sc.who = who
	if cmd := sc.sess.Command(); len(cmd) > 0 && !strings.EqualFold(cmd[0], "accessible") {
		return "the only command is accessible, for plain lines (ssh -p PORT notes@HOST accessible); without one, the full screen."
	}
	if !sc.terminal && !sc.lines {
		return "the full screen needs a terminal (ssh -t), or ask for plain lines: ssh -p PORT notes@HOST accessible"
	}
	return ""
}

// join attaches who to the live session, through the host's client.
func (s *Server) join(who model.Actor) (*sessions.Client, error) {
	host := s.host.Load()
	if host == nil {
		return nil, sessions.ErrOwnerClosed
	}
	return s.opts.Hub.Join(host, who)
}

// finish ends a screen: its last word (the goodbye, or why it was closed)
// and its exit status. Neither may keep the server waiting on a client that
// takes nothing: the word gets a moment, the exit a few seconds more, and
// then the connection is closed outright.
func (s *Server) finish(sc *screen, out *screenOutput, code int, last string) {
	if why, ok := sc.closed.Load().(string); ok {
		last, code = why, 0
	}
	if out != nil {
		out.finish(last, time.Second)
	} else if last != "" {
		wrote := make(chan struct{})
		go func() {
			_, _ = io.WriteString(sc.sess.Stderr(), last)
			close(wrote)
		}()
		select {
		case <-wrote:
		case <-time.After(time.Second):
		}
	}
	exited := make(chan struct{})
	go func() {
		_ = sc.sess.Exit(code)
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(closeTimeout):
		s.log.Warn("closed a connection that took nothing", "from", sc.sess.RemoteAddr())
		_ = sc.conn.Close()
	}
}

// idleTimer closes a screen that has typed nothing for the idle time:
// close is called, and the screen is told why as it closes. Output does
// not count: a viewer watching the timer tick, and typing nothing, is idle.
func (s *Server) idleTimer(sc *screen, close func()) *time.Timer {
	return time.AfterFunc(s.opts.Idle, func() {
		sc.closed.Store("\r\nPit Stop: nothing typed for " + s.opts.Idle.String() + "; the connection is closed. Join again any time.\r\n")
		s.log.Info("closed an idle screen", "who", sc.who.Name, "from", sc.sess.RemoteAddr())
		close()
	})
}

// noSuspend drops a suspend: bubbletea v1 would send SIGTSTP to the whole
// process group, which is the server's.
func noSuspend(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.SuspendMsg); ok {
		return nil
	}
	return msg
}

// workshopFor is the workshop as one client sees it: with the theme it
// asked for (ssh -o SetEnv=PITSTOP_THEME=light), if it is one.
func workshopFor(w *config.Workshop, env []string) *config.Workshop {
	for i := len(env) - 1; i >= 0; i-- {
		if value, ok := strings.CutPrefix(env[i], "PITSTOP_THEME="); ok {
			name, err := config.CheckThemeName(value)
			if err != nil {
				return w
			}
			own := *w
			own.Theme.Name = name
			return &own
		}
	}
	return w
}
