package present

import (
	"slices"
	"strings"

	"pitstop/model"
)

// What is said of the go-around and of what a team keeps (its norms and
// shared definitions), the same in the minutes, the browser and the plain
// lines.

// Names joins names as a sentence does: "Ana", "Ana and Lee", "Ana, Lee
// and Sam".
func Names(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// GoAroundReached says how far the go-around went at a stop where it was
// used: that everyone was invited to speak, or whom it did not reach. It
// names nobody who passed (a pass is a choice, and it counts as invited)
// and says nothing of who spoke how often; those not reached are named in
// the roster's order. "" where the go-around was not
// used. At the stop an open session is at, it says whom it has not
// reached yet.
func GoAroundReached(s *model.Session, stop string) string {
	used, missed := s.Reached(stop)
	// In the roster's order: the go-around's own (least heard first)
	// would read as a ranking.
	slices.SortStableFunc(missed, func(a, b string) int { return rosterPlace(s, a) - rosterPlace(s, b) })
	switch {
	case !used:
		return ""
	case len(missed) == 0:
		return "Everyone was invited to speak."
	case s.Status == model.StatusInProgress && s.CurrentStop().Key == stop:
		return "The go-around has not reached " + Names(missed) + " yet."
	}
	return "The go-around did not reach " + Names(missed) + " before the room moved on."
}

// SpeakingTimes says how long each person spoke at a stop, when the
// session kept speaking time: "Ana 2m30s, Lee 1m", in the roster's order
// (then anyone since taken off it); "" when none was kept there.
func SpeakingTimes(s *model.Session, stop string) string {
	var turns []model.Turn
	for _, t := range s.Turns {
		if t.Stop == stop && t.Spent > 0 {
			turns = append(turns, t)
		}
	}
	slices.SortStableFunc(turns, func(a, b model.Turn) int { return rosterPlace(s, a.Name) - rosterPlace(s, b.Name) })
	parts := make([]string, len(turns))
	for i, t := range turns {
		parts[i] = t.Name + " " + Duration(t.Spent)
	}
	return strings.Join(parts, ", ")
}

// rosterPlace is where name is on the roster; after everyone on it when
// it is not.
func rosterPlace(s *model.Session, name string) int {
	if i := s.RosterIndex(name); i >= 0 {
		return i
	}
	return len(s.Roster)
}

// Wording names what a wording of a norm or a definition did, given the
// wording before it (nil for the first): "first worded", "reworded", or,
// for a norm let stand again in the same words, "stood again".
func Wording(v model.Version, before *model.Version) string {
	switch {
	case before == nil:
		return "first worded"
	case before.Text == v.Text:
		return "stood again"
	}
	return "reworded"
}

// NormDates says when a norm was set and last changed, and when it was
// retired: "since 22 Nov", "since 22 Nov, reworded 29 Nov", "since 22
// Nov, retired 6 Dec".
func NormDates(n model.Norm, today model.Date) string {
	out := versionDates(n.Versions, today)
	if !n.Standing() {
		out += ", retired " + Date(model.DateOf(n.Retired), today)
	}
	return out
}

// versionDates says when the first of some wordings was set and what the
// last did when: "since 22 Nov", "since 22 Nov, reworded 29 Nov".
func versionDates(vs []model.Version, today model.Date) string {
	out := "since " + Date(model.DateOf(vs[0].At), today)
	if k := len(vs); k > 1 {
		out += ", " + Wording(vs[k-1], &vs[k-2]) + " " + Date(model.DateOf(vs[k-1].At), today)
	}
	return out
}

// DefinitionDates says since when the team has defined a concept and
// when it last reworded it: "since 22 Nov", "since 22 Nov, reworded 29 Nov".
func DefinitionDates(d model.Definition, today model.Date) string {
	return versionDates(d.Versions, today)
}

// NextUp says who the go-around invites next: "Next: Lee, then Bo"; ""
// when nobody is left.
func NextUp(order []string) string {
	switch len(order) {
	case 0:
		return ""
	case 1:
		return "Next: " + order[0]
	}
	return "Next: " + order[0] + ", then " + order[1]
}

// Heard says how often someone spoke in the session so far: "not heard
// yet", "heard once", "heard 3 times". Passes are not counted.
func Heard(n int) string {
	switch n {
	case 0:
		return "not heard yet"
	case 1:
		return "heard once"
	}
	return "heard " + Plural(n, "time")
}

// TurnsAt says how a stop's go-around stands, for whoever runs it: "Ana
// spoke · Lee passed · Sam spoke twice".
func TurnsAt(s *model.Session, stop string) string {
	var parts []string
	for _, name := range s.Roster {
		t := s.TurnAt(stop, name)
		switch {
		case t.Spoke == 1:
			parts = append(parts, name+" spoke")
		case t.Spoke > 1:
			parts = append(parts, name+" spoke "+times(t.Spoke))
		case t.Passed > 0:
			parts = append(parts, name+" passed")
		}
	}
	return strings.Join(parts, " · ")
}

// times says how often, past once: "twice", "3 times".
func times(n int) string {
	if n == 2 {
		return "twice"
	}
	return Plural(n, "time")
}
