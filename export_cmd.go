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

	"pitstop/calendar"
	"pitstop/config"
	"pitstop/minutes"
	"pitstop/model"
	"pitstop/present"
	"pitstop/sessions"
)

// formatCalendar is export's --format for a calendar of the session's
// commitments; md and html are the minutes'.
const formatCalendar = "ics"

// exported is what pitstop export writes, as its messages name it.
type exported struct {
	noun  string // "the minutes"
	title string // "Minutes", as "Minutes written to …" says
	files string // what such files are called: "minutes are .md or .html"
	crlf  bool   // its lines end in CRLF, and must on standard output too
}

var (
	minutesExport  = exported{noun: "the minutes", title: "Minutes", files: "minutes are .md or .html"}
	calendarExport = exported{noun: "the calendar", title: "Calendar", files: "a calendar is .ics", crlf: true}
)

// exportCommand writes the minutes of a session (Markdown or HTML), or a
// calendar of its commitments that have a due date (iCalendar), next to
// the session file, to a file of the user's choosing, or to stdout. It
// only reads the session, so it needs no lock and works while the session
// is open elsewhere (what it writes then shows the session as last saved).
func exportCommand(set *flag.FlagSet) func(*cliEnv, []string) int {
	format := set.String("format", minutes.FormatMarkdown, "the `format`: md (Markdown minutes), html (the minutes as a page that prints on A4 and Letter) or ics (a calendar of the open commitments that have a due date, one all-day event each)")
	output := set.String("o", "", "write to this `file`, - for standard output (default: next to the session file, as ID.minutes.md, ID.minutes.html or ID.ics); a session file is never overwritten")
	return func(env *cliEnv, named []string) int {
		if len(named) != 1 {
			return usageError(env, "export", "name one session: its id (see pitstop list) or the path of its file")
		}
		kind := minutesExport
		switch *format {
		case minutes.FormatMarkdown, minutes.FormatHTML:
		case formatCalendar:
			kind = calendarExport
		default:
			return usageError(env, "export", "there is no format %q: use md, html or ics", *format)
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
			if err := refuseOverwrite(*output, path, st.Dir(), kind); err != nil {
				return failure(env, err)
			}
		}
		s, err := sessions.LoadFile(path)
		if err != nil {
			return failure(env, err)
		}
		if *format == formatCalendar {
			return exportCalendar(env, st, path, s, *output)
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
		return writeExport(env, kind, *output, "",
			func() (string, error) { return minutes.WriteNextTo(path, s, *format, opts) },
			func() ([]byte, error) { return minutes.Render(s, *format, opts) })
	}
}

// exportCalendar writes the calendar of s, the session at path, where
// output says (see exportCommand). A session with no open commitment that
// has a due date gives no calendar: that is said, nothing is written, and
// the command has still done what was asked.
func exportCalendar(env *cliEnv, st *sessions.Store, path string, s *model.Session, output string) int {
	opts := calendar.Options{Now: env.now()}
	// A commitment carried over several sessions keeps the UID of the
	// session it was first made in; the sessions between are read from the
	// sessions directory, so only for a session kept there, as with the
	// minutes' trend.
	if sameFile(filepath.Dir(path), st.Dir()) {
		opts.LoadSession = st.Loader()
	}
	due := len(calendar.Due(s))
	if due == 0 {
		say := env.stdout
		if output == "-" {
			say = env.stderr // standard output is the calendar's, and stays empty
		}
		fmt.Fprintf(say, "No open commitment of %s has a due date, so there is no calendar to write; nothing was written.\n", present.SessionName(s.Title, s.Created, model.DateOf(env.now())))
		return exitOK
	}
	return writeExport(env, calendarExport, output,
		fmt.Sprintf(" (%s, each on its due date; importing a later export updates these events)", present.Plural(due, "commitment")),
		func() (string, error) { return calendar.WriteNextTo(path, s, opts) },
		func() ([]byte, error) { return calendar.Render(s, opts) })
}

// writeExport puts what export makes where output says, and says where
// (unless it went to standard output), more following the file's name: with
// no -o, next to the session file (nextTo writes it and names the file);
// else what render makes, to the file -o names, or to standard output (-).
func writeExport(env *cliEnv, kind exported, output, more string, nextTo func() (string, error), render func() ([]byte, error)) int {
	if output == "" {
		written, err := nextTo()
		if err != nil {
			return failure(env, err)
		}
		fmt.Fprintf(env.stdout, "%s written to %s%s\n", kind.title, written, more)
		return exitOK
	}
	data, err := render()
	if err != nil {
		return failure(env, err)
	}
	if output == "-" {
		out := env.stdout
		if kind.crlf && env.rawStdout != nil {
			out, data = env.rawStdout, printableCRLF(data)
		}
		if _, err := out.Write(data); err != nil {
			return failure(env, fmt.Errorf("writing %s: %w", kind.noun, err))
		}
		return exitOK
	}
	// minutes.WriteFile is the careful write of any exported file: atomic,
	// through a link the person chose, into a pipe as a pipe.
	if err := minutes.WriteFile(output, data); err != nil {
		return failure(env, fmt.Errorf("cannot write %s to %s: %w", kind.noun, output, err))
	}
	fmt.Fprintf(env.stdout, "%s written to %s%s\n", kind.title, output, more)
	return exitOK
}

// printableCRLF is data with every control character but tab, and but
// the CR and LF that end its lines, taken out, as printableWriter does for
// everything else a command prints. The calendar's text was cleaned when
// the session was read; this keeps the promise should that ever change.
func printableCRLF(data []byte) []byte {
	lines := strings.Split(string(data), "\r\n")
	for i, line := range lines {
		lines[i] = strings.ReplaceAll(model.StripControls(line), "\n", "")
	}
	return []byte(strings.Join(lines, "\r\n"))
}

// refuseOverwrite says why kind must not be written to out, the file
// given with -o, when the session at sessionPath is exported from the
// sessions directory storeDir: a typo or a shell completion that lands on a
// session file would otherwise replace the room's words with their minutes.
// Refused are .toml files (sessions and workshop configs are .toml; what
// export writes never is), the session file itself under any name (a
// link), any existing file that holds a session, and Pit Stop's own dot
// files in a sessions directory (a replaced lock file would let two
// writers in).
func refuseOverwrite(out, sessionPath, storeDir string, kind exported) error {
	refuse := func(why string) error {
		return fmt.Errorf("will not write %s to %s: %s.\nNothing was written. Choose another file with -o, or leave -o out to write %s next to the session", kind.noun, out, why, kind.noun)
	}
	if strings.EqualFold(filepath.Ext(out), sessions.Ext) {
		return refuse("a " + sessions.Ext + " file is a session or a workshop config, and " + kind.files)
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
