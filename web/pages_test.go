package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pitstop/model"
)

func TestTheTokenLetsIn(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	page := b.get("/")
	if page.status != http.StatusOK || !strings.Contains(text(page.body), "scan the QR code") {
		t.Fatalf("without the token: %d %s", page.status, text(page.body))
	}
	if rep := b.get("/t/" + strings.Repeat("a", 20)); rep.status != http.StatusNotFound || b.cookie() != "" {
		t.Fatalf("a wrong token: %d, cookie %q", rep.status, b.cookie())
	}
	in := b.enter()
	if in.status != http.StatusOK || !strings.Contains(text(in.body), "Stop 1 of 7") || !strings.Contains(text(in.body), "Send a note") {
		t.Fatalf("with the token: %d %s", in.status, text(in.body))
	}
	if !strings.Contains(r.srv.URL(), "/t/") || !strings.HasPrefix(r.srv.URL(), r.base+"/") {
		t.Errorf("URL() = %q, served at %s", r.srv.URL(), r.base)
	}
	// A cookie this server did not sign is no way in.
	forged := r.browser()
	u, _ := url.Parse(r.base)
	forged.c.Jar.SetCookies(u, []*http.Cookie{{Name: cookieName, Value: "abc.def"}})
	if rep := forged.get("/"); !strings.Contains(text(rep.body), "Join the room") {
		t.Errorf("a forged cookie: %s", text(rep.body))
	}
}

