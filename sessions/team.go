package sessions

import (
	"fmt"
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
	for _, s := range list { // newest first
		if !s.Broken() && s.ID != except && strings.EqualFold(strings.TrimSpace(s.Team), team) {
			return st.Load(s.ID)
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
func (st *Store) CreateWithCarry(title, team, facilitator string, plans []model.StopPlan, now time.Time) (*model.Session, *model.Session, error) {
	s, err := model.NewSession(NewID(title, now), title, team, facilitator, plans, now)
	if err != nil {
		return nil, nil, err
	}
	prev, err := st.LatestForTeam(team, s.ID)
	if err != nil {
		return nil, nil, err
	}
	if prev != nil && s.CarryFrom(prev, now) == 0 {
		prev = nil
	}
	return s, prev, nil
}

// MarkDoneIn marks a commitment done in another session, as when a
// carried commitment is done and the facilitator confirms it was done there
// too. Nothing else in that session changes but its last-updated time. It
// needs that session's lock for the moment of the change, so it fails if
// someone has it open.
func (st *Store) MarkDoneIn(sessionID, commitmentID string, now time.Time) error {
	lock, err := st.Lock(sessionID)
	if err != nil {
		return fmt.Errorf("could not mark it done in %s too: %w", sessionID, err)
	}
	defer lock.Release()
	s, err := st.Load(sessionID)
	if err != nil {
		return err
	}
	kind, i, ok := s.Find(commitmentID)
	if !ok || kind != model.KindCommitment {
		return fmt.Errorf("session %s no longer has that commitment", sessionID)
	}
	// Set directly rather than through a command: a closed session stays
	// closed, and this one fact is all that changes.
	c := &s.Commitments[i]
	c.Status, c.Done = model.CommitmentDone, model.Stamp(now)
	s.Updated = model.Stamp(now)
	return st.Save(s)
}
