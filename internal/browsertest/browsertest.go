// Package browsertest runs pages in a real browser for tests: Debian's
// chromium, headless, with a profile of its own that is thrown away, and
// no traffic of its own (no updates, no sync, no QUIC). A test asks for a
// tab with a viewport (a 360-pixel-wide phone, say) and a colour scheme,
// looks at the page, runs axe-core's accessibility checks on it, and takes
// screenshots. Where no chromium is installed the test is skipped, with
// how to install it.
package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// AxeVersion is the version of axe-core in testdata (see its README).
const AxeVersion = "4.14.1"

//go:embed testdata/axe.min.js
var axeSource string

// Candidates are where chromium is looked for, in order; PITSTOP_CHROMIUM,
// when set, comes first.
var Candidates = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "chromium", "chromium-browser"}

// Find is the path of a chromium to run, or why there is none.
func Find() (string, error) {
	list := Candidates
	if env := os.Getenv("PITSTOP_CHROMIUM"); env != "" {
		list = append([]string{env}, list...)
	}
	for _, c := range list {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on this machine (apt-get install -y chromium, or set PITSTOP_CHROMIUM)")
}

// Browser is one headless chromium, for one test (or a group of them).
type Browser struct {
	ctx    context.Context // the browser's own: tabs are made from it
	cancel func()
}

// Start starts a headless chromium for the test, stopped when the test
// ends; with none installed, or with -short, the test is skipped.
func Start(t testing.TB) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	path, err := Find()
	if err != nil {
		t.Skip("browser tests skipped: " + err.Error())
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first run starts the browser, with no deadline of its own.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Skipf("browser tests skipped: chromium (%s) would not start: %v", path, err)
	}
	b := &Browser{ctx: ctx, cancel: func() { cancel(); cancelAlloc() }}
	t.Cleanup(b.cancel)
	return b
}

// Options are how a tab is set up.
type Options struct {
	Width, Height int     // the viewport in CSS pixels; 0: 1280×800
	Scale         float64 // device pixels per CSS pixel; 0: 1
	Mobile        bool    // emulate a phone (meta viewport, touch)
	Dark          bool    // prefers-color-scheme: dark
	NoScripts     bool    // the page's scripts do not run
}

// Phone is a 360-pixel-wide phone, the narrowest in common use.
var Phone = Options{Width: 360, Height: 740, Scale: 2, Mobile: true}

// Zoomed is that phone at 200% zoom: 180 CSS pixels wide.
var Zoomed = Options{Width: 180, Height: 370, Scale: 4, Mobile: true}

// Tab is a tab of the browser set up as opts says, closed when the test
// ends. Each tab is a browser of its own, as another person's phone is:
// it shares no cookies or storage with the others. Its context is for
// chromedp.Run and the helpers here.
func (b *Browser) Tab(t testing.TB, opts Options) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if opts.Width == 0 {
		opts.Width, opts.Height = 1280, 800
	}
	if opts.Scale == 0 {
		opts.Scale = 1
	}
	scheme := "light"
	if opts.Dark {
		scheme = "dark"
	}
	view := []chromedp.EmulateViewportOption{chromedp.EmulateScale(opts.Scale)}
	if opts.Mobile {
		view = append(view, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(opts.Width), int64(opts.Height), view...),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			if err != nil {
				return err
			}
			if opts.NoScripts {
				_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			}
			// Every Content-Security-Policy violation is kept, for
			// CSPViolations: added before any of the page's own scripts.
			_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `window.__cspViolations = []; document.addEventListener('securitypolicyviolation', function (e) { window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });`,
			})
			return err
		}),
	)
	if err != nil {
		t.Fatalf("setting up a browser tab: %v", err)
	}
	return ctx
}

// Run runs an action in the tab within a minute, failing the test on an
// error.
func Run[T any](t testing.TB, tab context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Violation is one rule of axe-core's that the page breaks, with where.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // the offending elements' HTML, cut short
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s, at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "; "))
}

// Axe runs axe-core's checks (WCAG 2.2 A and AA, and its best practices)
// on the page in the tab and returns what it breaks. axe is put in by the
// devtools, which the page's Content-Security-Policy does not govern.
func Axe(t testing.TB, tab context.Context) []Violation {
	t.Helper()
	Run(t, tab, "loading axe-core", chromedp.Evaluate[chromedp.Void](axeSource))
	raw := Run(t, tab, "running axe-core", chromedp.Evaluate[string](`axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
		resultTypes: ['violations']
	}).then(function (r) {
		return JSON.stringify(r.violations.map(function (v) {
			return {id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.map(function (n) { return n.html.slice(0, 160); })};
		}));
	})`, func(p *runtime.EvaluateParams) { p.AwaitPromise = ptr(true) }))
	var out []Violation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("axe-core's answer: %v", err)
	}
	return out
}

// NoViolations fails the test for each of axe-core's violations.
func NoViolations(t testing.TB, tab context.Context, where string) {
	t.Helper()
	for _, v := range Axe(t, tab) {
		t.Errorf("%s: %s", where, v)
	}
}

// Overflow is how many CSS pixels the page is wider than its viewport
// (0 when it needs no sideways scrolling).
func Overflow(t testing.TB, tab context.Context) int {
	t.Helper()
	return Run(t, tab, "measuring the page", chromedp.Evaluate[int](`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth`))
}

// CSPViolations are the Content-Security-Policy violations the page in
// the tab has had since it was opened (none in a tab without scripts,
// where they cannot be counted).
func CSPViolations(t testing.TB, tab context.Context) []string {
	t.Helper()
	return Run(t, tab, "reading the policy violations", chromedp.Evaluate[[]string](`window.__cspViolations || []`))
}

// Screenshot saves what the tab shows, the whole page, as a PNG.
func Screenshot(t testing.TB, tab context.Context, path string) {
	t.Helper()
	png := Run(t, tab, "taking a screenshot", chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// WaitFor waits, within ten seconds, until the JavaScript expression is
// true in the tab.
func WaitFor(t testing.TB, tab context.Context, what, expression string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](expression))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited ten seconds for %s (%s): %v", what, expression, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ptr[T any](v T) *T { return &v }
