package ui

import (
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
	"pitstop/sessions"
)

type browseMode int

const (
	browseList browseMode = iota
	browseSearch
	browseNewTitle
	browseNewTeam
	browseNewFacilitator
	browseFilter // typing a filter: every key types, until enter or esc
	browseTrend  // the selected session's team's partnership trend
	browseWords  // the selected session's team's norms and definitions, every wording
)

// Messages of the browser.
type (
	summariesLoadedMsg struct {
		list    []sessions.Summary
		pending int // files left for a full read, which follows
		err     error
	}
	teamHistoryMsg struct {
		team    string // as a history key: see teamKey
		listing int    // the listing it was worked out for
		history teamHistory
		words   teamWords
	}
	searchDoneMsg struct {
		query string
		hits  []sessions.Hit
		err   error
	}
	// openSessionMsg asks the root to open a session (or to create one).
	openSessionMsg struct {
		path                     string // of the session file to open
		how                      openHow
		id                       string
		focus                    string // a note or board item to show once open: a search's match
		title, team, facilitator string // set when a new session is wanted
	}
)

// browser lists the saved sessions: newest first, filtered as you type,
// searchable across all their text, with a team's history beside them.
type browser struct {
	*common
	keys    browserKeyMap // its own, not a session's (common.keys)
	store   *sessions.Store
	list    []sessions.Summary
	shown   []int // positions in list that match the filter
	sel     int
	filter  string
	loading bool
	filling int // files still being read in full after the quick list
	broken  int // files in the list that cannot be read
	flash   string
	busy    string // what is under way, such as a session opening
	// Each team's follow-through, worked out from its sessions in full in
	// the background; cleared when the list is read again.
	history map[string]teamHistory
	listing int // counts listings, so a history worked out for an older one is dropped
	// Each team's norms and definitions, read with its history; by
	// teamKey, absent until read.
	words map[string]teamWords

	mode   browseMode
	prompt *browserPrompt // a question about the session being opened
	input  textinput.Model
	hits   []sessions.Hit
	hitSel int
	query  string
	title  string // of the session being started
	team   string // of the session being started
	teams  []string

	trends    map[string]partnership.Trend // each team's partnership trend, by teamKey, for this listing
	trendTeam string                       // the team whose trend is in front
	trendTop  int                          // the first outcome shown, when the trend does not fit

	wordsTeam string // the team whose norms and definitions are in front
	wordsTop  int    // the first of their lines shown, when they do not fit
}

// teamWords is what a team keeps from session to session, as its latest
// session holds it (the one its next session starts from): its norms and
// shared definitions. from holds only those and what names the session.
type teamWords struct {
	from *model.Session // nil when the team has no session to read them from
	err  error
}

// kept reports whether the team keeps any norm or definition.
func (k teamWords) kept() bool {
	return k.from != nil && (len(k.from.Norms) > 0 || len(k.from.Definitions) > 0)
}

// teamWordsOf reads a team's norms and definitions from its latest
// session, as CreateWithCarry would carry them: IO, for a command.
func teamWordsOf(st *sessions.Store, team string) teamWords {
	s, err := st.LatestForTeam(team, "")
	if err != nil || s == nil {
		return teamWords{err: err}
	}
	return teamWords{from: &model.Session{ID: s.ID, Title: s.Title, Created: s.Created, Norms: s.Norms, Definitions: s.Definitions}}
}

// teamCmd works out the selected session's team history (see
// historyCmd) and reads the team's norms and definitions with it, in the
// background, once per listing.
func (b browser) teamCmd() tea.Cmd {
	history := b.historyCmd()
	if history == nil {
		return nil
	}
	s, _ := b.selected()
	st, team := b.store, s.Team
	return func() tea.Msg {
		msg, ok := history().(teamHistoryMsg)
		if !ok {
			return nil
		}
		msg.words = teamWordsOf(st, team)
		return msg
	}
}

func newBrowser(c *common, st *sessions.Store) browser {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.PromptStyle, ti.TextStyle, ti.PlaceholderStyle, ti.CompletionStyle = c.styles.FieldPrompt, c.styles.FieldText, c.styles.FieldPlaceholder, c.styles.FieldPlaceholder
	ti.Cursor.Style, ti.Cursor.TextStyle = c.styles.Cursor, c.styles.CursorText
	return browser{common: c, keys: newBrowserKeyMap(), store: st, loading: true, input: ti, history: map[string]teamHistory{}, words: map[string]teamWords{}}
}

// loadCmd lists the sessions in the background: first what can be known
// without reading whole files, so the browser shows at once however many
// there are, then, if any file needs it, the full listing fills in.
func (b browser) loadCmd() tea.Cmd {
	st := b.store
	return func() tea.Msg {
		list, pending, err := st.ListQuick()
		return summariesLoadedMsg{list: list, pending: pending, err: err}
	}
}

func (b browser) fullLoadCmd() tea.Cmd {
	st := b.store
	return func() tea.Msg {
		list, err := st.List()
		return summariesLoadedMsg{list: list, err: err}
	}
}

// maxHits is how many matches a search lists; more would not be read.
const maxHits = 500

func (b browser) searchCmd(query string) tea.Cmd {
	st := b.store
	return func() tea.Msg {
		hits, err := st.Search(query, maxHits)
		return searchDoneMsg{query, hits, err}
	}
}

