package model

import (
	"strings"
	"testing"
	"unicode"
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
		// An @name inside the sentence is text; only the field runs at the
		// start and the end name the owner.
		{"Ask @Dana and @Lee to meet", "Ask @Dana and @Lee to meet", "", "", ""},
		{"Ask @Dana and @Lee to meet due:fri", "Ask @Dana and @Lee to meet", "", "2026-11-27", ""},
		{"Ask @Dana due:fri to meet", "Ask @Dana to meet", "", "2026-11-27", ""},
		{"Share the budget draft @Dana due:2026-12-05", "Share the budget draft", "Dana", "2026-12-05", ""},
		{"@Dana share the budget draft", "share the budget draft", "Dana", "", ""},
		{"due:fri @Dana share it", "share it", "Dana", "2026-11-27", ""},
		// The rule is about where a word stands, not what the sentence
		// means: a trailing @name is the owner even after "and".
		{"Ask @Dana and @Lee", "Ask @Dana and", "Lee", "", ""},
		{"Mail dana@example.org", "Mail dana@example.org", "", "", ""},
		{"Pay what is due by Friday", "Pay what is due by Friday", "", "", ""},
		// Two owners in the field runs are refused, not guessed at.
		{"Draft it @Dana @Lee", "", "", "", "two owners, @Dana and @Lee"},
		{"@Dana draft it @Lee", "", "", "", "two owners"},
		{"@Dana draft it @dana", "draft it", "Dana", "", ""},
		// Punctuation and brackets around a field word belong to the sentence.
		{"Send it due:fri.", "Send it", "", "2026-11-27", ""},
		{"Call back due:tomorrow, please", "Call back please", "", "2026-11-24", ""},
		{"x due:2026-12-05;", "x", "", "2026-12-05", ""},
		{"x (due:fri)", "x", "", "2026-11-27", ""},
		{"x due:(+3d)!", "x", "", "2026-11-26", ""},
		{"Draft it @Dana)", "Draft it", "Dana", "", ""},
		{"Draft it (@Dana)", "Draft it", "Dana", "", ""},
		{"(@Dana) draft it", "draft it", "Dana", "", ""},
		{"Draft it @Dana!", "Draft it", "Dana", "", ""},
		{"Draft it @)", "Draft it @)", "", "", ""},
		{"x due:.", "", "", "", `"due:." is not a date`},
		{"x due:", "x due:", "", "", ""},
		{"  spaced   out  @Ana  ", "spaced out", "Ana", "", ""},
		{"x due:next-week", "", "", "", "is not a date"},
		{"x due:2026-02-30", "", "", "", "is not a date"},
		{"x due:+2y", "", "", "", "due:+2w"},
		{"x due:+3", "", "", "", "is not a date"},
		{"x due:++3d", "", "", "", "is not a date"},
		{"x due:+-0d", "", "", "", "is not a date"},
		{"x due:+1m", "x", "", "2026-12-23", ""},
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

func TestParseDue(t *testing.T) {
	tests := []struct {
		today Date
		in    string
		want  string
		err   string
	}{
		{today, "fri", "2026-11-27", ""},
		// Someone used to the one-line form types the "due:" here too.
		{today, "due:fri", "2026-11-27", ""},
		{today, "DUE: tomorrow", "2026-11-24", ""},
		{today, "  2026-12-05 ", "2026-12-05", ""},
		{today, "", "", ""},
		{today, "none", "", ""},
		{today, "due:", "", ""},
		// A month later is the same day, or the month's last day when the
		// later month is shorter.
		{Date{2026, 1, 31}, "+1m", "2026-02-28", ""},
		{Date{2028, 1, 31}, "+1m", "2028-02-29", ""},
		{Date{2028, 2, 29}, "+12m", "2029-02-28", ""},
		{Date{2028, 2, 29}, "+48m", "2032-02-29", ""},
		{Date{2026, 3, 31}, "+1m", "2026-04-30", ""},
		{Date{2026, 12, 31}, "+2m", "2027-02-28", ""},
		{Date{2026, 1, 15}, "+1m", "2026-02-15", ""},
		{Date{2026, 11, 30}, "+0m", "2026-11-30", ""},
		{Date{2026, 8, 31}, "+6m", "2027-02-28", ""},
		{today, "someday", "", `"someday" is not a date`},
		{today, "due:someday", "", `"due:someday" is not a date`},
		{today, "+1y", "", DueFieldForms},
		{today, "+3661d", "", "is not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.today.String()+" "+tt.in, func(t *testing.T) {
			got, err := ParseDue(tt.in, tt.today)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("got %s, %v; want %s", got, err, tt.want)
			}
		})
	}
}

