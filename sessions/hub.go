package sessions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"pitstop/model"
)

// Hub keeps the live sessions of one process: a session open here has one
// owner, whichever screen opened it (the local screen, each SSH client, a
// line-mode reader), and each screen is a Client of it. The last client to
// leave closes the session. A process has one Hub.
type Hub struct {
	clock Clock
	tick  time.Duration // how often owners look at the clock
	// saveFirst: save before publishing (see WithSaveBeforeShown).
	saveFirst bool
	// rules: see SetRules; under mu.
	rules Rules
	// rehearsing: the clock runs fast, so only rehearsals may be written
	// (see WithRehearsalClock).
	rehearsing bool

	mu      sync.Mutex
	owners  map[string]*Owner        // by real path
	closing map[string]chan struct{} // owners saving for the last time, by real path
}

// HubOption changes how a hub works, for tests.
type HubOption func(*Hub)

// WithTick makes owners look at the clock every d instead of every second.
func WithTick(d time.Duration) HubOption { return func(h *Hub) { h.tick = d } }

// WithSaveBeforeShown makes owners save each change before showing it, so
// that a screen never shows "saving…": for tests that compare screens
// with golden files, whose frames must not depend on how fast a disk is.
func WithSaveBeforeShown() HubOption { return func(h *Hub) { h.saveFirst = true } }

// WithRehearsalClock says the hub's clock runs fast, for a rehearsal: no
// session but a rehearsal can then be opened for writing or created, so
// that fast time is never written into a real session's file.
func WithRehearsalClock() HubOption { return func(h *Hub) { h.rehearsing = true } }

// Rules are what the config decides of a live session that its file does
// not hold.
type Rules struct {
	// MinAnswers is the fewest answers from the room whose spread a
	// reveal shows ([serve] min_answers); zero keeps the model's default.
	MinAnswers int
	// SpeakingTime: the go-around keeps how long each person spoke
	// ([goaround] speaking_time).
	SpeakingTime bool
}

// SetRules sets the rules of the sessions opened from now on, known once
// the config is read.
func (h *Hub) SetRules(r Rules) {
	h.mu.Lock()
	h.rules = r
	h.mu.Unlock()
}

// Rehearsing reports whether the hub's clock runs fast: every session
// created is a rehearsal.
func (h *Hub) Rehearsing() bool { return h.rehearsing }

// NotRehearsalError refuses to write fast time into a real session.
type NotRehearsalError struct{ Title string }

func (e *NotRehearsalError) Error() string {
	return fmt.Sprintf("PITSTOP_CLOCK_SPEED runs time fast, which is for rehearsals, and “%s” is a real session: its times would be written fast. Unset PITSTOP_CLOCK_SPEED to open it, or start a rehearsal with pitstop new", model.CleanLabel(e.Title))
}

// writable refuses a real session while the clock runs fast.
func (h *Hub) writable(s *model.Session) error {
	if h.rehearsing && !s.Rehearsal {
		return &NotRehearsalError{Title: s.Title}
	}
	return nil
}

// NewHub makes the hub of a process, keeping time by clock.
func NewHub(clock Clock, opts ...HubOption) *Hub {
	if clock.Now == nil {
		clock = SystemClock()
	}
	h := &Hub{clock: clock, tick: time.Second, owners: map[string]*Owner{}, closing: map[string]chan struct{}{}}
	for _, opt := range opts {
		opt(h)
	}
	return h
}

// Clock is the hub's clock.
func (h *Hub) Clock() Clock { return h.clock }

// CopyError says a session file's name is not the id of the session in
// it: a copy (a backup, last month's file kept as a template), or a file
// renamed or linked under another name. Pit Stop saves a session only to
// the file it was opened from, and does not take such a file for the
// session it names without asking: the person chooses to look at it
// read-only (Hub.Review) or to make it a session of its own (Hub.Adopt).
type CopyError struct {
	Path     string // the file opened
	ID       string // the id inside it
	Title    string
	Original string // the file named after the id beside it, if there is one
}

func (e *CopyError) Error() string {
	name := model.CleanLabel(filepath.Base(e.Path))
	what := "it was copied or renamed"
	if e.Original != "" {
		what = "it looks like a copy of " + model.CleanLabel(filepath.Base(e.Original))
	}
	return fmt.Sprintf("%s holds the session “%s” (id %s), but its name is not that id: %s. Open it read-only to look at it, or make it a session of its own", name, e.Title, e.ID, what)
}

