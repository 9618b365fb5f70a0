package model

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Command is one change to a session. The live session owner applies
// commands one at a time, in the order they arrive; views never change a
// session themselves.
type Command interface {
	// Kind names the command in the permission table and in events.
	Kind() CommandKind
	apply(s *Session, by Actor, now time.Time) error
}

// Apply applies cmd for tools and tests that work on a session directly,
// with no sender: the permission table is not asked and new entries have
// no author. Live sessions go through ApplyAs, with who sent it.
func (s *Session) Apply(cmd Command, now time.Time) error {
	if cmd == nil {
		return errors.New("no command")
	}
	_, err := s.apply(Actor{}, cmd, now)
	return err
}

// ApplyAs checks cmd against the permission table for by's role, validates
// it and applies it as of now, and says what happened. On error the
// session is left as it was. A closed session accepts nothing but
// ReopenSession. New entries are stamped with by as their author.
func (s *Session) ApplyAs(by Actor, cmd Command, now time.Time) (Event, error) {
	if cmd == nil {
		return Event{}, errors.New("no command")
	}
	if err := Permit(by.Role, cmd.Kind()); err != nil {
		return Event{}, err
	}
	return s.apply(by, cmd, now)
}

func (s *Session) apply(by Actor, cmd Command, now time.Time) (Event, error) {
	now = Stamp(now)
	if s.IsClosed() && !changesClosed(cmd.Kind()) {
		return Event{}, ErrClosed
	}
	var step *boardStep
	if bc, ok := cmd.(boardCommand); ok {
		if id, onBoard := bc.boardItem(s); onBoard {
			step = &boardStep{id: id, before: s.stateOf(id), change: cmd.Kind()}
		}
	}
	s.undone = Undone{}
	lastID := s.LastID
	// Commands validate before they change anything, so a failed command
	// leaves no trace; the few that touch several fields check first.
	if err := cmd.apply(s, by, now); err != nil {
		return Event{}, err
	}
	if step != nil {
		s.remember(by, *step)
	}
	s.Updated = now
	ev := Event{At: now, By: by, Kind: EventKind(cmd.Kind()), Stop: s.Current, Undid: s.undone}
	s.undone = Undone{}
	switch {
	case s.LastID != lastID:
		ev.Item = strconv.Itoa(s.LastID) // the entry the command made
	case step != nil:
		ev.Item = step.id
	case ev.Undid.ID != "":
		ev.Item = ev.Undid.ID
	default:
		if ic, ok := cmd.(interface{ itemID() string }); ok {
			ev.Item = ic.itemID()
		}
	}
	return ev, nil
}

// changesClosed reports whether a command of this kind may change a closed
// session: reopening it, the one fact of a carried commitment done later,
// and Pit Stop's own clock keeping.
func changesClosed(k CommandKind) bool {
	return k == KindReopenSession || k == KindMarkCarriedDone || k == KindShiftClock
}

// stopKey resolves an optional stop key: empty means the current stop.
func (s *Session) stopKey(key string) (string, error) {
	if key == "" {
		return s.CurrentStop().Key, nil
	}
	if s.StopIndex(key) < 0 {
		return "", fmt.Errorf("there is no stop %q in this session", key)
	}
	return key, nil
}

func (s *Session) newItem(stop string, by Actor, body string, now time.Time) (Item, error) {
	key, err := s.stopKey(stop)
	if err != nil {
		return Item{}, err
	}
	body, err = text(body)
	if err != nil {
		return Item{}, err
	}
	if s.Entries() >= MaxEntries {
		return Item{}, fmt.Errorf("this session already holds %d entries, the most one session keeps: start a new session to go on", MaxEntries)
	}
	author, err := label("name", by.Name, false)
	if err != nil {
		return Item{}, err
	}
	return Item{ID: s.nextID(), Stop: key, Role: string(by.Role), Author: author, Text: body, Created: now}, nil
}

// AddNote records a note at a stop (the current one when Stop is empty).
type AddNote struct {
	Stop, Said, Text string
}

func (c AddNote) apply(s *Session, by Actor, now time.Time) error {
	said, err := label("name of who said it", c.Said, false)
	if err != nil {
		return err
	}
	it, err := s.newItem(c.Stop, by, c.Text, now)
	if err != nil {
		return err
	}
	s.Notes = append(s.Notes, Note{Item: it, Said: said})
	return nil
}

// AddAgreement records something the group agreed on.
type AddAgreement struct {
	Stop, Text string
}

