package serve

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
)

// These tests do, with a Go SSH client, what a hostile user would and
// OpenSSH will not (or, where the point is what OpenSSH shows, use the
// real ssh): the server must hold, and keep everyone else served.

// within waits until ok holds, for at most d; it reports whether it did.
func within(d time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// login connects and logs in, opening no screen.
func (ts *testServer) login(t testing.TB, user, key string) *gossh.Client {
	t.Helper()
	cfg := &gossh.ClientConfig{User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
		Auth: []gossh.AuthMethod{gossh.PublicKeys(ts.keys[key].signer)}}
	client, err := gossh.Dial("tcp", ts.addr, cfg)
	if err != nil {
		t.Fatalf("%s with %s: %v", user, key, err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// present is who is attached to the served session now, the host aside.
func (ts *testServer) present() []model.Actor {
	var out []model.Actor
	for _, a := range ts.host.Current().Present {
		if a != ts.host.Actor() {
			out = append(out, a)
		}
	}
	return out
}

// Every join-code guest is a person of their own, and so is every key,
// whatever its comment says: one guest's undo never takes another's note,
// and names that would read alike are told apart on screen.
func TestEachPersonIsTheirOwn(t *testing.T) {
	twinA, twinB := newKey(t, "notes@laptop"), newKey(t, "notes@desktop")
	bareA, bareB := newKey(t, ""), newKey(t, "")
	ts := startServer(t, func(o *Options) {
		o.JoinCode = "abcd-2345"
		if err := o.Keys.AddLines(model.RoleNotes, "test", []string{twinA.line, twinB.line, bareA.line, bareB.line}); err != nil {
			t.Fatal(err)
		}
	})
	ts.keys["twinA"], ts.keys["twinB"], ts.keys["bareA"], ts.keys["bareB"] = twinA, twinB, bareA, bareB

	guestA := ts.mustDial(t, "notes", "abcd-2345")
	guestB := ts.mustDial(t, "notes", "abcd-2345")
	guestA.waitFor("STOP 1 OF 7")
	guestB.waitFor("STOP 1 OF 7")
	guestA.note("A's words")
	if !within(10*time.Second, func() bool { return len(ts.host.Current().Session.Notes) == 1 }) {
		t.Fatal("guest A's note never arrived")
	}
	// B's undo, then B's own note: the screen sends them in key order, so
	// once B's note is in, B's undo has been answered.
	guestB.press("u", "no change of yours to undo")
	guestB.note("B's words")
	if !within(10*time.Second, func() bool {
		for _, n := range ts.host.Current().Session.Notes {
			if n.Text == "B's words" {
				return true
			}
		}
		return false
	}) {
		t.Fatalf("guest B's note never arrived: %+v", ts.host.Current().Session.Notes)
	}
	notes := ts.host.Current().Session.Notes
	if len(notes) != 2 || notes[0].Text != "A's words" {
		t.Fatalf("guest B's undo took guest A's note: %+v", notes)
	}
	if notes[0].Author == notes[1].Author {
		t.Fatalf("two guests wrote as one name, %q", notes[0].Author)
	}

	// Keys: the same name before @, or no comment at all, are still two
	// people; the same key twice is one.
	for _, key := range []string{"twinA", "twinB", "twinA", "bareA", "bareB"} {
		ts.mustDial(t, "notes", key).waitFor("STOP 1 OF 7")
	}
	if !within(10*time.Second, func() bool { return len(ts.present()) == 7 }) {
		t.Fatalf("attached: %+v", ts.present())
	}
	byName := map[string]model.Actor{}
	count := map[model.Actor]int{}
	for _, a := range ts.present() {
		if other, ok := byName[a.Name]; ok && other != a {
			t.Fatalf("two people are both called %q: %+v and %+v", a.Name, other, a)
		}
		byName[a.Name] = a
		count[a]++
	}
	for name, id := range map[string]string{
		"guest": "", "guest-2": "",
		"notes": keyID(twinA.signer.PublicKey()), "notes-2": keyID(twinB.signer.PublicKey()),
		"note-taker": keyID(bareA.signer.PublicKey()), "note-taker-2": keyID(bareB.signer.PublicKey()),
	} {
		a, ok := byName[name]
		if !ok || a.ID == "" || (id != "" && a.ID != id) {
			t.Fatalf("no one called %q with the id %q: %+v", name, id, ts.present())
		}
	}
	if count[byName["notes"]] != 2 {
		t.Fatalf("the same key twice is not one person: %+v", ts.present())
	}
	// And the owner keeps one undo history per person: guest B has none.
	asB, err := ts.hub.Join(ts.host, byName[notes[1].Author])
	if err != nil {
		t.Fatal(err)
	}
	defer asB.Leave()
	if err := asB.Do(model.UndoBoard{}); err != nil {
		t.Fatalf("guest B's own note could not be undone: %v", err)
	}
	if err := asB.Do(model.UndoBoard{}); err == nil {
		t.Fatal("guest B's second undo took someone else's change")
	}
	if notes := ts.host.Current().Session.Notes; len(notes) != 1 || notes[0].Text != "A's words" {
		t.Fatalf("after guest B's undo: %+v", notes)
	}
}

// fillScreen adds notes enough to fill a large screen, so every frame
// drawn is large.
func (ts *testServer) fillScreen(t *testing.T) {
	t.Helper()
	stop := ts.host.Current().Session.CurrentStop().Key
	for i := 0; i < 200; i++ {
		text := fmt.Sprintf("note %d: %s", i, strings.Repeat("we name it when we feel it ", 14))
		if err := ts.host.Do(model.AddNote{Stop: stop, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
}

// neverReads opens a screen with a large terminal, never reads a byte of
// it, and resizes it without pause until the test ends.
func (ts *testServer) neverReads(t *testing.T, key string) (*gossh.Client, *gossh.Session) {
	client, sess, _ := ts.neverReadsTyping(t, key)
	return client, sess
}

// neverReadsTyping is neverReads with a way to type: a key that changes
// nothing (focus in), sent until stopTyping is called, keeps it from
// being idle.
func (ts *testServer) neverReadsTyping(t *testing.T, key string) (*gossh.Client, *gossh.Session, func()) {
	t.Helper()
	client := ts.login(t, "notes", key)
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 200, 400, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	// Pipes that are never read: the channel's window fills and stays full.
	if _, err := sess.StdoutPipe(); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.StderrPipe(); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	typing := make(chan struct{})
	go func() {
		for {
			select {
			case <-typing:
				return
			case <-time.After(200 * time.Millisecond):
				if _, err := in.Write([]byte("\x1b[I")); err != nil {
					return
				}
			}
		}
	}()
	var once sync.Once
	stopTyping := func() { once.Do(func() { close(typing) }) }
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if sess.WindowChange(190+i%10, 390+i%10) != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { stopTyping(); close(stop); client.Close(); <-done })
	return client, sess, stopTyping
}

// A client that never reads, and resizes without pause, blocks no one: the
// others are served, its place comes back when it goes, and the host's
// Shutdown does not wait on it.
func TestAClientThatNeverReadsBlocksNoOne(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.MaxConns = 2 })
	ts.fillScreen(t)
	stuck, _ := ts.neverReads(t, "dana")
	if !within(30*time.Second, func() bool { return ts.srv.framesLeftOut.Load() > 0 }) {
		t.Fatal("the client that never reads never fell behind")
	}
	other := ts.mustDial(t, "facilitator", "ana")
	other.waitFor("STOP 1 OF 7")
	other.note("still served")
	other.waitFor("Notes at this stop (201)")

	// It goes: its place comes back (none is held by a half-closed socket).
	stuck.Close()
	if !within(10*time.Second, func() bool { return len(ts.present()) == 1 }) {
		t.Fatalf("the client that went is still attached: %+v", ts.present())
	}
	view := ts.mustDial(t, "view", "room")
	view.waitFor("Stop 1 of 7")
	view.client.Close()
	if !within(10*time.Second, func() bool { return len(ts.present()) == 1 }) {
		t.Fatalf("the viewer that went is still attached: %+v", ts.present())
	}

	// Another one that never reads, and the host stops serving.
	ts.neverReads(t, "dana")
	before := ts.srv.framesLeftOut.Load()
	if !within(30*time.Second, func() bool { return ts.srv.framesLeftOut.Load() > before }) {
		t.Fatal("the second client that never reads never fell behind")
	}
	stopped := make(chan struct{})
	go func() { ts.srv.Shutdown("the host stopped serving it"); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(20 * time.Second):
		t.Fatal("Shutdown waited on a client that never reads")
	}
	if !other.ended(10 * time.Second) {
		t.Fatal("the client that reads was not let go")
	}
	if !strings.Contains(other.out.String(), "The session has ended: the host stopped serving it") {
		t.Fatal("the client that reads was not told the session ended")
	}
}

// The idle time closes a screen that never reads as it closes any other.
func TestIdleClosesAClientThatNeverReads(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.Idle = time.Second })
	ts.fillScreen(t)
	_, sess, stopTyping := ts.neverReadsTyping(t, "dana")
	if !within(30*time.Second, func() bool { return ts.srv.framesLeftOut.Load() > 0 }) {
		t.Fatal("the client that never reads never fell behind")
	}
	stopTyping()
	ended := make(chan error, 1)
	go func() { ended <- sess.Wait() }()
	select {
	case <-ended:
	case <-time.After(20 * time.Second):
		t.Fatal("an idle client that never reads was not closed")
	}
	if !within(10*time.Second, func() bool { return len(ts.present()) == 0 }) {
		t.Fatalf("still attached: %+v", ts.present())
	}
}

// Connections that never do the SSH handshake hold no place and are let go
// after the handshake time; someone with a key gets in meanwhile.
func TestConnectionsThatNeverLogIn(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.HandshakeTimeout = time.Second })
	var idle []net.Conn
	for i := 0; i < DefaultMaxConns+8; i++ {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		idle = append(idle, c)
	}
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	for i, conn := range idle {
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, err := readAll(conn)
		var timeout net.Error
		if errors.As(err, &timeout) && timeout.Timeout() {
			t.Fatalf("connection %d, which never logged in, was still open after 10s", i)
		}
	}
}

