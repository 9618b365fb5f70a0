package model

import (
	"strings"
	"testing"
)

// A Monday.
var today = Date{2026, 11, 23}

func TestParseCommitmentLine(t *testing.T) {
	tests := []struct {
		in    string
		text  string
		owner string
		due   string
		err   string
	}{
		{"Draft the data-sharing MOU @Dana due:2026-12-05", "Draft the data-sharing MOU", "Dana", "2026-12-05", ""},
		{"@Dana due:2026-12-05 Draft the MOU", "Draft the MOU", "Dana", "2026-12-05", ""},
		{"Book a room", "Book a room", "", "", ""},
		{"Share the budget @Lee, due:fri", "Share the budget", "Lee", "2026-11-27", ""},
		{"x due:tomorrow", "x", "", "2026-11-24", ""},
		{"x due:today", "x", "", "2026-11-23", ""},
		{"x due:mon", "x", "", "2026-11-30", ""},
		{"x DUE:Wednesday", "x", "", "2026-11-25", ""},
		{"x due:+2w", "x", "", "2026-12-07", ""},
		{"x due:+3d", "x", "", "2026-11-26", ""},
		{"x due:+1m", "x", "", "2026-12-23", ""},
		{"Email dana@example.org about it", "Email dana@example.org about it", "", "", ""},
		{"Say thanks @ the meeting", "Say thanks @ the meeting", "", "", ""},
		{"Pay the invoice that is due to the printer", "Pay the invoice that is due to the printer", "", "", ""},
		{"Fix the overdue: list", "Fix the overdue: list", "", "", ""},
		{"Ask @Dana and @Lee", "Ask and @Lee", "Dana", "", ""},
		{"  spaced   out  @Ana  ", "spaced out", "Ana", "", ""},
		{"x due:next-week", "", "", "", "is not a date"},
		{"x due:2026-02-30", "", "", "", "is not a date"},
		{"x due:+2y", "", "", "", "due:+2w"},
		{"x due:1 due:2", "", "", "", "is not a date"},
		{"x due:today due:tomorrow", "", "", "", "two due dates"},
		{"@Dana due:today", "", "", "", "needs a few words"},
		{"", "", "", "", "needs a few words"},
		{"\x1b[31mred\x1b[0m @Dana", "red", "Dana", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCommitmentLine(tt.in, today)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.text || got.Owner != tt.owner || got.Due.String() != tt.due {
				t.Fatalf("got %+v (due %s)", got, got.Due)
			}
		})
	}
}

func TestDueErrorListsForms(t *testing.T) {
	_, err := ParseDue("someday", today)
	if err == nil || !strings.Contains(err.Error(), DueForms) {
		t.Fatalf("err = %v", err)
	}
}

func FuzzParseCommitmentLine(f *testing.F) {
	for _, s := range []string{"Draft @Dana due:2026-12-05", "due:+2w x", "@ @@ due: due:x", "\x1b[2J@a due:fri", "x due:+99999999999999999999d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got, err := ParseCommitmentLine(line, today)
		if err != nil {
			return
		}
		if got.Text == "" || strings.TrimSpace(got.Text) != got.Text || CleanLabel(got.Text) != got.Text {
			t.Fatalf("text %q from %q", got.Text, line)
		}
		if strings.ContainsAny(got.Owner, " \t\n") {
			t.Fatalf("owner %q from %q", got.Owner, line)
		}
		// What was parsed can be recorded.
		s, _ := NewSession("f", "F", "", "", []StopPlan{{Key: "a", Planned: 60e9}}, t0)
		if err := s.Apply(AddCommitment{Text: got.Text, Owner: got.Owner, Due: got.Due.String()}, t0); err != nil && len(got.Text) <= MaxTextBytes {
			t.Fatalf("parsed line not accepted: %v (%+v)", err, got)
		}
	})
}
