package serve

import (
	"fmt"
	"sync"
	"time"

	"pitstop/model"
	"pitstop/sessions"
)

// limited is a connection's client with a limit on how fast it may send
// changes: a token bucket, so a burst of keys is fine and a flood is told
// to slow down, instead of filling the session and the disk.
type limited struct {
	*sessions.Client
	rate  float64 // tokens a second
	burst float64

	mu     sync.Mutex
	tokens float64
	last   time.Time
}

func limit(c *sessions.Client, rate float64, burst int) *limited {
	return &limited{Client: c, rate: rate, burst: float64(burst), tokens: float64(burst), last: time.Now()}
}

// Do sends the command if the connection is within its limit.
func (l *limited) Do(cmd model.Command) error {
	l.mu.Lock()
	now := time.Now()
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
	if l.tokens < 1 {
		l.mu.Unlock()
		return fmt.Errorf("slow down: this screen sent more than %d changes a second; wait a moment and try again", int(l.rate))
	}
	l.tokens--
	l.mu.Unlock()
	return l.Client.Do(cmd)
}

// SaveCopy is not offered over SSH: a copy of the session belongs on the
// host's disk, chosen at the host. A connection leaving never loses words
// (the session stays open at the host).
func (l *limited) SaveCopy(string) error {
	return fmt.Errorf("a copy can only be saved at the host")
}
