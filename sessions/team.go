package sessions

import (
	"strings"
	"time"

	"pitstop/model"
)

// LatestForTeam loads the newest readable session of a team, other than
// the one with id except. It returns nil and no error when the team has
// not met before.
func (st *Store) LatestForTeam(team, except string) (*model.Session, error) {
	team = strings.TrimSpace(team)
	if team == "" {
		return nil, nil
	}
	list, err := st.List()
	if err != nil {
		return nil, err
	}
	// Newest first; a session dated in the future is a wrong clock or a
	// hand edit, and would otherwise stay "the latest" for good; a
	// rehearsal is no team's history.
	for _, s := range list {
		if !s.Broken() && !s.Future && !s.Rehearsal && s.ID != except && strings.EqualFold(strings.TrimSpace(s.Team), team) {
			return LoadFile(s.Path)
		}
	}
	return nil, nil
}

// Teams lists the teams that have sessions, most recent first, each once.
func Teams(list []Summary) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		key := strings.ToLower(strings.TrimSpace(s.Team))
		if s.Broken() || key == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, s.Team)
	}
	return out
}

// CreateWithCarry makes a new session: when its team met before, it starts
// with the open commitments and tensions of the team's latest session.
// It returns the session and where items were carried from (nil if none).
// A rehearsal carries nothing: marking a carried item done there would
// change the team's real session.
func (st *Store) CreateWithCarry(title, team, facilitator string, plans []model.StopPlan, now time.Time, rehearsal bool) (*model.Session, *model.Session, error) {
	s, err := model.NewSession(NewID(title, now), title, team, facilitator, plans, now)
	if err != nil {
		return nil, nil, err
	}
	if s.Rehearsal = rehearsal; rehearsal {
		return s, nil, nil
	}
	prev, err := st.LatestForTeam(team, s.ID)
	if err != nil {
		return nil, nil, err
	}
	if prev != nil {
		// What the team keeps goes on whatever is carried.
		s.KeepTeamFrom(prev)
	}
	if prev != nil && s.CarryFrom(prev, now) == 0 {
		prev = nil
	}
	return s, prev, nil
}
