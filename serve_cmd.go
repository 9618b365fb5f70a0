package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/config"
	"pitstop/model"
	"pitstop/present"
	"pitstop/serve"
	"pitstop/sessions"
	"pitstop/ui"
)

func serveCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	session := fs.String("session", "", "the session to host: its `id` or the path of its file")
	isNew := fs.Bool("new", false, "start a new session to host (with --title, --team and --facilitator)")
	title := fs.String("title", "", "with --new: the session's `title`")
	team := fs.String("team", "", "with --new: the `team`")
	facilitator := fs.String("facilitator", "", "with --new: the facilitator's `name`")
	addr := fs.String("addr", "127.0.0.1:2222", "where to listen; anything beyond this computer needs an explicit `host:port`, such as 0.0.0.0:2222")
	headless := fs.Bool("headless", false, "do not run the facilitator's screen here; serve until stopped (Ctrl+C, SIGTERM)")
	facKeys := fs.String("facilitator-keys", "", "an authorized_keys `file` of who may join as facilitator")
	notesKeys := fs.String("notes-keys", "", "an authorized_keys `file` of who may join as note-taker")
	viewKeys := fs.String("view-keys", "", "an authorized_keys `file` of who may join to follow along")
	joinCode := fs.Bool("join-code", false, "print a join code with which someone without a key can join as notes or view")
	hostKey := fs.String("host-key", "", "the host key `file`, made on first use (default: pitstop/ssh/host_ed25519 in the XDG data directory)")
	idle := fs.Duration("idle", serve.DefaultIdle, "close a connection that has typed nothing this long")
	logFile := fs.String("log", "", "where to log who joined and who was refused (default: stderr with --headless, else pitstop/serve.log in the XDG state directory, so the screen here stays clean)")
	return func(env *cliEnv, args []string) int {
		if len(args) > 0 {
			return usageError(env, "serve", "unexpected argument %q", args[0])
		}
		if (*session == "") == !*isNew {
			return usageError(env, "serve", "say which session to host: --session ID|PATH, or --new --title T --team T --facilitator F")
		}
		if *isNew && strings.TrimSpace(*title) == "" {
			return usageError(env, "serve", "a new session needs a title: --title \"Partnership kickoff\"")
		}
		if !*isNew {
			// A session opened keeps its own title, team and facilitator:
			// saying one here and seeing it ignored would be a surprise.
			var forNew []string
			fs.Visit(func(f *flag.Flag) {
				if f.Name == "title" || f.Name == "team" || f.Name == "facilitator" {
					forNew = append(forNew, "--"+f.Name)
				}
			})
			switch len(forNew) {
			case 0:
			case 1:
				return usageError(env, "serve", "%s is for a new session (--new); the session opened keeps its own", forNew[0])
			default:
				last := len(forNew) - 1
				return usageError(env, "serve", "%s and %s are for a new session (--new); the session opened keeps its own", strings.Join(forNew[:last], ", "), forNew[last])
			}
		}
		w, st, err := env.workshopAndStore()
		if err != nil {
			return failure(env, err)
		}
		keys := serve.AllowList{}
		for _, l := range []struct {
			role  model.Role
			where string
			lines []string
			file  string
		}{
			{model.RoleFacilitator, "serve.facilitator_keys", w.Serve.FacilitatorKeys, *facKeys},
			{model.RoleNotes, "serve.notes_keys", w.Serve.NotesKeys, *notesKeys},
			{model.RoleViewer, "serve.view_keys", w.Serve.ViewKeys, *viewKeys},
		} {
			if err := keys.AddLines(l.role, w.Source+": "+l.where, l.lines); err != nil {
				return failure(env, err)
			}
			if l.file != "" {
				if err := keys.AddFile(l.role, l.file); err != nil {
					return failure(env, err)
				}
			}
		}
		code := ""
		if *joinCode {
			code = newJoinCode()
		}
		if keys.Empty() && code == "" {
			return failure(env, serve.ErrNoWayIn)
		}
		if *hostKey == "" {
			xdg.Reload()
			*hostKey = filepath.Join(xdg.DataHome, "pitstop", "ssh", "host_ed25519")
		}
		withScreen := !*headless && interactive() && !env.plainLines()
		withLines := !*headless && env.plainLines()
		logTo, closeLog, err := serveLog(env, *logFile, withScreen || withLines)
		if err != nil {
			return failure(env, err)
		}
		defer closeLog()
		// The session is made (or opened) only once the server can run: the
		// host key loads and the address is ours. A serve --new that cannot
		// start leaves nothing behind.
		srv, err := serve.New(serve.Options{
			Hub: env.hub, Store: st, Workshop: w, Keys: keys, JoinCode: code,
			Addr: *addr, HostKeyPath: *hostKey, Idle: *idle, Log: logTo,
		})
		if err != nil {
			return failure(env, err)
		}
		for _, warning := range srv.Warnings() {
			fmt.Fprintf(env.stderr, "Warning: %s\n", warning)
		}
		l, err := net.Listen("tcp", *addr)
		if err != nil {
			return failure(env, fmt.Errorf("cannot listen on %s: %w", *addr, err))
		}
		host, err := hostClient(env, st, w, *session, sessionToMake{title: *title, team: *team, facilitator: *facilitator})
		if err != nil {
			l.Close()
			return failure(env, err)
		}
		go srv.Serve(l, host)
		how := joining(l.Addr().String(), keys, code)
		fmt.Fprintf(env.stdout, "Serving %q on %s\nHost key: %s (ssh shows this on first joining; it stays the same next time)\n%s\n",
			host.Current().Session.Title, l.Addr(), srv.Fingerprint(), strings.Join(how, "\n"))
		if withLines {
			return runLines(env, st, host, w, "", func() { srv.Shutdown("the facilitator left the session at the host") })
		}
		if !withScreen {
			return serveHeadless(env, srv, host)
		}
		app := ui.New(host, ui.Options{
			Workshop: w, Now: env.now, Store: st, Hub: env.hub, Hosting: true,
			Joining: append(how, "  Host key: "+srv.Fingerprint()),
			Banner:  "Serving on " + l.Addr().String() + ": ? says how to join.",
		})
		return runScreenThen(env, st, app, func(tea.Model) *sessions.Client { return host },
			func() { srv.Shutdown("the facilitator's screen at the host was closed") })
	}
}

