package sessions

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pitstop/model"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("", -5*3600))

func testPlans() []model.StopPlan {
	names := []string{"Belonging", "Reflection & Accountability", "Intentionality", "Vulnerability", "Mindset", "Healing", "Trust"}
	keys := []string{"belonging", "reflection", "intentionality", "vulnerability", "mindset", "healing", "trust"}
	out := make([]model.StopPlan, len(names))
	for i := range names {
		out[i] = model.StopPlan{Key: keys[i], Name: names[i], Planned: time.Duration(10+i) * time.Minute}
	}
	return out
}

func newTestSession(t testing.TB, id string) *model.Session {
	t.Helper()
	s, err := model.NewSession(id, "Partnership kickoff", "Harbor Team", "Ana", testPlans(), t0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustApply(t testing.TB, s *model.Session, now time.Time, cmds ...model.Command) {
	t.Helper()
	for _, c := range cmds {
		if err := s.Apply(c, now); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
}

// sizedSession has n items: mostly notes, a tenth commitments, and a few
// agreements and tensions, spread over the stops.
func sizedSession(t testing.TB, id string, n int) *model.Session {
	t.Helper()
	s := newTestSession(t, id)
	now := t0
	for i := 0; i < n; i++ {
		now = now.Add(time.Second)
		stop := s.Stops[i%len(s.Stops)].Key
		var c model.Command
		switch {
		case i%10 == 9:
			c = model.AddCommitment{Stop: stop, Role: model.RoleNoteTaker, Text: fmt.Sprintf("Follow up on item %d with the partners", i), Owner: "Dana", Due: "2026-12-05"}
		case i%25 == 3:
			c = model.AddAgreement{Stop: stop, Text: fmt.Sprintf("Agreement %d: we start and end on time", i)}
		case i%25 == 7:
			c = model.AddTension{Stop: stop, Text: fmt.Sprintf("Tension %d: who holds the budget?", i)}
		default:
			c = model.AddNote{Stop: stop, Role: model.RoleFacilitator, Text: fmt.Sprintf("Note %d: people said they felt heard when the agenda was shared early.\nA second line.", i)}
		}
		mustApply(t, s, now, c)
	}
	return s
}

func openTestStore(t testing.TB) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "sessions"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func mustSave(t testing.TB, st *Store, s *model.Session) {
	t.Helper()
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
