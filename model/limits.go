package model

import "time"

// Limits on what one session holds, the same for what people type and for
// what a file read back holds, so that a hand-edited file cannot make the
// app slow or a total overflow.
const (
	// MaxEntries is how many notes and board items one session keeps. A
	// workshop writes a few hundred; the limit is far above that.
	MaxEntries = 50_000
	// MaxPlanned is the longest a stop may be planned for.
	MaxPlanned = 8 * time.Hour
	// MaxElapsed is the most time a stop's timer may have run: a timer
	// left running over a long holiday stays well within it, and fifty
	// stops of it still add up without overflowing.
	MaxElapsed = 24 * 7 * 52 * time.Hour
	// MaxCodeTries is how many wrong join codes a served session takes, over
	// SSH and on the participants' page, before its code stops working
	// there: a guess at a short code read out to a room has five chances.
	MaxCodeTries = 5
)
