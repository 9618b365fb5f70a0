package serve

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/charmbracelet/wish/logging"
	"github.com/muesli/termenv"
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
	Path     string // the session file served
	Workshop *config.Workshop
	Keys     AllowList
	// JoinCode, when set, lets a person with no key on the lists join as
	// notes or view by typing it (keyboard-interactive). It stops working
	// after MaxCodeTries wrong tries, and when the session ends.
	JoinCode    string
	Addr        string
	HostKeyPath string        // generated on first use, kept for the next workshop
	Idle        time.Duration // a connection that types nothing this long is closed
	MaxConns    int           // connections at once
	Rate        float64       // changes a second a connection may send, on average
	Burst       int           // and at once
	Log         io.Writer     // where connections and refusals are logged
}

// Defaults for the limits.
const (
	DefaultMaxConns = 32
	DefaultIdle     = 30 * time.Minute
	DefaultRate     = 10
	DefaultBurst    = 30
	MaxCodeTries    = 5
)

// Server serves one live session over SSH.
type Server struct {
	opts      Options
	srv       *ssh.Server
	log       *log.Logger
	tries     atomic.Int32 // wrong join codes so far
	ended     atomic.Value // why the session ended for everyone, once it has
	conns     atomic.Int64
	handlers  atomic.Int64 // connections past the login, until their screen has closed
	mu        sync.Mutex
	programs  map[*tea.Program]bool
	lineStops map[chan string]bool // the line-mode connections, told when the session ends
}

// ErrNoWayIn is returned by New when nobody could ever join: wish would let
// everyone in with no check at all, so Pit Stop refuses to start.
var ErrNoWayIn = errors.New("nobody could join: give at least one list of keys (--facilitator-keys, --notes-keys, --view-keys, or [serve] in the config) or a join code (--join-code)")

type contextKey string

const (
	actorKey  contextKey = "pitstop-actor"
	clientKey contextKey = "pitstop-client"
	linesKey  contextKey = "pitstop-lines" // the connection is in plain lines, which say their own goodbye
	joinExt              = "pitstop-join"  // set by the join-code check, kept only if it is how the connection logged in
)

// New builds the server. It does not listen yet.
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
	if opts.Idle <= 0 {
		opts.Idle = DefaultIdle
	}
	if opts.Rate <= 0 {
		opts.Rate, opts.Burst = DefaultRate, DefaultBurst
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &Server{opts: opts, log: log.NewWithOptions(opts.Log, log.Options{ReportTimestamp: true, Prefix: "pitstop serve"}), programs: map[*tea.Program]bool{}, lineStops: map[chan string]bool{}}
	o := []ssh.Option{
		wish.WithAddress(opts.Addr),
		wish.WithHostKeyPath(opts.HostKeyPath),
		wish.WithPublicKeyAuth(s.keyAllowed),
		// Output resets the transport's own idle timer, so it is only a
		// dead-connection check; the idle that counts is the input's.
		wish.WithIdleTimeout(12 * time.Hour),
		s.connLimit(),
		wish.WithMiddleware(
			// The last runs first: log, decide the role, watch for idle
			// input, serve plain lines if asked, else need a terminal and
			// run the screen.
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii), // Ascii: never force colour; NO_COLOR holds
			activeterm.Middleware(),
			s.lineMode(),
			s.inputIdle(),
			s.decideRole(),
			logging.MiddlewareWithLogger(s.log),
		),
	}
	if opts.JoinCode != "" {
		o = append(o, wish.WithKeyboardInteractiveAuth(s.codeAllowed))
	}
	srv, err := wish.NewServer(o...)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SSH server: %w", err)
	}
	s.srv = srv
	return s, nil
}

// Fingerprint is the host key's, as ssh shows it on first connecting.
func (s *Server) Fingerprint() string {
	for _, signer := range s.srv.HostSigners {
		return gossh.FingerprintSHA256(signer.PublicKey())
	}
	return ""
}

