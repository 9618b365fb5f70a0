package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// sshPeople is a test's people with their own OpenSSH keys, and the files
// the host is given.
type sshPeople struct {
	dir                            string
	knownHosts                     string
	notes, facilitator, stranger   string // private key files
	notesList, facilitatorList     string // authorized_keys files
	notesFingerprint, strangerFing string
}

func newSSHPeople(t *testing.T) sshPeople {
	t.Helper()
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("serving end to end needs the OpenSSH client (%s) on PATH; apt-get install openssh-client", tool)
		}
	}
	dir := t.TempDir()
	p := sshPeople{dir: dir, knownHosts: filepath.Join(dir, "known_hosts")}
	key := func(name, comment string) (string, string) {
		path := filepath.Join(dir, name)
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		out, err := exec.Command("ssh-keygen", "-l", "-f", path+".pub").Output()
		if err != nil {
			t.Fatal(err)
		}
		return path, strings.Fields(string(out))[1]
	}
	p.notes, p.notesFingerprint = key("dana", "dana@laptop")
	p.facilitator, _ = key("ana", "ana@laptop")
	p.stranger, p.strangerFing = key("stranger", "stranger@elsewhere")
	list := func(name, pub string) string {
		data, err := os.ReadFile(pub + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	p.notesList, p.facilitatorList = list("notes_keys", p.notes), list("facilitator_keys", p.facilitator)
	return p
}

// sshArgs is how a person joins with the real client: a terminal forced
// (-tt), nothing from the user's own ssh config or agent, the host key
// remembered in the test's own known_hosts.
func (p sshPeople) sshArgs(key, port, user string) []string {
	return []string{
		"-F", "/dev/null", "-tt",
		"-o", "UserKnownHostsFile=" + p.knownHosts, "-o", "StrictHostKeyChecking=accept-new",
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
		"-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR",
		"-i", key, "-p", port, user + "@127.0.0.1",
	}
}

// askingArgs is how a person joins who may be asked something at login
// (the join code) or told why they cannot join: ssh as a person runs it,
// its words at the usual log level and keyboard-interactive on (BatchMode
// turns it off), with key, or none when key is empty.
func (p sshPeople) askingArgs(key, port, user string, more ...string) []string {
	args := []string{
		"-F", "/dev/null",
		"-o", "UserKnownHostsFile=" + p.knownHosts, "-o", "StrictHostKeyChecking=accept-new",
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=5",
	}
	if key == "" {
		args = append(args, "-o", "PubkeyAuthentication=no")
	} else {
		args = append(args, "-i", key)
	}
	return append(append(args, more...), "-p", port, user+"@127.0.0.1")
}

// sshWithout runs ssh with no terminal, as a script or a hurried person
// would, typing input; it returns what ssh wrote to stdout and to stderr.
// It runs in a session of its own, so that it can never ask at the
// terminal the tests were started from.
func (p sshPeople) sshWithout(t *testing.T, key, port, user, input string, command ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ssh", append(p.askingArgs(key, port, user), command...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Stdin = strings.NewReader(input)
	var out, said bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &said
	err = cmd.Run()
	return out.String(), said.String(), err
}

// refusedWords is what ssh said on stderr when key was refused as user.
func (p sshPeople) refusedWords(t *testing.T, key, port, user string) string {
	t.Helper()
	out, said, err := p.sshWithout(t, key, port, user, "", "true")
	if err == nil || strings.Contains(out, "STOP 1 OF 7") {
		t.Fatalf("%s with %s got in:\n%s%s", user, filepath.Base(key), out, said)
	}
	return said
}

// freePort is a loopback port nothing listens on, for the server to take.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// The note-taker joins over SSH with the real OpenSSH client and records a
// commitment as it is made; the facilitator's screen at the host shows it
// at once, and the file says it was the note-taker's, and who facilitates
// (serve --new --facilitator). Keys not allowed, or allowed for another
// role, and a name that is no role are refused, told why and logged; a
// guest who types the join code wrong is told so, with the tries left, and
// gets in with the right one; the note-taker cannot move the room.
func TestServeOverSSHEndToEnd(t *testing.T) {
	people := newSSHPeople(t)
	s := newTmux(t, 120, 40)
	port := freePort(t)
	logFile := filepath.Join(people.dir, "serve.log")
	host := s.start("serve", "--new", "--title", "Served workshop", "--team", "Harbor", "--facilitator", "Ana Reyes",
		"--addr", "127.0.0.1:"+port, "--host-key", filepath.Join(people.dir, "host_ed25519"),
		"--notes-keys", people.notesList, "--facilitator-keys", people.facilitatorList, "--join-code", "--log", logFile)
	host.waitFor("STOP 1 OF 7", "Serving on 127.0.0.1:"+port)
	// How to join stands a few seconds; then the status bar is back, with
	// the stop and whether all is saved.
	host.waitUntil("the status bar back", 10*time.Second, func(scr string) bool {
		return strings.Contains(scr, "stop 1/7") && !strings.Contains(scr, "Serving on")
	})
	// The join code is on the help page, with how to join.
	help := host.press("?", []string{"Join code:"})
	m := regexp.MustCompile(`Join code: (\S+)`).FindStringSubmatch(help)
	if m == nil {
		t.Fatalf("no join code on the help page:\n%s", help)
	}
	code := m[1]
	host.press("Escape", []string{"STOP 1 OF 7"}, "Join code:")

	notes := s.startProgram(nil, "ssh", people.sshArgs(people.notes, port, "notes")...)
	notes.waitFor("STOP 1 OF 7", "with facilitator")

	// The note-taker cannot move the room or run its timer.
	notes.typeText("]")
	notes.waitFor("Only the facilitator")
	due := futureDue()
	notes.typeText("c")
	notes.waitFor("New commitment")
	notes.typeText("Draft the MOU @Dana due:" + due)
	notes.send("Enter")
	notes.waitUntil("the commitment saved", waitTimeout, func(scr string) bool { return !strings.Contains(scr, "New commitment") })

	host.typeText("b")
	host.waitFor("Draft the MOU", "Dana", shownDate(due), "with dana (note-taker)")

	// Strangers, a note-taker's key asking to run the room, and a name
	// that is no role are turned away before any screen, told why in
	// words ssh shows, which name nobody on any list; the log says who
	// and from where.
	for _, try := range []struct {
		key, user string
		words     []string
	}{
		{people.stranger, "facilitator", []string{
			"Pit Stop: your key is not on the list for facilitator. Ask the facilitator to add your key: send them its .pub file (such as ~/.ssh/id_ed25519.pub). The join code lets you in as notes or view, not as facilitator.",
		}},
		{people.notes, "facilitator", []string{"Pit Stop: your key is not on the list for facilitator."}},
		{people.notes, "dana", []string{
			`Pit Stop: there is no role called "dana". The name before the @ is the role you join as: notes, view or facilitator.`,
			"Run the same ssh command with notes@ (or view@, facilitator@) in place of dana@.",
		}},
	} {
		said := people.refusedWords(t, try.key, port, try.user)
		for _, words := range try.words {
			if !strings.Contains(said, words) {
				t.Errorf("%s with %s: ssh did not say %q:\n%s", try.user, filepath.Base(try.key), words, said)
			}
		}
		if try.user != "dana" && (strings.Contains(said, "dana") || strings.Contains(said, "ana@") || strings.Contains(said, "for notes")) {
			t.Errorf("%s with %s: the refusal names someone on a list:\n%s", try.user, filepath.Base(try.key), said)
		}
	}
	// Someone joining as facilitator with the right key hears none of it:
	// ssh says nothing of its own.
	if out, said, err := people.sshWithout(t, people.facilitator, port, "facilitator", "quit\n", "accessible"); err != nil || !strings.Contains(out, "Stop 1 of 7") || said != "" {
		t.Fatalf("the facilitator in plain lines: %v\n%s\nssh said:\n%s", err, out, said)
	}

	// A guest with the join code types it wrong at ssh's prompt and is
	// told so, with the tries left; the right code gets in.
	guest := s.startProgram(nil, "ssh", people.askingArgs(people.stranger, port, "view", "-tt")...)
	guest.waitFor("Pit Stop: type the join code", "Join code:")
	guest.typeText("wxyz-2345")
	guest.send("Enter")
	guest.waitFor("Pit Stop: that code was wrong: 4 tries left.")
	guest.typeText(code)
	guest.send("Enter")
	guest.waitFor("Stop 1 of 7", "Draft the MOU")
	guest.typeText("q")
	if status, all := guest.waitExit(); status != 0 {
		t.Fatalf("the guest's ssh ended with %d:\n%s", status, all)
	}
	deadline := time.Now().Add(waitTimeout)
	var logged string
	for time.Now().Before(deadline) {
		data, _ := os.ReadFile(logFile)
		if logged = string(data); strings.Contains(logged, people.strangerFing) && strings.Contains(logged, people.notesFingerprint) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(logged, "refused a key") || !strings.Contains(logged, people.strangerFing) || !strings.Contains(logged, "127.0.0.1") {
		t.Fatalf("the refusals are not logged with the key and the address:\n%s", logged)
	}

	// A second note-taker follows in plain lines, with the real client and
	// no terminal, as a screen reader user would; each side sees the
	// other's changes.
	lines := exec.Command("ssh", append(people.sshArgs(people.notes, port, "notes"), "accessible")...)
	lineIn, err := lines.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	lineOut := &lockedBuffer{}
	lines.Stdout, lines.Stderr = lineOut, lineOut
	if err := lines.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lines.Process.Kill(); lines.Wait() })
	heard := func(text string) {
		t.Helper()
		for deadline := time.Now().Add(waitTimeout); !strings.Contains(lineOut.String(), text); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("plain lines over ssh never said %q:\n%s", text, lineOut.String())
			}
		}
	}
	heard("Stop 1 of 7: Belonging.")
	io.WriteString(lineIn, "agree We name tension when we feel it\n")
	heard("Agreement added by you: We name tension when we feel it.")
	host.waitFor("We name tension when we feel it")
	host.typeText("t")
	host.waitFor("New tension")
	host.typeText("Who decides?")
	host.send("Enter")
	heard("Tension added by the facilitator: Who decides?")
	io.WriteString(lineIn, "quit\n")
	if err := lines.Wait(); err != nil {
		t.Fatalf("ssh in plain lines: %v\n%s", err, lineOut.String())
	}
	if strings.Contains(lineOut.String(), "\x1b") {
		t.Fatalf("escape sequences in plain lines: %q", lineOut.String())
	}

	// Leaving at the host ends the session for the note-taker still
	// connected: it asks first, and no keeps everyone in.
	host.press("q", []string{"1 person is connected (dana). Leaving ends the session for them.", "Leave?"})
	host.press("n", nil, "Leaving ends the session")
	notes.waitFor("STOP 1 OF 7")

	// The note-taker leaves; the facilitator closes the room and quits.
	notes.typeText("q")
	if code, _ := notes.waitExit(); code != 0 {
		t.Fatalf("ssh ended with %d", code)
	}
	host.waitUntil("the note-taker gone from the status line", waitTimeout, func(scr string) bool { return !strings.Contains(scr, "dana (note-taker)") })
	host.typeText("q")
	if code, all := host.waitExit(); code != 0 {
		t.Fatalf("serve ended with %d:\n%s", code, all)
	}

	var list []listed
	if err := json.Unmarshal([]byte(s.pitstop("list", "--json")), &list); err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", err, list)
	}
	var file struct {
		Facilitator string `toml:"facilitator"`
		CurrentStop string `toml:"current_stop"`
		Commitments []struct {
			Text, Owner, Due, Role, Author string
		} `toml:"commitment"`
	}
	if _, err := toml.DecodeFile(list[0].Path, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Commitments) != 1 {
		t.Fatalf("commitments on disk: %+v", file.Commitments)
	}
	c := file.Commitments[0]
	if c.Text != "Draft the MOU" || c.Owner != "Dana" || c.Due != due || c.Role != "notes" || c.Author != "dana" {
		t.Fatalf("the note-taker's commitment on disk: %+v", c)
	}
	if file.Facilitator != "Ana Reyes" {
		t.Fatalf("serve --new --facilitator saved the facilitator as %q", file.Facilitator)
	}
	if file.CurrentStop != "belonging" {
		t.Fatalf("the room moved to %s", file.CurrentStop)
	}
}