func (b *browser) applyFilter() {
	f := strings.ToLower(strings.TrimSpace(b.filter))
	b.shown = b.shown[:0:0]
	for i, s := range b.list {
		if f == "" || strings.Contains(strings.ToLower(s.Title+" "+s.Team+" "+s.ID), f) {
			b.shown = append(b.shown, i)
		}
	}
	b.sel = max(0, min(b.sel, len(b.shown)-1))
}

func (b browser) selected() (sessions.Summary, bool) {
	if len(b.shown) == 0 {
		return sessions.Summary{}, false
	}
	return b.list[b.shown[b.sel]], true
}

func (b browser) update(msg tea.Msg) (browser, tea.Cmd) {
	switch msg := msg.(type) {
	case summariesLoadedMsg:
		b.loading, b.filling = false, msg.pending
		if msg.err != nil {
			b.flash = errText(msg.err)
		}
		// The same session stays selected as the list fills in.
		was, had := b.selected()
		b.list, b.broken = msg.list, 0
		for _, s := range msg.list {
			if s.Broken() {
				b.broken++
			}
		}
		b.teams = sessions.Teams(msg.list)
		b.applyFilter()
		if had {
			for i, at := range b.shown {
				if b.list[at].ID == was.ID && was.ID != "" {
					b.sel = i
				}
			}
		}
		b.history, b.words, b.listing = map[string]teamHistory{}, map[string]teamWords{}, b.listing+1
		// Each team's trend, worked out once per listing from the
		// summaries (no file is read), not on every frame.
		b.trends = map[string]partnership.Trend{}
		for _, team := range b.teams {
			b.trends[teamKey(team)] = partnership.BuildTrend(b.workshop.Outcomes, partnership.TeamSessions(b.list, team, nil))
		}
		if msg.pending > 0 {
			return b, tea.Batch(b.fullLoadCmd(), b.teamCmd())
		}
		return b, b.teamCmd()
	case teamHistoryMsg:
		if msg.listing != b.listing {
			return b, nil // worked out from a list that has since been read again
		}
		b.history[msg.team], b.words[msg.team] = msg.history, msg.words
		return b, b.teamCmd()
	case searchDoneMsg:
		if msg.err != nil {
			b.flash = errText(msg.err)
		}
		b.query, b.hits, b.hitSel = msg.query, msg.hits, 0
		return b, nil
	case tea.KeyMsg:
		b.flash = ""
		if b.prompt != nil {
			return b.promptKey(msg)
		}
		switch b.mode {
		case browseFilter:
			b, cmd := b.filterKey(msg)
			return b, tea.Batch(cmd, b.teamCmd())
		case browseSearch:
			return b.searchKey(msg)
		case browseNewTitle, browseNewTeam, browseNewFacilitator:
			return b.newKey(msg)
		case browseTrend:
			switch k := b.keys; {
			case key.Matches(msg, k.TrendBack):
				b.mode = browseList
			case key.Matches(msg, k.TrendScroll) && (msg.String() == "up" || msg.String() == "k"):
				b.trendTop = max(0, b.trendTop-1)
			case key.Matches(msg, k.TrendScroll):
				// As far as the last outcome fits: the screen less the
				// browser's heading, status and help lines, and the
				// trend's title, heading, column names, average and key.
				b.trendTop = min(b.trendTop+1, max(0, len(b.teamTrend(b.trendTeam).Series)-(b.height-4-5)))
			}
			return b, nil
		case browseWords:
			switch k := b.keys; {
			case key.Matches(msg, k.WordsBack):
				b.mode = browseList
			case key.Matches(msg, k.WordsScroll) && (msg.String() == "up" || msg.String() == "k"):
				b.wordsTop = max(0, b.wordsTop-1)
			case key.Matches(msg, k.WordsScroll):
				// As far as the last line shows: the screen less the
				// browser's heading, status and help lines, and the
				// page's title.
				b.wordsTop = min(b.wordsTop+1, max(0, len(b.wordsLines(b.width-2))-(b.height-4-1)))
			}
			return b, nil
		}
		b, cmd := b.listKey(msg)
		return b, tea.Batch(cmd, b.teamCmd())
	}
	return b, nil
}

func (b browser) listKey(msg tea.KeyMsg) (browser, tea.Cmd) {
	k := b.keys
	switch {
	case key.Matches(msg, k.Up):
		b.sel = max(0, b.sel-1)
	case key.Matches(msg, k.Down):
		b.sel = max(0, min(len(b.shown)-1, b.sel+1))
	case key.Matches(msg, k.PageUp):
		b.sel = max(0, b.sel-10)
	case key.Matches(msg, k.PageDown):
		b.sel = max(0, min(len(b.shown)-1, b.sel+10))
	case key.Matches(msg, k.Open):
		s, ok := b.selected()
		switch {
		case !ok:
		case s.Broken():
			b.flash = "This file cannot be opened: " + strings.ReplaceAll(s.Problem, "\n", " ") + " Fix it in an editor or move it away; Pit Stop never overwrites it."
		default:
			return b, func() tea.Msg { return openSessionMsg{path: s.Path, id: s.ID} }
		}
	case key.Matches(msg, k.ClearFilter):
		b.filter = ""
		b.applyFilter()
	// One rule: letters are commands here; / starts a filter, and then
	// every key types into it until enter or esc.
	case key.Matches(msg, k.Quit):
		return b, tea.Quit
	case key.Matches(msg, k.New):
		b.mode, b.title = browseNewTitle, ""
		b.input.SetValue("")
		b.input.Placeholder = "Title, for example: Partnership kickoff"
		return b, b.input.Focus()
	case key.Matches(msg, k.Filter):
		b.mode = browseFilter
	case key.Matches(msg, k.Trend):
		if s, ok := b.selected(); ok && !s.Broken() && strings.TrimSpace(s.Team) != "" {
			b.mode, b.trendTeam, b.trendTop = browseTrend, s.Team, 0
		} else {
			b.flash = "The partnership trend is a team's: pick a session that has a team."
		}
	case key.Matches(msg, k.Words):
		if s, ok := b.selected(); ok && !s.Broken() && strings.TrimSpace(s.Team) != "" {
			b.mode, b.wordsTeam, b.wordsTop = browseWords, s.Team, 0
		} else {
			b.flash = "Norms and definitions are a team's: pick a session that has a team."
		}
	case key.Matches(msg, k.Search):
		b.mode = browseSearch
		b.input.SetValue(b.query)
		b.input.Placeholder = "Words to find in notes and board items of every session"
		return b, b.input.Focus()
	}
	return b, nil
}

