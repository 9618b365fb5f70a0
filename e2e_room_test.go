package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"

	"pitstop/internal/browsertest"
)

// TestEveryVoiceInTheRoom: five phones (headless browser tabs, each with
// cookies of its own) join by the address the facilitator's help page
// gives, send notes and rate an outcome; the facilitator in tmux lets two
// notes through and discards one, reveals the answers and sees how many
// gave each score; the presenter shows the notes let through with no
// names; the file keeps counts only, and no address of a phone is in the
// file, the log or the minutes.
func TestEveryVoiceInTheRoom(t *testing.T) {
	requireE2E(t)
	b := browsertest.Start(t)
	s := newTmux(t, 160, 45)
	port := freePort(t)
	logFile := filepath.Join(s.xdg, "serve.log")
	host := s.start("serve", "--new", "--title", "Every voice", "--team", "Harbor", "--web", "127.0.0.1:"+port, "--log", logFile)
	host.waitFor("STOP 1 OF 7")
	help := host.press("?", []string{"Participants"})
	url := regexp.MustCompile(`http://127\.0\.0\.1:` + port + `/t/[A-Za-z0-9_-]+`).FindString(strings.ReplaceAll(help, "\n", ""))
	if url == "" {
		t.Fatalf("no address of the participants' page on the help page:\n%s", help)
	}
	host.press("Escape", []string{"STOP 1 OF 7"})

	notes := []string{"We keep hearing from the same three people", "Dana talks over everyone", "Can we have five minutes of quiet first?", "Ask the night shift too", "Thank you for asking us"}
	var room []context.Context // the five phones
	for i := range 5 {
		tab := b.Tab(t, browsertest.Phone)
		browsertest.Run(t, tab, "opening the page", chromedp.Navigate(url))
		browsertest.WaitFor(t, tab, "the stop", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Belonging'`)
		if i < 3 {
			browsertest.Run(t, tab, "writing a note", chromedp.Steps(
				chromedp.SendKeys(chromedp.CSS(`#note`), notes[i]),
				chromedp.Click(chromedp.CSS(`form[action="/note"] button`)),
			))
			browsertest.WaitFor(t, tab, "the note sent", `document.getElementById('status').textContent.indexOf('on its way') >= 0`)
		}
		room = append(room, tab)
	}

	// Held: counted on the status bar, shown nowhere until let through.
	stop := host.waitFor("3 waiting from the room (R)")
	for _, n := range notes[:3] {
		if strings.Contains(stop, n) {
			t.Fatalf("a held note is on the facilitator's stop view:\n%s", stop)
		}
	}
	host.press("R", []string{"FROM THE ROOM", notes[0]})
	host.press("l", []string{notes[2]}, notes[0]) // the first let through; the pick moves on
	host.press("x", []string{"1 waiting from the room"}, notes[1])
	host.press("l", []string{"Nothing is waiting"})
	host.press("Escape", []string{"from the room  " + notes[0]})

	// The check, opened to the room: five answers, then the reveal.
	host.press("h", []string{"PARTNERSHIP CHECK"})
	host.press("o", []string{"open to the room"})
	for i, tab := range room {
		score := []int{2, 4, 4, 5, 1}[i]
		browsertest.WaitFor(t, tab, "the question", `!!document.querySelector('input[name=score][value="4"]')`)
		browsertest.Run(t, tab, "answering", chromedp.Steps(
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`label[for$="-%d"]`, score))),
			chromedp.Click(chromedp.CSS(`#check button`)),
		))
		browsertest.WaitFor(t, tab, "the answer taken", `document.getElementById('status').textContent.indexOf('Your answer is in') >= 0`)
	}
	host.press("r", []string{"The room: 5 answered, from 1 to 5; the middle answer is 4.", "the room: median 4"})
	browsertest.WaitFor(t, room[0], "the distribution on a phone", `document.body.textContent.indexOf('5 answered, from 1 to 5') >= 0`)
	host.press("e", []string{"Minutes written to"})

	// The room's view: the notes let through, with no names.
	host.press("Escape", []string{"STOP 1 OF 7"})
	presenter := host.press("p", []string{"From the room", "“" + notes[0] + "”", "“" + notes[2] + "”"})
	if strings.Contains(presenter, notes[1]) || strings.Contains(presenter, "facilitator") {
		t.Fatalf("the presenter shows a discarded note or a name:\n%s", presenter)
	}
	host.press("p", []string{"STOP 1 OF 7"})
	host.send("q")
	host.waitFor("Leave?")
	host.send("y")
	host.waitExit()

	// The file: the two notes let through, from the room, no author; the
	// answers as counts; nothing of the discarded note; no address.
	paths, _ := filepath.Glob(filepath.Join(s.dir, "*.toml"))
	if len(paths) != 1 {
		t.Fatalf("sessions: %v", paths)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Notes []struct {
			Role   string `toml:"role"`
			Author string `toml:"author"`
			Text   string `toml:"text"`
		} `toml:"note"`
		Ratings []struct {
			Room  []int `toml:"room"`
			Score int   `toml:"score"`
		} `toml:"rating"`
	}
	if _, err := toml.Decode(string(data), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != 2 || f.Notes[0].Role != "participant" || f.Notes[0].Author != "" || f.Notes[1].Text != notes[2] {
		t.Errorf("notes in the file: %+v", f.Notes)
	}
	if len(f.Ratings) != 1 || fmt.Sprint(f.Ratings[0].Room) != "[1 1 0 2 1]" || f.Ratings[0].Score != 0 {
		t.Errorf("ratings in the file: %+v", f.Ratings)
	}
	minutes, err := os.ReadFile(strings.TrimSuffix(paths[0], ".toml") + ".minutes.md")
	if err != nil {
		t.Fatal(err)
	}
	// The log must hold the page's own lines, or there is nothing in it
	// to look for a phone's address in.
	logData, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(logData), "a browser came in") {
		t.Fatalf("the log %s does not have the page's lines (%v):\n%s", logFile, err, logData)
	}
	address := regexp.MustCompile(`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?`)
	for name, text := range map[string]string{"the session file": string(data), "the minutes": string(minutes), "the log": string(logData)} {
		if strings.Contains(text, notes[1]) {
			t.Errorf("%s holds the discarded note", name)
		}
		for _, a := range address.FindAllString(text, -1) {
			// The page's own address may be logged (where it listens);
			// a phone's, never.
			if a != "127.0.0.1:"+port && !strings.HasPrefix(a, "0.0.0.0") {
				t.Errorf("%s holds an address: %s", name, a)
			}
		}
	}
	if !strings.Contains(string(minutes), "| 1 | 1 | 0 | 2 | 1 | 5 | 4 |") {
		t.Errorf("the minutes lack the room's answers:\n%s", minutes)
	}
}
