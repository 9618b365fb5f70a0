package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"pitstop/model"
	"pitstop/present"
)

// lockedBuffer is a process's output, read while it writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// workshopContent is what a session file holds of a workshop, without what
// differs from run to run (ids, times, how long each stop really took).
type workshopContent struct {
	Status      string `toml:"status"`
	CurrentStop string `toml:"current_stop"`
	Stops       []struct {
		Key     string `toml:"key"`
		Planned string `toml:"planned"`
	} `toml:"stop"`
	Notes []struct {
		Stop, Role, Text string
	} `toml:"note"`
	Agreements []struct {
		Stop, Role, Text string
	} `toml:"agreement"`
	Tensions []struct {
		Stop, Role, Text, Status string
	} `toml:"tension"`
	Commitments []struct {
		Stop, Role, Text, Owner, Due, Status string
	} `toml:"commitment"`
}

func readContent(t *testing.T, path string) workshopContent {
	t.Helper()
	var c workshopContent
	if _, err := toml.DecodeFile(path, &c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

// onlySession is the one session a sessions directory holds.
func onlySession(t *testing.T, s *tmuxServer, dir string) string {
	t.Helper()
	c := exec.Command(e2eBinary, "list", "--json", "--dir", dir)
	out, err := c.Output()
	var list []listed
	if err != nil || json.Unmarshal(out, &list) != nil || len(list) != 1 {
		t.Fatalf("list in %s: %v\n%s", dir, err, out)
	}
	return list[0].Path
}

// A facilitator who works in plain lines runs a whole workshop through a
// pipe (no terminal), with time running 240 times fast: all seven stops
// with a note each, an agreement, a tension and a commitment, the timer
// started, given two more minutes and run into overtime, and the session
// closed. The transcript is plain text and says each thing once; the file
// holds what the same workshop run on the full screen holds.
func TestLineModeThroughAPipeEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	due := futureDue()
	dueDate, _ := model.ParseDate(due)
	spokenDue := present.SpokenDate(dueDate, model.DateOf(time.Now()))
	const speed = "PITSTOP_CLOCK_SPEED=240"

	linesDir := filepath.Join(t.TempDir(), "sessions")
	cmd := exec.Command(e2eBinary, "new", "--title", "Same script", "--team", "Harbor", "--accessible", "--dir", linesDir)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+srv.xdg, "XDG_DATA_HOME="+srv.xdg, "XDG_STATE_HOME="+srv.xdg, speed, "TERM=xterm-256color")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	said := func(text string) {
		t.Helper()
		deadline := time.Now().Add(waitTimeout)
		for !strings.Contains(out.String(), text) {
			if time.Now().After(deadline) {
				t.Fatalf("the line mode never said %q; it said:\n%s", text, out.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	var announced []string
	step := func(line string, answers ...string) {
		t.Helper()
		if line != "" {
			if _, err := io.WriteString(stdin, line+"\n"); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range answers {
			said(a)
			announced = append(announced, a)
		}
	}

	step("", "Stop 1 of 7: Belonging. 15 minutes planned.")
	step("start", "Timer started by you.")
	step("add 2", "Planned time changed by you: 17 minutes now.")
	step("", "5 minutes left.", "1 minute left.", "Time is up at Belonging.")
	step("agree We name tension when we feel it", "Agreement added by you: We name tension when we feel it.")
	step("tension Who decides when budgets move?", "Tension added by you: Who decides when budgets move?")
	step("commit Draft the MOU @Dana due:"+due, "Commitment added by you: Draft the MOU, owner Dana, due "+spokenDue+".")
	for i, st := range stops {
		note := fmt.Sprintf("note at %s #%d", st.key, i+1)
		step("note "+note, "Note added by you: "+note+".")
		if i < len(stops)-1 {
			step("next", fmt.Sprintf("Stop %d of 7: %s.", i+2, stops[i+1].name))
		}
	}
	step("next", "That was the last stop. Close the session and show the summary? Type yes to close it.")
	step("yes", "The session is closed by you.")
	step("quit", "Leaving.") // then saved, or being saved: as it is when said
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("pitstop in plain lines: %v\n%s", err, out.String())
	}
	transcript := out.String()
	if strings.ContainsAny(transcript, "\x1b\a") || strings.ContainsAny(transcript, "─│┌┐└┘╭╮╰╯═║█▀▄░▓") {
		t.Fatalf("the transcript is not plain text:\n%q", transcript)
	}
	for _, a := range announced {
		if n := strings.Count(transcript, a); n != 1 {
			t.Errorf("%q said %d times:\n%s", a, n, transcript)
		}
	}
	if !strings.Contains(transcript, `Saved "Same script"`) {
		t.Errorf("no word of where it was saved:\n%s", transcript)
	}

	// The same workshop on the full screen, with the same fast clock.
	app := srv.startWith([]string{speed}, "new", "--title", "Same script", "--team", "Harbor")
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	app.send("Space")
	app.waitFor("running")
	app.typeText("+")
	app.waitFor("16m planned")
	app.typeText("+")
	app.waitFor("17m planned")
	app.waitUntil("overtime", 20*time.Second, func(scr string) bool { return strings.Contains(scr, "time to wrap up") })
	for _, e := range []struct{ key, text, box string }{
		{"a", "We name tension when we feel it", "New agreement"},
		{"t", "Who decides when budgets move?", "New tension"},
		{"c", "Draft the MOU @Dana due:" + due, "New commitment"},
	} {
		app.typeText(e.key)
		app.waitFor(e.box)
		app.typeText(e.text)
		app.waitUntil(e.text+" typed", waitTimeout, inputShows(e.text))
		app.send("Enter")
		app.waitUntil(e.box+" closed", waitTimeout, func(scr string) bool { return !strings.Contains(scr, e.box) })
	}
	app.noteEachStop()
	app.waitFor("Close the session")
	app.typeText("y")
	app.waitFor("SESSION CLOSED")
	app.quit()

	lines, screen := readContent(t, onlySession(t, srv, linesDir)), readContent(t, onlySession(t, srv, srv.dir))
	if !reflect.DeepEqual(lines, screen) {
		t.Fatalf("the files differ:\nplain lines: %+v\nfull screen: %+v", lines, screen)
	}
	if lines.Status != "closed" || len(lines.Notes) != 7 || len(lines.Commitments) != 1 || lines.Commitments[0].Owner != "Dana" || lines.Stops[0].Planned != "17m" {
		t.Fatalf("the workshop is not all there: %+v", lines)
	}
}
