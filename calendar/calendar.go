// Package calendar writes the open commitments of a session that have a
// due date as an iCalendar file (RFC 5545), which any calendar app imports
// with no account and no network: one all-day event per commitment, on
// the day it is due, saying who owns it and the session and team it was
// made in.
//
// Events, not to-dos (VTODO): a VTODO would say "a task, due then" more
// exactly, but many calendar apps (Google Calendar among them) drop
// VTODOs on import, and a due date nobody sees helps nobody. An all-day
// event shows on the day in every app; it is marked transparent, so it
// never makes its owner look busy.
//
// Each event's UID is its commitment's, the same in every export, so
// importing a later export updates the events an earlier one made instead
// of adding them twice; SEQUENCE and LAST-MODIFIED rise with the
// commitment's last change, so the newer version wins whatever order the
// files are imported in.
//
// The package does no terminal work and, apart from WriteNextTo and what
// Options.LoadSession does, no IO.
package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"pitstop/internal/besidesession"
	"pitstop/model"
	"pitstop/present"
)

// Ext is the calendar file's extension.
const Ext = ".ics"

// ProductID names Pit Stop as the calendar's maker (PRODID).
const ProductID = "-//Pit Stop//Commitments//EN"

// Options are what a calendar needs beyond the session itself.
type Options struct {
	// Now stamps the events (DTSTAMP); the zero time means time.Now().
	Now time.Time
	// LoadSession reads the saved session with this id. With it, a
	// commitment carried over several sessions is followed back to the
	// session it was first made in, whose UID it keeps; without it (nil,
	// or a session it cannot read), back to the session it was carried
	// from last.
	LoadSession func(id string) (*model.Session, error)
}

// ErrNothingDue is returned when no open commitment of the session has a
// due date, so a calendar would hold no event. Nothing is written then.
var ErrNothingDue = errors.New("no open commitment has a due date")

// Due lists the commitments a calendar of s holds: the open ones with a
// due date, soonest first, as every list of commitments orders them.
// Carried ones are included while they are open in s.
func Due(s *model.Session) []model.Commitment {
	var due []model.Commitment
	for _, i := range present.CommitmentOrder(s) {
		if c := s.Commitments[i]; c.Status == model.CommitmentOpen && !c.Due.IsZero() {
			due = append(due, c)
		}
	}
	return due
}

