package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"pitstop/actions"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
	"pitstop/sessions"
)

// checkView is which part of the partnership check is in front.
type checkView int

const (
	checkRating  checkView = iota // the outcomes, one rated after another
	checkResults                  // weakest to strongest
	checkTrend                    // across the team's sessions
)

// checkPage is the partnership check: the group rates each outcome of the
// workshop from 1 to 5, or skips it; a number rates the outcome picked and
// moves to the next. Then the results, weakest first, of which the
// weakest go on the board with one key; then the team's trend. Ratings go
// to the session's owner like every change, so a note-taker can enter
// them too, and the check picks up where the group stopped.
type checkPage struct {
	*common
	part    checkView
	sel     int  // the outcome picked, in the check's order
	placed  bool // sel was put where the group stopped, on first opening
	result  int  // the result picked, weakest first
	top     int  // the first line of the trend shown, when it does not fit
	team    []sessions.Summary
	teamFor string // the team the listing is of
	loaded  bool   // the team's sessions have been listed (or there is no store)
	teamErr error
	listing int // counts the listings received, so a new one redraws
}

// checkKey is what the check's drawing depends on besides the session.
type checkKey struct {
	part             checkView
	sel, result, top int
	listing          int
}

func (p checkPage) drawKey() any {
	return checkKey{part: p.part, sel: p.sel, result: p.result, top: p.top, listing: p.listing}
}

func (p checkPage) id() pageID { return checkScreen }

// keyPage is the part of the check in front: each has keys of its own.
func (p checkPage) keyPage() actions.Page {
	switch p.part {
	case checkResults:
		return actions.InResults
	case checkTrend:
		return actions.InTrend
	}
	return actions.InCheck
}

func (p checkPage) refresh(*sessionView, bool) page { return p }

func (p checkPage) view(sv *sessionView, w, h int) string { return p.draw(sv.session, w, h) }

// typed opens the group's note on the outcome picked, holding what was
// typed; in the results and the trend, a note at the stop.
func (p checkPage) typed(text string, sv *sessionView) []effect {
	c := p.check(sv.session)
	if p.part != checkRating || len(c.Items) == 0 || sv.session.IsClosed() {
		return typedNote(p.common, sv, text)
	}
	it := c.Items[min(p.sel, len(c.Items)-1)]
	ctx := p.outcomeContext(sv, it)
	effects := act(p.common, actions.All.Get(actions.OutcomeNote), ctx)
	for i, e := range effects {
		if open, ok := e.(openEntry); ok {
			open.value, open.typed = text, true
			open.note = "That looked like typing, so no key ran: it is in the group's note on this outcome, ready to save."
			effects[i] = open
		}
	}
	return effects
}

// handle takes the team's sessions, for the trend, and the page being
// opened.
func (p checkPage) handle(msg any, sv *sessionView) (page, []effect) {
	switch msg := msg.(type) {
	case teamListedMsg:
		p.team, p.teamFor, p.teamErr, p.loaded = msg.list, msg.team, msg.err, true
		p.listing++
	case shownFromMsg:
		// Where the group stopped, and the team's sessions for the trend,
		// unless they are listed already.
		p = p.opened(sv.session)
		if team := sv.session.Team; !p.loaded || p.teamFor != team {
			return p, []effect{effectFunc(func(a App) (App, tea.Cmd) { return a, listTeamCmd(a.store, team) })}
		}
	}
	return p, nil
}

// openCheck puts the check in front.
type openCheck struct{}

func (openCheck) apply(a App) (App, tea.Cmd) { return a.show(checkScreen) }

// teamListedMsg brings the team's sessions, for the trend.
type teamListedMsg struct {
	team string
	list []sessions.Summary
	err  error
}

// check is the session's check, as the workshop asks it.
func (p checkPage) check(s *model.Session) partnership.Check {
	return partnership.New(p.workshop.Outcomes, s.Ratings)
}

// opened puts the check where the group stopped, the first time it opens.
func (p checkPage) opened(s *model.Session) checkPage {
	if !p.placed {
		p.sel, p.placed = p.check(s).Resume(), true
	}
	return p
}

// listTeamCmd lists the sessions (from the store's cache) for the trend.
func listTeamCmd(st *sessions.Store, team string) tea.Cmd {
	if st == nil || strings.TrimSpace(team) == "" {
		return func() tea.Msg { return teamListedMsg{team: team} }
	}
	return func() tea.Msg {
		list, err := st.List()
		return teamListedMsg{team: team, list: list, err: err}
	}
}

// trend is the team's trend with this session as it is now.
func (p checkPage) trend(s *model.Session) partnership.Trend {
	team := p.team
	if p.teamFor != s.Team {
		team = nil
	}
	return partnership.BuildTrend(p.workshop.Outcomes, partnership.TeamSessions(team, s.Team, s))
}

