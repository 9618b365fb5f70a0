// Command gensession fills a saved session with n notes and board items,
// spread over its stops, so that measurements see a realistically busy
// session. It is used by scripts/measure.sh:
//
//	pitstop new --dir DIR --title T          # prints the id
//	go run ./scripts/gensession -dir DIR -id ID -n 300
//
// The room stays at the stop it was at. The session must not be open in
// Pit Stop while this runs.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"pitstop/internal/sample"
	"pitstop/sessions"
)

func main() {
	dir := flag.String("dir", "", "the sessions `directory`")
	id := flag.String("id", "", "the `id` of the session to fill")
	n := flag.Int("n", 300, "how many notes and board items to add")
	flag.Parse()
	if *dir == "" || *id == "" || *n < 0 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := fill(*dir, *id, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gensession:", err)
		os.Exit(1)
	}
}

func fill(dir, id string, n int) error {
	st, err := sessions.Open(dir)
	if err != nil {
		return err
	}
	lock, err := st.Lock(id)
	if err != nil {
		return err
	}
	defer lock.Release()
	s, err := st.Load(id)
	if err != nil {
		return err
	}
	// Items are dated over the last minutes, one every few seconds.
	if err := sample.Fill(s, n, time.Now().Add(-time.Duration(n)*3*time.Second), 3*time.Second); err != nil {
		return err
	}
	if err := st.Save(s); err != nil {
		return err
	}
	fmt.Printf("%s: %d notes, %d agreements, %d tensions, %d commitments\n", st.Path(id), len(s.Notes), len(s.Agreements), len(s.Tensions), len(s.Commitments))
	return nil
}
