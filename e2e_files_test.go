//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// End-to-end tests of what a full disk, a signal and a copied file do to
// the real binary: nothing the room said is lost.

// smallDisk mounts a 64 KiB tmpfs for the sessions directory. It needs
// root; elsewhere the test skips, saying so.
func smallDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("a full disk is a 64 KiB tmpfs, which needs root to mount; CI runs as root")
	}
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fillDisk fills the disk of dir with a file of its own and returns how
// to free it again.
func fillDisk(t *testing.T, dir string) func() {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1024)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	f.Close()
	return func() { os.Remove(path) }
}

func addNote(p *pane, text string, n int) {
	p.typeText("n")
	p.waitFor("New note at")
	p.typeText(text)
	p.waitUntil("the note typed", waitTimeout, inputShows(text))
	p.send("Enter")
	p.waitUntil("the note listed", waitTimeout, noteSaved(text, n))
}

func TestFullDiskLosesNothing(t *testing.T) {
	dir := smallDisk(t)
	srv := newTmux(t, 120, 40)
	srv.dir = dir
	home := t.TempDir()
	id := srv.newSession("Full disk")
	path := filepath.Join(dir, id+".toml")

	// The disk fills; notes go on; leaving asks; room comes back: the
	// owner saves by itself, and then leaves as asked.
	p := srv.startWith([]string{"HOME=" + home}, "open", id)
	p.waitUntil("stop 1", waitTimeout, stopScreen(0))
	free := fillDisk(t, dir)
	addNote(p, "said while the disk was full", 1)
	p.waitFor("Not saved: the disk is full (retrying)")
	addNote(p, "and a second thing", 2)
	p.typeText("q")
	p.waitFor("The latest changes are not saved: the disk is full", "leave and lose them", "save a copy to")
	free()
	code, scr := p.waitExitWithin(30 * time.Second)
	if code != 0 {
		t.Fatalf("exit %d after the disk had room again:\n%s", code, frame(scr))
	}
	f, data := readSession(t, path)
	if len(f.Notes) != 2 {
		t.Fatalf("on disk after the retry:\n%s", data)
	}

	// Full again: a rescue copy in the home directory is one key away.
	p = srv.startWith([]string{"HOME=" + home}, "open", id)
	p.waitUntil("stop 1 with its notes", waitTimeout, noteSaved("and a second thing", 2))
	free = fillDisk(t, dir)
	defer free()
	addNote(p, "kept in the copy", 3)
	p.waitFor("Not saved: the disk is full")
	p.typeText("q")
	p.waitFor("save a copy to ~/pitstop-rescue-")
	p.typeText("s")
	code, scr = p.waitExit()
	rescues, _ := filepath.Glob(filepath.Join(home, "pitstop-rescue-"+id+"-*.toml"))
	if code != 1 || len(rescues) != 1 || !strings.Contains(scr, rescues[0]) || !strings.Contains(scr, "every word is in a copy") {
		t.Fatalf("exit %d, rescues %v:\n%s", code, rescues, frame(scr))
	}
	if f, data := readSession(t, rescues[0]); len(f.Notes) != 3 || f.Notes[2].Text != "kept in the copy" {
		t.Fatalf("the rescue copy:\n%s", data)
	}
	os.Remove(rescues[0])

	// Full, and stopped from outside: the copy is written all the same.
	p = srv.startWith([]string{"HOME=" + home}, "open", id)
	p.waitUntil("stop 1", waitTimeout, stopScreen(0))
	addNote(p, "said before the signal", 3)
	p.waitFor("Not saved: the disk is full")
	if err := syscall.Kill(p.pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, scr = p.waitExit()
	rescues, _ = filepath.Glob(filepath.Join(home, "pitstop-rescue-"+id+"-*.toml"))
	if code != 1 || len(rescues) != 1 || !strings.Contains(scr, "asked to stop") || !strings.Contains(scr, rescues[0]) {
		t.Fatalf("SIGTERM with a full disk: exit %d, rescues %v:\n%s", code, rescues, frame(scr))
	}
	if f, data := readSession(t, rescues[0]); len(f.Notes) != 3 || f.Notes[2].Text != "said before the signal" {
		t.Fatalf("the rescue copy after SIGTERM:\n%s", data)
	}
	// The session file itself was never broken.
	if f, data := readSession(t, path); len(f.Notes) != 2 {
		t.Fatalf("the session file:\n%s", data)
	}
}

// SIGTERM and SIGHUP do what q does: the room's timer is paused, all is
// saved, and the terminal is given back; nothing says the screen failed.
func TestSignalsDoWhatQDoes(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Signals")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		p := srv.start("open", id)
		p.waitUntil("stop 1", waitTimeout, stopScreen(0))
		p.send("Space")
		p.waitFor("running")
		addNote(p, "before "+sig.String(), 1+boolCount(sig == syscall.SIGHUP))
		if err := syscall.Kill(p.pid(), sig); err != nil {
			t.Fatal(err)
		}
		code, scr := p.waitExit()
		if code != 0 || strings.Contains(scr, "screen failed") || !strings.Contains(scr, "asked to stop") || !strings.Contains(scr, "Saved") {
			t.Fatalf("%v: exit %d:\n%s", sig, code, frame(scr))
		}
		_, data := readSession(t, filepath.Join(srv.dir, id+".toml"))
		if strings.Contains(string(data), "running_since") || !strings.Contains(string(data), "before "+sig.String()) {
			t.Fatalf("%v: the timer still runs in the file, or the note is missing:\n%s", sig, data)
		}
	}
}

func boolCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A copy of a session file, opened while the session is open elsewhere,
// is not taken for the session: Pit Stop asks, and a copy made a session
// of its own never writes into the original.
func TestCopiedFileAsksFirst(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Alpha")
	first := srv.start("open", id)
	first.waitUntil("stop 1", waitTimeout, stopScreen(0))
	orig := filepath.Join(srv.dir, id+".toml")
	backup := filepath.Join(srv.dir, "alpha-backup.toml")
	data, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(backup, data, 0o644); err != nil {
		t.Fatal(err)
	}
	second := srv.start("open", backup)
	second.waitFor("alpha-backup.toml holds the session", "r  open it read-only", "n  make it a session of its own", "Which?")
	second.typeText("n")
	second.send("Enter")
	second.waitUntil("the copy open", waitTimeout, stopScreen(0))
	second.waitFor("is now a session of its own")
	addNote(second, "written in the copy", 1)
	addNote(first, "written in the original", 1)
	// One at a time: tmux can miss the last words of a pane whose
	// process ends while another pane's is closing.
	for _, p := range []*pane{second, first} {
		p.typeText("q")
		if code, scr := p.waitExit(); code != 0 {
			t.Fatalf("exit %d:\n%s", code, frame(scr))
		}
	}
	o, odata := readSession(t, orig)
	b, bdata := readSession(t, backup)
	if o.ID != id || len(o.Notes) != 1 || o.Notes[0].Text != "written in the original" {
		t.Fatalf("the original:\n%s", odata)
	}
	if b.ID != "alpha-backup" || len(b.Notes) != 1 || b.Notes[0].Text != "written in the copy" {
		t.Fatalf("the copy:\n%s", bdata)
	}
}

// What a facilitator fixes live, end to end: a stray note edited and
// another deleted, a jump to stop 5, and the ending read back to the room.
func TestFacilitatorFixesEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Fixes")
	app := srv.start("open", id)
	app.waitUntil("stop 1", waitTimeout, stopScreen(0))
	addNote(app, "a stray pasted line", 1)
	addNote(app, "keep this one", 2)
	app.send("Up")
	app.waitFor("enter edit the note")
	app.send("Up") // the older one
	app.typeText("d")
	app.waitFor("Delete this note?", "a stray pasted line")
	app.typeText("y")
	app.waitUntil("the stray note gone", waitTimeout, func(scr string) bool {
		return strings.Contains(scr, "Notes at this stop (1)") && !strings.Contains(scr, "a stray pasted line")
	})
	app.send("Up")
	app.send("Enter")
	app.waitFor("Edit the note of")
	app.send("End")
	app.typeText(", edited")
	app.waitUntil("the edit typed", waitTimeout, inputShows("keep this one, edited"))
	app.send("Enter")
	app.waitUntil("the edited note", waitTimeout, noteSaved("keep this one, edited", 1))
	app.send("Escape")
	app.typeText("5")
	app.waitUntil("stop 5", waitTimeout, stopScreen(4))
	app.typeText("a")
	app.waitFor("New agreement")
	app.typeText("We start on time")
	app.send("Enter")
	app.waitFor("Board: 1 agreement")
	app.typeText("c")
	app.waitFor("New commitment")
	app.typeText("Share the notes @Dana due:" + futureDue())
	app.send("Enter")
	app.waitFor("1 commitment")
	app.typeText("7")
	app.waitUntil("stop 7", waitTimeout, stopScreen(6))
	app.typeText("]")
	app.waitFor("Close the session")
	app.typeText("y")
	app.waitFor("WHAT WE AGREED", "We start on time", "WHO DOES WHAT, BY WHEN", "Share the notes — @Dana · due "+shownDate(futureDue()))
	app.typeText("q")
	if code, scr := app.waitExit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, frame(scr))
	}
	f, data := readSession(t, filepath.Join(srv.dir, id+".toml"))
	if len(f.Notes) != 1 || f.Notes[0].Text != "keep this one, edited" || f.Status != "closed" {
		t.Fatalf("the file:\n%s", data)
	}
}

