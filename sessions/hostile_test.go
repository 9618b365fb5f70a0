package sessions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// What people do to session files, and what a hostile file holds: copies,
// renames and links, planted links and pipes, hand edits, unreadable and
// read-only files. Whatever the directory holds, no session is lost or
// written where it was not opened from.

// sharedDir is a directory every user can use, for tests that act as
// another user (t.TempDir is private to this one).
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pitstop-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// nobody is the user tests act as when they must not be root (root reads
// and writes whatever the permissions say). It is nil, and the test skips,
// when this process cannot switch users.
func nobody(t *testing.T) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	return &syscall.Credential{Uid: 65534, Gid: 65534}
}

var childBinary struct {
	once sync.Once
	path string
	err  error
}

// runAs runs this test binary's child job as another user, with its copy of
// the binary somewhere that user may run it from.
func runAs(t *testing.T, as *syscall.Credential, job, dir string, env ...string) (*os.Process, string) {
	t.Helper()
	childBinary.once.Do(func() {
		d, err := os.MkdirTemp("", "pitstop-child-")
		if err != nil {
			childBinary.err = err
			return
		}
		_ = os.Chmod(d, 0o755)
		src, err := os.Open(os.Args[0])
		if err != nil {
			childBinary.err = err
			return
		}
		defer src.Close()
		p := filepath.Join(d, "sessions.test")
		dst, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, 0o755)
		if err != nil {
			childBinary.err = err
			return
		}
		_, err = io.Copy(dst, src)
		dst.Close()
		childBinary.path, childBinary.err = p, err
	})
	if childBinary.err != nil {
		t.Fatal(childBinary.err)
	}
	saved := os.Args[0]
	os.Args[0] = childBinary.path
	defer func() { os.Args[0] = saved }()
	cmd, line := startChildAs(t, as, job, dir, env...)
	return cmd.Process, line
}

