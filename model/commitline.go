package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
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

// ParseCommitmentLine reads the owner (@name at the start of a word) and
// the due date (due:VALUE at the start of a word) out of a line; the rest
// is the commitment's text. An @ or the word "due" elsewhere is left as
// text: "email dana@example.org", "due to the budget". today anchors
// relative dates.
func ParseCommitmentLine(line string, today Date) (CommitmentLine, error) {
	var out CommitmentLine
	var kept []string
	for _, word := range strings.Fields(CleanLabel(line)) {
		switch {
		case out.Owner == "" && len(word) > 1 && word[0] == '@' && isNameStart(word[1:]):
			out.Owner = strings.TrimRight(word[1:], ".,;:!?")
		case len(word) > 4 && strings.EqualFold(word[:4], "due:"):
			if !out.Due.IsZero() {
				return out, errors.New("the line gives two due dates; keep one")
			}
			d, err := ParseDue(word[4:], today)
			if err != nil {
				return out, err
			}
			out.Due = d
		default:
			kept = append(kept, word)
		}
	}
	if len(out.Owner) > MaxLabelBytes {
		return out, fmt.Errorf("the owner's name is too long (at most %d bytes)", MaxLabelBytes)
	}
	out.Text = strings.Join(kept, " ")
	if out.Text == "" {
		return out, errors.New("a commitment needs a few words saying what will be done")
	}
	return out, nil
}

func isNameStart(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
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

// ParseDue reads a due date in any of the forms of DueForms (without the
// "due:"); the empty string is no date.
func ParseDue(v string, today Date) (Date, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	bad := fmt.Errorf("%q is not a date Pit Stop understands; write %s", v, DueForms)
	switch {
	case v == "" || v == "none":
		return Date{}, nil
	case v == "today":
		return today, nil
	case v == "tomorrow":
		return today.AddDays(1), nil
	case strings.HasPrefix(v, "+") && len(v) >= 3:
		n, err := strconv.Atoi(v[1 : len(v)-1])
		if err != nil || n < 0 || n > 3660 {
			return Date{}, bad
		}
		switch v[len(v)-1] {
		case 'd':
			return today.AddDays(n), nil
		case 'w':
			return today.AddDays(7 * n), nil
		case 'm':
			t := time.Date(today.Year, today.Month+time.Month(n), today.Day, 12, 0, 0, 0, time.UTC)
			return DateOf(t), nil
		}
		return Date{}, bad
	}
	if wd, ok := weekdays[v]; ok {
		t := time.Date(today.Year, today.Month, today.Day, 12, 0, 0, 0, time.UTC)
		ahead := (int(wd) - int(t.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7 // "by Friday" said on a Friday means next week
		}
		return today.AddDays(ahead), nil
	}
	d, err := ParseDate(v)
	if err != nil || strings.HasPrefix(v, "+") {
		return Date{}, bad
	}
	return d, nil
}
