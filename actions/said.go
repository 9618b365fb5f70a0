package actions

import (
	"slices"
	"strings"
	"time"

	"pitstop/model"
	"pitstop/present"
)

// saying is how a change of one kind is said: when it is done (to
// whoever follows the session in words) and, as the start of a phrase,
// when it is undone ("adding" the agreement “…”).
type saying struct {
	done   func(s said) string
	undone func(s said) string
}

// said is what a sentence about an event is made of.
type said struct {
	ev     model.Event
	by     string // "by you", "by dana (note-taker)"
	kind   model.Kind
	noun   string // the kind, capitalised: "Agreement"
	text   string // the entry's words (a commitment's with owner and date)
	words  string // the entry's words alone
	c      *model.Commitment
	after  *model.Session
	before *model.Session
}

// sayings are the table's words for each change.
var sayings = map[model.CommandKind]saying{
	model.KindAddNote:        {done: added, undone: phrase("adding")},
	model.KindAddAgreement:   {done: added, undone: phrase("adding")},
	model.KindAddTension:     {done: added, undone: phrase("adding")},
	model.KindAddCommitment:  {done: added, undone: phrase("adding")},
	model.KindEditText:       {done: changed, undone: phrase("editing")},
	model.KindEditNote:       {done: changed, undone: phrase("editing")},
	model.KindEditCommitment: {done: changed, undone: phrase("editing")},
	model.KindSetOwner:       {done: changed, undone: phrase("changing the owner of")},
	model.KindSetDue:         {done: changed, undone: phrase("changing the due date of")},
	model.KindSetStatus: {done: statusSaid, undone: func(s said) string {
		// Undone, the change is in the session as it was before the undo.
		if kind, i, ok := s.before.Find(s.ev.Item); ok && kind == model.KindCommitment {
			c := s.before.Commitments[i]
			return "marking " + commitmentStatus(&c)
		}
		return "changing"
	}},
	model.KindMarkCarriedDone: {done: statusSaid},
	model.KindResolveTension:  {done: tensionWas("resolved"), undone: phrase("resolving")},
	model.KindDropTension:     {done: tensionWas("dropped"), undone: phrase("dropping")},
	model.KindReopenTension:   {done: tensionWas("open again"), undone: phrase("reopening")},
	model.KindRemoveItem: {done: func(s said) string {
		return s.noun + " deleted " + s.by + ": " + present.Period(s.text)
	}, undone: phrase("deleting")},
	model.KindMoveItem: {done: func(s said) string {
		return "Moved to the " + present.PluralNoun(string(s.kind)) + " " + s.by + ": " + present.Period(s.text)
	}, undone: phrase("moving")},
	model.KindRate:        {done: ratingSaid},
	model.KindSkipOutcome: {done: ratingSaid},
	model.KindNoteOutcome: {done: ratingSaid},
	model.KindStartTimer:  {done: started},
	model.KindPauseTimer:  {done: paused},
	model.KindToggleTimer: {done: func(s said) string {
		if s.after.Stops[s.after.Current].Timer.Running() {
			return started(s)
		}
		return paused(s)
	}},
	model.KindResetTimer: {done: func(s said) string { return "Timer reset " + s.by + "." }},
	model.KindExtendTimer: {done: func(s said) string {
		return "Planned time changed " + s.by + ": " + present.SpokenDuration(s.after.Stops[s.after.Current].Planned) + " now."
	}},
	model.KindNextStop:      {done: moved},
	model.KindPrevStop:      {done: moved},
	model.KindGoToStop:      {done: moved},
	model.KindCloseSession:  {done: func(s said) string { return "The session is closed " + s.by + "." }},
	model.KindReopenSession: {done: func(s said) string { return "The session is open again " + s.by + "." }},
	model.KindMarkOpened:    {done: func(said) string { return "" }},
	// The room's notes: the line mode says this once while notes wait,
	// not for each, so thirty phones do not drown a screen reader.
	model.KindSendRoomNote: {done: func(s said) string {
		return "A note from the room is waiting: room reads it."
	}},
	model.KindLetThrough: {done: func(s said) string {
		return "Note from the room let through " + s.by + ": " + present.Period(s.text)
	}},
	model.KindDiscardHeld: {done: func(s said) string { return "A note from the room discarded " + s.by + "." }},
	model.KindOpenToRoom: {done: func(s said) string {
		return roomQuestions(s.after.Room.Open, s.before.Room.Open) + " open to the room " + s.by + "; its answers stay hidden until they are revealed."
	}},
	model.KindCloseToRoom: {done: func(s said) string {
		return "Closed to the room " + s.by + ", its answers not shown: " + roomQuestions(s.before.Room.Open, s.after.Room.Open) + "."
	}},
	// Nothing is said while answers come in: not even that one came.
	model.KindAnswerRoom: {done: func(said) string { return "" }},
	model.KindRevealRoom: {done: revealed},
	// The go-around and what the team keeps.
	model.KindMarkTurn: {done: func(s said) string {
		name := model.TurnName(s.ev.Item)
		if t := s.after.TurnAt(s.after.CurrentStop().Key, name); t.Passed > s.before.TurnAt(s.after.CurrentStop().Key, name).Passed {
			return name + " passed, marked " + s.by + "."
		}
		return name + " spoke, marked " + s.by + "."
	}, undone: func(s said) string {
		name := model.TurnName(s.ev.Undid.ID)
		stop := s.ev.Undid.Stop
		if s.before.TurnAt(stop, name).Passed != s.after.TurnAt(stop, name).Passed {
			return "marking that " + name + " passed"
		}
		return "marking that " + name + " spoke"
	}},
	model.KindSetRoster: {done: func(s said) string {
		if len(s.after.Roster) == 0 {
			return "The roster was cleared " + s.by + "."
		}
		return "The roster, set " + s.by + ": " + strings.Join(s.after.Roster, ", ") + "."
	}},
	model.KindStartGoAround: {done: func(said) string { return "" }},
	model.KindShowGoAround: {done: func(s said) string {
		if s.after.GoAroundShown {
			return "Who is next in the go-around shows on the presenter now, " + s.by + "."
		}
		return "Who is next in the go-around no longer shows on the presenter, " + s.by + "."
	}},
	model.KindMakeNorm: {done: func(s said) string {
		n := s.after.Norms[len(s.after.Norms)-1]
		return "A norm of the team now, " + s.by + ": " + present.Period(n.Text())
	}},
	model.KindEditNorm:   {done: normSaid(func(*model.Norm) string { return "Norm reworded" })},
	model.KindRetireNorm: {done: normSaid(retiredOrRestored)},
	model.KindDefine: {done: func(s said) string {
		for _, d := range s.after.Definitions {
			if was, ok := s.before.DefinitionOf(d.Concept); !ok || len(was.Versions) != len(d.Versions) {
				return "What the team means by " + d.Concept + ", written " + s.by + ": " + present.Period(d.Text())
			}
		}
		return "A definition written " + s.by + "."
	}},
	model.KindShiftClock: {done: func(said) string { return "" }},
}

