package sessions

import (
	"errors"
	"sync"
	"time"

	"pitstop/model"
)

// ErrOwnerClosed is returned by Do after the session has been closed in
// this process (the last screen left it).
var ErrOwnerClosed = errors.New("this session has been closed in Pit Stop; open it again to make changes")

// Update is what every screen attached to a live session is told: the
// session as it now is, what happened since the screen last looked, and
// whether it is safely on disk.
type Update struct {
	// Session is a snapshot shared by every screen: read it, never change it.
	Session *model.Session
	// Version counts the changes applied since the owner started.
	Version uint64
	// Events are what happened since the screen's previous update, oldest
	// first, each exactly once; time-driven events (time low, time up)
	// come with an unchanged Session.
	Events []model.Event
	// Save says whether Version is on disk.
	Save SaveState
	// Present is who is attached, the screen itself included.
	Present []model.Actor
}

// SaveState is how the live session stands with the disk.
type SaveState struct {
	Version uint64    // the last version written to disk
	At      time.Time // when it was written
	// Err is why the last try failed, nil once a save succeeds. While it
	// is set the owner tries again by itself, at Retry.
	Err   error
	Retry time.Time
	// ReadOnly says why this session can be looked at but not changed
	// (the file or folder is read-only, or it is open in another Pit
	// Stop); empty when it can be changed.
	ReadOnly string
	// Live is set for a read-only session that another Pit Stop is
	// writing: it follows the file on disk.
	Live bool
	// OutsideEdit says, in words for every screen, that the session file
	// was changed (or deleted) outside Pit Stop while the session was
	// open here, and what was done: the session as it is here was saved,
	// and the changed file kept beside it as OutsideCopy ("NAME.toml was
	// changed outside Pit Stop; the session as it is here is saved there,
	// and the changed file is kept beside it as NAME.toml.outside-edit-
	// 20261207-101500."). Empty until that happens; then the latest such
	// change, from OutsideEditAt on. The update that first carries it has
	// an event of kind EventOutsideEdit, for the line mode to say once.
	OutsideEdit   string
	OutsideEditAt time.Time
	OutsideCopy   string // the kept file's path; "" when the file had been deleted
}

// Saving reports whether changes the screen shows are not on disk yet.
// What a screen calls saved (not Saving) survives the process being killed.
func (u Update) Saving() bool { return u.Save.ReadOnly == "" && u.Save.Version < u.Version }

// SavedWords says in a sentence whether what this update shows is on
// disk: "Everything is saved.", "The last changes are being saved.", or
// "Not saved yet: the disk is full. Pit Stop keeps trying; nothing typed
// is lost." Every claim that something is saved is made from it, so none
// is made while it is not so.
func (u Update) SavedWords() string {
	switch {
	case u.Save.ReadOnly != "":
		return "Nothing was changed here."
	case u.Save.Err != nil:
		return "Not saved yet: " + Problem(u.Save.Err) + ". Pit Stop keeps trying; nothing typed is lost."
	case u.Saving():
		return "The last changes are being saved."
	}
	return "Everything is saved."
}

// Attached is what a front end (a screen, the line mode) holds of a live
// session: it sends commands as its actor and receives every update.
// *Client is one; tests give their own.
type Attached interface {
	Do(cmd model.Command) error
	Next() (Update, bool)
	Current() Update
	Actor() model.Actor
	Path() string
}

// Client is one screen attached to a live session: it sends commands as
// its actor and receives every update. Clients come from a Hub.
type Client struct {
	owner *Owner
	actor model.Actor

	mu      sync.Mutex
	pending Update // the updates not yet taken, merged
	has     bool
	left    bool // no more updates come
	leaving bool // Leave was called
	wake    chan struct{}
}

// maxPendingEvents bounds the events kept for a screen that does not read:
// a screen that far behind is told the latest state, and the oldest events
// are let go.
const maxPendingEvents = 4096

// Actor is who this client sends commands as.
func (c *Client) Actor() model.Actor { return c.actor }

// Path is the file the session is saved to.
func (c *Client) Path() string { return c.owner.path }

// Do applies a command as this client's actor and returns once it is
// applied and shown to every screen: saving follows at once, and the
// updates say when it is done (Update.Saving). The error is the command's
// own (the session is then unchanged), a refusal of the permission table,
// ErrReadOnly wrapped, or ErrOwnerClosed.
func (c *Client) Do(cmd model.Command) error { return c.owner.do(c.actor, cmd) }

// Current is the latest state, without waiting.
func (c *Client) Current() Update { return c.owner.current() }

// Next waits for the next update and returns it with everything that
// happened since the last one. ok is false once the client has left or the
// session has ended.
func (c *Client) Next() (u Update, ok bool) {
	for {
		c.mu.Lock()
		if c.has {
			u, c.pending, c.has = c.pending, Update{}, false
			c.mu.Unlock()
			return u, true
		}
		if c.left {
			c.mu.Unlock()
			return Update{}, false
		}
		c.mu.Unlock()
		<-c.wake
	}
}

// deliver hands the client an update; one it has not taken yet is merged
// into it, so no event is lost and the newest state wins.
func (c *Client) deliver(u Update) {
	c.mu.Lock()
	if c.left {
		c.mu.Unlock()
		return
	}
	if c.has && len(c.pending.Events) > 0 {
		merged := make([]model.Event, 0, len(c.pending.Events)+len(u.Events))
		merged = append(append(merged, c.pending.Events...), u.Events...)
		if len(merged) > maxPendingEvents {
			merged = merged[len(merged)-maxPendingEvents:]
		}
		u.Events = merged
	}
	c.pending, c.has = u, true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// end tells the client there is nothing more to come.
func (c *Client) end() {
	c.mu.Lock()
	c.left = true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// SaveCopy writes the session as it now is to path, a place the person
// chose while the session's own file cannot be saved (the disk is full):
// a rescue copy that keeps every word. It does not change where the
// session is saved.
func (c *Client) SaveCopy(path string) error {
	return c.owner.store.SaveFile(path, c.owner.current().Session)
}

// Leave detaches the client. The last client to leave closes the session:
// it is saved one last time and its lock released. The error says if that
// last save failed; the words are then only in the rescue copies that
// were made.
func (c *Client) Leave() error {
	c.mu.Lock()
	if c.leaving {
		c.mu.Unlock()
		return nil
	}
	c.leaving = true
	c.mu.Unlock()
	err := c.owner.hub.leave(c)
	c.end()
	return err
}
