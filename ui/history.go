package ui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"pitstop/model"
)

// teamHistory is a team's follow-through: every commitment counted once,
// at what finally became of it, even when carried from session to session.
// Summaries cannot tell that (a carried commitment is in two files), so it
// is worked out from the team's sessions in full.
type teamHistory struct {
	loading  bool
	sessions []teamSession // newest first
	total    model.FollowThrough
	per      map[string]model.FollowThrough // by session id
	err      error
}

type teamSession struct {
	ID      string
	Created time.Time
}

// teamKey is how teams are matched: as the browser lists them, ignoring
// case and spaces around.
func teamKey(team string) string { return strings.ToLower(strings.TrimSpace(team)) }

// historyCmd works out the selected session's team history in the
// background, once per listing. It marks the team as loading in the shared
// map, so a second call before the answer does not start another.
func (b browser) historyCmd() tea.Cmd {
	s, ok := b.selected()
	if !ok || s.Broken() || teamKey(s.Team) == "" {
		return nil
	}
	key := teamKey(s.Team)
	if _, known := b.history[key]; known {
		return nil
	}
	b.history[key] = teamHistory{loading: true}
	var ids []teamSession
	for _, other := range b.list {
		if !other.Broken() && !other.Rehearsal && teamKey(other.Team) == key { // a rehearsal is no team's history
			ids = append(ids, teamSession{other.ID, other.Created})
		}
	}
	st, today, listing := b.store, model.DateOf(b.now()), b.listing
	return func() tea.Msg {
		h := teamHistory{sessions: ids}
		var loaded []*model.Session
		for _, id := range ids {
			s, err := st.Load(id.ID)
			if err != nil {
				h.err = err
				continue
			}
			loaded = append(loaded, s)
		}
		if len(loaded) > 0 {
			h.err = nil // a file gone since the listing is left out, not fatal
		}
		h.total, h.per = model.TeamFollowThrough(loaded, today)
		return teamHistoryMsg{team: key, listing: listing, history: h}
	}
}