// filterKey types into the filter: every letter filters, q and n included;
// enter keeps the filter and goes back to the list's keys, esc clears it.
func (b browser) filterKey(msg tea.KeyMsg) (browser, tea.Cmd) {
	k := b.keys
	switch {
	case key.Matches(msg, k.KeepFilter):
		b.mode = browseList
	case key.Matches(msg, k.ClearFilter):
		b.mode, b.filter = browseList, ""
		b.applyFilter()
	case key.Matches(msg, k.Backspace):
		if r := []rune(b.filter); len(r) > 0 {
			b.filter = string(r[:len(r)-1])
			b.applyFilter()
		}
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		return b.listKey(msg)
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		b.filter += string(msg.Runes)
		b.applyFilter()
	}
	return b, nil
}

func (b browser) searchKey(msg tea.KeyMsg) (browser, tea.Cmd) {
	k := b.keys
	switch {
	case key.Matches(msg, k.Back):
		b.mode, b.hits, b.query = browseList, nil, ""
		b.input.Blur()
		return b, nil
	case key.Matches(msg, k.Up):
		b.hitSel = max(0, b.hitSel-1)
		return b, nil
	case key.Matches(msg, k.Down):
		b.hitSel = max(0, min(len(b.hits)-1, b.hitSel+1))
		return b, nil
	case key.Matches(msg, k.SearchOpen):
		q := strings.TrimSpace(b.input.Value())
		if q != b.query || b.hits == nil {
			return b, b.searchCmd(q)
		}
		if len(b.hits) > 0 {
			hit := b.hits[b.hitSel]
			return b, func() tea.Msg { return openSessionMsg{path: hit.Path, id: hit.SessionID, focus: hit.ID} }
		}
		return b, nil
	}
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(msg)
	return b, cmd
}

func (b browser) newKey(msg tea.KeyMsg) (browser, tea.Cmd) {
	k := b.keys
	switch {
	case key.Matches(msg, k.FormCancel):
		if b.typedInForm() {
			return b.askToDrop(), nil
		}
		return b.leaveForm(), nil
	case key.Matches(msg, k.Suggest):
		if b.mode == browseNewTeam {
			if t := b.teamSuggestion(); t != "" {
				b.input.SetValue(t)
				b.input.CursorEnd()
			}
		}
		return b, nil
	case key.Matches(msg, k.FormNext):
		v := strings.TrimSpace(b.input.Value())
		if b.mode == browseNewTitle {
			if v == "" {
				b.flash = "A session needs a title."
				return b, nil
			}
			b.title, b.mode = v, browseNewTeam
			b.input.SetValue("")
			b.input.Placeholder = "Team (tab takes the suggestion); enter to go on"
			return b, nil
		}
		if b.mode == browseNewTeam {
			b.team, b.mode = v, browseNewFacilitator
			b.input.SetValue("")
			b.input.Placeholder = "Who facilitates (may stay empty); enter to start"
			return b, nil
		}
		title, team, facilitator := b.title, b.team, v
		b.mode = browseList
		b.input.Blur()
		return b, func() tea.Msg { return openSessionMsg{title: title, team: team, facilitator: facilitator} }
	}
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(msg)
	return b, cmd
}

// teamSuggestion is the first known team that starts with what was typed.
func (b browser) teamSuggestion() string {
	typed := strings.ToLower(strings.TrimSpace(b.input.Value()))
	for _, t := range b.teams {
		if strings.HasPrefix(strings.ToLower(t), typed) {
			return t
		}
	}
	return ""
}

