package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"pitstop/config"
	"pitstop/model"
	"pitstop/present"
	"pitstop/sessions"

	"github.com/charmbracelet/x/term"
)

// Exit codes: 0 done, 1 the command failed (a bad file, a locked session),
// 2 the command line itself was wrong.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageText is what pitstop --help prints: every line fits 80 columns.
const usageText = `Pit Stop walks a workshop through the seven pit stops toward belonging.

Usage:
  pitstop [--dir DIR]           browse the sessions: open, search, start one
                                (outside a terminal: list them)
  pitstop new --title T [--team T] [--facilitator F]
                                start a new session and open it (outside a
                                terminal: save it and print its id and file)
  pitstop open [--read-only] ID|PATH
                                open a saved session (needs a terminal);
                                --read-only looks at it without changing it,
                                following a Pit Stop that has it open
  pitstop list [--json]         list the saved sessions, newest first
  pitstop check FILE            check a session or config file; exit 1 if it
                                is broken
  pitstop export ID|PATH [--format md|html|ics] [-o FILE]
                                write the minutes to share, or (ics) the
                                commitments with a due date as a calendar:
                                next to the session file, or to FILE (- for
                                standard output)
  pitstop serve --session ID|PATH | --new --title T [--team T] [--facilitator F]
                                host a live session over SSH for a note-taker
                                and viewers (ssh -p 2222 notes@HOST); with
                                --web ADDR, a page for the room's phones too
  pitstop help [COMMAND]        show this, or the help of one command

Every command takes --help, --dir DIR (where sessions are saved; default
$PITSTOP_DIR, else pitstop/sessions in the XDG data directory), --config FILE
(the workshop; default $XDG_CONFIG_HOME/pitstop/config.toml if it exists,
else the built-in one), --theme auto|dark|light|high-contrast and
--accessible (plain lines instead of the full screen, for a screen reader;
also with ACCESSIBLE set, or TERM=dumb). Flags may come before the command as
well as after it and its arguments: pitstop --dir DIR export ID -o FILE. A
flag given twice counts as given last.

Exit status: 0 done, 1 the command failed, 2 the command line was wrong.
`

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	args    string // what follows the flags, for the usage line
	flags   func(fs *flag.FlagSet) func(env *cliEnv, args []string) int
	// unused names the flags every command takes that this one has no use
	// for, so that its help says so rather than promise an effect.
	unused []string
}

// cliEnv is what every command runs with.
type cliEnv struct {
	stdout, stderr io.Writer
	dir            string
	configPath     string
	theme          string // --theme: a built-in theme in place of the config's
	accessible     bool   // --accessible: plain lines instead of the full screen
	now            func() time.Time
	hub            *sessions.Hub // the process's live sessions
	// rawStdout is standard output without printableWriter, for a file
	// whose lines must end in CRLF (a calendar), which printableWriter
	// would take the CR out of. Whoever writes there makes what they
	// write printable themselves; nil means use stdout.
	rawStdout io.Writer
}

func commands() []command {
	return []command{
		{name: "new", summary: "Start a new session: at a terminal it opens; from a script it is saved and its id and file printed.", flags: newCommand},
		{name: "open", summary: "Open a saved session in the app (resume it where the room left off). It needs a terminal.", args: "ID|PATH", flags: openCommand},
		{name: "list", summary: "List the saved sessions, newest first.", flags: listCommand, unused: []string{"config", "theme"}},
		{name: "check", summary: "Check a session file or a config file; exit 1 with file:line:col and the reason if it is broken.", args: "FILE", flags: checkCommand, unused: []string{"dir", "config", "theme"}},
		{name: "serve", summary: "Host one live session: note-takers and viewers join from a plain ssh client, with their keys; with --web, everyone in the room joins from a phone's browser.", flags: serveCommand},
		{name: "export", summary: "Write the minutes of a session to share: Markdown, or an HTML page that prints well; or a calendar (.ics) of its commitments' due dates.", args: "ID|PATH", flags: exportCommand, unused: []string{"theme"}},
	}
}

