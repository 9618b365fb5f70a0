package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/renameio/v2"

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// Summary is what a list of sessions shows of one session. A file that
// cannot be read is listed too, with Problem saying why.
type Summary struct {
	ID              string       `json:"id"`
	Path            string       `json:"path"`
	Title           string       `json:"title,omitempty"`
	Team            string       `json:"team,omitempty"`
	Facilitator     string       `json:"facilitator,omitempty"`
	Status          model.Status `json:"status,omitempty"`
	Created         time.Time    `json:"created"`
	Updated         time.Time    `json:"updated"`
	StopsReached    int          `json:"stops_reached"` // 1-based position of the current stop
	StopCount       int          `json:"stop_count"`
	CurrentStop     string       `json:"current_stop,omitempty"` // its name
	Notes           int          `json:"notes"`
	Agreements      int          `json:"agreements"`
	Tensions        int          `json:"tensions"`
	OpenTensions    int          `json:"open_tensions"`
	Commitments     int          `json:"commitments"`
	OpenCommitments int          `json:"open_commitments"`
	DoneOnTime      int          `json:"done_on_time"` // done by the due date, or done with none
	DoneLate        int          `json:"done_late"`
	Dropped         int          `json:"dropped"`
	// Problem is set when the file could not be read, with Line and Col
	// where known; the other fields are then empty.
	Problem string `json:"problem,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
}

// cleaned is the summary with escape sequences taken out of its words, for
// a summary read from outside (a file's summary line, the cache file).
func (s Summary) cleaned() Summary {
	l := model.CleanLabel
	s.ID, s.Title, s.Team, s.Facilitator, s.CurrentStop, s.Status = l(s.ID), l(s.Title), l(s.Team), l(s.Facilitator), l(s.CurrentStop), model.Status(l(string(s.Status)))
	s.Problem = model.CleanText(s.Problem)
	return s
}

// Broken reports whether the session's file could not be read.
func (s Summary) Broken() bool { return s.Problem != "" }

// Summarize makes the summary of a loaded session.
func Summarize(s *model.Session, path string) Summary {
	sum := Summary{
		ID: s.ID, Path: path, Title: s.Title, Team: s.Team, Facilitator: s.Facilitator, Status: s.Status,
		Created: s.Created, Updated: s.Updated, StopsReached: s.Current + 1, StopCount: len(s.Stops),
		CurrentStop: s.CurrentStop().Name, Notes: len(s.Notes), Agreements: len(s.Agreements),
		Tensions: len(s.Tensions), Commitments: len(s.Commitments), OpenCommitments: s.OpenCommitments(),
	}
	for _, t := range s.Tensions {
		if t.Status == model.TensionOpen {
			sum.OpenTensions++
		}
	}
	for _, c := range s.Commitments {
		switch c.Fate() {
		case model.FateDropped:
			sum.Dropped++
		case model.FateOnTime:
			sum.DoneOnTime++
		case model.FateLate:
			sum.DoneLate++
		}
	}
	return sum
}

func brokenSummary(path string, err error) Summary {
	sum := Summary{ID: strings.TrimSuffix(filepath.Base(path), Ext), Path: path, Problem: err.Error()}
	var fe *strictoml.FileError
	if errors.As(err, &fe) {
		sum.Line, sum.Col = fe.Line, fe.Col
	}
	return sum
}

// List returns a summary of every session file in the directory, newest
// first. A file that fails to load is listed as broken with its error; it
// does not stop the others. Summaries of files unchanged since the last
// listing (same size and modification time) come from a cache.
func (st *Store) List() ([]Summary, error) {
	list, _, err := st.list(true)
	return list, err
}

// ListQuick is List without parsing any file: summaries come from the
// cache and from the summary line Pit Stop seals into each file it writes
// (checking the seal reads the file, which is far cheaper than parsing it).
// pending counts the files it left out, hand-edited, older or broken ones,
// which only List reads; a screen can show the quick list at once and fill
// in the rest.
func (st *Store) ListQuick() (list []Summary, pending int, err error) {
	return st.list(false)
}

func (st *Store) list(full bool) ([]Summary, int, error) {
	entries, err := os.ReadDir(st.dir)
	if err != nil {
		return nil, 0, err
	}
	type job struct {
		path string
		key  cacheKey
	}
	var out []Summary
	var todo []job
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, Ext) || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(st.dir, name)
		info, err := e.Info()
		if err != nil {
			continue // removed while we looked
		}
		key := cacheKey{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
		if sum, ok := st.cache.get(name, key); ok {
			sum.Path = path
			out = append(out, sum)
			continue
		}
		todo = append(todo, job{path, key})
	}

	// Decoding is the slow part of a cold listing; use every core.
	results := make([]Summary, len(todo))
	known := make([]bool, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], known[i] = summaryOf(todo[i].path, full)
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	pending, added := 0, 0
	for i, j := range todo {
		if !known[i] {
			pending++
			continue
		}
		st.cache.put(filepath.Base(j.path), j.key, results[i])
		out = append(out, results[i])
		added++
	}
	if added > 0 {
		st.cache.save(st.cachePath(), entries)
	}
	sortSummaries(out)
	return out, pending, nil
}

// summaryOf reads one file's summary: from its sealed header when the file
// is as Pit Stop wrote it, else, when full is set, by loading it in full.
// known is false when the file needs that full read and full is not set.
func summaryOf(path string, full bool) (sum Summary, known bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return brokenSummary(path, fmt.Errorf("cannot read %s: %w", path, err)), true
	}
	if sum, ok := sealedSummary(data); ok && sum.ID+Ext == filepath.Base(path) {
		sum.Path = path
		return sum, true
	}
	if !full {
		return Summary{}, false
	}
	s, err := Decode(path, data)
	if err != nil {
		return brokenSummary(path, err), true
	}
	return Summarize(s, path), true
}

// sortSummaries puts the newest session first; broken files, which have no
// date, go last, by name.
func sortSummaries(out []Summary) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Broken() != b.Broken() {
			return !a.Broken()
		}
		if !a.Created.Equal(b.Created) {
			return a.Created.After(b.Created)
		}
		return a.ID < b.ID
	})
}

func (st *Store) cachePath() string { return filepath.Join(st.dir, ".pitstop-list-cache.json") }

type cacheKey struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"mtime_ns"`
}

