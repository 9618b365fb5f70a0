package sessions

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"pitstop/model"
)

// Owner is the one owner of a session open in this process. Every change
// is a command sent by a client with its actor; the owner applies commands
// one at a time in arrival order, checked against the permission table,
// publishes the new state to every client at once and saves right after,
// off the clients' path: one save in flight, the newest change waiting
// behind it. A failed save is tried again by itself, with growing pauses,
// until it succeeds. Time-driven changes (a stop's time running low or
// up, a stop that moves on by itself, the wall clock stepping back) are
// made here, once, however many screens watch.
//
// Owners are made and closed by a Hub; clients never see one directly.
type Owner struct {
	hub   *Hub
	store *Store
	path  string // the real file: links followed
	lock  *Lock  // nil when read-only
	clock Clock

	requests chan request
	attach   chan attachRequest
	detaches chan detachRequest
	done     chan struct{} // closed when run has returned

	mu     sync.Mutex // guards latest and clients
	latest Update
	// clients are those attached, in the order they joined: every screen
	// lists who is here in that order, not in a map's.
	clients []*Client

	attached int // clients attached or attaching; guarded by the hub's mutex
}

type request struct {
	by    model.Actor
	cmd   model.Command
	reply chan error
}

type detachRequest struct {
	c     *Client
	last  bool // the hub says no other client is attached or attaching
	reply chan error
}

// maxBatch is how many queued commands are applied before one update is
// published: under a burst of senders every screen redraws once per batch
// rather than once per command.
const maxBatch = 64

// Save retries wait this long after the first failure, doubling up to the
// longest pause.
const (
	firstRetry   = time.Second
	longestRetry = 10 * time.Second
)

func newOwner(h *Hub, st *Store, path string, s *model.Session, lock *Lock, readOnly string, live bool) *Owner {
	now := h.clock.Now()
	o := &Owner{
		hub: h, store: st, path: path, lock: lock, clock: h.clock,
		requests: make(chan request),
		attach:   make(chan attachRequest),
		detaches: make(chan detachRequest),
		done:     make(chan struct{}),
	}
	// The hub's lock is held: owners are made under it.
	s.Room.MinAnswers, s.SpeakingTime = h.rules.MinAnswers, h.rules.SpeakingTime
	o.latest = Update{Session: s.Clone(), Save: SaveState{At: now, ReadOnly: readOnly, Live: live}}
	if lock != nil {
		lock.settle() // the file as just loaded: what a change made outside is told from
	}
	go o.run(s)
	return o
}

// do sends a command and waits for it to be applied.
func (o *Owner) do(by model.Actor, cmd model.Command) error {
	r := request{by: by, cmd: cmd, reply: make(chan error, 1)}
	select {
	case o.requests <- r:
		return <-r.reply
	case <-o.done:
		return ErrOwnerClosed
	}
}

func (o *Owner) current() Update {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.latest
}

// attachRequest is a client to attach, and where to say it is: its
// first look at the session already has it among who is here.
type attachRequest struct {
	c     *Client
	reply chan struct{}
}

// join attaches a client, and returns once the update that says so is
// published. The hub has counted it, so the owner is not closing.
func (o *Owner) join(c *Client) {
	r := attachRequest{c: c, reply: make(chan struct{})}
	o.attach <- r
	<-r.reply
}

// detach removes a client; the last one closes the owner, and the error is
// then that of the final save.
func (o *Owner) detach(c *Client, last bool) error {
	r := detachRequest{c: c, last: last, reply: make(chan error, 1)}
	select {
	case o.detaches <- r:
		return <-r.reply
	case <-o.done:
		return nil
	}
}

// ownerState is what the owner's loop keeps to itself.
type ownerState struct {
	s        *model.Session
	version  uint64
	eventSeq uint64
	save     SaveState
	inFlight bool // a save is being written
	failures int  // saves failed in a row
	retry    *time.Timer
	levels   map[string]timeLevel // how far each stop's time had run, at the last look
	watch    stepWatch
	disk     cacheKey // the file as last read, for a read-only session that follows it
}

