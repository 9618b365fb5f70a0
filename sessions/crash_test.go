package sessions

import (
	"pitstop/model"

	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startChild runs this test binary as a child doing job, and waits (with a
// deadline) until it prints its first line.
func startChild(t *testing.T, job, dir string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	return startChildAs(t, nil, job, dir, env...)
}

// startChildAs is startChild as another user (nil: this one).
func startChildAs(t *testing.T, as *syscall.Credential, job, dir string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if as != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: as}
	}
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + job, "PITSTOP_DIR=" + dir}, env...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		lines <- strings.TrimSpace(line)
	}()
	select {
	case line := <-lines:
		return cmd, line
	case <-time.After(30 * time.Second):
		t.Fatalf("child %s said nothing within 30s", job)
		return nil, ""
	}
}

func killChild(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

// TestSaveSurvivesSIGKILL kills a process that saves in a loop at random
// moments; after every kill the file must load, and hold a version at least
// as new as the last one seen: the old file or a new one, never a torn one.
func TestSaveSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	last := 0
	const rounds = 25
	for round := 0; round < rounds; round++ {
		cmd, line := startChild(t, "saver", dir, fmt.Sprintf("FIRST_VERSION=%d", last+1))
		if line != "saved" {
			t.Fatalf("child: %s", line)
		}
		time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond) // a random moment, not a wait for a result
		killChild(t, cmd)
		s, err := st.Load("crash")
		if err != nil {
			t.Fatalf("round %d: the file does not load after SIGKILL: %v", round, err)
		}
		var v int
		if _, err := fmt.Sscanf(s.Title, "version %d", &v); err != nil || v < last+1 {
			t.Fatalf("round %d: file holds %q, want version %d or newer", round, s.Title, last+1)
		}
		if len(s.Notes) != 400 {
			t.Fatalf("round %d: %d notes, want 400", round, len(s.Notes))
		}
		last = v
	}
	// The killed saves may leave temporary files; they are never listed.
	list, err := st.List()
	if err != nil || len(list) != 1 || list[0].Broken() {
		t.Fatalf("list after crashes = %+v, %v", list, err)
	}
}

// TestLockRefusesSecondWriter holds a session's lock in another process:
// this process is refused with a message naming the session, and after the
// holder is killed with SIGKILL the lock is free again with no clean-up.
func TestLockRefusesSecondWriter(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, st, newTestSession(t, "held"))
	cmd, line := startChild(t, "locker", dir)
	if line != "locked" {
		t.Fatalf("child: %s", line)
	}
	_, err = st.Lock("held")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "held") || !strings.Contains(err.Error(), fmt.Sprintf("process %d", cmd.Process.Pid)) {
		t.Fatalf("second writer: %v", err)
	}
	h := NewHub(SystemClock())
	if _, err := h.Open(st, st.Path("held"), model.Facilitator); !errors.Is(err, ErrLocked) {
		t.Fatalf("owner while locked: %v", err)
	}
	// Readers need no lock.
	if _, err := st.Load("held"); err != nil {
		t.Fatalf("reading a locked session: %v", err)
	}
	killChild(t, cmd)
	c, err := h.Open(st, st.Path("held"), model.Facilitator)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	if err := c.Leave(); err != nil {
		t.Fatal(err)
	}
}
