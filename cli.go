package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/BurntSushi/toml"

	"pitstop/config"
	"pitstop/sessions"
)

// Exit codes: 0 done, 1 the command failed (a bad file, a locked session),
// 2 the command line itself was wrong.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const usageText = `Pit Stop walks a workshop through the seven pit stops toward belonging.

Usage:
  pitstop [--dir DIR] [--config FILE]        browse the sessions: open, search, start one
  pitstop new --title T [--team T] [--facilitator F]
                                             start a new session and open it
  pitstop open ID|PATH                       open a saved session
  pitstop list [--json]                      list the saved sessions, newest first
  pitstop check FILE                         check a session or config file; exit 1 if it is broken
  pitstop export ID|PATH [--format md|html]  write the minutes to share, next to the session (-o FILE, - for stdout)
  pitstop help [COMMAND]                     show help

Every command takes --dir DIR (where sessions are saved; default $PITSTOP_DIR,
else the XDG data directory, pitstop/sessions) and --help.
`

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	args    string // what follows the flags, for the usage line
	flags   func(fs *flag.FlagSet) func(env *cliEnv, args []string) int
}

// cliEnv is what every command runs with.
type cliEnv struct {
	stdout, stderr io.Writer
	dir            string
	configPath     string
	now            func() time.Time
}

func commands() []command {
	return []command{
		{name: "new", summary: "Start a new session.", flags: newCommand},
		{name: "open", summary: "Open a saved session in the app (resume it where the room left off).", args: "ID|PATH", flags: openCommand},
		{name: "list", summary: "List the saved sessions, newest first.", flags: listCommand},
		{name: "check", summary: "Check a session file or a config file; exit 1 with file:line:col and the reason if it is broken.", args: "FILE", flags: checkCommand},
		{name: "export", summary: "Write the minutes of a session to share: Markdown, or an HTML page that prints well.", args: "ID|PATH", flags: exportCommand},
	}
}

// run is the whole CLI, apart from the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	env := &cliEnv{stdout: stdout, stderr: stderr, now: time.Now}
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usageText)
		return exitOK
	}
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "" {
		return runCommand(env, command{name: "", summary: "Browse the saved sessions: open one, search them all, or start a new one.", flags: defaultCommand}, args)
	}
	for _, c := range commands() {
		if c.name == name {
			return runCommand(env, c, args)
		}
	}
	fmt.Fprintf(stderr, "pitstop: there is no command %q.\n\n%s", name, usageText)
	return exitUsage
}

func runCommand(env *cliEnv, c command, args []string) int {
	fs := flag.NewFlagSet("pitstop "+c.name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.StringVar(&env.dir, "dir", "", "the sessions `directory` (default: $PITSTOP_DIR, else the XDG data dir)")
	fs.StringVar(&env.configPath, "config", "", "a workshop config `file` (default: the embedded workshop)")
	body := c.flags(fs)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "%s\n\nUsage:\n  %s [flags] %s\n\nFlags:\n", c.summary, strings.TrimSpace("pitstop "+c.name), c.args)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(env.stdout)
			fs.Usage()
			return exitOK
		}
		return exitUsage // flag has printed what was wrong and the usage
	}
	if env.dir == "" {
		env.dir = sessions.DefaultDir()
	}
	return body(env, fs.Args())
}

// workshopAndStore is what most commands start with: the workshop (from
// --config, the user's config directory or the embedded default) and the
// sessions directory.
func (env *cliEnv) workshopAndStore() (*config.Workshop, *sessions.Store, error) {
	w, err := config.Resolve(env.configPath, defaultConfig)
	if err != nil {
		return nil, nil, err
	}
	st, err := sessions.Open(env.dir)
	return w, st, err
}

func usageError(env *cliEnv, cmd, format string, args ...any) int {
	fmt.Fprintf(env.stderr, "pitstop %s: %s\nRun 'pitstop %s --help' for usage.\n", cmd, fmt.Sprintf(format, args...), cmd)
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
		s, prev, err := st.CreateWithCarry(*title, *team, *facilitator, w.Plans(), now)
		if err != nil {
			return failure(env, err)
		}
		if prev != nil {
			total, _ := s.Carried()
			fmt.Fprintf(env.stderr, "Carried %s over from %q (%s): open commitments and tensions.\n",
				plural(total, "item"), prev.Title, prev.Created.Format("2006-01-02"))
		}
		if interactive() {
			owner, err := sessions.CreateOwner(st, s, env.now)
			if err != nil {
				return failure(env, err)
			}
			return runApp(env, st, owner, w)
		}
		if err := st.Create(s); err != nil {
			return failure(env, err)
		}
		fmt.Fprintf(env.stdout, "Started %q (%s, %s planned).\nid:   %s\nfile: %s\n", s.Title, plural(len(s.Stops), "stop"), humanDuration(s.PlannedTotal()), s.ID, st.Path(s.ID))
		return exitOK
	}
}

// humanDuration writes whole minutes the way people say them: "1h50m", "45m".
func humanDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
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
	var broken []sessions.Summary
	for _, s := range list {
		if s.Broken() {
			broken = append(broken, s)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d %s\t%d\t%d\t%d\t%d\t%s\t%s\n",
			s.Created.Format("2006-01-02"), cell(s.Title, 40), cell(s.Team, 24), s.StopsReached, s.StopCount, cell(s.CurrentStop, 28),
			s.Notes, s.Agreements, s.OpenTensions, s.OpenCommitments, s.Status, s.ID)
	}
	tw.Flush()
	for _, s := range broken {
		fmt.Fprintf(out, "\nBROKEN %s (left untouched)\n  %s\n", s.Path, strings.ReplaceAll(s.Problem, "\n", "\n  "))
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
		data, err := os.ReadFile(path)
		if err != nil {
			return failure(env, fmt.Errorf("cannot read %s: %w", path, err))
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
// an id and a current stop. A file too broken to tell is checked as a
// session when its name says so, else as a config; either way the reader
// reports where it breaks.
func looksLikeSession(data []byte) bool {
	var probe map[string]any
	if _, err := toml.Decode(string(data), &probe); err != nil {
		return !strings.Contains(string(data), "[[outcome]]")
	}
	_, hasID := probe["id"]
	_, hasCurrent := probe["current_stop"]
	return hasID || hasCurrent
}

// plural writes a count with its noun: "1 stop", "7 stops".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