func (c AddAgreement) apply(s *Session, by Actor, now time.Time) error {
	it, err := s.newItem(c.Stop, by, c.Text, now)
	if err != nil {
		return err
	}
	s.Agreements = append(s.Agreements, Agreement{Item: it})
	return nil
}

// AddTension records a tension the group named.
type AddTension struct {
	Stop, Text string
}

func (c AddTension) apply(s *Session, by Actor, now time.Time) error {
	it, err := s.newItem(c.Stop, by, c.Text, now)
	if err != nil {
		return err
	}
	s.Tensions = append(s.Tensions, Tension{Item: it, Status: TensionOpen})
	return nil
}

// AddCommitment records a commitment. Owner may be empty ("needs an
// owner"); Due is empty or a date written YYYY-MM-DD.
type AddCommitment struct {
	Stop, Text, Owner, Due string
}

func (c AddCommitment) apply(s *Session, by Actor, now time.Time) error {
	owner, err := label("owner", c.Owner, false)
	if err != nil {
		return err
	}
	due, err := ParseDate(c.Due)
	if err != nil {
		return err
	}
	it, err := s.newItem(c.Stop, by, c.Text, now)
	if err != nil {
		return err
	}
	s.Commitments = append(s.Commitments, Commitment{Item: it, Owner: owner, Due: due, Status: CommitmentOpen})
	return nil
}

// EditText replaces the text of a note or board item.
type EditText struct {
	ID, Text string
}

func (c EditText) apply(s *Session, by Actor, now time.Time) error {
	body, err := text(c.Text)
	if err != nil {
		return err
	}
	_, it, ok := s.item(c.ID)
	if !ok {
		return ErrNotFound
	}
	it.Text, it.Edited = body, now
	return nil
}

// SetOwner changes who owns a commitment; empty means nobody yet.
type SetOwner struct {
	ID, Owner string
}

func (c SetOwner) apply(s *Session, by Actor, now time.Time) error {
	owner, err := label("owner", c.Owner, false)
	if err != nil {
		return err
	}
	cm, err := s.commitment(c.ID)
	if err != nil {
		return err
	}
	cm.Owner, cm.Edited = owner, now
	return nil
}

// SetDue changes a commitment's due date (YYYY-MM-DD, or empty for none).
type SetDue struct {
	ID, Due string
}

func (c SetDue) apply(s *Session, by Actor, now time.Time) error {
	due, err := ParseDate(c.Due)
	if err != nil {
		return err
	}
	cm, err := s.commitment(c.ID)
	if err != nil {
		return err
	}
	cm.Due, cm.Edited = due, now
	return nil
}

// SetCommitmentStatus marks a commitment open, done or dropped.
type SetCommitmentStatus struct {
	ID     string
	Status CommitmentStatus
}

func (c SetCommitmentStatus) apply(s *Session, by Actor, now time.Time) error {
	switch c.Status {
	case CommitmentOpen, CommitmentDone, CommitmentDropped:
	default:
		return fmt.Errorf("%q is not a commitment status: use open, done or dropped", c.Status)
	}
	cm, err := s.commitment(c.ID)
	if err != nil {
		return err
	}
	cm.Status = c.Status
	if c.Status == CommitmentOpen {
		cm.Done = time.Time{}
	} else {
		cm.Done = now
	}
	return nil
}

func (s *Session) tension(id string) (*Tension, error) {
	kind, i, ok := s.Find(id)
	if !ok {
		return nil, ErrNotFound
	}
	if kind != KindTension {
		return nil, fmt.Errorf("item %s is %s, not a tension", id, article(kind))
	}
	return &s.Tensions[i], nil
}

func (s *Session) commitment(id string) (*Commitment, error) {
	kind, i, ok := s.Find(id)
	if !ok {
		return nil, ErrNotFound
	}
	if kind != KindCommitment {
		return nil, fmt.Errorf("item %s is %s, not a commitment", id, article(kind))
	}
	return &s.Commitments[i], nil
}

// ResolveTension marks a tension resolved, optionally by an agreement.
type ResolveTension struct {
	ID, By string
}

func (c ResolveTension) apply(s *Session, by Actor, now time.Time) error {
	t, err := s.tension(c.ID)
	if err != nil {
		return err
	}
	if c.By != "" {
		if k, _, ok := s.Find(c.By); !ok || k != KindAgreement {
			return fmt.Errorf("item %s is not an agreement of this session", c.By)
		}
	}
	t.Status, t.ResolvedBy, t.Resolved = TensionResolved, c.By, now
	return nil
}

