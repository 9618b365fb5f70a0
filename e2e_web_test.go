package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pitstop/internal/qrcode"
)

// TestServeTheParticipantsPageAlone: serve --web with no key and no join
// code serves the page alone, prints where it is with a QR code, lets a
// browser in by the address, and ends it for everyone when stopped.
func TestServeTheParticipantsPageAlone(t *testing.T) {
	requireE2E(t)
	dir := t.TempDir()
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(free.Addr().String())
	free.Close()
	c := exec.Command(e2eBinary, "serve", "--new", "--title", "Kickoff", "--headless", "--web", port, "--dir", filepath.Join(dir, "sessions"))
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_STATE_HOME="+dir, "COLORFGBG=")
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	defer c.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var banner []string
	url := ""
	deadline := time.After(waitTimeout)
	for url == "" || !strings.Contains(banner[len(banner)-1], "Over plain HTTP") {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("serve ended early:\n%s\n%s", strings.Join(banner, "\n"), stderr.String())
			}
			banner = append(banner, l)
			if u, ok := strings.CutPrefix(l, "Participants: "); ok {
				url = u
			}
		case <-deadline:
			t.Fatalf("no banner within %s:\n%s\n%s", waitTimeout, strings.Join(banner, "\n"), stderr.String())
		}
	}
	all := strings.Join(banner, "\n")
	for _, want := range []string{"the participants' page only", "http://127.0.0.1:" + port + "/t/", "on this computer only", "--web 0.0.0.0:" + port} {
		if !strings.Contains(all, want) {
			t.Errorf("the banner lacks %q:\n%s", want, all)
		}
	}
	qr, err := qrcode.Lines(url, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(all, "  "+strings.Join(qr, "\n  ")) {
		t.Errorf("the banner has no QR code of %s:\n%s", url, all)
	}

	jar, _ := cookiejar.New(nil)
	res, err := (&http.Client{Jar: jar, Timeout: waitTimeout}).Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "Stop 1 of 7") {
		t.Fatalf("the page: %d\n%s", res.StatusCode, page)
	}

	if err := c.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	if err := c.Wait(); err != nil {
		t.Errorf("serve stopped with %v:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stopped serving the participants' page") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}
