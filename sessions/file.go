package sessions

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// The structs below are the session file's layout: field order here is the
// order in the file, so diffs stay small and people can read the file top
// to bottom. Times are TOML offset date-times (RFC 3339 with the offset),
// durations strings such as "12m30s", dates strings such as "2026-12-05".

type fileSession struct {
	Schema      int       `toml:"schema"`
	ID          string    `toml:"id"`
	Title       string    `toml:"title"`
	Team        string    `toml:"team"`
	Facilitator string    `toml:"facilitator"`
	Status      string    `toml:"status"`
	Rehearsal   bool      `toml:"rehearsal,omitempty"`
	Created     time.Time `toml:"created"`
	Updated     time.Time `toml:"updated"`
	Closed      time.Time `toml:"closed,omitempty"`
	LastOpened  time.Time `toml:"last_opened,omitempty"`
	CurrentStop string    `toml:"current_stop"`
	LastID      int       `toml:"last_id"`
	// LastNorm is the last number given to a team norm ("n3"); Roster is
	// who is in the room for the go-around. A file from before the
	// go-around has neither and reads as before.
	LastNorm int      `toml:"last_norm,omitzero"`
	Roster   []string `toml:"roster,omitempty"`

	Stops       []fileStop       `toml:"stop"`
	Notes       []fileNote       `toml:"note"`
	Agreements  []fileAgreement  `toml:"agreement"`
	Tensions    []fileTension    `toml:"tension"`
	Commitments []fileCommitment `toml:"commitment"`
	Ratings     []fileRating     `toml:"rating"`
	Turns       []fileTurn       `toml:"turn"`
	Norms       []fileNorm       `toml:"norm"`
	Definitions []fileDefinition `toml:"definition"`
}

type fileStop struct {
	Key          string    `toml:"key"`
	Name         string    `toml:"name"`
	Planned      string    `toml:"planned"`
	AutoAdvance  bool      `toml:"auto_advance,omitempty"`
	Entered      time.Time `toml:"entered,omitempty"`
	Left         time.Time `toml:"left,omitempty"`
	Elapsed      string    `toml:"elapsed"`
	RunningSince time.Time `toml:"running_since,omitempty"`
}

type fileItem struct {
	ID      string    `toml:"id"`
	Stop    string    `toml:"stop"`
	Role    string    `toml:"role,omitempty"`
	Author  string    `toml:"author,omitempty"`
	Created time.Time `toml:"created"`
	Edited  time.Time `toml:"edited,omitempty"`
	Text    textValue `toml:"text"`
}

type fileNote struct {
	fileItem
	Said string `toml:"said,omitempty"`
}

// fileKept is what a board item held as another kind, kept so that moving
// it back restores it (model.Kept); empty unless the item was moved.
type fileKept struct {
	KeptOwner            string    `toml:"kept_owner,omitempty"`
	KeptDue              string    `toml:"kept_due,omitempty"`
	KeptCommitmentStatus string    `toml:"kept_commitment_status,omitempty"`
	KeptDone             time.Time `toml:"kept_done,omitempty"`
	KeptTensionStatus    string    `toml:"kept_tension_status,omitempty"`
	KeptResolvedBy       string    `toml:"kept_resolved_by,omitempty"`
	KeptResolved         time.Time `toml:"kept_resolved,omitempty"`
	KeptCarriedFrom      string    `toml:"kept_carried_from,omitempty"`
	KeptCarriedID        string    `toml:"kept_carried_id,omitempty"`
	KeptFromTension      string    `toml:"kept_from_tension,omitempty"`
}

func toFileKept(k model.Kept) fileKept {
	return fileKept{
		KeptOwner: k.Owner, KeptDue: k.Due.String(), KeptCommitmentStatus: string(k.CommitmentStatus), KeptDone: k.Done,
		KeptTensionStatus: string(k.TensionStatus), KeptResolvedBy: k.ResolvedBy, KeptResolved: k.Resolved,
		KeptCarriedFrom: k.CarriedFrom, KeptCarriedID: k.CarriedID, KeptFromTension: k.FromTension,
	}
}

