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
	"strconv"
	"strings"
	"time"

	"github.com/adrg/xdg"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/config"
	"pitstop/internal/qrcode"
	"pitstop/model"
	"pitstop/present"
	"pitstop/serve"
	"pitstop/sessions"
	"pitstop/ui"
	"pitstop/web"
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
	webAddr := fs.String("web", "", "also serve the participants' page, for phones, at `addr`: a port (this computer only) or 0.0.0.0:PORT for the room's network (default: [serve] web in the config)")
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
		pageAt := w.Serve.Web
		if *webAddr != "" {
			pageAt = *webAddr
		}
		if pageAt != "" {
			if pageAt, err = web.ListenAddr(pageAt); err != nil {
				return failure(env, err)
			}
		}
		// With no key and no code nobody could join over SSH; the
		// participants' page alone is then what is served.
		withSSH := !keys.Empty() || code != ""
		if !withSSH && pageAt == "" {
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
		// The session is made (or opened) only once the servers can run:
		// the host key loads and the addresses are ours. A serve --new
		// that cannot start leaves nothing behind.
		var srv *serve.Server
		var sshListener net.Listener
		if withSSH {
			srv, err = serve.New(serve.Options{
				Hub: env.hub, Store: st, Workshop: w, Keys: keys, JoinCode: code,
				Addr: *addr, HostKeyPath: *hostKey, Idle: *idle, Log: logTo,
			})
			if err != nil {
				return failure(env, err)
			}
			for _, warning := range srv.Warnings() {
				fmt.Fprintf(env.stderr, "Warning: %s\n", warning)
			}
			if sshListener, err = net.Listen("tcp", *addr); err != nil {
				return failure(env, fmt.Errorf("cannot listen on %s: %w", *addr, err))
			}
		}
		var pageListener net.Listener
		if pageAt != "" {
			if pageListener, err = net.Listen("tcp", pageAt); err != nil {
				if sshListener != nil {
					sshListener.Close()
				}
				return failure(env, fmt.Errorf("cannot serve the participants' page on %s: %w", pageAt, err))
			}
		}
		closeListeners := func() {
			for _, l := range []net.Listener{sshListener, pageListener} {
				if l != nil {
					l.Close()
				}
			}
		}
		host, err := hostClient(env, st, w, *session, sessionToMake{title: *title, team: *team, facilitator: *facilitator})
		if err != nil {
			closeListeners()
			return failure(env, err)
		}
		var page *web.Server
		if pageListener != nil {
			page, err = web.New(web.Options{Hub: env.hub, Host: host, Workshop: w, Addr: pageListener.Addr().String(), JoinCode: code, Log: logTo})
			if err != nil {
				closeListeners()
				sessions.Leave(host, sessions.Leaving{Now: env.now})
				return failure(env, err)
			}
			go page.Serve(pageListener)
		}
		served := host.Current().Session.Title
		var how []string
		if withSSH {
			go srv.Serve(sshListener, host)
			how = joining(sshListener.Addr().String(), keys, code)
			fmt.Fprintf(env.stdout, "Serving %q on %s\nHost key: %s (ssh shows this on first joining; it stays the same next time)\n%s\n",
				served, sshListener.Addr(), srv.Fingerprint(), strings.Join(how, "\n"))
		} else {
			fmt.Fprintf(env.stdout, "Serving %q: the participants' page only (no keys and no --join-code, so nobody joins over SSH)\n", served)
		}
		roomPage := ""
		if page != nil {
			roomPage = page.URL()
			fmt.Fprint(env.stdout, participantsBanner(page, pageListener.Addr().String(), code))
		}
		// Everyone is told the session has ended, on the page and over
		// SSH, before the host's attachment leaves it.
		shutdown := func(why string) {
			if page != nil {
				page.Shutdown(why)
			}
			if srv != nil {
				srv.Shutdown(why)
			}
		}
		if withLines {
			return runLines(env, st, host, w, "", func() { shutdown("the facilitator left the session at the host") })
		}
		if !withScreen {
			return serveHeadless(env, shutdown, host)
		}
		joiningHelp := how
		if withSSH {
			joiningHelp = append(joiningHelp, "  Host key: "+srv.Fingerprint())
		}
		if page != nil {
			joiningHelp = append(joiningHelp, "  Participants (phones): "+roomPage)
		}
		var banner string
		if withSSH {
			banner = "Serving on " + sshListener.Addr().String() + ": ? says how to join."
		} else {
			banner = "Serving the participants' page on " + pageListener.Addr().String() + ": ? says where."
		}
		app := ui.New(host, ui.Options{
			Workshop: w, Now: env.now, Store: st, Hub: env.hub, Hosting: true,
			Joining: joiningHelp, Banner: banner, RoomPage: roomPage,
		})
		return runScreenThen(env, st, app, func(tea.Model) *sessions.Client { return host },
			func() { shutdown("the facilitator's screen at the host was closed") })
	}
}

// participantsBanner says where the participants' page is: its address,
// a QR code of it to scan from a few metres, and how to join with the
// code. A page on this computer only says so: phones cannot reach it.
func participantsBanner(page *web.Server, addr, code string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Participants: %s\n", page.URL())
	if web.LoopbackOnly(addr) {
		_, port, _ := net.SplitHostPort(addr)
		fmt.Fprintf(&b, "  (on this computer only: for phones in the room, serve it with --web 0.0.0.0:%s)\n", port)
	}
	if lines, err := qrcode.LinesOn(page.URL(), 1, qrBackground(os.Getenv("COLORFGBG"))); err == nil {
		for _, l := range lines {
			b.WriteString("  " + l + "\n")
		}
	}
	if code != "" {
		fmt.Fprintf(&b, "  or open %s and type the join code (%d wrong tries there stop it)\n", page.Home(), web.MaxCodeTries)
	}
	b.WriteString("  Over plain HTTP, others on the same Wi-Fi can read the page: see the README.\n")
	return b.String()
}

// qrBackground is the terminal's background as COLORFGBG says ("0;15" is
// black on white), dark when it says nothing, as the screens take it.
func qrBackground(colorFGBG string) qrcode.Background {
	i := strings.LastIndexByte(colorFGBG, ';')
	if i < 0 {
		return qrcode.DarkBackground
	}
	if bg, err := strconv.Atoi(colorFGBG[i+1:]); err == nil && bg != 8 && bg > 6 {
		return qrcode.LightBackground
	}
	return qrcode.DarkBackground
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
func serveHeadless(env *cliEnv, shutdown func(why string), host *sessions.Client) int {
	got := make(chan os.Signal, 1)
	cancel := onStopSignal(func(sig os.Signal) { got <- sig }, nil)
	sig := <-got
	cancel()
	fmt.Fprintf(env.stderr, "Pit Stop was asked to stop (%s): ending the session for everyone.\n", sig)
	shutdown("the host stopped serving it")
	done := make(chan sessions.Departure, 1)
	go func() { done <- sessions.Leave(host, sessions.Leaving{Stopped: true, Now: env.now}) }()
	select {
	case d := <-done:
		return reportDeparture(env, d)
	case <-time.After(30 * time.Second):
		return failure(env, errors.New("the session did not close within 30 seconds"))
	}
}