// A session open in another Pit Stop can be looked at, read-only; a note
// added there shows up here within seconds.
func TestLookAtASessionOpenElsewhere(t *testing.T) {
	t.Parallel()
	srv := newTmux(t, 120, 40)
	id := srv.newSession("Live elsewhere")
	writer := srv.start("open", id)
	writer.waitUntil("stop 1", waitTimeout, stopScreen(0))
	looker := srv.start("open", "--read-only", id)
	looker.waitUntil("the read-only look", waitTimeout, func(scr string) bool {
		return stopScreen(0)(scr) && strings.Contains(scr, "Read-only")
	})
	addNote(writer, "written over there", 1)
	looker.waitUntil("the note from the writer", waitTimeout, noteSaved("written over there", 1))
	looker.typeText("n") // it says at once that nothing can be changed
	looker.waitFor("Nothing can be changed here")
	for _, p := range []*pane{looker, writer} {
		p.send("Escape")
		p.typeText("q")
		if code, scr := p.waitExit(); code != 0 {
			t.Fatalf("exit %d:\n%s", code, frame(scr))
		}
	}
}

// serve --headless stopped by SIGTERM while the disk is full leaves as the
// screen does: every word in a rescue copy, said on stderr, and the
// note-taker connected is not told that everything is saved.
func TestHeadlessServeStoppedOnAFullDiskRescues(t *testing.T) {
	dir := smallDisk(t)
	people := newSSHPeople(t)
	srv := newTmux(t, 120, 40)
	srv.dir = dir
	home := t.TempDir()
	port := freePort(t)
	// Headless needs no terminal: it runs as a service would.
	host := exec.Command(e2eBinary, "serve", "--headless", "--new", "--title", "Headless", "--dir", dir,
		"--addr", "127.0.0.1:"+port, "--host-key", filepath.Join(people.dir, "host_ed25519"), "--notes-keys", people.notesList)
	host.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+srv.xdg, "XDG_DATA_HOME="+srv.xdg)
	out := &lockedBuffer{}
	host.Stdout, host.Stderr = out, out
	if err := host.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { host.Process.Kill() })
	for deadline := time.Now().Add(waitTimeout); !strings.Contains(out.String(), "Serving"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve never said it was serving:\n%s", out.String())
		}
	}
	notes := srv.startProgram(nil, "ssh", people.sshArgs(people.notes, port, "notes")...)
	notes.waitFor("STOP 1 OF 7")
	free := fillDisk(t, dir)
	defer free()
	addNote(notes, "said while the disk was full", 1)
	notes.waitFor("Not saved: the disk is full")
	if err := host.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- host.Wait() }()
	var code int
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not end within 30s of SIGTERM:\n%s", out.String())
	}
	scr := strings.ReplaceAll(out.String(), "\n", " ")
	rescues, _ := filepath.Glob(filepath.Join(home, "pitstop-rescue-*.toml"))
	if code != 1 || len(rescues) != 1 || !strings.Contains(scr, "every word is in a copy") || !strings.Contains(scr, rescues[0]) {
		t.Fatalf("headless on a full disk: exit %d, rescues %v:\n%s", code, rescues, out.String())
	}
	if f, data := readSession(t, rescues[0]); len(f.Notes) != 1 || f.Notes[0].Text != "said while the disk was full" {
		t.Fatalf("the rescue copy:\n%s", data)
	}
	_, told := notes.waitExit()
	if strings.Contains(told, "Everything is saved") || !strings.Contains(told, "Not saved yet: the disk is full") {
		t.Fatalf("the note-taker was told:\n%s", frame(told))
	}
}
