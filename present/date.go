package present

import (
	"sort"
	"time"

	"pitstop/model"
)

// NeedsOwner is what a commitment nobody has taken on says, everywhere.
const NeedsOwner = "needs an owner"

// Date says a calendar day the short way, as people write it: "5 Dec",
// with the year when it is not today's year: "5 Jan 2027".
func Date(d, today model.Date) string {
	if d.IsZero() {
		return ""
	}
	t := noon(d)
	if d.Year != today.Year {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
}

// LongDate says a calendar day with its weekday: "Fri 5 Dec", with the
// year when it is not today's year: "Tue 5 Jan 2027".
func LongDate(d, today model.Date) string {
	if d.IsZero() {
		return ""
	}
	t := noon(d)
	if d.Year != today.Year {
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("Mon 2 Jan")
}

// Ago says how long ago a day was, as people say it: "yesterday", "3
// days ago", "2 weeks ago", "a month ago", "a year ago", "2 years ago".
func Ago(d, today model.Date) string {
	days := int(noon(today).Sub(noon(d)).Hours()/24 + 0.5)
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 14:
		return Plural(days, "day") + " ago"
	case days < 60:
		return Plural(days/7, "week") + " ago"
	case days < 335:
		return Plural((days+15)/30, "month") + " ago"
	case days < 548:
		return "a year ago"
	}
	return Plural((days+182)/365, "year") + " ago"
}

func noon(d model.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// SessionName names a session by its title and the day it was made, as
// where an item was carried from is said: "“Harbor one” (7 Dec)".
func SessionName(title string, created time.Time, today model.Date) string {
	return "“" + title + "” (" + Date(model.DateOf(created), today) + ")"
}

// Owner says who took a commitment on: "@Dana", or NeedsOwner.
func Owner(c model.Commitment) string {
	if c.Owner == "" {
		return NeedsOwner
	}
	return "@" + c.Owner
}

// PastDue says calmly that an open commitment's day has gone by: "past
// due since 20 Nov" (the day it was due); "" while it has not.
func PastDue(c model.Commitment, today model.Date) string {
	if !c.Overdue(today) {
		return ""
	}
	return "past due since " + Date(c.Due, today)
}

// DueFact is a commitment's date as its facts say it: "due 5 Dec", or once
// that day has gone by without it done, "past due since 5 Dec".
func DueFact(c model.Commitment, today model.Date) string {
	if c.Due.IsZero() {
		return ""
	}
	if p := PastDue(c, today); p != "" {
		return p
	}
	return "due " + Date(c.Due, today)
}

// CommitmentFacts says who does a commitment by when, as every place
// that lists commitments says it: "@Dana · due 5 Dec", "needs an owner".
func CommitmentFacts(c model.Commitment, today model.Date) string {
	facts := Owner(c)
	if due := DueFact(c, today); due != "" {
		facts += " · " + due
	}
	return facts
}

// CommitmentOrder is the order commitments are listed in, everywhere: open
// ones first, then done, then dropped; within each, by due date, those
// without a date last. It returns positions in s.Commitments.
func CommitmentOrder(s *model.Session) []int {
	order := make([]int, len(s.Commitments))
	for i := range order {
		order[i] = i
	}
	rank := map[model.CommitmentStatus]int{model.CommitmentOpen: 0, model.CommitmentDone: 1, model.CommitmentDropped: 2}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := s.Commitments[order[x]], s.Commitments[order[y]]
		if ra, rb := rank[a.Status], rank[b.Status]; ra != rb {
			return ra < rb
		}
		if a.Due.IsZero() != b.Due.IsZero() {
			return !a.Due.IsZero()
		}
		return a.Due.Before(b.Due)
	})
	return order
}