func fromFileKept(id string, f fileKept) (model.Kept, error) {
	due, err := model.ParseDate(f.KeptDue)
	if err != nil {
		return model.Kept{}, fmt.Errorf("item %s: kept_due: %v", id, err)
	}
	return model.Kept{
		Owner: f.KeptOwner, Due: due, CommitmentStatus: model.CommitmentStatus(f.KeptCommitmentStatus), Done: f.KeptDone,
		TensionStatus: model.TensionStatus(f.KeptTensionStatus), ResolvedBy: f.KeptResolvedBy, Resolved: f.KeptResolved,
		CarriedFrom: f.KeptCarriedFrom, CarriedID: f.KeptCarriedID, FromTension: f.KeptFromTension,
	}, nil
}

type fileAgreement struct {
	fileItem
	FromTension string `toml:"from_tension,omitempty"`
	fileKept
}

type fileTension struct {
	fileItem
	Status      string    `toml:"status"`
	ResolvedBy  string    `toml:"resolved_by,omitempty"`
	Resolved    time.Time `toml:"resolved,omitempty"`
	CarriedFrom string    `toml:"carried_from,omitempty"`
	CarriedID   string    `toml:"carried_id,omitempty"`
	fileKept
}

type fileCommitment struct {
	fileItem
	Owner       string    `toml:"owner,omitempty"`
	Due         string    `toml:"due,omitempty"`
	Status      string    `toml:"status"`
	Done        time.Time `toml:"done,omitempty"`
	CarriedFrom string    `toml:"carried_from,omitempty"`
	CarriedID   string    `toml:"carried_id,omitempty"`
	fileKept
}

type fileRating struct {
	Outcome string    `toml:"outcome"`
	Label   string    `toml:"label,omitempty"`
	Score   int       `toml:"score,omitempty"`
	Skipped bool      `toml:"skipped,omitempty"`
	Note    textValue `toml:"note,omitempty"`
	At      time.Time `toml:"at"`
	// Room is how many of the room gave each score, 1 to 5, once the
	// answers were revealed: counts only.
	Room []int `toml:"room,omitempty"`
}

// fileTurn is one person's part in the go-around at one stop: counts
// only, and how long they spoke only when the host kept speaking time.
// A pass is a count like any other, never held against anyone.
type fileTurn struct {
	Stop   string `toml:"stop"`
	Name   string `toml:"name"`
	Spoke  int    `toml:"spoke"`
	Passed int    `toml:"passed"`
	Spent  string `toml:"spent,omitempty"`
}

// fileNorm is a standing (or retired) norm of the team, with every
// wording it has had, oldest first, in [[norm.version]] tables.
type fileNorm struct {
	ID       string        `toml:"id"`
	From     string        `toml:"from,omitempty"`
	Retired  time.Time     `toml:"retired,omitempty"`
	Versions []fileVersion `toml:"version"`
}

// fileDefinition is what the team means by a concept, every wording
// dated, oldest first.
type fileDefinition struct {
	Concept  string        `toml:"concept"`
	Versions []fileVersion `toml:"version"`
}

// fileVersion is one wording of a norm or a definition: its words, when
// they were set and in which session.
type fileVersion struct {
	Text    textValue `toml:"text"`
	At      time.Time `toml:"at"`
	Session string    `toml:"session,omitempty"`
}

func toFileVersions(vs []model.Version) []fileVersion {
	out := make([]fileVersion, len(vs))
	for i, v := range vs {
		out[i] = fileVersion{Text: textValue(v.Text), At: v.At, Session: v.Session}
	}
	return out
}

func fromFileVersions(fs []fileVersion) []model.Version {
	out := sized[model.Version](len(fs))
	for _, f := range fs {
		out = append(out, model.Version{Text: string(f.Text), At: f.At, Session: f.Session})
	}
	return out
}

