package present

import (
	"strconv"
	"strings"

	"pitstop/model"
)

// What the room sent and said, in words: once for the screens, the line
// mode, the minutes and the participants' page.

// Waiting says how many notes from the room wait: "3 waiting from the
// room"; "" for none.
func Waiting(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n) + " waiting from the room"
}

// NoteBy says who typed a note, after its time: " dana", " facilitator",
// " from the room"; "" when the file does not say.
func NoteBy(n model.Note) string {
	switch {
	case n.Role == string(model.RoleParticipant) && n.Author == "":
		return " from the room"
	case n.Role != "" || n.Author != "":
		return " " + model.Actor{Role: model.Role(n.Role), Name: n.Author}.Label()
	}
	return ""
}

// Median writes a median score: "3", or "3.5" between two.
func Median(m float64) string {
	return strconv.FormatFloat(m, 'f', -1, 64)
}

// RoomCounts lists how many gave each score: "1: 0 · 2: 1 · 3: 5 · 4: 3 ·
// 5: 0".
func RoomCounts(c model.Counts) string {
	parts := make([]string, len(c))
	for i, n := range c {
		parts[i] = strconv.Itoa(i+model.MinScore) + ": " + strconv.Itoa(n)
	}
	return strings.Join(parts, " · ")
}

// RoomSpread says how far apart the room's answers were: "all at 3",
// "from 2 to 5".
func RoomSpread(c model.Counts) string {
	low, high := c.Range()
	if low == high {
		return "all at " + strconv.Itoa(low)
	}
	return "from " + strconv.Itoa(low) + " to " + strconv.Itoa(high)
}

// RoomOpen says what of the check is open to the room, for whoever runs
// it: "open to the room: answers stay hidden until r reveals them".
func RoomOpen(n int) string {
	if n == 1 {
		return "1 outcome open to the room; its answers stay hidden until they are revealed"
	}
	return strconv.Itoa(n) + " outcomes open to the room; their answers stay hidden until they are revealed"
}

// The words for the room's answers to an outcome opened to it, once the
// facilitator has shown them: the same on the participants' page, the
// facilitator's screen and the minutes. They speak of counts only, never
// of anyone's answer.

// ScoreLabel names a score as the room is asked for it: "1, not yet",
// "3", "5, we live it".
func ScoreLabel(score int) string {
	switch score {
	case model.MinScore:
		return strconv.Itoa(score) + ", not yet"
	case model.MaxScore:
		return strconv.Itoa(score) + ", we live it"
	}
	return strconv.Itoa(score)
}

// RoomSummary says what the room's answers come to: how many answered, how
// far apart they are and where their middle is. "12 answered, from 2 to
// 5; the middle answer is 4." "All 5 answered 3." "6 answered, from 1 to
// 5; the middle falls between 3 and 4." Nothing answered says so.
func RoomSummary(c model.Counts) string {
	n := c.N()
	if n == 0 {
		return "Nobody answered."
	}
	low, high := c.Range()
	if low == high {
		if n == 1 {
			return "1 answered: " + strconv.Itoa(low) + "."
		}
		return "All " + strconv.Itoa(n) + " answered " + strconv.Itoa(low) + "."
	}
	s := strconv.Itoa(n) + " answered, from " + strconv.Itoa(low) + " to " + strconv.Itoa(high) + "; "
	median := c.Median()
	if whole := int(median); float64(whole) == median {
		return s + "the middle answer is " + strconv.Itoa(whole) + "."
	}
	return s + "the middle falls between " + strconv.Itoa(int(median)) + " and " + strconv.Itoa(int(median)+1) + "."
}

// RoomSplit says, when the room is of two minds (model.Counts.Split), how
// far apart it is: "The room is divided on this one: 5 of 12 said 1 or 2,
// and 6 said 4 or 5." It is "" otherwise: a room that mostly agrees needs
// no sentence about it.
func RoomSplit(c model.Counts) string {
	if !c.Split() {
		return ""
	}
	low, high := c[0]+c[1], c[3]+c[4]
	return "The room is divided on this one: " + strconv.Itoa(low) + " of " + strconv.Itoa(c.N()) +
		" said 1 or 2, and " + strconv.Itoa(high) + " said 4 or 5."
}

// RoomCount is how many gave one score, of all who answered: "3 of 12".
func RoomCount(c model.Counts, score int) string {
	if score < model.MinScore || score > model.MaxScore {
		return ""
	}
	return strconv.Itoa(c[score-model.MinScore]) + " of " + strconv.Itoa(c.N())
}

func RoomAnswers(c model.Counts) string { return Plural(c.N(), "answer") }
