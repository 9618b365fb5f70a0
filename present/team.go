package present

import (
	"strconv"
	"strings"

	"pitstop/model"
)

// The go-around and what the team keeps, in words: once for the screens,
// the line mode and the minutes.

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
	return "heard " + strconv.Itoa(n) + " times"
}

// Reached says how the go-around at a stop ended: "everyone was invited
// to speak", or "not reached: Lee, Sam". It never says who passed: a pass
// is respected.
func Reached(notReached []string) string {
	if len(notReached) == 0 {
		return "everyone was invited to speak"
	}
	return "not reached: " + strings.Join(notReached, ", ")
}

// TurnsAt says how a stop's go-around stands: "Ana spoke · Lee passed ·
// Sam spoke twice".
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

func times(n int) string {
	if n == 2 {
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}

// NormDates says since when a norm stands and when it was last reworded
// or retired: "since 1 Dec · reworded 7 Dec", "retired 7 Dec".
func NormDates(n model.Norm, today model.Date) string {
	out := "since " + Date(model.DateOf(n.Since()), today)
	if len(n.Versions) > 1 {
		out += " · reworded " + Date(model.DateOf(n.Versions[len(n.Versions)-1].At), today)
	}
	if !n.Standing() {
		out += " · retired " + Date(model.DateOf(n.Retired), today)
	}
	return out
}

// DefinitionDates says since when the team's words for a concept stand,
// and how many wordings came before: "since 7 Dec · 1 earlier wording".
func DefinitionDates(d model.Definition, today model.Date) string {
	out := "since " + Date(model.DateOf(d.Versions[len(d.Versions)-1].At), today)
	if n := len(d.Versions) - 1; n > 0 {
		out += " · " + Plural(n, "earlier wording")
	}
	return out
}
