// Package atomicfile writes files so that a crash or a power cut at any
// instant leaves the old content or the new, never half of either: the
// data goes to a temporary file in the same directory, is fsynced, renamed
// over the target, and then the directory is fsynced so that the rename
// itself is durable. Session files and minutes are written this one way.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/google/renameio/v2"
)

// Write replaces the file at path with data. An existing file keeps its
// permissions; a new one gets perm (less the umask). path is written as
// given: the caller decides what a symbolic link there means, since the
// rename replaces the link itself.
func Write(path string, data []byte, perm os.FileMode) error {
	_, err := write(path, data, nil, renameio.WithPermissions(perm), renameio.WithExistingPermissions())
	return err
}

// WriteWithMode is Write with the file's permissions set to exactly perm,
// whatever the umask or an earlier file had.
func WriteWithMode(path string, data []byte, perm os.FileMode) error {
	_, err := write(path, data, nil, renameio.WithStaticPermissions(perm))
	return err
}

// WriteHeld is Write that keeps the new file open: once data is written,
// and before the file takes path's name, hold is given a second descriptor
// of it (to lock it, say, so that the file at path is never unlocked).
// That descriptor is returned, for the caller to close, once the file has
// the name, even when making the rename durable failed after (the error
// says so); if the rename itself failed, it is closed.
func WriteHeld(path string, data []byte, perm os.FileMode, hold func(*os.File)) (*os.File, error) {
	return write(path, data, hold, renameio.WithPermissions(perm), renameio.WithExistingPermissions())
}

// write replaces the file at path with data; with hold, it keeps the new
// file open (see WriteHeld).
func write(path string, data []byte, hold func(*os.File), opts ...renameio.Option) (*os.File, error) {
	dir := filepath.Dir(path)
	t, err := renameio.NewPendingFile(path, append(opts, renameio.WithTempDir(dir))...)
	if err != nil {
		return nil, err
	}
	defer t.Cleanup()
	if _, err := t.Write(data); err != nil {
		return nil, err
	}
	var held *os.File
	if hold != nil {
		// A second descriptor of the same open file stays open once the
		// pending file is closed by the rename.
		if held, err = dupFile(t.File, path); err != nil {
			return nil, err
		}
		hold(held)
	}
	if err := t.CloseAtomicallyReplace(); err != nil {
		if held != nil {
			held.Close()
		}
		return nil, err
	}
	if err := SyncDir(dir); err != nil {
		return held, fmt.Errorf("making the rename durable: %w", err)
	}
	return held, nil
}

// dupFile is a second descriptor of f's open file, named name, closed on
// exec like every file Go opens.
func dupFile(f *os.File, name string) (*os.File, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var fd int
	var dupErr error
	if err := rc.Control(func(orig uintptr) {
		syscall.ForkLock.RLock() // no child may inherit it before it is close-on-exec
		defer syscall.ForkLock.RUnlock()
		if fd, dupErr = syscall.Dup(int(orig)); dupErr == nil {
			syscall.CloseOnExec(fd)
		}
	}); err != nil {
		return nil, err
	}
	if dupErr != nil {
		return nil, dupErr
	}
	return os.NewFile(uintptr(fd), name), nil
}

// SyncDir makes durable what was done in the directory dir (a file made,
// renamed or removed there).
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