// readAll reads until the connection ends or fails.
func readAll(c net.Conn) ([]byte, error) {
	var all bytes.Buffer
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		all.Write(buf[:n])
		if err != nil {
			if err.Error() == "EOF" {
				return all.Bytes(), nil
			}
			return all.Bytes(), err
		}
	}
}

// A connection may open only a few screens, and they count against the
// limit: one connection cannot take every place, let alone hundreds.
func TestScreensCountAgainstTheLimit(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.MaxConns = 4 })
	greedy := ts.login(t, "notes", "dana")
	opened := 0
	var refusal string
	for i := 0; i < 10; i++ {
		sess, err := greedy.NewSession()
		if err != nil {
			var open *gossh.OpenChannelError
			if !errors.As(err, &open) || open.Reason != gossh.ResourceShortage {
				t.Fatalf("screen %d: %v", i+1, err)
			}
			refusal = open.Message
			continue
		}
		defer sess.Close()
		opened++
	}
	if opened != DefaultScreensPerConn || !strings.Contains(refusal, "at most 3 screens") {
		t.Fatalf("one connection opened %d screens (refused with %q), want %d", opened, refusal, DefaultScreensPerConn)
	}
	// Its three screens hold three of the four places.
	second := ts.login(t, "view", "room")
	if _, err := second.NewSession(); err != nil {
		t.Fatalf("the fourth place: %v", err)
	}
	_, err := second.NewSession()
	var open *gossh.OpenChannelError
	if !errors.As(err, &open) || !strings.Contains(open.Message, "the session is full") {
		t.Fatalf("a fifth screen past a limit of four: %v", err)
	}
	third := ts.mustDial(t, "facilitator", "ana")
	third.waitFor("the session is full (4 screens)")
}

