//go:build linux

package main

// End-to-end tests: they build the real binary once, run it in a private
// tmux server (send-keys in, capture-pane out) and read the session files
// it leaves behind. They skip when tmux is not installed, or with -short.
//
// Synchronisation is by polling the screen for what must appear next; there
// are no fixed sleeps. Keys are sent one at a time and each is followed by
// a wait for its effect, because bubbletea reads bytes that arrive together
// as one key message ("nnote…" would not open the note input).
//
// pitstop does not run as the pane's own process but under a small sh that
// waits for it and prints its exit status: tmux cannot be trusted to notice
// the pane's process ending. Debian's tmux 3.3a resets SIGCHLD to SIG_DFL
// while it runs the utempter helper as a pane's pty closes, and a child
// that exits in that window is never reaped (pane_dead stays 0).

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"pitstop/model"
	"pitstop/present"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// e2eBinary is the pitstop binary TestMain built; e2eSkip says why the
// end-to-end tests cannot run here, e2eBuildErr why the build failed.
var (
	e2eBinary   string
	e2eSkip     string
	e2eBuildErr error
	tmuxServers atomic.Int64
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	// The testing flags are registered before TestMain runs; -short is
	// needed here so that a short run does not pay for a build.
	flag.Parse()
	switch {
	case testing.Short():
		e2eSkip = "end-to-end tests skipped with -short"
	default:
		if _, err := exec.LookPath("tmux"); err != nil {
			e2eSkip = "end-to-end tests need tmux on PATH (apt-get install tmux); skipping"
		}
	}
	if e2eSkip != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "pitstop-e2e-bin-")
	if err != nil {
		e2eBuildErr = err
		return m.Run()
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "pitstop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		e2eBuildErr = fmt.Errorf("go build: %v\n%s", err, out)
	} else {
		e2eBinary = bin
	}
	return m.Run()
}

// requireE2E skips or fails a test that needs the binary and tmux.
func requireE2E(t *testing.T) {
	t.Helper()
	if e2eSkip != "" {
		t.Skip(e2eSkip)
	}
	if e2eBuildErr != nil {
		t.Fatalf("cannot build pitstop for the end-to-end tests: %v", e2eBuildErr)
	}
}

// stops is the default workshop, in order: the key saved in session files
// and the name the screen shows.
var stops = []struct{ key, name string }{
	{"belonging", "Belonging"},
	{"reflection", "Reflection & Accountability"},
	{"intentionality", "Intentionality"},
	{"vulnerability", "Vulnerability"},
	{"mindset", "Mindset"},
	{"healing", "Healing"},
	{"trust", "Trust"},
}

const waitTimeout = 10 * time.Second

// tmuxServer is one private tmux server (its own -L socket), with the
// directories the app under test uses.
type tmuxServer struct {
	t          *testing.T
	tmp        string // the tmux server's working directory and TMUX_TMPDIR
	sock, conf string
	dir        string // PITSTOP_DIR
	xdg        string // XDG_CONFIG_HOME and XDG_DATA_HOME, kept empty
	w, h       int
	started    bool
}

func newTmux(t *testing.T, w, h int) *tmuxServer {
	t.Helper()
	requireE2E(t)
	// The socket lives in the test's own directory (TMUX_TMPDIR), so
	// nothing is left in /tmp/tmux-UID; a socket path has to stay short.
	tmp := t.TempDir()
	if len(tmp) > 60 {
		short, err := os.MkdirTemp("", "pse2e")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(short) })
		tmp = short
	}
	s := &tmuxServer{
		t:    t,
		tmp:  tmp,
		sock: fmt.Sprintf("pitstop-e2e-%d-%d", os.Getpid(), tmuxServers.Add(1)),
		conf: filepath.Join(tmp, "tmux.conf"),
		dir:  filepath.Join(tmp, "sessions"),
		xdg:  filepath.Join(tmp, "xdg"),
		w:    w, h: h,
	}
	// Keep a pane after its process exits, so its last words and exit
	// status can be read; no status line, so the app gets every row.
	conf := "set -g remain-on-exit on\nset -g status off\nset -g default-terminal xterm-256color\nset -g history-limit 100\n"
	if err := os.WriteFile(s.conf, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{s.dir, s.xdg} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { s.cmd("kill-server").Run() })
	return s
}

// cmd is a tmux command on this server only.
func (s *tmuxServer) cmd(args ...string) *exec.Cmd {
	c := exec.Command("tmux", append([]string{"-L", s.sock, "-f", s.conf}, args...)...)
	c.Dir = s.tmp
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TMUX") {
			c.Env = append(c.Env, kv)
		}
	}
	c.Env = append(c.Env, "TMUX_TMPDIR="+s.tmp)
	return c
}