// Encode writes a session as TOML, with its summary line unsealed: for
// tools and tests. A Store seals what it saves with its directory's key
// (see seal.go); a file written by Encode is always read in full.
func Encode(s *model.Session) ([]byte, error) { return encode(s, nil) }

// Encode writes a session as the store saves it, its summary line sealed
// with the store's key: for fixtures that write many files without the
// fsyncs of a save.
func (st *Store) Encode(s *model.Session) ([]byte, error) { return encode(s, st.key) }

// encode writes a session as TOML, its summary line sealed with key.
func encode(s *model.Session, key []byte) ([]byte, error) {
	f := fileSession{
		Schema: model.SchemaVersion, ID: s.ID, Title: s.Title, Team: s.Team, Facilitator: s.Facilitator,
		Status: string(s.Status), Rehearsal: s.Rehearsal, Created: s.Created, Updated: s.Updated, Closed: s.Closed, LastOpened: s.LastOpened,
		CurrentStop: s.CurrentStop().Key, LastID: s.LastID, LastNorm: s.LastNorm, Roster: s.Roster,
	}
	f.Stops = make([]fileStop, len(s.Stops))
	for i, st := range s.Stops {
		f.Stops[i] = fileStop{
			Key: st.Key, Name: st.Name, Planned: formatDuration(st.Planned), AutoAdvance: st.AutoAdvance,
			Entered: st.Entered, Left: st.Left, Elapsed: formatDuration(st.Timer.Accumulated), RunningSince: st.Timer.RunningSince,
		}
	}
	f.Notes = make([]fileNote, len(s.Notes))
	for i, n := range s.Notes {
		f.Notes[i] = fileNote{fileItem: toFileItem(n.Item), Said: n.Said}
	}
	f.Agreements = make([]fileAgreement, len(s.Agreements))
	for i, a := range s.Agreements {
		f.Agreements[i] = fileAgreement{fileItem: toFileItem(a.Item), FromTension: a.FromTension, fileKept: toFileKept(a.Kept)}
	}
	f.Tensions = make([]fileTension, len(s.Tensions))
	for i, t := range s.Tensions {
		f.Tensions[i] = fileTension{fileItem: toFileItem(t.Item), Status: string(t.Status), ResolvedBy: t.ResolvedBy, Resolved: t.Resolved,
			CarriedFrom: t.CarriedFrom, CarriedID: t.CarriedID, fileKept: toFileKept(t.Kept)}
	}
	f.Commitments = make([]fileCommitment, len(s.Commitments))
	for i, c := range s.Commitments {
		f.Commitments[i] = fileCommitment{
			fileItem: toFileItem(c.Item), Owner: c.Owner, Due: c.Due.String(), Status: string(c.Status),
			Done: c.Done, CarriedFrom: c.CarriedFrom, CarriedID: c.CarriedID, fileKept: toFileKept(c.Kept),
		}
	}
	f.Ratings = make([]fileRating, len(s.Ratings))
	for i, r := range s.Ratings {
		f.Ratings[i] = fileRating{Outcome: r.Outcome, Label: r.Label, Score: r.Score, Skipped: r.Skipped, Note: textValue(r.Note), At: r.At}
		if r.Room.N() > 0 {
			f.Ratings[i].Room = r.Room[:]
		}
	}
	f.Turns = sized[fileTurn](len(s.Turns))
	for _, t := range s.Turns {
		ft := fileTurn{Stop: t.Stop, Name: t.Name, Spoke: t.Spoke, Passed: t.Passed}
		if t.Spent > 0 {
			ft.Spent = formatDuration(t.Spent)
		}
		f.Turns = append(f.Turns, ft)
	}
	f.Norms = sized[fileNorm](len(s.Norms))
	for _, n := range s.Norms {
		f.Norms = append(f.Norms, fileNorm{ID: n.ID, From: n.From, Retired: n.Retired, Versions: toFileVersions(n.Versions)})
	}
	f.Definitions = sized[fileDefinition](len(s.Definitions))
	for _, d := range s.Definitions {
		f.Definitions = append(f.Definitions, fileDefinition{Concept: d.Concept, Versions: toFileVersions(d.Versions)})
	}
	var body bytes.Buffer
	body.Grow(256 + 200*(len(s.Notes)+len(s.Agreements)+len(s.Tensions)+len(s.Commitments)))
	enc := toml.NewEncoder(&body)
	enc.Indent = ""
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("writing session %s as TOML: %w", s.ID, err)
	}
	summary, err := json.Marshal(Summarize(s, ""))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(body.Len() + len(summary) + 200)
	out.WriteString(fileHeader)
	out.WriteString(summaryPrefix)
	out.Write(summary)
	out.WriteString(" ")
	out.WriteString(summarySeal(key, summary, body.Bytes()))
	out.WriteString("\n")
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