func (b browser) view(w, h int, helpLine func([]key.Binding) string) string {
	st := b.styles
	head := []string{st.StopName.Render("PIT STOP · SESSIONS"), ""}
	var body []string
	keys := b.keys.listHelp()
	if b.mode == browseFilter {
		keys = b.keys.filterHelp()
	}
	switch {
	case b.mode == browseSearch:
		keys = b.keys.searchHelp()
		body = b.searchView(w, h-4)
	case b.mode == browseNewTitle || b.mode == browseNewTeam || b.mode == browseNewFacilitator:
		keys = b.keys.formHelp()
		body = b.newView(w)
	case b.mode == browseTrend:
		keys = b.keys.trendHelp()
		body = b.trendView(w, h-4)
	case b.mode == browseWords:
		keys = b.keys.wordsHelp()
		body = b.wordsView(w, h-4)
	case b.loading:
		body = []string{st.Muted.Render("Loading sessions…")}
	case len(b.list) == 0 && b.filling > 0:
		body = []string{st.Muted.Render("Reading " + present.Plural(b.filling, "session file") + "…")}
	case len(b.list) == 0:
		body = b.welcome(w)
	default:
		body = b.listView(w, h-4)
	}
	lines := append(head, body...)
	room := h - 2
	var dialog []string
	if b.prompt != nil {
		dialog = strings.Split(fit(b.promptView(w), w, room), "\n")
		room -= len(dialog)
		keys = []key.Binding{b.keys.PromptBack}
	}
	out := fit(strings.Join(lines, "\n"), w, max(0, room))
	if n := lipgloss.Height(out); n < room {
		out += strings.Repeat("\n", room-n)
	}
	if len(dialog) > 0 {
		if room <= 0 {
			out = strings.Join(dialog, "\n")
		} else {
			out += "\n" + strings.Join(dialog, "\n")
		}
	}
	count := " · " + b.countText()
	status := st.StatusBar.Render(padRight(fit(" "+pathTail(b.store.Dir(), w-1-cellWidth(count))+count, w, 1), w))
	if b.busy != "" {
		status = st.StatusBar.Render(padRight(fit(" "+b.busy, w, 1), w))
	}
	if b.flash != "" {
		status = st.StatusError.Render(fit(" ⚠ "+b.flash, w, 1))
	}
	return indent(out) + "\n" + status + "\n" + fit(helpLine(keys), w, 1)
}

// pathTail is path in at most w columns: whole if it fits, else its last
// folders after "…/", so that what follows it on the line (how many
// sessions there are) still shows.
func pathTail(path string, w int) string {
	if cellWidth(path) <= w {
		return path
	}
	parts := strings.Split(path, string(filepath.Separator))
	short := ""
	for i := len(parts) - 1; i > 0; i-- {
		next := string(filepath.Separator) + parts[i] + short
		if cellWidth("…"+next) > w {
			break
		}
		short = next
	}
	if short == "" {
		return fit(path, max(1, w), 1)
	}
	return "…" + short
}

func (b browser) welcome(w int) []string {
	text := []string{
		"Welcome. Pit Stop walks a group through the seven pit stops toward",
		"belonging — Belonging, Reflection & Accountability, Intentionality,",
		"Vulnerability, Mindset, Healing, Trust — one after another, each with a",
		"timer. It keeps the room's notes and a board of agreements, tensions and",
		"commitments, and saves everything as you go in plain files you can reopen.",
		"",
		"There are no sessions here yet.",
		"",
		b.styles.Accent.Render("Press n to start your first session.") + "  q quits.",
	}
	for i, l := range text {
		text[i] = fit(l, w, 1)
	}
	return text
}

// listView is the list of sessions with, on a wide screen, the selected
// session and its team's history beside it.
func (b browser) listView(w, h int) []string {
	st := b.styles
	var out []string
	filter := "Letters are commands here; / filters the list by title or team."
	switch {
	case b.mode == browseFilter:
		filter = "Filter: " + b.filter + "▏  (" + strconv.Itoa(len(b.shown)) + " of " + strconv.Itoa(len(b.list)) + "; every key types, enter keeps it, esc clears)"
	case b.filter != "":
		filter = "Filter: " + b.filter + "  (" + strconv.Itoa(len(b.shown)) + " of " + strconv.Itoa(len(b.list)) + "; / changes it, esc clears)"
	}
	out = append(out, st.Muted.Render(fit(filter, w, 1)), "")
	// The selected session and its team's history go beside the list on a
	// wide screen, below it on a tall one.
	side, below := w >= 160, w < 160 && h >= 16
	listW, rows := w, max(1, h-2)
	if side {
		listW = w - 52
	}
	var detail []string
	if below {
		// The team's norms and definitions take what is left once the
		// list keeps a few rows.
		detail = b.detail(w, h-2-1-minListRows)
		rows = max(3, h-2-len(detail)-1)
	}
	top := max(0, min(b.sel-rows/2, len(b.shown)-rows))
	var list []string
	for r := top; r < len(b.shown) && r < top+rows; r++ {
		line := b.row(b.list[b.shown[r]], listW-2)
		if r == b.sel {
			list = append(list, st.Selected.Render(fit("› "+line, listW, 1)))
		} else {
			list = append(list, fit("  "+line, listW, 1))
		}
	}
	if len(b.shown) == 0 {
		list = append(list, st.Muted.Render("No session matches."))
	}
	switch {
	case side:
		left := st.Text.Width(listW).Render(strings.Join(list, "\n"))
		right := strings.Join(b.detail(w-listW-3, h-2), "\n")
		return append(out, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, left, "   ", right), "\n")...)
	case below:
		for len(list) < rows {
			list = append(list, "")
		}
		out = append(out, list...)
		out = append(out, st.Muted.Render(strings.Repeat("─", w)))
		return append(out, detail...)
	}
	return append(out, list...)
}

