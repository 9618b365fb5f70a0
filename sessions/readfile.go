package sessions

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// MaxFileBytes is the largest session file Pit Stop reads. A session at
// every limit of what can be typed into it stays below it; a file larger
// than this is some other file, and reading it would only keep the screen
// waiting.
const MaxFileBytes = 32 << 20

// NotSessionError says a path in the sessions directory is not a file that
// could hold a session at all: a named pipe, a socket, a device or a
// directory. Reading one could block forever, so it is never opened for
// reading.
type NotSessionError struct {
	Path string
	What string // "a named pipe", "a directory", …
}

func (e *NotSessionError) Error() string {
	return fmt.Sprintf("%s is %s, not a session file; Pit Stop leaves it alone", model.CleanLabel(e.Path), e.What)
}

// fileKind says in words what a non-regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// ReadFile reads a file that should hold a session or a workshop config,
// as readSessionFile does: never blocking on a pipe, never reading more
// than MaxFileBytes.
func ReadFile(path string) ([]byte, error) {
	data, _, err := readSessionFile(path)
	return data, err
}

// readSessionFile reads a file that should hold a session, safely whatever
// is at path: it never blocks on a named pipe or a device (it opens without
// waiting and checks what it opened before reading), and it refuses a
// file larger than MaxFileBytes without reading it.
func readSessionFile(path string) ([]byte, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("cannot read %s: there is no such file", model.CleanLabel(path))
		}
		if errors.Is(err, syscall.ENXIO) {
			// Opening a socket says this, and so does opening a device
			// that is not there to open, such as /dev/tty with no
			// terminal: what it is, is for Stat to say.
			what := "a socket"
			if info, serr := os.Stat(path); serr == nil {
				what = fileKind(info.Mode())
			}
			return nil, nil, &NotSessionError{Path: path, What: what}
		}
		return nil, nil, fmt.Errorf("cannot read %s: %s", model.CleanLabel(path), ioProblem(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %s", model.CleanLabel(path), ioProblem(err))
	}
	if !info.Mode().IsRegular() {
		return nil, info, &NotSessionError{Path: path, What: fileKind(info.Mode())}
	}
	if info.Size() > MaxFileBytes {
		return nil, info, tooLarge(path, info.Size())
	}
	// Read into a buffer of the size Stat gave (one byte more, to see
	// the end): growing one from nothing costs a load a tenth of its time.
	data, err := readUpTo(f, info.Size(), MaxFileBytes+1)
	if err != nil {
		return nil, info, fmt.Errorf("cannot read %s: %s", model.CleanLabel(path), ioProblem(err))
	}
	if len(data) > MaxFileBytes { // it grew while being read
		return nil, info, tooLarge(path, int64(len(data)))
	}
	return data, info, nil
}

// readUpTo reads r to its end, but never more than limit bytes, into a
// buffer sized for size bytes and a little more to see the end (as
// os.ReadFile does): a file that changed size since it was stat'ed is
// still read whole.
func readUpTo(r io.Reader, size, limit int64) ([]byte, error) {
	data := make([]byte, 0, max(min(size+512, limit), 512))
	r = io.LimitReader(r, limit)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

func tooLarge(path string, size int64) error {
	return &strictoml.FileError{File: path, Msg: fmt.Sprintf("the file is %d MiB; a session file is at most %d MiB, so this is not one Pit Stop wrote (it is left alone)", size>>20, MaxFileBytes>>20)}
}

// ioProblem says in plain words what went wrong with a file or the disk.
func ioProblem(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC:
			return "the disk is full"
		case syscall.EDQUOT:
			return "the disk quota is used up"
		case syscall.EROFS:
			return "the disk is read-only"
		case syscall.EACCES, syscall.EPERM:
			return "Pit Stop is not allowed to (check the file's and the folder's permissions)"
		case syscall.EIO:
			return "the disk reported an error"
		case syscall.ELOOP:
			return "it is a symbolic link, which Pit Stop does not follow here"
		case syscall.ENOENT:
			return "it is not there"
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return model.CleanLabel(pe.Err.Error())
	}
	return model.CleanText(err.Error())
}
