// Command sshload measures serving over SSH on loopback with the real
// binary: how long a keystroke takes to reach every connected screen, and
// how much memory each connected client costs the server.
//
//	go run ./scripts/sshload                 # 10 screens, 100 keystrokes; 32 for memory
//	go run ./scripts/sshload -clients 10 -rounds 200 -memory 32
//
// It builds pitstop, serves a new session with `pitstop serve --headless`
// on a free loopback port, with keys it makes for the run, and connects Go
// SSH clients, each with a 120x40 terminal. A keystroke is the enter that
// saves a note typed by one of them; it has reached a screen when that
// screen's output shows the new count of notes. Memory is the server's
// resident size (VmRSS) with every client connected and drawn, less what
// it was before the first, divided by the number of clients. Everything it
// makes lives in one temp directory, removed at the end.
package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"pitstop/internal/loadtool"
)

func main() {
	clients := flag.Int("clients", 10, "screens connected while keystrokes are timed")
	rounds := flag.Int("rounds", 100, "keystrokes timed")
	memory := flag.Int("memory", 32, "clients connected while memory is measured (0: skip)")
	flag.Parse()
	if err := run(*clients, *rounds, *memory); err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		os.Exit(1)
	}
}

func run(clients, rounds, memory int) error {
	work, err := os.MkdirTemp("", "pitstop-sshload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin, err := loadtool.Build(work)
	if err != nil {
		return err
	}
	people := max(clients, memory)
	signers := make([]gossh.Signer, people)
	var keys strings.Builder
	for i := range signers {
		_, priv, _ := ed25519.GenerateKey(rand.Reader)
		signers[i], _ = gossh.NewSignerFromKey(priv)
		fmt.Fprintf(&keys, "%s person%d@load\n", strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signers[i].PublicKey()))), i)
	}
	keyFile := filepath.Join(work, "notes_keys")
	if err := os.WriteFile(keyFile, []byte(keys.String()), 0o600); err != nil {
		return err
	}
	addr, err := loadtool.FreeAddr()
	if err != nil {
		return err
	}
	srv := exec.Command(bin, "serve", "--new", "--title", "Load", "--team", "Bench", "--headless",
		"--addr", addr, "--host-key", filepath.Join(work, "host_ed25519"), "--notes-keys", keyFile, "--idle", "1h")
	srv.Env = loadtool.Env(work)
	var srvOut bytes.Buffer
	srv.Stdout, srv.Stderr = &srvOut, &srvOut
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	if err := waitListening(addr); err != nil {
		return fmt.Errorf("%v\n%s", err, srvOut.String())
	}
	fmt.Printf("pitstop serve on %s; %d cores\n", addr, numCPU())

	before := loadtool.RSS(srv.Process.Pid)
	screens := make([]*screen, 0, people)
	defer func() {
		for _, s := range screens {
			s.client.Close()
		}
	}()
	for i := 0; i < clients; i++ {
		s, err := connect(addr, signers[i])
		if err != nil {
			return err
		}
		screens = append(screens, s)
	}
	for _, s := range screens {
		if err := s.waitFor("STOP 1 OF 7", 10*time.Second); err != nil {
			return err
		}
	}

	// Keystrokes: one screen types a note, then its enter is timed until
	// every screen shows the new count.
	var all, worst []time.Duration
	typist := screens[0]
	for r := 1; r <= rounds; r++ {
		typist.send(fmt.Sprintf("nnote %d", r))
		if err := typist.waitFor(fmt.Sprintf("note %d", r), 5*time.Second); err != nil {
			return err
		}
		want := fmt.Sprintf("Notes at this stop (%d)", r)
		for _, s := range screens {
			s.expect(want)
		}
		start := time.Now()
		typist.send("\r")
		var slowest time.Duration
		for _, s := range screens {
			at, err := s.arrived(5 * time.Second)
			if err != nil {
				return fmt.Errorf("round %d: %v", r, err)
			}
			d := at.Sub(start)
			all = append(all, d)
			slowest = max(slowest, d)
		}
		worst = append(worst, slowest)
		time.Sleep(120 * time.Millisecond) // people do not type notes at the rate limit
	}
	slices.Sort(all)
	slices.Sort(worst)
	fmt.Printf("keystroke to every screen, %d screens, %d keystrokes: median %s (to the last screen: median %s), worst %s\n",
		clients, rounds, loadtool.Millis(all[len(all)/2]), loadtool.Millis(worst[len(worst)/2]), loadtool.Millis(worst[len(worst)-1]))

	if memory > 0 {
		first := len(screens)
		for i := first; i < memory; i++ {
			s, err := connect(addr, signers[i])
			if err != nil {
				return err
			}
			screens = append(screens, s)
		}
		for _, s := range screens[first:] {
			if err := s.waitFor("STOP 1 OF 7", 20*time.Second); err != nil {
				return err
			}
		}
		time.Sleep(2 * time.Second) // a few ticks of the timer drawn everywhere
		after := loadtool.RSS(srv.Process.Pid)
		fmt.Printf("memory: server %.1f MiB before any client, %.1f MiB with %d connected: %.2f MiB per client\n",
			loadtool.MiB(before), loadtool.MiB(after), len(screens), loadtool.MiB(after-before)/float64(len(screens)))
		t0, w0 := cpuTime(srv.Process.Pid), time.Now()
		time.Sleep(5 * time.Second)
		t1, w1 := cpuTime(srv.Process.Pid), time.Now()
		fmt.Printf("idle CPU of the server with %d connected, nobody typing: %.1f%% of one core over %s\n",
			len(screens), 100*float64(t1-t0)/float64(w1.Sub(w0)), w1.Sub(w0).Round(time.Second))
	}
	return nil
}