// Serve answers connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown ends the session for everyone connected, saying why, and stops
// the server: each screen is told, its client leaves, and the session is
// saved when the last one has.
func (s *Server) Shutdown(why string) {
	s.ended.Store(why)
	s.mu.Lock()
	for p := range s.programs {
		p.Send(ui.StopMsg{Why: why})
	}
	for stop := range s.lineStops {
		select {
		case stop <- why:
		default:
		}
	}
	s.mu.Unlock()
	// Each screen closes, saying why, within moments; then the connections
	// go. Waiting for the clients to hang up themselves could take long.
	deadline := time.Now().Add(5 * time.Second)
	for s.handlers.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	_ = s.srv.Close()
}

// keyAllowed answers whether a key offered may log in as the role its user
// name asks for: yes or no, and nothing kept. The role is decided again,
// after the login, from the key that actually logged in (decideRole).
func (s *Server) keyAllowed(ctx ssh.Context, key ssh.PublicKey) bool {
	role, ok := roleOf(ctx.User())
	if ok {
		if _, ok := s.opts.Keys.find(role, key); ok {
			return true
		}
	}
	s.log.Warn("refused a key", "user", ctx.User(), "key", gossh.FingerprintSHA256(key), "from", ctx.RemoteAddr())
	return false
}

// codeAllowed lets in, as notes or view, whoever types the join code.
func (s *Server) codeAllowed(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	role, ok := roleOf(ctx.User())
	if !ok || role == model.RoleFacilitator || s.tries.Load() >= MaxCodeTries || s.ended.Load() != nil {
		return false
	}
	answers, err := challenge("", "Pit Stop: type the join code the facilitator gave you.", []string{"Join code: "}, []bool{false})
	if err != nil || len(answers) != 1 {
		return false
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(answers[0])), []byte(s.opts.JoinCode)) != 1 {
		if n := s.tries.Add(1); n >= MaxCodeTries {
			s.log.Warn("the join code stops working: too many wrong tries", "from", ctx.RemoteAddr())
		}
		s.log.Warn("a wrong join code", "user", ctx.User(), "from", ctx.RemoteAddr())
		return false
	}
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[joinExt] = string(role)
	return true
}

// decideRole works out who has connected, after the login, from the key
// the connection actually logged in with (or the join code it typed), and
// refuses before any screen is drawn whoever may not have the role asked
// for. The auth handlers only answered yes or no: what they were shown
// while keys were being offered is never trusted here.
func (s *Server) decideRole() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			s.handlers.Add(1)
			defer s.handlers.Add(-1)
			if why, ok := s.ended.Load().(string); ok {
				wish.Fatalln(sess, "Pit Stop: the session has ended: "+why+".")
				return
			}
			role, ok := roleOf(sess.User())
			if !ok {
				wish.Fatalln(sess, "Pit Stop: log in as facilitator, notes or view (ssh notes@HOST), not as "+model.CleanLabel(sess.User())+".")
				return
			}
			var actor model.Actor
			if key := sess.PublicKey(); key != nil {
				a, ok := s.opts.Keys.find(role, key)
				if !ok {
					s.log.Warn("refused a session", "role", role, "key", gossh.FingerprintSHA256(key), "from", sess.RemoteAddr())
					wish.Fatalln(sess, "Pit Stop: this key may not join as "+role.Noun()+". Ask the facilitator to add it.")
					return
				}
				actor = model.Actor{Role: role, Name: a.name}
			} else if sess.Context().Permissions().Extensions[joinExt] == string(role) && role != model.RoleFacilitator {
				actor = model.Actor{Role: role, Name: "guest"}
			} else {
				s.log.Warn("refused a session without a key", "role", role, "from", sess.RemoteAddr())
				wish.Fatalln(sess, "Pit Stop: joining as "+role.Noun()+" needs an allowed key.")
				return
			}
			if actor.Name == "" {
				actor.Name = role.Noun()
			}
			sess.Context().SetValue(actorKey, actor)
			next(sess)
			if c, ok := sess.Context().Value(clientKey).(*sessions.Client); ok {
				_ = c.Leave()
			}
			if why, ok := s.ended.Load().(string); ok && sess.Context().Value(linesKey) == nil {
				wish.Println(sess, "\r\nThe session has ended: "+why+". Everything is saved.\r")
			}
		}
	}
}