func (s *tmuxServer) run(args ...string) string {
	s.t.Helper()
	out, err := s.cmd(args...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// exitMarker is what the wrapper prints when pitstop has ended.
const exitMarker = "pitstop-e2e: exit status "

var exitPattern = regexp.MustCompile(regexp.QuoteMeta(exitMarker) + `(\d+)`)

// start runs `pitstop args…` in a new pane (the first starts the server),
// under a sh that reports its exit status when it ends.
func (s *tmuxServer) start(args ...string) *pane {
	s.t.Helper()
	return s.startWith(nil, args...)
}

// startWith is start with more environment variables, as NAME=value.
func (s *tmuxServer) startWith(extra []string, args ...string) *pane {
	s.t.Helper()
	return s.startProgram(extra, e2eBinary, args...)
}

// startProgram runs any program in a new pane, as start runs pitstop: ssh,
// for a note-taker joining.
func (s *tmuxServer) startProgram(extra []string, program string, args ...string) *pane {
	s.t.Helper()
	env := []string{
		"-e", "PITSTOP_DIR=" + s.dir,
		"-e", "TERM=xterm-256color",
		"-e", "XDG_CONFIG_HOME=" + s.xdg,
		"-e", "XDG_DATA_HOME=" + s.xdg,
	}
	for _, kv := range extra {
		env = append(env, "-e", kv)
	}
	var cmd []string
	if !s.started {
		cmd = []string{"new-session", "-d", "-s", "main", "-x", strconv.Itoa(s.w), "-y", strconv.Itoa(s.h), "-P", "-F", "#{pane_id}"}
		s.started = true
	} else {
		cmd = []string{"new-window", "-d", "-t", "main:", "-P", "-F", "#{pane_id}"}
	}
	cmd = append(cmd, env...)
	cmd = append(cmd, "sh", "-c", `"$0" "$@"; echo "`+exitMarker+`$?"`, program)
	id := s.run(append(cmd, args...)...)
	return &pane{s: s, id: id}
}

// pitstop runs the binary outside any terminal, as a script would.
func (s *tmuxServer) pitstop(args ...string) string {
	s.t.Helper()
	c := exec.Command(e2eBinary, append(args, "--dir", s.dir)...)
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+s.xdg, "XDG_DATA_HOME="+s.xdg)
	out, err := c.Output()
	if err != nil {
		s.t.Fatalf("pitstop %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// newSession creates a session without opening it and returns its id.
func (s *tmuxServer) newSession(title string) string {
	s.t.Helper()
	out := s.pitstop("new", "--title", title)
	m := regexp.MustCompile(`(?m)^id:\s+(\S+)`).FindStringSubmatch(out)
	if m == nil {
		s.t.Fatalf("pitstop new printed no id:\n%s", out)
	}
	return m[1]
}

// pane is one pane of a tmuxServer, running pitstop.
type pane struct {
	s  *tmuxServer
	id string
}

// send sends tmux key names: "Enter", "Escape", "Space".
func (p *pane) send(keys ...string) {
	p.s.t.Helper()
	p.s.run(append([]string{"send-keys", "-t", p.id}, keys...)...)
}

// typeText sends text literally, as if typed.
func (p *pane) typeText(text string) {
	p.s.t.Helper()
	p.s.run("send-keys", "-t", p.id, "-l", "--", text)
}

// paste sends text as a terminal pastes it: bracketed, so that a program
// that asked for bracketed pastes knows it was not typed.
func (p *pane) paste(text string) {
	p.s.t.Helper()
	p.s.run("set-buffer", "-b", "e2e-paste", "--", text)
	p.s.run("paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", p.id)
}

func (p *pane) screen() string {
	p.s.t.Helper()
	return p.s.run("capture-pane", "-p", "-t", p.id)
}

// waitFor polls the screen until every text is on it.
func (p *pane) waitFor(texts ...string) string {
	p.s.t.Helper()
	return p.waitUntil(fmt.Sprintf("%q on screen", texts), waitTimeout, func(scr string) bool {
		for _, text := range texts {
			if !strings.Contains(scr, text) {
				return false
			}
		}
		return true
	})
}

// waitUntil polls the screen every 50ms until ok says yes, and fails with
// the last screen after timeout.
func (p *pane) waitUntil(what string, timeout time.Duration, ok func(screen string) bool) string {
	p.s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		scr := p.screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			p.s.t.Fatalf("waited %v for %s; the screen is:\n%s", timeout, what, frame(scr))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitExit waits for pitstop to end and returns its exit status (128+n
// when signal n ended it) and everything the pane showed, history included.
func (p *pane) waitExit() (int, string) {
	p.s.t.Helper()
	return p.waitExitWithin(waitTimeout)
}

// waitExitWithin is waitExit with a deadline of its own.
// quit leaves with q and fails the test unless Pit Stop exits cleanly.
func (p *pane) quit() {
	p.s.t.Helper()
	p.typeText("q")
	if code, scr := p.waitExit(); code != 0 {
		p.s.t.Fatalf("pitstop exited with %d:\n%s", code, frame(scr))
	}
}

func (p *pane) waitExitWithin(timeout time.Duration) (int, string) {
	p.s.t.Helper()
	var (
		status int
		all    string
	)
	p.waitUntil("pitstop to exit", timeout, func(string) bool {
		all = p.s.run("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", p.id)
		m := exitPattern.FindStringSubmatch(all)
		if m != nil {
			status, _ = strconv.Atoi(m[1])
		}
		return m != nil
	})
	return status, all
}

// pid is the pitstop process of the pane: the child of its sh.
func (p *pane) pid() int {
	p.s.t.Helper()
	sh, err := strconv.Atoi(p.s.run("display-message", "-p", "-t", p.id, "#{pane_pid}"))
	if err != nil {
		p.s.t.Fatal(err)
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		rest := string(b)
		if i := strings.LastIndexByte(rest, ')'); i >= 0 {
			rest = rest[i+1:]
		}
		f := strings.Fields(rest)
		if len(f) >= 2 && f[1] == strconv.Itoa(sh) {
			pid, err := strconv.Atoi(filepath.Base(filepath.Dir(path)))
			if err == nil {
				return pid
			}
		}
	}
	p.s.t.Fatalf("no pitstop process under the pane's sh (pid %d)", sh)
	return 0
}

// frame shows a screen in a failure message with its edges visible.
func frame(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "|" + l
	}
	return strings.Join(lines, "\n")
}

// savedFile is what the tests read of a session file.
type savedFile struct {
	ID          string `toml:"id"`
	Title       string `toml:"title"`
	Status      string `toml:"status"`
	CurrentStop string `toml:"current_stop"`
	Notes       []struct {
		Stop string `toml:"stop"`
		Role string `toml:"role"`
		Text string `toml:"text"`
	} `toml:"note"`
}

func readSession(t *testing.T, path string) (savedFile, []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f savedFile
	if _, err := toml.Decode(string(data), &f); err != nil {
		t.Fatalf("%s is not TOML: %v\n%s", path, err, data)
	}
	return f, data
}

// listed is what `pitstop list --json` says of one session.
type listed struct {
	ID     string `json:"id"`
	Path   string `json:"path"`
	Title  string `json:"title"`
	Status string `json:"status"`
}

// stopScreen is true when the stop view shows stop i (0-based) of seven.
func stopScreen(i int) func(string) bool {
	return func(scr string) bool {
		name := strings.ToUpper(stops[i].name)
		spaced := strings.Join(strings.Split(name, ""), " ") // a wide screen spaces the letters
		return strings.Contains(scr, fmt.Sprintf("STOP %d OF 7", i+1)) && (strings.Contains(scr, name) || strings.Contains(scr, spaced))
	}
}

// inputShows is true when a line of the screen starts with text once the
// input box's border is left out: the text is in the note input.
func inputShows(text string) func(string) bool {
	return func(scr string) bool {
		for _, l := range strings.Split(scr, "\n") {
			if strings.HasPrefix(strings.TrimLeft(l, " │┃║|"), text) {
				return true
			}
		}
		return false
	}
}

// noteSaved is true once the note input has closed and the note is listed
// at the stop as its n-th.
func noteSaved(text string, n int) func(string) bool {
	return func(scr string) bool {
		return strings.Contains(scr, text) && strings.Contains(scr, fmt.Sprintf("Notes at this stop (%d)", n)) && !strings.Contains(scr, "New note at")
	}
}

// noteEachStop goes through the seven stops from the first, writing a
// note at each ("note at KEY #N") and moving on with ], which after the
// last asks to close the session.
func (app *pane) noteEachStop() {
	app.s.t.Helper()
	for i, st := range stops {
		note := fmt.Sprintf("note at %s #%d", st.key, i+1)
		app.typeText("n")
		app.waitFor("New note at " + st.name)
		app.typeText(note)
		app.waitUntil(note+" in the input", waitTimeout, inputShows(note))
		app.send("Enter")
		app.waitUntil("the note "+note+" saved", waitTimeout, noteSaved(note, 1))
		app.typeText("]")
		if i < len(stops)-1 {
			app.waitUntil(fmt.Sprintf("stop %d", i+2), waitTimeout, stopScreen(i+1))
		}
	}
}

func TestWorkshopEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	app := srv.start("new", "--title", "E2E kickoff", "--team", "Harbor")
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	app.send("Space")
	app.waitFor("running")

	app.noteEachStop()
	app.waitFor("Close the session")
	app.typeText("y")
	app.waitFor("SESSION CLOSED · E2E kickoff", "Belonging", "Trust")
	app.typeText("q")
	code, scr := app.waitExit()
	if code != 0 || !strings.Contains(scr, `Saved "E2E kickoff"`) {
		t.Fatalf("pitstop exited with %d; the screen is:\n%s", code, frame(scr))
	}
	m := regexp.MustCompile(`Reopen it with: pitstop open (\S+)`).FindStringSubmatch(scr)
	if m == nil {
		t.Fatalf("no reopen hint after quitting:\n%s", frame(scr))
	}
	id := m[1]

	// The file, as a script finds it and as any TOML reader parses it.
	var list []listed
	if out := srv.pitstop("list", "--json"); json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 {
		t.Fatalf("pitstop list --json:\n%s", out)
	}
	if list[0].ID != id || list[0].Title != "E2E kickoff" || list[0].Status != "closed" {
		t.Fatalf("listed %+v, want id %s, closed", list[0], id)
	}
	f, before := readSession(t, list[0].Path)
	if f.ID != id || f.Status != "closed" || f.CurrentStop != "trust" {
		t.Errorf("saved id %q status %q current_stop %q; want %s, closed, trust", f.ID, f.Status, f.CurrentStop, id)
	}
	if len(f.Notes) != len(stops) {
		t.Fatalf("saved %d notes, want %d:\n%s", len(f.Notes), len(stops), before)
	}
	for i, st := range stops {
		want := fmt.Sprintf("note at %s #%d", st.key, i+1)
		if n := f.Notes[i]; n.Stop != st.key || n.Text != want || n.Role != "facilitator" {
			t.Errorf("note %d = %+v, want stop %q text %q role facilitator", i+1, n, st.key, want)
		}
	}

	// Reopened, a closed session starts on its summary and can be looked
	// through stop by stop without changing it.
	again := srv.start("open", id)
	again.waitFor("SESSION CLOSED · E2E kickoff")
	again.send("Escape")
	for i := len(stops) - 1; i >= 0; i-- {
		note := fmt.Sprintf("note at %s #%d", stops[i].key, i+1)
		again.waitUntil(fmt.Sprintf("stop %d in review with %q", i+1, note), waitTimeout, func(scr string) bool {
			return stopScreen(i)(scr) && strings.Contains(scr, "CLOSED · looking back") && noteSaved(note, 1)(scr)
		})
		if i > 0 {
			again.typeText("[")
		}
	}
	again.typeText("q")
	if code, scr := again.waitExit(); code != 0 {
		t.Fatalf("pitstop open exited with %d:\n%s", code, frame(scr))
	}
	if _, after := readSession(t, list[0].Path); string(after) != string(before) {
		t.Errorf("looking through a closed session changed its file:\n--- before\n%s\n--- after\n%s", before, after)
	}
}

func TestQuitKeepsTypedNoteSafe(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Keys in notes")
	app := srv.start("open", id)
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	app.typeText("n")
	app.waitFor("New note at Belonging")

	// Every one of these is a command on the stop view; in the input they
	// are only letters. One key at a time, each seen before the next.
	const text = "q]b+ [-?nRy"
	for i, r := range text {
		app.typeText(string(r))
		if r != ' ' {
			app.waitUntil(fmt.Sprintf("%q in the input", text[:i+1]), waitTimeout, inputShows(text[:i+1]))
		}
	}
	app.send("Enter")
	scr := app.waitUntil("the note saved", waitTimeout, noteSaved(text, 1))
	if !stopScreen(0)(scr) || !strings.Contains(scr, "15m planned") || strings.Contains(scr, "running") {
		t.Fatalf("typing a note moved the stop, changed its plan or started its timer:\n%s", frame(scr))
	}

	// Esc with text typed asks first; "no" keeps the text and the input.
	app.typeText("n")
	app.waitFor("New note at Belonging")
	app.typeText("keep me")
	app.waitUntil("keep me in the input", waitTimeout, inputShows("keep me"))
	app.send("Escape")
	app.waitFor("Throw away what you typed?")
	app.typeText("n")
	app.waitUntil("the question gone and the text kept", waitTimeout, func(scr string) bool {
		return !strings.Contains(scr, "Throw away") && inputShows("keep me")(scr) && strings.Contains(scr, "New note at Belonging")
	})
	app.typeText(" too")
	app.waitUntil("keep me too in the input", waitTimeout, inputShows("keep me too"))
	// Yes throws it away: nothing is saved.
	app.send("Escape")
	app.waitFor("Throw away what you typed?")
	app.typeText("y")
	app.waitUntil("the input closed", waitTimeout, func(scr string) bool {
		return !strings.Contains(scr, "New note at") && !strings.Contains(scr, "Throw away") && strings.Contains(scr, "Notes at this stop (1)")
	})
	app.typeText("q")
	if code, scr := app.waitExit(); code != 0 || !strings.Contains(scr, "Saved") {
		t.Fatalf("pitstop exited with %d:\n%s", code, frame(scr))
	}
	f, data := readSession(t, filepath.Join(srv.dir, id+".toml"))
	if len(f.Notes) != 1 || f.Notes[0].Text != text || f.Notes[0].Stop != "belonging" || f.CurrentStop != "belonging" {
		t.Fatalf("want one note %q at belonging and the room still there; the file is:\n%s", text, data)
	}
}

func TestSecondWriterRefused(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Lock test")
	first := srv.start("open", id)
	first.waitUntil("stop 1", waitTimeout, stopScreen(0))
	firstPID := first.pid()

	second := srv.start("open", id)
	code, scr := second.waitExit()
	if code != 1 || !strings.Contains(scr, id) || !strings.Contains(scr, "already open") || !strings.Contains(scr, fmt.Sprintf("process %d", firstPID)) {
		t.Fatalf("a second writer exited with %d (want 1, a refusal naming %s and process %d):\n%s", code, id, firstPID, frame(scr))
	}

	// What the first one saved survives it being killed, and the lock goes
	// with the process.
	first.typeText("n")
	first.waitFor("New note at Belonging")
	first.typeText("said before the crash")
	first.waitUntil("the note in the input", waitTimeout, inputShows("said before the crash"))
	first.send("Enter")
	first.waitUntil("the note saved", waitTimeout, noteSaved("said before the crash", 1))
	// What the screen calls saved is on disk: shown first, then saved.
	first.waitUntil("the status bar to say saved", waitTimeout, func(scr string) bool {
		return strings.Contains(scr, "· saved ") && !strings.Contains(scr, "saving")
	})
	if err := syscall.Kill(firstPID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if code, scr := first.waitExit(); code != 128+int(syscall.SIGKILL) {
		t.Fatalf("the first pitstop ended with status %d, not by SIGKILL:\n%s", code, frame(scr))
	}

	third := srv.start("open", id)
	third.waitUntil("stop 1 with the note", waitTimeout, func(scr string) bool {
		return stopScreen(0)(scr) && noteSaved("said before the crash", 1)(scr)
	})
	third.typeText("q")
	if code, scr := third.waitExit(); code != 0 {
		t.Fatalf("reopening after the crash exited with %d:\n%s", code, frame(scr))
	}
}

// savedBoard is what TestBoardEndToEnd reads of a session file: the notes,
// to see there are none, and the board.
type savedBoard struct {
	Notes      []struct{} `toml:"note"`
	Agreements []struct {
		ID          string `toml:"id"`
		Stop        string `toml:"stop"`
		Text        string `toml:"text"`
		FromTension string `toml:"from_tension"`
	} `toml:"agreement"`
	Tensions []struct {
		Stop       string    `toml:"stop"`
		Text       string    `toml:"text"`
		Status     string    `toml:"status"`
		ResolvedBy string    `toml:"resolved_by"`
		Resolved   time.Time `toml:"resolved"`
	} `toml:"tension"`
	Commitments []struct {
		Stop   string    `toml:"stop"`
		Text   string    `toml:"text"`
		Owner  string    `toml:"owner"`
		Due    string    `toml:"due"`
		Status string    `toml:"status"`
		Done   time.Time `toml:"done"`
	} `toml:"commitment"`
}

// shows is true when the screen has every one of has and none of hasNot.
func shows(has []string, hasNot ...string) func(string) bool {
	return func(scr string) bool {
		for _, s := range has {
			if !strings.Contains(scr, s) {
				return false
			}
		}
		for _, s := range hasNot {
			if strings.Contains(scr, s) {
				return false
			}
		}
		return true
	}
}

// shownDate is a YYYY-MM-DD date as the screens say it today.
func shownDate(date string) string {
	d, err := model.ParseDate(date)
	if err != nil {
		panic(err)
	}
	return present.Date(d, model.DateOf(time.Now()))
}

// futureDue is the due date of the issues' example, 2026-12-05, or the
// same day of the first later year still ahead: past it, rows would say
// "past due since" and the screens the tests wait for would differ.
func futureDue() string {
	due := "2026-12-05"
	for y := 2027; due <= time.Now().AddDate(0, 0, 1).Format("2006-01-02"); y++ {
		due = fmt.Sprintf("%d-12-05", y)
	}
	return due
}

func TestBoardEndToEnd(t *testing.T) {
	t.Parallel()
	due := futureDue()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Board e2e")
	app := srv.start("open", id)
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))

	// press sends one key (a letter, or a tmux key name such as "Space")
	// and waits for its effect: every text of has on screen, none of hasNot.
	press := func(p *pane, key string, has []string, hasNot ...string) {
		t.Helper()
		if len([]rune(key)) == 1 {
			p.typeText(key)
		} else {
			p.send(key)
		}
		p.waitUntil(fmt.Sprintf("%s to show %q without %q", key, has, hasNot), waitTimeout, shows(has, hasNot...))
	}
	// add records one board item: its key opens the box, the line is typed
	// and Enter saves it; saved is what shows once it is on the board.
	add := func(key, kind, line string, saved ...string) {
		t.Helper()
		box := "New " + kind + " (at Belonging)"
		press(app, key, []string{box})
		app.typeText(line)
		app.waitUntil(line+" in the input", waitTimeout, inputShows(line))
		press(app, "Enter", saved, box)
	}

	// Captured on the stop view, counted on its board strip.
	add("a", "agreement", "Start on time", "Board: 1 agreement · 0 open tensions · 0 commitments (0 open) · b to open")
	add("a", "agreement", "Phones away", "Board: 2 agreements · 0 open tensions · 0 commitments (0 open) · b to open")
	add("t", "tension", "Too many meetings", "Board: 2 agreements · 1 open tension · 0 commitments (0 open) · b to open")

	// Captured on the board, sorted by due date as they come.
	press(app, "b", []string{"BOARD", "▶ AGREEMENTS (2)", "TENSIONS (1)", "COMMITMENTS (0)", "› ✔ Start on time", "✔ Phones away", "◆ Too many meetings"})
	// The room's time is on the board, and its keys work there.
	press(app, "Space", []string{"Belonging  ", "▶ running"})
	press(app, "Space", []string{"Belonging  "}, "▶ running")
	add("c", "commitment", "Budget @Dana due:"+due, "COMMITMENTS (1)", "☐ Budget — @Dana · due "+shownDate(due))
	add("c", "commitment", "Agenda @Sam", "COMMITMENTS (2)", "☐ Agenda — @Sam")
	add("c", "commitment", "Book a room", "COMMITMENTS (3)", "☐ Book a room — needs an owner")

	// The tension, resolved by the agreement selected in the first column.
	press(app, "l", []string{"▶ TENSIONS (1)", "› ◆ Too many meetings"})
	press(app, "r", []string{"Mark this tension resolved?", "“Start on time”", "y resolved", "l resolved by that agreement"})
	press(app, "l", []string{"› ✓ resolved · Too many meetings"}, "Mark this tension")

	// Agenda done: it goes below the open ones, the selection with it.
	press(app, "l", []string{"▶ COMMITMENTS (3)", "› ☐ Budget — @Dana · due " + shownDate(due)})
	press(app, "j", []string{"› ☐ Agenda — @Sam"})
	press(app, "v", []string{"› ☑ done · Agenda — @Sam"})

	// An agreement deleted, and the deletion undone.
	press(app, "h", []string{"▶ TENSIONS (1)"})
	press(app, "h", []string{"▶ AGREEMENTS (2)", "› ✔ Start on time"})
	press(app, "j", []string{"› ✔ Phones away"})
	press(app, "d", []string{"Delete this agreement? (undo brings it back)"})
	press(app, "y", []string{"▶ AGREEMENTS (1)"}, "Phones away", "Delete this")
	press(app, "u", []string{"▶ AGREEMENTS (2)", "✔ Phones away"})

	const strip = "Board: 2 agreements · 0 open tensions · 3 commitments (2 open) · b to open"
	press(app, "b", []string{strip}, "BOARD")
	app.typeText("q")
	code, scr := app.waitExit()
	if code != 0 || !strings.Contains(scr, `Saved "Board e2e"`) || !strings.Contains(scr, "Reopen it with: pitstop open "+id) {
		t.Fatalf("pitstop exited with %d; the screen is:\n%s", code, frame(scr))
	}

	// Reopened, the board is as it was left.
	again := srv.start("open", id)
	again.waitUntil("stop 1 with the board strip", waitTimeout, func(scr string) bool {
		return stopScreen(0)(scr) && strings.Contains(scr, strip)
	})
	board := []string{
		"▶ AGREEMENTS (2)", "TENSIONS (1)", "COMMITMENTS (3)",
		"› ✔ Start on time", "✔ Phones away",
		"✓ resolved · Too many meetings",
		"☐ Budget — @Dana · due " + shownDate(due), "☐ Book a room — needs an owner", "☑ done · Agenda — @Sam",
	}
	press(again, "b", board)
	scr = again.screen()
	if a, b, c := strings.Index(scr, "☐ Budget"), strings.Index(scr, "☐ Book a room"), strings.Index(scr, "☑ done · Agenda"); !(a < b && b < c) {
		t.Errorf("commitments are not in the order due, no date, done:\n%s", frame(scr))
	}
	again.typeText("q")
	if code, scr := again.waitExit(); code != 0 {
		t.Fatalf("pitstop open exited with %d:\n%s", code, frame(scr))
	}

	// The file holds exactly that board.
	path := filepath.Join(srv.dir, id+".toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f savedBoard
	if _, err := toml.Decode(string(data), &f); err != nil {
		t.Fatalf("%s is not TOML: %v\n%s", path, err, data)
	}
	if len(f.Notes) != 0 || len(f.Agreements) != 2 || len(f.Tensions) != 1 || len(f.Commitments) != 3 {
		t.Fatalf("want no notes, 2 agreements, 1 tension and 3 commitments; the file is:\n%s", data)
	}
	for i, text := range []string{"Start on time", "Phones away"} {
		if a := f.Agreements[i]; a.Text != text || a.Stop != "belonging" || a.FromTension != "" {
			t.Errorf("agreement %d = %+v, want %q at belonging", i+1, a, text)
		}
	}
	if tn := f.Tensions[0]; tn.Text != "Too many meetings" || tn.Stop != "belonging" || tn.Status != "resolved" ||
		tn.ResolvedBy != f.Agreements[0].ID || tn.Resolved.IsZero() {
		t.Errorf("tension = %+v, want it at belonging, status resolved, resolved_by %q (Start on time)", tn, f.Agreements[0].ID)
	}
	type commitment struct{ owner, due, status string }
	want := map[string]commitment{
		"Budget":      {"Dana", due, "open"},
		"Agenda":      {"Sam", "", "done"},
		"Book a room": {"", "", "open"},
	}
	for _, c := range f.Commitments {
		w, ok := want[c.Text]
		if got := (commitment{c.Owner, c.Due, c.Status}); !ok || got != w || c.Stop != "belonging" || c.Done.IsZero() != (w.status != "done") {
			t.Errorf("commitment %+v, want %q %+v at belonging", c, c.Text, w)
		}
		delete(want, c.Text)
	}
	if len(want) > 0 {
		t.Errorf("commitments missing from the file: %v\n%s", want, data)
	}
}

// press sends one key (a letter, or a tmux key name such as "Space") and
// waits for its effect: every text of has on screen, none of hasNot.
func (p *pane) press(key string, has []string, hasNot ...string) string {
	p.s.t.Helper()
	if len([]rune(key)) == 1 {
		p.typeText(key)
	} else {
		p.send(key)
	}
	return p.waitUntil(fmt.Sprintf("%s to show %q without %q", key, has, hasNot), waitTimeout, shows(has, hasNot...))
}

// savedCommitments is what TestCarryForwardAndMinutesEndToEnd reads of a
// session file.
type savedCommitments struct {
	ID          string    `toml:"id"`
	Status      string    `toml:"status"`
	Updated     time.Time `toml:"updated"`
	Commitments []struct {
		ID          string    `toml:"id"`
		Text        string    `toml:"text"`
		Owner       string    `toml:"owner"`
		Due         string    `toml:"due"`
		Status      string    `toml:"status"`
		Done        time.Time `toml:"done"`
		CarriedFrom string    `toml:"carried_from"`
		CarriedID   string    `toml:"carried_id"`
	} `toml:"commitment"`
}

func readCommitments(t *testing.T, path string) (savedCommitments, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f savedCommitments
	if _, err := toml.Decode(string(data), &f); err != nil {
		t.Fatalf("%s is not TOML: %v\n%s", path, err, data)
	}
	return f, string(data)
}

// exceptDone is a session file without what marking one commitment done
// in it may change: the status and done lines of the [[commitment]] table
// that holds the line textLine, the session's updated time, and the sealed
// summary line that listings read.
func exceptDone(file, textLine string) []string {
	var kept, table []string
	flush := func() {
		top := len(table) > 0 && !strings.HasPrefix(table[0], "[")
		target := len(table) > 0 && table[0] == "[[commitment]]" && slices.Contains(table, textLine)
		for _, l := range table {
			switch {
			case top && strings.HasPrefix(l, "updated = "):
			case top && strings.HasPrefix(l, "# summary for listings"):
			case target && (strings.HasPrefix(l, "status = ") || strings.HasPrefix(l, "done = ")):
			default:
				kept = append(kept, l)
			}
		}
		table = table[:0]
	}
	for _, l := range strings.Split(file, "\n") {
		if strings.HasPrefix(l, "[") {
			flush()
		}
		table = append(table, l)
	}
	flush()
	return kept
}

func TestCarryForwardAndMinutesEndToEnd(t *testing.T) {
	t.Parallel()
	due := futureDue()
	const (
		team  = "Harbor Team"
		first = "Harbor one"
		notes = "Send the notes"
		room  = "Book the room"
	)
	srv := newTmux(t, 120, 40)

	// quit leaves the app and returns the session's id from the reopen
	// hint, and all the pane showed (what went to stderr included).
	quit := func(p *pane, title string) (string, string) {
		t.Helper()
		p.typeText("q")
		code, scr := p.waitExit()
		m := regexp.MustCompile(`Reopen it with: pitstop open (\S+)`).FindStringSubmatch(scr)
		if code != 0 || !strings.Contains(scr, `Saved "`+title+`"`) || m == nil {
			t.Fatalf("pitstop exited with %d, without saying it saved %q and how to reopen it:\n%s", code, title, frame(scr))
		}
		return m[1], scr
	}

	// Session 1: two commitments, all seven stops, closed.
	one := srv.start("new", "--title", first, "--team", team)
	one.waitUntil("stop 1", waitTimeout, stopScreen(0))
	for _, c := range []struct{ line, strip string }{
		{notes + " @Dana due:" + due, "1 commitment (1 open) · b to open"},
		{room + " @Lee", "2 commitments (2 open) · b to open"},
	} {
		one.press("c", []string{"New commitment (at Belonging)"})
		one.typeText(c.line)
		one.waitUntil(c.line+" in the input", waitTimeout, inputShows(c.line))
		one.press("Enter", []string{c.strip}, "New commitment")
	}
	for i := 1; i < len(stops); i++ {
		one.typeText("]")
		one.waitUntil(fmt.Sprintf("stop %d", i+1), waitTimeout, stopScreen(i))
	}
	one.press("]", []string{"That was the last stop. Close the session and show the summary?"})
	one.press("y", []string{"SESSION CLOSED · " + first})
	id1, _ := quit(one, first)
	path1 := filepath.Join(srv.dir, id1+".toml")
	f1, before := readCommitments(t, path1)
	if f1.Status != "closed" || len(f1.Commitments) != 2 {
		t.Fatalf("session 1 is not closed with two commitments:\n%s", before)
	}

	// Session 2 for the same team starts with both, carried.
	two := srv.start("new", "--title", "Harbor two", "--team", team)
	two.waitUntil("stop 1 with the carried line", waitTimeout, func(scr string) bool {
		return stopScreen(0)(scr) && strings.Contains(scr, "Carried from last time: 2 of 2 still open · w walks through them")
	})
	// The walk through what was carried: the first is done (there too),
	// the second kept open.
	source := "“" + first + "” (" + shownDate(id1[:10]) + ")"
	two.press("w", []string{"Carried from last time · 1 of 2", "☐ " + notes, "@Dana · due " + shownDate(due), "from " + source})
	two.press("d", []string{"Done. Mark it done in " + source})
	two.press("y", []string{"Carried from last time · 2 of 2", "☐ " + room, "Marked done in " + source + " too."})
	two.press("k", []string{"Walked through what was carried: 1 done, 1 kept open."}, "2 of 2")
	two.press("b", []string{"BOARD", "▶ AGREEMENTS (0)", "COMMITMENTS (2)"})
	two.press("l", []string{"▶ TENSIONS (0)"})
	// The row gives the words their share and says the date briefly; the
	// detail below says it all.
	two.press("l", []string{"▶ COMMITMENTS (2)", "☐ " + room + " — @Lee · carried", "› ☑ done · " + notes + " — @Dana · " + shownDate(due),
		"carried from " + source})
	two.press("e", []string{"Minutes written to"})
	id2, all := quit(two, "Harbor two")
	if want := fmt.Sprintf("Carried 2 items over from %q (%s): open commitments and tensions.", first, id1[:10]); !strings.Contains(all, want) {
		t.Errorf("pitstop new did not say %q:\n%s", want, frame(all))
	}

	// (1) Session 2 holds both, carried from session 1: one done, one open.
	f2, data2 := readCommitments(t, filepath.Join(srv.dir, id2+".toml"))
	if len(f2.Commitments) != 2 {
		t.Fatalf("session 2 has %d commitments, want 2:\n%s", len(f2.Commitments), data2)
	}
	type commitment struct{ owner, due, status string }
	want := map[string]commitment{notes: {"Dana", due, "done"}, room: {"Lee", "", "open"}}
	oldID := map[string]string{}
	for _, c := range f1.Commitments {
		oldID[c.Text] = c.ID
	}
	for _, c := range f2.Commitments {
		w, ok := want[c.Text]
		if got := (commitment{c.Owner, c.Due, c.Status}); !ok || got != w || c.CarriedFrom != id1 || c.CarriedID != oldID[c.Text] || c.Done.IsZero() != (w.status != "done") {
			t.Errorf("session 2 commitment %+v, want %q %+v carried from %s item %s", c, c.Text, w, id1, oldID[c.Text])
		}
	}

	// (2) Session 1: that commitment done too, still closed, nothing else
	// changed.
	g1, after := readCommitments(t, path1)
	for _, c := range g1.Commitments {
		if done := c.Text == notes; (c.Status == "done") != done || c.Done.IsZero() == done {
			t.Errorf("session 1 commitment %+v: want only %q done", c, notes)
		}
	}
	if g1.Status != "closed" {
		t.Errorf("session 1 is %q after marking a commitment done there, want closed", g1.Status)
	}
	textLine := fmt.Sprintf("text = %q", notes)
	if b, a := exceptDone(before, textLine), exceptDone(after, textLine); !slices.Equal(a, b) {
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Errorf("marking it done changed more of session 1 than its status, done and updated lines: from line %d of what is left of it, %q became %q\n--- before\n%s\n--- after\n%s",
			i+1, b[i:min(i+3, len(b))], a[i:min(i+3, len(a))], before, after)
	}
	if g1.Updated.Before(f1.Updated) {
		t.Errorf("session 1's updated time went back from %v to %v", f1.Updated, g1.Updated)
	}

	// (3) Session 2's minutes, written by e.
	md, err := os.ReadFile(filepath.Join(srv.dir, id2+".minutes.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := []string{
		"| " + notes + " | Dana | " + due + " | done |",
		"| " + room + " | Lee | no date | open |",
		"## Carried from earlier sessions",
	}
	for _, c := range f2.Commitments {
		// The earlier session by its title and date, as people know it.
		rows = append(rows, fmt.Sprintf("| %s | commitment | “Harbor one” (%s) | %s |", c.Text, id1[:10], want[c.Text].status))
	}
	for _, s := range rows {
		if !strings.Contains(string(md), s) {
			t.Errorf("session 2's minutes lack %q:\n%s", s, md)
		}
	}

	// (4) Session 1's minutes, exported now: the same two, one done.
	out := srv.pitstop("export", id1, "-o", "-")
	for _, s := range []string{"| " + notes + " | Dana | " + due + " | done |", "| " + room + " | Lee | no date | open |"} {
		if !strings.Contains(out, s) {
			t.Errorf("pitstop export %s lacks %q:\n%s", id1, s, out)
		}
	}
}

// TestBrowserEndToEnd starts pitstop with no arguments, as a facilitator
// would: the welcome, a new session from the browser (title, team,
// facilitator), back to the browser with q, where the session is listed and
// its team's history shown; q again quits.
func TestBrowserEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	app := srv.start()
	app.waitFor("PIT STOP · SESSIONS", "There are no sessions here yet.", "Press n to start your first session.")
	app.press("n", []string{"Start a new session", "Title:"})
	app.typeText("Spring kickoff")
	app.press("Enter", []string{"Title: Spring kickoff", "Team:"})
	app.typeText("Harbor Team")
	app.press("Enter", []string{"Team: Harbor Team", "Facilitator:"})
	app.typeText("Ana")
	app.send("Enter")
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	app.press("c", []string{"New commitment (at Belonging)"})
	app.typeText("Send the notes @Dana")
	app.waitUntil("the line typed", waitTimeout, inputShows("Send the notes @Dana"))
	app.press("Enter", []string{"1 commitment (1 open)"}, "New commitment")
	app.press("q", []string{"PIT STOP · SESSIONS", "Spring kickoff", "Harbor Team", "1/7 stops", "1 to do",
		"Team history: Harbor Team", "Follow-through over 1 session: 0 of 1 done on time (0%)"})
	app.typeText("q")
	if code, _ := app.waitExit(); code != 0 {
		t.Fatalf("pitstop exited with %d", code)
	}
	list := srv.pitstop("list", "--json")
	if !strings.Contains(list, `"facilitator": "Ana"`) || !strings.Contains(list, `"open_commitments": 1`) {
		t.Fatalf("the session was not saved as made:\n%s", list)
	}
}
