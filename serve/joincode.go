package serve

import (
	"crypto/subtle"
	"strings"
	"sync"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
)

// codeTries counts the join code's tries. A try is counted when the prompt
// is sent, not when the answer comes back, and given back only when the
// answer is right: so no more prompts are ever out at once than there are
// tries left, and thirty prompts opened together get no more answers
// judged than five.
type codeTries struct {
	mu       sync.Mutex
	wrong    int // wrong answers, and prompts never answered
	inFlight int // prompts sent, not yet answered
}

// take counts a try about to be made; ok is false when none is left, and
// dead then says whether the code has stopped working for good.
func (t *codeTries) take() (ok, dead bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.wrong >= MaxCodeTries:
		return false, true
	case t.wrong+t.inFlight >= MaxCodeTries:
		return false, false
	}
	t.inFlight++
	return true, false
}

// done ends a try: a right answer gives it back; a wrong one, or none,
// keeps it. It reports whether the code has just stopped working.
func (t *codeTries) done(right bool) (stopped bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.inFlight--
	if right {
		return false
	}
	t.wrong++
	return t.wrong == MaxCodeTries
}

// codeAllowed lets in, as notes or view, whoever types the join code. What
// is refused without a prompt is said in the prompt's instruction, which
// ssh shows.
func (s *Server) codeAllowed(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	say := func(why string) bool {
		_, _ = challenge("", "Pit Stop: "+why, nil, nil)
		return false
	}
	role, ok := roleOf(ctx.User())
	switch {
	case !ok:
		return say("log in as notes or view to join with the code (ssh notes@HOST).")
	case role == model.RoleFacilitator:
		return say("the join code lets you in as notes or view, not as facilitator.")
	case s.ended.Load() != nil:
		return say("the session has ended.")
	}
	ok, dead := s.tries.take()
	if !ok {
		if dead {
			return say("the join code no longer works: it was typed wrong too often. Ask the facilitator.")
		}
		return say("several people are typing the join code right now; try again in a moment.")
	}
	if g := guardOf(ctx); g != nil {
		g.waitForAnswer()
	}
	answers, err := challenge("", "Pit Stop: type the join code the facilitator gave you.", []string{"Join code: "}, []bool{false})
	right := err == nil && len(answers) == 1 &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(answers[0])), []byte(s.opts.JoinCode)) == 1
	if s.tries.done(right) {
		s.log.Warn("the join code stops working: too many wrong tries", "from", ctx.RemoteAddr())
	}
	if !right {
		s.log.Warn("a wrong join code", "user", model.CleanLabel(ctx.User()), "from", ctx.RemoteAddr())
		return false
	}
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[joinExt] = string(role)
	return true
}
