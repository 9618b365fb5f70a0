package serve

import (
	"context"
	"fmt"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/x/ansi"

	"pitstop/model"
	"pitstop/ui"
)

// resizeEvery is how often at most a screen is laid out again for a
// changed window: a client resizing without pause costs a few frames a
// second, not one per request.
const resizeEvery = 50 * time.Millisecond

// serveScreen runs the full screen of one connection: a client of the
// session, drawn with the connection's own renderer, as its person. The
// program's input is bounded (see inputBudget) and its output never waits
// on the client (see screenOutput).
func (s *Server) serveScreen(sc *screen) {
	sess := sc.sess
	c, err := s.join(sc.who)
	if err != nil {
		s.finish(sc, nil, 1, "Pit Stop: the session cannot be joined: "+model.CleanText(err.Error())+"\r\n")
		return
	}
	ctx, stop := context.WithCancel(sess.Context())
	defer stop()
	idle := s.idleTimer(sc, stop)
	defer idle.Stop()

	window := sc.window
	out := newScreenOutput(sess, func() { s.framesLeftOut.Add(1); window.repaint() }, stop)
	in := s.boundedInput(ctx, sc, idle, func() {
		_, _ = out.Write([]byte(notice(window.get(), s.inputBoundWords())))
		time.AfterFunc(5*time.Second, window.repaint) // the notice goes with the next whole frame
	})
	env := append(sess.Environ(), "TERM="+sc.pty.Term)
	app := ui.New(limit(c, s.opts.Rate, s.opts.Burst), ui.Options{
		Workshop: workshopFor(s.opts.Workshop, sess.Environ()), Renderer: ui.TerminalRenderer(out, env),
		Store: s.opts.Store, Hub: s.opts.Hub,
		// The hub's clock, so that a rehearsal's fast time runs on every
		// screen, not on the host's alone.
		Now: s.opts.Hub.Clock().Now,
	})
	p := tea.NewProgram(app,
		tea.WithContext(ctx),
		tea.WithInput(in),
		tea.WithOutput(out),
		tea.WithAltScreen(),
		tea.WithoutSignalHandler(), // the server's signals are the server's
		tea.WithFilter(noSuspend),
		// A change reaches the screen at the renderer's next frame: at 120
		// a second, in under 9ms, where the default 60 can take 17.
		tea.WithFPS(120),
	)
	go window.follow(ctx, p)
	s.mu.Lock()
	s.programs[p] = true
	s.mu.Unlock()
	if _, ended := s.ended.Load().(string); !ended { // else Shutdown may have missed it
		_, _ = p.Run()
	}
	s.mu.Lock()
	delete(s.programs, p)
	s.mu.Unlock()
	stop()
	saved := c.Current().SavedWords() // as it stands: the host saves after
	_ = c.Leave()
	last := ""
	if why, ok := s.ended.Load().(string); ok {
		last = "\r\nThe session has ended: " + why + ". " + saved + "\r\n"
	}
	s.finish(sc, out, 0, last)
}

// boundedInput is a screen's input within the bound (see inputBudget):
// every read puts off the idle time, and tell says, at most once every
// few seconds, that what was typed beyond the bound was left out.
func (s *Server) boundedInput(ctx context.Context, sc *screen, idle *time.Timer, tell func()) *screenInput {
	var notices noticeBoard
	return newScreenInput(ctx, sc.sess, newInputBudget(s.opts.InputRate, s.opts.InputBurst, time.Now()),
		func() { idle.Reset(s.opts.Idle) },
		func(int) {
			if notices.due(time.Now()) {
				tell()
			}
		})
}

// inputBoundWords says the input bound, for the person who went beyond it.
func (s *Server) inputBoundWords() string {
	return fmt.Sprintf("Pit Stop: more than %d KiB typed or pasted at once; the rest was left out.", s.opts.InputBurst>>10)
}

// notice draws words on the screen's last row, over what the program drew
// there, leaving the cursor where it was.
func notice(w ssh.Window, words string) string {
	if w.Width > 0 {
		words = ansi.Truncate(words, w.Width, "…")
	}
	return fmt.Sprintf("\x1b7\x1b[%d;1H\x1b[2K\x1b[7m%s\x1b[0m\x1b8", max(1, w.Height), words)
}

// noticeBoard keeps notices to one every few seconds.
type noticeBoard struct {
	mu   sync.Mutex
	last time.Time
}

func (n *noticeBoard) due(now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if now.Sub(n.last) < 2*time.Second {
		return false
	}
	n.last = now
	return true
}

// windowFollower keeps a screen's window size as the client changes it
// (filterRequests sets it, never waiting) and hands the program the
// newest at most once every resizeEvery. A repaint asks for the same size
// again, which makes the program draw a whole frame.
type windowFollower struct {
	mu      sync.Mutex
	latest  ssh.Window
	started bool // the screen has its first size; changes before it are kept, not sent
	nudge   chan struct{}
}

func (w *windowFollower) get() ssh.Window {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.latest
}

// set keeps a change of size, and asks for it to be sent.
func (w *windowFollower) set(win ssh.Window) {
	w.mu.Lock()
	w.latest = win
	w.mu.Unlock()
	w.repaint()
}

// start gives the screen its size when it asked for its terminal, unless
// a change of size has come since.
func (w *windowFollower) start(first ssh.Window) {
	w.mu.Lock()
	if !w.started && w.latest == (ssh.Window{}) {
		w.latest = first
	}
	w.started = true
	w.mu.Unlock()
	w.repaint()
}

// repaint asks for a whole frame, without waiting.
func (w *windowFollower) repaint() {
	select {
	case w.nudge <- struct{}{}:
	default:
	}
}

func (w *windowFollower) follow(ctx context.Context, p *tea.Program) {
	for {
		select {
		case <-w.nudge:
		case <-ctx.Done():
			return
		}
		win := w.get()
		p.Send(tea.WindowSizeMsg{Width: win.Width, Height: win.Height})
		select {
		case <-time.After(resizeEvery):
		case <-ctx.Done():
			return
		}
	}
}
