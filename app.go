package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"pitstop/config"
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
// then leaves the session, which saves anything not yet saved.
func runApp(env *cliEnv, st *sessions.Store, client *sessions.Client, w *config.Workshop, note string) int {
	app := ui.New(client, ui.Options{Workshop: w, Now: env.now, Store: st, Hub: env.hub, Banner: note})
	return runScreen(env, st, app, func(tea.Model) *sessions.Client { return client })
}

func openCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	readOnly := fs.Bool("read-only", false, "look at the session without changing it, following the changes of a Pit Stop that has it open")
	return func(env *cliEnv, args []string) int {
		if len(args) != 1 {
			return usageError(env, "open", "name one session: its id (see pitstop list) or the path of its file")
		}
		if !interactive() {
			return failure(env, fmt.Errorf("the app needs a terminal; from scripts use pitstop list or pitstop check"))
		}
		return openSession(env, args[0], *readOnly)
	}
}

func openSession(env *cliEnv, idOrPath string, readOnly bool) int {
	w, err := config.Resolve(env.configPath, defaultConfig)
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
	line, _ := bufio.NewReader(in).ReadString('\n')
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
		if !interactive() {
			return list(env, args)
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
