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

func TestTimerSpokenAndState(t *testing.T) {
	plan := 15 * time.Minute
	timer := func(elapsed time.Duration, running bool) Timer {
		return Timer{Planned: plan, Elapsed: elapsed, Remaining: plan - elapsed, Running: running, Started: elapsed > 0 || running}
	}
	for _, c := range []struct {
		name          string
		t             Timer
		spoken, state string
	}{
		{"not started", timer(0, false), "Not started; 15 minutes planned.", "▷ ready"},
		{"running", timer(2*time.Minute+30*time.Second, true), "12 minutes 30 seconds left of 15 minutes.", "▶ running"},
		{"paused", timer(12*time.Minute, false), "Paused; 3 minutes left of 15 minutes.", "⏸ paused"},
		{"nearly time", timer(12*time.Minute, true), "3 minutes left of 15 minutes.", "◔ nearly time"},
		{"last minute", timer(14*time.Minute+30*time.Second, true), "30 seconds left of 15 minutes.", "◔ last minute"},
		{"over", timer(17*time.Minute+13*time.Second, true), "2 minutes 13 seconds over the 15 minutes planned.", "● time to wrap up"},
		{"over, paused", timer(17*time.Minute, false), "2 minutes over the 15 minutes planned.", "● time to wrap up · paused"},
	} {
		if got := TimerSpoken(c.t); got != c.spoken {
			t.Errorf("%s: TimerSpoken = %q, want %q", c.name, got, c.spoken)
		}
		if got := c.t.State(); got != c.state {
			t.Errorf("%s: State = %q, want %q", c.name, got, c.state)
		}
	}
	if got := TimerLeftSpoken(timer(0, false)); got != "15 minutes planned." {
		t.Errorf("TimerLeftSpoken, not started: %q", got)
	}
}

func TestSentenceWords(t *testing.T) {
	for in, want := range map[string]string{"": "", "Done": "Done.", "Done.": "Done.", "Why?": "Why?", "Stop!": "Stop!", "And so…": "And so…"} {
		if got := Period(in); got != want {
			t.Errorf("Period(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Short("first line\nsecond", 12); got != "first line …" {
		t.Errorf("Short cut: %q", got)
	}
	if got := Short("héllo", 5); got != "héllo" {
		t.Errorf("Short, fits: %q", got)
	}
	for noun, want := range map[string]string{"tension": "a tension", "agreement": "an agreement", "note": "a note"} {
		if got := A(noun); got != want {
			t.Errorf("A(%q) = %q, want %q", noun, got, want)
		}
	}
	for noun, want := range map[string]string{"entry": "entries", "day": "days", "match": "matches", "note": "notes"} {
		if got := PluralNoun(noun); got != want {
			t.Errorf("PluralNoun(%q) = %q, want %q", noun, got, want)
		}
	}
}
