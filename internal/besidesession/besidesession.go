// Package besidesession writes the files Pit Stop keeps next to a session
// file in the sessions folder, such as its minutes and its calendar.
//
// The sessions folder is the one place a stranger's link could turn such a
// file against the sessions (an ID.minutes.md linked to another session
// would be overwritten with minutes), so nothing is written there through a
// link: a link or anything but a plain file in the file's place is
// refused, and so is a file there that holds a session.
package besidesession

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"pitstop/internal/atomicfile"
	"pitstop/model"
)

// Write puts data at path, a file beside the session file at sessionPath,
// atomically and with the session file's own permissions: what is written
// from a private session stays private. what names the file for people,
// "the minutes" or "the calendar", in the errors it returns.
func Write(sessionPath, path string, data []byte, what string) error {
	name := model.CleanLabel(filepath.Base(path))
	if fi, err := os.Lstat(path); err == nil {
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			return fmt.Errorf("%s is a link, and Pit Stop does not write through links in the sessions folder: remove it, or write %s elsewhere with pitstop export -o FILE", name, what)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("%s is not a plain file; remove it, or write %s elsewhere with pitstop export -o FILE", name, what)
		case holdsSession(path):
			return fmt.Errorf("%s holds a session, and Pit Stop never writes %s over a session: move it away first", name, what)
		}
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(sessionPath); err == nil {
		perm = fi.Mode().Perm()
	}
	if err := atomicfile.WriteWithMode(path, data, perm); err != nil {
		return fmt.Errorf("writing %s to %s: %w", what, name, err)
	}
	return nil
}

// holdsSession reports whether the plain file at path begins as a session
// file does.
func holdsSession(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := f.Read(head)
	return bytes.Contains(head[:n], []byte("A Pit Stop workshop session")) || bytes.Contains(head[:n], []byte("\ncurrent_stop = "))
}
