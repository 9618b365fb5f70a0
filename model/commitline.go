package model

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CommitmentLine is a commitment typed as one line, such as
// "Draft the data-sharing MOU @Dana due:2026-12-05".
type CommitmentLine struct {
	Text  string
	Owner string // "" when no @name was given
	Due   Date   // zero when no due: was given
}

// DueForms says which due dates ParseCommitmentLine understands; it is part
// of every message about a due date it cannot read.
const DueForms = "due:2026-12-05, due:today, due:tomorrow, due:fri (the next Friday), due:+3d, due:+2w or due:+1m"

// DueFieldForms says which due dates ParseDue understands when a due date is
// typed on its own, in a field that asks for nothing else; it is part of
// every message ParseDue gives. The forms are those of DueForms without the
// "due:", which ParseDue accepts too.
const DueFieldForms = "2026-12-05, today, tomorrow, fri (the next Friday), +3d, +2w or +1m"

// Characters around a field word that are punctuation of the sentence, not
// part of the name or the date: "(@Dana)", "@Lee,", "due:fri.".
const (
	fieldOpeners = "([{"
	fieldClosers = ".,;:!?)]}"
)

// ParseCommitmentLine reads the owner and the due date out of a line; the
// rest is the commitment's text, its words kept as typed. today anchors
// relative dates.
//
// The due date is a word due:VALUE, wherever it stands: the colon says it is
// meant ("due to the budget" is text). The owner is a word @name, taken only
// when it stands in the leading or trailing run of field words (@name or
// due:VALUE), as in "@Dana share the draft" or "Share the draft @Dana
// due:fri"; an @name inside the sentence is text: "Ask @Dana and @Lee to
// meet" has no owner and keeps every word. An @ inside a word
// ("dana@example.org") is never an owner. Punctuation and brackets around a
// field word are the sentence's, not the value's: "(@Dana)," is Dana and
// "due:fri." is Friday.
//
// A commitment has one owner: a line whose field runs name two different
// people ("Draft it @Dana @Lee") is refused with a message saying so, rather
// than guessing which one takes it on. The same name twice is one owner.
func ParseCommitmentLine(line string, today Date) (CommitmentLine, error) {
	var out CommitmentLine
	words := strings.Fields(CleanLabel(line))
	isField := func(w string) bool {
		_, due := dueWord(w)
		_, owner := ownerWord(w)
		return due || owner
	}
	lead := 0 // words[:lead] is the leading run of field words
	for lead < len(words) && isField(words[lead]) {
		lead++
	}
	trail := len(words) // words[trail:] is the trailing run
	for trail > lead && isField(words[trail-1]) {
		trail--
	}
	var kept []string
	seenDue := false
	for i, word := range words {
		if v, ok := dueWord(word); ok {
			d, ok := parseDue(v, today)
			if !ok || v == "" {
				return CommitmentLine{}, fmt.Errorf("%s is not a date Pit Stop understands; write %s", quoteValue(word), DueForms)
			}
			if seenDue {
				return CommitmentLine{}, errors.New("the line gives two due dates; keep one")
			}
			out.Due, seenDue = d, true
			continue
		}
		if name, ok := ownerWord(word); ok && (i < lead || i >= trail) {
			switch {
			case out.Owner == "":
				out.Owner = name
			case !strings.EqualFold(out.Owner, name):
				return CommitmentLine{}, fmt.Errorf("the line names two owners, @%s and @%s, and a commitment has one: keep one @name at the start or the end, and write the other name without the @", out.Owner, name)
			}
			continue
		}
		kept = append(kept, word)
	}
	if len(out.Owner) > MaxLabelBytes {
		return CommitmentLine{}, fmt.Errorf("the owner's name is too long (at most %d bytes)", MaxLabelBytes)
	}
	out.Text = strings.Join(kept, " ")
	if out.Text == "" {
		return CommitmentLine{}, errors.New("a commitment needs a few words saying what will be done")
	}
	return out, nil
}

// ownerWord reads a word written as @name, perhaps in brackets or followed
// by punctuation, and returns the name.
func ownerWord(word string) (string, bool) {
	w := strings.TrimLeft(word, fieldOpeners)
	if len(w) < 2 || w[0] != '@' {
		return "", false
	}
	name := strings.TrimRight(w[1:], fieldClosers)
	if !isNameStart(name) {
		return "", false
	}
	return name, true
}

