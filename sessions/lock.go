package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
type Lock struct {
	fl *flock.Flock
}

// lockPath is the lock file of the session file at path (the real file,
// links followed): beside it, named after it. The lock is a file of its
// own because the session file is replaced on every save, and a lock on a
// replaced file would lock nothing. Two names for one file (a link) come to
// the same real path, and so to the same lock.
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

// LockFile takes the write lock of the session file at path, which must
// be the real file (see RealPath), or says who holds it. Reading a session
// needs no lock.
//
// The lock file is never followed if it is a link, never read if it is not
// a plain file (a named pipe would block), and made readable by everyone,
// so that in a folder shared by several people the next one can take the
// lock once its last holder has gone: a lock on a file opened only for
// reading is as good as any.
func LockFile(path string) (*Lock, error) {
	lp := lockPath(path)
	name := model.CleanLabel(filepath.Base(path))
	const safe = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
	fl := flock.New(lp, flock.SetFlag(os.O_CREATE|os.O_RDWR|safe), flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if errors.Is(err, fs.ErrPermission) {
		// Someone else's lock file in a shared folder: reading is enough.
		fl = flock.New(lp, flock.SetFlag(os.O_RDONLY|safe))
		if ok, err = fl.TryLock(); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("cannot lock %s: the folder does not let Pit Stop make its lock file there (%w)", name, ErrReadOnly)
		}
	}
	if err != nil {
		switch {
		case errors.Is(err, syscall.ELOOP):
			return nil, fmt.Errorf("cannot lock %s: its lock file %s is a symbolic link, and Pit Stop does not follow links there; remove it and try again", name, model.CleanLabel(filepath.Base(lp)))
		case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
			return nil, fmt.Errorf("cannot lock %s: %s (%w)", name, ioProblem(err), ErrReadOnly)
		}
		return nil, fmt.Errorf("cannot lock %s: %s", name, ioProblem(err))
	}
	info, statErr := fl.Stat()
	if statErr == nil && !info.Mode().IsRegular() {
		_ = fl.Unlock()
		return nil, fmt.Errorf("cannot lock %s: its lock file %s is %s, not a plain file; remove it and try again", name, model.CleanLabel(filepath.Base(lp)), fileKind(info.Mode()))
	}
	if !ok {
		holder := "another Pit Stop"
		if b := readHolder(lp); b != "" {
			holder = "another Pit Stop (" + b + ")"
		}
		return nil, fmt.Errorf("session %s is already open in %s (%w); close it there first. pitstop list and pitstop check can read it meanwhile", strings.TrimSuffix(name, Ext), holder, ErrLocked)
	}
	writeHolder(lp, info)
	return &Lock{fl: fl}, nil
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

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.fl == nil {
		return nil
	}
	return l.fl.Unlock()
}