type cacheEntry struct {
	Key     cacheKey `json:"key"`
	Summary Summary  `json:"summary"`
}

// summaryCache remembers summaries by file name, valid while the file's
// size and modification time are unchanged. It is kept in a hidden file in
// the sessions directory so that each run of `pitstop list` starts warm.
// Losing it costs only time.
type summaryCache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

const cacheVersion = 3 // 2: follow-through counts; 3: sealed summaries

type cacheFile struct {
	Version int                   `json:"version"`
	Schema  int                   `json:"schema"`
	Entries map[string]cacheEntry `json:"entries"`
}

func loadSummaryCache(path string) *summaryCache {
	c := &summaryCache{entries: map[string]cacheEntry{}}
	data, err := os.ReadFile(path)
	if err != nil {
		return c
	}
	var f cacheFile
	if json.Unmarshal(data, &f) == nil && f.Version == cacheVersion && f.Schema == model.SchemaVersion && f.Entries != nil {
		c.entries = f.Entries
	}
	return c
}

func (c *summaryCache) get(name string, key cacheKey) (Summary, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[name]
	return e.Summary.cleaned(), ok && e.Key == key
}

func (c *summaryCache) put(name string, key cacheKey, s Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[name] = cacheEntry{Key: key, Summary: s}
}

// save writes the cache, dropping entries of files that are gone. A failure
// is ignored: the cache is an optimisation only.
func (c *summaryCache) save(path string, present []os.DirEntry) {
	c.mu.Lock()
	keep := make(map[string]bool, len(present))
	for _, e := range present {
		keep[e.Name()] = true
	}
	for name := range c.entries {
		if !keep[name] {
			delete(c.entries, name)
		}
	}
	data, err := json.Marshal(cacheFile{Version: cacheVersion, Schema: model.SchemaVersion, Entries: c.entries})
	c.mu.Unlock()
	if err == nil {
		_ = renameio.WriteFile(path, data, 0o644, renameio.WithTempDir(filepath.Dir(path)))
	}
}