// browse is plain pitstop, with no command.
var browse = command{summary: "Browse the saved sessions: open one, search them all, or start a new one. Outside a terminal, list them.", flags: defaultCommand}

// run is the whole CLI, apart from the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	clock, hubOpts := sessions.SystemClock(), []sessions.HubOption(nil)
	if speed, err := strconv.ParseFloat(os.Getenv("PITSTOP_CLOCK_SPEED"), 64); err == nil && speed > 1 && speed <= 3600 {
		// A rehearsal (or a test) in fast time; owners look at the clock
		// as often in its time as they do in real time.
		clock = sessions.FastClock(speed)
		hubOpts = append(hubOpts, sessions.WithTick(max(5*time.Millisecond, time.Duration(float64(time.Second)/speed))), sessions.WithRehearsalClock())
	}
	rawStdout := stdout
	stdout, stderr = printableWriter{stdout}, printableWriter{stderr}
	env := &cliEnv{stdout: stdout, rawStdout: rawStdout, stderr: stderr, now: clock.Now, hub: sessions.NewHub(clock, hubOpts...)}
	if len(args) > 0 && isHelpFlag(args[0]) {
		return help(env, args[1:]) // pitstop --help export: the help of export
	}
	// The flags every command takes may come before the command (pitstop
	// --dir D new --title T), so the command is the first argument that is
	// neither a flag nor a flag's value. They are read here only to find
	// it; the command reads them again, in the order given, so a flag given
	// before the command and again after it counts as given last.
	lead, _ := newFlagSet(env, browse)
	lead.Usage = func() {}
	if err := lead.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageText)
			return exitOK
		}
		// flag has printed what was wrong. An unknown flag here is most
		// likely a command's own flag typed before the command.
		if strings.HasPrefix(err.Error(), "flag provided but not defined") {
			fmt.Fprintln(stderr, "Only --dir, --config, --theme, --accessible and --help may come before the command; its own flags go after it.")
		}
		fmt.Fprintf(stderr, "\n%s", usageText)
		return exitUsage
	}
	rest := lead.Args()
	if len(rest) == 0 {
		return runCommand(env, browse, args)
	}
	// A "--" before the command stays with the flags: to the command it
	// still means that no flags follow.
	name, after := rest[0], slices.Concat(args[:len(args)-len(rest)], rest[1:])
	if name == "help" {
		return help(env, rest[1:])
	}
	for _, c := range commands() {
		if c.name == name {
			return runCommand(env, c, after)
		}
	}
	fmt.Fprintf(stderr, "pitstop: there is no command %q.\n\n%s", name, usageText)
	return exitUsage
}

// printableWriter takes every control sequence and control character but
// newline and tab out of what commands print: file names, paths and the
// messages that quote them come from outside, and a file named
// "evil\x1b]0;PWNED\x07.toml" must not retitle the terminal of whoever
// lists it.
type printableWriter struct{ w io.Writer }

func (p printableWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, model.StripControls(string(b))); err != nil {
		return 0, err
	}
	return len(b), nil
}

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "--h"
}

// help is pitstop help [COMMAND] and pitstop --help [COMMAND]. Anything
// else is left alone: pitstop --help --dir D is just the usage.
func help(env *cliEnv, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") || args[0] == "help" {
		fmt.Fprint(env.stdout, usageText)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return runCommand(env, c, []string{"--help"})
		}
	}
	fmt.Fprintf(env.stderr, "pitstop help: there is no command %q.\n\n%s", args[0], usageText)
	return exitUsage
}

