package sessions

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"pitstop/model"
)

// ErrOwnerClosed is returned by Do after the owner has been closed.
var ErrOwnerClosed = errors.New("this session has been closed in Pit Stop; open it again to make changes")

// ErrNotSaved is wrapped by the error Do returns when a change was applied
// but could not be written to disk. The change is kept, and saving is tried
// again with the next change and on Close.
var ErrNotSaved = errors.New("the change is kept but not saved yet")

// Update is what subscribers are told after every change: the session as it
// now is, and whether it is safely on disk.
type Update struct {
	// Session is a snapshot shared by every subscriber: read it, never
	// change it.
	Session *model.Session
	// Seq counts the changes applied since the owner started.
	Seq uint64
	// Saved is when the session was last written to disk.
	Saved time.Time
	// SaveErr is the last save's failure, nil once a save succeeds.
	SaveErr error
}

// Owner is the one owner of a live session. Every change is a command sent
// to Do; the owner applies commands one at a time in arrival order, saves
// the session and then tells every subscriber. Views (the local screen, SSH
// clients) only send commands and draw the updates they receive, so they
// never conflict. It is safe for any number of goroutines.
type Owner struct {
	store *Store
	lock  *Lock
	now   func() time.Time

	requests chan request
	quit     chan struct{}
	stopped  chan struct{}
	close    sync.Once

	mu      sync.Mutex // guards latest, subs and nextSub
	latest  Update
	subs    map[int]chan Update
	nextSub int
}

type request struct {
	cmd   model.Command
	reply chan error
}

// maxBatch is how many queued commands are applied before one save. Under
// a burst of senders this keeps every change durable before its sender
// hears back, without one full save per change.
const maxBatch = 64

// OpenOwner takes the session's write lock, loads it and starts its owner.
// It fails with an error wrapping ErrLocked if another process holds it.
func OpenOwner(st *Store, id string, now func() time.Time) (*Owner, error) {
	lock, err := st.Lock(id)
	if err != nil {
		return nil, err
	}
	s, err := st.Load(id)
	if err != nil {
		lock.Release()
		return nil, err
	}
	return newOwner(st, s, lock, now), nil
}

// CreateOwner saves a new session, locks it and starts its owner.
func CreateOwner(st *Store, s *model.Session, now func() time.Time) (*Owner, error) {
	lock, err := st.Lock(s.ID)
	if err != nil {
		return nil, err
	}
	if err := st.Create(s); err != nil {
		lock.Release()
		return nil, err
	}
	return newOwner(st, s, lock, now), nil
}

func newOwner(st *Store, s *model.Session, lock *Lock, now func() time.Time) *Owner {
	if now == nil {
		now = time.Now
	}
	o := &Owner{
		store: st, lock: lock, now: now,
		requests: make(chan request),
		quit:     make(chan struct{}),
		stopped:  make(chan struct{}),
		subs:     map[int]chan Update{},
		latest:   Update{Session: s.Clone(), Saved: now()},
	}
	go o.run(s)
	return o
}

// Do applies a command and returns once it is applied and saved. The error
// is the command's own (the session is then unchanged), or wraps
// ErrNotSaved, or is ErrOwnerClosed.
func (o *Owner) Do(cmd model.Command) error {
	r := request{cmd: cmd, reply: make(chan error, 1)}
	select {
	case o.requests <- r:
		return <-r.reply
	case <-o.quit:
		return ErrOwnerClosed
	}
}

// Current is the latest update.
func (o *Owner) Current() Update {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.latest
}

// Subscribe returns a channel that receives the latest update after every
// change, starting with the current state. A slow reader misses nothing
// that matters: when it falls behind, older updates are replaced by the
// newest. The channel is closed by cancel or when the owner closes.
func (o *Owner) Subscribe() (updates <-chan Update, cancel func()) {
	ch := make(chan Update, 1)
	o.mu.Lock()
	select {
	case <-o.stopped:
		o.mu.Unlock()
		close(ch)
		return ch, func() {}
	default:
	}
	id := o.nextSub
	o.nextSub++
	o.subs[id] = ch
	ch <- o.latest
	o.mu.Unlock()
	return ch, func() {
		o.mu.Lock()
		defer o.mu.Unlock()
		if c, ok := o.subs[id]; ok {
			delete(o.subs, id)
			close(c)
		}
	}
}

// Close stops the owner after the commands already sent, saves anything
// not yet saved, releases the lock and closes every subscription.
func (o *Owner) Close() error {
	o.close.Do(func() { close(o.quit) })
	<-o.stopped
	o.mu.Lock()
	err := o.latest.SaveErr
	o.mu.Unlock()
	if rerr := o.lock.Release(); err == nil {
		err = rerr
	}
	return err
}

func (o *Owner) run(s *model.Session) {
	var seq uint64
	saved, dirty := o.latest.Saved, false
	var saveErr error
	defer func() {
		if dirty {
			if saveErr = o.store.Save(s); saveErr == nil {
				saved = o.now()
			}
			o.publish(Update{Session: s.Clone(), Seq: seq, Saved: saved, SaveErr: saveErr})
		}
		o.mu.Lock()
		for id, ch := range o.subs {
			close(ch)
			delete(o.subs, id)
		}
		close(o.stopped)
		o.mu.Unlock()
	}()
	for {
		var batch []request
		select {
		case r := <-o.requests:
			batch = append(batch, r)
		case <-o.quit:
			return
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-o.requests:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		errs := make([]error, len(batch))
		changed := false
		for i, r := range batch {
			if errs[i] = s.Apply(r.cmd, o.now()); errs[i] == nil {
				changed = true
				seq++
			}
		}
		retried := dirty
		if changed || dirty {
			saveErr = o.store.Save(s)
			dirty = saveErr != nil
			if saveErr == nil {
				saved = o.now()
			}
		}
		// A retry that succeeded must be told too: the screens still say
		// "not saved" until they hear otherwise.
		if changed || retried {
			o.publish(Update{Session: s.Clone(), Seq: seq, Saved: saved, SaveErr: saveErr})
		}
		for i, r := range batch {
			if errs[i] == nil && saveErr != nil {
				errs[i] = fmt.Errorf("%w: %v", ErrNotSaved, saveErr)
			}
			r.reply <- errs[i]
		}
	}
}

// publish records u as the latest update and hands it to every subscriber,
// replacing an update a subscriber has not read yet.
func (o *Owner) publish(u Update) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.latest = u
	for _, ch := range o.subs {
		select {
		case ch <- u:
		default:
			select {
			case <-ch:
			default:
			}
			ch <- u
		}
	}
}
