package sessions

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"pitstop/model"
)

// Hit is one note or board item that matches a search, with its session.
type Hit struct {
	SessionID string
	Path      string // of the session's file
	Title     string
	Team      string
	Created   time.Time // when the session was made
	Kind      model.Kind
	ID        string // the note's or board item's, within its session
	Stop      string // the stop's name
	Text      string
}

// searchable is what a search looks through in one session file.
type searchable struct {
	key    cacheKey
	id     string
	title  string
	team   string
	made   time.Time
	kinds  []model.Kind
	ids    []string
	stops  []string
	texts  []string
	lowers []string
}

// textCache keeps each session's text in memory, valid while the file's
// size and modification time are unchanged, so that searching again is
// fast.
type textCache struct {
	mu      sync.Mutex
	entries map[string]*searchable
}

// Search finds notes and board items, in every readable session, whose
// text holds every word of query (case does not matter). At most limit hits
// come back, newest session first.
func (st *Store) Search(query string, limit int) ([]Hit, error) {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return nil, nil
	}
	list, err := st.List()
	if err != nil {
		return nil, err
	}
	var hits []Hit
	for _, sum := range list {
		if sum.Broken() {
			continue
		}
		doc := st.searchable(sum.Path)
		if doc == nil {
			continue
		}
		for i, lower := range doc.lowers {
			if containsAll(lower, words) {
				hits = append(hits, Hit{SessionID: doc.id, Path: sum.Path, Title: doc.title, Team: doc.team, Created: doc.made, Kind: doc.kinds[i], ID: doc.ids[i], Stop: doc.stops[i], Text: doc.texts[i]})
				if limit > 0 && len(hits) >= limit {
					return hits, nil
				}
			}
		}
	}
	return hits, nil
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// searchable returns the text of the session file at path, from memory
// when the file has not changed since it was read.
func (st *Store) searchable(path string) *searchable {
	info, err := os.Stat(path)
	if err != nil {
		return nil
	}
	key := keyOf(info)
	name := filepath.Base(path)
	st.texts.mu.Lock()
	doc := st.texts.entries[name]
	st.texts.mu.Unlock()
	if doc != nil && doc.key == key {
		return doc
	}
	s, err := LoadFile(path)
	if err != nil {
		return nil
	}
	doc = &searchable{key: key, id: s.ID, title: s.Title, team: s.Team, made: s.Created}
	add := func(kind model.Kind, it model.Item) {
		name := it.Stop
		if i := s.StopIndex(it.Stop); i >= 0 {
			name = s.Stops[i].Name
		}
		doc.kinds = append(doc.kinds, kind)
		doc.ids = append(doc.ids, it.ID)
		doc.stops = append(doc.stops, name)
		doc.texts = append(doc.texts, it.Text)
		doc.lowers = append(doc.lowers, strings.ToLower(it.Text))
	}
	for kind, it := range s.AllEntries() {
		add(kind, it)
	}
	st.texts.mu.Lock()
	if st.texts.entries == nil {
		st.texts.entries = map[string]*searchable{}
	}
	st.texts.entries[name] = doc
	st.texts.mu.Unlock()
	return doc
}
