package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/gofrs/flock"

	"pitstop/model"
)

// ErrLocked is wrapped by the error Lock returns when another Pit Stop is
// writing the session.
var ErrLocked = errors.New("session is open for writing elsewhere")

// ErrReadOnly is wrapped by the error returned when a session cannot be
// written at all: its file or its folder is read-only, or the disk is.
var ErrReadOnly = errors.New("read-only")

// Lock is a held write lock on one session file. The operating system
// releases it when the process ends, however it ends, so a crash never
// leaves a session locked.
//
// It is two locks. One is on a lock file beside the session file, which
// says who holds it and is what older Pit Stops look at. The other is on
// the session file itself, so that deleting the lock file does not let a
// second writer in: each save locks the new file before it takes the
// session's name, and lets go of the old one only then. A Lock also
// remembers the session file as Pit Stop last read or wrote it, to notice
// a change made outside before saving over it (see save).
type Lock struct {
	fl       *flock.Flock
	lockInfo fs.FileInfo // the lock file as locked, to notice it deleted or replaced
	path     string      // the session file

	mu   sync.Mutex // one save at a time
	held *os.File   // the session file, locked; nil until it exists
	disk cacheKey   // the session file as Pit Stop last read or wrote it
	last []byte     // what it held then; nil if unknown
	// pending is an outside edit found and kept, to be told once the
	// session as it is here has been saved over it.
	pending outsideEdit
}

// lockPath is the lock file of the session file at path (the real file,
// links followed): beside it, named after it. Two names for one file (a
// link) come to the same real path, and so to the same lock.
func lockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+strings.TrimSuffix(filepath.Base(path), Ext)+".lock")
}

// Lock takes the write lock of the session with this id in the store.
func (st *Store) Lock(id string) (*Lock, error) {
	if !model.ValidID(id) {
		return nil, fmt.Errorf("%q is not a session id", id)
	}
	return LockFile(st.Path(id))
}

// lockTries is how many times a lock is tried when the file locked turns
// out not to be the one at its name any more (replaced between opening and
// locking): only a race with someone deleting or replacing it does that.
const lockTries = 4

// LockFile takes the write lock of the session file at path, which must
// be the real file (see RealPath), or says who holds it. Reading a session
// needs no lock. The session file need not exist yet (a session being
// created): its first save then takes its part of the lock.
//
// The lock file is never followed if it is a link, never read if it is not
// a plain file (a named pipe would block), and made readable by everyone,
// so that in a folder shared by several people the next one can take the
// lock once its last holder has gone: a lock on a file opened only for
// reading is as good as any.
func LockFile(path string) (*Lock, error) {
	name := model.CleanLabel(filepath.Base(path))
	lp := lockPath(path)
	fl, info, err := lockLockFile(lp, name)
	if err != nil {
		return nil, err
	}
	l := &Lock{fl: fl, lockInfo: info, path: path}
	if err := l.lockSessionFile(name); err != nil {
		_ = fl.Unlock()
		return nil, err
	}
	writeHolder(lp, info)
	return l, nil
}

// lockLockFile takes the lock of the lock file lp, and checks that the file
// locked is still the one named lp: a lock on a file someone deleted in
// between would lock nothing anyone else looks at.
func lockLockFile(lp, name string) (*flock.Flock, fs.FileInfo, error) {
	const safe = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
	for try := 1; ; try++ {
		fl := flock.New(lp, flock.SetFlag(os.O_CREATE|os.O_RDWR|safe), flock.SetPermissions(0o644))
		ok, err := fl.TryLock()
		if errors.Is(err, fs.ErrPermission) {
			// Someone else's lock file in a shared folder: reading is enough.
			fl = flock.New(lp, flock.SetFlag(os.O_RDONLY|safe))
			if ok, err = fl.TryLock(); errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("cannot lock %s: the folder does not let Pit Stop make its lock file there (%w)", name, ErrReadOnly)
			}
		}
		if err != nil {
			switch {
			case errors.Is(err, syscall.ELOOP):
				return nil, nil, fmt.Errorf("cannot lock %s: its lock file %s is a symbolic link, and Pit Stop does not follow links there; remove it and try again", name, model.CleanLabel(filepath.Base(lp)))
			case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
				return nil, nil, fmt.Errorf("cannot lock %s: %s (%w)", name, ioProblem(err), ErrReadOnly)
			}
			return nil, nil, fmt.Errorf("cannot lock %s: %s", name, ioProblem(err))
		}
		info, err := fl.Stat()
		if err != nil {
			_ = fl.Unlock()
			return nil, nil, fmt.Errorf("cannot lock %s: %s", name, ioProblem(err))
		}
		if !info.Mode().IsRegular() {
			_ = fl.Unlock()
			return nil, nil, fmt.Errorf("cannot lock %s: its lock file %s is %s, not a plain file; remove it and try again", name, model.CleanLabel(filepath.Base(lp)), fileKind(info.Mode()))
		}
		if !ok {
			holder := "another Pit Stop"
			if b := readHolder(lp); b != "" {
				holder = "another Pit Stop (" + b + ")"
			}
			return nil, nil, lockedError(name, holder)
		}
		if now, err := os.Lstat(lp); err == nil && os.SameFile(now, info) {
			return fl, info, nil
		}
		_ = fl.Unlock()
		if try == lockTries {
			return nil, nil, fmt.Errorf("cannot lock %s: its lock file %s keeps being deleted or replaced while Pit Stop takes it; stop whatever does that and try again", name, model.CleanLabel(filepath.Base(lp)))
		}
	}
}

