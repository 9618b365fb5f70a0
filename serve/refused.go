package serve

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
)

// Why a login is refused reaches the person at ssh in one of the two
// places SSH gives a server before "Permission denied", both of which
// OpenSSH shows at its usual log level (not with -q or LogLevel=ERROR):
//
//   - the banner, sent once, before any key is tried. It answers a user
//     name that is no role: the name is known when the banner goes out, so
//     someone joining as facilitator, notes or view is shown none.
//   - the instruction of the keyboard-interactive round, which ssh comes to
//     only once every key it has was refused. It answers a key not on the
//     role's list: said while keys are still being tried, it would tell a
//     person whose second key is on the list that their first is not.
//
// Neither says whose keys are on a list, nor which list a refused key is
// on: ssh asks whether a key would do before proving that it holds it, so
// whoever asks may have copied someone else's public key.

// banner answers a user name that is no role; the roles are shown none.
func (s *Server) banner(ctx ssh.Context) string {
	if _, ok := roleOf(ctx.User()); ok {
		return ""
	}
	s.log.Warn("asked for a role that does not exist", "user", model.CleanLabel(ctx.User()), "from", ctx.RemoteAddr())
	return noRoleWords(ctx.User())
}

// noRoleWords tell someone who logged in as user, which is no role, what
// the roles are and how to ask for one.
func noRoleWords(user string) string {
	name := []rune(model.CleanLabel(user))
	if len(name) > 32 {
		name = append(name[:31], '…')
	}
	return fmt.Sprintf("Pit Stop: there is no role called %q. The name before the @ is the role you join as: notes, view or facilitator.\r\n"+
		"Run the same ssh command with notes@ (or view@, facilitator@) in place of %s@.\r\n", string(name), string(name))
}

// answerLogin is the keyboard-interactive round, which ssh comes to once
// every key it offered was refused: it asks for the join code where the
// code lets the person in, and otherwise says why they cannot join.
func (s *Server) answerLogin(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	role, ok := roleOf(ctx.User())
	if !ok {
		return false // the banner said why
	}
	g := guardOf(ctx)
	refused := 0
	if g != nil {
		refused = g.refusedKeys()
	}
	if s.opts.JoinCode != "" && role != model.RoleFacilitator {
		if s.ended.Load() != nil {
			return tell(g, challenge, "Pit Stop: the session has ended.")
		}
		return s.askForCode(ctx, g, challenge, role, s.codeWords(role, refused))
	}
	return tell(g, challenge, s.keyWords(role, refused))
}

// tell says why a login is refused, as an instruction with nothing to
// answer, and refuses it. ssh comes back for up to two more rounds: the
// same words are said once on a connection.
func tell(g *guardedConn, challenge gossh.KeyboardInteractiveChallenge, why string) bool {
	return tellAbout(g, challenge, why, why)
}

// tellAbout is tell for words that may differ from one round to the next
// while saying the same thing, about: said once on a connection too.
func tellAbout(g *guardedConn, challenge gossh.KeyboardInteractiveChallenge, about, why string) bool {
	if g == nil || g.firstTelling(about) {
		_, _ = challenge("", why, nil, nil)
	}
	return false
}

// userOf is the SSH user name that asks for role.
func userOf(role model.Role) string {
	if role == model.RoleViewer {
		return "view"
	}
	return string(role)
}

// yourKeys says which of the person's keys were refused: "your key", or
// "none of your 3 keys" when ssh offered several.
func yourKeys(refused int) (subject, verb string) {
	if refused > 1 {
		return fmt.Sprintf("none of your %d keys", refused), "is"
	}
	return "your key", "is not"
}

// keyWords say why someone asking for role, who had refused keys refused,
// cannot join, and what to do about it.
func (s *Server) keyWords(role model.Role, refused int) string {
	user := userOf(role)
	var why, next string
	switch {
	case s.opts.Keys.Count(role) == 0:
		why = "no key may join as " + user + " in this session."
		next = "Ask the facilitator how to join."
	case refused == 0:
		why = "joining as " + user + " needs a key the facilitator has added, and ssh offered none."
		next = "Make one with ssh-keygen -t ed25519 and send the facilitator the .pub file it writes."
	default:
		subject, verb := yourKeys(refused)
		why = subject + " " + verb + " on the list for " + user + "."
		next = "Ask the facilitator to add your key: send them its .pub file (such as ~/.ssh/id_ed25519.pub)."
	}
	if role == model.RoleFacilitator && s.opts.JoinCode != "" {
		next += " The join code lets you in as notes or view, not as facilitator."
	}
	return "Pit Stop: " + why + " " + next
}

// codeWords ask for the join code, saying beside it, when keys were
// refused, that they are not on the list: a person who expected theirs to
// work learns why they are asked for a code. Where no key may join as the
// role, the code is the way in, and keys go unmentioned.
func (s *Server) codeWords(role model.Role, refused int) string {
	ask := "Pit Stop: type the join code the facilitator gave you."
	if refused == 0 || s.opts.Keys.Count(role) == 0 {
		return ask
	}
	subject, verb := yourKeys(refused)
	return fmt.Sprintf("%s (%s %s on the list for %s: to join with a key next time, ask the facilitator to add yours.)", ask, capitalize(subject), verb, userOf(role))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
