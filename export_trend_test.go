package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pitstop/model"
	"pitstop/sessions"
)

// The minutes of a team's session carry the team's trend; a session with
// no team, or exported from outside the sessions directory, has none.
func TestExportTrend(t *testing.T) {
	dir, first := exportFixture(t)
	_, _, code := runCLI(t, "new", "--dir", dir, "--title", "Second", "--team", "Harbor | Team")
	if code != 0 {
		t.Fatal("new")
	}
	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.List()
	scores := map[string]int{}
	for i, sum := range list {
		if sum.Broken() {
			continue
		}
		s, err := st.Load(sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		score := 2 + i
		scores[sum.ID] = score
		if err := s.Apply(model.Rate{Outcome: "power-with", Label: "Power with, not power over", Score: score}, s.Created); err != nil {
			t.Fatal(err)
		}
		if err := st.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runCLI(t, "export", "--dir", dir, "-o", "-", first)
	if code != 0 || errOut != "" || !strings.Contains(out, "## Partnership trend") || !strings.Contains(out, "| **Overall average** |") {
		t.Fatalf("%d %s\n%s", code, errOut, out)
	}
	html, _, _ := runCLI(t, "export", "--dir", dir, "--format", "html", "-o", "-", first)
	if !strings.Contains(html, `<svg xmlns="http://www.w3.org/2000/svg"`) {
		t.Errorf("no chart:\n%s", html)
	}
	// Copied elsewhere, the session is exported without its team.
	elsewhere := filepath.Join(t.TempDir(), first+".toml")
	data, _ := os.ReadFile(filepath.Join(dir, first+".toml"))
	os.WriteFile(elsewhere, data, 0o644)
	out, _, code = runCLI(t, "export", "--dir", dir, "-o", "-", elsewhere)
	if code != 0 || strings.Contains(out, "## Partnership trend") || !strings.Contains(out, "## Partnership check") {
		t.Errorf("exported from elsewhere: %d\n%s", code, out)
	}
	t.Log(out[strings.Index(out, "## Partnership"):])
	out, _, _ = runCLI(t, "export", "--dir", dir, "-o", "-", first)
	t.Log(out[strings.Index(out, "## Partnership"):])
}
