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

// Period ends a sentence with a full stop unless it ends in its own
// (".", "?", "!", "…"): never two.
func Period(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}

// Short is text on one line cut to n characters, with an ellipsis when cut.
func Short(s string, n int) string {
	s = OneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// TimerLeftSpoken says how much time a timer has, without whether it
// runs: "3 minutes left of 15 minutes.", "2 minutes over the 15 minutes
// planned.", "15 minutes planned."
func TimerLeftSpoken(t Timer) string {
	plan := SpokenDuration(t.Planned)
	switch {
	case t.Over():
		return SpokenDuration(-t.Remaining) + " over the " + plan + " planned."
	case !t.Started:
		return plan + " planned."
	}
	return SpokenDuration(t.Remaining) + " left of " + plan + "."
}

// TimerSpoken says how a timer stands, for someone who asked: "12 minutes
// 30 seconds left of 15 minutes.", "Not started; 15 minutes planned.",
// "Paused; 3 minutes left of 15 minutes.", "2 minutes 13 seconds over the
// 15 minutes planned."
func TimerSpoken(t Timer) string {
	switch {
	case t.Over():
	case !t.Started:
		return "Not started; " + TimerLeftSpoken(t)
	case !t.Running:
		return "Paused; " + TimerLeftSpoken(t)
	}
	return TimerLeftSpoken(t)
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
	out := OneLine(c.Text)
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

// OneLine puts text that has several lines on one, for a sentence or a
// row: "first / second".
func OneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " / ")), " ")
}

// Capital starts a sentence with a capital letter.
func Capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// StartOfSentence is a label at the start of a sentence: "The viewer",
// but a person's name as they gave it.
func StartOfSentence(label string) string {
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
