// Package config loads the workshop definition: the pit stops with their
// planned times and prompts, the partnership outcomes, and the theme.
//
// The definition is a TOML file (see config.toml at the repository root, which
// is also the embedded default). It is read strictly: an unknown key, a
// missing name or a duration like "15" is refused with the file, line and
// a plain explanation, because a facilitator finding out in front of thirty
// people that a typo silently dropped a stop is worse than an error message
// before the session starts.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adrg/xdg"

	"pitstop/internal/strictoml"
	"pitstop/model"
)

// SchemaVersion is the newest config schema this build understands.
const SchemaVersion = 1

// EmbeddedSource is Workshop.Source, and the file name in errors, for the
// default workshop compiled into the binary.
const EmbeddedSource = "embedded default"

// Limits. They keep a hand-edited file within what a projected screen can
// show, and make a runaway file (a pasted document, a loop in a generator)
// fail early with a clear message.
const (
	maxStops       = 50
	maxOutcomes    = 50
	maxPrompts     = 5
	maxKeyLen      = 32
	maxNameLen     = 40
	maxTitleLen    = 80
	maxLabelLen    = 60
	maxExplainLen  = 160 // one line on a wide screen, two on a narrow one
	maxPromptLen   = 300
	maxLongTextLen = 600 // description, hint
	minPlanned     = time.Minute
	maxPlanned     = 8 * time.Hour
	maxFileSize    = 1 << 20
	maxMinAnswers  = 300 // the most participants a page takes at once
)

// Workshop is a validated workshop definition.
type Workshop struct {
	Title    string // default session title, may be ""
	Stops    []Stop // at least one, in the order the room visits them
	Outcomes []Outcome
	Theme    Theme
	Display  Display
	Serve    Serve  // who may join when the session is served over SSH
	Team     Team   // what the team keeps from session to session, and the go-around
	Source   string // EmbeddedSource or the path the workshop was read from
}

// Team says where the team's standing norms and shared definitions come
// up, which concepts the team defines, and whether the go-around keeps
// speaking time.
type Team struct {
	NormStops      []string // keys of the stops that show the standing norms
	DefinitionStop string   // key of the stop where the team writes its definitions ("" for none)
	Concepts       []string // the concepts to define, in order
	SpeakingTime   bool     // the go-around keeps how long each person spoke
}

// The team's defaults: the norms at the first and the last of the seven
// stops (where the room gathers and where it holds trust), the
// definitions at Reflection & Accountability, of the concepts the source
// text names.
var (
	defaultNormStops      = []string{"belonging", "trust"}
	defaultDefinitionStop = "reflection"
	defaultConcepts       = []string{"respect", "trust", "dignity"}
)

// maxConcepts bounds the concepts a config lists.
const maxConcepts = 20

// Serve lists, per role, the public keys allowed to join a served session,
// each an authorized_keys line ("ssh-ed25519 AAAA… dana@laptop"). pitstop
// serve checks them; --facilitator-keys and the like add files of them.
type Serve struct {
	FacilitatorKeys, NotesKeys, ViewKeys []string
	// Web is the address the participants' page listens on ("" for none;
	// --web sets it too): a port, or a host and port.
	Web string
	// MinAnswers is the fewest answers from the room whose spread is
	// shown (0 for the default, model.DefaultMinAnswers).
	MinAnswers int
}

// Stop is one pit stop.
type Stop struct {
	Key         string // stable id saved in session files: lowercase, digits, '-', '_'
	Name        string
	Planned     time.Duration // at least a minute
	Description string        // may be empty; may contain newlines
	Prompts     []string      // 0 to 5 discussion questions
	Hint        string        // for the facilitator; may be empty
	AutoAdvance bool          // move to the next stop when the time is up
	Check       bool          // the stop view suggests the partnership check here
}

// Plans is what a new session needs to know of the workshop's stops.
func (w *Workshop) Plans() []model.StopPlan {
	plans := make([]model.StopPlan, len(w.Stops))
	for i, s := range w.Stops {
		plans[i] = model.StopPlan{Key: s.Key, Name: s.Name, Planned: s.Planned, AutoAdvance: s.AutoAdvance}
	}
	return plans
}

