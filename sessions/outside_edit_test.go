package sessions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pitstop/model"
)

// TestDeletedLockFileKeepsASecondWriterOut deletes (or replaces) the lock
// file of a session open here: a second Pit Stop, in another process or in
// this one, is still refused, because the session file itself is locked;
// the first owner's saves go on, and take the lock file back.
func TestDeletedLockFileKeepsASecondWriterOut(t *testing.T) {
	st := openTestStore(t)
	mustSave(t, st, newTestSession(t, "guarded"))
	path := st.Path("guarded")
	c := open(t, NewHub(SystemClock()), st, "guarded", model.Facilitator)
	w := watch(t, c)
	for i, how := range []string{"deleted", "replaced"} {
		lp := lockPath(path)
		if err := os.Remove(lp); err != nil {
			t.Fatal(err)
		}
		if how == "replaced" {
			if err := os.WriteFile(lp, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, line := startChild(t, "opener", st.Dir(), "SESSION_PATH="+path); !strings.HasPrefix(line, "error:") || !strings.Contains(line, "already open") {
			t.Fatalf("lock file %s: another process opening the session says %q", how, line)
		}
		if _, err := NewHub(SystemClock()).Open(st, path, notes); !errors.Is(err, ErrLocked) {
			t.Fatalf("lock file %s: another hub opening the session: %v", how, err)
		}
		if err := c.Do(model.AddNote{Text: "saved after the lock file was " + how}); err != nil {
			t.Fatal(err)
		}
		u, _ := w.until("the save", func(u Update) bool { return !u.Saving() && len(u.Session.Notes) == i+1 })
		if u.Save.Err != nil || u.Save.OutsideEdit != "" {
			t.Fatalf("lock file %s: save state %+v", how, u.Save)
		}
		if s, err := LoadFile(path); err != nil || len(s.Notes) != i+1 {
			t.Fatalf("lock file %s: on disk %v", how, err)
		}
		// The lock file is the owner's again, and says so.
		if _, err := LockFile(path); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
			t.Fatalf("lock file %s: after the save, LockFile = %v", how, err)
		}
	}
	if err := c.Leave(); err != nil {
		t.Fatal(err)
	}
	lock, err := st.Lock("guarded")
	if err != nil {
		t.Fatalf("after the last client left: %v", err)
	}
	lock.Release()
}

// TestOutsideEditIsKeptAndSaid changes a live session's file on disk the
// ways people do, then sends a command through the owner: a real change is
// kept beside the file, byte for byte, the session as it is here is saved,
// every screen is told once, and the kept copy is not listed as a second
// session.
func TestOutsideEditIsKeptAndSaid(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, path string, data []byte)
		said string // in Save.OutsideEdit; "" when nothing is to be said
		kept bool
	}{
		{"saved by an editor, replacing the file", func(t *testing.T, path string, data []byte) {
			tmp := filepath.Join(filepath.Dir(path), ".edit.tmp")
			if err := os.WriteFile(tmp, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}, "was changed outside Pit Stop", true},
		{"written in place", func(t *testing.T, path string, data []byte) {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "was changed outside Pit Stop", true},
		{"deleted", func(t *testing.T, path string, _ []byte) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, "was deleted outside Pit Stop", false},
		{"touched, not changed", func(t *testing.T, path string, _ []byte) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(path, later, later); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o640); err != nil {
				t.Fatal(err)
			}
		}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openTestStore(t)
			mustSave(t, st, newTestSession(t, "edited"))
			path := st.Path("edited")
			c := open(t, NewHub(SystemClock()), st, "edited", model.Facilitator)
			defer c.Leave()
			w := watch(t, c)
			if err := c.Do(model.AddNote{Text: "from the room"}); err != nil {
				t.Fatal(err)
			}
			w.until("the first save", func(u Update) bool { return !u.Saving() && len(u.Session.Notes) == 1 })

			byHand, err := LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			byHand.Title = "Renamed by hand"
			mustApply(t, byHand, t0, model.AddNote{Text: "added by hand"})
			edited, err := Encode(byHand)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(t, path, edited)

			if err := c.Do(model.AddNote{Text: "after the edit"}); err != nil {
				t.Fatal(err)
			}
			u, events := w.until("the save after the edit", func(u Update) bool { return !u.Saving() && len(u.Session.Notes) == 2 })
			if err := c.Do(model.AddNote{Text: "and one more"}); err != nil {
				t.Fatal(err)
			}
			_, more := w.until("the save after that", func(u Update) bool { return !u.Saving() && len(u.Session.Notes) == 3 })
			if u.Save.Err != nil {
				t.Fatalf("save error: %v", u.Save.Err)
			}
			told := countKind(append(events, more...), EventOutsideEdit)
			switch {
			case tt.said == "" && (u.Save.OutsideEdit != "" || told != 0):
				t.Fatalf("nothing changed, yet the screens are told %q (%d events)", u.Save.OutsideEdit, told)
			case tt.said != "" && (!strings.Contains(u.Save.OutsideEdit, tt.said) || told != 1 || u.Save.OutsideEditAt.IsZero()):
				t.Fatalf("the screens are told %q (%d events), want %q once", u.Save.OutsideEdit, told, tt.said)
			}

			// The session as it is here is in its file.
			s, err := LoadFile(path)
			if err != nil || s.Title != "Partnership kickoff" || len(s.Notes) != 3 || s.Notes[1].Text != "after the edit" {
				t.Fatalf("the session file after the save: %v %+v", err, s)
			}
			// The changed file is kept, as it was, where the screens say.
			copies, _ := filepath.Glob(path + OutsideCopyInfix + "*")
			if !tt.kept {
				if len(copies) != 0 || u.Save.OutsideCopy != "" {
					t.Fatalf("copies kept: %v, said %q", copies, u.Save.OutsideCopy)
				}
				return
			}
			if len(copies) != 1 || copies[0] != u.Save.OutsideCopy || !strings.Contains(u.Save.OutsideEdit, filepath.Base(copies[0])) {
				t.Fatalf("copies %v; the screens say %q, %q", copies, u.Save.OutsideCopy, u.Save.OutsideEdit)
			}
			if got := readFile(t, copies[0]); string(got) != string(edited) {
				t.Fatalf("the kept copy differs from the edit:\n%s", got)
			}
			list, err := st.List()
			if err != nil || len(list) != 1 || list[0].Broken() || list[0].Copied() {
				t.Fatalf("listing: %v %+v", err, list)
			}
			if name := filepath.Base(copies[0]); st.Resolve(name) != name {
				t.Fatalf("the copy's name, typed, is taken for %s", st.Resolve(name))
			}
		})
	}
}

