package linemode

import (
	"sort"
	"strings"
)

// word is one thing a person can type: its name, what follows it, and
// what it does, as help says it.
type word struct {
	name, args, does string
}

// words are every word the line mode takes, in the order help lists them.
// The README's table maps each key of the full screen to one of them.
var words = []word{
	{"where", "", "the stop, its time, and how many notes and board entries"},
	{"time", "", "how the timer stands"},
	{"prompts", "", "the stop's prompts"},
	{"hint", "", "the facilitator's hint for this stop"},
	{"next", "", "go on to the next stop (after the last: close)"},
	{"back", "", "go back a stop"},
	{"go", "N", "go to stop N"},
	{"start", "", "start the timer"},
	{"pause", "", "pause the timer"},
	{"add", "N", "add N minutes to the plan (add -2 takes two away)"},
	{"reset", "", "reset the timer to zero"},
	{"note", "TEXT", "write a note (said:Name records who said it)"},
	{"agree", "TEXT", "add an agreement"},
	{"tension", "TEXT", "add a tension"},
	{"commit", "TEXT @owner due:DATE", "add a commitment (due:fri, due:+2w, due:2026-12-05)"},
	{"notes", "", "the notes at this stop, numbered"},
	{"board", "", "the board, numbered"},
	{"check", "", "the partnership check, one outcome at a time (goes on where it was left)"},
	{"results", "", "the partnership check's results, weakest first"},
	{"trend", "", "each outcome's scores across the team's sessions"},
	{"edit", "N TEXT", "change the words of entry N of the last list (a commitment: TEXT @owner due:DATE)"},
	{"delete", "N", "delete entry N"},
	{"done", "N", "commitment N is done"},
	{"drop", "N", "drop commitment or tension N"},
	{"resolve", "N", "tension N is resolved"},
	{"reopen", "[N]", "open tension or commitment N again; with no N, the closed session"},
	{"owner", "N NAME", "who takes commitment N on"},
	{"due", "N DATE", "when commitment N is due (empty: no date)"},
	{"move", "N KIND", "move entry N to the agreements, tensions or commitments"},
	{"undo", "", "undo your last change to a note or the board"},
	{"who", "", "who is here"},
	{"minutes", "", "write the minutes next to the session file"},
	{"close", "", "close the session (asks first)"},
	{"help", "", "these words"},
	{"quit", "", "leave; everything is already saved"},
}

// checkWords are the answers the partnership check takes while it is on,
// besides a number from 1 to 5. back, next and note are then about the
// outcome asked, not the stop; every other word works as always.
var checkWords = []word{
	{"skip", "", "skip the outcome and go on to the next"},
	{"note", "TEXT", "a note on the outcome (the check stays on it)"},
	{"next", "", "go on to the next outcome without answering"},
	{"back", "", "go back to the outcome before"},
	{"again", "", "the question again"},
	{"repeat", "", "the question again"},
	{"stop", "", "leave the check, saying how far it came; check goes on from there"},
}

// inCheck are the words while the check is on: its answers, then every
// other word.
var inCheck = func() []word {
	out := append([]word(nil), checkWords...)
	for _, w := range words {
		if !isCheckWord(w.name) {
			out = append(out, w)
		}
	}
	return out
}()

// isCheckWord reports whether name is one of the check's answers.
func isCheckWord(name string) bool {
	for _, w := range checkWords {
		if w.name == name {
			return true
		}
	}
	return false
}

// lookup finds the word a person meant: the word itself, or the only word
// that starts with what was typed. It also says which words were meant
// when a prefix fits several.
func lookup(typed string) (word, []string) { return lookupIn(words, typed) }

// lookupIn is lookup among the words of table.
func lookupIn(table []word, typed string) (word, []string) {
	typed = strings.ToLower(typed)
	var fits []string
	var found word
	for _, w := range table {
		if w.name == typed {
			return w, nil
		}
		if strings.HasPrefix(w.name, typed) {
			fits = append(fits, w.name)
			found = w
		}
	}
	if len(fits) == 1 {
		return found, nil
	}
	sort.Strings(fits)
	return word{}, fits
}

// wordList is every word, for a message: "where, time, …".
func wordList() string {
	names := make([]string, len(words))
	for i, w := range words {
		names[i] = w.name
	}
	return strings.Join(names, ", ")
}

// checkWordList is the check's answers, for a message.
func checkWordList() string {
	names := []string{"1 to 5"}
	for _, w := range checkWords {
		names = append(names, w.name)
	}
	return strings.Join(names, ", ")
}
