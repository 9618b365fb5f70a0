package sessions

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"pitstop/internal/atomicfile"
	"pitstop/model"
)

// EventOutsideEdit is the event of a live session whose file was changed
// or deleted outside Pit Stop (by an editor, say) while it was open here.
// Pit Stop saved the session as it is here, and kept the changed file
// beside it: Update.Save.OutsideEdit says so in words, and
// Update.Save.OutsideCopy names the copy.
const EventOutsideEdit model.EventKind = "outside-edit"

// OutsideCopyInfix is in the name of the copy of a session file changed
// outside Pit Stop: NAME.toml.outside-edit-20261207-101500, beside it. The
// name does not end in .toml, so the copy is never listed as a second
// session with the same id; it is a session file all the same, which
// pitstop open and pitstop check read.
const OutsideCopyInfix = ".outside-edit-"

// outsideEdit is what a save found changed outside Pit Stop.
type outsideEdit struct {
	note string // for every screen
	kept string // the copy of the changed file; "" when it had been deleted
}

// settle takes the session file as it is now for the one the owner
// starts from, just loaded: locking it if it was written after the lock
// was taken (a new session), and remembering what it holds.
func (l *Lock) settle() {
	l.mu.Lock()
	defer l.mu.Unlock()
	info, err := os.Stat(l.path)
	if err != nil {
		return
	}
	if l.held == nil || !sameFile(info, l.held) {
		f, err := openToLock(l.path)
		if err != nil {
			return // the first save looks again
		}
		l.swapHeld(f)
	}
	data, info, err := readOpen(l.held)
	if err == nil {
		l.disk, l.last = keyOf(info), data
	}
}