type saveResult struct {
	version uint64
	err     error
	outside outsideEdit // the file had been changed outside Pit Stop
}

func (o *Owner) run(s *model.Session) {
	defer close(o.done)
	st := &ownerState{s: s, save: o.latest.Save, levels: map[string]timeLevel{}}
	st.watch.observe(o.clock)
	// A session reopened with its time already up does not ring again.
	for _, stop := range s.Stops {
		st.levels[stop.Key] = levelOf(stop, o.clock.Now())
	}
	if o.lock == nil {
		st.disk = o.diskKey()
	}
	saved := make(chan saveResult, 1)
	ticker := time.NewTicker(o.hub.tick)
	defer ticker.Stop()
	var retry <-chan time.Time
	for {
		select {
		case r := <-o.requests:
			batch := []request{r}
		drain:
			for len(batch) < maxBatch {
				select {
				case r := <-o.requests:
					batch = append(batch, r)
				default:
					break drain
				}
			}
			events := o.observeClock(st)
			errs := make([]error, len(batch))
			for i, r := range batch {
				var ev model.Event
				if ev, errs[i] = o.apply(st, r.by, r.cmd); errs[i] == nil {
					events = append(events, ev)
				}
			}
			if o.hub.saveFirst && o.lock != nil && st.version > st.save.Version {
				events = append(events, o.saveNow(st)...)
			}
			// Shown to every screen before the senders hear back.
			if len(events) > 0 {
				o.publish(st, events)
			}
			for i, r := range batch {
				r.reply <- errs[i]
			}
			retry = o.startSave(st, saved, retry)
		case res := <-saved:
			st.inFlight = false
			events := o.noteOutsideEdit(st, res.outside)
			if res.err == nil {
				st.save.Version, st.save.At, st.save.Err, st.save.Retry = res.version, o.clock.Now(), nil, time.Time{}
				st.failures = 0
				retry = nil
			} else {
				st.save.Err = res.err
				st.failures++
				wait := min(firstRetry<<min(st.failures-1, 5), longestRetry)
				st.save.Retry = o.clock.Now().Add(wait)
				retry = time.After(wait)
			}
			o.publish(st, events)
			if res.err == nil && st.save.Version < st.version {
				retry = o.startSave(st, saved, retry) // a change came in while this one was written
			}
		case <-retry:
			retry = nil
			retry = o.startSave(st, saved, retry)
		case <-ticker.C:
			events := o.observeClock(st)
			events = append(events, o.timeEvents(st)...)
			if o.lock == nil {
				events = append(events, o.followDisk(st)...)
			}
			if len(events) > 0 {
				o.publish(st, events)
				retry = o.startSave(st, saved, retry)
			}
		case r := <-o.attach:
			o.mu.Lock()
			o.clients = append(o.clients, r.c)
			o.mu.Unlock()
			o.publish(st, []model.Event{o.event(st, model.Event{By: r.c.actor, Kind: model.EventJoined})})
			close(r.reply)
		case d := <-o.detaches:
			o.mu.Lock()
			o.clients = slices.DeleteFunc(o.clients, func(c *Client) bool { return c == d.c })
			last := len(o.clients) == 0 && d.last
			o.mu.Unlock()
			if !last {
				o.publish(st, []model.Event{o.event(st, model.Event{By: d.c.actor, Kind: model.EventLeft})})
				d.reply <- nil
				continue
			}
			d.reply <- o.finish(st, saved, d.c)
			return
		}
	}
}