func TestCopyIsNotTakenForTheOriginal(t *testing.T) {
	st := openTestStore(t)
	orig := newTestSession(t, "2026-12-01-alpha-d412")
	mustSave(t, st, orig)
	h1 := NewHub(SystemClock())
	a := open(t, h1, st, orig.ID, model.Facilitator)
	defer a.Leave()
	wa := watch(t, a)
	if err := a.Do(model.AddNote{Text: "in the original"}); err != nil {
		t.Fatal(err)
	}
	wa.until("the original saved", func(u Update) bool { return !u.Saving() && u.Version == 1 })

	backup := filepath.Join(st.Dir(), "alpha-backup.toml")
	copyFile(t, st.Path(orig.ID), backup)
	renamed := filepath.Join(st.Dir(), "renamed.toml")
	other := newTestSession(t, "2026-12-01-beta-0001")
	mustSave(t, st, other)
	if err := os.Rename(st.Path(other.ID), renamed); err != nil {
		t.Fatal(err)
	}
	hardLink := filepath.Join(st.Dir(), "hard.toml")
	if err := os.Link(backup, hardLink); err != nil {
		t.Fatal(err)
	}

	h2 := NewHub(SystemClock()) // another Pit Stop
	for _, tt := range []struct {
		name, path, original string
	}{
		{"a copy", backup, st.Path(orig.ID)},
		{"a hard link to the copy", hardLink, st.Path(orig.ID)},
		{"a renamed file", renamed, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h2.Open(st, tt.path, model.Facilitator)
			var ce *CopyError
			if !errors.As(err, &ce) || ce.Original != tt.original {
				t.Fatalf("opening %s: %v (want a CopyError naming %q)", filepath.Base(tt.path), err, tt.original)
			}
			if !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), "session of its own") {
				t.Fatalf("the message does not offer the ways on: %v", err)
			}
		})
	}
	// Looking at the copy read-only changes nothing anywhere.
	before := readFile(t, st.Path(orig.ID))
	r, err := h2.Review(st, backup, model.Facilitator, "it is a copy", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Do(model.AddNote{Text: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a change to a copy under review: %v", err)
	}
	r.Leave()
	// Made a session of its own, the copy saves into itself, under its
	// own name, and the original is left to its own writer.
	c, note, err := h2.Adopt(st, backup, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path() != backup || c.Current().Session.ID != "alpha-backup" || !strings.Contains(note, "session of its own") {
		t.Fatalf("adopted: %s %s %q", c.Path(), c.Current().Session.ID, note)
	}
	if err := c.Do(model.AddNote{Text: "in the copy"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Leave(); err != nil {
		t.Fatal(err)
	}
	if err := a.Do(model.AddNote{Text: "the original goes on"}); err != nil {
		t.Fatal(err)
	}
	wa.until("the original saved again", func(u Update) bool { return !u.Saving() && u.Version == 2 })
	gotCopy, err := LoadFile(backup)
	if err != nil || gotCopy.ID != "alpha-backup" || len(gotCopy.Notes) != 2 || gotCopy.Notes[1].Text != "in the copy" {
		t.Fatalf("the copy: %v %+v", err, gotCopy)
	}
	gotOrig, _ := LoadFile(st.Path(orig.ID))
	if len(gotOrig.Notes) != 2 || gotOrig.Notes[1].Text != "the original goes on" || string(before) == string(readFile(t, st.Path(orig.ID))) {
		t.Fatalf("the original: %+v", gotOrig.Notes)
	}
	for _, n := range gotOrig.Notes {
		if n.Text == "in the copy" {
			t.Fatal("the copy's note went into the original")
		}
	}
	// A copy whose name cannot be an id becomes a new file beside it.
	odd := filepath.Join(st.Dir(), "Alpha Backup (2).toml")
	copyFile(t, st.Path(orig.ID), odd)
	oddBefore := readFile(t, odd)
	c, note, err = h2.Adopt(st, odd, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	if c.Path() == odd || !strings.Contains(note, "left as it was") || string(readFile(t, odd)) != string(oddBefore) {
		t.Fatalf("adopting an oddly named copy: %s %q", c.Path(), note)
	}
}

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	if err := os.WriteFile(to, readFile(t, from), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSymlinkIsFollowedAndKept(t *testing.T) {
	st := openTestStore(t)
	elsewhere := t.TempDir()
	s := newTestSession(t, "linked")
	real := filepath.Join(elsewhere, "linked.toml")
	mustSaveTo(t, st, real, s)
	link := st.Path("linked")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	h := NewHub(SystemClock())
	c, err := h.Open(st, link, model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(model.AddNote{Text: "through the link"}); err != nil {
		t.Fatal(err)
	}
	// The lock is the real file's: opening it by its real name elsewhere
	// is refused as a second writer.
	if _, err := LockFile(real); !errors.Is(err, ErrLocked) {
		t.Fatalf("the real file is not locked: %v", err)
	}
	if err := c.Leave(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a link: %v", err)
	}
	if got, err := LoadFile(real); err != nil || len(got.Notes) != 1 {
		t.Fatalf("the real file: %v", err)
	}
}

func mustSaveTo(t *testing.T, st *Store, path string, s *model.Session) {
	t.Helper()
	if err := st.SaveFile(path, s); err != nil {
		t.Fatal(err)
	}
}

func TestPlantedLockLinkIsNotFollowed(t *testing.T) {
	st := openTestStore(t)
	mustSave(t, st, newTestSession(t, "victim"))
	target := filepath.Join(t.TempDir(), "precious.txt")
	if err := os.WriteFile(target, []byte("do not truncate me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(st.Dir(), ".victim.lock")); err != nil {
		t.Fatal(err)
	}
	_, err := NewHub(SystemClock()).Open(st, st.Path("victim"), model.Facilitator)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("opened through a planted lock link: %v", err)
	}
	if got := string(readFile(t, target)); got != "do not truncate me" {
		t.Fatalf("the link's target was written: %q", got)
	}
}

func TestNamedPipesAreSkipped(t *testing.T) {
	st := openTestStore(t)
	mustSave(t, st, newTestSession(t, "real-one"))
	pipe := filepath.Join(st.Dir(), "zz.toml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink(pipe, filepath.Join(st.Dir(), "to-pipe.toml")); err != nil {
		t.Fatal(err)
	}
	done := make(chan []Summary, 1)
	go func() {
		list, _ := st.List()
		done <- list
	}()
	var list []Summary
	select {
	case list = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("listing blocked on a named pipe")
	}
	pipes := 0
	for _, s := range list {
		if s.NotSession == "a named pipe" {
			pipes++
		} else if s.Broken() {
			t.Fatalf("listed as broken: %+v", s)
		}
	}
	if len(list) != 3 || pipes != 2 {
		t.Fatalf("list = %+v", list)
	}
	if _, err := LoadFile(pipe); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Fatalf("loading a pipe: %v", err)
	}
	// Starting a session lists the team's sessions; it must not block.
	if _, _, err := st.CreateWithCarry("Next", "Harbor Team", "", testPlans(), t0, false); err != nil {
		t.Fatal(err)
	}
}

func TestHandEditedLastIDIsRaised(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "edited")
	mustApply(t, s, t0, model.AddNote{Text: "one"}, model.AddNote{Text: "two"})
	mustSave(t, st, s)
	path := st.Path("edited")
	edited := strings.Replace(string(readFile(t, path)), "last_id = 2", "last_id = 1", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	h := NewHub(SystemClock())
	c := open(t, h, st, "edited", model.Facilitator)
	if err := c.Do(model.AddNote{Text: "three"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Leave(); err != nil {
		t.Fatal(err)
	}
	got, err := LoadFile(path)
	if err != nil {
		t.Fatalf("Pit Stop's own save broke a hand-edited file: %v", err)
	}
	if id := got.Notes[2].ID; id != "3" {
		t.Fatalf("the new note got id %s", id)
	}
	// The listing agrees with the content: it is fine.
	for _, sum := range mustList(t, st) {
		if sum.Broken() {
			t.Fatalf("listed as broken: %+v", sum)
		}
	}
}

// A seal is trusted only when this directory's Pit Stop made it: content
// that does not load is listed as broken, whatever hash its summary line
// carries.
func TestListNeverTrustsASealOverItsContent(t *testing.T) {
	st := openTestStore(t)
	s := newTestSession(t, "sealed")
	mustApply(t, s, t0, model.AddNote{Text: "one"}, model.AddNote{Text: "two"})
	mustSave(t, st, s)
	data := string(readFile(t, st.Path("sealed")))
	header, body, _ := strings.Cut(strings.TrimPrefix(data, fileHeader+summaryPrefix), "\n")
	summary := header[:strings.LastIndexByte(header, ' ')]
	bad := strings.Replace(body, "[[note]]\nid = \"2\"", "[[note]]\nid = \"1\"", 1) // a duplicate id
	for name, seal := range map[string]string{
		"a plain hash":          "sha256:" + hexSHA256(summary+"\x00"+bad),
		"another directory key": summarySeal([]byte(strings.Repeat("k", 32)), []byte(summary), []byte(bad)),
	} {
		forged := fileHeader + summaryPrefix + summary + " " + seal + "\n" + bad
		if err := os.WriteFile(st.Path("sealed"), []byte(forged), 0o644); err != nil {
			t.Fatal(err)
		}
		fresh, _ := Open(st.Dir())
		list := mustList(t, fresh)
		if len(list) != 1 || !list[0].Broken() || !strings.Contains(list[0].Problem, "used twice") {
			t.Fatalf("%s: a forged seal was believed: %+v", name, list)
		}
	}
}

func TestSameIDInTwoFilesIsFlagged(t *testing.T) {
	st := openTestStore(t)
	mustSave(t, st, newTestSession(t, "twin"))
	copyFile(t, st.Path("twin"), filepath.Join(st.Dir(), "twin-copy.toml"))
	list := mustList(t, st)
	if len(list) != 2 {
		t.Fatalf("list = %+v", list)
	}
	for _, s := range list {
		if !s.Copied() || len(s.SameIDAs) != 1 || s.SameIDAs[0] == s.Path {
			t.Fatalf("not flagged as holding the same session as another file: %+v", s)
		}
	}
}

func TestFutureSessionIsFlaggedAndNeverCarriedFrom(t *testing.T) {
	st := openTestStore(t)
	past, err := model.NewSession("past", "Last month", "Harbor Team", "", testPlans(), time.Now().Add(-30*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, past, past.Created, model.AddCommitment{Text: "from the past"})
	mustSave(t, st, past)
	future, err := model.NewSession("future", "From a wrong clock", "Harbor Team", "", testPlans(), time.Date(2099, 1, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, future, future.Created, model.AddCommitment{Text: "from the future"})
	mustSave(t, st, future)
	for _, s := range mustList(t, st) {
		if (s.ID == "future") != s.Future {
			t.Fatalf("future flag wrong: %+v", s)
		}
	}
	prev, err := st.LatestForTeam("Harbor Team", "")
	if err != nil || prev == nil || prev.ID != "past" {
		t.Fatalf("carried from %+v (%v), want the past session", prev, err)
	}
}

func TestReadOnlyFileOpensForReview(t *testing.T) {
	st := openTestStore(t)
	mustSave(t, st, newTestSession(t, "ro"))
	if err := os.Chmod(st.Path("ro"), 0o444); err != nil {
		t.Fatal(err)
	}
	c, err := NewHub(SystemClock()).Open(st, st.Path("ro"), model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	if u := c.Current(); !strings.Contains(u.Save.ReadOnly, "read-only") || u.Saving() {
		t.Fatalf("state: %+v", u.Save)
	}
	if err := c.Do(model.AddNote{Text: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a change to a read-only file: %v", err)
	}
}

// A read-only folder (a read-only mount, as root sees it too; or a folder
// without write permission, as anyone else does) still opens its sessions
// for review.
func TestReadOnlyFolderOpensForReview(t *testing.T) {
	dir := sharedDir(t)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, st, newTestSession(t, "ro-dir"))
	if as := nobody(t); as != nil {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		_ = os.Chmod(st.Path("ro-dir"), 0o644)
		proc, line := runAs(t, as, "opener", dir, "SESSION_PATH="+st.Path("ro-dir"))
		defer proc.Kill()
		if !strings.HasPrefix(line, "read-only:") || !strings.Contains(line, "folder") {
			t.Fatalf("a session in a read-only folder: %s", line)
		}
		return
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o777)
	c, err := NewHub(SystemClock()).Open(st, st.Path("ro-dir"), model.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	if ro := c.Current().Save.ReadOnly; !strings.Contains(ro, "folder") {
		t.Fatalf("read-only reason: %q", ro)
	}
}

// In a folder shared by several people, the lock file the last writer left
// is no permanent refusal: the next person takes the lock.
func TestAnotherUsersLockFileCanBeTaken(t *testing.T) {
	as := nobody(t)
	if as == nil {
		t.Skip("needs root, to act as two users")
	}
	dir := sharedDir(t)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, st, newTestSession(t, "shared"))
	_ = os.Chmod(st.Path("shared"), 0o666)
	lock, err := st.Lock("shared") // root was here, and left
	if err != nil {
		t.Fatal(err)
	}
	lock.Release()
	proc, line := runAs(t, as, "opener", dir, "SESSION_PATH="+st.Path("shared"))
	defer proc.Kill()
	if line != "opened" {
		t.Fatalf("another user opening after the last writer left: %s", line)
	}
	if _, err := st.Lock("shared"); !errors.Is(err, ErrLocked) {
		t.Fatalf("the other user's lock does not hold: %v", err)
	}
}

// The listing cache never calls a file healthy that cannot be read now.
func TestUnreadableFileIsNotListedFromTheCache(t *testing.T) {
	dir := sharedDir(t)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, st, newTestSession(t, "locked-away"))
	_ = os.Chmod(st.Path("locked-away"), 0o644)
	list := func() []Summary {
		t.Helper()
		if as := nobody(t); as != nil {
			proc, line := runAs(t, as, "lister", dir)
			_ = proc
			var l []Summary
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatalf("lister: %s", line)
			}
			return l
		}
		fresh, _ := Open(dir)
		return mustList(t, fresh)
	}
	if l := list(); len(l) != 1 || l[0].Broken() {
		t.Fatalf("first listing: %+v", l)
	}
	if err := os.Chmod(st.Path("locked-away"), 0o000); err != nil {
		t.Fatal(err)
	}
	if l := list(); len(l) != 1 || !l[0].Broken() || !strings.Contains(l[0].Problem, "cannot read") {
		t.Fatalf("an unreadable file listed from the cache: %+v", l)
	}
}

func TestErrorsAfterParsingHavePositions(t *testing.T) {
	// TestBadFiles checks each kind with its line; here, that the column
	// is there too and the quote shows the line.
	st := openTestStore(t)
	s := newTestSession(t, "pos")
	mustApply(t, s, t0, model.AddNote{Text: "one"}, model.AddNote{Text: "two"})
	data, _ := Encode(s)
	bad := strings.Replace(string(data), "id = \"2\"", "id = \"1\"", 1)
	_, err := Decode("pos.toml", []byte(bad))
	var fe *strictoml.FileError
	if !errors.As(err, &fe) || fe.Line == 0 || fe.Col == 0 || !strings.Contains(fe.Quote, `id = "1"`) {
		t.Fatalf("duplicate id: %#v", err)
	}
	_ = st
}