// DropTension marks a tension dropped: the group let it go without
// resolving it. It is no longer open, and is not carried forward.
type DropTension struct{ ID string }

func (c DropTension) apply(s *Session, by Actor, now time.Time) error {
	t, err := s.tension(c.ID)
	if err != nil {
		return err
	}
	t.Status, t.ResolvedBy, t.Resolved = TensionDropped, "", now
	return nil
}

// EditCommitment changes a commitment's words, owner and due date at once,
// as a line typed to add one gives them: one change, undone as one.
type EditCommitment struct {
	ID, Text, Owner, Due string
}

func (c EditCommitment) apply(s *Session, by Actor, now time.Time) error {
	body, err := text(c.Text)
	if err != nil {
		return err
	}
	owner, err := label("owner", c.Owner, false)
	if err != nil {
		return err
	}
	due, err := ParseDate(c.Due)
	if err != nil {
		return err
	}
	cm, err := s.commitment(c.ID)
	if err != nil {
		return err
	}
	cm.Text, cm.Owner, cm.Due, cm.Edited = body, owner, due, now
	return nil
}

// EditNote changes a note's words and who said it: Said replaces the
// speaker, and empty takes the name off (people may ask for that).
type EditNote struct {
	ID, Text, Said string
}

func (c EditNote) apply(s *Session, by Actor, now time.Time) error {
	body, err := text(c.Text)
	if err != nil {
		return err
	}
	said, err := label("name of who said it", c.Said, false)
	if err != nil {
		return err
	}
	kind, i, ok := s.Find(c.ID)
	if !ok {
		return ErrNotFound
	}
	if kind != KindNote {
		return fmt.Errorf("item %s is %s, not a note", c.ID, article(kind))
	}
	n := &s.Notes[i]
	n.Text, n.Said, n.Edited = body, said, now
	return nil
}

// ReopenTension marks a resolved or dropped tension open again.
type ReopenTension struct{ ID string }

func (c ReopenTension) apply(s *Session, by Actor, now time.Time) error {
	kind, i, ok := s.Find(c.ID)
	if !ok || kind != KindTension {
		return ErrNotFound
	}
	t := &s.Tensions[i]
	t.Status, t.ResolvedBy, t.Resolved = TensionOpen, "", time.Time{}
	return nil
}

// RemoveItem deletes a note or board item.
type RemoveItem struct{ ID string }

func (c RemoveItem) apply(s *Session, by Actor, now time.Time) error {
	kind, i, ok := s.Find(c.ID)
	if !ok {
		return ErrNotFound
	}
	s.removeAt(kind, i)
	return nil
}

// MoveItem turns a board item into another kind, keeping its id, text,
// stop and times, and losing nothing else either. What the new kind has a
// place for comes along: owner and due date stay with a commitment, where
// it was carried from moves between tensions and commitments, a tension
// that becomes an agreement is marked FromTension. What the new kind has no
// place for is kept in its Kept, so that moving the item back restores it:
// a done commitment moved to the tensions and back is done again, with its
// owner, due date and done time, and a resolved tension comes back resolved.
// Only open carries over as a status: a moved item is open in its new
// column unless it was something else there before.
type MoveItem struct {
	ID string
	To Kind
}

