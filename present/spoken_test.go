package present

import (
	"testing"
	"time"

	"pitstop/model"
)

func TestSpokenDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0 seconds", 45 * time.Second: "45 seconds", time.Minute: "1 minute", 90 * time.Second: "1 minute 30 seconds",
		15 * time.Minute: "15 minutes", 65 * time.Minute: "1 hour 5 minutes", -2 * time.Minute: "2 minutes",
		2*time.Hour + 1*time.Second: "2 hours 1 second",
	} {
		if got := SpokenDuration(d); got != want {
			t.Errorf("SpokenDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSpokenDate(t *testing.T) {
	today := model.DateOf(t0)
	d, _ := model.ParseDate("2026-12-04")
	if got := SpokenDate(d, today); got != "Friday 4 December" {
		t.Errorf("got %q", got)
	}
	d, _ = model.ParseDate("2027-01-05")
	if got := SpokenDate(d, today); got != "Tuesday 5 January 2027" {
		t.Errorf("got %q", got)
	}
}
