package ui

import (
	"sync"

	"pitstop/model"
)

// sender hands a screen's commands to the session's owner one at a time,
// in the order the keys were pressed. bubbletea runs each tea.Cmd in a
// goroutine of its own, so two commands sent as tea.Cmds from quick keys
// ("4", ↑, "2" in the check) could reach the owner in either order, and
// the room's answer would be the one typed first.
type sender struct {
	mu    sync.Mutex
	queue []queuedCommand
	busy  bool // a goroutine is draining the queue
}

type queuedCommand struct {
	session Session
	cmd     model.Command
	done    chan error
}

// send queues cmd for s and returns where its result comes. It never
// blocks: the queue is drained by one goroutine, started when needed and
// gone when the queue is empty.
func (q *sender) send(s Session, cmd model.Command) <-chan error {
	done := make(chan error, 1)
	q.mu.Lock()
	defer q.mu.Unlock()
	q.queue = append(q.queue, queuedCommand{session: s, cmd: cmd, done: done})
	if !q.busy {
		q.busy = true
		go q.drain()
	}
	return done
}

func (q *sender) drain() {
	for {
		q.mu.Lock()
		if len(q.queue) == 0 {
			q.busy = false
			q.mu.Unlock()
			return
		}
		next := q.queue[0]
		q.queue = q.queue[1:]
		q.mu.Unlock()
		next.done <- next.session.Do(next.cmd)
	}
}