func (b browser) row(s sessions.Summary, w int) string {
	if s.Broken() {
		// The directory is in the status bar; the row names the file.
		problem := strings.ReplaceAll(strings.ReplaceAll(s.Problem, b.store.Dir()+string(filepath.Separator), ""), "\n", " ")
		return b.styles.Error.Render(fit("⚠ cannot be read: "+problem, w, 1))
	}
	state := strconv.Itoa(s.StopsReached) + "/" + strconv.Itoa(s.StopCount) + " stops"
	if s.Status == model.StatusClosed {
		state = strconv.Itoa(s.StopsReached) + "/" + strconv.Itoa(s.StopCount) + " closed"
	}
	if s.Rehearsal {
		state = strconv.Itoa(s.StopsReached) + "/" + strconv.Itoa(s.StopCount) + " rehearsal"
	}
	team := s.Team
	if team == "" {
		team = "—"
	}
	counts := countsText(s)
	if w < 110 { // the counts are in the detail pane; keep what tells sessions apart
		counts = ""
	}
	// Title and team tell sessions apart: on a narrow screen both are
	// shortened, half and half, rather than the team cut off.
	titleW, teamW := 24, 18
	if rest := w - len("2026-11-22  ") - 2; rest < titleW+teamW {
		teamW = max(5, rest/2)
		titleW = max(1, rest-teamW)
	}
	line := s.Created.Format("2006-01-02") + "  " + padRight(fit(s.Title, titleW, 1), titleW) + "  " + padRight(fit(team, teamW, 1), teamW)
	if cellWidth(line)+2+len("3/7 stops") > w {
		return fit(line, w, 1) // no room for how far it got: the detail says it
	}
	return fit(line+"  "+padRight(state, 10)+"  "+counts, w, 1)
}

func countsText(s sessions.Summary) string {
	return present.Plural(s.Notes, "note") + " · " + strconv.Itoa(s.Agreements) + " agreed · " +
		present.Plural(s.OpenTensions, "open tension") + " · " + strconv.Itoa(s.OpenCommitments) + " to do"
}

// minListRows is how many sessions the list keeps showing when the
// detail below it has more to say.
const minListRows = 5

// detail describes the selected session, its team's follow-through and
// what the team keeps, in w columns. The team's norms and definitions
// take what is left of room lines, and say so when more are kept than
// fit (t shows them all).
func (b browser) detail(w, room int) []string {
	out := b.followDetail(w)
	if s, ok := b.selected(); ok && !s.Broken() && s.Team != "" && w >= 20 {
		out = append(out, b.wordsDetail(s.Team, w, room-len(out))...)
	}
	return out
}

// followDetail describes the selected session and its team's
// follow-through.
func (b browser) followDetail(w int) []string {
	s, ok := b.selected()
	if !ok || s.Broken() || w < 20 {
		return nil
	}
	st := b.styles
	out := []string{
		st.Title.Render(fit(s.Title+" · "+s.Team+" · "+s.Created.Format("Mon 2 Jan 2006"), w, 1)),
		fit("Reached "+s.CurrentStop+" ("+strconv.Itoa(s.StopsReached)+" of "+strconv.Itoa(s.StopCount)+") · "+string(s.Status)+" · "+countsText(s), w, 1),
	}
	if s.Rehearsal {
		out = append(out, st.Accent.Render(fit("A rehearsal: its times may have run fast. The team's history, the trend and carry-forward leave it out.", w, 1)))
	}
	if s.Team == "" {
		return out
	}
	out = append(out, st.Title.Render(fit("Team history: "+s.Team, w, 1)))
	h, ok := b.history[teamKey(s.Team)]
	switch {
	case !ok || h.loading:
		return append(out, st.Muted.Render(fit("Working out the team's follow-through…", w, 1)))
	case h.err != nil:
		return append(out, st.Muted.Render(fit("Follow-through unknown: "+errText(h.err), w, 1)))
	}
	for i, sess := range h.sessions {
		if i == 4 { // the latest few; the totals count them all
			break
		}
		f := h.per[sess.ID]
		label := sess.Created.Format("2006-01-02") + " "
		barW := max(4, min(40, w-len(label)-6))
		out = append(out, fit(label+followBar(f, barW)+" "+strconv.Itoa(f.Total()), w, 1))
	}
	out = append(out, b.checkLine(s.Team, w))
	t := h.total
	if t.Total() == 0 {
		return append(out, st.Muted.Render("No commitments yet."))
	}
	// Wrapped rather than cut: the figures at the end matter as much.
	rate := wrap("Follow-through over "+present.Plural(len(h.sessions), "session")+": "+strconv.Itoa(t.OnTime)+" of "+strconv.Itoa(t.Total())+" done on time ("+present.Percent(t.OnTime, t.Total())+") · "+
		strconv.Itoa(t.Late)+" late · "+strconv.Itoa(t.Dropped)+" dropped · "+strconv.Itoa(t.Open)+" open", w)
	for _, line := range rate[:min(2, len(rate))] {
		out = append(out, fit(line, w, 1))
	}
	return append(out, st.Muted.Render(fit("█ on time  ▓ late  ░ dropped  · open · each counted once, in the session that made it", w, 1)))
}

