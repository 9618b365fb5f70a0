package linemode

import "pitstop/actions"

// The words the line mode takes are those of the one table of actions
// (package actions): each key of the full screen has its word there, and
// the help below is made from it.

// isCheckWord reports whether typed is one of the check's answers (a
// number, or a word such as skip), said while the check is off.
func isCheckWord(typed string) bool {
	if isNumber(typed) {
		return true
	}
	found, _, _ := actions.All.Lookup(typed, true)
	return found != nil && found.InCheck
}

// checkWordList is the check's answers, for a message.
func checkWordList() string { return "1 to 5, " + actions.All.WordList(true) }
