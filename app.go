package main

import (
	"flag"
	"fmt"
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
// then closes its owner, which saves anything not yet saved.
func runApp(env *cliEnv, st *sessions.Store, owner *sessions.Owner, w *config.Workshop) int {
	app := ui.New(owner, ui.Options{Workshop: w, Now: env.now, Role: model.RoleFacilitator, Store: st})
	_, runErr := tea.NewProgram(app, tea.WithAltScreen()).Run()
	closeErr := owner.Close()
	s := owner.Current().Session
	if runErr != nil {
		return failure(env, fmt.Errorf("the screen failed: %w (the session is saved in %s)", runErr, st.Path(s.ID)))
	}
	if closeErr != nil {
		return failure(env, fmt.Errorf("the last change could not be saved: %w", closeErr))
	}
	fmt.Fprintf(env.stdout, "Saved %q in %s\nReopen it with: pitstop open %s\n", s.Title, st.Path(s.ID), s.ID)
	return exitOK
}

func openCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	return func(env *cliEnv, args []string) int {
		if len(args) != 1 {
			return usageError(env, "open", "name one session: its id (see pitstop list) or the path of its file")
		}
		if !interactive() {
			return failure(env, fmt.Errorf("the app needs a terminal; from scripts use pitstop list or pitstop check"))
		}
		return openSession(env, args[0])
	}
}

func openSession(env *cliEnv, idOrPath string) int {
	w, err := config.Resolve(env.configPath, defaultConfig)
	if err != nil {
		return failure(env, err)
	}
	st, id, err := storeFor(env, idOrPath)
	if err != nil {
		return failure(env, err)
	}
	owner, err := sessions.OpenOwner(st, id, env.now)
	if err != nil {
		return failure(env, err)
	}
	return runApp(env, st, owner, w)
}

// storeFor finds the store and id of a session named by id or by path: a
// path opens the store of the directory the file is in.
func storeFor(env *cliEnv, idOrPath string) (*sessions.Store, string, error) {
	st, err := sessions.Open(env.dir)
	if err != nil {
		return nil, "", err
	}
	path := st.Resolve(idOrPath)
	if path == st.Path(idOrPath) {
		return st, idOrPath, nil
	}
	dir, file := splitSessionPath(path)
	if !model.ValidID(file) {
		return nil, "", fmt.Errorf("%s is not a session file (session files are named like 2026-11-22-kickoff-3f9c.toml)", path)
	}
	other, err := sessions.Open(dir)
	return other, file, err
}

func splitSessionPath(path string) (dir, id string) {
	return filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), sessions.Ext)
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
		root := ui.NewRoot(st, ui.Options{Workshop: w, Now: env.now, Role: model.RoleFacilitator})
		final, runErr := tea.NewProgram(root, tea.WithAltScreen()).Run()
		if r, ok := final.(ui.Root); ok && r.Owner() != nil {
			if err := r.Owner().Close(); err != nil {
				return failure(env, fmt.Errorf("the last change could not be saved: %w", err))
			}
		}
		if runErr != nil {
			return failure(env, fmt.Errorf("the screen failed: %w", runErr))
		}
		return exitOK
	}
}
