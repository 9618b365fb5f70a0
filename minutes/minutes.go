// Package minutes writes the minutes of a session for people who were not
// in the room, or who were and want to remember: a Markdown file that reads
// well as plain text and renders cleanly on any Markdown site, or a single
// self-contained HTML page that prints on A4 and Letter.
//
// Both show the same things in the same order: who, when and where the
// session stands; time planned and spent per stop; the notes by stop, with
// how far the go-around went there (and how long each spoke, when that
// was kept); the agreements; the tensions, open, resolved and dropped; the
// commitments; the items carried over from earlier sessions; the team's
// norms and shared definitions, every wording dated; the partnership
// check, weakest outcome first; the team's partnership trend across its
// sessions. The sections every session has (time, notes, agreements,
// tensions, commitments) are always there and say so in a few words when
// they are empty; those that only some sessions have (carried items,
// norms, definitions, partnership check and trend) are left out when
// there is nothing to show.
//
// People's text is escaped for the format, so whatever was typed shows as
// typed: no Markdown markup, no HTML, no broken tables. Times are written
// in the offset they were recorded in, as "2026-11-22 10:05"; durations as
// "15m", "16m30s", "1h05m".
//
// The package does no terminal work and, apart from WriteFile, WriteNextTo
// and TeamTrend (which lists the sessions directory), no IO.
package minutes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pitstop/config"
	"pitstop/internal/atomicfile"
	"pitstop/internal/besidesession"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
)

// Options are what the minutes need beyond the session itself.
type Options struct {
	Workshop *config.Workshop // for the partnership outcomes' labels; may be nil
	Now      time.Time        // for "overdue" and for timers still running; zero means time.Now()
	// Trend is the team's partnership check across its sessions (see
	// TeamTrend); nil leaves the trend out, and so does a trend of fewer
	// than two sessions with a check. Its columns, every session of the
	// team, also name the session each carried item came from by its
	// title and date; without it, by the session's id.
	Trend *partnership.Trend
}

// The formats the minutes can be written in.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
)

// ErrUnknownFormat is returned for a format other than FormatMarkdown and
// FormatHTML.
var ErrUnknownFormat = errors.New(`unknown format: use "md" or "html"`)

// Render writes the minutes in format FormatMarkdown or FormatHTML.
func Render(s *model.Session, format string, opts Options) ([]byte, error) {
	switch format {
	case FormatMarkdown:
		return Markdown(s, opts), nil
	case FormatHTML:
		return HTML(s, opts), nil
	}
	return nil, fmt.Errorf("%q: %w", format, ErrUnknownFormat)
}

// PathNextTo is where WriteNextTo puts the minutes of the session file at
// sessionPath: /dir/ID.toml gives /dir/ID.minutes.md (or .html).
func PathNextTo(sessionPath, format string) string {
	base := strings.TrimSuffix(sessionPath, filepath.Ext(sessionPath))
	return base + ".minutes." + format
}

// WriteNextTo renders the minutes in format FormatMarkdown or FormatHTML and
// writes them next to the session file (see PathNextTo), atomically, with
// the session file's own permissions: minutes of a private session stay
// private. It returns the path written. Nothing is written through a link
// there, nor over a file that holds a session (see besidesession).
func WriteNextTo(sessionPath string, s *model.Session, format string, opts Options) (string, error) {
	data, err := Render(s, format, opts)
	if err != nil {
		return "", err
	}
	path := PathNextTo(sessionPath, format)
	if err := besidesession.Write(sessionPath, path, data, "the minutes"); err != nil {
		return "", err
	}
	return path, nil
}

// WriteFile writes rendered minutes to path atomically and durably: a
// temporary file in the same directory, fsynced, renamed over any earlier
// file, then the directory fsynced. A crash leaves the old file or the new
// one, never half of one. An existing file keeps its permissions.
//
// A symbolic link is written through, so that the link stays a link: the
// path was named by the person, who links where they mean to. A path that
// is not a regular file, such as /dev/stdout or a named pipe, is written to
// directly: renaming over it would replace the device or pipe itself with a
// file.
func WriteFile(path string, data []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return errors.New("it is a directory")
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return errors.Join(err, f.Close())
	}
	return atomicfile.Write(path, data, 0o644)
}

