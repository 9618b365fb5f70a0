package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"pitstop/config"
	"pitstop/linemode"
	"pitstop/model"
	"pitstop/sessions"
	"pitstop/ui"
)

// interactive reports whether a person is at a terminal, so the app can
// open; scripts get plain text instead.
func interactive() bool {
	return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
}

// runApp shows the session in the terminal until the facilitator leaves,
// then leaves the session, which saves anything not yet saved. Where the
// terminal cannot draw a full screen, or plain lines are asked for, or no
// person is at a terminal, it runs in plain lines.
func runApp(env *cliEnv, st *sessions.Store, client *sessions.Client, w *config.Workshop, note string) int {
	if env.plainLines() || !interactive() {
		if os.Getenv("TERM") == "dumb" && !env.accessible && os.Getenv("ACCESSIBLE") == "" {
			note = strings.TrimSpace(note + "\nThis terminal (TERM=dumb) cannot draw Pit Stop's full screen, so here it is in plain lines.")
		}
		return runLines(env, st, client, w, note, nil)
	}
	app := ui.New(client, ui.Options{Workshop: w, Now: env.now, Store: st, Hub: env.hub, Banner: note})
	return runScreen(env, st, app, func(tea.Model) *sessions.Client { return client })
}

// runLines runs the session in plain lines (see linemode) on standard input
// and output until the person quits or the input ends; SIGTERM, SIGHUP and
// SIGINT end it as quit does. Then it calls onEnd, if given (a server
// stops there), and leaves the session.
func runLines(env *cliEnv, st *sessions.Store, client *sessions.Client, w *config.Workshop, note string, onEnd func()) int {
	stop := make(chan string, 1)
	var stoppedBy os.Signal
	var mu sync.Mutex
	cancel := onStopSignal(func(sig os.Signal) {
		mu.Lock()
		stoppedBy = sig
		mu.Unlock()
		stop <- "Pit Stop was asked to stop (" + sig.String() + ")"
	}, nil)
	if note != "" {
		fmt.Fprintln(env.stdout, note)
	}
	err := linemode.Run(client, linemode.Options{In: os.Stdin, Out: env.stdout, Workshop: w, Now: env.now, Stop: stop, Store: st})
	cancel()
	mu.Lock()
	sig := stoppedBy
	mu.Unlock()
	if onEnd != nil {
		onEnd()
	}
	// The line mode has said why it stopped: said once, not again here.
	code := reportDeparture(env, sessions.Leave(client, sessions.Leaving{Stopped: sig != nil, Now: env.now}))
	if err != nil {
		return failure(env, fmt.Errorf("reading what was typed: %w", err))
	}
	return code
}

func openCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	readOnly := fs.Bool("read-only", false, "look at the session without changing it, following the changes of a Pit Stop that has it open")
	return func(env *cliEnv, args []string) int {
		if len(args) != 1 {
			return usageError(env, "open", "name one session: its id (see pitstop list) or the path of its file")
		}
		return openSession(env, args[0], *readOnly)
	}
}

func openSession(env *cliEnv, idOrPath string, readOnly bool) int {
	w, err := env.workshop()
	if err != nil {
		return failure(env, err)
	}
	st, path, err := storeFor(env, idOrPath)
	if err != nil {
		return failure(env, err)
	}
	var client *sessions.Client
	note := ""
	if readOnly {
		client, err = env.hub.Review(st, path, model.Facilitator, "opened with --read-only", true)
	} else {
		client, err = env.hub.Open(st, path, model.Facilitator)
	}
	var copied *sessions.CopyError
	if errors.As(err, &copied) {
		client, note, err = askAboutCopy(env, st, path, copied, os.Stdin)
		if client == nil && err == nil {
			return exitOK // the person chose to leave it alone
		}
	}
	if errors.Is(err, sessions.ErrLocked) {
		err = fmt.Errorf("%w\nTo look at it without changing it: pitstop open --read-only %s", err, idOrPath)
	}
	if err != nil {
		return failure(env, err)
	}
	return runApp(env, st, client, w, note)
}

// askAboutCopy asks, before the screen opens, what a file whose name is not
// its session's id is to be: looked at read-only, or a session of its own.
func askAboutCopy(env *cliEnv, st *sessions.Store, path string, copied *sessions.CopyError, in io.Reader) (*sessions.Client, string, error) {
	fmt.Fprintf(env.stderr, "%v.\n\n  r  open it read-only, to look\n  n  make it a session of its own (a new id; the other file is not touched)\n  q  leave it alone\n\nWhich? ", copied)
	line := readAnswer(in)
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "r":
		c, err := env.hub.Review(st, path, model.Facilitator, "it is a copy of another session's file", false)
		return c, "", err
	case "n":
		return env.hub.Adopt(st, path, model.Facilitator)
	}
	fmt.Fprintln(env.stderr, "Left as it was.")
	return nil, "", nil
}

// readAnswer reads one line, a byte at a time: what follows it in the
// input (a script of words for the line mode) is left for whoever reads
// next.
func readAnswer(in io.Reader) string {
	var b strings.Builder
	one := make([]byte, 1)
	for b.Len() < 1024 {
		n, err := in.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				break
			}
			b.WriteByte(one[0])
		}
		if err != nil {
			break
		}
	}
	return b.String()
}

// storeFor finds the store and the file of a session named by id or by
// path: a path opens the store of the directory the file is in, and an id
// is looked for in the sessions directory (by its listing, if the file was
// renamed).
func storeFor(env *cliEnv, idOrPath string) (*sessions.Store, string, error) {
	st, err := sessions.Open(env.dir)
	if err != nil {
		return nil, "", err
	}
	path := st.Resolve(idOrPath)
	if path == st.Path(idOrPath) {
		found, err := st.Find(idOrPath)
		return st, found, err
	}
	real, err := sessions.RealPath(path)
	if err != nil {
		return nil, "", err
	}
	if !strings.HasSuffix(real, sessions.Ext) {
		return nil, "", fmt.Errorf("%s is not a session file (session files end in %s)", model.CleanLabel(path), sessions.Ext)
	}
	other, err := sessions.Open(filepath.Dir(real))
	return other, path, err
}

// defaultCommand is plain `pitstop`: at a terminal it opens the session
// browser; in a script it lists the sessions.
func defaultCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	list := listCommand(fs)
	return func(env *cliEnv, args []string) int {
		if len(args) > 0 {
			return usageError(env, "", "there is no command %q", args[0])
		}
		if !interactive() || env.plainLines() {
			code := list(env, args)
			if env.plainLines() && code == exitOK {
				fmt.Fprintln(env.stdout, "To follow one in plain lines: pitstop open ID --accessible; to start one: pitstop new --title T --accessible")
			}
			return code
		}
		w, st, err := env.workshopAndStore()
		if err != nil {
			return failure(env, err)
		}
		root := ui.NewRoot(st, ui.Options{Workshop: w, Now: env.now, Hub: env.hub})
		return runScreen(env, st, root, func(final tea.Model) *sessions.Client {
			if r, ok := final.(ui.Root); ok {
				return r.Client()
			}
			return nil
		})
	}
}