// outcomeContext is an action's context on an outcome of the check.
func (p checkPage) outcomeContext(sv *sessionView, it partnership.Item) actions.Context {
	ctx := p.context(sv)
	ctx.Outcome, ctx.OutcomeLabel = it.Key, it.Label
	return ctx
}

// key answers a key in the check.
func (p checkPage) key(msg tea.KeyMsg, sv *sessionView) (page, []effect) {
	s := sv.session
	c := p.check(s)
	a, k, ok := p.keys.Action(msg, p.keyPage())
	if !ok {
		return p, nil
	}
	switch {
	case a.Target == actions.TargetNone && a.Build != nil:
		// The keys that run the room work here too: its time runs on.
		ctx := p.context(sv)
		ctx.Arg = argOf(k, msg)
		return p, act(p.common, a, ctx)
	case a.ID == actions.LeaveCheck:
		return p, []effect{show{stopScreen}}
	case a.ID == actions.Views && msg.String() == "tab":
		p.part = (p.part + 1) % 3
		return p, nil
	case a.ID == actions.Views:
		p.part = (p.part + 2) % 3
		return p, nil
	}
	switch p.part {
	case checkResults:
		return p.resultsKey(a, msg, sv, c)
	case checkTrend:
		if a.ID == actions.Scroll {
			switch msg.String() {
			case "up", "k":
				p.top = max(0, p.top-1)
			case "down", "j":
				// As far as the last outcome fits: the view has the screen
				// less the status and help lines, the check's heading, and
				// the trend's heading, column names, average and key.
				p.top = min(p.top+1, max(0, len(p.trend(s).Series)-(p.height-2-3-4)))
			}
		}
		return p, nil
	}
	if len(c.Items) == 0 {
		return p, nil
	}
	p.sel = min(p.sel, len(c.Items)-1)
	it := c.Items[p.sel]
	lastListed := c.Progress().Total - 1 // the listed come first
	ctx := p.outcomeContext(sv, it)
	ctx.Arg = argOf(k, msg)
	switch a.ID {
	case actions.Rate, actions.Skip:
		if err := a.Permitted(p.actor.Role); err != nil {
			return p, []effect{say{flash: errText(err)}}
		}
		if !it.Listed && !s.IsClosed() {
			return p, []effect{say{flash: "The workshop no longer asks this one; its answer is kept as it was."}}
		}
		effects := act(p.common, a, ctx)
		if s.IsClosed() {
			return p, effects
		}
		if p.sel >= lastListed {
			p.part, p.result = checkResults, 0 // that was the last: the results
		} else {
			p.sel++
		}
		return p, effects
	case actions.OutcomeNote, actions.OpenRoom, actions.RevealRoom, actions.ForgetRoom:
		return p, act(p.common, a, ctx)
	case actions.Choose:
		p.sel = stepped(msg, p.sel, len(c.Items))
	}
	return p, nil
}

// resultsKey answers the results' keys: choose an outcome, make it a
// tension at once, or open the commitment box with its words, where an
// owner and a date go.
func (p checkPage) resultsKey(a *actions.Action, msg tea.KeyMsg, sv *sessionView, c partnership.Check) (page, []effect) {
	s := sv.session
	results := c.Results()
	switch a.ID {
	case actions.Choose:
		if msg.String() == "up" || msg.String() == "k" {
			p.result = max(0, p.result-1)
		} else {
			p.result = min(max(0, len(results)-1), p.result+1)
		}
		return p, nil
	case actions.MakeTension, actions.MakeCommit:
	default:
		return p, nil
	}
	if p.result >= len(results) || !results[p.result].Scored() {
		return p, []effect{say{flash: "Pick a rated outcome first: the weakest are at the top."}}
	}
	if err := a.Permitted(p.actor.Role); err != nil {
		return p, []effect{say{flash: errText(err)}}
	}
	if s.IsClosed() {
		return p, []effect{ask{reopenQuestion()}}
	}
	it := results[p.result]
	if a.ID == actions.MakeTension {
		text := tensionFromCheck(it)
		for _, t := range s.Tensions {
			if t.Text == text && t.Status == model.TensionOpen {
				return p, []effect{say{banner: "Already on the board as a tension: " + it.Label}}
			}
		}
		return p, []effect{send{model.AddTension{Text: text}}, say{banner: "On the board as a tension: " + it.Label}}
	}
	commit := actions.All.Get(actions.Commitment)
	ctx := p.context(sv)
	return p, []effect{openEntry{action: commit, ctx: ctx, title: "New commitment from the check: what, @who, due:when", value: commitmentFromCheck(it) + " "}}
}

// The words an outcome brings to the board.
func tensionFromCheck(it partnership.Item) string {
	return "Partnership check: “" + it.Label + "” is at " + present.Score(it.Rating)
}