// wordsDetail is what the team keeps, in at most room lines: a heading
// naming the session it is read from, then the standing norms and the
// definitions, one line each, dates before words so that cutting a long
// text keeps them. Nothing while it is read, nor for a team that keeps
// nothing yet.
func (b browser) wordsDetail(team string, w, room int) []string {
	k, ok := b.words[teamKey(team)]
	if !ok || room < 1 {
		return nil
	}
	st, today := b.styles, model.DateOf(b.now())
	if k.err != nil {
		return []string{st.Muted.Render(fit("Norms and definitions unknown: "+errText(k.err), w, 1))}
	}
	if !k.kept() {
		return nil
	}
	var items []string
	for _, n := range k.from.StandingNorms() {
		items = append(items, fit(n.ID+" · "+present.NormDates(n, today)+" · "+present.OneLine(n.Text()), w, 1))
	}
	for _, d := range k.from.Definitions {
		items = append(items, fit(d.Concept+" · "+present.DefinitionDates(d, today)+" · "+present.OneLine(d.Text()), w, 1))
	}
	head := "Norms and definitions, as of " + present.SessionName(k.from.Title, k.from.Created, today)
	out := []string{st.Title.Render(fit(head+" · t: every wording", w, 1))}
	switch {
	case len(items) <= room-1:
		return append(out, items...)
	case room < 2:
		return out // the heading says where they all are
	}
	shown := room - 2
	out = append(out, items[:shown]...)
	return append(out, st.Muted.Render(fit("… "+strconv.Itoa(len(items)-shown)+" more · t shows them all", w, 1)))
}

// wordsView is the team's norms and definitions, every wording dated,
// scrolled by ↑/↓.
func (b browser) wordsView(w, h int) []string {
	st := b.styles
	out := []string{st.Title.Render(fit("Norms and definitions: "+b.wordsTeam, w, 1))}
	lines := b.wordsLines(w)
	room := max(1, h-1)
	if len(lines) <= room {
		return append(out, lines...)
	}
	top := max(0, min(b.wordsTop, len(lines)-room))
	shown := lines[top : top+room]
	if below := len(lines) - top - room; below > 0 {
		shown = append(shown[:room-1:room-1], st.Muted.Render(fit("↓ "+present.Plural(below+1, "more line")+" below", w, 1)))
	}
	return append(out, shown...)
}

// wordsLines are the lines of the words page: the session they are read
// from, the standing norms, the retired ones, the definitions, each with
// every wording under it dated, newest first (as the minutes have them);
// long words wrap.
func (b browser) wordsLines(w int) []string {
	st, today := b.styles, model.DateOf(b.now())
	k, ok := b.words[teamKey(b.wordsTeam)]
	switch {
	case !ok:
		return []string{st.Muted.Render(fit("Reading the team's latest session…", w, 1))}
	case k.err != nil:
		return []string{st.Muted.Render(fit("The team's norms and definitions cannot be read: "+errText(k.err), w, 1))}
	case !k.kept():
		var out []string
		for _, l := range wrap("This team keeps no norms or shared definitions yet. A norm is made from an agreement the team chooses to live by; definitions say what the team means by words such as respect. Both go on to the team's next sessions.", w) {
			out = append(out, st.Muted.Render(fit(l, w, 1)))
		}
		return out
	}
	var out []string
	// entry wraps "lead: words" under a lead, its next lines indented.
	entry := func(indent, lead, words string) {
		lines := wrap(lead+present.OneLine(words), max(10, w-len(indent)-2))
		for i, l := range lines {
			if i > 0 {
				l = "  " + l
			}
			out = append(out, fit(indent+l, w, 1))
		}
	}
	wordings := func(vs []model.Version) {
		if len(vs) < 2 {
			return
		}
		for i := len(vs) - 1; i >= 0; i-- {
			var before *model.Version
			if i > 0 {
				before = &vs[i-1]
			}
			entry("    ", present.Date(model.DateOf(vs[i].At), today)+", "+present.Wording(vs[i], before)+": ", vs[i].Text)
		}
	}
	for _, l := range wrap("As of "+present.SessionName(k.from.Title, k.from.Created, today)+", its latest session; newest wording first.", w) {
		out = append(out, st.Muted.Render(fit(l, w, 1)))
	}
	standing := k.from.StandingNorms()
	out = append(out, st.Title.Render(fit("Standing norms: "+strconv.Itoa(len(standing)), w, 1)))
	for _, n := range standing {
		entry("  ", n.ID+" · "+present.NormDates(n, today)+" · ", n.Text())
		wordings(n.Versions)
	}
	if retired := len(k.from.Norms) - len(standing); retired > 0 {
		out = append(out, st.Title.Render(fit("Retired norms, kept in the record: "+strconv.Itoa(retired), w, 1)))
		for _, n := range k.from.Norms {
			if !n.Standing() {
				entry("  ", n.ID+" · "+present.NormDates(n, today)+" · ", n.Text())
				wordings(n.Versions)
			}
		}
	}
	out = append(out, st.Title.Render(fit("Shared definitions: "+strconv.Itoa(len(k.from.Definitions)), w, 1)))
	for _, d := range k.from.Definitions {
		entry("  ", d.Concept+" · "+present.DefinitionDates(d, today)+" · ", d.Text())
		wordings(d.Versions)
	}
	return out
}

// teamTrend is the partnership trend of a team, from the listing.
func (b browser) teamTrend(team string) partnership.Trend { return b.trends[teamKey(team)] }

// checkLine sums up a team's partnership check in one line: the overall
// average across its sessions, and where h shows the whole trend.
func (b browser) checkLine(team string, w int) string {
	t := b.teamTrend(team)
	if t.Checked() == 0 {
		return b.styles.Muted.Render(fit("Partnership check: not done yet (h shows the trend once it is).", w, 1))
	}
	avg := t.AverageSeries()
	line := "Partnership check " + partnership.SparkAverage(avg.Scores, 12) + " average " + partnership.FirstLast(avg, true)
	if c := partnership.Change(avg, true); c != "" && c != "once" {
		line += " (" + c + ")"
	}
	return fit(line+" · "+strconv.Itoa(t.Checked())+" of "+present.Plural(len(t.Columns), "session")+" · h: each outcome", w, 1)
}

