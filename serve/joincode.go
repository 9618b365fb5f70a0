package serve

import (
	"crypto/subtle"
	"fmt"
	"strings"
	"sync"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
	"pitstop/present"
)

// codeTries counts the join code's tries. A try is counted when the prompt
// is sent, not when the answer comes back, and given back only when the
// answer is right (or empty: no code at all): so no more prompts are ever out at once than there are
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

// done ends a try: a wrong answer, or none, keeps it; otherwise it is
// given back. left is how many tries the code has now, and stopped says
// whether this one has just used the last.
func (t *codeTries) done(wrong bool) (left int, stopped bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.inFlight--
	if wrong {
		t.wrong++
	}
	return MaxCodeTries - t.wrong, wrong && t.wrong == MaxCodeTries
}

// maxEmptyAnswers is how many times in a row ssh's prompt may be answered
// with nothing (enter pressed before the code was read out, say) and asked
// again. An empty answer uses no try: it is no code, right or wrong.
const maxEmptyAnswers = 2

// codeDead is what both words for a join code that no longer works are
// about: a person told once is not told again.
const codeDead = "the join code no longer works"

// askForCode lets in, as role (notes or view), whoever types the join code.
// A wrong code is answered at once, in the next prompt's instruction, which
// OpenSSH shows: how many tries are left, or that the code no longer works.
// Each prompt takes a try (see codeTries), so asking again here lets no
// one have more tries than asking on a new connection would.
func (s *Server) askForCode(ctx ssh.Context, g *guardedConn, challenge gossh.KeyboardInteractiveChallenge, role model.Role, instruction string) bool {
	if s.opts.JoinCode == "" {
		return false // no code, no way in by one
	}
	wrongBefore, empty := false, 0
	for {
		ok, dead := s.tries.take()
		if !ok {
			switch {
			case dead && wrongBefore:
				return tellAbout(g, challenge, codeDead, "Pit Stop: that code was wrong, and the join code no longer works: it was typed wrong too often. Ask the facilitator for another way in.")
			case dead:
				return tellAbout(g, challenge, codeDead, "Pit Stop: the join code no longer works: it was typed wrong too often. Ask the facilitator for another way in.")
			case wrongBefore:
				return tell(g, challenge, "Pit Stop: that code was wrong. Several people are typing the join code right now; try again in a moment.")
			}
			return tell(g, challenge, "Pit Stop: several people are typing the join code right now; try again in a moment.")
		}
		if g != nil && empty == 0 {
			// A minute for each code typed; asking again after an empty
			// answer gives no more, or a connection could wait forever.
			g.waitForAnswer()
		}
		answers, err := challenge("", instruction, []string{"Join code: "}, []bool{false})
		answer := ""
		if err == nil && len(answers) == 1 {
			answer = strings.TrimSpace(answers[0])
		}
		if err == nil && answer == "" {
			s.tries.done(false)
			if empty++; empty > maxEmptyAnswers {
				return tell(g, challenge, "Pit Stop: no code was typed.")
			}
			instruction = "Pit Stop: no code was typed. Type the join code the facilitator gave you."
			continue
		}
		right := subtle.ConstantTimeCompare([]byte(answer), []byte(s.opts.JoinCode)) == 1
		left, stopped := s.tries.done(!right)
		if stopped {
			s.log.Warn("the join code stops working: too many wrong tries", "from", ctx.RemoteAddr())
		}
		if right {
			perms := ctx.Permissions()
			if perms.Extensions == nil {
				perms.Extensions = map[string]string{}
			}
			perms.Extensions[joinExt] = string(role)
			return true
		}
		s.log.Warn("a wrong join code", "user", model.CleanLabel(ctx.User()), "from", ctx.RemoteAddr())
		if err != nil {
			return false // nobody is there to tell
		}
		wrongBefore, empty = true, 0
		instruction = fmt.Sprintf("Pit Stop: that code was wrong: %s left.", present.Plural(left, "try"))
	}
}