// doc is what both formats show, worked out once from the session. Its
// strings are plain text; each format escapes them its own way.
type doc struct {
	Title, Team, Facilitator, ID, Date, Status string

	Times []timeRow
	Total timeRow

	Notes      []noteGroup
	NotesTaken int // a stop may be in Notes for its go-around alone
	Agreements []entry
	Tensions   int
	Open       []tension
	Resolved   []tension
	Dropped    []tension // shown only when there are some

	Commitments []commitment
	Carried     []carried

	Norms       []norm // standing, in the order they were made
	Retired     []norm // in the record, shown apart
	Definitions []definition

	Check *checkDoc // nil when the group did not do the check
	Trend *trendDoc // nil without a trend of two checks or more
}

type timeRow struct{ Stop, Planned, Spent, Diff string }

// noteGroup is a stop's part of the notes: the go-around there, then
// the notes.
type noteGroup struct {
	Stop  string
	Notes []entry
	// GoAround says, where the go-around was used, whether everyone was
	// invited to speak or whom it did not reach; Speaking how long each
	// spoke, when that was kept ("Ana 2m30s, Lee 1m"). Both "" otherwise.
	GoAround, Speaking string
}

// norm is one of the team's norms: its words now, when it was first set
// (and retired), and, when it was ever reworded, every wording, newest
// first.
type norm struct {
	entry            // Meta: "n1, since 2026-11-22"
	Wordings []entry // Meta: "2026-11-29, reworded"; empty for a norm never reworded
}

// definition is what the team means by a concept, every wording, newest
// first.
type definition struct {
	Concept  string
	Wordings []entry
}

// entry is a list item: what it is (when, where, who) and its text, which
// may have several lines.
type entry struct{ Meta, Text string }

type tension struct {
	entry
	Resolution string // "Resolved 2026-11-22 11:30 by the agreement", or ""
	ResolvedBy string // the text of that agreement, or ""
}

type commitment struct {
	What, Owner, Due, Status string
	Overdue, NeedsOwner      bool
}

type carried struct {
	What, Kind, From, Status string
	Overdue                  bool
}

// TimeLayout is how the minutes write an instant; a day is written as
// every date is (model.DateLayout).
const TimeLayout = "2006-01-02 15:04"

func stamp(t time.Time) string { return t.Format(TimeLayout) }

