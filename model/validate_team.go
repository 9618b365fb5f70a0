package model

import (
	"fmt"
	"strconv"
	"strings"
)

// validateTeam checks what a file holds of the go-around (the roster and
// each person's turns) and of what the team keeps (its norms and
// definitions), with the limits typing has. stops are the session's stop
// keys. A problem in a norm's or a definition's wording names the wording
// in Field ("version[1].text"), so the reader can place it.
func (s *Session) validateTeam(stops map[string]bool) error {
	if len(s.Roster) > MaxRoster {
		return &Problem{Field: "roster", Msg: fmt.Sprintf("the roster has %d names; it holds at most %d", len(s.Roster), MaxRoster)}
	}
	for i, name := range s.Roster {
		at := func(format string, args ...any) error {
			return &Problem{Field: "roster[" + strconv.Itoa(i) + "]", Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case name == "":
			return at("name %d on the roster is empty", i+1)
		case len(name) > maxRosterName:
			return at("%q is long for a roster: first names or initials are enough (at most %d characters)", name, maxRosterName)
		case strings.Contains(name, ","):
			return at("%q holds a comma; names on the roster are separated by commas, so none can hold one", name)
		}
		for _, before := range s.Roster[:i] {
			if strings.EqualFold(before, name) {
				return at("%q is on the roster twice; keep one", name)
			}
		}
	}

	if len(s.Turns) > MaxEntries {
		return &Problem{Msg: fmt.Sprintf("the session holds %d go-around turns; at most %d", len(s.Turns), MaxEntries)}
	}
	turned := make(map[[2]string]bool, len(s.Turns))
	for i, t := range s.Turns {
		at := func(field, format string, args ...any) error {
			return &Problem{Table: "turn", Index: i, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case t.Name == "":
			return at("name", "a go-around turn names nobody")
		case len(t.Name) > maxRosterName:
			return at("name", "%q is long for a name in the go-around (at most %d characters)", t.Name, maxRosterName)
		case !stops[t.Stop]:
			return at("stop", "%s's go-around turn names stop %q, which this session does not have", t.Name, t.Stop)
		case turned[[2]string{t.Stop, t.Name}]:
			return at("name", "%s has two go-around turns at stop %q; add their counts into one", t.Name, t.Stop)
		case t.Spoke < 0 || t.Spoke > MaxEntries:
			return at("spoke", "%s's count of times spoken at %q must be a whole number from 0 to %d", t.Name, t.Stop, MaxEntries)
		case t.Passed < 0 || t.Passed > MaxEntries:
			return at("passed", "%s's count of passes at %q must be a whole number from 0 to %d", t.Name, t.Stop, MaxEntries)
		case t.Spent < 0 || t.Spent > MaxElapsed:
			return at("spent", "%s's speaking time at %q is out of range (at most %v)", t.Name, t.Stop, MaxElapsed)
		}
		turned[[2]string{t.Stop, t.Name}] = true
	}

	if s.LastNorm < 0 {
		return &Problem{Field: "last_norm", Msg: "last_norm is negative; it counts the norms made, from 0"}
	}
	if len(s.Norms) > MaxNorms {
		return &Problem{Msg: fmt.Sprintf("the team keeps %d norms; at most %d", len(s.Norms), MaxNorms)}
	}
	ids := make(map[string]bool, len(s.Norms))
	for i, n := range s.Norms {
		at := func(field, format string, args ...any) error {
			return &Problem{Table: "norm", Index: i, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case !validNormID(n.ID):
			return at("id", "norm id %q is not one Pit Stop gives: norms are numbered n1, n2 and so on", n.ID)
		case ids[n.ID]:
			return at("id", "norm id %q is used twice", n.ID)
		case len(n.From) > MaxLabelBytes:
			return at("from", "norm %s names the agreement it was made from at too great a length (at most %d bytes)", n.ID, MaxLabelBytes)
		}
		ids[n.ID] = true
		if err := validateVersions("norm "+n.ID, "norm", n.Versions, func(field, msg string) error { return at(field, "%s", msg) }); err != nil {
			return err
		}
	}

	if len(s.Definitions) > MaxConcepts {
		return &Problem{Msg: fmt.Sprintf("the team defines %d concepts; at most %d", len(s.Definitions), MaxConcepts)}
	}
	for i, d := range s.Definitions {
		at := func(field, format string, args ...any) error {
			return &Problem{Table: "definition", Index: i, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case d.Concept == "":
			return at("concept", "a definition names no concept")
		case len(d.Concept) > maxRosterName:
			return at("concept", "%q is long for a concept: a word or two, such as respect (at most %d characters)", d.Concept, maxRosterName)
		}
		for _, before := range s.Definitions[:i] {
			if strings.EqualFold(before.Concept, d.Concept) {
				return at("concept", "%q is defined twice; keep its wordings in one [[definition]]", d.Concept)
			}
		}
		if err := validateVersions(fmt.Sprintf("the definition of %q", d.Concept), "definition", d.Versions, func(field, msg string) error { return at(field, "%s", msg) }); err != nil {
			return err
		}
	}
	return nil
}

// validateVersions checks the wordings of a norm or a definition, of
// which there is at least one, each with its words and its date. what
// names the norm or definition in messages, table its table in the file.
func validateVersions(what, table string, vs []Version, problem func(field, msg string) error) error {
	if len(vs) == 0 {
		return problem("", what+" has no wording: give it a [["+table+".version]] with its text and at")
	}
	if len(vs) > maxVersions {
		return problem("", fmt.Sprintf("%s has %d wordings; Pit Stop keeps at most %d", what, len(vs), maxVersions))
	}
	for j, v := range vs {
		field := func(key string) string { return "version[" + strconv.Itoa(j) + "]." + key }
		switch {
		case v.Text == "":
			return problem(field("text"), fmt.Sprintf("wording %d of %s has no text", j+1, what))
		case len(v.Text) > MaxTextBytes:
			return problem(field("text"), fmt.Sprintf("wording %d of %s is too long (%d bytes; at most %d)", j+1, what, len(v.Text), MaxTextBytes))
		case v.At.IsZero():
			return problem(field("at"), fmt.Sprintf("wording %d of %s has no date (at)", j+1, what))
		case v.Session != "" && !ValidID(v.Session):
			return problem(field("session"), fmt.Sprintf("wording %d of %s names session %q, which is no session id", j+1, what, v.Session))
		}
	}
	return nil
}

// validNormID reports whether id is one MakeNorm gives: "n" and a number
// from 1, written without leading zeros.
func validNormID(id string) bool {
	n, ok := normNumber(id)
	return ok && n >= 1 && "n"+strconv.Itoa(n) == id
}

// normNumber is the number in a norm's id.
func normNumber(id string) (int, bool) {
	rest, found := strings.CutPrefix(id, "n")
	if !found || rest == "" || len(rest) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// raiseLastNorm makes sure the next norm made gets a number no norm has:
// a file edited by hand may hold a last_norm below its norms' numbers.
func (s *Session) raiseLastNorm() {
	for _, n := range s.Norms {
		if k, ok := normNumber(n.ID); ok && k > s.LastNorm {
			s.LastNorm = k
		}
	}
}
