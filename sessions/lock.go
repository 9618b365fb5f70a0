package sessions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"

	"pitstop/model"
)

// ErrLocked is wrapped by the error Lock returns when another Pit Stop is
// writing the session.
var ErrLocked = errors.New("session is open for writing elsewhere")

// Lock is a held write lock on one session. The operating system releases
// it when the process ends, however it ends, so a crash never leaves a
// session locked.
type Lock struct {
	fl *flock.Flock
}

// Lock takes the write lock of the session with this id, or says who holds
// it. Reading a session needs no lock.
func (st *Store) Lock(id string) (*Lock, error) {
	if !model.ValidID(id) {
		return nil, fmt.Errorf("%q is not a session id", id)
	}
	// The lock is a file of its own: the session file is replaced on every
	// save, and a lock on a replaced file would lock nothing.
	path := filepath.Join(st.dir, "."+id+".lock")
	fl := flock.New(path)
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("cannot lock session %s: %w", id, err)
	}
	if !ok {
		holder := "another Pit Stop"
		if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) > 0 {
			holder = "another Pit Stop (" + strings.TrimSpace(string(b)) + ")"
		}
		return nil, fmt.Errorf("session %s is already open in %s (%w); close it there first. pitstop list and pitstop check can read it meanwhile", id, holder, ErrLocked)
	}
	// Say who holds it, for the message another process will show.
	host, _ := os.Hostname()
	if f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0o644); err == nil {
		fmt.Fprintf(f, "process %d on %s", os.Getpid(), host)
		f.Close()
	}
	return &Lock{fl: fl}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.fl == nil {
		return nil
	}
	return l.fl.Unlock()
}
