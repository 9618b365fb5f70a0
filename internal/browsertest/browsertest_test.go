package browsertest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTheChecksFindWhatIsWrong: a page made to break the rules is caught,
// so a page that passes has passed something.
func TestTheChecksFindWhatIsWrong(t *testing.T) {
	b := Start(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/strict" {
			w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src 'self'")
		}
		_, _ = w.Write([]byte(`<!doctype html><html><head><title>Broken</title><meta name="viewport" content="width=device-width"></head>
<body><p style="color:#aaa;background:#fff">Faint</p><img src="/x.png"><input type="text"><div style="width:900px">wide</div></body></html>`))
	}))
	defer srv.Close()
	tab := b.Tab(t, Phone)
	Run(t, tab, "opening the page", chromedp.Navigate(srv.URL))
	var ids []string
	for _, v := range Axe(t, tab) {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "label", "html-has-lang", "color-contrast"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe-core did not find %s; found %v", want, ids)
		}
	}
	if over := Overflow(t, tab); over < 500 {
		t.Errorf("a 900-pixel div on a 360-pixel phone: overflow %d", over)
	}
	if v := CSPViolations(t, tab); len(v) != 0 {
		t.Errorf("a page with no policy broke it: %v", v)
	}
	strict := b.Tab(t, Phone)
	Run(t, strict, "opening the page", chromedp.Navigate(srv.URL+"/strict"))
	if v := CSPViolations(t, strict); len(v) == 0 {
		t.Error("the inline styles broke the policy, and nothing was counted")
	}
}