// The first lines of a session file. The second carries the session's
// summary for listings, sealed with a hash of itself and the rest of the
// file: a listing can trust it without parsing the file only while nobody
// has changed a byte since Pit Stop wrote it. Any edit breaks the seal, and
// the file is then read in full (and reported if broken). The prefix names
// what the summary holds: a line written by an older Pit Stop (format 1,
// before ratings) does not match it, and that file is read in full too.
const (
	fileHeader    = "# A Pit Stop workshop session. Plain TOML: safe to read, diff and keep.\n"
	summaryPrefix = "# summary for listings, format 2 (ignored when the file is edited): "
)

// sealedSummary returns the summary in a file's header when its seal
// matches the file under key; ok is false otherwise, and the file must be
// read.
func sealedSummary(key, data []byte) (sum Summary, ok bool) {
	rest, found := bytes.CutPrefix(data, []byte(fileHeader+summaryPrefix))
	if !found {
		return sum, false
	}
	line, body, found := bytes.Cut(rest, []byte("\n"))
	if !found {
		return sum, false
	}
	i := bytes.LastIndexByte(line, ' ')
	if i < 0 {
		return sum, false
	}
	summary, seal := line[:i], string(line[i+1:])
	if !sealMatches(key, summary, body, seal) {
		return sum, false
	}
	if json.Unmarshal(summary, &sum) != nil || sum.ID == "" || sum.Problem != "" {
		return Summary{}, false
	}
	// The seal proves the line matches the file, not who wrote it: its
	// words are cleaned as the file's own would be.
	return sum.cleaned(), true
}

func toFileItem(it model.Item) fileItem {
	return fileItem{ID: it.ID, Stop: it.Stop, Role: it.Role, Author: it.Author, Created: it.Created, Edited: it.Edited, Text: textValue(it.Text)}
}

func fromFileItem(f fileItem) model.Item {
	return model.Item{ID: f.ID, Stop: f.Stop, Role: f.Role, Author: f.Author, Created: f.Created, Edited: f.Edited, Text: string(f.Text)}
}

// ErrNewerSchema is wrapped by Decode's error for a file written by a newer
// Pit Stop.
var ErrNewerSchema = errors.New("newer schema")