// Each parser's message lists the forms that are valid where the date was
// typed: the due date field takes "fri", the one-line form "due:fri".
func TestDueErrorListsForms(t *testing.T) {
	_, err := ParseDue("someday", today)
	if err == nil || !strings.Contains(err.Error(), DueFieldForms) || strings.Contains(err.Error(), "due:") {
		t.Fatalf("ParseDue err = %v, want the forms without due:", err)
	}
	_, err = ParseCommitmentLine("x due:someday", today)
	if err == nil || !strings.Contains(err.Error(), DueForms) {
		t.Fatalf("ParseCommitmentLine err = %v, want the due: forms", err)
	}
}

// What was typed is quoted safely: no control character of a paste reaches
// the screen through the message, and a long paste is cut short.
func TestDueErrorQuotesSafely(t *testing.T) {
	for _, in := range []string{"\x1b[31mnext\tweek\x07", "some\u202eday", "x\x9b2J", "x\u009b2J", strings.Repeat("y", 5000)} {
		for name, parse := range map[string]func(string) error{
			"ParseDue":            func(v string) error { _, err := ParseDue(v, today); return err },
			"ParseCommitmentLine": func(v string) error { _, err := ParseCommitmentLine("x due:"+v, today); return err },
		} {
			err := parse(in)
			if err == nil {
				t.Fatalf("%s(%q) accepted", name, in)
			}
			msg := err.Error()
			if i := strings.IndexFunc(msg, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }); i >= 0 {
				t.Errorf("%s(%q): message has %q: %s", name, in, msg[i:i+1], msg)
			}
			if len(msg) > 400 {
				t.Errorf("%s: message is %d bytes long", name, len(msg))
			}
		}
	}
}

func FuzzParseCommitmentLine(f *testing.F) {
	for _, s := range []string{"Draft @Dana due:2026-12-05", "due:+2w x", "@ @@ due: due:x", "\x1b[2J@a due:fri", "x due:+99999999999999999999d", "Ask @Dana and @Lee to meet", "(@Dana) x due:fri.", "@a x @A", "x due:+1m"} {
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
		if strings.ContainsAny(got.Owner, " \t\n") || (got.Owner != "" && (!isNameStart(got.Owner) || strings.TrimRight(got.Owner, fieldClosers) != got.Owner)) {
			t.Fatalf("owner %q from %q", got.Owner, line)
		}
		if got.Owner != "" && !strings.Contains(CleanLabel(line), "@"+got.Owner) {
			t.Fatalf("owner %q is not an @name of %q", got.Owner, line)
		}
		// The text is the line's own words, in order, none changed.
		words := strings.Fields(CleanLabel(line))
		for _, w := range strings.Fields(got.Text) {
			for len(words) > 0 && words[0] != w {
				words = words[1:]
			}
			if len(words) == 0 {
				t.Fatalf("text %q is not words of %q", got.Text, line)
			}
			words = words[1:]
		}
		// Nothing in the text reads as a field any more: its first and last
		// words are not fields and every due: was taken out, so reading the
		// text again finds neither owner nor date.
		again, err := ParseCommitmentLine(got.Text, today)
		if err != nil || again.Text != got.Text || again.Owner != "" || !again.Due.IsZero() {
			t.Fatalf("text %q of %q reads again as %+v, %v", got.Text, line, again, err)
		}
		// What was parsed can be recorded.
		s, _ := NewSession("f", "F", "", "", []StopPlan{{Key: "a", Planned: 60e9}}, t0)
		if err := s.Apply(AddCommitment{Text: got.Text, Owner: got.Owner, Due: got.Due.String()}, t0); err != nil && len(got.Text) <= MaxTextBytes {
			t.Fatalf("parsed line not accepted: %v (%+v)", err, got)
		}
	})
}