func TestThePageShowsTheStop(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	b.enter()
	r.do(model.GoToStop{Key: r.w.Stops[2].Key})
	page := text(b.get("/").body)
	st := r.w.Stops[2]
	for _, want := range append([]string{"Stop 3 of 7", st.Name, paragraphs(st.Description)[0]}, st.Prompts...) {
		if !strings.Contains(page, text(want)) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if n := strings.Count(b.last, "<h1"); n != 1 {
		t.Errorf("%d h1 on the page", n)
	}
}

func TestJoinCode(t *testing.T) {
	r := startRoom(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	b := r.browser()
	if page := text(b.get("/").body); !strings.Contains(page, "Join code") {
		t.Fatalf("the join page asks for no code: %s", page)
	}
	// Typed as a phone would: a capital, no dash.
	rep := b.post("/join", url.Values{"code": {" Abcd 2345 "}})
	if rep.status != http.StatusSeeOther || b.cookie() == "" {
		t.Fatalf("the right code: %d %s", rep.status, text(rep.body))
	}
	if page := text(b.follow(rep).body); !strings.Contains(page, "You're in") {
		t.Errorf("after the code: %s", page)
	}

	for i, want := range []string{"4 tries left", "3 tries left", "2 tries left", "1 try left", "no longer works"} {
		stranger := r.browser()
		rep := stranger.post("/join", url.Values{"code": {"wxyz-9999"}})
		if rep.status != http.StatusForbidden || !strings.Contains(text(rep.body), want) || stranger.cookie() != "" {
			t.Fatalf("wrong try %d: %d %s; want %q", i+1, rep.status, text(rep.body), want)
		}
	}
	late := r.browser()
	rep = late.post("/join", url.Values{"code": {"abcd-2345"}})
	if rep.status != http.StatusForbidden || !strings.Contains(text(rep.body), "no longer works") || late.cookie() != "" {
		t.Errorf("the right code after five wrong: %d %s", rep.status, text(rep.body))
	}
	// The address with the token still lets people in.
	if page := text(late.enter().body); !strings.Contains(page, "Send a note") {
		t.Errorf("the token after the code stopped: %s", page)
	}
	if strings.Contains(r.log.String(), "wxyz") {
		t.Errorf("the log has what was typed:\n%s", r.log)
	}
}

func TestNoJoinCodeNoJoin(t *testing.T) {
	r := startRoom(t, nil)
	if rep := r.browser().post("/join", url.Values{"code": {""}}); rep.status != http.StatusNotFound {
		t.Errorf("/join with no code set: %d", rep.status)
	}
}

func TestHeaders(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	for _, path := range []string{"/", "/static/style.css", "/static/page.js", "/nowhere", "/t/wrong"} {
		rep := b.get(path)
		for name, want := range map[string]string{
			"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"Cache-Control":           "no-store",
		} {
			if got := rep.header.Get(name); got != want {
				t.Errorf("%s: %s = %q, want %q", path, name, got, want)
			}
		}
	}
	in := b.enter()
	for _, bad := range []string{"style=", "<script>", "onclick", "http://", "https://"} {
		if strings.Contains(in.body, bad) {
			t.Errorf("the page has %q, which the policy forbids or would fetch from elsewhere", bad)
		}
	}
	u, _ := url.Parse(r.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == cookieName && strings.Count(c.Value, ".") != 1 {
			t.Errorf("cookie %q", c.Value)
		}
	}
}

func TestCrossSiteFormsRefused(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	b.enter()
	token := b.form()
	for _, tc := range []struct {
		name    string
		headers map[string]string
		form    string
	}{
		{"another site's fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, token},
		{"a sibling site", map[string]string{"Sec-Fetch-Site": "same-site"}, token},
		{"an old browser, another origin", map[string]string{"Origin": "http://evil.example"}, token},
		{"no token", map[string]string{"Sec-Fetch-Site": "same-origin"}, ""},
		{"another browser's token", map[string]string{"Sec-Fetch-Site": "same-origin"}, r.srv.keys.formToken("someone-else")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", r.base+"/note", strings.NewReader(url.Values{"form": {tc.form}, "note": {"from elsewhere"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			rep := b.send(req)
			if rep.status != http.StatusForbidden {
				t.Errorf("status %d: %s", rep.status, text(rep.body))
			}
			if held := r.host.Current().Session.Room.Held; len(held) != 0 {
				t.Errorf("held: %+v", held)
			}
		})
	}
}

func TestANoteIsHeldAndShownToNobody(t *testing.T) {
	r := startRoom(t, nil)
	sender, other := r.browser(), r.browser()
	sender.enter()
	other.enter()
	watching := other.stream()
	first := watching.next(false)
	rep := sender.note("We keep talking past each other")
	if rep.status != http.StatusSeeOther {
		t.Fatalf("note: %d %s", rep.status, text(rep.body))
	}
	if page := text(sender.follow(rep).body); !strings.Contains(page, "on its way to the facilitator") {
		t.Errorf("after sending: %s", page)
	}
	held := r.host.Current().Session.Room.Held
	if len(held) != 1 || held[0].Text != "We keep talking past each other" {
		t.Fatalf("held: %+v", held)
	}
	if strings.Contains(other.get("/").body, "talking past") || strings.Contains(sender.get("/").body, "talking past") {
		t.Error("a held note is on a participant's page")
	}
	// The next thing the other browser's stream says is the room moving
	// on: nothing came for the note.
	r.do(model.NextStop{})
	next := watching.next(false)
	if next.kind != "view" || !strings.Contains(next.data, "moved on to stop 2") || strings.Contains(next.data, "talking past") {
		t.Errorf("after a held note, the stream said %+v (first was %+v)", next, first)
	}
}

func TestOneAnswerPerBrowser(t *testing.T) {
	r := startRoom(t, nil)
	key := r.w.Outcomes[0].Key
	r.open(key)
	a, b2 := r.browser(), r.browser()
	a.enter()
	b2.enter()
	if rep := a.answer(key, "2"); rep.status != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", rep.status, text(rep.body))
	}
	page := text(a.get("/?m=answer").body)
	if !strings.Contains(page, "Your answer: 2") || !strings.Contains(page, "Your answer is in") {
		t.Errorf("after answering: %s", page)
	}
	if !strings.Contains(a.last, `value="2" checked`) {
		t.Error("the answer given is not ticked")
	}
	if rep := a.answer(key, "5"); rep.status != http.StatusSeeOther { // changed
		t.Fatalf("changing the answer: %d %s", rep.status, text(rep.body))
	}
	page = text(a.get("/?m=answer").body)
	if !strings.Contains(page, "Your answer: 5") || !strings.Contains(a.last, `value="5" checked`) || strings.Contains(a.last, `value="2" checked`) {
		t.Errorf("after changing the answer: %s", page)
	}
	b2.answer(key, "4")
	r2 := r.browser()
	r2.enter()
	r2.answer(key, "4")
	if strings.Contains(text(b2.get("/").body), "answered") {
		t.Error("a count shows while answers come in")
	}
	r.do(model.RevealRoom{Outcome: key})
	rating, _ := r.host.Current().Session.RatingOf(key)
	if rating.Room != (model.Counts{0, 0, 0, 2, 1}) {
		t.Fatalf("counts after a change of answer: %v", rating.Room)
	}
	page = text(a.get("/").body)
	if !strings.Contains(page, "What the room said") || !strings.Contains(page, "3 answered, from 4 to 5; the middle answer is 4.") {
		t.Errorf("after the reveal: %s", page)
	}
	if rep := a.answer(key, "1"); rep.status != http.StatusUnprocessableEntity || !strings.Contains(text(rep.body), "That question is closed") {
		t.Errorf("an answer after the reveal: %d %s", rep.status, text(rep.body))
	}
}

func TestWithoutScripts(t *testing.T) {
	// Every form is a plain form that posts and redirects to a page that
	// says how it went: nothing needs the script.
	r := startRoom(t, nil)
	key := r.w.Outcomes[1].Key
	r.open(key)
	b := r.browser()
	page := b.enter()
	for _, want := range []string{`<form method="post" action="/note"`, `<form method="post" action="/answer"`, `<fieldset`, `<legend>`, `<label for="note">`, `lang="en"`, `role="status"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	rep := b.answer(key, "3")
	if rep.status != http.StatusSeeOther || !strings.HasPrefix(rep.location, "/?m=answer") {
		t.Fatalf("answer: %d %q", rep.status, rep.location)
	}
	rep = b.note("hello")
	if rep.status != http.StatusSeeOther || !strings.HasPrefix(rep.location, "/?m=note") {
		t.Fatalf("note: %d %q", rep.status, rep.location)
	}
}

func TestEndedPage(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	b.enter()
	token := b.form()
	live := b.stream()
	live.next(false)
	r.do(model.CloseSession{})
	if e := live.next(false); e.kind != "ended" || !strings.Contains(e.data, "closed the session") {
		t.Errorf("the stream at the end: %+v", e)
	}
	if page := text(b.get("/").body); !strings.Contains(page, "The session has ended") {
		t.Errorf("after the end: %s", page)
	}
	if page := text(b.last); !strings.Contains(page, "The facilitator has closed the session.") {
		t.Errorf("the ended page does not say why: %s", page)
	}
	// A browser that comes late, by the address with the token, is shown
	// the ended page and let in nowhere.
	late := r.browser()
	u, _ := url.Parse(r.srv.URL())
	if rep := late.get(u.Path); rep.status != http.StatusOK || !strings.Contains(text(rep.body), "The session has ended") || late.cookie() != "" {
		t.Errorf("the address after the end: %d %s, cookie %q", rep.status, text(rep.body), late.cookie())
	}
	rep := b.post("/note", url.Values{"form": {token}, "note": {"late"}})
	if rep.status != http.StatusGone || !strings.Contains(text(rep.body), "The session has ended") {
		t.Errorf("a note after the end: %d %s", rep.status, text(rep.body))
	}
	if len(r.host.Current().Session.Room.Held) != 0 {
		t.Error("a note was held after the end")
	}
	// Shutdown: the page stops answering (what its streams are told, which
	// names why, is TestShutdownEndsStreams).
	r.srv.Shutdown("the facilitator stopped serving it")
	if _, err := http.Get(r.base + "/"); err == nil {
		t.Error("the page still answers after Shutdown")
	}
}

func TestShutdownEndsStreams(t *testing.T) {
	r := startRoom(t, nil)
	b := r.browser()
	b.enter()
	live := b.stream()
	live.next(false)
	r.srv.Shutdown("the host stopped serving it")
	if e := live.next(false); e.kind != "ended" || !strings.Contains(e.data, "the host stopped serving it") {
		t.Errorf("the stream at Shutdown: %+v", e)
	}
}