// A serve --new that cannot start (its address taken, its host key no
// key) leaves no empty session behind, says why, and warns first about a
// host key others can read; a serve of a saved session refuses what only a
// new one takes, such as --facilitator.
func TestServeThatCannotStartLeavesNoSession(t *testing.T) {
	people := newSSHPeople(t)
	s := newTmux(t, 80, 24)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	hostKey := filepath.Join(people.dir, "host_ed25519")
	serve := func(addr string) (string, error) {
		t.Helper()
		c := exec.Command(e2eBinary, "serve", "--new", "--title", "Never started", "--headless",
			"--addr", addr, "--host-key", hostKey, "--notes-keys", people.notesList, "--dir", s.dir)
		c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+s.xdg, "XDG_DATA_HOME="+s.xdg, "XDG_STATE_HOME="+s.xdg)
		out, err := c.CombinedOutput()
		return string(out), err
	}
	// Made once, then opened to others.
	if out, err := serve(taken.Addr().String()); err == nil || !strings.Contains(out, "cannot listen on") {
		t.Fatalf("serving on an address in use: %v\n%s", err, out)
	}
	if err := os.Chmod(hostKey, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := serve(taken.Addr().String())
	if err == nil || !strings.Contains(out, "cannot listen on") || !strings.Contains(out, "can be read by others") {
		t.Fatalf("serving on an address in use with an open host key: %v\n%s", err, out)
	}
	if err := os.WriteFile(hostKey, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := serve("127.0.0.1:0"); err == nil || !strings.Contains(out, "host key") {
		t.Fatalf("serving with a host key that is no key: %v\n%s", err, out)
	}
	// Who facilitates is for a new session: said to one opened, not ignored.
	c := exec.Command(e2eBinary, "serve", "--session", "anything", "--facilitator", "Ana Reyes", "--headless", "--dir", s.dir)
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+s.xdg, "XDG_DATA_HOME="+s.xdg, "XDG_STATE_HOME="+s.xdg)
	refused, err := c.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(refused), "--facilitator is for a new session (--new)") {
		t.Fatalf("serve --session with --facilitator: %v\n%s", err, refused)
	}
	if list := strings.TrimSpace(s.pitstop("list", "--json")); list != "[]" && list != "null" && list != "" {
		t.Fatalf("a serve that never started left a session behind:\n%s", list)
	}
}