// save writes the session to its file, as Store.SaveFile does (atomically
// and durably), keeping the lock on whichever file bears its name, and
// first looks whether the file was changed outside Pit Stop since it was
// last read or written here. If it was, the changed file is kept beside it
// (see OutsideCopyInfix) before the session as it is here is saved, and
// the returned outsideEdit says so, once, with the first save that
// succeeds after. A file another Pit Stop has taken over (someone deleted
// the lock file and replaced the session file) is not written at all: the
// error wraps ErrLocked, and the owner tries again until it is free.
func (l *Lock) save(st *Store, s *model.Session, now time.Time) (outsideEdit, error) {
	data, err := st.fileFor(l.path, s)
	if err != nil {
		return outsideEdit{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.keepLockFile()
	if err := l.lookOutside(now); err != nil {
		return outsideEdit{}, &SaveError{Path: l.path, Err: err}
	}
	f, err := writeLocked(l.path, data)
	if f != nil { // renamed into place, even if not yet durable
		l.swapHeld(f)
		if info, serr := f.Stat(); serr == nil {
			l.disk = keyOf(info)
		}
		l.last = data
	}
	if err != nil {
		return outsideEdit{}, &SaveError{Path: l.path, Err: err}
	}
	edit := l.pending
	l.pending = outsideEdit{}
	return edit, nil
}

// swapHeld makes f the locked session file, letting the old one go.
func (l *Lock) swapHeld(f *os.File) {
	if l.held != nil && l.held != f {
		l.held.Close()
	}
	l.held = f
}

// keepLockFile takes the lock file again if someone deleted or replaced
// it, so that it goes on saying who holds the session. The session file's
// own lock is what keeps a second writer out meanwhile; if another process
// holds the new lock file, it is left to it.
func (l *Lock) keepLockFile() {
	lp := lockPath(l.path)
	if now, err := os.Lstat(lp); err == nil && os.SameFile(now, l.lockInfo) {
		return
	}
	fl, info, err := lockLockFile(lp, model.CleanLabel(filepath.Base(l.path)))
	if err != nil {
		return
	}
	_ = l.fl.Unlock()
	l.fl, l.lockInfo = fl, info
	writeHolder(lp, info)
}

// lookOutside looks at the session file before it is saved over: changed
// since Pit Stop last read or wrote it, it is kept beside it and noted in
// l.pending; deleted, that is noted; taken over by another Pit Stop, it
// is an error.
func (l *Lock) lookOutside(now time.Time) error {
	name := model.CleanLabel(filepath.Base(l.path))
	info, err := os.Lstat(l.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if l.disk != (cacheKey{}) {
			l.disk, l.last = cacheKey{}, nil
			l.pending = outsideEdit{note: fmt.Sprintf("%s was deleted outside Pit Stop; the session as it is here is saved there again.", name)}
		}
		return nil
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is now %s, and Pit Stop does not write over that; move it away and the session is saved again", name, fileKind(info.Mode()))
	case keyOf(info) == l.disk && l.held != nil && sameFile(info, l.held):
		return nil // as Pit Stop left it
	}
	f := l.held
	if f == nil || !sameFile(info, f) {
		// Another file has the name now: lock it before reading it, so
		// that no other Pit Stop is writing it meanwhile.
		if f, err = openToLock(l.path); err != nil {
			if errors.Is(err, errLockedElsewhere) {
				return lockedErr(fmt.Sprintf("another Pit Stop has opened %s since its lock file was deleted, and is writing it; the changes made here are not saved there. Close the session in one of them; leaving here offers to save a copy", name))
			}
			return err
		}
		l.swapHeld(f)
	}
	data, info, err := readOpen(f)
	if err != nil {
		return err
	}
	key := keyOf(info)
	if l.last != nil && bytes.Equal(data, l.last) {
		l.disk = key // touched, or its mode changed: not an edit
		return nil
	}
	kept, err := keepBeside(l.path, data, info.Mode().Perm(), now)
	if err != nil {
		return fmt.Errorf("%s was changed outside Pit Stop, and keeping that version beside it failed (%s), so nothing was written over it", name, Problem(err))
	}
	l.disk, l.last = key, data
	l.pending = outsideEdit{
		note: fmt.Sprintf("%s was changed outside Pit Stop; the session as it is here is saved there, and the changed file is kept beside it as %s.", name, model.CleanLabel(filepath.Base(kept))),
		kept: kept,
	}
	return nil
}

// readOpen reads an open session file from its start, as readSessionFile
// does: no more than MaxFileBytes.
func readOpen(f *os.File) ([]byte, fs.FileInfo, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.Size() > MaxFileBytes {
		return nil, nil, tooLarge(f.Name(), info.Size())
	}
	data, err := io.ReadAll(io.NewSectionReader(f, 0, MaxFileBytes+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, nil, tooLarge(f.Name(), int64(len(data)))
	}
	return data, info, nil
}

// keepBeside writes data to a new file beside path, named for when it was
// kept (see OutsideCopyInfix), durably, never over an existing file.
func keepBeside(path string, data []byte, perm fs.FileMode, now time.Time) (string, error) {
	base := path + OutsideCopyInfix + now.Format("20060102-150405")
	for n := 1; ; n++ {
		kept := base
		if n > 1 {
			kept += "-" + strconv.Itoa(n)
		}
		f, err := os.OpenFile(kept, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm|0o600)
		if errors.Is(err, fs.ErrExist) && n < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = atomicfile.SyncDir(filepath.Dir(path))
		}
		if err != nil {
			_ = os.Remove(kept)
			return "", err
		}
		return kept, nil
	}
}

// writeLocked replaces the file at path with data atomically and durably
// (see internal/atomicfile), and locks the new file before it takes the
// name: at no moment is the file at path unlocked. It returns the new file,
// open and locked, once it has the name, even when making that durable
// failed after.
func writeLocked(path string, data []byte) (*os.File, error) {
	// Nobody else has the new file yet, so locking fails only where files
	// cannot be locked; the save goes ahead, guarded by the lock file.
	return atomicfile.WriteHeld(path, data, 0o644, func(f *os.File) { _ = flockNow(f) })
}