// The join code's tries are counted when the prompt is sent: thirty
// prompts opened at once get no more than five answers judged, and once
// five were wrong, the right code no longer works.
func TestJoinCodeTriesInParallel(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	var prompted, told atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg := &gossh.ClientConfig{User: "notes", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
				Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(_, instruction string, questions []string, _ []bool) ([]string, error) {
					if len(questions) == 0 {
						told.Add(1)
						return nil, nil
					}
					prompted.Add(1)
					<-release // everyone at the prompt at once, then all answer
					return []string{"wrong-code"}, nil
				})}}
			if client, err := gossh.Dial("tcp", ts.addr, cfg); err == nil {
				client.Close()
				t.Error("a wrong code got in")
			}
		}()
	}
	if !within(20*time.Second, func() bool { return prompted.Load()+told.Load() >= 30 || prompted.Load() > MaxCodeTries }) {
		t.Fatalf("%d prompted, %d told to wait, of 30", prompted.Load(), told.Load())
	}
	close(release)
	wg.Wait()
	if n := prompted.Load(); n > MaxCodeTries {
		t.Fatalf("%d join-code prompts were out at once; at most %d tries", n, MaxCodeTries)
	}
	// Thirty at once use every try: the check of the right code below
	// runs, or the test says why it could not.
	if n := prompted.Load(); n != MaxCodeTries {
		t.Errorf("%d join-code prompts of 30 connections at once; want all %d tries used", n, MaxCodeTries)
	}
	if prompted.Load() == MaxCodeTries {
		if _, err := ts.dial(t, "notes", "abcd-2345"); err == nil {
			t.Fatal("the right code got in after five wrong tries")
		}
	}
}

// The session stays joinable when its folder is renamed while it is
// served: a new client finds the live session by its owner, not its path.
func TestSessionsFolderRenamedWhileServing(t *testing.T) {
	ts := startServer(t, nil)
	dir := filepath.Dir(ts.host.Path())
	if err := os.Rename(dir, dir+"-moved"); err != nil {
		t.Fatal(err)
	}
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	c.note("after the move")
	if !within(10*time.Second, func() bool { return len(ts.host.Current().Session.Notes) == 1 }) {
		t.Fatal("the note never reached the live session")
	}
	if err := os.RemoveAll(dir + "-moved"); err != nil {
		t.Fatal(err)
	}
	again := ts.mustDial(t, "notes", "dana")
	again.waitFor("after the move")
	ts.mustDial(t, "view", "room").waitFor("Stop 1 of 7")
}