// apply applies one command and counts the change.
func (o *Owner) apply(st *ownerState, by model.Actor, cmd model.Command) (model.Event, error) {
	if o.latest.Save.ReadOnly != "" {
		return model.Event{}, fmt.Errorf("%w: this session is open for reading only (%s); nothing can be changed here", ErrReadOnly, o.latest.Save.ReadOnly)
	}
	ev, err := st.s.ApplyAs(by, cmd, o.clock.Now())
	if err != nil {
		return ev, err
	}
	st.version++
	if model.Unsaved(cmd.Kind()) && st.save.Version == st.version-1 {
		// Nothing the file holds has changed (a note from the room, held;
		// an answer): the file on disk is still this version.
		st.save.Version = st.version
	}
	return o.event(st, ev), nil
}

// event numbers an event.
func (o *Owner) event(st *ownerState, ev model.Event) model.Event {
	st.eventSeq++
	ev.Seq = st.eventSeq
	if ev.At.IsZero() {
		ev.At = model.Stamp(o.clock.Now())
	}
	if ev.Kind == model.EventJoined || ev.Kind == model.EventLeft || ev.Kind == model.EventTimeLow || ev.Kind == model.EventTimeUp {
		ev.Stop = st.s.Current
	}
	return ev
}

// publish makes the current state the latest and hands it to every client.
func (o *Owner) publish(st *ownerState, events []model.Event) {
	o.mu.Lock()
	u := Update{Session: o.latest.Session, Version: st.version, Events: events, Save: st.save}
	if u.Version != o.latest.Version {
		u.Session = st.s.Clone()
	}
	for _, c := range o.clients {
		u.Present = append(u.Present, c.actor)
	}
	o.latest = u
	clients := slices.Clone(o.clients)
	o.mu.Unlock()
	for _, c := range clients {
		c.deliver(u)
	}
}

// startSave writes the newest version unless one is being written (it
// follows when that is done) or it is already on disk. It returns the
// retry timer to keep: a new try makes a pending retry needless.
func (o *Owner) startSave(st *ownerState, saved chan<- saveResult, retry <-chan time.Time) <-chan time.Time {
	if st.inFlight || st.save.Version >= st.version || o.lock == nil {
		return retry
	}
	st.inFlight = true
	snap, version := o.current().Session, st.version
	go func() {
		outside, err := o.lock.save(o.store, snap, o.clock.Now())
		saved <- saveResult{version: version, err: err, outside: outside}
	}()
	return nil
}

// saveNow saves the newest version on the owner's own goroutine (see
// WithSaveBeforeShown). It returns the event of a change made outside
// Pit Stop that the save found, if any.
func (o *Owner) saveNow(st *ownerState) []model.Event {
	outside, err := o.lock.save(o.store, st.s.Clone(), o.clock.Now())
	events := o.noteOutsideEdit(st, outside)
	if err != nil {
		st.save.Err = err
		return events
	}
	st.save.Version, st.save.At, st.save.Err = st.version, o.clock.Now(), nil
	return events
}

// noteOutsideEdit records in the save state, for every screen, that a
// save found the file changed outside Pit Stop, and makes the event that
// says so; nothing when the save found no such change.
func (o *Owner) noteOutsideEdit(st *ownerState, e outsideEdit) []model.Event {
	if e.note == "" {
		return nil
	}
	st.save.OutsideEdit, st.save.OutsideEditAt, st.save.OutsideCopy = e.note, o.clock.Now(), e.kept
	return []model.Event{o.event(st, model.Event{By: model.System, Kind: EventOutsideEdit})}
}

// finish is the last thing the owner does: wait for the save in flight,
// write the newest version if it is not on disk yet, and let go of the
// file. Its error is that of the final save. A change made outside Pit
// Stop that the final save finds is told to last, the client leaving.
func (o *Owner) finish(st *ownerState, saved chan saveResult, last *Client) error {
	var events []model.Event
	if st.inFlight {
		res := <-saved
		if res.err == nil {
			st.save.Version = res.version
		}
		events = append(events, o.noteOutsideEdit(st, res.outside)...)
	}
	var err error
	if o.lock != nil && st.save.Version < st.version {
		var outside outsideEdit
		outside, err = o.lock.save(o.store, st.s.Clone(), o.clock.Now())
		events = append(events, o.noteOutsideEdit(st, outside)...)
	}
	if len(events) > 0 {
		last.deliver(Update{Session: st.s.Clone(), Version: st.version, Events: events, Save: st.save})
	}
	if rerr := o.lock.Release(); err == nil && rerr != nil {
		err = rerr
	}
	return err
}

