package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"pitstop/config"
)

// The partnership check as a room does it: at Reflection & Accountability
// the screen suggests it, h opens it, a number key per outcome rates all
// 22, the weakest becomes a commitment with an owner and a date; after
// quitting and reopening, the ratings and the commitment are on screen and
// in the file.
func TestPartnershipCheckEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 100, 40)
	id := srv.newSession("Checked")
	app := srv.start("open", id)
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	app.typeText("]")
	app.waitFor("A good moment for the partnership check")
	app.typeText("h")
	app.waitFor("PARTNERSHIP CHECK", "0 of 22 rated", "Power with, not power over")
	// One score per outcome; the thirteenth, "No hidden agendas", alone
	// gets a 1.
	scores := "4352435243521435243524"
	for i, score := range scores {
		// A key at a time, as a room answers: digits arriving together
		// would be typing, not ratings.
		app.typeText(string(score))
		app.waitFor(fmt.Sprintf("%d of 22 rated", i+1))
	}
	app.waitFor("22 of 22 rated", "Weakest first")
	scr := app.waitFor("› ▸ No hidden agendas, no unwritten rules")
	if !strings.Contains(scr, "1 of 5") {
		t.Fatalf("the weakest is not at the top with its score:\n%s", frame(scr))
	}
	app.typeText("c")
	app.waitFor("Work on “No hidden agendas, no unwritten rules”")
	app.typeText("@Dana due:" + futureDue())
	app.send("Enter")
	app.send("Escape")
	app.typeText("b")
	app.waitFor("Work on “No", "@Dana")
	app.quit()

	again := srv.start("open", id)
	again.waitUntil("back at stop 2", waitTimeout, stopScreen(1))
	again.typeText("h")
	again.waitFor("22 of 22 rated", "all answered")
	again.send("Tab")
	again.waitFor("› ▸ No hidden agendas, no unwritten rules")
	again.send("Escape")
	again.typeText("b")
	again.waitFor("Work on “No", "@Dana")
	again.quit()

	var f struct {
		Ratings []struct {
			Outcome, Label string
			Score          int
		} `toml:"rating"`
		Commitments []struct {
			Text, Owner, Due string
		} `toml:"commitment"`
	}
	if _, err := toml.DecodeFile(filepath.Join(srv.dir, id+".toml"), &f); err != nil {
		t.Fatalf("the session file: %v", err)
	}
	if len(f.Ratings) != 22 {
		t.Fatalf("%d ratings in the file, want 22", len(f.Ratings))
	}
	// Each key rated the outcome picked when it was pressed; the file
	// keeps them in the order the owner applied them.
	w, err := config.Load("config.toml")
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]int{}
	for _, r := range f.Ratings {
		byKey[r.Outcome] = r.Score
		if r.Label == "" {
			t.Errorf("rating of %s has no label", r.Outcome)
		}
	}
	for i, o := range w.Outcomes {
		if want := int(scores[i] - '0'); byKey[o.Key] != want {
			t.Errorf("outcome %d (%s) is rated %d in the file, want %d", i+1, o.Key, byKey[o.Key], want)
		}
	}
	if len(f.Commitments) != 1 || f.Commitments[0].Owner != "Dana" || f.Commitments[0].Due != futureDue() || !strings.Contains(f.Commitments[0].Text, "No hidden agendas") {
		t.Fatalf("commitments in the file: %+v", f.Commitments)
	}
}