// Decode reads a session file strictly. name is the path used in messages.
// Every error says where and what: a *strictoml.FileError carries the line
// and column, for mistakes of TOML and of content alike (a duplicate id, a
// note over the length limit, a stop that is not there).
func Decode(name string, data []byte) (*model.Session, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &strictoml.FileError{File: name, Msg: "the file is empty; it holds no session"}
	}
	if len(data) > MaxFileBytes {
		return nil, tooLarge(name, int64(len(data)))
	}
	var f fileSession
	if err := strictoml.DecodeWithLimits(name, data, &f, fileLimits); err != nil {
		// A file from a newer version may well have keys this one does not
		// know; say that it is newer rather than list them. Found without a
		// second parse: a hostile file costs one.
		if schema := schemaLine(data); schema > model.SchemaVersion {
			return nil, newerSchema(name, schema)
		}
		return nil, err
	}
	if f.Schema > model.SchemaVersion {
		return nil, newerSchema(name, f.Schema)
	}
	if f.Schema < 1 {
		return nil, &strictoml.FileError{File: name, Line: 1, Msg: "this is not a Pit Stop session: it has no `schema = 1` line"}
	}
	s := &model.Session{
		Schema: f.Schema, ID: f.ID, Title: f.Title, Team: f.Team, Facilitator: f.Facilitator,
		Status: model.Status(f.Status), Rehearsal: f.Rehearsal, Created: f.Created, Updated: f.Updated, Closed: f.Closed, LastID: f.LastID, LastOpened: f.LastOpened,
		LastNorm: f.LastNorm,
	}
	if len(f.Roster) > 0 { // "roster = []" is no roster, as a save writes it
		s.Roster = f.Roster
	}
	// Places in the file are found only if something is wrong: a good
	// file is not copied or scanned again.
	at := func(table string, i int, field, format string, args ...any) error {
		return strictoml.NewIndex(name, data).Errorf(tomlPath(table, i, field), format, args...)
	}
	s.Current = -1
	// Each list made once at its size (and nil when empty, as before):
	// grown item by item, a large session's lists are copied over and
	// over, and all of it collected.
	s.Stops = sized[model.Stop](len(f.Stops))
	s.Notes = sized[model.Note](len(f.Notes))
	s.Agreements = sized[model.Agreement](len(f.Agreements))
	s.Tensions = sized[model.Tension](len(f.Tensions))
	s.Commitments = sized[model.Commitment](len(f.Commitments))
	s.Ratings = sized[model.Rating](len(f.Ratings))
	for i, fs := range f.Stops {
		planned, err := parseDuration(fs.Planned)
		if err != nil {
			return nil, at("stop", i, "planned", "stop %q: planned time: %v", fs.Key, err)
		}
		elapsed, err := parseDuration(fs.Elapsed)
		if err != nil {
			return nil, at("stop", i, "elapsed", "stop %q: elapsed time: %v", fs.Key, err)
		}
		s.Stops = append(s.Stops, model.Stop{
			Key: fs.Key, Name: fs.Name, Planned: planned, AutoAdvance: fs.AutoAdvance, Entered: fs.Entered, Left: fs.Left,
			Timer: model.Timer{Accumulated: elapsed, RunningSince: fs.RunningSince},
		})
		if fs.Key == f.CurrentStop {
			s.Current = i
		}
	}
	if s.Current < 0 {
		return nil, at("", 0, "current_stop", "current_stop %q is not one of the session's stops", f.CurrentStop)
	}
	for _, n := range f.Notes {
		s.Notes = append(s.Notes, model.Note{Item: fromFileItem(n.fileItem), Said: n.Said})
	}
	for i, a := range f.Agreements {
		kept, err := fromFileKept(a.ID, a.fileKept)
		if err != nil {
			return nil, at("agreement", i, "kept_due", "%v", err)
		}
		s.Agreements = append(s.Agreements, model.Agreement{Item: fromFileItem(a.fileItem), FromTension: a.FromTension, Kept: kept})
	}
	for i, t := range f.Tensions {
		kept, err := fromFileKept(t.ID, t.fileKept)
		if err != nil {
			return nil, at("tension", i, "kept_due", "%v", err)
		}
		s.Tensions = append(s.Tensions, model.Tension{Item: fromFileItem(t.fileItem), Status: model.TensionStatus(t.Status), ResolvedBy: t.ResolvedBy, Resolved: t.Resolved,
			CarriedFrom: t.CarriedFrom, CarriedID: t.CarriedID, Kept: kept})
	}
	for i, c := range f.Commitments {
		due, err := model.ParseDate(c.Due)
		if err != nil {
			return nil, at("commitment", i, "due", "commitment %s: due: %v", c.ID, err)
		}
		kept, err := fromFileKept(c.ID, c.fileKept)
		if err != nil {
			return nil, at("commitment", i, "kept_due", "%v", err)
		}
		s.Commitments = append(s.Commitments, model.Commitment{
			Item: fromFileItem(c.fileItem), Owner: c.Owner, Due: due, Status: model.CommitmentStatus(c.Status),
			Done: c.Done, CarriedFrom: c.CarriedFrom, CarriedID: c.CarriedID, Kept: kept,
		})
	}
	for i, r := range f.Ratings {
		rating := model.Rating{Outcome: r.Outcome, Label: r.Label, Score: r.Score, Skipped: r.Skipped, Note: string(r.Note), At: r.At}
		if len(r.Room) > 0 {
			if len(r.Room) != len(rating.Room) {
				return nil, at("rating", i, "room", "outcome %q: room holds %d numbers; it counts the answers at each score from %d to %d, so it holds %d", r.Outcome, len(r.Room), model.MinScore, model.MaxScore, len(rating.Room))
			}
			copy(rating.Room[:], r.Room)
		}
		s.Ratings = append(s.Ratings, rating)
	}
	s.Turns = sized[model.Turn](len(f.Turns))
	for i, t := range f.Turns {
		spent, err := parseDuration(t.Spent)
		if err != nil {
			return nil, at("turn", i, "spent", "%s's speaking time at %q: %v", t.Name, t.Stop, err)
		}
		s.Turns = append(s.Turns, model.Turn{Stop: t.Stop, Name: t.Name, Spoke: t.Spoke, Passed: t.Passed, Spent: spent})
	}
	s.Norms = sized[model.Norm](len(f.Norms))
	for _, n := range f.Norms {
		s.Norms = append(s.Norms, model.Norm{ID: n.ID, From: n.From, Retired: n.Retired, Versions: fromFileVersions(n.Versions)})
	}
	s.Definitions = sized[model.Definition](len(f.Definitions))
	for _, d := range f.Definitions {
		s.Definitions = append(s.Definitions, model.Definition{Concept: d.Concept, Versions: fromFileVersions(d.Versions)})
	}
	sanitize(s) // before Validate: a title of nothing but escapes is empty
	if err := s.Validate(); err != nil {
		var p *model.Problem
		if errors.As(err, &p) {
			return nil, at(p.Table, p.Index, p.Field, "%s", p.Msg)
		}
		return nil, &strictoml.FileError{File: name, Msg: err.Error()}
	}
	s.RaiseLastID()
	return s, nil
}