// observeClock shifts running timers when the wall clock has stepped back,
// so that they neither freeze for the step nor lose the run when paused.
func (o *Owner) observeClock(st *ownerState) []model.Event {
	step := st.watch.observe(o.clock)
	if step == 0 || o.lock == nil {
		return nil
	}
	running := false
	for _, stop := range st.s.Stops {
		running = running || stop.Timer.Running()
	}
	if !running {
		return nil
	}
	ev, err := o.apply(st, model.System, model.ShiftClock{By: step})
	if err != nil {
		return nil
	}
	return []model.Event{ev}
}

// timeLevel is how far a stop's planned time has run, as the room hears
// it: nothing to say yet, five minutes left, one minute left, time up.
type timeLevel int

const (
	timeFine timeLevel = iota
	timeFiveLeft
	timeOneLeft
	timeUp
)

func levelOf(stop model.Stop, now time.Time) timeLevel {
	left := stop.Remaining(now)
	switch {
	case left <= 0 && stop.Timer.Elapsed(now) > 0:
		return timeUp
	case left <= time.Minute && stop.Planned > time.Minute:
		return timeOneLeft
	case left <= 5*time.Minute && stop.Planned > 5*time.Minute:
		return timeFiveLeft
	}
	return timeFine
}

// timeEvents says, once, when the current stop's time runs low and when it
// is up, and moves on by itself at a stop that is set to.
func (o *Owner) timeEvents(st *ownerState) []model.Event {
	s := st.s
	stop := s.Stops[s.Current]
	now := o.clock.Now()
	level, was := levelOf(stop, now), st.levels[stop.Key]
	st.levels[stop.Key] = level
	if level <= was || !stop.Timer.Running() || s.IsClosed() {
		return nil // nothing new, or time given back, or nobody is timing
	}
	ev := model.Event{By: model.System, Kind: model.EventTimeLow, Left: stop.Remaining(now)}
	if level == timeUp {
		ev.Kind, ev.Left = model.EventTimeUp, 0
	}
	events := []model.Event{o.event(st, ev)}
	if level == timeUp && stop.AutoAdvance && s.Current < len(s.Stops)-1 {
		if next, err := o.apply(st, model.System, model.NextStop{From: stop.Key}); err == nil {
			events = append(events, next)
			// The stop arrived at starts fresh: what it had run before
			// is not news.
			st.levels[s.Stops[s.Current].Key] = levelOf(s.Stops[s.Current], now)
		}
	}
	return events
}

// diskKey is how the file stands on disk now.
func (o *Owner) diskKey() cacheKey {
	_, info, err := readSessionFile(o.path)
	if err != nil || info == nil {
		return cacheKey{}
	}
	return keyOf(info)
}

// EventReloaded is the event of a read-only session that changed on disk,
// written by the Pit Stop that has it open.
const EventReloaded model.EventKind = "reloaded"

// followDisk reads the file again when another Pit Stop has changed it.
func (o *Owner) followDisk(st *ownerState) []model.Event {
	key := o.diskKey()
	if key == st.disk || key == (cacheKey{}) {
		return nil
	}
	s, err := LoadFile(o.path)
	if err != nil {
		return nil // caught mid-write by an editor, say: the next look will do
	}
	st.disk, st.s = key, s
	st.version++
	st.save.Version = st.version
	return []model.Event{o.event(st, model.Event{By: model.Actor{Role: model.RoleFacilitator, Name: "another Pit Stop"}, Kind: EventReloaded})}
}
