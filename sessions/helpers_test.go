package sessions

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"pitstop/internal/sample"
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
	if err := sample.Fill(s, n, t0, time.Second); err != nil {
		t.Fatal(err)
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