// lockedError says once that the session is open in another Pit Stop, and
// that it is to be closed there. How to look at it meanwhile is for the
// caller to add, in its own terms (a command's flag, a key). The error is
// ErrLocked without ErrLocked's own words, which would say it again.
func lockedError(name, holder string) error {
	return lockedErr("session " + strings.TrimSuffix(name, Ext) + " is already open in " + holder + "; close it there first")
}

type lockedErr string

func (e lockedErr) Error() string { return string(e) }
func (e lockedErr) Unwrap() error { return ErrLocked }

// lockSessionFile locks the session file itself, as it is at l.path now,
// unless there is none yet.
func (l *Lock) lockSessionFile(name string) error {
	for try := 1; ; try++ {
		f, err := openToLock(l.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // a session being created: its first save locks it
		case errors.Is(err, errLockedElsewhere):
			// Its lock file was deleted, or this is a Pit Stop that
			// knows only the lock file: the file itself says who writes.
			return lockedError(name, "another Pit Stop (its lock file was deleted, but the session file itself is locked)")
		case err != nil:
			return fmt.Errorf("cannot lock %s: %w", name, err)
		}
		if now, err := os.Stat(l.path); err == nil && sameFile(now, f) {
			l.held = f
			return nil
		}
		f.Close() // replaced between opening and locking: lock what is there now
		if try == lockTries {
			return fmt.Errorf("cannot lock %s: it keeps being replaced while Pit Stop takes it; close whatever writes it and try again", name)
		}
	}
}

// errLockedElsewhere: the file is locked by another open file, in this
// process or another.
var errLockedElsewhere = errors.New("locked by another Pit Stop")

// openToLock opens the file at path for reading (never following a link,
// never waiting on a pipe) and takes an exclusive lock on it without
// waiting: errLockedElsewhere if another holds one, an error of
// fs.ErrNotExist if there is no file. On a file system that cannot lock
// files the file comes back unlocked: the lock file alone guards it there,
// as it did before Pit Stop locked session files too.
func openToLock(path string) (*os.File, error) {
	const safe = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
	f, err := os.OpenFile(path, os.O_RDONLY|safe, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, errors.New(ioProblem(err))
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errors.New(ioProblem(err))
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("it is %s, not a session file", fileKind(info.Mode()))
	}
	err = flockNow(f)
	if errors.Is(err, syscall.EBADF) {
		// NFS locks with fcntl, which wants a file open for writing.
		if w, werr := os.OpenFile(path, os.O_RDWR|safe, 0); werr == nil {
			f.Close()
			f, err = w, flockNow(w)
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, errLockedElsewhere
	}
	return f, nil
}

// flockNow takes an exclusive flock on f, or fails at once.
func flockNow(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var lockErr error
	if err := rc.Control(func(fd uintptr) {
		lockErr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
	}); err != nil {
		return err
	}
	return lockErr
}

// sameFile reports whether info (of a path) is the open file f.
func sameFile(info fs.FileInfo, f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && os.SameFile(info, fi)
}

// writeHolder says in the lock file who holds it, for the message another
// process will show. It writes only into the very file that is locked,
// and only if that has no other name: a lock file hard-linked to something
// else is not overwritten.
func writeHolder(lp string, locked fs.FileInfo) {
	f, err := os.OpenFile(lp, os.O_WRONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return // someone else's lock file: it keeps its old words
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || locked == nil || !os.SameFile(info, locked) || !info.Mode().IsRegular() {
		return
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink != 1 {
		return
	}
	if info.Mode().Perm()&0o044 != 0o044 {
		_ = f.Chmod(0o644) // whatever the umask: the next holder must be able to read it
	}
	host, _ := os.Hostname()
	if f.Truncate(0) == nil {
		fmt.Fprintf(f, "process %d on %s", os.Getpid(), host)
	}
}

// readHolder reads who holds a lock, as writeHolder wrote it.
func readHolder(lp string) string {
	f, err := os.OpenFile(lp, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return ""
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return ""
	}
	buf := make([]byte, 200)
	n, _ := f.Read(buf)
	return model.CleanLabel(string(buf[:n]))
}

// Release gives the lock up: the session file first, so that the next
// Pit Stop, which takes the lock file first, never finds the one free and
// the other still held.
func (l *Lock) Release() error {
	if l == nil || l.fl == nil {
		return nil
	}
	l.mu.Lock()
	if l.held != nil {
		l.held.Close()
		l.held = nil
	}
	l.mu.Unlock()
	return l.fl.Unlock()
}
