package serve

import (
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"pitstop/linemode"
	"pitstop/model"
)

// wantsLines reports whether a connection asked for plain lines: the
// command "accessible" (ssh -p 2222 notes@HOST accessible), ACCESSIBLE sent
// with SetEnv, or a terminal that cannot draw a full screen.
func wantsLines(sess ssh.Session) bool {
	if cmd := sess.Command(); len(cmd) > 0 && strings.EqualFold(cmd[0], "accessible") {
		return true
	}
	for _, kv := range sess.Environ() {
		if v, ok := strings.CutPrefix(kv, "ACCESSIBLE="); ok && v != "" {
			return true
		}
	}
	pty, _, ok := sess.Pty()
	return ok && pty.Term == "dumb"
}

// lineMode serves a connection that asked for plain lines (see linemode):
// one more client of the session, with or without a terminal. Any other
// command is refused with the one Pit Stop knows.
func (s *Server) lineMode() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			if cmd := sess.Command(); len(cmd) > 0 && !strings.EqualFold(cmd[0], "accessible") {
				wish.Fatalln(sess, "Pit Stop: the only command is accessible, for plain lines (ssh -p PORT notes@HOST accessible); without one, the full screen.")
				return
			}
			if !wantsLines(sess) {
				next(sess)
				return
			}
			actor, ok := sess.Context().Value(actorKey).(model.Actor)
			if !ok {
				return
			}
			c, err := s.opts.Hub.Open(s.opts.Store, s.opts.Path, actor)
			if err != nil {
				wish.Errorln(sess, "Pit Stop: the session cannot be opened: "+model.CleanText(err.Error()))
				return
			}
			sess.Context().SetValue(clientKey, c) // left when the connection ends
			sess.Context().SetValue(linesKey, true)
			stop := make(chan string, 1)
			s.mu.Lock()
			s.lineStops[stop] = true
			s.mu.Unlock()
			defer func() {
				s.mu.Lock()
				delete(s.lineStops, stop)
				s.mu.Unlock()
			}()
			_, _, terminal := sess.Pty()
			err = linemode.Run(limit(c, s.opts.Rate, s.opts.Burst), linemode.Options{
				In: sess, Out: sess, Workshop: workshopFor(s.opts.Workshop, sess.Environ()),
				Terminal: terminal, Stop: stop, Store: s.opts.Store,
			})
			if err != nil {
				s.log.Warn("line mode ended", "err", err, "from", sess.RemoteAddr())
			}
		}
	}
}
