package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pitstop/internal/browsertest"
	"pitstop/model"
)

// screenshot keeps what a tab shows when PITSTOP_SCREENSHOTS names a
// directory: to look at the pages as a person would.
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	if dir := os.Getenv("PITSTOP_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, tab, filepath.Join(dir, name+".png"))
	}
}

func navigate(t *testing.T, tab context.Context, u string) {
	t.Helper()
	browsertest.Run(t, tab, "opening "+u, chromedp.Navigate(u))
}

// checkPage runs the checks every page must pass where it is: axe-core
// finds nothing, nothing needs scrolling sideways, nothing broke the
// policy.
func checkPage(t *testing.T, tab context.Context, where string) {
	t.Helper()
	browsertest.NoViolations(t, tab, where)
	if over := browsertest.Overflow(t, tab); over > 0 {
		t.Errorf("%s: the page is %d pixels wider than the screen", where, over)
	}
	if v := browsertest.CSPViolations(t, tab); len(v) > 0 {
		t.Errorf("%s: the Content-Security-Policy was broken: %v", where, v)
	}
}

// roomWithResults is a room whose page shows everything at once: the
// room's answers to one outcome shown, another outcome open.
func roomWithResults(t testing.TB, change func(*Options)) *testRoom {
	r := startRoom(t, change)
	shown, open := r.w.Outcomes[0].Key, r.w.Outcomes[2].Key
	r.open(shown)
	for _, score := range []string{"2", "4", "4", "5", "1"} {
		v := r.browser()
		v.enter()
		v.answer(shown, score)
	}
	r.do(model.RevealRoom{Outcome: shown})
	r.open(open)
	return r
}

func TestPagesInABrowser(t *testing.T) {
	b := browsertest.Start(t)
	r := roomWithResults(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	for _, dark := range []bool{false, true} {
		scheme := map[bool]string{false: "light", true: "dark"}[dark]
		opts := browsertest.Phone
		opts.Dark = dark
		tab := b.Tab(t, opts)
		navigate(t, tab, r.base+"/")
		checkPage(t, tab, scheme+" join page")
		screenshot(t, tab, scheme+"-join")

		navigate(t, tab, r.srv.URL())
		browsertest.WaitFor(t, tab, "the room's page", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Belonging'`)
		checkPage(t, tab, scheme+" rating page")
		screenshot(t, tab, scheme+"-rating")

		r.do(model.CloseToRoom{})
		browsertest.WaitFor(t, tab, "the question to close", `!document.querySelector('#check')`)
		checkPage(t, tab, scheme+" stop page")
		screenshot(t, tab, scheme+"-stop")
		r.open(r.w.Outcomes[2].Key)
	}
	tabs := []context.Context{}
	for _, dark := range []bool{false, true} {
		opts := browsertest.Phone
		opts.Dark = dark
		tab := b.Tab(t, opts)
		navigate(t, tab, r.srv.URL())
		browsertest.WaitFor(t, tab, "the room's page", `!!document.querySelector('#live h1')`)
		tabs = append(tabs, tab)
	}
	r.do(model.CloseSession{})
	for i, tab := range tabs {
		scheme := []string{"light", "dark"}[i]
		browsertest.WaitFor(t, tab, "the ended page", `document.querySelector('h1').textContent === 'The session has ended'`)
		checkPage(t, tab, scheme+" ended page")
		screenshot(t, tab, scheme+"-ended")
	}
}

// TestZoomedTo200: at 200% zoom a 360-pixel phone is 180 CSS pixels wide,
// and nothing needs scrolling sideways.
func TestZoomedTo200(t *testing.T) {
	b := browsertest.Start(t)
	r := roomWithResults(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	r.do(model.GoToStop{Key: r.w.Stops[1].Key}) // the longest name
	tab := b.Tab(t, browsertest.Zoomed)
	navigate(t, tab, r.base+"/")
	if over := browsertest.Overflow(t, tab); over > 0 {
		t.Errorf("the join page at 200%%: %d pixels too wide", over)
	}
	navigate(t, tab, r.srv.URL())
	browsertest.WaitFor(t, tab, "the room's page", `!!document.querySelector('#check')`)
	if over := browsertest.Overflow(t, tab); over > 0 {
		t.Errorf("the room's page at 200%%: %d pixels too wide", over)
	}
	screenshot(t, tab, "zoomed-200")
}

// TestFollowingTheRoomLive: with scripts, the page follows the room as it
// moves, says so in its status line, and takes a note and an answer.
func TestFollowingTheRoomLive(t *testing.T) {
	b := browsertest.Start(t)
	r := startRoom(t, nil)
	tab := b.Tab(t, browsertest.Phone)
	navigate(t, tab, r.srv.URL())
	browsertest.WaitFor(t, tab, "the event stream", `document.querySelector('h1').textContent === 'Belonging'`)
	// The stream is open once the page has had its first event; a move
	// before then is on the page the stream sends first.
	r.do(model.NextStop{})
	browsertest.WaitFor(t, tab, "the room moving on", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, r.w.Stops[1].Name))
	browsertest.WaitFor(t, tab, "the status line", `document.getElementById('status').textContent.indexOf('moved on to stop 2 of 7') >= 0`)

	key := r.w.Outcomes[0].Key
	r.open(key)
	browsertest.WaitFor(t, tab, "the question", `!!document.querySelector('input[name=score][value="4"]')`)
	browsertest.Run(t, tab, "answering", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for$="-4"]`)),
		chromedp.Click(chromedp.CSS(`#check button`)),
	))
	browsertest.WaitFor(t, tab, "the answer taken", `document.getElementById('status').textContent.indexOf('Your answer is in') >= 0 && document.querySelector('input[value="4"]').checked`)
	r.do(model.GoToStop{Key: r.w.Stops[3].Key})
	browsertest.WaitFor(t, tab, "the answer still ticked after the page is drawn again", fmt.Sprintf(`document.querySelector('h1').textContent === %q && document.querySelector('input[value="4"]').checked`, r.w.Stops[3].Name))

	browsertest.Run(t, tab, "writing a note", chromedp.Steps(
		chromedp.SendKeys(chromedp.CSS(`#note`), "Can we take five minutes for the quieter voices?"),
		chromedp.Click(chromedp.CSS(`form[action="/note"] button`)),
	))
	browsertest.WaitFor(t, tab, "the note sent", `document.getElementById('status').textContent.indexOf('on its way') >= 0`)
	if held := r.host.Current().Session.Room.Held; len(held) != 1 || !strings.Contains(held[0].Text, "quieter voices") {
		t.Errorf("held: %+v", held)
	}
	if v := browsertest.CSPViolations(t, tab); len(v) > 0 {
		t.Errorf("the Content-Security-Policy was broken: %v", v)
	}
}