// Outcome is one item of the partnership check: a short label for the
// screen and a one-line explanation of what it looks like in practice.
type Outcome struct{ Key, Label, Explain string }

// Display is how the screens behave in the room.
type Display struct {
	Bell bool // ring the terminal's bell once when a stop's time is up
	Hint bool // show the facilitator's hint in the facilitator's own view (one key hides it)
}

// The file's shape. Kept apart from Workshop so that the exported types stay
// free of TOML tags and of the pointer used to tell "missing" from "zero".
type (
	fileConfig struct {
		Schema   *int          `toml:"schema"`
		Workshop fileWorkshop  `toml:"workshop"`
		Stops    []fileStop    `toml:"stop"`
		Outcomes []fileOutcome `toml:"outcome"`
		Theme    fileTheme     `toml:"theme"`
		Display  fileDisplay   `toml:"display"`
		Serve    fileServe     `toml:"serve"`
		Team     fileTeam      `toml:"team"`
		GoAround fileGoAround  `toml:"goaround"`
	}
	fileTeam struct {
		NormStops      *[]string `toml:"norm_stops"`
		DefinitionStop *string   `toml:"definition_stop"`
		Concepts       *[]string `toml:"concepts"`
	}
	fileGoAround struct {
		SpeakingTime bool `toml:"speaking_time"`
	}
	fileDisplay struct {
		Bell *bool `toml:"bell"`
		Hint *bool `toml:"hint"`
	}
	fileServe struct {
		FacilitatorKeys []string `toml:"facilitator_keys"`
		NotesKeys       []string `toml:"notes_keys"`
		ViewKeys        []string `toml:"view_keys"`
		Web             string   `toml:"web"`
		MinAnswers      *int     `toml:"min_answers"`
	}
	fileWorkshop struct {
		Title string `toml:"title"`
	}
	fileStop struct {
		Key         string   `toml:"key"`
		Name        string   `toml:"name"`
		Planned     any      `toml:"planned"` // any, so that every wrong form gets a message about durations
		Description string   `toml:"description"`
		Prompts     []string `toml:"prompts"`
		Hint        string   `toml:"hint"`
		AutoAdvance bool     `toml:"auto_advance"`
		Check       bool     `toml:"check"`
	}
	fileOutcome struct {
		Key     string `toml:"key"`
		Label   string `toml:"label"`
		Explain string `toml:"explain"`
	}
	fileTheme struct {
		Name   string `toml:"name"`
		Accent string `toml:"accent"`
		Text   string `toml:"text"`
		Muted  string `toml:"muted"`
		Warn   string `toml:"warn"`
		Danger string `toml:"danger"`
		OK     string `toml:"ok"`
	}
)

// Parse reads a workshop definition strictly. name is used as Source and as
// the file name in errors. Every error is a *strictoml.FileError pointing at
// the offending line.
func Parse(name string, data []byte) (*Workshop, error) {
	ix := strictoml.NewIndex(name, data)
	var f fileConfig
	if err := strictoml.Decode(name, data, &f); err != nil {
		// A file written for a newer Pit Stop may well have keys this build
		// does not know; "this file needs a newer Pit Stop" is the useful
		// message then, not "unknown key".
		var probe map[string]any
		if strictoml.Decode(name, data, &probe) == nil {
			if n, ok := probe["schema"].(int64); ok && n > SchemaVersion {
				return nil, checkSchema(ix, probe)
			}
			if err := misplacedSchema(ix, probe); err != nil {
				return nil, err // explains the "unknown key" err would report
			}
		}
		return nil, err
	}
	probe := map[string]any{}
	if f.Schema != nil {
		probe["schema"] = int64(*f.Schema)
	}
	if err := checkSchema(ix, probe); err != nil {
		return nil, err
	}

	v := validator{ix: ix}
	w := v.workshop(&f)
	if err := v.first(); err != nil {
		return nil, err
	}
	w.Source = name
	return w, nil
}

