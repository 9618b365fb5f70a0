package serve

import (
	"io"
	"sync"
	"time"
)

// maxPendingOutput bounds what one screen may have waiting to be sent to a
// client that is slow to take it: several whole frames of a large terminal.
const maxPendingOutput = 256 << 10

// screenOutput is a screen's way to its client: the program writes its
// frames here and goes on at once, while one goroutine of its own sends
// them on. A client that falls behind by more than maxPendingOutput loses
// the frames it has not taken and is sent a whole new one (repaint), so a
// client that never reads costs a bounded buffer and blocks no one: not its
// own program, not the server, not another client.
type screenOutput struct {
	to      io.Writer
	repaint func() // asks the program for a whole frame, without waiting

	mu      sync.Mutex
	pending []byte // written, not yet sent: copied once, sent as it is
	closed  bool
	failed  func() // called once when the client can no longer be written to
	wake    chan struct{}
	done    chan struct{} // closed when the sender has stopped
}

func newScreenOutput(to io.Writer, repaint, failed func()) *screenOutput {
	o := &screenOutput{to: to, repaint: repaint, failed: failed,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	go o.send()
	return o
}

// Write queues p for the client and never waits for it.
func (o *screenOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return len(p), nil
	}
	dropped := false
	if len(o.pending)+len(p) > maxPendingOutput {
		// Keep the newest: what the client has not taken is stale by now.
		o.pending, dropped = nil, true
	}
	o.pending = append(o.pending, p...)
	o.mu.Unlock()
	if dropped && o.repaint != nil {
		o.repaint()
	}
	select {
	case o.wake <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (o *screenOutput) send() {
	defer close(o.done)
	for {
		o.mu.Lock()
		batch := o.pending
		o.pending = nil
		closed := o.closed
		o.mu.Unlock()
		if len(batch) == 0 {
			if closed {
				return
			}
			<-o.wake
			continue
		}
		if _, err := o.to.Write(batch); err != nil {
			o.mu.Lock()
			o.closed, o.pending = true, nil
			failed := o.failed
			o.failed = nil
			o.mu.Unlock()
			if failed != nil {
				failed()
			}
			return
		}
	}
}

// finish sends what is queued and last, then stops taking more. It waits
// at most wait for the client to take it, and reports whether it did.
func (o *screenOutput) finish(last string, wait time.Duration) bool {
	if last != "" {
		_, _ = o.Write([]byte(last))
	}
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
	select {
	case <-o.done:
		return true
	case <-time.After(wait):
		return false
	}
}
