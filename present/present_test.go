package present

import (
	"slices"
	"strings"
	"testing"
	"time"

	"pitstop/model"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("", -5*3600))

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0m"},
		{400 * time.Millisecond, "0m"},
		{45 * time.Second, "45s"},
		{15 * time.Minute, "15m"},
		{16*time.Minute + 30*time.Second, "16m30s"},
		{time.Hour + 5*time.Minute, "1h05m"},
		{time.Hour + 5*time.Minute + 7*time.Second, "1h05m07s"},
		{2 * time.Hour, "2h00m"},
		{-90 * time.Second, "1m30s"},
	}
	for _, tt := range tests {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestClockAndMinutes(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "00:00", 4*time.Minute + 12*time.Second: "04:12", -133 * time.Second: "02:13", 75 * time.Minute: "1:15:00"} {
		if got := Clock(d); got != want {
			t.Errorf("Clock(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{10 * time.Second: "less than a minute", time.Minute: "1 minute", 4*time.Minute + 40*time.Second: "5 minutes"} {
		if got := Minutes(d); got != want {
			t.Errorf("Minutes(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestPluralAndPercent(t *testing.T) {
	for _, tt := range []struct {
		n          int
		noun, want string
	}{{1, "note", "1 note"}, {0, "note", "0 notes"}, {2, "match", "2 matches"}, {3, "box", "3 boxes"}, {1, "match", "1 match"}} {
		if got := Plural(tt.n, tt.noun); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
	for _, tt := range []struct {
		n, of int
		want  string
	}{{1, 6, "17%"}, {1, 3, "33%"}, {2, 3, "67%"}, {0, 0, "0%"}, {5, 5, "100%"}, {1, 8, "13%"}} {
		if got := Percent(tt.n, tt.of); got != tt.want {
			t.Errorf("Percent(%d, %d) = %q, want %q", tt.n, tt.of, got, tt.want)
		}
	}
}

func TestTimerStates(t *testing.T) {
	planned := 10 * time.Minute
	tests := []struct {
		name            string
		elapsed         time.Duration
		running         bool
		display, inText string
		low, over       bool
		result          string
	}{
		{"ready", 0, false, "10:00", "ready", false, false, "not run"},
		{"running", 3 * time.Minute, true, "07:00", "running", false, false, "7m under"},
		{"paused", 3 * time.Minute, false, "07:00", "paused", false, false, "7m under"},
		{"a fifth left", 8 * time.Minute, true, "02:00", "nearly time", true, false, "2m under"},
		{"last minute", 9*time.Minute + 30*time.Second, true, "00:30", "last minute", true, false, "30s under"},
		{"exactly zero", 10 * time.Minute, true, "+00:00", "time to wrap up", false, true, "on time"},
		{"over", 12*time.Minute + 13*time.Second, true, "+02:13", "+02:13 over", false, true, "2m13s over"},
		{"over an hour", 75 * time.Minute, true, "+1:05:00", "over", false, true, "1h05m over"},
		{"paused in overtime", 11*time.Minute + 59*time.Second, false, "+01:59", "time to wrap up · paused · +01:59 over", false, true, "1m59s over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := model.Stop{Planned: planned, Timer: model.Timer{Accumulated: tt.elapsed}}
			if tt.running {
				st.Timer = model.Timer{RunningSince: t0.Add(-tt.elapsed)}
			}
			ts := TimerOf(st, t0)
			if ts.Display() != tt.display || !strings.Contains(ts.Words(), tt.inText) || ts.Low() != tt.low || ts.Over() != tt.over || ts.Result() != tt.result {
				t.Fatalf("got %q %q low=%v over=%v %q", ts.Display(), ts.Words(), ts.Low(), ts.Over(), ts.Result())
			}
		})
	}
}

func TestPace(t *testing.T) {
	s, err := model.NewSession("pace", "Pace", "", "", []model.StopPlan{
		{Key: "a", Name: "A", Planned: 15 * time.Minute}, {Key: "b", Name: "B", Planned: 20 * time.Minute}, {Key: "c", Name: "C", Planned: 5 * time.Minute},
	}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		at  time.Duration
		cmd model.Command
	}{{0, model.StartTimer{}}, {20 * time.Minute, model.NextStop{}}, {20 * time.Minute, model.StartTimer{}}} {
		if err := s.Apply(step.cmd, t0.Add(step.at)); err != nil {
			t.Fatal(err)
		}
	}
	if got := Pace(s, t0.Add(40*time.Minute)); got != "5m behind" { // 5m over at stop 1
		t.Fatalf("pace = %q", got)
	}
	if got := Pace(s, t0.Add(42*time.Minute)); got != "7m behind" { // stop 2 is 20m planned, 22m in
		t.Fatalf("pace with overtime = %q", got)
	}
	if got := Pace(s, t0.Add(20*time.Minute+30*time.Second)); got != "5m behind" {
		t.Fatalf("pace = %q", got)
	}
}

func TestDates(t *testing.T) {
	today := model.Date{Year: 2026, Month: 12, Day: 1}
	for _, tt := range []struct {
		d           model.Date
		short, long string
	}{
		{model.Date{Year: 2026, Month: 12, Day: 5}, "5 Dec", "Sat 5 Dec"},
		{model.Date{Year: 2027, Month: 1, Day: 1}, "1 Jan 2027", "Fri 1 Jan 2027"},
		{model.Date{Year: 2025, Month: 11, Day: 20}, "20 Nov 2025", "Thu 20 Nov 2025"},
		{model.Date{}, "", ""},
	} {
		if got := Date(tt.d, today); got != tt.short {
			t.Errorf("Date(%v) = %q, want %q", tt.d, got, tt.short)
		}
		if got := LongDate(tt.d, today); got != tt.long {
			t.Errorf("LongDate(%v) = %q, want %q", tt.d, got, tt.long)
		}
	}
}

func TestOthers(t *testing.T) {
	ana := model.Actor{Role: model.RoleFacilitator, Name: "ana"}
	dana := model.Actor{Role: model.RoleNotes, Name: "dana"}
	room := model.Actor{Role: model.RoleViewer, Name: "room"}
	guest := model.Actor{Role: model.RoleViewer, Name: "viewer"}
	for _, c := range []struct {
		present []model.Actor
		want    string
	}{
		{nil, ""},
		{[]model.Actor{ana}, ""},
		{[]model.Actor{ana, dana}, "dana (note-taker)"},
		{[]model.Actor{dana, ana, room, room}, "dana (note-taker), room (viewer) ×2"},
		{[]model.Actor{ana, ana}, "ana (facilitator)"}, // the same person on a second screen
		{[]model.Actor{ana, guest}, "viewer"},
	} {
		if got := Others(c.present, ana); got != c.want {
			t.Errorf("Others(%v) = %q, want %q", c.present, got, c.want)
		}
	}
}

func TestAgo(t *testing.T) {
	today := model.Date{Year: 2026, Month: 12, Day: 7}
	for day, want := range map[model.Date]string{
		{Year: 2026, Month: 12, Day: 6}:  "yesterday",
		{Year: 2026, Month: 12, Day: 4}:  "3 days ago",
		{Year: 2026, Month: 11, Day: 23}: "2 weeks ago",
		{Year: 2026, Month: 11, Day: 7}:  "4 weeks ago",
		{Year: 2026, Month: 9, Day: 7}:   "3 months ago",
		{Year: 2025, Month: 12, Day: 5}:  "a year ago",
		{Year: 2024, Month: 12, Day: 7}:  "2 years ago",
	} {
		if got := Ago(day, today); got != want {
			t.Errorf("Ago(%v) = %q, want %q", day, got, want)
		}
	}
}

// The short ways of saying who else is here, and the host's warning before
// leaving, leave me out once, as Others does, and name each screen.
func TestOthersShortAndConnected(t *testing.T) {
	ana := model.Actor{Role: model.RoleFacilitator, Name: "ana"}
	dana := model.Actor{Role: model.RoleNotes, Name: "dana"}
	room := model.Actor{Role: model.RoleViewer}
	lee := model.Actor{Role: model.RoleNotes, Name: "lee"}
	for _, c := range []struct {
		present   []model.Actor
		short     []string
		connected string
	}{
		{nil, nil, ""},
		{[]model.Actor{ana}, nil, ""},
		{[]model.Actor{ana, dana}, []string{"dana (note-taker)", "dana", "1 other"}, "1 person is connected (dana)."},
		{[]model.Actor{dana, ana, ana, room, lee}, []string{
			"dana (note-taker), ana (facilitator), viewer, lee (note-taker)",
			"dana, ana, viewer, lee",
			"dana, ana, viewer +1", "dana, ana +2", "dana +3",
			"4 others",
		}, "4 people are connected (dana, ana, viewer, lee)."},
	} {
		if got := OthersShort(c.present, ana); !slices.Equal(got, c.short) {
			t.Errorf("OthersShort(%v) = %q, want %q", c.present, got, c.short)
		}
		if got := Connected(c.present, ana); got != c.connected {
			t.Errorf("Connected(%v) = %q, want %q", c.present, got, c.connected)
		}
	}
}
