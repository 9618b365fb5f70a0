// Command pitstop is a terminal dashboard for relational-partnership
// workshops: it walks a room through the seven pit stops toward belonging,
// keeps time, captures notes and a board of agreements, tensions and
// commitments, and saves every session as a plain TOML file.
package main

import (
	_ "embed"
	"os"
)

// defaultConfig is the workshop used when no --config file is given and the
// user has none in their config directory.
//
//go:embed config.toml
var defaultConfig []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