// TestWithScriptsOff: with scripts off the page works by its forms alone.
func TestWithScriptsOff(t *testing.T) {
	b := browsertest.Start(t)
	r := startRoom(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	key := r.w.Outcomes[0].Key
	r.open(key)
	opts := browsertest.Phone
	opts.NoScripts = true
	tab := b.Tab(t, opts)
	navigate(t, tab, r.base+"/")
	browsertest.Run(t, tab, "typing the join code", chromedp.Steps(
		chromedp.SendKeys(chromedp.CSS(`#code`), "ABCD2345"),
		chromedp.Click(chromedp.CSS(`form[action="/join"] button`)),
	))
	browsertest.WaitFor(t, tab, "the room's page", `document.getElementById('status') && document.getElementById('status').textContent.indexOf("You're in") >= 0`)
	browsertest.Run(t, tab, "answering", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for$="-2"]`)),
		chromedp.Click(chromedp.CSS(`#check button`)),
	))
	browsertest.WaitFor(t, tab, "the answer taken", `document.getElementById('status').textContent.indexOf('Your answer is in') >= 0 && document.querySelector('input[value="2"]').checked`)
	browsertest.Run(t, tab, "writing a note", chromedp.Steps(
		chromedp.SendKeys(chromedp.CSS(`#note`), "No scripts here"),
		chromedp.Click(chromedp.CSS(`form[action="/note"] button`)),
	))
	browsertest.WaitFor(t, tab, "the note sent", `document.getElementById('status').textContent.indexOf('on its way') >= 0`)
	if held := r.host.Current().Session.Room.Held; len(held) != 1 || held[0].Text != "No scripts here" {
		t.Errorf("held: %+v", held)
	}
}