// Load reads the workshop definition from a file. Errors, including a
// missing or unreadable file, are *strictoml.FileError.
func Load(path string) (*Workshop, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, readError(path, err)
	}
	if len(data) > maxFileSize {
		return nil, &strictoml.FileError{File: path, Msg: fmt.Sprintf("the file is larger than %d KiB; a workshop definition should be far smaller, is this the right file?", maxFileSize>>10)}
	}
	return Parse(path, data)
}

// readError words an error from opening or reading a config file.
func readError(path string, err error) *strictoml.FileError {
	var msg string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = "no such file; check the path given to --config"
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied; Pit Stop cannot read this file"
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the message
		}
		msg = "cannot read the file: " + err.Error()
	}
	return &strictoml.FileError{File: path, Msg: msg}
}

// Resolve picks the workshop to run: explicitPath (from --config) when it is
// not empty; otherwise $XDG_CONFIG_HOME/pitstop/config.toml if that file
// exists; otherwise the embedded default, parsed from embedded.
//
// A config file that exists but is broken is an error, not a reason to fall
// back silently: the facilitator meant to use it.
func Resolve(explicitPath string, embedded []byte) (*Workshop, error) {
	if explicitPath != "" {
		return Load(explicitPath)
	}
	// xdg reads the environment once at init; reload so that a changed
	// XDG_CONFIG_HOME (tests, or a long-running process) is honoured.
	xdg.Reload()
	if xdg.ConfigHome != "" {
		path := filepath.Join(xdg.ConfigHome, "pitstop", "config.toml")
		_, err := os.Stat(path)
		switch {
		case err == nil:
			w, err := Load(path)
			if err != nil {
				var fe *strictoml.FileError
				if errors.As(err, &fe) {
					fe.Msg += " (Pit Stop reads this file because it exists; fix it, or move it away to use the built-in workshop)"
				}
				return nil, err
			}
			return w, nil
		case !errors.Is(err, fs.ErrNotExist):
			return nil, readError(path, err)
		}
	}
	return Parse(EmbeddedSource, embedded)
}

// checkSchema refuses a file without a usable schema number. probe holds
// the file's top-level values (only "schema" and tables are looked at).
func checkSchema(ix *strictoml.Index, probe map[string]any) error {
	raw, ok := probe["schema"]
	if !ok {
		if err := misplacedSchema(ix, probe); err != nil {
			return err
		}
		return ix.Errorf("schema", "schema is missing; add schema = %d at the top of the file", SchemaVersion)
	}
	n, ok := raw.(int64)
	switch {
	case !ok:
		return ix.Errorf("schema", "schema should be a whole number, like schema = %d", SchemaVersion)
	case n > SchemaVersion:
		return ix.Errorf("schema", "this file uses schema %d, but this Pit Stop understands schema %d at most; install a newer Pit Stop, or use a file written for this one", n, SchemaVersion)
	case n < 1:
		return ix.Errorf("schema", "schema %d does not exist; use schema = %d", n, SchemaVersion)
	}
	return nil
}

// misplacedSchema catches a common slip: schema written below a [table]
// header belongs to that table, not to the file.
func misplacedSchema(ix *strictoml.Index, probe map[string]any) error {
	if _, ok := probe["schema"]; ok {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(probe)) {
		if t, isTable := probe[k].(map[string]any); isTable {
			if _, there := t["schema"]; there {
				return ix.Errorf(strictoml.JoinKey(k, "schema"), "schema is inside [%s] here; move schema = %d above the first [table] header", k, SchemaVersion)
			}
		}
	}
	return nil
}

// validator collects every problem with the decoded file; first reports the
// one nearest the top, so fixing a file goes from top to bottom.
type validator struct {
	ix       *strictoml.Index
	problems []*strictoml.FileError
}

func (v *validator) errorf(path, format string, args ...any) {
	v.problems = append(v.problems, v.ix.Errorf(path, format, args...))
}

