package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// keepingSession has a roster, turns at two stops, two norms (one
// reworded, one retired) and a definition: what a file of a team's
// session holds.
func keepingSession(t *testing.T) *Session {
	t.Helper()
	s := newSession(t)
	mustApply(t, s, Facilitator, SetRoster{Names: []string{"Ana", "Lee", "Sam"}},
		MarkTurn{Name: "Ana"}, MarkTurn{Name: "Lee", Passed: true},
		MakeNorm{Text: "We start on time"}, MakeNorm{Text: "Phones down"},
		EditNorm{ID: "n1", Text: "We start and end on time"}, RetireNorm{ID: "n2"},
		Define{Concept: "Respect", Text: "We let each other finish"},
		NextStop{}, MarkTurn{Name: "Sam"})
	return s
}

func TestValidateTheGoAroundAndWhatTheTeamKeeps(t *testing.T) {
	if err := keepingSession(t).Validate(); err != nil {
		t.Fatalf("a session made by commands is refused: %v", err)
	}
	tests := []struct {
		name         string
		breakIt      func(s *Session)
		table, field string
		index        int
		want         string
	}{
		{"roster too long", func(s *Session) { s.Roster = make([]string, MaxRoster+1) }, "", "roster", 0, "at most 100"},
		{"empty name on the roster", func(s *Session) { s.Roster[1] = "" }, "", "roster[1]", 0, "empty"},
		{"long name on the roster", func(s *Session) { s.Roster[0] = strings.Repeat("a", 41) }, "", "roster[0]", 0, "first names or initials"},
		{"comma in a name", func(s *Session) { s.Roster[2] = "Sam, Bo" }, "", "roster[2]", 0, "comma"},
		{"name twice", func(s *Session) { s.Roster[2] = "ANA" }, "", "roster[2]", 0, "twice"},
		{"turn at a stop the session lacks", func(s *Session) { s.Turns[1].Stop = "mars" }, "turn", "stop", 1, `"mars"`},
		{"turn of nobody", func(s *Session) { s.Turns[0].Name = "" }, "turn", "name", 0, "names nobody"},
		{"two turns of one person at one stop", func(s *Session) { s.Turns = append(s.Turns, s.Turns[0]) }, "turn", "name", 3, "two go-around turns"},
		{"negative spoke", func(s *Session) { s.Turns[0].Spoke = -1 }, "turn", "spoke", 0, "whole number"},
		{"negative passed", func(s *Session) { s.Turns[1].Passed = -2 }, "turn", "passed", 1, "whole number"},
		{"negative speaking time", func(s *Session) { s.Turns[0].Spent = -time.Second }, "turn", "spent", 0, "out of range"},
		{"negative last_norm", func(s *Session) { s.LastNorm = -1 }, "", "last_norm", 0, "negative"},
		{"norm id not n and a number", func(s *Session) { s.Norms[1].ID = "x2" }, "norm", "id", 1, "n1, n2"},
		{"norm id with a leading zero", func(s *Session) { s.Norms[1].ID = "n02" }, "norm", "id", 1, "n1, n2"},
		{"norm id n0", func(s *Session) { s.Norms[1].ID = "n0" }, "norm", "id", 1, "n1, n2"},
		{"norm id twice", func(s *Session) { s.Norms[1].ID = "n1" }, "norm", "id", 1, "used twice"},
		{"norm with no version", func(s *Session) { s.Norms[0].Versions = nil }, "norm", "", 0, "no wording"},
		{"norm wording empty", func(s *Session) { s.Norms[0].Versions[1].Text = "" }, "norm", "version[1].text", 0, "no text"},
		{"norm wording too long", func(s *Session) { s.Norms[0].Versions[0].Text = strings.Repeat("x", MaxTextBytes+1) }, "norm", "version[0].text", 0, "too long"},
		{"norm wording undated", func(s *Session) { s.Norms[1].Versions[0].At = time.Time{} }, "norm", "version[0].at", 1, "no date"},
		{"norm wording of no session", func(s *Session) { s.Norms[1].Versions[0].Session = "../x" }, "norm", "version[0].session", 1, "no session id"},
		{"too many norms", func(s *Session) { s.Norms = make([]Norm, MaxNorms+1) }, "", "", 0, "at most 200"},
		{"concept twice", func(s *Session) {
			s.Definitions = append(s.Definitions, Definition{Concept: "RESPECT", Versions: s.Definitions[0].Versions})
		}, "definition", "concept", 1, "defined twice"},
		{"concept of nothing", func(s *Session) { s.Definitions[0].Concept = "" }, "definition", "concept", 0, "no concept"},
		{"definition with no version", func(s *Session) { s.Definitions[0].Versions = []Version{} }, "definition", "", 0, "no wording"},
		{"definition too long", func(s *Session) { s.Definitions[0].Versions[0].Text = strings.Repeat("x", MaxTextBytes+1) }, "definition", "version[0].text", 0, "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := keepingSession(t)
			// Each case breaks its own copy: versions are shared with
			// the snapshots the commands left.
			for i := range s.Norms {
				s.Norms[i].Versions = append([]Version(nil), s.Norms[i].Versions...)
			}
			for i := range s.Definitions {
				s.Definitions[i].Versions = append([]Version(nil), s.Definitions[i].Versions...)
			}
			tt.breakIt(s)
			err := s.Validate()
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("not refused as a problem: %v", err)
			}
			if p.Table != tt.table || p.Field != tt.field || p.Index != tt.index || !strings.Contains(p.Msg, tt.want) {
				t.Fatalf("problem %+v; want %s[%d].%s saying %q", p, tt.table, tt.index, tt.field, tt.want)
			}
		})
	}
}

func TestRaiseLastIDRaisesTheNormsNumberToo(t *testing.T) {
	s := keepingSession(t)
	s.LastNorm = 0 // as a hand edit might leave it
	s.RaiseLastID()
	mustApply(t, s, Facilitator, MakeNorm{Text: "A third"})
	if got := s.Norms[len(s.Norms)-1].ID; got != "n3" {
		t.Fatalf("a norm made after a lowered last_norm is %s, want n3", got)
	}
}