// screen is one connection with a terminal, its output read as it comes.
type screen struct {
	client *gossh.Client
	in     io.Writer
	mu     sync.Mutex
	out    []byte // the output not yet matched, trimmed as it is
	want   string
	at     chan time.Time
}

func connect(addr string, signer gossh.Signer) (*screen, error) {
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "notes", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
	if err != nil {
		return nil, err
	}
	sess, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	s := &screen{client: client, at: make(chan time.Time, 1)}
	s.in, _ = sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go s.read(bufio.NewReaderSize(out, 64<<10))
	return s, nil
}

func (s *screen) read(r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		now := time.Now()
		s.mu.Lock()
		s.out = append(s.out, buf[:n]...)
		if s.want != "" && bytes.Contains(s.out, []byte(s.want)) {
			s.want, s.out = "", s.out[:0]
			s.at <- now
		}
		if len(s.out) > 1<<20 {
			s.out = append(s.out[:0], s.out[len(s.out)-4096:]...)
		}
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (s *screen) send(text string) { _, _ = s.in.Write([]byte(text)) }

// expect starts watching for text; arrived says when it came.
func (s *screen) expect(text string) {
	s.mu.Lock()
	s.want, s.out = text, s.out[:0]
	s.mu.Unlock()
}

func (s *screen) arrived(limit time.Duration) (time.Time, error) {
	select {
	case at := <-s.at:
		return at, nil
	case <-time.After(limit):
		return time.Time{}, fmt.Errorf("a screen never showed %q", s.want)
	}
}

func (s *screen) waitFor(text string, limit time.Duration) error {
	s.mu.Lock()
	if bytes.Contains(s.out, []byte(text)) {
		s.out = s.out[:0]
		s.mu.Unlock()
		return nil
	}
	s.want = text
	s.mu.Unlock()
	_, err := s.arrived(limit)
	return err
}

func waitListening(addr string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("pitstop serve did not listen on %s", addr)
}

// cpuTime is the user and system time a process has used, from /proc
// (in clock ticks of 1/100 s, as Linux reports them everywhere).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func numCPU() int {
	out, _ := exec.Command("nproc").Output()
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return n
}
