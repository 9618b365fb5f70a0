package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"pitstop/model"
)

// FuzzForms posts whatever a browser might put in the page's forms (the
// note, the outcome, the score) and checks that the page answers as it
// should: a redirect, or a page saying why not, never a failure; that
// nothing posted breaks out of where the page shows it; and that what the
// session holds is clean and within bounds.
func FuzzForms(f *testing.F) {
	for _, seed := range []struct{ note, outcome, score string }{
		{"We keep talking past each other", "power-with", "4"},
		{"</textarea><script>alert(1)</script>", "<b>x</b>", "5"},
		{"\x1b]0;pwned\x07 hello\r\nworld", "power-with\x00", "3 "},
		{"", "", ""},
		{strings.Repeat("é", model.MaxTextBytes), "joint-accountability", "-1"},
		{"\xff\xfe bad utf-8", strings.Repeat("k", 300), "99999999999999999999"},
		{"‮reversed", "power-with", "٣"},
	} {
		f.Add(seed.note, seed.outcome, seed.score)
	}
	r := startRoom(f, func(o *Options) { o.NotesPerMinute = 1 << 30 })
	r.open(r.w.Outcomes[0].Key, r.w.Outcomes[1].Key)
	h := r.srv.http.Handler
	id := newBrowserID()
	if !r.srv.browsers.enter(id) {
		f.Fatal("no place")
	}
	cookie := r.srv.keys.cookie(id)
	post := func(path string, form url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	f.Fuzz(func(t *testing.T, note, outcome, score string) {
		token := r.srv.keys.formToken(id)
		for _, tc := range []struct {
			path string
			form url.Values
			ok   []int
		}{
			{"/note", url.Values{"form": {token}, "note": {note}}, []int{http.StatusSeeOther, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge}},
			{"/answer", url.Values{"form": {token}, "outcome": {outcome}, "score": {score}}, []int{http.StatusSeeOther, http.StatusUnprocessableEntity, http.StatusTooManyRequests, http.StatusRequestEntityTooLarge}},
		} {
			rec := post(tc.path, tc.form)
			if !containsInt(tc.ok, rec.Code) {
				t.Fatalf("%s: status %d\n%s", tc.path, rec.Code, text(rec.Body.String()))
			}
			body := rec.Body.String()
			if rec.Code == http.StatusSeeOther {
				continue
			}
			for tag, want := range map[string]int{"<textarea": 1, "</textarea>": 1, "<script": 1, "<h1": 1, "<form": 1 + len(r.srv.current().Questions)} {
				if got := strings.Count(body, tag); got != want {
					t.Fatalf("%s: the page has %s %d times, want %d: what was posted broke out", tc.path, tag, got, want)
				}
			}
			if !utf8.ValidString(body) {
				t.Fatalf("%s: the page is not UTF-8", tc.path)
			}
		}
		s := r.host.Current().Session
		for _, held := range s.Room.Held {
			if held.Text != model.CleanText(held.Text) || held.Text == "" || len(held.Text) > model.MaxTextBytes {
				t.Fatalf("a held note is not clean: %q", held.Text)
			}
		}
		if len(s.Room.Held) > 400 {
			// Let them go, as a facilitator would, so the fuzzer does not
			// run into the session's bound on held notes.
			for _, held := range s.Room.Held {
				if err := r.host.Do(model.DiscardHeld{ID: held.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, q := range s.Room.Open {
			if a := s.Room.AnswerOf(q.Outcome, r.srv.keys.answerID(id)); a != 0 && (a < model.MinScore || a > model.MaxScore) {
				t.Fatalf("answer %d kept", a)
			}
		}
	})
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
