package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"pitstop/config"
	"pitstop/model"
	"pitstop/sessions"
)

// testKey is a key pair of a test's person, with its authorized_keys line.
type testKey struct {
	signer  gossh.Signer
	line    string
	private []byte // the private key in OpenSSH's format, for the real ssh
}

func newKey(t testing.TB, comment string) testKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, comment)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment)
	return testKey{signer: signer, line: line, private: pem.EncodeToMemory(block)}
}

// testServer is a session served on a random loopback port.
type testServer struct {
	srv    *Server
	addr   string
	hub    *sessions.Hub
	host   *sessions.Client // the host's own attachment
	keys   map[string]testKey
	stderr *safeBuffer
}

func workshop(t testing.TB) *config.Workshop {
	t.Helper()
	w, err := config.Load(filepath.Join("..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// startServer serves a new session with keys for facilitator "ana",
// note-taker "dana" and viewer "room"; change adjusts the options.
func startServer(t testing.TB, change func(*Options)) *testServer {
	t.Helper()
	return startServerOn(t, sessions.SystemClock(), change)
}

// startServerOn is startServer with the hub keeping time by clock.
func startServerOn(t testing.TB, clock sessions.Clock, change func(*Options)) *testServer {
	t.Helper()
	st, err := sessions.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := workshop(t)
	s, err := model.NewSession("served", "Served", "Harbor", "", w.Plans(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hub := sessions.NewHub(clock)
	host, err := hub.Create(st, s, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{hub: hub, host: host, keys: map[string]testKey{}, stderr: &safeBuffer{}}
	allow := AllowList{}
	for _, k := range []struct {
		name string
		role model.Role
	}{{"ana", model.RoleFacilitator}, {"dana", model.RoleNotes}, {"room", model.RoleViewer}} {
		key := newKey(t, k.name+"@laptop")
		ts.keys[k.name] = key
		if err := allow.AddLines(k.role, "test", []string{key.line}); err != nil {
			t.Fatal(err)
		}
	}
	ts.keys["stranger"] = newKey(t, "stranger@elsewhere")
	opts := Options{
		Hub: hub, Store: st, Workshop: w, Keys: allow,
		Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(t.TempDir(), "hostkey", "host_ed25519"), Log: ts.stderr,
	}
	if change != nil {
		change(&opts)
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.srv, ts.addr = srv, l.Addr().String()
	go srv.Serve(l, host)
	t.Cleanup(func() {
		srv.Shutdown("the test is over")
		host.Leave()
	})
	return ts
}

// safeBuffer is a buffer several goroutines write and one reads.
type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len is how much has been written so far: a mark for containsSince.
func (b *safeBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

// containsSince reports whether text was written after the mark, without
// copying what came before it (screens redrawn a thousand times add up).
func (b *safeBuffer) containsSince(mark int, text string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Contains(b.buf.Bytes()[min(mark, b.buf.Len()):], []byte(text))
}

// conn is one SSH connection with a terminal, as a person at ssh has.
type conn struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	out    *safeBuffer
	done   chan struct{}
}

// dial connects as user with the named key (or none, and a join code).
func (ts *testServer) dial(t testing.TB, user, key string, env ...string) (*conn, error) {
	t.Helper()
	cfg := &gossh.ClientConfig{User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
	if k, ok := ts.keys[key]; ok {
		cfg.Auth = []gossh.AuthMethod{gossh.PublicKeys(k.signer)}
	} else {
		code := key
		cfg.Auth = []gossh.AuthMethod{gossh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
			if len(questions) == 0 {
				return nil, nil // a word from the server, with nothing to answer
			}
			return []string{code}, nil
		})}
	}
	client, err := gossh.Dial("tcp", ts.addr, cfg)
	if err != nil {
		return nil, err
	}
	sess, err := client.NewSession()
	if err != nil {
		client.Close()
		return nil, err
	}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		_ = sess.Setenv(name, value)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		client.Close()
		return nil, err
	}
	c := &conn{t: t, client: client, sess: sess, out: &safeBuffer{}, done: make(chan struct{})}
	c.in, _ = sess.StdinPipe()
	sess.Stdout, sess.Stderr = c.out, c.out
	if err := sess.Shell(); err != nil {
		client.Close()
		return nil, err
	}
	go func() { sess.Wait(); close(c.done) }()
	t.Cleanup(func() { client.Close() })
	return c, nil
}

func (ts *testServer) mustDial(t testing.TB, user, key string, env ...string) *conn {
	t.Helper()
	c, err := ts.dial(t, user, key, env...)
	if err != nil {
		t.Fatalf("%s with %s: %v", user, key, err)
	}
	return c
}

func (c *conn) typeText(s string) {
	c.t.Helper()
	if _, err := c.in.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

// press types a key alone and waits until then is on the screen: as a
// person does, since characters arriving together are typing, not keys.
func (c *conn) press(key, then string) {
	c.t.Helper()
	mark := c.out.Len()
	c.typeText(key)
	deadline := time.Now().Add(10 * time.Second)
	for !c.out.containsSince(mark, then) {
		if time.Now().After(deadline) {
			c.t.Fatalf("no %q within 10s of %q", then, key)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// note writes a note in one write, as a paste: a paste is always text, so
// it lands in a note box, and enter saves it.
func (c *conn) note(text string) {
	c.t.Helper()
	c.typeText("\x1b[200~" + text + "\x1b[201~\r")
}

// waitFor waits until the connection's output holds text.
func (c *conn) waitFor(text string) {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(c.out.String(), text) {
		if time.Now().After(deadline) {
			out := c.out.String()
			c.t.Fatalf("no %q on the screen within 10s; the last of it:\n%q", text, out[max(0, len(out)-2000):])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForAnySince waits until the output written after mark holds one of
// texts, and says which.
func (c *conn) waitForAnySince(mark int, within time.Duration, texts ...string) string {
	c.t.Helper()
	deadline := time.Now().Add(within)
	for {
		for _, text := range texts {
			if c.out.containsSince(mark, text) {
				return text
			}
		}
		if time.Now().After(deadline) {
			out := c.out.String()
			c.t.Fatalf("none of %q on the screen within %s; the last of it:\n%q", texts, within, out[max(0, len(out)-2000):])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ended reports whether the connection closed within d.
func (c *conn) ended(d time.Duration) bool {
	select {
	case <-c.done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestNobodyCanJoinWithoutAList(t *testing.T) {
	if _, err := New(Options{Addr: "127.0.0.1:0"}); err != ErrNoWayIn {
		t.Fatalf("serving with no keys and no code: %v", err)
	}
}

func TestRolesByKey(t *testing.T) {
	ts := startServer(t, nil)
	if _, err := ts.dial(t, "notes", "stranger"); err == nil {
		t.Fatal("a key on no list got in")
	}
	if _, err := ts.dial(t, "facilitator", "dana"); err == nil {
		t.Fatal("a note-taker's key got in as facilitator")
	}
	if _, err := ts.dial(t, "admin", "ana"); err == nil {
		t.Fatal("a user name that is no role got in")
	}
	if log := ts.stderr.String(); !strings.Contains(log, "refused a key") || !strings.Contains(log, "SHA256:") || !strings.Contains(log, "127.0.0.1") {
		t.Fatalf("refusals are not logged with the key's fingerprint and the address:\n%s", log)
	}

	notes := ts.mustDial(t, "notes", "dana")
	notes.waitFor("STOP 1 OF 7")
	notes.typeText("]") // the note-taker cannot move the room
	notes.waitFor("Only the facilitator")
	notes.typeText(" ") // nor run the timer
	if ts.host.Current().Session.Current != 0 || ts.host.Current().Session.Stops[0].Timer.Running() {
		t.Fatal("the note-taker moved the room or started the timer")
	}
	notes.press("c", "New commitment")
	notes.typeText("Draft the MOU @Dana due:" + aYearAhead() + "\r")
	deadline := time.Now().Add(10 * time.Second)
	for len(ts.host.Current().Session.Commitments) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	c := ts.host.Current().Session.Commitments
	if len(c) != 1 || c[0].Owner != "Dana" || c[0].Role != "notes" || c[0].Author != "dana" {
		t.Fatalf("the note-taker's commitment: %+v", c)
	}

	view := ts.mustDial(t, "view", "room")
	view.waitFor("Draft the MOU")
	view.waitFor("follow along") // its keys say so
	view.typeText("n")
	view.waitFor("as a viewer") // said at once, before anything is typed
	view.typeText("hello\r")
	if n := len(ts.host.Current().Session.Notes); n != 0 {
		t.Fatalf("a viewer wrote %d notes", n)
	}
	// Who is here is on every screen.
	view.waitFor("dana (note-taker)")
}

// A viewer's screen is the room's view: no key leads to the notes, the
// board or the hint, and each refusal says why.
func TestAViewerNeverSeesANote(t *testing.T) {
	ts := startServer(t, nil)
	notes := ts.mustDial(t, "notes", "dana")
	notes.waitFor("STOP 1 OF 7")
	notes.note("Dana said this in confidence")
	notes.waitFor("Notes at this stop (1)")
	view := ts.mustDial(t, "view", "room")
	view.waitFor("follow along")
	mark := view.out.Len()
	for _, k := range []struct{ key, then string }{
		{"p", "room's view"}, {"?", "all keys"}, {"\x1b", "follow along"}, {"b", "following the room"},
		{"h", "nothing happened"}, {"n", "as a viewer"}, {"i", "nothing happened"},
	} {
		view.press(k.key, k.then)
	}
	if view.out.containsSince(mark, "in confidence") {
		t.Fatal("a key led the viewer's screen to the note")
	}
}

func TestJoinCode(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	guest := ts.mustDial(t, "notes", "abcd-2345")
	guest.waitFor("STOP 1 OF 7")
	if _, err := ts.dial(t, "facilitator", "abcd-2345"); err == nil {
		t.Fatal("the join code let someone in as facilitator")
	}
	for i := 0; i < MaxCodeTries; i++ {
		if _, err := ts.dial(t, "view", "wrong-code"); err == nil {
			t.Fatal("a wrong code got in")
		}
	}
	if _, err := ts.dial(t, "view", "abcd-2345"); err == nil {
		t.Fatal("the code still works after too many wrong tries")
	}
}

// Another person's text cannot reach a screen as a control sequence: a
// note with a title change, a screen clear and a clipboard write arrives
// as words on the other screen.
func TestEscapesFromOneClientAreInertOnAnother(t *testing.T) {
	ts := startServer(t, nil)
	writer := ts.mustDial(t, "notes", "dana")
	reader := ts.mustDial(t, "facilitator", "ana")
	writer.waitFor("STOP 1 OF 7")
	reader.waitFor("STOP 1 OF 7")
	writer.note("title\x1b]0;pwned\x07 clear\x1b[2J clip\x1b]52;c;aGk=\x07 c1\u009d0;x\u009c end")
	reader.waitFor("end")
	// What is left of the sequences may show as letters; what must never
	// arrive is the escape that makes them commands.
	out := reader.out.String()
	for _, bad := range []string{"\x1b]0;", "\x1b]52;", "\u009d", "\x07"} {
		if strings.Contains(out, bad) {
			t.Fatalf("%q reached the other screen", bad)
		}
	}
	if before, after, _ := strings.Cut(out, "title"); strings.Count(after, "\x1b[2J") > strings.Count(before, "\x1b[2J") {
		t.Fatal("the note cleared the other screen")
	}
	if n := ts.host.Current().Session.Notes; len(n) != 1 || strings.ContainsAny(n[0].Text, "\x1b\x07") {
		t.Fatalf("stored: %+v", n)
	}
}

// Ten note-takers at once, a hundred notes each: exactly a thousand, in
// memory and in the file, and every screen comes to show them all.
func TestTenClientsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("a thousand notes over SSH; skipped with -short")
	}
	ts := startServer(t, func(o *Options) { o.Rate, o.Burst = 1000, 1000 })
	const clients, each = 10, 100
	conns := make([]*conn, clients)
	for i := range conns {
		conns[i] = ts.mustDial(t, "notes", "dana")
		conns[i].waitFor("STOP 1 OF 7")
	}
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func(i int, c *conn) {
			defer wg.Done()
			for j := 0; j < each; j++ {
				mark := c.out.Len()
				c.note(fmt.Sprintf("note %d-%d", i, j))
				// One at a time, as people type: the next n must find the
				// box closed.
				want := fmt.Sprintf("note %d-%d", i, j)
				for k := 0; k < 1000 && !c.out.containsSince(mark, want); k++ {
					time.Sleep(2 * time.Millisecond)
				}
			}
		}(i, c)
	}
	wg.Wait()
	deadline := time.Now().Add(20 * time.Second)
	for len(ts.host.Current().Session.Notes) < clients*each && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(ts.host.Current().Session.Notes); n != clients*each {
		t.Fatalf("%d notes in memory, want %d", n, clients*each)
	}
	for _, c := range conns {
		c.waitFor(fmt.Sprintf("Notes at this stop (%d)", clients*each))
	}
	ts.srv.Shutdown("the test is over")
	if err := ts.host.Leave(); err != nil {
		t.Fatal(err)
	}
	s, err := sessions.LoadFile(ts.host.Path())
	if err != nil || len(s.Notes) != clients*each {
		t.Fatalf("on disk: %v, %d notes", err, len(s.Notes))
	}
}

func TestLimits(t *testing.T) {
	ts := startServer(t, func(o *Options) {
		o.MaxConns, o.Idle, o.Rate, o.Burst = 3, 800*time.Millisecond, 2, 2
	})
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	// A note over the limit is refused with a message, not a hang: the
	// box takes as many characters as a note can hold, but these take two
	// bytes each.
	c.typeText("n")
	c.waitFor("New note at")
	c.typeText(strings.Repeat("é", model.MaxTextBytes/2+5) + "\r")
	c.waitFor("too long")
	c.typeText("\x1b")
	c.waitFor("Throw away")
	c.typeText("y")
	// A flood of changes is told to slow down.
	c.typeText("nA\rnB\rnC\rnD\r")
	c.waitFor("Slow down")
	// Connections beyond the limit are refused, and told so on the screen,
	// where ssh shows it.
	ts.mustDial(t, "notes", "dana")
	ts.mustDial(t, "view", "room")
	fourth := ts.mustDial(t, "view", "room")
	fourth.waitFor("the session is full (3 screens)")
	if !fourth.ended(5 * time.Second) {
		t.Fatal("a fourth connection stayed past a limit of three")
	}
	// Idle means idle input: the ticking timer's output does not keep a
	// connection open.
	idle := c
	if !idle.ended(5 * time.Second) {
		t.Fatal("an idle connection was not closed")
	}
	if !strings.Contains(idle.out.String(), "nothing typed for") {
		t.Fatal("no word of why the connection closed")
	}
}

// ctrl+z from a client never suspends the server.
func TestCtrlZLeavesTheServerRunning(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	c.typeText("\x1a")
	c.note("still here")
	c.waitFor("still here")
	other := ts.mustDial(t, "notes", "dana")
	other.waitFor("still here")
}

// The host stopping tells everyone connected that the session ended.
func TestShutdownTellsEveryone(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	c.note("said before the end")
	c.waitFor("said before the end")
	ts.srv.Shutdown("the host stopped serving it")
	if !c.ended(10 * time.Second) {
		t.Fatal("the client was not let go")
	}
	if !strings.Contains(c.out.String(), "The session has ended: the host stopped serving it") {
		t.Fatalf("the client was not told: %q", c.out.String()[max(0, len(c.out.String())-500):])
	}
	if err := ts.host.Leave(); err != nil {
		t.Fatal(err)
	}
	if s, _ := sessions.LoadFile(ts.host.Path()); len(s.Notes) != 1 {
		t.Fatal("the note is not saved")
	}
}

// NO_COLOR sent by the client takes the colour out of its screen only.
func TestNoColorFromTheClient(t *testing.T) {
	ts := startServer(t, nil)
	plain := ts.mustDial(t, "view", "room", "NO_COLOR=1")
	colour := ts.mustDial(t, "notes", "dana", "COLORTERM=truecolor")
	plain.waitFor("Stop 1 of 7") // a viewer sees the presenter view
	colour.waitFor("STOP 1 OF 7")
	if strings.Contains(plain.out.String(), "\x1b[38;") {
		t.Fatal("colour on a screen that sent NO_COLOR")
	}
	if !strings.Contains(colour.out.String(), "\x1b[38;") {
		t.Fatal("no colour on a screen that can show it")
	}
}

// The host key is made once and kept: the next workshop's server is the
// same host to ssh, with no changed-key warning.
func TestHostKeyIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ssh", "host_ed25519")
	keys := AllowList{}
	if err := keys.AddLines(model.RoleNotes, "test", []string{newKey(t, "dana@laptop").line}); err != nil {
		t.Fatal(err)
	}
	first, err := New(Options{Addr: "127.0.0.1:0", HostKeyPath: path, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	second, err := New(Options{Addr: "127.0.0.1:0", HostKeyPath: path, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	if first.Fingerprint() == "" || first.Fingerprint() != second.Fingerprint() {
		t.Fatalf("host key changed: %q then %q", first.Fingerprint(), second.Fingerprint())
	}
}

// A note-taker whose laptop drops off mid-sentence loses only what was not
// yet sent, and joins again to carry on.
func TestDroppedClientRejoins(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	c.note("saved before the drop")
	c.waitFor("Notes at this stop (1)")
	c.press("n", "New note at")
	c.typeText("half a thou")
	c.waitFor("half a thou")
	c.client.Close() // the wifi goes
	deadline := time.Now().Add(10 * time.Second)
	for len(ts.host.Current().Present) != 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(ts.host.Current().Present); n != 1 {
		t.Fatalf("%d attached after the drop, want the host alone", n)
	}
	again := ts.mustDial(t, "notes", "dana")
	again.waitFor("saved before the drop")
	again.note("after the drop")
	again.waitFor("Notes at this stop (2)")
	notes := ts.host.Current().Session.Notes
	if len(notes) != 2 || notes[0].Text != "saved before the drop" || notes[1].Text != "after the drop" {
		t.Fatalf("notes: %+v", notes)
	}
}

// lineConn is a connection in plain lines, with no terminal: as a screen
// reader user runs ssh -p PORT notes@HOST accessible.
func (ts *testServer) lineConn(t *testing.T, user, key string) (*conn, error) {
	t.Helper()
	cfg := &gossh.ClientConfig{User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
		Auth: []gossh.AuthMethod{gossh.PublicKeys(ts.keys[key].signer)}}
	client, err := gossh.Dial("tcp", ts.addr, cfg)
	if err != nil {
		return nil, err
	}
	sess, err := client.NewSession()
	if err != nil {
		client.Close()
		return nil, err
	}
	c := &conn{t: t, client: client, sess: sess, out: &safeBuffer{}, done: make(chan struct{})}
	c.in, _ = sess.StdinPipe()
	sess.Stdout, sess.Stderr = c.out, c.out
	if err := sess.Start("accessible"); err != nil {
		client.Close()
		return nil, err
	}
	go func() { sess.Wait(); close(c.done) }()
	t.Cleanup(func() { client.Close() })
	return c, nil
}

// A note-taker in plain lines and a facilitator on the full screen, both
// over SSH, see each other's changes; the lines hold no escape sequence.
func TestLineModeBesideTheScreen(t *testing.T) {
	ts := startServer(t, nil)
	lines, err := ts.lineConn(t, "notes", "dana")
	if err != nil {
		t.Fatal(err)
	}
	lines.waitFor("Stop 1 of 7: Belonging.")
	screen := ts.mustDial(t, "facilitator", "ana")
	screen.waitFor("STOP 1 OF 7")
	lines.waitFor("ana (facilitator) joined.")
	lines.typeText("commit Draft the MOU @Dana due:" + aYearAhead() + "\n")
	lines.waitFor("Commitment added by you: Draft the MOU, owner Dana")
	screen.press("b", "BOARD")
	screen.waitFor("Draft the MOU")
	screen.press("a", "New agreement")
	screen.typeText("We name tension when we feel it\r")
	lines.waitFor("Agreement added by ana (facilitator): We name tension when we feel it.")
	lines.typeText("next\n")
	lines.waitFor("Only the facilitator runs the timer")
	ts.srv.Shutdown("the host stopped serving it")
	if !lines.ended(10 * time.Second) {
		t.Fatal("the line mode was not let go")
	}
	out := lines.out.String()
	if !strings.Contains(out, "The session has ended here: the host stopped serving it.") {
		t.Fatalf("not told: %q", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Fatalf("an escape sequence in plain lines: %q", out)
	}
}

// Plain lines are bound as the full screen is, and say so in a line of
// their own.
func TestLineModeInputBound(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.InputRate, o.InputBurst = 256, 1<<10 })
	lines, err := ts.lineConn(t, "notes", "dana")
	if err != nil {
		t.Fatal(err)
	}
	lines.waitFor("Stop 1 of 7: Belonging.")
	lines.typeText(strings.Repeat("we name it when we feel it ", 200) + "\n")
	lines.waitFor("\r\nPit Stop: more than 1 KiB typed or pasted at once; the rest was left out.\r\n")
}

// Every screen follows the session's clock, a rehearsal's fast one too:
// at six hundred times, a second of waiting is ten minutes spent.
func TestScreensFollowTheSessionsClock(t *testing.T) {
	ts := startServerOn(t, sessions.FastClock(600), nil)
	c := ts.mustDial(t, "notes", "dana")
	c.waitFor("STOP 1 OF 7")
	if err := ts.host.Do(model.StartTimer{}); err != nil {
		t.Fatal(err)
	}
	minutes := regexp.MustCompile(`spent [1-9][0-9]*m`)
	if !within(10*time.Second, func() bool { return minutes.MatchString(c.out.String()) }) {
		t.Fatal("the SSH screen does not follow the session's fast clock")
	}
}

// aYearAhead is a due date still ahead whenever the test runs: a date gone
// by is asked about before it is kept.
func aYearAhead() string { return time.Now().AddDate(1, 0, 0).Format("2006-01-02") }
