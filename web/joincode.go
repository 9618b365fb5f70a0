package web

import (
	"crypto/subtle"
	"strings"
	"sync"

	"pitstop/model"
)

// MaxCodeTries is how many wrong join codes the page takes, in all, before
// the code stops working there, as over SSH.
const MaxCodeTries = model.MaxCodeTries

// codeTries counts the wrong join codes typed on the page. Unlike SSH's
// prompt, a try is judged as it comes, so there is nothing in flight to
// count. The count is the page's own: the code typed wrong at ssh's prompt
// does not use up the page's tries, nor the page's ssh's.
type codeTries struct {
	mu    sync.Mutex
	wrong int
}

// try judges an answer. left is how many tries are left after it; dead
// says the code no longer works (it was not judged then), and stopped that
// this answer used the last try.
func (t *codeTries) try(answer, code string) (right bool, left int, dead, stopped bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.wrong >= MaxCodeTries {
		return false, 0, true, false
	}
	right = subtle.ConstantTimeCompare([]byte(normalCode(answer)), []byte(normalCode(code))) == 1
	if !right {
		t.wrong++
	}
	return right, MaxCodeTries - t.wrong, false, !right && t.wrong == MaxCodeTries
}

// normalCode is a code as compared: a phone's keyboard capitalises the
// first letter and a person may leave out the dash or add spaces, none of
// which makes a code more guessable.
func normalCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}
