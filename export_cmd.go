package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"pitstop/config"
	"pitstop/minutes"
	"pitstop/sessions"
)

// exportCommand writes the minutes of a session: Markdown or HTML, next to
// the session file, to a file of the user's choosing, or to stdout. It only
// reads the session, so it needs no lock and works while the session is
// open elsewhere (the minutes then show it as it was last saved).
func exportCommand(set *flag.FlagSet) func(*cliEnv, []string) int {
	format := set.String("format", minutes.FormatMarkdown, "the minutes' `format`: md (Markdown) or html (a page that prints on A4 and Letter)")
	output := set.String("o", "", "write the minutes to this `file`, - for standard output (default: next to the session file, as ID.minutes.md or .html); a session file is never overwritten")
	return func(env *cliEnv, named []string) int {
		if len(named) != 1 {
			return usageError(env, "export", "name one session: its id (see pitstop list) or the path of its file")
		}
		if *format != minutes.FormatMarkdown && *format != minutes.FormatHTML {
			return usageError(env, "export", "there is no format %q: use --format md or --format html", *format)
		}

		st, err := sessions.Open(env.dir)
		if err != nil {
			return failure(env, err)
		}
		path := st.Resolve(named[0])
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return failure(env, fmt.Errorf("there is no session %s (no file %s); pitstop list shows the saved sessions", named[0], path))
		}
		// Refuse before any work, so that nothing is written at all.
		if *output != "" && *output != "-" {
			if err := refuseOverwrite(*output, path, st.Dir()); err != nil {
				return failure(env, err)
			}
		}
		s, err := sessions.LoadFile(path)
		if err != nil {
			return failure(env, err)
		}
		w, err := config.Resolve(env.configPath, defaultConfig)
		if err != nil {
			return failure(env, err)
		}
		opts := minutes.Options{Workshop: w, Now: env.now()}
		// The team's trend comes from the sessions directory, so only for a
		// session kept there: one exported from elsewhere has its team's
		// sessions elsewhere too. Minutes without the trend beat none.
		if sameFile(filepath.Dir(path), st.Dir()) {
			trend, err := minutes.TeamTrend(st, w, s)
			if err != nil {
				fmt.Fprintf(env.stderr, "The minutes leave out the team's partnership trend: the sessions could not be listed (%v).\n", err)
			}
			opts.Trend = trend
		}

		if *output == "" {
			written, err := minutes.WriteNextTo(path, s, *format, opts)
			if err != nil {
				return failure(env, err)
			}
			fmt.Fprintf(env.stdout, "Minutes written to %s\n", written)
			return exitOK
		}
		data, err := minutes.Render(s, *format, opts)
		if err != nil {
			return failure(env, err)
		}
		if *output == "-" {
			if _, err := env.stdout.Write(data); err != nil {
				return failure(env, fmt.Errorf("writing the minutes: %w", err))
			}
			return exitOK
		}
		if err := minutes.WriteFile(*output, data); err != nil {
			return failure(env, fmt.Errorf("cannot write the minutes to %s: %w", *output, err))
		}
		fmt.Fprintf(env.stdout, "Minutes written to %s\n", *output)
		return exitOK
	}
}

// refuseOverwrite says why the minutes must not be written to out, the
// file given with -o, when the session at sessionPath is exported from the
// sessions directory storeDir: a typo or a shell completion that lands on a
// session file would otherwise replace the room's words with their minutes.
// Refused are .toml files (sessions and workshop configs are .toml; minutes
// never are), the session file itself under any name (a link), any
// existing file that holds a session, and Pit Stop's own dot files in a
// sessions directory (a replaced lock file would let two writers in).
func refuseOverwrite(out, sessionPath, storeDir string) error {
	refuse := func(why string) error {
		return fmt.Errorf("will not write the minutes to %s: %s.\nNothing was written. Choose another file with -o, or leave -o out to write them next to the session", out, why)
	}
	if strings.EqualFold(filepath.Ext(out), sessions.Ext) {
		return refuse("a " + sessions.Ext + " file is a session or a workshop config, and minutes are .md or .html")
	}
	if strings.HasPrefix(filepath.Base(out), ".") {
		for _, dir := range []string{storeDir, filepath.Dir(sessionPath)} {
			if sameFile(filepath.Dir(out), dir) {
				return refuse("Pit Stop keeps its lock and cache files under such names in the sessions directory")
			}
		}
	}
	fi, err := os.Stat(out)
	if err != nil {
		return nil // a new file, or one the write will report on
	}
	if session, err := os.Stat(sessionPath); err == nil && os.SameFile(fi, session) {
		return refuse("it is the session file itself")
	}
	if fi.Mode().IsRegular() {
		switch held, err := holdsSession(out); {
		case err != nil:
			return refuse(fmt.Sprintf("Pit Stop cannot read it to tell whether it holds a session (%v)", err))
		case held:
			return refuse("it holds a Pit Stop session")
		}
	}
	return nil
}

func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// holdsSession reports whether the file at path is a session: it begins
// as Pit Stop writes sessions, or it is TOML with a session's id or
// current stop (a session whose header comment was edited away). Only the
// first few megabytes are read; a session larger than that still begins
// with its header unless someone edited it away.
func holdsSession(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 8<<20))
	if err != nil {
		return false, err
	}
	isSession, _ := sessions.ProbeSession(data)
	return isSession, nil
}
