// Command webload loads the participants' page on loopback: it opens
// event streams, one browser each, and posts notes from those browsers,
// timing each note and checking that no held note wakes any stream; then
// it stops the server and checks every stream is told the session ended.
//
//	go run ./scripts/webload                       # 300 streams, 300 notes
//	go run ./scripts/webload -streams 100 -notes 50
//	go run ./scripts/webload -url http://127.0.0.1:8080/t/TOKEN
//
// Without -url it builds pitstop and serves a new session with `pitstop
// serve --new --headless --web 127.0.0.1:PORT` on a free loopback port,
// in a temp directory removed at the end, and reports the server's
// resident memory per stream (VmRSS with every stream open, less what it
// was before the first, divided by their number). With -url it loads a
// page already served, which must be on this computer: any address but
// a loopback one is refused. Everything is bounded: at most 1,000
// streams, 500 notes (the most a session holds waiting), five notes per
// browser (the page's limit a minute), and -timeout for the whole run.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"pitstop/internal/loadtool"
	"pitstop/web"
)

func main() {
	streams := flag.Int("streams", 300, "browsers following the room, each with its event stream (at most 1000)")
	notes := flag.Int("notes", 300, "notes posted, from those browsers in turn (at most 500, and five a browser)")
	target := flag.String("url", "", "a participants' page already served on this computer (its address with the token); default: serve one")
	timeout := flag.Duration("timeout", 2*time.Minute, "the most the whole run may take")
	flag.Parse()
	if err := run(*streams, *notes, *target, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "webload:", err)
		os.Exit(1)
	}
}

func run(streams, notes int, target string, timeout time.Duration) error {
	switch {
	case streams < 1 || streams > 1000:
		return errors.New("-streams goes from 1 to 1000")
	case notes < 0 || notes > 500:
		return errors.New("-notes goes from 0 to 500: a session holds at most 500 notes waiting")
	case notes > 5*streams:
		return fmt.Errorf("-notes %d from %d browsers is more than the page takes from each in a minute (5)", notes, streams)
	}
	deadline := time.Now().Add(timeout)
	var srv *exec.Cmd
	if target == "" {
		work, err := os.MkdirTemp("", "pitstop-webload-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
		var stop func()
		srv, target, stop, err = serve(work)
		if err != nil {
			return err
		}
		defer stop()
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "http" {
		return fmt.Errorf("%q is not the page's address (http://HOST:PORT/t/TOKEN)", target)
	}
	if !web.LoopbackOnly(net.JoinHostPort(u.Hostname(), u.Port())) {
		return fmt.Errorf("%s is not on this computer: webload only loads a page on a loopback address (127.0.0.1, ::1, localhost)", u.Hostname())
	}
	fmt.Printf("participants' page at %s; %d streams, %d notes\n", u.Host, streams, notes)

	before := int64(0)
	if srv != nil {
		before = loadtool.RSS(srv.Process.Pid)
	}
	transport := &http.Transport{MaxIdleConnsPerHost: streams, ResponseHeaderTimeout: 30 * time.Second}
	defer transport.CloseIdleConnections()
	var woken, ended atomic.Int64
	var wg sync.WaitGroup
	browsers := make([]*browser, 0, streams)
	opened := time.Now()
	for i := range streams {
		if time.Now().After(deadline) {
			return fmt.Errorf("the run took longer than -timeout with %d streams open", i)
		}
		b, err := newBrowser(transport, target)
		if err != nil {
			return fmt.Errorf("browser %d: %w", i+1, err)
		}
		if err := b.follow(u, &wg, &woken, &ended); err != nil {
			return fmt.Errorf("browser %d's stream: %w", i+1, err)
		}
		browsers = append(browsers, b)
	}
	fmt.Printf("%d streams open in %s\n", streams, time.Since(opened).Round(time.Millisecond))
	if srv != nil {
		after := loadtool.RSS(srv.Process.Pid)
		fmt.Printf("server memory: %.1f MiB before, %.1f MiB with %d streams: %.1f KiB a stream\n",
			loadtool.MiB(before), loadtool.MiB(after), streams, float64(after-before)/1024/float64(streams))
	}

	var times []time.Duration
	refused := 0
	for i := range notes {
		if time.Now().After(deadline) {
			return fmt.Errorf("the run took longer than -timeout after %d notes", i)
		}
		start := time.Now()
		status, err := browsers[i%len(browsers)].note(u, fmt.Sprintf("load note %d", i))
		if err != nil {
			return err
		}
		times = append(times, time.Since(start))
		if status != http.StatusSeeOther {
			refused++
		}
	}
	if len(times) > 0 {
		slices.Sort(times)
		fmt.Printf("a note posted until the page answered (held for the facilitator): median %s, worst %s; %d refused\n",
			loadtool.Millis(times[len(times)/2]), loadtool.Millis(times[len(times)-1]), refused)
	}
	// Every stream has had its first event; a held note wakes none.
	if n := woken.Load(); n != 0 {
		fmt.Printf("FAIL: the streams had %d events after the first while only notes were sent: a held note showed\n", n)
	} else {
		fmt.Println("no stream had an event while the notes came in")
	}
	if srv == nil {
		for _, b := range browsers {
			b.stream.Close()
		}
		wg.Wait()
		return nil
	}
	stopped := time.Now()
	_ = srv.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Until(deadline)):
		return errors.New("the streams were not closed by the run's end")
	}
	fmt.Printf("stopped: %d of %d streams told the session ended, all closed within %s\n", ended.Load(), streams, time.Since(stopped).Round(time.Millisecond))
	return nil
}