// trendView is the team's trend, every outcome, scrolled by ↑/↓.
func (b browser) trendView(w, h int) []string {
	st := b.styles
	lines := append([]string{st.Title.Render(fit("Partnership trend: "+b.trendTeam, w, 1))}, trendLines(st, b.teamTrend(b.trendTeam), w, model.DateOf(b.now()))...)
	return scrollTrend(st, lines, 1, b.trendTop, w, h)
}

// followBar draws a session's commitments as one bar, a symbol per kind of
// outcome so it reads without colour.
func followBar(f model.FollowThrough, w int) string {
	n := f.Total()
	if n == 0 {
		return strings.Repeat(" ", w)
	}
	seg := func(k int) int { return k * w / n }
	a, b, c := seg(f.OnTime), seg(f.Late), seg(f.Dropped)
	d := max(0, w-a-b-c)
	return strings.Repeat("█", a) + strings.Repeat("▓", b) + strings.Repeat("░", c) + strings.Repeat("·", d)
}

func (b browser) searchView(w, h int) []string {
	st := b.styles
	out := []string{st.Title.Render("Search every session"), b.input.View(), ""}
	switch {
	case b.query == "" && b.hits == nil:
		out = append(out, st.Muted.Render("Type words and press enter."))
	case len(b.hits) == 0:
		out = append(out, st.Muted.Render("Nothing found for “"+b.query+"”."))
	default:
		found := strconv.Itoa(len(b.hits)) + " matches"
		switch len(b.hits) {
		case 1:
			found = "1 match"
		case maxHits:
			found = "The first " + found + "; more words narrow it down"
		}
		out = append(out, st.Muted.Render(found+" · enter opens the match in its session"))
		// Each match takes two lines: where it is, then the line of it
		// that matched, the whole width for its words.
		rows := max(1, (h-4)/2)
		top := max(0, min(b.hitSel-rows/2, len(b.hits)-rows))
		for i := top; i < len(b.hits) && i < top+rows; i++ {
			hit := b.hits[i]
			// Date and team tell apart sessions with the same title.
			where := hit.Created.Format(model.DateLayout) + "  " + hit.Title + " · " + hit.Team + " · " + string(hit.Kind)
			if hit.Team == "" {
				where = hit.Created.Format(model.DateLayout) + "  " + hit.Title + " · " + string(hit.Kind)
			}
			if hit.Stop != "" {
				where += " at " + hit.Stop
			}
			if i == b.hitSel {
				out = append(out, st.Selected.Render(fit("› "+where, w, 1)),
					st.Selected.Render(padRight("    "+matchLine(hit.Text, b.query, w-4, nil), w)))
			} else {
				out = append(out, fit("  "+where, w, 1), "    "+matchLine(hit.Text, b.query, w-4, &st.Accent))
			}
		}
	}
	return out
}

