package present

import (
	"strconv"
	"strings"
	"time"

	"pitstop/model"
)

// SpokenDuration says a span of time as a person would, to the second:
// "15 minutes", "1 minute 30 seconds", "1 hour 5 minutes", "45 seconds".
// A negative span is said as its size; say which way it goes in words.
func SpokenDuration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	var parts []string
	if h > 0 {
		parts = append(parts, Plural(h, "hour"))
	}
	if m > 0 {
		parts = append(parts, Plural(m, "minute"))
	}
	if s > 0 || len(parts) == 0 {
		parts = append(parts, Plural(s, "second"))
	}
	return strings.Join(parts, " ")
}

// SpokenDate says a day in full words: "Friday 4 December", with the year
// when it is not this year's.
func SpokenDate(d, today model.Date) string {
	if d.IsZero() {
		return ""
	}
	if d.Year != today.Year {
		return noon(d).Format("Monday 2 January 2006")
	}
	return noon(d).Format("Monday 2 January")
}

// StopIntro says which stop the room is at and for how long it is
// planned: "Stop 3 of 7: Intentionality. 15 minutes planned."
func StopIntro(s *model.Session, i int) string {
	st := s.Stops[i]
	return "Stop " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(s.Stops)) + ": " + st.Name + ". " + SpokenDuration(st.Planned) + " planned."
}

// TimerSpoken says how a timer stands, for someone who asked: "12 minutes
// 30 seconds left of 15.", "Not started; 15 minutes planned.", "Paused; 3
// minutes left.", "2 minutes 13 seconds over the 15 planned."
func TimerSpoken(t Timer) string {
	plan := SpokenDuration(t.Planned)
	switch {
	case t.Over():
		return SpokenDuration(-t.Remaining) + " over the " + plan + " planned."
	case !t.Started:
		return "Not started; " + plan + " planned."
	case !t.Running:
		return "Paused; " + SpokenDuration(t.Remaining) + " left of " + plan + "."
	}
	return SpokenDuration(t.Remaining) + " left of " + plan + "."
}

// PaceSpoken says how far ahead of or behind plan the room is, in words:
// "on time", "3 minutes behind plan", "5 minutes ahead of plan"; once the
// session is closed, "closed, 14 minutes 45 seconds under plan".
func PaceSpoken(s *model.Session, now time.Time) string {
	return pace(s, now, SpokenDuration, " ahead of plan", " behind plan")
}

// CommitmentSpoken says a commitment with who and by when: "Draft the
// MOU, owner Dana, due Friday 4 December", "…, no owner yet". Whether it
// is done is for the caller to say.
func CommitmentSpoken(c model.Commitment, today model.Date) string {
	out := oneLine(c.Text)
	if c.Owner != "" {
		out += ", owner " + c.Owner
	} else {
		out += ", no owner yet"
	}
	if !c.Due.IsZero() {
		if c.Overdue(today) {
			out += ", past due since " + SpokenDate(c.Due, today)
		} else {
			out += ", due " + SpokenDate(c.Due, today)
		}
	}
	return out
}

// oneLine puts text that has several lines on one, for a sentence.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " / ")), " ")
}

