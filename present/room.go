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

// RoomAgreement calls out how the room stands, when it says something:
// two camps apart, or nearly everyone together; "" otherwise.
func RoomAgreement(c model.Counts) string {
	low, high := c.Range()
	switch {
	case c.Split():
		return "the room is split on this one"
	case c.N() >= 2 && high-low <= 1:
		return "the room mostly agrees"
	}
	return ""
}

// RoomSummary is the room's answers to one outcome in a line: "12
// answers · median 3.5 · from 2 to 5 · the room is split on this one".
func RoomSummary(c model.Counts) string {
	parts := []string{Plural(c.N(), "answer"), "median " + Median(c.Median()), RoomSpread(c)}
	if words := RoomAgreement(c); words != "" {
		parts = append(parts, words)
	}
	return strings.Join(parts, " · ")
}

// RoomOpen says what of the check is open to the room, for whoever runs
// it: "open to the room: answers stay hidden until r reveals them".
func RoomOpen(n int) string {
	if n == 1 {
		return "1 outcome open to the room; its answers stay hidden until they are revealed"
	}
	return strconv.Itoa(n) + " outcomes open to the room; their answers stay hidden until they are revealed"
}