// matchLine is the line of a match's text that a search's words are on
// (the one with most of them, the first of those), cut to w columns around
// the first word found, each found word marked with brackets so that it
// shows without colour, and drawn with mark where colour is wanted too. An
// ellipsis stands for what is left out before.
func matchLine(text, query string, w int, mark *lipgloss.Style) string {
	words := strings.Fields(strings.ToLower(query))
	lines := strings.Split(strings.ReplaceAll(text, "\t", " "), "\n")
	best, most := 0, -1
	for i, l := range lines {
		lower, n := strings.ToLower(l), 0
		for _, word := range words {
			if strings.Contains(lower, word) {
				n++
			}
		}
		if n > most {
			best, most = i, n
		}
	}
	line := []rune(strings.TrimSpace(lines[best]))
	// Found where the search looked: in the text made lower case letter
	// by letter, so that positions agree with line's.
	lower := make([]rune, len(line))
	for i, r := range line {
		lower[i] = unicode.ToLower(r)
	}
	found := make([]bool, len(line))
	first := -1
	for _, word := range words {
		want := []rune(word)
		for i := 0; i+len(want) <= len(lower); i++ {
			if slices.Equal(lower[i:i+len(want)], want) {
				for j := i; j < i+len(want); j++ {
					found[j] = true
				}
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	// A little of what comes before the first word, from the start of a
	// word where there is one near.
	start := 0
	if first > 0 && cellWidth(string(line[:first])) > w/3 {
		start = first
		for start > 0 && cellWidth(string(line[start-1:first])) < w/4 {
			start--
		}
		for i := start; i > 0 && i > start-8; i-- {
			if line[i-1] == ' ' {
				start = i
				break
			}
		}
	}
	var out strings.Builder
	if start > 0 || best > 0 {
		out.WriteString("… ")
	}
	for i := start; i < len(line); {
		j := i
		for j < len(line) && found[j] == found[i] {
			j++
		}
		part := string(line[i:j])
		if found[i] {
			part = "[" + part + "]"
			if mark != nil {
				part = mark.Render(part)
			}
		}
		out.WriteString(part)
		i = j
	}
	return fit(out.String(), w, 1)
}

func (b browser) newView(w int) []string {
	st := b.styles
	out := []string{st.Title.Render("Start a new session")}
	if b.mode == browseNewTitle {
		out = append(out, "Title:", b.input.View())
	} else if b.mode == browseNewFacilitator {
		team := b.team
		if team == "" {
			team = "—"
		}
		out = append(out, "Title: "+b.title, "Team: "+team, "Facilitator:", b.input.View())
	} else {
		out = append(out, "Title: "+b.title, "Team:", b.input.View())
		if t := b.teamSuggestion(); t != "" && b.input.Value() != t {
			out = append(out, st.Muted.Render("tab: "+t))
		}
		if len(b.teams) > 0 {
			out = append(out, "", st.Muted.Render(fit("Teams that met before: "+strings.Join(b.teams, ", "), w, 1)),
				st.Muted.Render(fit("A team that met before starts with its open commitments and tensions.", w, 1)))
		}
	}
	return out
}

// countText counts the sessions, broken files apart, and says while the
// list is still filling in.
func (b browser) countText() string {
	text := present.Plural(len(b.list)-b.broken, "session")
	if b.broken > 0 {
		text += " · " + present.Plural(b.broken, "broken file")
	}
	if b.filling > 0 {
		text += " · reading " + strconv.Itoa(b.filling) + " more…"
	}
	return text
}

// openHow says how a session is to be opened from the browser.
type openHow int

const (
	openToWrite  openHow = iota
	openToReview         // read-only: a copy looked at
	openToFollow         // read-only, following the Pit Stop that has it open
	openAsItsOwn         // a copy made a session of its own
)

// browserPrompt asks what to do with a session that cannot simply be
// opened (a copy of another session's file, or one open in another Pit
// Stop), or whether to throw away a new session's typed title. Each choice
// is a key; esc goes back.
type browserPrompt struct {
	text    string
	choices []promptChoice
	quit    bool // it asks whether to quit: ctrl+c answers yes
}

// promptChoice is a key of a question and what it does; do may be nil
// (back, as esc).
type promptChoice struct {
	key, label string
	do         func(browser) (browser, tea.Cmd)
}

// opening is the choice that opens a session as open says.
func opening(open openSessionMsg) func(browser) (browser, tea.Cmd) {
	return func(b browser) (browser, tea.Cmd) { return b, func() tea.Msg { return open } }
}

// promptFor is the question to ask when opening path (to show focus, a
// note or board item, if set) failed with err, or nil when there is
// nothing to ask and err is only to be said.
func promptFor(path, focus string, err error) *browserPrompt {
	var copied *sessions.CopyError
	switch {
	case errors.As(err, &copied):
		return &browserPrompt{text: errText(err) + ".", choices: []promptChoice{
			{key: "r", label: "look at it read-only", do: opening(openSessionMsg{path: path, how: openToReview, focus: focus})},
			{key: "n", label: "make it a session of its own", do: opening(openSessionMsg{path: path, how: openAsItsOwn, focus: focus})},
		}}
	case errors.Is(err, sessions.ErrLocked):
		return &browserPrompt{text: errText(err) + ".", choices: []promptChoice{
			{key: "r", label: "look at it read-only, following its changes", do: opening(openSessionMsg{path: path, how: openToFollow, focus: focus})},
		}}
	}
	return nil
}

// typedInForm reports whether something typed into the new-session form
// would be lost by leaving it.
func (b browser) typedInForm() bool {
	switch b.mode {
	case browseNewTitle, browseNewTeam, browseNewFacilitator:
		return b.title != "" || strings.TrimSpace(b.input.Value()) != ""
	}
	return false
}

// askToQuit is ctrl+c's question while a new session's title is typed, as
// the note box asks it: y quits, n or esc goes back to the form.
func (b browser) askToQuit() browser {
	b.prompt = &browserPrompt{text: "Quit and throw away what you typed?", quit: true, choices: []promptChoice{
		{key: "y", label: "yes", do: func(b browser) (browser, tea.Cmd) { return b, tea.Quit }},
		{key: "n", label: "no"},
	}}
	return b
}

// askToDrop is esc's question in the new-session form once something is
// typed: y goes back to the list without it.
func (b browser) askToDrop() browser {
	b.prompt = &browserPrompt{text: "Throw away what you typed?", choices: []promptChoice{
		{key: "y", label: "yes", do: func(b browser) (browser, tea.Cmd) { return b.leaveForm(), nil }},
		{key: "n", label: "no"},
	}}
	return b
}

func (b browser) leaveForm() browser {
	b.mode, b.title = browseList, ""
	b.input.SetValue("")
	b.input.Blur()
	return b
}

func (b browser) promptKey(msg tea.KeyMsg) (browser, tea.Cmd) {
	if key.Matches(msg, b.keys.PromptBack) {
		b.prompt = nil
		return b, nil
	}
	for _, c := range b.prompt.choices {
		if strings.EqualFold(msg.String(), c.key) { // Y answers as y does
			b.prompt = nil
			if c.do == nil {
				return b, nil
			}
			return c.do(b)
		}
	}
	return b, nil
}

func (b browser) promptView(w int) string {
	var keys []string
	for _, c := range b.prompt.choices {
		keys = append(keys, b.styles.Accent.Render(c.key)+" "+c.label)
	}
	keys = append(keys, b.styles.Accent.Render("esc")+" back")
	return b.styles.Dialog.Width(min(w-4, 76)).Render(b.prompt.text + "\n\n" + strings.Join(keys, "   "))
}
