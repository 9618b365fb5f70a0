package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"pitstop/model"
)

// TestNothingAboutABrowserIsKept: a morning's worth of what browsers do,
// each with a browser string of its own, and neither the log nor the
// session file names any of them: no address or port, no browser string,
// no cookie, browser id, answer id or form token.
func TestNothingAboutABrowserIsKept(t *testing.T) {
	r := startRoom(t, func(o *Options) { o.JoinCode = "abcd-2345"; o.MaxParticipants = 3 })
	var mu sync.Mutex
	var ports []string
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err == nil {
			_, port, _ := net.SplitHostPort(c.LocalAddr().String())
			mu.Lock()
			ports = append(ports, port)
			mu.Unlock()
		}
		return c, err
	}
	var secrets []string
	key := r.w.Outcomes[0].Key
	r.open(key)
	for i, agent := range []string{"SpyPhone/1.0 (Dana's phone)", "Mozilla/5.0 TellTale", "Cam-Browser/9", "Overflow/1"} {
		b := r.browser()
		b.c.Transport = &agentTransport{agent: agent, next: &http.Transport{DialContext: dial}}
		if i == 1 {
			b.post("/join", url.Values{"code": {"wrong-code"}})
			b.post("/join", url.Values{"code": {"abcd-2345"}})
			b.get("/")
		} else if i == 3 {
			u, _ := url.Parse(r.srv.URL())
			if rep := b.get(u.Path); rep.status != http.StatusServiceUnavailable {
				t.Fatalf("a fourth browser of three places: %d", rep.status)
			}
			continue
		} else {
			b.enter()
		}
		id, _, _ := strings.Cut(b.cookie(), ".")
		secrets = append(secrets, agent, b.cookie(), id, r.srv.keys.answerID(id), b.form())
		b.stream().next(false)
		b.note("a note from browser " + agent[:3])
		b.answer(key, "4")
		b.get("/nowhere")
	}
	r.do(model.RevealRoom{Outcome: key})
	r.do(model.NextStop{}) // a change the host saves
	waitFor(t, "the session saved", func() bool { return !r.host.Current().Saving() })
	file, err := os.ReadFile(r.host.Path())
	if err != nil {
		t.Fatal(err)
	}
	logged := r.log.String()
	if logged == "" {
		t.Fatal("nothing was logged")
	}
	for _, where := range []struct{ name, text string }{{"the log", logged}, {"the session file", string(file)}} {
		for _, s := range secrets {
			if strings.Contains(where.text, s) {
				t.Errorf("%s has %q", where.name, s)
			}
		}
		for _, p := range ports {
			if strings.Contains(where.text, ":"+p) || strings.Contains(where.text, " "+p) {
				t.Errorf("%s has a browser's port %s", where.name, p)
			}
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("the log:\n%s", logged)
	}
}

type agentTransport struct {
	agent string
	next  http.RoundTripper
}

func (a *agentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", a.agent)
	return a.next.RoundTrip(req)
}

func TestWithoutAddresses(t *testing.T) {
	for _, line := range []string{
		"http: panic serving 192.168.1.23:51234: runtime error",
		"http: TLS handshake error from [fe80::1%eth0]:443: EOF",
		"http: panic serving [2001:db8::7]:1234: boom",
		"from 2001:db8:0:1::42 and 10.0.0.7",
	} {
		var b safeBuffer
		w := withoutAddresses{log: newTestLogger(&b)}
		_, _ = w.Write([]byte(line + "\n"))
		got := b.String()
		for _, bad := range []string{"192.168", "51234", "fe80", "2001:db8", "10.0.0.7", "eth0"} {
			if strings.Contains(got, bad) {
				t.Errorf("%q logged as %q", line, got)
			}
		}
		if !strings.Contains(got, "a browser") {
			t.Errorf("%q logged as %q", line, got)
		}
	}
}

func TestListenAddr(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"8080", "127.0.0.1:8080", ""},
		{":8080", "127.0.0.1:8080", ""},
		{" 0.0.0.0:8080 ", "0.0.0.0:8080", ""},
		{"[::]:8080", "[::]:8080", ""},
		{"192.168.1.5:80", "192.168.1.5:80", ""},
		{"", "", "needs an address"},
		{"laptop", "", "not an address"},
		{"0.0.0.0:http", "", "must be a number"},
		{"99999", "", "not an address"},
	} {
		got, err := ListenAddr(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ListenAddr(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "[::1]:80": true, "localhost:80": true, "0.0.0.0:8080": false, "192.168.1.5:80": false} {
		if LoopbackOnly(addr) != want {
			t.Errorf("LoopbackOnly(%q) = %v", addr, !want)
		}
	}
	if got := RoomHost("127.0.0.1:8080"); got != "127.0.0.1:8080" {
		t.Errorf("RoomHost(loopback) = %q", got)
	}
	if got := RoomHost("0.0.0.0:8080"); strings.HasPrefix(got, "0.0.0.0") || !strings.HasSuffix(got, ":8080") {
		t.Errorf("RoomHost(0.0.0.0:8080) = %q: want this computer's address in the room", got)
	}
}
