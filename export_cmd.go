package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

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
	output := set.String("o", "", "write the minutes to this `file`, - for standard output (default: next to the session file, as ID.minutes.md or .html)")
	return func(env *cliEnv, args []string) int {
		// Flags may follow the session too: pitstop export ID --format html.
		var named []string
		for len(args) > 0 {
			named = append(named, args[0])
			if err := set.Parse(args[1:]); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					set.SetOutput(env.stdout)
					set.Usage()
					return exitOK
				}
				return exitUsage // flag has printed what was wrong and the usage
			}
			args = set.Args()
		}
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
		s, err := sessions.LoadFile(path)
		if err != nil {
			return failure(env, err)
		}
		w, err := config.Resolve(env.configPath, defaultConfig)
		if err != nil {
			return failure(env, err)
		}
		opts := minutes.Options{Workshop: w, Now: env.now()}

		switch *output {
		case "":
			written, err := minutes.WriteNextTo(path, s, *format, opts)
			if err != nil {
				return failure(env, err)
			}
			fmt.Fprintf(env.stdout, "Minutes written to %s\n", written)
			return exitOK
		case "-":
			data, err := minutes.Render(s, *format, opts)
			if err != nil {
				return failure(env, err)
			}
			if _, err := env.stdout.Write(data); err != nil {
				return failure(env, fmt.Errorf("writing the minutes: %w", err))
			}
			return exitOK
		}
		data, err := minutes.Render(s, *format, opts)
		if err != nil {
			return failure(env, err)
		}
		if err := os.WriteFile(*output, data, 0o644); err != nil {
			return failure(env, fmt.Errorf("cannot write the minutes: %w", err))
		}
		fmt.Fprintf(env.stdout, "Minutes written to %s\n", *output)
		return exitOK
	}
}