// sized is an empty list with room for n, or nil for none.
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// tomlPath names a value of the session file the way strictoml.Index
// finds it: "note[3].text", or "title" at the top.
func tomlPath(table string, i int, field string) string {
	if table == "" {
		return field
	}
	p := table + "[" + strconv.Itoa(i) + "]"
	if field != "" {
		p += "." + field
	}
	return p
}

// fileLimits bound what a session file may hold before it is parsed.
// Pit Stop writes no inline tables in a session, arrays only of numbers
// and names (a rating's room, the roster), and keys at most three deep
// (the text of a [[norm.version]]); the limits leave a little room for
// hand edits and none for the nesting that makes parsers slow.
var fileLimits = strictoml.Limits{MaxBytes: MaxFileBytes, MaxDepth: 2, MaxKeyDepth: 3, MaxKeyLength: 64, NoInlineTables: true}

var schemaPattern = regexp.MustCompile(`(?m)^[ \t]*schema[ \t]*=[ \t]*([0-9]{1,6})[ \t]*(?:#.*)?\r?$`)

// schemaLine is the schema a session file says it has on a line of its
// own near its top, or 0.
func schemaLine(data []byte) int {
	head := data[:min(len(data), 4096)]
	m := schemaPattern.FindSubmatch(head)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// looseTOML reads data as TOML without the strict checks (and, like every
// read here, without letting the library's panics through).
func looseTOML(data []byte) (map[string]any, bool) {
	var m map[string]any
	return m, strictoml.Decode("", data, &m) == nil
}

// ProbeSession says whether data holds a session: it begins as Pit Stop
// writes sessions, or it is TOML with a session's id or current stop (a
// session whose header comment was edited away). isTOML is false when data
// is not TOML at all.
func ProbeSession(data []byte) (isSession, isTOML bool) {
	if bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n"), []byte(fileHeader[:len(fileHeader)-1])) {
		return true, true
	}
	m, ok := looseTOML(data)
	_, hasID := m["id"]
	_, hasCurrent := m["current_stop"]
	return hasID || hasCurrent, ok
}