func build(s *model.Session, opts Options) *doc {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	today := model.DateOf(now)
	d := &doc{Title: s.Title, Team: s.Team, Facilitator: s.Facilitator, ID: s.ID}
	if !s.Created.IsZero() {
		d.Date = stamp(s.Created)
	}
	d.Status = statusText(s, now)

	stopName := make(map[string]string, len(s.Stops))
	stopIndex := make(map[string]int, len(s.Stops))
	for i, st := range s.Stops {
		name := st.Name
		if name == "" {
			name = st.Key
		}
		stopName[st.Key] = name
		stopIndex[st.Key] = i
	}
	nameOf := func(key string) string {
		if n, ok := stopName[key]; ok {
			return n
		}
		return key
	}

	// Time planned and spent, and how far the room is from its plan, as
	// every screen says it.
	for _, st := range s.Stops {
		t := present.TimerOf(st, now)
		spent := present.Duration(t.Elapsed)
		if t.Running {
			spent += " (running)"
		}
		d.Times = append(d.Times, timeRow{Stop: nameOf(st.Key), Planned: present.Duration(st.Planned), Spent: spent, Diff: t.Result()})
	}
	d.Total = timeRow{Stop: "Total", Planned: present.Duration(s.PlannedTotal()), Spent: present.Duration(s.SpentTotal(now)), Diff: present.Pace(s, now)}

	// Notes, by stop in the order of the stops, each stop's oldest first;
	// notes of no stop, or of a stop the session does not have, come last.
	groups := make([][]int, len(s.Stops))
	var strays []string // keys of unknown stops, in order of first use
	strayIndex := map[string]int{}
	for i, n := range s.Notes {
		if j, ok := stopIndex[n.Stop]; ok {
			groups[j] = append(groups[j], i)
			continue
		}
		j, ok := strayIndex[n.Stop]
		if !ok {
			j = len(groups)
			strayIndex[n.Stop] = j
			strays = append(strays, n.Stop)
			groups = append(groups, nil)
		}
		groups[j] = append(groups[j], i)
	}
	for j, idx := range groups {
		var goAround, speaking string
		if j < len(s.Stops) {
			goAround, speaking = present.GoAroundReached(s, s.Stops[j].Key), present.SpeakingTimes(s, s.Stops[j].Key)
		}
		if len(idx) == 0 && goAround == "" && speaking == "" {
			continue
		}
		var name string
		switch {
		case j < len(s.Stops):
			name = nameOf(s.Stops[j].Key)
		case strays[j-len(s.Stops)] == "":
			name = "Not at a stop"
		default:
			name = strays[j-len(s.Stops)]
		}
		g := noteGroup{Stop: name, Notes: make([]entry, len(idx)), GoAround: goAround, Speaking: speaking}
		for k, i := range idx {
			n := s.Notes[i]
			meta := stamp(n.Created)
			if n.Role == string(model.RoleParticipant) && n.Author == "" {
				meta += ", from the room"
			}
			if n.Said != "" {
				meta += ", said by " + n.Said
			}
			g.Notes[k] = entry{Meta: meta, Text: n.Text}
		}
		d.Notes = append(d.Notes, g)
		d.NotesTaken += len(g.Notes)
	}

	at := func(it model.Item) string {
		meta := stamp(it.Created)
		if it.Stop != "" {
			meta += ", at " + nameOf(it.Stop)
		}
		return meta
	}

	agreement := make(map[string]string, len(s.Agreements))
	for _, a := range s.Agreements {
		agreement[a.ID] = a.Text
		meta := at(a.Item)
		if a.FromTension != "" {
			meta += ", grew out of a tension"
		}
		d.Agreements = append(d.Agreements, entry{Meta: meta, Text: a.Text})
	}

	// The sessions carried items came from, by id: a title and a date
	// say more to a reader than an id.
	sessionName := func(id string) string { return id }
	if opts.Trend != nil {
		named := make(map[string]string, len(opts.Trend.Columns))
		for _, c := range opts.Trend.Columns {
			if strings.TrimSpace(c.Title) != "" && !c.Created.IsZero() {
				named[c.ID] = "“" + c.Title + "” (" + c.Created.Format(model.DateLayout) + ")" // as the screens name it
			}
		}
		sessionName = func(id string) string {
			if name, ok := named[id]; ok {
				return name
			}
			return id
		}
	}

	d.Tensions = len(s.Tensions)
	for _, t := range s.Tensions {
		meta := at(t.Item)
		if t.CarriedFrom != "" {
			meta += ", carried from " + sessionName(t.CarriedFrom)
		}
		e := tension{entry: entry{Meta: meta, Text: t.Text}}
		switch t.Status {
		case model.TensionResolved:
		case model.TensionDropped:
			if !t.Resolved.IsZero() {
				e.Meta += ", dropped " + stamp(t.Resolved)
			}
			d.Dropped = append(d.Dropped, e)
			continue
		default:
			d.Open = append(d.Open, e)
			continue
		}
		e.Resolution = "Resolved"
		if !t.Resolved.IsZero() {
			e.Resolution += " " + stamp(t.Resolved)
		}
		if t.ResolvedBy != "" {
			if text, ok := agreement[t.ResolvedBy]; ok {
				e.Resolution += " by the agreement"
				e.ResolvedBy = text
			} else {
				e.Resolution += " by an agreement since deleted"
			}
		}
		d.Resolved = append(d.Resolved, e)
	}

	// Commitments: open ones first, then done, then dropped; within each,
	// by due date, those without a date last.
	order := present.CommitmentOrder(s)
	for _, i := range order {
		c := s.Commitments[i]
		row := commitment{What: c.Text, Owner: c.Owner, Due: c.Due.String(), Status: commitmentStatus(c, today), Overdue: c.Overdue(today)}
		if row.Owner == "" {
			if c.Status == model.CommitmentOpen {
				row.Owner, row.NeedsOwner = "needs an owner", true
			} else {
				row.Owner = "nobody named"
			}
		}
		if row.Due == "" {
			row.Due = "no date"
		}
		d.Commitments = append(d.Commitments, row)
	}

	// Carried items: what came over from earlier sessions, and where each
	// stands now. A session known by its title and date needs no item
	// number; one known only by its id keeps the item's id beside it, to
	// find it by.
	from := func(session, id string) string {
		if name := sessionName(session); name != session || id == "" {
			return name
		}
		return session + ", item " + id
	}
	for _, t := range s.Tensions {
		if t.CarriedFrom != "" {
			d.Carried = append(d.Carried, carried{What: t.Text, Kind: "tension", From: from(t.CarriedFrom, t.CarriedID), Status: string(t.Status)})
		}
	}
	for _, c := range s.Commitments {
		if c.CarriedFrom != "" {
			d.Carried = append(d.Carried, carried{What: c.Text, Kind: "commitment", From: from(c.CarriedFrom, c.CarriedID),
				Status: commitmentStatus(c, today), Overdue: c.Overdue(today)})
		}
	}

	// What the team keeps: every wording, newest first, dated; those of
	// this session said to be.
	wordings := func(vs []model.Version) []entry {
		out := make([]entry, 0, len(vs))
		for i := len(vs) - 1; i >= 0; i-- {
			var before *model.Version
			if i > 0 {
				before = &vs[i-1]
			}
			meta := vs[i].At.Format(model.DateLayout) + ", " + present.Wording(vs[i], before)
			if vs[i].Session == s.ID {
				meta += " in this session"
			}
			out = append(out, entry{Meta: meta, Text: vs[i].Text})
		}
		return out
	}
	for _, n := range s.Norms {
		e := norm{entry: entry{Meta: n.ID + ", since " + n.Since().Format(model.DateLayout), Text: n.Text()}}
		if len(n.Versions) > 1 {
			e.Wordings = wordings(n.Versions)
		}
		if n.Standing() {
			d.Norms = append(d.Norms, e)
			continue
		}
		e.Meta += ", retired " + n.Retired.Format(model.DateLayout)
		d.Retired = append(d.Retired, e)
	}
	for _, def := range s.Definitions {
		d.Definitions = append(d.Definitions, definition{Concept: def.Concept, Wordings: wordings(def.Versions)})
	}

	d.Check = buildCheck(opts.Workshop, s.Ratings)
	d.Trend = buildTrend(opts.Trend, s.ID)
	return d
}

func statusText(s *model.Session, now time.Time) string {
	switch s.Status {
	case model.StatusClosed:
		if s.Closed.IsZero() {
			return "closed"
		}
		return "closed on " + stamp(s.Closed)
	case model.StatusInProgress:
		text := "in progress"
		if s.Current >= 0 && s.Current < len(s.Stops) {
			st := s.Stops[s.Current]
			name := st.Name
			if name == "" {
				name = st.Key
			}
			text += ", at " + name
		}
		if !s.Created.IsZero() {
			now = now.In(s.Created.Location())
		}
		return text + "; these minutes show it as of " + stamp(now)
	}
	return string(s.Status)
}

func commitmentStatus(c model.Commitment, today model.Date) string {
	if c.Overdue(today) {
		return "open, past due"
	}
	return string(c.Status)
}