func (c MoveItem) apply(s *Session, by Actor, now time.Time) error {
	kind, i, ok := s.Find(c.ID)
	if !ok {
		return ErrNotFound
	}
	if kind == KindNote || c.To == KindNote {
		return errors.New("only board items move between agreements, tensions and commitments")
	}
	if c.To != KindAgreement && c.To != KindTension && c.To != KindCommitment {
		return fmt.Errorf("%q is not a board column", c.To)
	}
	if kind == c.To {
		return nil
	}
	// k gathers everything the item holds beyond its Item, whatever its
	// kind; the new kind takes its own fields out of it and keeps the rest.
	var it Item
	var k Kept
	switch kind {
	case KindAgreement:
		a := s.Agreements[i]
		it, k = a.Item, a.Kept
		k.FromTension = a.FromTension
	case KindTension:
		t := s.Tensions[i]
		it, k = t.Item, t.Kept
		k.TensionStatus, k.ResolvedBy, k.Resolved = t.Status, t.ResolvedBy, t.Resolved
		k.CarriedFrom, k.CarriedID = t.CarriedFrom, t.CarriedID
		if k.FromTension == "" {
			k.FromTension = t.ID // it leaves the tensions: it was one
		}
	case KindCommitment:
		cm := s.Commitments[i]
		it, k = cm.Item, cm.Kept
		k.Owner, k.Due, k.CommitmentStatus, k.Done = cm.Owner, cm.Due, cm.Status, cm.Done
		k.CarriedFrom, k.CarriedID = cm.CarriedFrom, cm.CarriedID
	}
	k = k.withoutOpen()
	s.removeAt(kind, i)
	it.Edited = now
	switch c.To {
	case KindAgreement:
		a := Agreement{Item: it, FromTension: k.FromTension, Kept: k}
		a.Kept.FromTension = ""
		s.Agreements = append(s.Agreements, a)
	case KindTension:
		t := Tension{Item: it, Status: TensionOpen, CarriedFrom: k.CarriedFrom, CarriedID: k.CarriedID, Kept: k}
		if k.TensionStatus == TensionResolved || k.TensionStatus == TensionDropped {
			t.Status, t.ResolvedBy, t.Resolved = k.TensionStatus, k.ResolvedBy, k.Resolved
		}
		t.Kept.TensionStatus, t.Kept.ResolvedBy, t.Kept.Resolved = "", "", time.Time{}
		t.Kept.CarriedFrom, t.Kept.CarriedID = "", ""
		s.Tensions = append(s.Tensions, t)
	case KindCommitment:
		cm := Commitment{Item: it, Owner: k.Owner, Due: k.Due, Status: CommitmentOpen, CarriedFrom: k.CarriedFrom, CarriedID: k.CarriedID, Kept: k}
		if k.CommitmentStatus != "" {
			cm.Status, cm.Done = k.CommitmentStatus, k.Done
		}
		cm.Kept.Owner, cm.Kept.Due, cm.Kept.CommitmentStatus, cm.Kept.Done = "", Date{}, "", time.Time{}
		cm.Kept.CarriedFrom, cm.Kept.CarriedID = "", ""
		s.Commitments = append(s.Commitments, cm)
	}
	return nil
}

// StartTimer starts the current stop's timer.
type StartTimer struct{}

func (StartTimer) apply(s *Session, by Actor, now time.Time) error {
	s.CurrentStop().Timer.Start(now)
	return nil
}

// PauseTimer pauses the current stop's timer.
type PauseTimer struct{}

func (PauseTimer) apply(s *Session, by Actor, now time.Time) error {
	s.CurrentStop().Timer.Pause(now)
	return nil
}

// ToggleTimer starts the current stop's timer if paused and pauses it if
// running. Sent by the one key a facilitator presses for both.
type ToggleTimer struct{}

func (ToggleTimer) apply(s *Session, by Actor, now time.Time) error {
	t := &s.CurrentStop().Timer
	if t.Running() {
		t.Pause(now)
	} else {
		t.Start(now)
	}
	return nil
}

// ResetTimer puts the current stop's timer back to zero.
type ResetTimer struct{}

func (ResetTimer) apply(s *Session, by Actor, now time.Time) error {
	s.CurrentStop().Timer.Reset()
	return nil
}

// ExtendTimer adds (or, when negative, removes) planned time at the current
// stop. Planned time never drops below one minute.
type ExtendTimer struct{ By time.Duration }

func (c ExtendTimer) apply(s *Session, by Actor, now time.Time) error {
	st := s.CurrentStop()
	planned := st.Planned + c.By.Round(time.Second)
	if planned < time.Minute {
		return errors.New("a stop needs at least one minute of planned time")
	}
	if planned > MaxPlanned {
		return fmt.Errorf("a stop can be planned for at most %v", MaxPlanned)
	}
	st.Planned = planned
	return nil
}

// NextStop moves the room to the next stop, pausing the timer of the stop
// it leaves. With From set, it moves on only if the room is still at that
// stop: a stop that moves on by itself must not skip one when the
// facilitator pressed next at the same moment.
type NextStop struct{ From string }

// ErrMovedOn is returned by NextStop{From} when the room has already left From.
var ErrMovedOn = errors.New("the room has already moved on from that stop")

func (c NextStop) apply(s *Session, by Actor, now time.Time) error {
	if c.From != "" && s.CurrentStop().Key != c.From {
		return ErrMovedOn
	}
	if s.Current == len(s.Stops)-1 {
		return ErrLastStop
	}
	s.goTo(s.Current+1, now)
	return nil
}

// PrevStop moves the room back one stop, pausing the running timer.
type PrevStop struct{}