// sanitize cleans every string read from a file, people's text and ids
// alike: a file edited by hand (or by anyone) may hold escape sequences
// that TOML carries as \u001b, and none may reach a screen or the minutes.
func sanitize(s *model.Session) {
	l := model.CleanLabel
	s.ID, s.Title, s.Team, s.Facilitator = l(s.ID), l(s.Title), l(s.Team), l(s.Facilitator)
	for i := range s.Stops {
		s.Stops[i].Key, s.Stops[i].Name = l(s.Stops[i].Key), l(s.Stops[i].Name)
	}
	item := func(it *model.Item) {
		it.ID, it.Stop, it.Role, it.Author, it.Text = l(it.ID), l(it.Stop), l(it.Role), l(it.Author), model.CleanText(it.Text)
		if r, ok := model.ParseRole(it.Role); ok {
			it.Role = string(r) // an older file's "note-taker" is the notes role
		}
	}
	kept := func(k *model.Kept) {
		k.Owner, k.ResolvedBy, k.CarriedFrom, k.CarriedID, k.FromTension = l(k.Owner), l(k.ResolvedBy), l(k.CarriedFrom), l(k.CarriedID), l(k.FromTension)
	}
	for i := range s.Notes {
		item(&s.Notes[i].Item)
		s.Notes[i].Said = l(s.Notes[i].Said)
	}
	for i := range s.Agreements {
		a := &s.Agreements[i]
		item(&a.Item)
		kept(&a.Kept)
		a.FromTension = l(a.FromTension)
	}
	for i := range s.Tensions {
		t := &s.Tensions[i]
		item(&t.Item)
		kept(&t.Kept)
		t.ResolvedBy, t.CarriedFrom, t.CarriedID = l(t.ResolvedBy), l(t.CarriedFrom), l(t.CarriedID)
	}
	for i := range s.Commitments {
		c := &s.Commitments[i]
		item(&c.Item)
		kept(&c.Kept)
		c.Owner, c.CarriedFrom, c.CarriedID = l(c.Owner), l(c.CarriedFrom), l(c.CarriedID)
	}
	for i := range s.Ratings {
		r := &s.Ratings[i]
		r.Outcome, r.Label, r.Note = l(r.Outcome), l(r.Label), model.CleanText(r.Note)
	}
	for i := range s.Roster {
		s.Roster[i] = l(s.Roster[i])
	}
	for i := range s.Turns {
		t := &s.Turns[i]
		t.Stop, t.Name = l(t.Stop), l(t.Name)
	}
	versions := func(vs []model.Version) {
		for i := range vs {
			vs[i].Text, vs[i].Session = model.CleanText(vs[i].Text), l(vs[i].Session)
		}
	}
	for i := range s.Norms {
		n := &s.Norms[i]
		n.ID, n.From = l(n.ID), l(n.From)
		versions(n.Versions)
	}
	for i := range s.Definitions {
		d := &s.Definitions[i]
		d.Concept = l(d.Concept)
		versions(d.Versions)
	}
}

func newerSchema(name string, schema int) error {
	return fmt.Errorf("%s: %w: this session was written by a newer Pit Stop (file schema %d, this build reads up to %d); update Pit Stop to open it",
		name, ErrNewerSchema, schema, model.SchemaVersion)
}

// formatDuration writes whole seconds without the zero parts Go adds:
// "15m" rather than "15m0s".
func formatDuration(d time.Duration) string {
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: write it like \"15m\", \"1h30m\" or \"12m30s\"", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return d, nil
}