// "The session is full" reaches a person at the real OpenSSH client, on
// the screen, even with its log quiet.
func TestFullIsSaidToOpenSSH(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("needs the OpenSSH client (ssh) on PATH; apt-get install openssh-client")
	}
	ts := startServer(t, func(o *Options) { o.MaxConns = 1 })
	ts.mustDial(t, "facilitator", "ana").waitFor("STOP 1 OF 7")
	keyFile := filepath.Join(t.TempDir(), "dana")
	if err := os.WriteFile(keyFile, ts.keys["dana"].private, 0o600); err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ts.addr)
	cmd := exec.Command("ssh", "-F", "/dev/null", "-tt",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=no",
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
		"-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR",
		"-i", keyFile, "-p", port, "notes@127.0.0.1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("ssh to a full session ended with %v:\n%s", err, out.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("ssh to a full session did not end:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "the session is full (1 screens); try again later") {
		t.Fatalf("ssh did not show that the session is full:\n%s", out.String())
	}
}

// Agent forwarding is refused: the server has no use for the person's keys.
func TestAgentForwardingRefused(t *testing.T) {
	ts := startServer(t, nil)
	client := ts.login(t, "notes", "dana")
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	ok, err := sess.SendRequest("auth-agent-req@openssh.com", true, nil)
	if err != nil || ok {
		t.Fatalf("agent forwarding answered %v, %v", ok, err)
	}
}

// A host key others can read is warned about, as OpenSSH does.
func TestHostKeyReadableByOthersIsWarnedAbout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ssh", "host_ed25519")
	keys := AllowList{}
	if err := keys.AddLines(model.RoleNotes, "test", []string{newKey(t, "dana@laptop").line}); err != nil {
		t.Fatal(err)
	}
	first, err := New(Options{Addr: "127.0.0.1:0", HostKeyPath: path, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Warnings()) != 0 {
		t.Fatalf("a new host key, its own alone, warned: %q", first.Warnings())
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	log := &safeBuffer{}
	second, err := New(Options{Addr: "127.0.0.1:0", HostKeyPath: path, Keys: keys, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	if w := second.Warnings(); len(w) != 1 || !strings.Contains(w[0], "can be read by others") || !strings.Contains(w[0], "chmod 600") {
		t.Fatalf("warnings: %q", w)
	}
	if !strings.Contains(log.String(), "can be read by others") {
		t.Fatalf("not in the log: %q", log.String())
	}
	// A host key that is no key stops the server before it starts.
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Addr: "127.0.0.1:0", HostKeyPath: path, Keys: keys}); err == nil {
		t.Fatal("a host key file that is no key was taken")
	}
}

// A paste beyond the input bound is cut before the screen sees it, the
// person is told, the cut paste is still one paste (no part of it arrives
// as keys), and typing goes on once the paste is over.
func TestAPasteBeyondTheBound(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.InputRate, o.InputBurst = 256, 1<<10 })
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	c.typeText("n")
	c.waitFor("New note at")
	mark := c.out.Len()
	// 64 KiB of words with a q, a ] and an enter in them: were any of it
	// taken as keys, a note would be saved or the room moved.
	words := strings.Repeat("we name it when we feel it ] q\r ", 2048)
	c.typeText("\x1b[200~" + words + "\x1b[201~")
	c.waitForAnySince(mark, 10*time.Second, "more than 1 KiB typed or pasted at once; the rest was left out")
	// Typing goes on once the input has paused: a key every 400ms (more
	// than the pause that ends a burst) until one shows in the note.
	if !within(10*time.Second, func() bool {
		mark := c.out.Len()
		c.typeText("Z")
		return within(400*time.Millisecond, func() bool { return c.out.containsSince(mark, "Z") })
	}) {
		t.Fatal("typing did not go on after the paste")
	}
	c.typeText("\r")
	if !within(10*time.Second, func() bool { return len(ts.host.Current().Session.Notes) == 1 }) {
		t.Fatalf("the note was not saved: %+v", ts.host.Current().Session.Notes)
	}
	note := ts.host.Current().Session.Notes[0].Text
	if len(note) > 1<<10 || !strings.HasPrefix(note, "we name it when we feel it") || !strings.HasSuffix(note, "Z") || strings.Contains(note, "201~") {
		t.Fatalf("the note: %q", note)
	}
	if ts.host.Current().Session.Current != 0 {
		t.Fatal("part of the paste moved the room")
	}
}
