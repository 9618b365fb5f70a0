// Package present works out what Pit Stop says about a session, once, for
// every place that says it: the screens, the minutes, the command line and
// the line mode. Durations, counts, the timer's state and words, how far
// ahead or behind plan the room is: each has one formatter here, so the same
// time never reads two ways in two places. It does no IO and knows nothing
// of terminals.
package present

import (
	"strconv"
	"strings"
	"time"

	"pitstop/model"
)

// Duration writes a span of time to the second, in the largest units that
// fit: "0m", "45s", "15m", "16m30s", "1h05m", "1h05m30s". A negative span is
// written as its size; say which way it goes in words.
func Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	var b []byte
	switch {
	case h > 0:
		b = strconv.AppendInt(b, int64(h), 10)
		b = append(b, 'h')
		b = append2(b, m)
		b = append(b, 'm')
		if s > 0 {
			b = append2(b, s)
			b = append(b, 's')
		}
	case m > 0:
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, 'm')
		if s > 0 {
			b = append2(b, s)
			b = append(b, 's')
		}
	case s > 0:
		b = strconv.AppendInt(b, int64(s), 10)
		b = append(b, 's')
	default:
		return "0m"
	}
	return string(b)
}

func append2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// Clock writes a duration as a clock face: "04:12", or "1:02:03" past an
// hour. A negative duration is written as its size.
func Clock(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Truncate(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	var b []byte
	if h > 0 {
		b = strconv.AppendInt(b, int64(h), 10)
		b = append(b, ':')
	}
	b = append2(b, m)
	b = append(b, ':')
	b = append2(b, s)
	return string(b)
}

// Minutes says a duration in whole minutes as people say it: "1 minute",
// "5 minutes"; under a minute, "less than a minute".
func Minutes(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	n := int((d + 30*time.Second) / time.Minute)
	if n == 0 {
		return "less than a minute"
	}
	return Plural(n, "minute")
}

// Plural writes a count with its noun: "1 note", "7 notes", "2 matches".
// Nouns ending in s, x, ch or sh take "es".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + PluralNoun(noun)
}

// A is a noun with its article: "a tension", "an agreement".
func A(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// PluralNoun is noun for more than one.
func PluralNoun(noun string) string {
	if n := len(noun); n > 1 && noun[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[n-2])) {
		return noun[:n-1] + "ies" // an entry, two entries
	}
	for _, end := range []string{"s", "x", "ch", "sh"} {
		if strings.HasSuffix(noun, end) {
			return noun + "es"
		}
	}
	return noun + "s"
}

// Percent is n out of total, rounded to the nearest whole per cent: 1 of 6
// is "17%". No total is "0%".
func Percent(n, total int) string {
	if total <= 0 {
		return "0%"
	}
	return strconv.Itoa((200*n+total)/(2*total)) + "%"
}

// Difference says how far spent time is from the plan: "2m10s over",
// "1m50s under", "on time".
func Difference(spent, planned time.Duration) string {
	d := (spent - planned).Round(time.Second)
	switch {
	case d > 0:
		return Duration(d) + " over"
	case d < 0:
		return Duration(d) + " under"
	}
	return "on time"
}

// OthersShort are ways of saying who else is here, from the fullest to
// the shortest: with roles, names alone, then as many names as fit with
// how many more ("dana +2"), then the count ("3 others"). A status bar
// takes the first that fits; none when nobody else is here.
func OthersShort(present []model.Actor, me model.Actor) []string {
	full := Others(present, me)
	if full == "" {
		return nil
	}
	names := otherLabels(present, me)
	out := []string{full, strings.Join(names, ", ")}
	for k := len(names) - 1; k >= 1; k-- {
		out = append(out, strings.Join(names[:k], ", ")+" +"+strconv.Itoa(len(names)-k))
	}
	return append(out, Plural(len(names), "other"))
}

// Others names who else is attached to a session, each once with their
// role: "dana (note-taker), room (viewer)". me is left out once (several
// screens may share an actor).
func Others(present []model.Actor, me model.Actor) string {
	var names []string
	skipped := false
	count := map[model.Actor]int{}
	var order []model.Actor
	for _, a := range present {
		if a == me && !skipped {
			skipped = true
			continue
		}
		if count[a] == 0 {
			order = append(order, a)
		}
		count[a]++
	}
	for _, a := range order {
		name := a.Label()
		if a.Name != "" && a.Name != a.Role.Noun() && a.Role != model.RoleParticipant {
			// The page's own name says what it is; no role beside it.
			name += " (" + a.Role.Noun() + ")"
		}
		if n := count[a]; n > 1 {
			name += " ×" + strconv.Itoa(n)
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// Connected says who else is connected, for the host about to leave: "2
// people are connected (dana, room)." It says "" when nobody else is.
func Connected(present []model.Actor, me model.Actor) string {
	names := otherLabels(present, me)
	switch len(names) {
	case 0:
		return ""
	case 1:
		return "1 person is connected (" + names[0] + ")."
	}
	return strconv.Itoa(len(names)) + " people are connected (" + strings.Join(names, ", ") + ")."
}

// otherLabels are the labels of who is present but me, each screen once,
// me left out once (several screens may share an actor).
func otherLabels(present []model.Actor, me model.Actor) []string {
	var names []string
	skipped := false
	for _, a := range present {
		if a == me && !skipped {
			skipped = true
			continue
		}
		names = append(names, a.Label())
	}
	return names
}
