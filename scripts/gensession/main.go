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
	"strings"
	"time"

	"pitstop/model"
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
	// Items are dated over the last hour, one every few seconds.
	now := time.Now().Add(-time.Duration(n) * 3 * time.Second)
	for i := 0; i < n; i++ {
		now = now.Add(3 * time.Second)
		stop := s.Stops[i%len(s.Stops)].Key
		var c model.Command
		switch {
		case i%10 == 9:
			c = model.AddCommitment{Stop: stop, Role: model.RoleNoteTaker, Text: fmt.Sprintf("Follow up on item %d with the partners", i), Owner: "Dana", Due: "2026-12-05"}
		case i%25 == 3:
			c = model.AddAgreement{Stop: stop, Role: model.RoleNoteTaker, Text: fmt.Sprintf("Agreement %d: we start and end on time", i)}
		case i%25 == 7:
			c = model.AddTension{Stop: stop, Role: model.RoleNoteTaker, Text: fmt.Sprintf("Tension %d: who holds the budget?", i)}
		case i%7 == 5:
			c = model.AddNote{Stop: stop, Role: model.RoleNoteTaker, Text: fmt.Sprintf("Note %d, a longer one.\n%s", i, strings.Repeat("People said more than fits on one line of the projector. ", 3))}
		default:
			c = model.AddNote{Stop: stop, Role: model.RoleFacilitator, Text: fmt.Sprintf("Note %d: what the room said here", i)}
		}
		if err := s.Apply(c, now); err != nil {
			return fmt.Errorf("item %d (%T): %w", i, c, err)
		}
	}
	if err := st.Save(s); err != nil {
		return err
	}
	fmt.Printf("%s: %d notes, %d agreements, %d tensions, %d commitments\n", st.Path(id), len(s.Notes), len(s.Agreements), len(s.Tensions), len(s.Commitments))
	return nil
}