// program makes the screen of one connection: a client of the session,
// drawn with the connection's own renderer, as the connection's actor.
func (s *Server) program(sess ssh.Session) *tea.Program {
	actor, ok := sess.Context().Value(actorKey).(model.Actor)
	if !ok {
		return nil
	}
	c, err := s.opts.Hub.Open(s.opts.Store, s.opts.Path, actor)
	if err != nil {
		wish.Errorln(sess, "Pit Stop: the session cannot be opened: "+model.CleanText(err.Error()))
		return nil
	}
	sess.Context().SetValue(clientKey, c)
	app := ui.New(limit(c, s.opts.Rate, s.opts.Burst), ui.Options{
		Workshop: workshopFor(s.opts.Workshop, sess.Environ()), Renderer: renderer(sess), Store: s.opts.Store, Hub: s.opts.Hub,
	})
	p := tea.NewProgram(app, append(bm.MakeOptions(sess),
		tea.WithAltScreen(),
		tea.WithoutSignalHandler(), // the server's signals are the server's
		tea.WithFilter(noSuspend),
		// A change reaches the screen at the renderer's next frame: at 120
		// a second, in under 9ms, where the default 60 can take 17.
		tea.WithFPS(120),
	)...)
	s.mu.Lock()
	s.programs[p] = true
	s.mu.Unlock()
	go func() {
		<-sess.Context().Done()
		s.mu.Lock()
		delete(s.programs, p)
		s.mu.Unlock()
	}()
	return p
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

// renderer is the connection's own: its colour profile from the client's
// TERM and environment (NO_COLOR sent with SetEnv is honoured), writing to
// the connection (see ui.TerminalRenderer).
func renderer(sess ssh.Session) *lipgloss.Renderer {
	env := sess.Environ()
	if pty, _, ok := sess.Pty(); ok {
		env = append(env, "TERM="+pty.Term)
	}
	return ui.TerminalRenderer(sess, env)
}

// connLimit refuses connections beyond the limit before the handshake.
func (s *Server) connLimit() ssh.Option {
	return func(srv *ssh.Server) error {
		srv.ConnCallback = func(ctx ssh.Context, c net.Conn) net.Conn {
			if s.conns.Add(1) > int64(s.opts.MaxConns) {
				s.conns.Add(-1)
				_, _ = c.Write([]byte("Pit Stop: the session is full (" + fmt.Sprint(s.opts.MaxConns) + " connections); try again later.\r\n"))
				s.log.Warn("refused a connection: full", "from", c.RemoteAddr())
				return nil
			}
			return &countedConn{Conn: c, release: func() { s.conns.Add(-1) }}
		}
		return nil
	}
}

type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}

// inputIdle closes a connection that has typed nothing for the idle time.
// Output does not count: a viewer watching the timer tick, and typing
// nothing, is idle.
func (s *Server) inputIdle() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			t := time.AfterFunc(s.opts.Idle, func() {
				wish.Errorln(sess, "\r\nPit Stop: nothing typed for "+s.opts.Idle.String()+"; the connection is closed. Join again any time.\r")
				if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
					_ = c.Close()
				} else {
					_ = sess.Close()
				}
			})
			defer t.Stop()
			next(&idleSession{Session: sess, timer: t, idle: s.opts.Idle})
		}
	}
}

type idleSession struct {
	ssh.Session
	timer *time.Timer
	idle  time.Duration
}

func (s *idleSession) Read(p []byte) (int, error) {
	n, err := s.Session.Read(p)
	if n > 0 {
		s.timer.Reset(s.idle)
	}
	return n, err
}
