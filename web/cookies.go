package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
)

// cookieName is the one cookie the page sets: the browser's id, signed, so
// that only a browser let in (by the address's token or the join code)
// has one. It is a session cookie, and the key that signs it is made
// afresh by each server: it means nothing once the session ends.
const cookieName = "pitstop"

// keyring signs what the server hands a browser: its cookie, its forms'
// token, and the id its answers are kept under.
type keyring struct{ key []byte }

func newKeyring() keyring {
	k := make([]byte, 32)
	_, _ = rand.Read(k) // crypto/rand never fails on a supported system
	return keyring{key: k}
}

var b64 = base64.RawURLEncoding

// sign is the HMAC of id for one purpose, cut to 16 bytes and written in
// base64: 128 bits no one without the key can forge.
func (k keyring) sign(purpose, id string) string {
	h := hmac.New(sha256.New, k.key)
	h.Write([]byte(purpose))
	h.Write([]byte{0})
	h.Write([]byte(id))
	return b64.EncodeToString(h.Sum(nil)[:16])
}

// newBrowserID is a fresh random id for a browser let in.
func newBrowserID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return b64.EncodeToString(b)
}

// cookie is the cookie that lets a browser in, as its id.
func (k keyring) cookie(id string) *http.Cookie {
	return &http.Cookie{
		Name:  cookieName,
		Value: id + "." + k.sign("cookie", id),
		Path:  "/",
		// Scripts never need it; Lax keeps it off posts from other sites
		// while a link or a QR code opened from another app still finds
		// it, so a browser opening the address twice keeps one id.
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
}

// browserOf is the id of a browser let in, from its cookie; ok is false
// for a browser with no cookie, or one this server did not sign.
func (k keyring) browserOf(r *http.Request) (id string, ok bool) {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return "", false
	}
	id, mac, found := strings.Cut(c.Value, ".")
	if !found || id == "" || len(id) > 32 {
		return "", false
	}
	return id, hmac.Equal([]byte(mac), []byte(k.sign("cookie", id)))
}

// formToken is the token a browser's forms carry, tied to its cookie: a
// form another site makes cannot know it.
func (k keyring) formToken(id string) string { return k.sign("form", id) }

// formOK reports whether a posted form's token is the browser's own.
func (k keyring) formOK(id, token string) bool {
	return hmac.Equal([]byte(token), []byte(k.formToken(id)))
}

// answerID is what the session keeps, in memory only, to take one answer
// per browser: derived from the cookie's id, so that nothing in the
// session can be turned back into a cookie.
func (k keyring) answerID(id string) string { return k.sign("answer", id) }
