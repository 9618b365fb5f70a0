// Package loadtool is what the load scripts (scripts/sshload and
// scripts/webload) share: pitstop built for the run, a free loopback
// address to serve it on, an environment that keeps everything it writes in
// the run's own directory, and how much memory and time are reported in.
package loadtool

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Build builds pitstop (the module in the working directory) into work
// and returns the binary's path.
func Build(work string) (string, error) {
	bin := filepath.Join(work, "pitstop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// FreeAddr is a loopback address whose port nothing listened on a moment
// ago, for the server the run starts.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	l.Close()
	return addr, nil
}

// Env is the environment of a pitstop that keeps its sessions, config,
// data and state in work.
func Env(work string) []string {
	xdg := filepath.Join(work, "xdg")
	return append(os.Environ(), "PITSTOP_DIR="+filepath.Join(work, "sessions"), "XDG_CONFIG_HOME="+xdg, "XDG_DATA_HOME="+xdg, "XDG_STATE_HOME="+xdg)
}

// RSS is a process's resident memory in bytes, from /proc.
func RSS(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// Millis says a duration in milliseconds, to a tenth: "3.2 ms".
func Millis(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// MiB is bytes in mebibytes.
func MiB(b int64) float64 { return float64(b) / (1 << 20) }
