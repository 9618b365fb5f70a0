package sessions

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"pitstop/model"
)

// Leaving says how a screen left its session, for Leave.
type Leaving struct {
	// Stopped: the process was asked to stop from outside (a signal, the
	// host stopping serving). A facilitator's running timer is paused as
	// q would have.
	Stopped bool
	// RescuedTo is where the screen already wrote a copy of everything,
	// if it did.
	RescuedTo string
	// Lose: the person chose to leave without the unsaved changes.
	Lose bool
	// Now is the clock, for the rescue copy's name; nil: the computer's.
	Now func() time.Time
}

// Departure is how a session was left: saved, or saved only in a rescue
// copy, or (as the person chose) not saved.
type Departure struct {
	Title, ID, Path string
	ReadOnly        bool
	// Err is why the session's own file could not be saved at the end;
	// nil when everything is on disk.
	Err error
	// RescuedTo is where every word is when the file could not be saved.
	RescuedTo string
	// RescueErr is why no rescue copy could be written either.
	RescueErr error
	// Lost: the changes were left unsaved, as the person chose.
	Lost bool
}

// Saved reports whether everything is on disk, in the session's own file.
func (d Departure) Saved() bool { return d.Err == nil }

// Leave leaves the session c is attached to, the one way every screen
// does it (the full screen, the line mode, the browser, a server stopping):
// a facilitator stopped from outside pauses the running timer first; the
// last client's leaving saves; and when that save fails, every word goes
// to a rescue copy in the home directory, unless the screen wrote one
// already or the person chose to lose them.
func Leave(c *Client, how Leaving) Departure {
	u := c.Current()
	s := u.Session
	if how.Stopped && c.Actor().Role == model.RoleFacilitator && u.Save.ReadOnly == "" && !s.IsClosed() && s.CurrentStop().Timer.Running() {
		_ = c.Do(model.PauseTimer{}) // as q does, when the screen had no time to
		u = c.Current()
		s = u.Session
	}
	d := Departure{Title: s.Title, ID: s.ID, Path: c.Path(), ReadOnly: u.Save.ReadOnly != ""}
	d.Err = c.Leave()
	if d.Err == nil {
		return d
	}
	switch {
	case how.RescuedTo != "":
		d.RescuedTo = how.RescuedTo
	case how.Lose:
		d.Lost = true
	default:
		now := time.Now
		if how.Now != nil {
			now = how.Now
		}
		path := RescuePath(s, now())
		if err := c.owner.store.SaveFile(path, s); err != nil {
			d.RescueErr = err
		} else {
			d.RescuedTo = path
		}
	}
	return d
}

// RescuePath is where a rescue copy goes when nobody says where: the home
// directory (or the temporary one), named so that it is found and not
// mistaken for the session's own file.
func RescuePath(s *model.Session, now time.Time) string {
	dir, err := os.UserHomeDir()
	if err != nil || dir == "" {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "pitstop-rescue-"+s.ID+"-"+now.Format("20060102-150405")+Ext)
}

// Remedy says, for a message about a save that failed, when it can be
// put right: "when there is room again" for a full disk, "once Pit Stop
// may write there again" for a permission or a read-only disk.
func Remedy(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "when there is room again"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return "once Pit Stop may write there again"
	}
	return "once it can be saved there again"
}