// Announce says in one sentence what an event did, for whoever follows the
// session in words (the line mode): "Note added by dana (note-taker):
// Belonging starts with being expected.", "Timer started.", "5 minutes
// left." me is who listens, whose own changes are "by you"; before is the
// session as it was before the event (what was removed is only there),
// after as it is now. It says "" for what is not news: the opening marked,
// the clock kept.
func Announce(ev model.Event, before, after *model.Session, me model.Actor, today model.Date) string {
	by := "by " + Who(ev.By, me)
	item := func() (model.Kind, string, *model.Commitment) {
		for _, s := range []*model.Session{after, before} {
			if s == nil {
				continue
			}
			if kind, i, ok := s.Find(ev.Item); ok {
				switch kind {
				case model.KindNote:
					return kind, oneLine(s.Notes[i].Text), nil
				case model.KindAgreement:
					return kind, oneLine(s.Agreements[i].Text), nil
				case model.KindTension:
					return kind, oneLine(s.Tensions[i].Text), nil
				case model.KindCommitment:
					c := s.Commitments[i]
					return kind, CommitmentSpoken(c, today), &c
				}
			}
		}
		return "", "", nil
	}
	kind, text, c := item()
	noun := capital(string(kind))
	stop := func() string {
		if ev.Stop >= 0 && ev.Stop < len(after.Stops) {
			return StopIntro(after, ev.Stop)
		}
		return ""
	}
	switch ev.Kind {
	case model.EventTimeLow:
		return SpokenDuration(ev.Left.Round(time.Minute)) + " left."
	case model.EventTimeUp:
		return "Time is up at " + after.Stops[ev.Stop].Name + "."
	case model.EventJoined:
		return startOfSentence(Label(ev.By)) + " joined."
	case model.EventLeft:
		return startOfSentence(Label(ev.By)) + " left."
	}
	switch model.CommandKind(ev.Kind) {
	case model.KindMarkOpened, model.KindShiftClock:
		return ""
	case model.KindAddNote, model.KindAddAgreement, model.KindAddTension, model.KindAddCommitment:
		if text == "" {
			return "An entry was added " + by + "."
		}
		return noun + " added " + by + ": " + text + "."
	case model.KindEditText, model.KindEditCommitment, model.KindSetOwner, model.KindSetDue:
		return noun + " changed " + by + ": " + text + "."
	case model.KindSetStatus, model.KindMarkCarriedDone:
		status := "open again"
		if c != nil && c.Status == model.CommitmentDone {
			status = "done"
		} else if c != nil && c.Status == model.CommitmentDropped {
			status = "dropped"
		}
		return "Commitment " + status + " " + by + ": " + text + "."
	case model.KindResolveTension:
		return "Tension resolved " + by + ": " + text + "."
	case model.KindDropTension:
		return "Tension dropped " + by + ": " + text + "."
	case model.KindReopenTension:
		return "Tension open again " + by + ": " + text + "."
	case model.KindRemoveItem:
		return noun + " deleted " + by + ": " + text + "."
	case model.KindMoveItem:
		return "Moved to the " + string(kind) + "s " + by + ": " + text + "."
	case model.KindUndo:
		if text != "" {
			return "Undone " + by + "; " + strings.ToLower(noun) + " now: " + text + "."
		}
		return "Undone " + by + "."
	case model.KindRate, model.KindSkipOutcome, model.KindNoteOutcome:
		return ratingSpoken(ev, after, by)
	case model.KindStartTimer:
		return "Timer started " + by + "."
	case model.KindPauseTimer:
		return "Timer paused " + by + "; " + TimerSpoken(TimerOf(after.Stops[after.Current], ev.At))
	case model.KindToggleTimer:
		if after.Stops[after.Current].Timer.Running() {
			return "Timer started " + by + "."
		}
		return "Timer paused " + by + "; " + TimerSpoken(TimerOf(after.Stops[after.Current], ev.At))
	case model.KindResetTimer:
		return "Timer reset " + by + "."
	case model.KindExtendTimer:
		return "Planned time changed " + by + ": " + SpokenDuration(after.Stops[after.Current].Planned) + " now."
	case model.KindNextStop, model.KindPrevStop, model.KindGoToStop:
		if ev.By.Role == model.RoleSystem {
			return "Time was up; moving on. " + stop()
		}
		return stop()
	case model.KindCloseSession:
		return "The session is closed " + by + "."
	case model.KindReopenSession:
		return "The session is open again " + by + "."
	}
	return "A change " + by + "."
}

// capital starts a sentence with a capital letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// startOfSentence is a label at the start of a sentence: "The viewer",
// but a person's name as they gave it.
func startOfSentence(label string) string {
	if rest, ok := strings.CutPrefix(label, "the "); ok {
		return "The " + rest
	}
	return label
}

// Who names an actor to the one listening: "you", or their name and role.
func Who(a, me model.Actor) string {
	if a == me {
		return "you"
	}
	return Label(a)
}

// Label names an actor with their role: "dana (note-taker)", "the
// facilitator", "Pit Stop".
func Label(a model.Actor) string {
	switch {
	case a.Role == model.RoleSystem:
		return "Pit Stop"
	case a.Name == "" || a.Name == a.Role.Noun():
		return "the " + a.Role.Noun()
	}
	return a.Name + " (" + a.Role.Noun() + ")"
}
