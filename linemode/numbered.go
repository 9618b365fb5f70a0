package linemode

import (
	"strconv"
	"strings"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/present"
)

// numbered is a list read out with numbers, so that a word can name one
// of its items by its number ("done 3", "let 2", "retire 1"): the ids read
// out, from 1, and what is said when a number names none of them.
type numbered struct {
	ids []string
	of  string // the word that read it out: "board", "notes", "carried"
	// notANumber, when set, is said of what is no number at all (or is
	// below 1), before unread.
	notANumber func(word string) string
	unread     string // said while nothing has been read out
	// outside is said of a number the list does not reach (and, when
	// notANumber is not set, of what is no number).
	outside func(word string, count int) string
	// gone says that the item named is no longer there, or "" while it
	// is; nil when it always is.
	gone func(s *model.Session, id, of string) string
}

// The numbered lists of a run: the entries of the board, the notes or the
// carried items, whichever was read out last; the notes waiting from the
// room; and the team's norms.
func entryList() numbered {
	return numbered{
		notANumber: func(word string) string {
			return word + " takes the number of an entry: say board or notes to hear them numbered, then " + word + " N."
		},
		unread:  "Say board or notes first, to hear the entries numbered.",
		outside: func(_ string, count int) string { return "The last list had " + present.Plural(count, "entry") + "." },
		gone: func(s *model.Session, id, of string) string {
			if _, _, found := s.Find(id); found {
				return ""
			}
			return "That entry is gone; say " + of + " again."
		},
	}
}

func heldList() numbered {
	return numbered{
		unread: "Say room first, to hear the notes waiting from the room numbered.",
		outside: func(word string, count int) string {
			return word + " takes the number of a note from the last room list, 1 to " + strconv.Itoa(count) + "."
		},
		gone: func(s *model.Session, id, _ string) string {
			if _, waiting := s.Room.HeldNote(id); waiting {
				return ""
			}
			return "That note is no longer waiting: someone has let it through or discarded it. Say room again."
		},
	}
}

func normList() numbered {
	return numbered{
		unread: "Say norms first, to hear the team's norms numbered.",
		outside: func(word string, count int) string {
			return word + " takes the number of a norm from the last norms list, 1 to " + strconv.Itoa(count) + "."
		},
	}
}

// readOut starts the list again, as the word of reads it out.
func (l *numbered) readOut(of string) { l.ids, l.of = l.ids[:0], of }

// add numbers the next item read out, and returns its number.
func (l *numbered) add(id string) int {
	l.ids = append(l.ids, id)
	return len(l.ids)
}

// listFor is the list whose numbers an action's word takes, or nil.
func (r *run) listFor(t actions.Target) *numbered {
	switch t {
	case actions.TargetEntry, actions.TargetOptionalEntry:
		return &r.entries
	case actions.TargetHeld:
		return &r.held
	case actions.TargetNorm:
		return &r.teamNorms
	}
	return nil
}

// pick reads the number at the start of rest as an item of the list: its
// id and the words after the number. When the number names none, it says
// why and reports false.
func (r *run) pick(l *numbered, word, rest string, s *model.Session) (id, arg string, ok bool) {
	numText, arg, _ := strings.Cut(rest, " ")
	n, err := strconv.Atoi(numText)
	notANumber := err != nil || n < 1
	switch {
	case notANumber && l.notANumber != nil:
		r.say(l.notANumber(word))
	case len(l.ids) == 0:
		r.say(l.unread)
	case notANumber || n > len(l.ids):
		r.say(l.outside(word, len(l.ids)))
	default:
		id = l.ids[n-1]
		if l.gone != nil {
			if why := l.gone(s, id, l.of); why != "" {
				r.say(why)
				return "", "", false
			}
		}
		return id, strings.TrimSpace(arg), true
	}
	return "", "", false
}
