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

	"github.com/google/renameio/v2"
)

// Write replaces the file at path with data. An existing file keeps its
// permissions; a new one gets perm (less the umask). path is written as
// given: the caller decides what a symbolic link there means, since the
// rename replaces the link itself.
func Write(path string, data []byte, perm os.FileMode) error {
	return write(path, data, renameio.WithPermissions(perm), renameio.WithExistingPermissions())
}

// WriteWithMode is Write with the file's permissions set to exactly perm,
// whatever the umask or an earlier file had.
func WriteWithMode(path string, data []byte, perm os.FileMode) error {
	return write(path, data, renameio.WithStaticPermissions(perm))
}

func write(path string, data []byte, opts ...renameio.Option) error {
	dir := filepath.Dir(path)
	t, err := renameio.NewPendingFile(path, append(opts, renameio.WithTempDir(dir))...)
	if err != nil {
		return err
	}
	defer t.Cleanup()
	if _, err := t.Write(data); err != nil {
		return err
	}
	if err := t.CloseAtomicallyReplace(); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("making the rename durable: %w", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
