package sessions

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"pitstop/internal/atomicfile"
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
	// Ratings is the session's partnership check, in the order it was
	// rated: what a team's trend is drawn from without reading each file.
	// Empty when the group did not do the check.
	Ratings []RatedOutcome `json:"ratings,omitempty"`
	// Problem is set when the file could not be read, with Line and Col
	// where known; the other fields are then empty.
	Problem string `json:"problem,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	// NotSession says what the entry is when it is no file at all (a
	// named pipe, a socket, a directory named like a session): it is
	// skipped, never opened, and named once in the listing.
	NotSession string `json:"not_session,omitempty"`
	// SameIDAs lists the other files that hold a session with this id:
	// copies, or one file under several names. Each opens on its own.
	SameIDAs []string `json:"same_id_as,omitempty"`
	// Future is set when the session is dated after tomorrow: the clock
	// of whoever made it was wrong, or the file was edited. It is never
	// where carry-forward takes open items from.
	Future bool `json:"future,omitempty"`
	// Rehearsal is set for a session run to practise: it is no team's
	// history, so carry-forward and the trend leave it out.
	Rehearsal bool `json:"rehearsal,omitempty"`
}

// RatedOutcome is one outcome's answer in a summary: the group's agreed
// score, else the room's median (model.Rating.TrendScore); 0 when the
// group skipped it.
type RatedOutcome struct {
	Key   string `json:"k"`
	Label string `json:"l,omitempty"`
	Score int    `json:"s,omitempty"`
}

// cleaned is the summary with escape sequences taken out of its words, for
// a summary read from outside (a file's summary line, the cache file).
func (s Summary) cleaned() Summary {
	l := model.CleanLabel
	s.ID, s.Title, s.Team, s.Facilitator, s.CurrentStop, s.Status = l(s.ID), l(s.Title), l(s.Team), l(s.Facilitator), l(s.CurrentStop), model.Status(l(string(s.Status)))
	s.Problem = model.CleanText(s.Problem)
	if len(s.Ratings) > 0 {
		rated := make([]RatedOutcome, len(s.Ratings))
		for i, r := range s.Ratings {
			rated[i] = RatedOutcome{Key: l(r.Key), Label: l(r.Label), Score: r.Score}
		}
		s.Ratings = rated
	}
	return s
}

// Broken reports whether the session's file could not be read (or is no
// file at all).
func (s Summary) Broken() bool { return s.Problem != "" || s.NotSession != "" }

// Copied reports whether other files hold the same session id.
func (s Summary) Copied() bool { return len(s.SameIDAs) > 0 }

// misnamed reports whether the file's name is not its session's id.
func (s Summary) misnamed() bool {
	return !s.Broken() && s.ID+Ext != filepath.Base(s.Path)
}

// Summarize makes the summary of a loaded session.
func Summarize(s *model.Session, path string) Summary {
	sum := Summary{
		ID: s.ID, Path: path, Title: s.Title, Team: s.Team, Facilitator: s.Facilitator, Status: s.Status, Rehearsal: s.Rehearsal,
		Created: s.Created, Updated: s.Updated, StopsReached: s.Current + 1, StopCount: len(s.Stops),
		CurrentStop: s.CurrentStop().Name, Notes: len(s.Notes), Agreements: len(s.Agreements),
		Tensions: len(s.Tensions), Commitments: len(s.Commitments), OpenCommitments: s.OpenCommitments(),
	}
	for _, r := range s.Ratings {
		if r.Answered() || r.Room.N() > 0 {
			sum.Ratings = append(sum.Ratings, RatedOutcome{Key: r.Outcome, Label: r.Label, Score: r.TrendScore()})
		}
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
	sum := Summary{ID: model.CleanLabel(strings.TrimSuffix(filepath.Base(path), Ext)), Path: path, Problem: model.CleanText(err.Error())}
	var fe *strictoml.FileError
	if errors.As(err, &fe) {
		sum.Line, sum.Col = fe.Line, fe.Col
	}
	var ns *NotSessionError
	if errors.As(err, &ns) {
		sum.Problem, sum.NotSession = "", ns.What
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
		if !strings.HasSuffix(name, Ext) || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(st.dir, name)
		// Stat follows a link to what it names: a link to a session file
		// is listed as that file, a link to a pipe is skipped like a pipe.
		info, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist) && e.Type()&fs.ModeSymlink != 0:
			out = append(out, brokenSummary(path, errors.New(model.CleanLabel(name)+" is a symbolic link to a file that is not there")))
			continue
		case err != nil:
			continue // removed while we looked
		case !info.Mode().IsRegular():
			out = append(out, brokenSummary(path, &NotSessionError{Path: path, What: fileKind(info.Mode())}))
			continue
		}
		key := keyOf(info)
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
				results[i], known[i] = summaryOf(todo[i].path, st.key, full)
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
		// A file that cannot be read now may be readable later (its
		// permissions put right): only what was read is remembered.
		if !strings.HasPrefix(results[i].Problem, "cannot read") {
			st.cache.put(filepath.Base(j.path), j.key, results[i])
			added++
		}
		out = append(out, results[i])
	}
	if added > 0 {
		st.cache.save(st.cachePath(), entries)
	}
	markCopiesAndFuture(out, time.Now())
	sortSummaries(out)
	return out, pending, nil
}

// markCopiesAndFuture flags what a listing must say about sessions beside
// each other: files holding the same session id (a copy, a backup), and
// sessions dated after tomorrow.
func markCopiesAndFuture(list []Summary, now time.Time) {
	byID := map[string][]int{}
	for i := range list {
		s := &list[i]
		s.SameIDAs = nil
		if s.Broken() {
			continue
		}
		byID[s.ID] = append(byID[s.ID], i)
		s.Future = isFuture(s.Created, now)
	}
	for _, at := range byID {
		if len(at) < 2 {
			continue
		}
		for _, i := range at {
			for _, j := range at {
				if i != j {
					list[i].SameIDAs = append(list[i].SameIDAs, list[j].Path)
				}
			}
			sort.Strings(list[i].SameIDAs)
		}
	}
}

// isFuture reports whether a session made at created is dated after
// tomorrow, as seen at now.
func isFuture(created, now time.Time) bool {
	tomorrow := model.DateOf(now).AddDays(1)
	return tomorrow.Before(model.DateOf(created.In(now.Location())))
}

// summaryOf reads one file's summary: from its sealed header when the file
// is as this directory's Pit Stop wrote it, else, when full is set, by
// loading it in full. known is false when the file needs that full read
// and full is not set.
func summaryOf(path string, key []byte, full bool) (sum Summary, known bool) {
	data, _, err := readSessionFile(path)
	if err != nil {
		return brokenSummary(path, err), true
	}
	if sum, ok := sealedSummary(key, data); ok {
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

// cacheKey tells whether a file changed since its summary was cached: its
// size and modification time, and also its inode change time and number,
// which no edit, chmod or replacement leaves as they were (and which, unlike
// the modification time, nobody can set back by hand).
type cacheKey struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
	Change  int64  `json:"ctime_ns"`
	Inode   uint64 `json:"inode"`
}

func keyOf(info fs.FileInfo) cacheKey {
	k := cacheKey{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		k.Change = st.Ctim.Sec*1e9 + st.Ctim.Nsec
		k.Inode = st.Ino
	}
	return k
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
	key     []byte // seals the cache file as it seals session files
	entries map[string]cacheEntry
}

const cacheVersion = 5 // 2: follow-through counts; 3: sealed summaries; 4: keyed seal, ctime and inode; 5: ratings

type cacheFile struct {
	Version int                   `json:"version"`
	Schema  int                   `json:"schema"`
	Entries map[string]cacheEntry `json:"entries"`
}

// The cache file is the JSON of a cacheFile, a newline, and its seal: a
// cache written by anyone but this directory's Pit Stop is not believed.
func loadSummaryCache(path string, key []byte) *summaryCache {
	c := &summaryCache{key: key, entries: map[string]cacheEntry{}}
	if key == nil {
		return c
	}
	data, _, err := readSessionFile(path)
	if err != nil {
		return c
	}
	body, seal, ok := bytes.Cut(data, []byte("\n"))
	if !ok || !sealMatches(key, body, nil, strings.TrimSpace(string(seal))) {
		return c
	}
	var f cacheFile
	if json.Unmarshal(body, &f) == nil && f.Version == cacheVersion && f.Schema == model.SchemaVersion && f.Entries != nil {
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
	if err == nil && c.key != nil {
		data = append(append(data, '\n'), summarySeal(c.key, data, nil)...)
		_ = atomicfile.Write(path, data, 0o600)
	}
}