// TestTakenOverFileIsNotOverwritten plays the one way left for a second
// writer to get in: the lock file deleted and the session file replaced,
// then another Pit Stop opens it and saves. This one's saves are then
// refused, not written over the other's; once the other has closed the
// session, this one saves again and keeps the other's file beside it.
func TestTakenOverFileIsNotOverwritten(t *testing.T) {
	st := openTestStore(t)
	mustSave(t, st, newTestSession(t, "taken"))
	path := st.Path("taken")
	a := open(t, NewHub(SystemClock()), st, "taken", model.Facilitator)
	defer a.Leave()
	wa := watch(t, a)
	if err := os.Remove(lockPath(path)); err != nil {
		t.Fatal(err)
	}
	copyFile(t, path, path+".new")
	if err := os.Rename(path+".new", path); err != nil {
		t.Fatal(err)
	}
	b, err := NewHub(SystemClock()).Open(st, path, notes)
	if err != nil {
		t.Fatalf("the second Pit Stop: %v", err)
	}
	if err := b.Do(model.AddNote{Text: "the other's note"}); err != nil {
		t.Fatal(err)
	}
	watch(t, b).until("the other's save", func(u Update) bool { return !u.Saving() && len(u.Session.Notes) == 1 })

	if err := a.Do(model.AddNote{Text: "this one's note"}); err != nil {
		t.Fatal(err)
	}
	u, _ := wa.until("a refused save", func(u Update) bool { return u.Save.Err != nil })
	if !errors.Is(u.Save.Err, ErrLocked) || !strings.Contains(u.Save.Err.Error(), "another Pit Stop") {
		t.Fatalf("save error: %v", u.Save.Err)
	}
	if s, err := LoadFile(path); err != nil || len(s.Notes) != 1 || s.Notes[0].Text != "the other's note" {
		t.Fatalf("the other's file was written over: %v %+v", err, s)
	}

	if err := b.Leave(); err != nil {
		t.Fatal(err)
	}
	u, _ = wa.until("the retried save", func(u Update) bool { return u.Save.Err == nil && !u.Saving() })
	if u.Save.OutsideCopy == "" || !strings.Contains(u.Save.OutsideEdit, "changed outside Pit Stop") {
		t.Fatalf("save state after the retry: %+v", u.Save)
	}
	kept, err := LoadFile(u.Save.OutsideCopy)
	if err != nil || len(kept.Notes) != 1 || kept.Notes[0].Text != "the other's note" {
		t.Fatalf("the other's file is not kept: %v %+v", err, kept)
	}
	if s, err := LoadFile(path); err != nil || len(s.Notes) != 1 || s.Notes[0].Text != "this one's note" {
		t.Fatalf("this one's session is not saved: %v %+v", err, s)
	}
}
