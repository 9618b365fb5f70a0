package serve

import (
	"context"
	"io"
	"strings"
	"sync"

	"github.com/charmbracelet/ssh"

	"pitstop/linemode"
	"pitstop/model"
)

// wantsLines reports whether a connection asked for plain lines: the
// command "accessible" (ssh -p 2222 notes@HOST accessible), ACCESSIBLE sent
// with SetEnv, or a terminal that cannot draw a full screen.
func wantsLines(cmd, env []string, pty ssh.Pty, terminal bool) bool {
	if len(cmd) > 0 && strings.EqualFold(cmd[0], "accessible") {
		return true
	}
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "ACCESSIBLE="); ok && v != "" {
			return true
		}
	}
	return terminal && pty.Term == "dumb"
}

// serveLines serves a screen that asked for plain lines (see linemode): one
// more client of the session, with or without a terminal, its input
// bounded as the full screen's is.
func (s *Server) serveLines(sc *screen) {
	sess := sc.sess
	c, err := s.join(sc.who)
	if err != nil {
		s.finish(sc, nil, 1, "Pit Stop: the session cannot be joined: "+model.CleanText(err.Error())+"\n")
		return
	}
	ctx, stop := context.WithCancel(sess.Context())
	defer stop()
	idle := s.idleTimer(sc, stop)
	defer idle.Stop()
	out := &lineOutput{to: sess}
	in := s.boundedInput(ctx, sc, idle, func() {
		go io.WriteString(out, "\r\n"+s.inputBoundWords()+"\r\n") // never holds up the input
	})
	linesStop := make(chan string, 1)
	s.mu.Lock()
	s.lineStops[linesStop] = true
	s.mu.Unlock()
	if why, ended := s.ended.Load().(string); ended { // else Shutdown may have missed it
		select {
		case linesStop <- why:
		default:
		}
	}
	err = linemode.Run(limit(c, s.opts.Rate, s.opts.Burst), linemode.Options{
		In: in, Out: out, Workshop: workshopFor(s.opts.Workshop, sess.Environ()),
		Terminal: sc.terminal, Stop: linesStop, Store: s.opts.Store, Now: s.opts.Hub.Clock().Now,
	})
	if err != nil {
		s.log.Warn("line mode ended", "err", err, "from", sess.RemoteAddr())
	}
	s.mu.Lock()
	delete(s.lineStops, linesStop)
	s.mu.Unlock()
	stop()
	_ = c.Leave()
	s.finish(sc, nil, 0, "") // plain lines say their own goodbye
}

// lineOutput is plain lines' way to the client, whole writes at a time,
// so that a word from the server never lands inside a line.
type lineOutput struct {
	mu sync.Mutex
	to io.Writer
}

func (o *lineOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.to.Write(p)
}