func (PrevStop) apply(s *Session, by Actor, now time.Time) error {
	if s.Current == 0 {
		return ErrFirstStop
	}
	s.goTo(s.Current-1, now)
	return nil
}

// GoToStop moves the room to the stop with this key.
type GoToStop struct{ Key string }

func (c GoToStop) apply(s *Session, by Actor, now time.Time) error {
	i := s.StopIndex(c.Key)
	if i < 0 {
		return fmt.Errorf("there is no stop %q in this session", c.Key)
	}
	s.goTo(i, now)
	return nil
}

func (s *Session) goTo(i int, now time.Time) {
	if i == s.Current {
		return
	}
	from := s.CurrentStop()
	from.Timer.Pause(now)
	from.Left = now
	s.Current = i
	if to := s.CurrentStop(); to.Entered.IsZero() {
		to.Entered = now
	}
}

// Rate records the group's score for a partnership outcome, replacing an
// earlier score (or skip) of the same outcome in this session. Label is
// the outcome's label, kept with the rating.
type Rate struct {
	Outcome, Label string
	Score          int
}

func (c Rate) apply(s *Session, by Actor, now time.Time) error {
	if c.Score < MinScore || c.Score > MaxScore {
		return fmt.Errorf("a rating goes from %d to %d, not %d", MinScore, MaxScore, c.Score)
	}
	return s.rating(c.Outcome, c.Label, now, func(r *Rating) { r.Score, r.Skipped = c.Score, false })
}

// SkipOutcome records that the group chose not to rate an outcome.
type SkipOutcome struct{ Outcome, Label string }

func (c SkipOutcome) apply(s *Session, by Actor, now time.Time) error {
	return s.rating(c.Outcome, c.Label, now, func(r *Rating) { r.Score, r.Skipped = 0, true })
}

// NoteOutcome sets the group's note on an outcome (empty text takes it
// away), whether or not the outcome is rated yet.
type NoteOutcome struct{ Outcome, Label, Text string }

func (c NoteOutcome) apply(s *Session, by Actor, now time.Time) error {
	text := CleanText(c.Text)
	if len(text) > MaxTextBytes {
		return fmt.Errorf("the note is too long (%d bytes; at most %d)", len(text), MaxTextBytes)
	}
	return s.rating(c.Outcome, c.Label, now, func(r *Rating) { r.Note = text })
}

// rating changes the session's rating of one outcome, making it first if
// there is none.
func (s *Session) rating(outcome, label string, now time.Time, change func(*Rating)) error {
	key := CleanLabel(outcome)
	if key == "" {
		return errors.New("which outcome? the rating names none")
	}
	label = CleanLabel(label)
	if len(label) > MaxLabelBytes {
		return errors.New("the outcome's label is too long")
	}
	for i := range s.Ratings {
		if s.Ratings[i].Outcome == key {
			r := s.Ratings[i]
			change(&r)
			r.At = now
			if label != "" {
				r.Label = label
			}
			// A copy, not a change in place: snapshots handed out earlier
			// share the slice.
			s.Ratings = append(s.Ratings[:i:i], append([]Rating{r}, s.Ratings[i+1:]...)...)
			return nil
		}
	}
	if len(s.Ratings) >= MaxEntries {
		return fmt.Errorf("this session already holds %d ratings, the most one session keeps", MaxEntries)
	}
	r := Rating{Outcome: key, Label: label, At: now}
	change(&r)
	s.Ratings = append(s.Ratings[:len(s.Ratings):len(s.Ratings)], r)
	return nil
}

// CloseSession marks the session closed and pauses the running timer.
type CloseSession struct{}

func (CloseSession) apply(s *Session, by Actor, now time.Time) error {
	s.CurrentStop().Timer.Pause(now)
	s.CurrentStop().Left = now
	s.Status, s.Closed = StatusClosed, now
	// The room's answers to what was still open go unshown; its held
	// notes wait, in case the session is reopened.
	s.Room.close("")
	return nil
}

// ReopenSession makes a closed session changeable again.
type ReopenSession struct{}

func (ReopenSession) apply(s *Session, by Actor, now time.Time) error {
	if !s.IsClosed() {
		return ErrNotClosed
	}
	s.Status, s.Closed = StatusInProgress, time.Time{}
	return nil
}

// article is a kind with its article, for a sentence: "an agreement".
func article(k Kind) string {
	if k == KindAgreement {
		return "an " + string(k)
	}
	return "a " + string(k)
}