// Open attaches by to the session in the file at path, opening it here if
// no screen of this process has it open yet: the file is locked (a second
// Pit Stop writing it is refused with ErrLocked), loaded and checked. A
// file that cannot be written (read-only, in a read-only folder or on a
// read-only disk) opens for reading only, and says why in every update.
// A file whose name is not its session's id gives a *CopyError.
func (h *Hub) Open(st *Store, path string, by model.Actor) (*Client, error) {
	real, err := RealPath(path)
	if err != nil {
		return nil, err
	}
	return h.attachTo(real, by, func() (*Owner, error) {
		readOnly := ""
		if info, err := os.Stat(real); err == nil && info.Mode().Perm()&0o222 == 0 {
			readOnly = "the file is read-only"
		}
		var lock *Lock
		if readOnly == "" {
			lock, err = LockFile(real)
			switch {
			case errors.Is(err, ErrReadOnly):
				readOnly = "Pit Stop cannot write in its folder: " + strings.TrimSuffix(Problem(errors.Unwrap(err)), ".")
				if strings.Contains(err.Error(), "does not let") {
					readOnly = "its folder is read-only"
				}
			case err != nil:
				return nil, err
			}
		}
		s, err := LoadFile(real)
		if err == nil {
			err = checkName(real, s)
		}
		if err == nil && readOnly == "" {
			err = h.writable(s)
		}
		if err != nil {
			lock.Release()
			return nil, err
		}
		return newOwner(h, st, real, s, lock, readOnly, false), nil
	})
}

// checkName refuses a file whose name is not its session's id.
func checkName(path string, s *model.Session) error {
	if strings.TrimSuffix(filepath.Base(path), Ext) == s.ID {
		return nil
	}
	e := &CopyError{Path: path, ID: s.ID, Title: s.Title}
	if orig := filepath.Join(filepath.Dir(path), s.ID+Ext); orig != path {
		if _, err := os.Lstat(orig); err == nil {
			e.Original = orig
		}
	}
	return e
}

// Review attaches by to the session at path for reading only, taking no
// lock: a session another Pit Stop has open (it follows that one's changes
// on disk), or a copy looked at before deciding what it is. why is said on
// every screen.
func (h *Hub) Review(st *Store, path string, by model.Actor, why string, live bool) (*Client, error) {
	real, err := RealPath(path)
	if err != nil {
		return nil, err
	}
	return h.attachTo(real, by, func() (*Owner, error) {
		s, err := LoadFile(real)
		if err != nil {
			return nil, err
		}
		return newOwner(h, st, real, s, nil, why, live), nil
	})
}

// Create saves a new session in the store, locked, and attaches by to it.
func (h *Hub) Create(st *Store, s *model.Session, by model.Actor) (*Client, error) {
	path := st.Path(s.ID)
	if err := h.writable(s); err != nil {
		return nil, err
	}
	return h.attachTo(path, by, func() (*Owner, error) {
		lock, err := LockFile(path)
		if err != nil {
			return nil, err
		}
		if err := st.Create(s); err != nil {
			lock.Release()
			return nil, err
		}
		return newOwner(h, st, path, s, lock, "", false), nil
	})
}