// browser is one participant's browser: its cookie, its form token and
// its stream.
type browser struct {
	client *http.Client
	form   string
	stream io.ReadCloser
}

var formToken = regexp.MustCompile(`name="form" value="([^"]+)"`)

func newBrowser(t http.RoundTripper, target string) (*browser, error) {
	jar, _ := cookiejar.New(nil)
	b := &browser{client: &http.Client{Transport: t, Jar: jar, Timeout: 30 * time.Second}}
	res, err := b.client.Get(target) // the token, then the page
	if err != nil {
		return nil, err
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := formToken.FindSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		return nil, fmt.Errorf("the page answered %d without its form", res.StatusCode)
	}
	b.form = string(m[1])
	return b, nil
}

// follow opens the browser's stream and counts, in the background, the
// events after its first, and whether it was told the session ended.
func (b *browser) follow(u *url.URL, wg *sync.WaitGroup, woken, ended *atomic.Int64) error {
	c := *b.client
	c.Timeout = 0
	res, err := c.Get(u.Scheme + "://" + u.Host + "/events")
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return fmt.Errorf("status %d", res.StatusCode)
	}
	b.stream = res.Body
	first := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		events := 0
		for sc.Scan() {
			switch line := sc.Bytes(); {
			case bytes.Equal(line, []byte("event: ended")):
				ended.Add(1)
			case bytes.HasPrefix(line, []byte("event: ")):
				if events++; events == 1 {
					close(first)
				} else {
					woken.Add(1)
				}
			}
		}
		if events == 0 {
			close(first)
		}
	}()
	select {
	case <-first:
		return nil
	case <-time.After(30 * time.Second):
		return errors.New("no first event within 30 seconds")
	}
}

// note posts a note from the page's form.
func (b *browser) note(u *url.URL, text string) (int, error) {
	req, _ := http.NewRequest("POST", u.Scheme+"://"+u.Host+"/note", strings.NewReader(url.Values{"form": {b.form}, "note": {text}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	c := *b.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// serve builds pitstop and serves a new session's page alone on a free
// loopback port; stop ends it.
func serve(work string) (*exec.Cmd, string, func(), error) {
	bin, err := loadtool.Build(work)
	if err != nil {
		return nil, "", nil, err
	}
	addr, err := loadtool.FreeAddr()
	if err != nil {
		return nil, "", nil, err
	}
	srv := exec.Command(bin, "serve", "--new", "--title", "Load", "--team", "Bench", "--headless", "--web", addr)
	srv.Env = loadtool.Env(work)
	out, err := srv.StdoutPipe()
	if err != nil {
		return nil, "", nil, err
	}
	var errs bytes.Buffer
	srv.Stderr = &errs
	if err := srv.Start(); err != nil {
		return nil, "", nil, err
	}
	stop := func() {
		_ = srv.Process.Signal(syscall.SIGTERM)
		_ = srv.Wait()
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "Participants: "); ok {
				found <- u
			}
		}
	}()
	select {
	case u := <-found:
		return srv, u, stop, nil
	case <-time.After(30 * time.Second):
		stop()
		return nil, "", nil, fmt.Errorf("pitstop serve did not say where the page is:\n%s", errs.String())
	}
}
