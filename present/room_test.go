package present

import (
	"testing"

	"pitstop/model"
)

func TestRoomWords(t *testing.T) {
	for _, tc := range []struct {
		name           string
		counts         model.Counts
		summary, split string
	}{
		{"nobody", model.Counts{}, "Nobody answered.", ""},
		{"one", model.Counts{0, 0, 1, 0, 0}, "1 answered: 3.", ""},
		{"all alike", model.Counts{0, 0, 0, 5, 0}, "All 5 answered 4.", ""},
		{"odd", model.Counts{0, 2, 3, 5, 2}, "12 answered, from 2 to 5; the middle answer is 4.", ""},
		{"even, between", model.Counts{1, 0, 2, 2, 1}, "6 answered, from 1 to 5; the middle falls between 3 and 4.", ""},
		{"split", model.Counts{3, 2, 1, 2, 4}, "12 answered, from 1 to 5; the middle falls between 3 and 4.", "The room is divided on this one: 5 of 12 said 1 or 2, and 6 said 4 or 5."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := RoomSummary(tc.counts); got != tc.summary {
				t.Errorf("RoomSummary = %q, want %q", got, tc.summary)
			}
			if got := RoomSplit(tc.counts); got != tc.split {
				t.Errorf("RoomSplit = %q, want %q", got, tc.split)
			}
		})
	}
	c := model.Counts{0, 2, 3, 5, 2}
	if got := RoomCount(c, 4); got != "5 of 12" {
		t.Errorf("RoomCount = %q", got)
	}
	for score, want := range map[int]string{1: "1, not yet", 3: "3", 5: "5, we live it"} {
		if got := ScoreLabel(score); got != want {
			t.Errorf("ScoreLabel(%d) = %q, want %q", score, got, want)
		}
	}
}