func commitmentFromCheck(it partnership.Item) string {
	return "Work on “" + it.Label + "” (" + present.Score(it.Rating) + " in the check)"
}

// ShortHelp is the keys of the part of the check in front.
func (p checkPage) ShortHelp() []key.Binding {
	km, at := p.keys, p.keyPage()
	switch p.part {
	case checkResults:
		return km.Bindings(at, actions.Choose, actions.MakeTension, actions.MakeCommit, actions.Board, actions.Views, actions.LeaveCheck, actions.Help, actions.Quit)
	case checkTrend:
		return append(km.Bindings(at, actions.Views), km.Named(at, actions.Views, "back"), km.On(at, actions.LeaveCheck), km.On(at, actions.Help), km.On(at, actions.Quit))
	}
	ids := []actions.ID{actions.Rate, actions.Skip, actions.OutcomeNote, actions.Choose}
	if p.actor.Role == model.RoleFacilitator {
		ids = append(ids, actions.OpenRoom, actions.RevealRoom)
	}
	return km.Bindings(at, append(ids, actions.Views, actions.LeaveCheck, actions.Help, actions.Quit)...)
}

// FullHelp is every key of the check, part by part.
func (p checkPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.All(actions.InCheck), p.keys.All(actions.InResults), p.keys.All(actions.InTrend)}
}

// draw draws the part of the check in front in w×h.
func (p checkPage) draw(s *model.Session, w, h int) string {
	c := p.check(s)
	st := p.styles
	tabs := []string{"Rate", "Results", "Trend"}
	for i := range tabs {
		if checkView(i) == p.part {
			tabs[i] = st.Accent.Render("[" + tabs[i] + "]")
		} else {
			tabs[i] = st.Muted.Render(" " + tabs[i] + " ")
		}
	}
	progress := c.Progress().String()
	if n := len(s.Room.Open); n > 0 {
		progress += " · " + present.RoomOpen(n)
	}
	title, under := p.withRoomTime(fit(st.StopName.Render("PARTNERSHIP CHECK")+"  "+st.Muted.Render(progress), w, 1), "", s, w)
	head := []string{title, fit(strings.Join(tabs, " "), w, 1), under}
	if len(c.Items) == 0 {
		return strings.Join(append(head, st.Muted.Render(fit("This workshop lists no outcomes to rate: add [[outcome]] tables to its config.toml.", w, 1))), "\n")
	}
	var body []string
	switch p.part {
	case checkResults:
		lines, at := p.resultsLines(c, w)
		body = window(lines, 1, at, h-len(head))
	case checkTrend:
		body = p.trendView(s, w, h-len(head))
		return strings.Join(append(head, body...), "\n")
	default:
		body = p.ratingLines(s, c, w, h-len(head))
	}
	return strings.Join(append(head, body...), "\n")
}

// ratingLines are the outcomes with their answers, the one picked with
// its explanation and note under it, scrolled so it stays in view.
func (p checkPage) ratingLines(s *model.Session, c partnership.Check, w, h int) []string {
	st := p.styles
	sel := min(p.sel, len(c.Items)-1)
	barW := 5
	if w >= 120 {
		barW = 10
	}
	labelW := max(10, min(60, w-barW-20))
	lines := []string{st.Muted.Render(fit("1 not yet · 2 a little · 3 partly · 4 mostly · 5 we live it · s skip", w, 1))}
	var rows []string
	selRow := 0
	for i, it := range c.Items {
		mark := "  "
		if i == sel {
			mark, selRow = "› ", len(rows)
		}
		answer := "·" // not come to yet: a mark, not words, so the answered stand out
		bar := strings.Repeat(" ", barW)
		if it.Answered() {
			answer = present.Score(it.Rating)
		}
		if it.Scored() {
			bar = partnership.Bar(it.Rating.Score, barW)
		}
		switch {
		case s.Room.IsOpen(it.Key):
			answer += " · open to the room"
		case it.Rating.Room.N() > 0:
			answer += " · the room: median " + present.Median(it.Rating.Room.Median())
		}
		line := fit(mark+padRight(fit(padLeft(strconv.Itoa(i+1), 2)+". "+it.Name(), labelW, 1), labelW)+"  "+bar+"  "+answer, w, 1)
		if i == sel {
			line = st.Selected.Render(line)
		}
		rows = append(rows, line)
		if i == sel {
			rows = append(rows, p.roomLines(it.Rating.Room, w)...)
			if it.Explain != "" {
				for _, l := range wrap(it.Explain, max(10, w-5)) {
					rows = append(rows, st.Muted.Render(fit("     "+l, w, 1)))
				}
			}
			if it.Rating.Note != "" {
				rows = append(rows, st.NoteText.Render(fit("     Note: "+oneLine(it.Rating.Note), w, 1)))
			}
		}
	}
	room := max(1, h-len(lines))
	top := max(0, min(selRow-room/3, len(rows)-room))
	end := min(len(rows), top+room)
	return append(lines, rows[top:end]...)
}