func init() {
	// Set here, not in the table above: what an undo says is made of what
	// the table says of the change it undid.
	sayings[model.KindUndo] = saying{done: func(s said) string {
		return "Undone " + s.by + ": " + undonePhrase(s) + "."
	}}
	sayings[model.KindRedo] = saying{done: func(s said) string {
		return "Done again " + s.by + ": " + undonePhrase(s) + "."
	}}
}

// roomQuestions names the outcomes in these that are not in those:
// "“Every voice is heard”", or "3 outcomes".
func roomQuestions(these, those []model.RoomQuestion) string {
	var names []string
	for _, q := range these {
		if !slices.Contains(those, q) {
			names = append(names, "“"+q.Label+"”")
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return present.Plural(len(names), "outcome")
}

// revealed says what the room answered, outcome by outcome.
func revealed(s said) string {
	out := "The room's answers, shown " + s.by + ":"
	for _, r := range s.after.Ratings {
		if was, _ := s.before.RatingOf(r.Outcome); r.Room.N() > 0 && was.Room != r.Room {
			out += " “" + r.Label + "”: " + present.RoomSummary(r.Room) + " " + present.Period(present.RoomCounts(r.Room))
			if split := present.RoomSplit(r.Room); split != "" {
				out += " " + split
			}
		}
	}
	return out
}

// normSaid says a change to a norm, named by what from the norm as it
// now is (nil when it is not there): "Norm retired by you: We start on
// time."
func normSaid(what func(n *model.Norm) string) func(said) string {
	return func(s said) string {
		i, ok := s.after.Norm(s.ev.Item)
		if !ok {
			return what(nil) + " " + s.by + "."
		}
		n := s.after.Norms[i]
		return what(&n) + " " + s.by + ": " + present.Period(n.Text())
	}
}

// retiredOrRestored names what retiring, or restoring, did to norm n.
func retiredOrRestored(n *model.Norm) string {
	switch {
	case n == nil:
		return "Norm retired or restored"
	case n.Standing():
		return "Norm let stand again"
	}
	return "Norm retired"
}

func added(s said) string {
	if s.text == "" {
		return "An entry was added " + s.by + "."
	}
	return s.noun + " added " + s.by + ": " + present.Period(s.text)
}

func changed(s said) string { return s.noun + " changed " + s.by + ": " + present.Period(s.text) }

func tensionWas(what string) func(said) string {
	return func(s said) string { return "Tension " + what + " " + s.by + ": " + present.Period(s.text) }
}

// paused says the timer paused and how it stands, once: "Timer paused by
// you; 3 minutes left of 15."
func paused(s said) string {
	t := present.TimerOf(s.after.Stops[s.after.Current], s.ev.At)
	return "Timer paused " + s.by + "; " + present.TimerLeftSpoken(t)
}

func moved(s said) string {
	stop := ""
	if s.ev.Stop >= 0 && s.ev.Stop < len(s.after.Stops) {
		stop = present.StopIntro(s.after, s.ev.Stop)
	}
	if s.ev.By.Role == model.RoleSystem {
		return "Time was up; moving on. " + stop
	}
	return stop
}

// statusSaid says a commitment's status changed: "Commitment done by
// you: Book the hall, owner Lee."
func statusSaid(s said) string {
	return "Commitment " + commitmentStatus(s.c) + " " + s.by + ": " + present.Period(s.text)
}

func started(s said) string { return "Timer started " + s.by + "." }

func commitmentStatus(c *model.Commitment) string {
	switch {
	case c != nil && c.Status == model.CommitmentDone:
		return "done"
	case c != nil && c.Status == model.CommitmentDropped:
		return "dropped"
	}
	return "open again"
}

// phrase is the start of what an undo says it undid: "adding".
func phrase(p string) func(said) string { return func(said) string { return p } }

// undonePhrase says what an undo undid (or a redo did again): "adding the
// agreement “We share the agenda” at Belonging".
func undonePhrase(s said) string {
	u := s.ev.Undid
	how := "changing"
	if say, ok := sayings[u.Change]; ok && say.undone != nil {
		how = say.undone(s)
	}
	kind := s.kind
	if kind == "" {
		kind = u.Kind
	}
	if kind == model.KindTurn {
		if i := s.after.StopIndex(u.Stop); i >= 0 {
			return how + " at " + s.after.Stops[i].Name
		}
		return how
	}
	out := how + " the " + string(kind)
	if s.words != "" {
		out += " “" + present.Short(s.words, 60) + "”"
	}
	if i := s.after.StopIndex(u.Stop); i >= 0 {
		out += " at " + s.after.Stops[i].Name
	}
	return out
}

// Undid says, on the screen of the person who pressed undo (or redo),
// what it did: "Undone: adding the agreement “We share the agenda” at
// Belonging."; and on the screen of the person whose entry it changed:
// "dana (note-taker) undid editing your note “…” at Trust." It says ""
// to anyone else.
func Undid(ev model.Event, before, after *model.Session, me model.Actor, today model.Date) string {
	if !ev.Is(model.KindUndo) && !ev.Is(model.KindRedo) {
		return ""
	}
	s := describe(ev, before, after, me, today)
	if ev.By == me {
		if ev.Is(model.KindRedo) {
			return "Done again: " + undonePhrase(s) + ". u undoes it."
		}
		return "Undone: " + undonePhrase(s) + ". U does it again."
	}
	if !authoredBy(ev.Item, before, after, me) {
		return ""
	}
	verb := " undid "
	if ev.Is(model.KindRedo) {
		verb = " did again "
	}
	return present.StartOfSentence(present.Label(ev.By)) + verb + undonePhrase(s) + " (your " + string(s.kind) + ")."
}

// authoredBy reports whether me wrote the entry id.
func authoredBy(id string, before, after *model.Session, me model.Actor) bool {
	for _, s := range []*model.Session{after, before} {
		for _, it := range s.AllEntries() {
			if it.ID == id {
				return it.Role == string(me.Role) && it.Author == me.Name
			}
		}
	}
	return false
}

func ratingSaid(s said) string {
	r, _ := s.after.RatingOf(s.ev.Item)
	label := r.Label
	if label == "" {
		label = s.ev.Item
	}
	switch model.CommandKind(s.ev.Kind) {
	case model.KindSkipOutcome:
		return "Skipped " + s.by + ": " + present.Period(label)
	case model.KindNoteOutcome:
		if r.Note == "" {
			return "Note taken off " + label + " " + s.by + "."
		}
		return "Note on " + label + " " + s.by + ": " + present.Period(present.OneLine(r.Note))
	}
	return "Rated " + s.by + ": " + label + ", " + present.Score(r) + "."
}

// describe gathers what a sentence about ev needs. before is the session
// as it was before the event (what was removed is only there), after as
// it is now.
func describe(ev model.Event, before, after *model.Session, me model.Actor, today model.Date) said {
	s := said{ev: ev, by: "by " + present.Who(ev.By, me), after: after, before: before}
	if before == nil {
		s.before = after
	}
	for _, from := range []*model.Session{after, before} {
		if from == nil || ev.Item == "" {
			continue
		}
		kind, i, ok := from.Find(ev.Item)
		if !ok {
			continue
		}
		s.kind = kind
		switch kind {
		case model.KindNote:
			s.words = from.Notes[i].Text
		case model.KindAgreement:
			s.words = from.Agreements[i].Text
		case model.KindTension:
			s.words = from.Tensions[i].Text
		case model.KindCommitment:
			c := from.Commitments[i]
			s.words, s.c = c.Text, &c
		}
		break
	}
	s.words = present.OneLine(s.words)
	s.text = s.words
	if s.c != nil {
		s.text = present.CommitmentSpoken(*s.c, today)
	}
	s.noun = present.Capital(string(s.kind))
	return s
}

// Announce says in one sentence what an event did, for whoever follows the
// session in words (the line mode): "Note added by dana (note-taker):
// Belonging starts with being expected.", "Timer started by you.", "5
// minutes left.". me is who listens, whose own changes are "by you". It
// says "" for what is not news (the opening marked, the clock kept) and
// for what me's role does not see: a viewer follows the room's view, so
// hears no notes, tensions or ratings.
func Announce(ev model.Event, before, after *model.Session, me model.Actor, today model.Date) string {
	switch ev.Kind {
	case model.EventTimeLow:
		return present.SpokenDuration(ev.Left.Round(time.Minute)) + " left."
	case model.EventTimeUp:
		return "Time is up at " + after.Stops[ev.Stop].Name + "."
	case model.EventJoined:
		return present.StartOfSentence(present.Label(ev.By)) + " joined."
	case model.EventLeft:
		return present.StartOfSentence(present.Label(ev.By)) + " left."
	}
	s := describe(ev, before, after, me, today)
	if !Sees(me.Role, s.kind, model.CommandKind(ev.Kind)) {
		return ""
	}
	if say, ok := sayings[model.CommandKind(ev.Kind)]; ok && say.done != nil {
		return say.done(s)
	}
	return "A change " + s.by + "."
}

// Sees reports whether someone with role r is told of a change of this
// kind to an entry of kind k: a viewer follows the room's view, which
// shows agreements and commitments but not notes, tensions or ratings.
func Sees(r model.Role, k model.Kind, change model.CommandKind) bool {
	switch {
	case k == model.KindNote:
		return model.Permit(r, model.KindSeeNotes) == nil
	case k == model.KindTension:
		return model.Permit(r, model.KindSeeBoard) == nil
	case change == model.KindRate || change == model.KindSkipOutcome || change == model.KindNoteOutcome || change == model.KindRevealRoom:
		return model.Permit(r, model.KindSeeNotes) == nil
	case change == model.KindSendRoomNote || change == model.KindDiscardHeld:
		return model.Permit(r, model.KindLetThrough) == nil
	}
	return true
}