// serveLog opens where the server logs: a file when asked for one, else
// stderr, unless the facilitator's screen is on this terminal, where log
// lines would scribble over it: then a file in the state directory.
func serveLog(env *cliEnv, path string, withScreen bool) (io.Writer, func(), error) {
	if path == "" && !withScreen {
		return env.stderr, func() {}, nil
	}
	if path == "" {
		xdg.Reload()
		path = filepath.Join(xdg.StateHome, "pitstop", "serve.log")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("cannot keep a log in %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot keep a log: %w", err)
	}
	fmt.Fprintf(env.stdout, "Who joins and who is refused is logged in %s\n", model.CleanLabel(path))
	return f, func() { f.Close() }, nil
}

// sessionToMake is what serve --new makes the session with.
type sessionToMake struct{ title, team, facilitator string }

// hostClient is the host's own attachment to the session served, made as
// fresh says when idOrPath is empty: it keeps the session open however the
// connections come and go.
func hostClient(env *cliEnv, st *sessions.Store, w *config.Workshop, idOrPath string, fresh sessionToMake) (*sessions.Client, error) {
	if idOrPath == "" {
		s, prev, err := st.CreateWithCarry(fresh.title, fresh.team, fresh.facilitator, w.Plans(), env.now(), env.hub.Rehearsing())
		if err != nil {
			return nil, err
		}
		if prev != nil {
			total, _ := s.Carried()
			fmt.Fprintf(env.stderr, "Carried %s over from %q.\n", present.Plural(total, "item"), prev.Title)
		}
		return env.hub.Create(st, s, model.Facilitator)
	}
	st2, path, err := storeFor(env, idOrPath)
	if err != nil {
		return nil, err
	}
	c, err := env.hub.Open(st2, path, model.Facilitator)
	var copied *sessions.CopyError
	if errors.As(err, &copied) {
		return nil, fmt.Errorf("%v. Open it with pitstop open first to decide what it is", err)
	}
	return c, err
}

// joining says how to join the session served: the ssh line for each role
// someone can join as, and the join code. serve prints it, and the help
// page of the host's screen lists it.
func joining(addr string, keys serve.AllowList, code string) []string {
	host, port, _ := net.SplitHostPort(addr)
	if host == "0.0.0.0" || host == "::" || host == "" {
		if name, err := os.Hostname(); err == nil {
			host = name
		}
	}
	var lines []string
	for _, r := range []struct {
		user string
		role model.Role
	}{{"notes", model.RoleNotes}, {"view", model.RoleViewer}, {"facilitator", model.RoleFacilitator}} {
		n := keys.Count(r.role)
		if n == 0 && (code == "" || r.role == model.RoleFacilitator) {
			continue
		}
		how := present.Plural(n, "key")
		switch {
		case n == 0:
			how = "with the join code"
		case code != "" && r.role != model.RoleFacilitator:
			how += " or the join code"
		}
		lines = append(lines, fmt.Sprintf("  as %-12s ssh -p %s %s@%s   (%s)", r.role.Noun()+":", port, r.user, host, how))
	}
	if code != "" {
		lines = append(lines, fmt.Sprintf("  Join code: %s (for notes or view; %d wrong tries or the session's end stop it)", code, serve.MaxCodeTries))
	}
	return lines
}

// newJoinCode is a code short enough to read out to the room.
func newJoinCode() string {
	const letters = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 8)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(letters))))
		b[i] = letters[n.Int64()]
	}
	return string(b[:4]) + "-" + string(b[4:])
}

// serveHeadless serves until the process is asked to stop, then ends the
// session for everyone and leaves it as a screen does (sessions.Leave):
// saved, or, when the disk refuses, every word in a rescue copy, said on
// stderr.
func serveHeadless(env *cliEnv, srv *serve.Server, host *sessions.Client) int {
	got := make(chan os.Signal, 1)
	cancel := onStopSignal(func(sig os.Signal) { got <- sig }, nil)
	sig := <-got
	cancel()
	fmt.Fprintf(env.stderr, "Pit Stop was asked to stop (%s): ending the session for everyone.\n", sig)
	srv.Shutdown("the host stopped serving it")
	done := make(chan sessions.Departure, 1)
	go func() { done <- sessions.Leave(host, sessions.Leaving{Stopped: true, Now: env.now}) }()
	select {
	case d := <-done:
		return reportDeparture(env, d)
	case <-time.After(30 * time.Second):
		return failure(env, errors.New("the session did not close within 30 seconds"))
	}
}