// resultsLines are the answered outcomes from weakest to strongest as
// bars with the score beside each, and the group's notes.
// at is the line of the result picked.
func (p checkPage) resultsLines(c partnership.Check, w int) (lines []string, at int) {
	st := p.styles
	results := c.Results()
	if len(results) == 0 {
		return []string{st.Muted.Render(fit("Nothing rated yet: tab back to Rate, and a number rates each outcome.", w, 1))}, 0
	}
	avg := "no scores"
	if a, ok := c.Average(); ok {
		avg = "average " + partnership.AverageText(a)
	}
	lines = []string{st.Muted.Render(fit("Weakest first · "+avg+" · ▸ the three weakest, for the board (t, c)", w, 1))}
	barW := max(5, min(20, w/6))
	labelW := max(10, min(60, w-barW-14))
	weakest := len(c.Weakest(3))
	sel := min(p.result, len(results)-1)
	for i, it := range results {
		// Two marks, so the pick never hides which are the weakest.
		picked, weak := "  ", "  "
		if i == sel {
			picked = "› "
		}
		if i < weakest {
			weak = "▸ "
		}
		bar := strings.Repeat(" ", barW)
		if it.Scored() {
			bar = partnership.Bar(it.Rating.Score, barW)
		}
		line := fit(picked+weak+padRight(fit(it.Name(), labelW, 1), labelW)+"  "+bar+"  "+present.Score(it.Rating), w, 1)
		if i == sel {
			line, at = st.Selected.Render(line), len(lines)
		}
		lines = append(lines, line)
		if it.Rating.Room.N() > 0 {
			lines = append(lines, st.Muted.Render(fit("      The room: "+present.RoomSummary(it.Rating.Room)+" "+present.RoomSplit(it.Rating.Room), w, 1)))
		}
		if it.Rating.Note != "" {
			lines = append(lines, st.NoteText.Render(fit("      “"+oneLine(it.Rating.Note)+"”", w, 1)))
		}
	}
	// Outcomes with a note and no answer yet are the group's words too.
	for _, it := range c.Items {
		if !it.Answered() && it.Rating.Note != "" {
			lines = append(lines, st.NoteText.Render(fit("  Not rated yet: "+it.Label+": “"+oneLine(it.Rating.Note)+"”", w, 1)))
		}
	}
	return lines, at
}

// window shows h of lines: the first keep lines always (a heading), and
// of the rest a stretch that holds line at, a third of the way down.
func window(lines []string, keep, at, h int) []string {
	if len(lines) <= h || h <= keep {
		return lines
	}
	room := h - keep
	top := max(keep, min(at-room/3, len(lines)-room))
	return append(lines[:keep:keep], lines[top:top+room]...)
}

// trendView is the team's trend, scrolled by ↑/↓ when it does not fit.
func (p checkPage) trendView(s *model.Session, w, h int) []string {
	st := p.styles
	switch {
	case strings.TrimSpace(s.Team) == "":
		return []string{st.Muted.Render(fit("This session has no team, so it has no trend: a team's sessions are compared with each other.", w, 1))}
	case !p.loaded:
		return []string{st.Muted.Render(fit("Reading the team's sessions…", w, 1))}
	}
	lines := trendLines(st, p.trend(s), w, model.DateOf(p.now()))
	keep := 0
	if p.teamErr != nil {
		lines = append([]string{st.Muted.Render(fit("The team's earlier sessions could not be listed ("+errText(p.teamErr)+"); this one alone:", w, 1))}, lines...)
		keep = 1
	}
	return scrollTrend(st, lines, keep, p.top, w, h)
}

// roomLines show the room's revealed answers to an outcome: the summary,
// then a bar a score with its count.
func (p checkPage) roomLines(c model.Counts, w int) []string {
	if c.N() == 0 {
		return nil
	}
	st := p.styles
	lines := []string{st.Accent.Render(fit("     The room: "+present.RoomSummary(c), w, 1))}
	if split := present.RoomSplit(c); split != "" {
		lines = append(lines, st.Accent.Render(fit("     "+split, w, 1)))
	}
	barW := max(5, min(30, w-20))
	most := slices.Max(c[:])
	for i, n := range c {
		bar := strings.Repeat("█", (n*barW+most-1)/max(1, most))
		lines = append(lines, st.Muted.Render(fit("       "+strconv.Itoa(i+model.MinScore)+" "+padRight(bar, barW)+" "+strconv.Itoa(n), w, 1)))
	}
	return lines
}