// Render writes the calendar of s: an iCalendar file with CRLF line ends
// and lines folded at 75 octets, one all-day event per commitment of Due.
// It returns ErrNothingDue when Due is empty.
func Render(s *model.Session, opts Options) ([]byte, error) {
	due := Due(s)
	if len(due) == 0 {
		return nil, ErrNothingDue
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	cal := ics.NewCalendar() // VERSION:2.0
	cal.SetProductId(ProductID)
	cal.SetXWRCalName("Pit Stop: " + s.Title)

	origins := &originFinder{load: opts.LoadSession, loaded: map[string]*model.Session{}}
	used := map[string]bool{}
	for _, c := range due {
		o := origins.find(s, c)
		uid := uniqueUID(UID(o.session, o.id), s, c, used)
		ev := cal.AddEvent(uid)
		ev.SetDtStampTime(now)
		if changed := lastChange(s, c); !changed.IsZero() {
			ev.SetLastModifiedAt(changed)
			ev.SetSequence(sequence(changed))
		}
		day := time.Date(c.Due.Year, c.Due.Month, c.Due.Day, 0, 0, 0, 0, time.UTC)
		ev.SetAllDayStartAt(day)
		ev.SetAllDayEndAt(day.AddDate(0, 0, 1)) // the end is the day after: the event is that one day
		ev.SetTimeTransparency(ics.TransparencyTransparent)
		ev.SetSummary(summary(c))
		ev.SetDescription(description(s, c, o))
	}
	var out bytes.Buffer
	// The library writes "\n" on Unix unless told; RFC 5545 wants CRLF.
	if err := cal.SerializeTo(&out, ics.WithNewLineWindows, ics.WithLineLength(75)); err != nil {
		return nil, fmt.Errorf("writing the calendar: %w", err)
	}
	return out.Bytes(), nil
}

// PathNextTo is where WriteNextTo puts the calendar of the session file at
// sessionPath: /dir/ID.toml gives /dir/ID.ics.
func PathNextTo(sessionPath string) string {
	return strings.TrimSuffix(sessionPath, filepath.Ext(sessionPath)) + Ext
}

// WriteNextTo renders the calendar of s and writes it next to the session
// file at sessionPath (see PathNextTo), atomically and with the session
// file's permissions. It returns the path written. As with the minutes,
// nothing is written through a link there nor over a file that holds a
// session. When no open commitment has a due date it writes nothing and
// returns ErrNothingDue.
func WriteNextTo(sessionPath string, s *model.Session, opts Options) (string, error) {
	data, err := Render(s, opts)
	if err != nil {
		return "", err
	}
	path := PathNextTo(sessionPath)
	if err := besidesession.Write(sessionPath, path, data, "the calendar"); err != nil {
		return "", err
	}
	return path, nil
}

// UID is the calendar UID of the commitment with this id in the session
// with this id.
func UID(sessionID, commitmentID string) string {
	return "commitment-" + commitmentID + "." + sessionID + "@pitstop"
}

// uniqueUID keeps each UID to one event of the file, as RFC 5545 asks:
// two commitments of one session that claim the same origin (a file
// edited by hand) would otherwise be one event in the calendar, one of
// them lost. The second falls back to its own UID in this session.
func uniqueUID(uid string, s *model.Session, c model.Commitment, used map[string]bool) string {
	if used[uid] {
		uid = UID(s.ID, c.ID)
	}
	for n := 2; used[uid]; n++ {
		uid = UID(s.ID, c.ID+"-"+strconv.Itoa(n))
	}
	used[uid] = true
	return uid
}

// origin is where a commitment was first made: the session's id and the
// commitment's id there, and how to name that session for people.
type origin struct {
	session, id string
	name        string // "“Kickoff” (2026-11-22)", or the session's id; "" for this session
}

// originFinder follows carried commitments back to where they were made,
// reading each earlier session once.
type originFinder struct {
	load   func(id string) (*model.Session, error)
	loaded map[string]*model.Session // nil for a session that could not be read
}

// find is the origin of c, a commitment of s.
//
// A commitment carried into a later session is the same promise as the
// one it was carried from, so it keeps that one's UID: exporting the
// second session then updates the event the first session's export made
// instead of adding a second one for the same promise. A session records
// only the session it carried from, so a commitment carried on again is
// followed back session by session, as far as they can be read. Where the
// chain breaks (a session deleted or unreadable) the UID is that of the
// last session known, and an earlier export's event may be repeated once.
func (f *originFinder) find(s *model.Session, c model.Commitment) origin {
	if c.CarriedFrom == "" || c.CarriedID == "" {
		return origin{session: s.ID, id: c.ID}
	}
	o := origin{session: c.CarriedFrom, id: c.CarriedID}
	seen := map[string]bool{s.ID: true}
	for !seen[o.session] { // a chain that loops (files edited by hand) ends
		seen[o.session] = true
		prev := f.session(o.session)
		if prev == nil {
			break
		}
		i := slices.IndexFunc(prev.Commitments, func(pc model.Commitment) bool { return pc.ID == o.id })
		if i < 0 || prev.Commitments[i].CarriedFrom == "" || prev.Commitments[i].CarriedID == "" {
			break
		}
		o.session, o.id = prev.Commitments[i].CarriedFrom, prev.Commitments[i].CarriedID
	}
	o.name = o.session
	if first := f.session(o.session); first != nil && first.Title != "" {
		o.name = "“" + first.Title + "”"
		if !first.Created.IsZero() {
			o.name += " (" + first.Created.Format(model.DateLayout) + ")"
		}
	}
	return o
}

func (f *originFinder) session(id string) *model.Session {
	if f.load == nil {
		return nil
	}
	if s, ok := f.loaded[id]; ok {
		return s
	}
	s, err := f.load(id)
	if err != nil || s == nil || s.ID != id {
		s = nil // a session that is not the one named does not say where a promise began
	}
	f.loaded[id] = s
	return s
}

// lastChange is when c last changed in s: when it was edited, else when it
// was recorded (or carried in), else when the session was last saved.
func lastChange(s *model.Session, c model.Commitment) time.Time {
	t := c.Created
	if c.Edited.After(t) {
		t = c.Edited
	}
	if t.IsZero() {
		t = s.Updated
	}
	return t
}

// sequenceEpoch is where SEQUENCE starts counting.
var sequenceEpoch = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

// sequence is the event's revision number (SEQUENCE) for a commitment last
// changed at changed: the seconds since sequenceEpoch. Calendars keep the
// version with the highest SEQUENCE of an event they already hold, so it
// must rise with every change, across sessions too (a carried copy is
// newer than its origin), whichever file is imported last; a counter kept
// per session could not. Seconds fit the 32-bit numbers some calendars
// use until 2088.
func sequence(changed time.Time) int {
	return max(0, int(changed.Sub(sequenceEpoch)/time.Second))
}

// summary is the event's title: the commitment on one line, and who
// owns it, "Draft the MOU (Dana)", or "(needs an owner)".
func summary(c model.Commitment) string {
	owner := c.Owner
	if owner == "" {
		owner = present.NeedsOwner
	}
	return present.OneLine(c.Text) + " (" + owner + ")"
}

// description is the event's text: the commitment as typed, then who,
// when and where it comes from, a fact a line.
func description(s *model.Session, c model.Commitment, o origin) string {
	lines := []string{c.Text, ""}
	if c.Owner != "" {
		lines = append(lines, "Owner: "+c.Owner)
	} else {
		lines = append(lines, "Owner: nobody yet; the team still needs to agree who will do it.")
	}
	lines = append(lines, "Due: "+c.Due.String())
	session := "Session: " + s.Title
	if !s.Created.IsZero() {
		session += " (" + s.Created.Format(model.DateLayout) + ")"
	}
	lines = append(lines, session)
	if s.Team != "" {
		lines = append(lines, "Team: "+s.Team)
	}
	if o.name != "" {
		lines = append(lines, "Carried over from an earlier session; first made in "+o.name+".")
	}
	lines = append(lines, "", "From Pit Stop: commitment "+c.ID+" of session "+s.ID+".")
	return strings.Join(lines, "\n")
}