// Adopt makes the copy at path a session of its own, with a new id, and
// attaches by to it. The new id is the file's own name when that can be an
// id, and the file is saved where it is; otherwise the session gets a
// fresh id and a file of that name beside the copy, which is left as it
// was. note says, for the screen, what was done.
func (h *Hub) Adopt(st *Store, path string, by model.Actor) (c *Client, note string, err error) {
	real, err := RealPath(path)
	if err != nil {
		return nil, "", err
	}
	s, err := LoadFile(real)
	if err != nil {
		return nil, "", err
	}
	if err := h.writable(s); err != nil {
		return nil, "", err
	}
	old := s.ID
	if stem := strings.TrimSuffix(filepath.Base(real), Ext); model.ValidID(stem) && filepath.Ext(real) == Ext {
		lock, err := LockFile(real)
		if err != nil {
			return nil, "", err
		}
		s, err = LoadFile(real) // as it is now that it is locked
		if err != nil {
			lock.Release()
			return nil, "", err
		}
		s.ID = stem
		s.ClearHistory()
		if err := st.SaveFile(real, s); err != nil {
			lock.Release()
			return nil, "", err
		}
		lock.Release() // the owner takes it again, through the hub
		c, err := h.Open(st, real, by)
		return c, fmt.Sprintf("%s is now a session of its own (id %s); %s is no longer linked to it.", model.CleanLabel(filepath.Base(real)), stem, old), err
	}
	s.ID = NewID(s.Title, h.clock.Now())
	c, err = h.Create(st, s, by)
	if err != nil {
		return nil, "", err
	}
	return c, fmt.Sprintf("Saved as a new session, %s; %s is left as it was.", model.CleanLabel(filepath.Base(c.Path())), model.CleanLabel(filepath.Base(real))), nil
}

// attachTo attaches a client to the owner of path, making the owner with
// open when there is none. An owner saving for the last time is waited
// for, so that its lock is free before a new one takes it.
func (h *Hub) attachTo(path string, by model.Actor, open func() (*Owner, error)) (*Client, error) {
	h.mu.Lock()
	for {
		done, closing := h.closing[path]
		if !closing {
			break
		}
		h.mu.Unlock()
		<-done
		h.mu.Lock()
		if h.closing[path] == done {
			delete(h.closing, path)
		}
	}
	o := h.owners[path]
	if o == nil {
		var err error
		if o, err = open(); err != nil {
			h.mu.Unlock()
			return nil, err
		}
		h.owners[path] = o
	}
	o.attached++
	h.mu.Unlock()
	c := &Client{owner: o, actor: by, wake: make(chan struct{}, 1)}
	o.join(c)
	return c, nil
}

// Join attaches by to the live session c is attached to: the same owner,
// found through c rather than by the file's path, so a session stays
// joinable when its file or folder has been renamed or deleted since it
// was opened (the owner still saves where it opened it). It fails with
// ErrOwnerClosed once that session has closed here.
func (h *Hub) Join(c *Client, by model.Actor) (*Client, error) {
	o := c.owner
	h.mu.Lock()
	if o.hub != h || h.owners[o.path] != o {
		h.mu.Unlock()
		return nil, ErrOwnerClosed
	}
	o.attached++
	h.mu.Unlock()
	joined := &Client{owner: o, actor: by, wake: make(chan struct{}, 1)}
	o.join(joined)
	return joined, nil
}

// leave detaches a client; the last one closes its owner.
func (h *Hub) leave(c *Client) error {
	o := c.owner
	h.mu.Lock()
	o.attached--
	last := o.attached == 0
	if last {
		delete(h.owners, o.path)
		h.closing[o.path] = o.done
	}
	h.mu.Unlock()
	err := o.detach(c, last)
	if last {
		h.mu.Lock()
		if h.closing[o.path] == o.done {
			delete(h.closing, o.path)
		}
		h.mu.Unlock()
	}
	return err
}

// Live reports whether the session at path is open in this process.
func (h *Hub) Live(path string) bool {
	real, err := RealPath(path)
	if err != nil {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.owners[real] != nil
}

// MarkDoneIn marks a commitment done in another session, as when a
// carried commitment is done and the facilitator confirms it was done
// there too. Nothing else in that session changes but its last-updated
// time, and a closed session stays closed. It goes through that session's
// owner: the one open here if there is one, else one opened for the
// moment, which fails if another Pit Stop has it open.
func (h *Hub) MarkDoneIn(st *Store, sessionID, commitmentID string, by model.Actor) error {
	path, err := st.Find(sessionID)
	if err != nil {
		return fmt.Errorf("could not mark it done in %s too: %w", sessionID, err)
	}
	c, err := h.Open(st, path, by)
	if err != nil {
		return fmt.Errorf("could not mark it done in %s too: %w", sessionID, err)
	}
	err = c.Do(model.MarkCarriedDone{ID: commitmentID})
	if lerr := c.Leave(); err == nil {
		err = lerr
	}
	if err != nil {
		return fmt.Errorf("could not mark it done in %s too: %w", sessionID, err)
	}
	return nil
}
