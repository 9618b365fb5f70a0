package main

import (
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
// at once, and the file says it was the note-taker's. Keys not allowed, or
// allowed for another role, are refused and logged; the note-taker cannot
// move the room.
func TestServeOverSSHEndToEnd(t *testing.T) {
	people := newSSHPeople(t)
	s := newTmux(t, 120, 40)
	port := freePort(t)
	logFile := filepath.Join(people.dir, "serve.log")
	host := s.start("serve", "--new", "--title", "Served workshop", "--team", "Harbor",
		"--addr", "127.0.0.1:"+port, "--host-key", filepath.Join(people.dir, "host_ed25519"),
		"--notes-keys", people.notesList, "--facilitator-keys", people.facilitatorList, "--log", logFile)
	host.waitFor("STOP 1 OF 7", "Serving on 127.0.0.1:"+port)

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

	// Strangers, and a note-taker's key asking to run the room, are turned
	// away before any screen, and the log says who and from where.
	for _, try := range []struct{ key, user string }{{people.stranger, "notes"}, {people.notes, "facilitator"}} {
		out, err := exec.Command("ssh", append(people.sshArgs(try.key, port, try.user), "true")...).CombinedOutput()
		if err == nil || strings.Contains(string(out), "STOP 1 OF 7") {
			t.Fatalf("%s with %s got in:\n%s", try.user, filepath.Base(try.key), out)
		}
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
	if file.CurrentStop != "belonging" {
		t.Fatalf("the room moved to %s", file.CurrentStop)
	}
}

// A serve --new that cannot start (its address taken, its host key no
// key) leaves no empty session behind, says why, and warns first about a
// host key others can read.
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
	if list := strings.TrimSpace(s.pitstop("list", "--json")); list != "[]" && list != "null" && list != "" {
		t.Fatalf("a serve that never started left a session behind:\n%s", list)
	}
}