func (v *validator) first() error {
	if len(v.problems) == 0 {
		return nil
	}
	slices.SortStableFunc(v.problems, func(a, b *strictoml.FileError) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return v.problems[0]
}

func (v *validator) workshop(f *fileConfig) *Workshop {
	w := &Workshop{
		Title: v.text("workshop.title", f.Workshop.Title, maxTitleLen, false),
		Serve: Serve{FacilitatorKeys: f.Serve.FacilitatorKeys, NotesKeys: f.Serve.NotesKeys, ViewKeys: f.Serve.ViewKeys, Web: strings.TrimSpace(f.Serve.Web)},
	}
	if n := f.Serve.MinAnswers; n != nil {
		if *n < 1 || *n > maxMinAnswers {
			v.errorf("serve.min_answers", "serve.min_answers = %d: it is the fewest answers from the room whose spread is shown, from 1 to %d (the default, %d, keeps one person's score from being picked out)", *n, maxMinAnswers, model.DefaultMinAnswers)
		} else {
			w.Serve.MinAnswers = *n
		}
	}

	switch {
	case len(f.Stops) == 0:
		v.errorf("stop", "no pit stops are defined; add at least one [[stop]] with a key, a name and a planned time")
	case len(f.Stops) > maxStops:
		v.errorf(fmt.Sprintf("stop[%d]", maxStops), "too many pit stops (%d); at most %d are supported", len(f.Stops), maxStops)
	}
	seen := map[string]int{} // stop key -> index of the first stop using it
	for i, st := range f.Stops {
		if i == maxStops {
			break
		}
		w.Stops = append(w.Stops, v.stop(i, st, seen))
	}

	if len(f.Outcomes) > maxOutcomes {
		v.errorf(fmt.Sprintf("outcome[%d]", maxOutcomes), "too many outcomes (%d); at most %d are supported", len(f.Outcomes), maxOutcomes)
	}
	seenOutcome := map[string]int{}
	for i, fo := range f.Outcomes {
		if i == maxOutcomes {
			break
		}
		w.Outcomes = append(w.Outcomes, v.outcome(i, fo, seenOutcome))
	}

	w.Team = v.team(f, w.Stops)
	w.Theme = v.theme(f.Theme)
	w.Display = v.display(f.Display)
	return w
}

func (v *validator) stop(i int, st fileStop, seen map[string]int) Stop {
	at := func(field string) string { return fmt.Sprintf("stop[%d].%s", i, field) }
	s := Stop{
		Key:         v.key(at("key"), st.Key, fmt.Sprintf("[[stop]] number %d", i+1), `key = "belonging"`), // named by number: it may have no name
		Name:        v.text(at("name"), st.Name, maxNameLen, false),
		Description: v.text(at("description"), st.Description, maxLongTextLen, true),
		Hint:        v.text(at("hint"), st.Hint, maxLongTextLen, true),
		AutoAdvance: st.AutoAdvance,
		Check:       st.Check,
	}
	// Name the stop in messages the way the facilitator knows it.
	what := fmt.Sprintf("[[stop]] number %d", i+1)
	if s.Name != "" {
		what = fmt.Sprintf("stop %q", s.Name)
	}

	v.unique(seen, "stop", i, s.Key, "each stop needs its own key")
	if s.Name == "" && st.Name == "" {
		v.errorf(at("name"), "%s has no name; add a line like name = \"Belonging\"", what)
	} else if s.Name == "" {
		v.errorf(at("name"), "%s has an empty name; write the name the room should see", what)
	}

	s.Planned = v.planned(at("planned"), st.Planned, what)

	if len(st.Prompts) > maxPrompts {
		v.errorf(fmt.Sprintf("stop[%d].prompts[%d]", i, maxPrompts), "%s has %d prompts; at most %d fit on the screen", what, len(st.Prompts), maxPrompts)
	}
	for j, p := range st.Prompts {
		path := fmt.Sprintf("stop[%d].prompts[%d]", i, j)
		p = v.text(path, p, maxPromptLen, false)
		if p == "" {
			v.errorf(path, "prompt %d of %s is empty; remove it or write the question", j+1, what)
			continue
		}
		s.Prompts = append(s.Prompts, p)
	}
	return s
}

// planned parses a stop's planned time.
func (v *validator) planned(path string, value any, what string) time.Duration {
	const forms = `forms like "15m", "1h30m" or "90s" work`
	if value == nil {
		v.errorf(path, "%s has no planned time; add a line like planned = \"15m\" (%s)", what, forms)
		return 0
	}
	raw, ok := value.(string)
	if !ok {
		if n, isInt := value.(int64); isInt {
			v.errorf(path, "planned = %d needs a unit and quotes, like planned = \"%dm\"", n, n)
		} else {
			v.errorf(path, "planned should be a duration in quotes; %s", forms)
		}
		return 0
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		v.errorf(path, "%s has no planned time; add a line like planned = \"15m\" (%s)", what, forms)
		return 0
	}
	d, err := time.ParseDuration(raw)
	switch {
	case err != nil:
		v.errorf(path, "planned = %q is not a duration; %s", raw, forms)
	case d <= 0:
		v.errorf(path, "planned = %q: the planned time of %s must be more than zero; %s", raw, what, forms)
	case d < minPlanned:
		v.errorf(path, "planned = %q is less than a minute; pit stops are planned in minutes, like \"5m\"", raw)
	case d > maxPlanned:
		v.errorf(path, "planned = %q is longer than %s; a pit stop should fit in a day (%s)", raw, "8 hours", forms)
	}
	return d
}

// unique reports a key of table (stop, outcome) number i that an earlier
// one already has, naming where; why says what the key is for.
func (v *validator) unique(seen map[string]int, table string, i int, key, why string) {
	if key == "" {
		return
	}
	j, dup := seen[key]
	if !dup {
		seen[key] = i
		return
	}
	line, _, _ := v.ix.Pos(fmt.Sprintf("%s[%d].key", table, j))
	v.errorf(fmt.Sprintf("%s[%d].key", table, i), "%s key %q is already used by [[%s]] number %d (line %d); %s", table, key, table, j+1, line, why)
}

func (v *validator) outcome(i int, fo fileOutcome, seen map[string]int) Outcome {
	at := func(field string) string { return fmt.Sprintf("outcome[%d].%s", i, field) }
	o := Outcome{
		Key:     v.key(at("key"), fo.Key, fmt.Sprintf("[[outcome]] number %d", i+1), `key = "power-with"`),
		Label:   v.text(at("label"), fo.Label, maxLabelLen, false),
		Explain: v.text(at("explain"), fo.Explain, maxExplainLen, false),
	}
	v.unique(seen, "outcome", i, o.Key, "each outcome needs its own key, since saved ratings refer to it")
	if o.Label == "" {
		v.errorf(at("label"), "[[outcome]] number %d has no label; add a line like label = \"Power with, not power over\"", i+1)
	} else if len(o.Label) > model.MaxLabelBytes {
		// Saved with every rating, where a session holds labels of at most
		// this many bytes: wide characters reach it before maxLabelLen.
		v.errorf(at("label"), "the label of [[outcome]] number %d is too long for a session file (%d bytes; at most %d)", i+1, len(o.Label), model.MaxLabelBytes)
	}
	return o
}

var colourRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

func (v *validator) theme(ft fileTheme) Theme {
	t := Theme{Name: ThemeAuto}
	if name := v.text("theme.name", ft.Name, maxNameLen, false); name != "" {
		known, err := CheckThemeName(name)
		if err != nil {
			v.errorf("theme.name", "theme name: %v", err)
		}
		t.Name = known
	}
	raw := Colours{Accent: ft.Accent, Text: ft.Text, Muted: ft.Muted, Warn: ft.Warn, Danger: ft.Danger, OK: ft.OK}
	example := Palettes[0].Colours.each()
	out := t.Overrides.each()
	for i, c := range raw.each() {
		if *c.dst == "" {
			continue
		}
		if !colourRE.MatchString(*c.dst) {
			v.errorf("theme."+c.key, "theme %s = %q is not a colour; write it as #rrggbb, for example %q", c.key, *c.dst, *example[i].dst)
			continue
		}
		*out[i].dst = strings.ToLower(*c.dst)
	}
	return t
}

// team reads [team] and [goaround]. Stops named there must be stops of
// the workshop; the defaults name the seven stops' keys, and keep those of
// them a workshop has.
func (v *validator) team(f *fileConfig, stops []Stop) Team {
	has := func(key string) bool { return slices.ContainsFunc(stops, func(s Stop) bool { return s.Key == key }) }
	t := Team{SpeakingTime: f.GoAround.SpeakingTime}
	if f.Team.NormStops == nil {
		for _, k := range defaultNormStops {
			if has(k) {
				t.NormStops = append(t.NormStops, k)
			}
		}
	} else {
		for _, k := range *f.Team.NormStops {
			if !has(k) {
				v.errorf("team.norm_stops", "team.norm_stops names %q, which is not a stop of this workshop; use the keys of its [[stop]] tables", k)
				continue
			}
			t.NormStops = append(t.NormStops, k)
		}
	}
	switch {
	case f.Team.DefinitionStop == nil && has(defaultDefinitionStop):
		t.DefinitionStop = defaultDefinitionStop
	case f.Team.DefinitionStop != nil && *f.Team.DefinitionStop != "" && !has(*f.Team.DefinitionStop):
		v.errorf("team.definition_stop", "team.definition_stop = %q is not a stop of this workshop; use the key of one of its [[stop]] tables, or \"\" for none", *f.Team.DefinitionStop)
	case f.Team.DefinitionStop != nil:
		t.DefinitionStop = *f.Team.DefinitionStop
	}
	concepts := defaultConcepts
	if f.Team.Concepts != nil {
		concepts = *f.Team.Concepts
	}
	if len(concepts) > maxConcepts {
		v.errorf("team.concepts", "team.concepts lists %d concepts; at most %d", len(concepts), maxConcepts)
		concepts = concepts[:maxConcepts]
	}
	for _, c := range concepts {
		c = v.text("team.concepts", c, maxNameLen, false)
		if c != "" && !slices.ContainsFunc(t.Concepts, func(o string) bool { return strings.EqualFold(o, c) }) {
			t.Concepts = append(t.Concepts, c)
		}
	}
	return t
}

func (v *validator) display(fd fileDisplay) Display {
	d := Display{Bell: true, Hint: true}
	if fd.Bell != nil {
		d.Bell = *fd.Bell
	}
	if fd.Hint != nil {
		d.Hint = *fd.Hint
	}
	return d
}

// keyRE is what a stop or outcome key may look like. Keys are saved in
// session files and compared across months, so they are kept simple.
var keyRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// key checks a stop or outcome key; it returns "" when there is none (the
// problem is recorded).
func (v *validator) key(path, raw, what, example string) string {
	switch {
	case raw == "":
		v.errorf(path, "%s has no key; add a short lowercase id, like %s", what, example)
		return ""
	case len(raw) > maxKeyLen || !keyRE.MatchString(raw):
		v.errorf(path, "key %q is not valid: use lowercase letters, digits, '-' and '_', starting with a letter or digit, at most %d characters", raw, maxKeyLen)
		return ""
	}
	return raw
}

// text checks a text field and returns it trimmed. Control characters are
// refused: they would reach the projector and every attached terminal as
// escape sequences. Newlines are allowed only where multiline is set.
func (v *validator) text(path, raw string, maxLen int, multiline bool) string {
	s := strings.TrimSpace(raw)
	for _, r := range s {
		if r == '\n' && multiline {
			continue
		}
		if c := string(r); strictoml.Printable(c) != c {
			what := "a control character"
			if r == '\n' {
				what = "a line break"
			} else if r == '\t' {
				what = "a tab"
			}
			v.errorf(path, "%s contains %s (%s); remove it, plain text only", path, what, strictoml.Printable(c))
			return ""
		}
	}
	if n := utf8.RuneCountInString(s); n > maxLen {
		v.errorf(path, "%s is %d characters long; at most %d fit on the screen", path, n, maxLen)
	}
	return s
}
