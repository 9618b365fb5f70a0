package sessions

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWhatIsNotAFileIsNamed reads things that are not files, as `pitstop
// check` does: each is named for what it is. A socket and /dev/tty with no
// terminal to open both refuse to open alike (ENXIO); the error must still
// tell them apart.
func TestWhatIsNotAFileIsNamed(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.toml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	sock := filepath.Join(dir, "sock.toml")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("no unix sockets here: %v", err)
	}
	defer l.Close()
	tests := []struct{ path, want string }{
		{"/dev/null", "a character device"},
		{"/dev/tty", "a character device"}, // opened, or refused with no terminal
		{pipe, "a named pipe"},
		{sock, "a socket"},
		{dir, "a directory"},
	}
	for _, tt := range tests {
		if _, err := os.Stat(tt.path); err != nil {
			t.Logf("%s: %v; skipped", tt.path, err)
			continue
		}
		_, err := ReadFile(tt.path)
		var ns *NotSessionError
		if !errors.As(err, &ns) || ns.What != tt.want {
			t.Errorf("ReadFile(%s) = %v, want it named %s", tt.path, err, tt.want)
		}
	}
}