// newFlagSet makes the flags of command c, with --dir and --config, which
// every command takes, and returns what runs the command once they are read.
func newFlagSet(env *cliEnv, c command) (*flag.FlagSet, func(*cliEnv, []string) int) {
	fs := flag.NewFlagSet(commandName(c.name), flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dirUsage := "the sessions `directory` (default: $PITSTOP_DIR, else pitstop/sessions in the XDG data directory)"
	configUsage := "a workshop config `file` (default: $XDG_CONFIG_HOME/pitstop/config.toml if it exists, else the built-in workshop)"
	if slices.Contains(c.unused, "dir") {
		dirUsage = "the sessions `directory`; " + c.name + " does not use it"
	}
	if slices.Contains(c.unused, "config") {
		configUsage = "a workshop config `file`; " + c.name + " does not use it"
	}
	themeUsage := "the `theme`: " + strings.Join(config.ThemeNames(), ", ") + " (default: the config's, else auto: dark or light from the terminal's background)"
	if slices.Contains(c.unused, "theme") {
		themeUsage = "the `theme`; " + c.name + " does not use it"
	}
	fs.StringVar(&env.dir, "dir", "", dirUsage)
	fs.StringVar(&env.configPath, "config", "", configUsage)
	fs.StringVar(&env.theme, "theme", "", themeUsage)
	accessibleUsage := "plain lines instead of the full screen, for a screen reader (also: ACCESSIBLE set, TERM=dumb)"
	if slices.Contains(c.unused, "theme") {
		accessibleUsage = "plain lines; " + c.name + " does not use it"
	}
	fs.BoolVar(&env.accessible, "accessible", false, accessibleUsage)
	return fs, c.flags(fs)
}

// commandName is how messages name a command: "pitstop new", or "pitstop"
// for the browser.
func commandName(name string) string { return strings.TrimSpace("pitstop " + name) }

func runCommand(env *cliEnv, c command, args []string) int {
	fs, body := newFlagSet(env, c)
	usage := func(out io.Writer) {
		fs.SetOutput(out)
		fmt.Fprintf(out, "%s\n\nUsage:\n  %s\n\nFlags:\n", c.summary, strings.Join(strings.Fields(commandName(c.name)+" [flags] "+c.args), " "))
		fs.PrintDefaults()
		fmt.Fprintf(out, "\nFlags may come before the command or after %s; a flag given twice counts as given last.\n", cmp.Or(c.args, "it"))
	}
	positional, code, ok := parseFlags(env, fs, usage, args)
	if !ok {
		return code
	}
	if env.dir == "" {
		env.dir = sessions.DefaultDir()
	}
	return body(env, positional)
}

// parseFlags reads the flags wherever they stand among the arguments
// (pitstop export ID --format html), so that a flag typed last still
// counts, and returns the other arguments; "--" ends the flags. It prints
// the help, or what was wrong and the usage; ok is false when the command
// must not run, and code is then the exit code.
func parseFlags(env *cliEnv, fs *flag.FlagSet, usage func(io.Writer), args []string) (positional []string, code int, ok bool) {
	// flag would print the usage on --help to stderr; it goes to stdout.
	fs.Usage = func() {}
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			usage(env.stdout)
			return nil, exitOK, false
		}
		if err != nil {
			usage(env.stderr) // flag has printed what was wrong
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, exitOK, true
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(positional, rest...), exitOK, true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// workshopAndStore is what most commands start with: the workshop (from
// --config, the user's config directory or the embedded default) and the
// sessions directory.
func (env *cliEnv) workshopAndStore() (*config.Workshop, *sessions.Store, error) {
	w, err := env.workshop()
	if err != nil {
		return nil, nil, err
	}
	st, err := sessions.Open(env.dir)
	return w, st, err
}

// workshop is the config, with the theme --theme asks for.
func (env *cliEnv) workshop() (*config.Workshop, error) {
	w, err := config.Resolve(env.configPath, defaultConfig)
	if err != nil {
		return nil, err
	}
	if env.theme != "" {
		name, err := config.CheckThemeName(env.theme)
		if err != nil {
			return nil, fmt.Errorf("--theme: %w", err)
		}
		w.Theme.Name = name
	}
	env.hub.SetRules(sessions.Rules{MinAnswers: w.Serve.MinAnswers, SpeakingTime: w.Team.SpeakingTime})
	return w, nil
}

// plainLines reports whether a session is to be run in plain lines: asked
// for with --accessible or ACCESSIBLE, or a person at a terminal that
// cannot draw a full screen (TERM=dumb). A script's TERM=dumb alone does
// not count: pitstop new still prints the new session's id to it.
func (env *cliEnv) plainLines() bool {
	dumb := os.Getenv("TERM") == "dumb" && term.IsTerminal(os.Stdin.Fd())
	return env.accessible || os.Getenv("ACCESSIBLE") != "" || dumb
}

// usageError says what is wrong with the command line of cmd ("" for plain
// pitstop) and where the usage is.
func usageError(env *cliEnv, cmd, format string, args ...any) int {
	name := commandName(cmd)
	fmt.Fprintf(env.stderr, "%s: %s\nRun '%s --help' for usage.\n", name, fmt.Sprintf(format, args...), name)
	return exitUsage
}

func failure(env *cliEnv, err error) int {
	fmt.Fprintf(env.stderr, "pitstop: %v\n", err)
	return exitFail
}

func newCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	title := fs.String("title", "", "the session's `title` (required)")
	team := fs.String("team", "", "the `team` or partnership meeting")
	facilitator := fs.String("facilitator", "", "who facilitates")
	rehearsal := fs.Bool("rehearsal", false, "a rehearsal, to practise: left out of the team's history, the trend and carry-forward (with PITSTOP_CLOCK_SPEED every new session is one)")
	return func(env *cliEnv, args []string) int {
		if len(args) > 0 {
			return usageError(env, "new", "unexpected argument %q (quote a title with spaces: --title \"Kick-off\")", args[0])
		}
		if strings.TrimSpace(*title) == "" {
			return usageError(env, "new", "a new session needs a title: --title \"Partnership kickoff\"")
		}
		w, st, err := env.workshopAndStore()
		if err != nil {
			return failure(env, err)
		}
		now := env.now()
		s, prev, err := st.CreateWithCarry(*title, *team, *facilitator, w.Plans(), now, *rehearsal || env.hub.Rehearsing())
		if err != nil {
			return failure(env, err)
		}
		if prev != nil {
			total, _ := s.Carried()
			fmt.Fprintf(env.stderr, "Carried %s over from %q (%s): open commitments and tensions.\n",
				present.Plural(total, "item"), prev.Title, prev.Created.Format("2006-01-02"))
		}
		if interactive() || env.plainLines() {
			client, err := env.hub.Create(st, s, model.Facilitator)
			if err != nil {
				return failure(env, err)
			}
			return runApp(env, st, client, w, "")
		}
		if err := st.Create(s); err != nil {
			return failure(env, err)
		}
		kind := ""
		if s.Rehearsal {
			kind = "a rehearsal, "
		}
		fmt.Fprintf(env.stdout, "Started %q (%s%s, %s planned).\nid:   %s\nfile: %s\n", s.Title, kind, present.Plural(len(s.Stops), "stop"), present.Duration(s.PlannedTotal()), s.ID, st.Path(s.ID))
		return exitOK
	}
}

func listCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	asJSON := fs.Bool("json", false, "print JSON for scripts instead of a table")
	return func(env *cliEnv, args []string) int {
		if len(args) > 0 {
			return usageError(env, "list", "unexpected argument %q", args[0])
		}
		st, err := sessions.Open(env.dir)
		if err != nil {
			return failure(env, err)
		}
		list, err := st.List()
		if err != nil {
			return failure(env, err)
		}
		if *asJSON {
			if list == nil {
				list = []sessions.Summary{}
			}
			enc := json.NewEncoder(env.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(list); err != nil {
				return failure(env, err)
			}
			return exitOK
		}
		if len(list) == 0 {
			fmt.Fprintf(env.stdout, "No sessions yet in %s.\nStart one with: pitstop new --title \"Partnership kickoff\" --team \"Your team\"\n", st.Dir())
			return exitOK
		}
		printTable(env.stdout, list)
		return exitOK
	}
}

func printTable(out io.Writer, list []sessions.Summary) {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTITLE\tTEAM\tREACHED\tNOTES\tAGREED\tOPEN TENSIONS\tOPEN COMMITMENTS\tSTATUS\tID")
	var broken, skipped, notes []string
	for _, s := range list {
		name := filepath.Base(s.Path)
		switch {
		case s.NotSession != "":
			skipped = append(skipped, fmt.Sprintf("SKIPPED %s: %s, not a session file", name, s.NotSession))
			continue
		case s.Broken():
			broken = append(broken, fmt.Sprintf("BROKEN %s (left untouched)\n  %s", s.Path, strings.ReplaceAll(s.Problem, "\n", "\n  ")))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d %s\t%d\t%d\t%d\t%d\t%s\t%s\n",
			s.Created.Format("2006-01-02"), cell(s.Title, 40), cell(s.Team, 24), s.StopsReached, s.StopCount, cell(s.CurrentStop, 28),
			s.Notes, s.Agreements, s.OpenTensions, s.OpenCommitments, s.Status, s.ID)
		if s.Copied() {
			var others []string
			for _, p := range s.SameIDAs {
				others = append(others, filepath.Base(p))
			}
			notes = append(notes, fmt.Sprintf("NOTE %s holds the same session as %s: a copy, or the same file twice. Opening it asks which it is.", name, strings.Join(others, ", ")))
		}
		if s.Future {
			notes = append(notes, fmt.Sprintf("NOTE %s is dated %s, after tomorrow: a wrong clock or an edit. Open items are never carried forward from it.", name, s.Created.Format("2006-01-02")))
		}
	}
	tw.Flush()
	for _, lines := range [][]string{notes, skipped, broken} {
		if len(lines) > 0 {
			fmt.Fprintln(out)
		}
		for _, l := range lines {
			fmt.Fprintln(out, l)
		}
	}
}

// cell shortens text for a table column and keeps tabs out of it.
func cell(s string, max int) string {
	s = strings.ReplaceAll(s, "\t", " ")
	if s == "" {
		return "-"
	}
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

func checkCommand(fs *flag.FlagSet) func(*cliEnv, []string) int {
	return func(env *cliEnv, args []string) int {
		if len(args) != 1 {
			return usageError(env, "check", "name one file to check")
		}
		path := args[0]
		data, err := sessions.ReadFile(path)
		var notFile *sessions.NotSessionError
		if errors.As(err, &notFile) {
			// /dev/tty, a pipe, a folder: neither a session nor a config
			// could be in it, so say what it is rather than "not a session".
			fmt.Fprintf(env.stderr, "%s is %s, not a file: pitstop check reads a session file or a workshop config\n", path, notFile.What)
			return exitFail
		}
		if err != nil {
			return failure(env, err)
		}
		if strings.TrimSpace(string(data)) == "" {
			fmt.Fprintf(env.stderr, "%s: the file is empty; it holds neither a session nor a workshop config\n", path)
			return exitFail
		}
		if looksLikeSession(data) {
			s, err := sessions.Decode(path, data)
			if err != nil {
				fmt.Fprintln(env.stderr, err)
				return exitFail
			}
			fmt.Fprintf(env.stdout, "%s: a good session file: %q, %d stops, %d notes, %d board items.\n", path, s.Title, len(s.Stops), len(s.Notes), len(s.Agreements)+len(s.Tensions)+len(s.Commitments))
			return exitOK
		}
		w, err := config.Parse(path, data)
		if err != nil {
			fmt.Fprintln(env.stderr, err)
			return exitFail
		}
		fmt.Fprintf(env.stdout, "%s: a good workshop config: %d stops, %d partnership outcomes.\n", path, len(w.Stops), len(w.Outcomes))
		return exitOK
	}
}

// looksLikeSession tells a session file from a config file: sessions have
// an id and a current stop. A file too broken to parse is checked as a
// config when it has [[outcome]] tables, else as a session; either way the
// reader reports where it breaks.
func looksLikeSession(data []byte) bool {
	isSession, isTOML := sessions.ProbeSession(data)
	if !isTOML {
		return !strings.Contains(string(data), "[[outcome]]")
	}
	return isSession
}