// dueWord reads a word written as due:VALUE, perhaps in brackets or
// followed by punctuation, and returns the VALUE without them; it may be
// empty ("due:."), which is no date at all. "due:" alone is not a field.
func dueWord(word string) (string, bool) {
	w := strings.TrimLeft(word, fieldOpeners)
	if len(w) <= 4 || !strings.EqualFold(w[:4], "due:") {
		return "", false
	}
	return strings.TrimRight(strings.TrimLeft(w[4:], fieldOpeners), fieldClosers), true
}

func isNameStart(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// quoteValue quotes a value someone typed for a message about it: escaped,
// so no control character reaches the screen, and cut short, so a pasted
// page does not fill it.
func quoteValue(v string) string {
	const most = 40 // runes
	if utf8.RuneCountInString(v) > most {
		r := []rune(v)
		v = string(r[:most]) + "…"
	}
	return strconv.Quote(v)
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseDue reads a due date typed on its own, in any of the forms of
// DueFieldForms; a leading "due:" is allowed, as someone used to the
// one-line form will type it. The empty string and "none" are no date.
// Its error lists DueFieldForms and quotes what was typed.
func ParseDue(v string, today Date) (Date, error) {
	v = CleanLabel(v)
	value := v
	if len(value) >= 4 && strings.EqualFold(value[:4], "due:") {
		value = strings.TrimSpace(value[4:])
	}
	d, ok := parseDue(value, today)
	if !ok {
		return Date{}, fmt.Errorf("%s is not a date Pit Stop understands; write %s", quoteValue(v), DueFieldForms)
	}
	return d, nil
}

// parseDue reads a due date in the forms of DueFieldForms, without "due:".
func parseDue(v string, today Date) (Date, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "" || v == "none":
		return Date{}, true
	case v == "today":
		return today, true
	case v == "tomorrow":
		return today.AddDays(1), true
	case strings.HasPrefix(v, "+") && len(v) >= 3:
		digits := v[1 : len(v)-1]
		if strings.Trim(digits, "0123456789") != "" { // Atoi would take "+3" and "-0"
			return Date{}, false
		}
		n, err := strconv.Atoi(digits)
		if err != nil || n > 3660 {
			return Date{}, false
		}
		switch v[len(v)-1] {
		case 'd':
			return today.AddDays(n), true
		case 'w':
			return today.AddDays(7 * n), true
		case 'm':
			return today.AddMonths(n), true
		}
		return Date{}, false
	}
	if wd, ok := weekdays[v]; ok {
		t := time.Date(today.Year, today.Month, today.Day, 12, 0, 0, 0, time.UTC)
		ahead := (int(wd) - int(t.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7 // "by Friday" said on a Friday means next week
		}
		return today.AddDays(ahead), true
	}
	d, err := ParseDate(v)
	if err != nil || strings.HasPrefix(v, "+") {
		return Date{}, false
	}
	return d, true
}

// saidPattern finds "said:Name" (or said:"Two Words") in a note; a
// said: with no name after it asks for the name to be taken off.
var saidPattern = regexp.MustCompile(`(?:^|\s)said:(?:"([^"]*)"|(\S*))`)

// ParseNoteLine reads who said a note out of it, when the typist wrote
// said:Name (or said:"Two Words") in it, and gives back the rest of the
// words as typed. Without it, said is "": a note says who said it only
// when that was chosen.
func ParseNoteLine(text string) (said, rest string) {
	said, _, rest = ReadSaid(text)
	return said, rest
}

// ReadSaid is ParseNoteLine that also says whether the line names who
// said it at all: named is true for said:Name and for a bare said:, which
// takes a name off when a note is edited.
func ReadSaid(text string) (said string, named bool, rest string) {
	m := saidPattern.FindStringSubmatchIndex(text)
	if m == nil {
		return "", false, text
	}
	if m[2] >= 0 {
		said = text[m[2]:m[3]]
	} else {
		said = text[m[4]:m[5]]
	}
	before, after := strings.TrimRight(text[:m[0]], " \t"), strings.TrimLeft(text[m[1]:], " \t")
	if before != "" && after != "" && !strings.HasPrefix(after, "\n") {
		before += " "
	}
	return strings.TrimSpace(said), true, strings.TrimSpace(before + after)
}

// NoteLine writes a note back as the line that made it, who said it
// included (said:Dana, or said:"Two Words"), so that editing it can
// change or take off the name as well as the words.
func NoteLine(n Note) string {
	switch {
	case n.Said == "":
		return n.Text
	case strings.ContainsAny(n.Said, " \t") || strings.Contains(n.Said, `"`):
		return n.Text + ` said:"` + strings.ReplaceAll(n.Said, `"`, "'") + `"`
	}
	return n.Text + " said:" + n.Said
}
