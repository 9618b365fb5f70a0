package linemode

import (
	"fmt"
	"strconv"
	"strings"

	"pitstop/actions"
	"pitstop/config"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
)

// checkAt is where the partnership check is while it is on: the outcome
// asked, by its place among the workshop's outcomes.
type checkAt struct{ at int }

func (r *run) outcomes() []config.Outcome {
	if r.o.Workshop == nil {
		return nil
	}
	return r.o.Workshop.Outcomes
}

// partnershipOf is the check as the session holds it now.
func (r *run) partnershipOf(s *model.Session) partnership.Check {
	return partnership.New(r.outcomes(), s.Ratings)
}

func (r *run) current() partnership.Check { return r.partnershipOf(r.s.Current().Session) }

// startCheck starts the check where the group left it, or at the first
// outcome when every one is answered, so that an answer can be changed.
// Typed again while the check is on, it says the question again.
func (r *run) startCheck(s *model.Session) {
	if r.check != nil {
		r.question(r.partnershipOf(s))
		return
	}
	n := len(r.outcomes())
	if n == 0 {
		r.say("This workshop lists no outcomes for the partnership check; [[outcome]] tables in config.toml add them.")
		return
	}
	c := r.partnershipOf(s)
	switch p := c.Progress(); {
	case p.Done():
		r.say("Every outcome is answered: " + p.String() + ". The check starts again at the first, so that the group can change an answer; stop leaves it.")
	case p.Scored+p.Skipped > 0:
		r.say("The partnership check goes on where it was left: " + p.String() + ". stop leaves it.")
	default:
		r.say(fmt.Sprintf("The partnership check: %d outcomes, each rated from 1, not yet, to 5, we live it, or skipped. stop leaves it; help says the answers.", n))
	}
	if err := model.Permit(r.me.Role, model.KindRate); err != nil {
		r.say(sentence(err) + " The questions are read all the same.")
	}
	r.setCheck(c.Resume())
	r.question(c)
}

// setCheck puts the check at outcome i.
func (r *run) setCheck(i int) {
	r.check = &checkAt{at: i}
	key := r.outcomes()[i].Key
	r.asking.Store(&key)
}

// stopCheck takes the check off, if it is on.
func (r *run) stopCheck() {
	r.check = nil
	r.asking.Store(nil)
}

// question asks the outcome the check is at, the important words first:
// "Outcome 3 of 22: Those most affected have a seat at the table. The
// people … Now 3 of 5. Rate it 1 to 5, or skip."
func (r *run) question(c partnership.Check) {
	it := c.Items[r.check.at]
	line := fmt.Sprintf("Outcome %d of %d: %s", r.check.at+1, len(r.outcomes()), present.Period(it.Label))
	if e := plain(it.Explain); e != "" {
		line += " " + present.Period(e)
	}
	if it.Answered() {
		line += " Now " + present.Score(it.Rating) + "."
	}
	if n := plain(it.Rating.Note); n != "" {
		line += " Note: " + present.Period(n)
	}
	r.say(line + " Rate it 1 to 5, or skip.")
}

// rate answers the outcome asked with a score and goes on.
func (r *run) rate(typed string) {
	if r.act(actions.All.Get(actions.Rate), "rate", typed, r.s.Current().Session) {
		r.advance()
	}
}

// checkWord does one of the check's answers other than a score.
func (r *run) checkWord(a *actions.Action, word, rest string) {
	c := r.current()
	switch a.ID {
	case actions.Skip:
		if r.act(a, word, rest, r.s.Current().Session) {
			r.advance()
		}
	case actions.OutcomeNote:
		r.act(a, word, rest, r.s.Current().Session)
	case actions.Choose:
		if word == "next" {
			r.advance()
			return
		}
		if r.check.at == 0 {
			r.say("This is the first outcome.")
		} else {
			r.setCheck(r.check.at - 1)
		}
		r.question(c)
	case actions.Again:
		r.question(c)
	case actions.LeaveCheck:
		r.stopCheck()
		p := c.Progress()
		next := "check starts it again at the first outcome."
		if !p.Done() {
			next = fmt.Sprintf("check goes on at outcome %d.", c.Resume()+1)
		}
		r.say("Left the partnership check: "+p.String()+".", next)
	}
}

// advance goes on to the next outcome; after the last, it leaves the
// check and says the results.
func (r *run) advance() {
	s := r.s.Current().Session
	c := r.partnershipOf(s)
	if r.check.at+1 < len(r.outcomes()) {
		r.setCheck(r.check.at + 1)
		r.question(c)
		return
	}
	r.stopCheck()
	p := c.Progress()
	r.say("That was the last outcome. " + p.String() + ".")
	if !p.Done() {
		r.say(fmt.Sprintf("check goes back to outcome %d, the first not answered.", c.Resume()+1))
	}
	r.results(s, true)
}

// results says the answered outcomes from weakest to strongest, each with
// how it moved since the team's last check when that is known, then how
// far the check came (unless that was just said) and the average.
func (r *run) results(s *model.Session, progressSaid bool) {
	c := r.partnershipOf(s)
	res := c.Results()
	if len(res) == 0 {
		r.say("No outcome is answered yet; check starts the partnership check.")
		return
	}
	t, col, _ := r.teamTrend(s)
	var scores []int
	for _, it := range res {
		if it.Scored() {
			scores = append(scores, it.Rating.Score)
		}
	}
	leads := resultLeads(scores)
	today := r.today()
	if len(scores) > 1 && scores[0] == scores[len(scores)-1] {
		r.say(fmt.Sprintf("The results: all %d rated %d of %d, none weaker than another.", len(scores), scores[0], model.MaxScore))
	} else {
		r.say("The results, weakest first:")
	}
	for i, it := range res {
		lead := ""
		if i < len(leads) && it.Scored() {
			lead = leads[i]
		}
		r.say(partnership.Sentence(it, t, col, lead, today))
	}
	line := ""
	if !progressSaid {
		line = c.Progress().String() + "."
	}
	if avg, ok := c.Average(); ok {
		line = strings.TrimSpace(line + " " + r.averageSaid(avg, t, col))
	}
	if line != "" {
		r.say(line)
	}
}

// resultLeads are what starts each result of the scores, weakest first:
// "Weakest" for the three lowest (with any tied with the third), when at
// least four are scored, else for the lowest; "Strongest" for the highest.
// A score tied with one on the other side is neither: "weakest" and
// "strongest" are never said of equal scores.
func resultLeads(scores []int) []string {
	leads := make([]string, len(scores))
	if len(scores) < 2 || scores[0] == scores[len(scores)-1] {
		return leads
	}
	lowest, highest := scores[0], scores[len(scores)-1]
	weak := lowest
	if len(scores) >= 4 {
		weak = scores[2]
	}
	for i, s := range scores {
		switch {
		case s == highest:
			leads[i] = "Strongest"
		case s <= weak && s < highest:
			leads[i] = "Weakest"
		}
	}
	return leads
}

// averageSaid says the average: "Average 3.2 of 5, up from 2.9 last
// session."
func (r *run) averageSaid(avg float64, t partnership.Trend, col int) string {
	now := partnership.AverageTenths(avg)
	s := "Average " + partnership.AverageText(avg)
	if col < 0 {
		return s + "."
	}
	before, at, ok := t.AverageSeries().Before(col)
	if !ok {
		return s + "."
	}
	when := t.When(at, col, r.today())
	switch {
	case before > now:
		return s + ", down from " + partnership.Tenths(before) + " " + when + "."
	case before < now:
		return s + ", up from " + partnership.Tenths(before) + " " + when + "."
	}
	return s + ", the same as " + when + "."
}

// teamTrend is the check across the team's sessions and this session's
// column in it; col is -1 when there is no trend: no sessions' folder, no
// team, or the folder could not be read (err says why).
func (r *run) teamTrend(s *model.Session) (t partnership.Trend, col int, err error) {
	if r.o.Store == nil || strings.TrimSpace(s.Team) == "" {
		return partnership.Trend{}, -1, nil
	}
	list, err := r.o.Store.List()
	if err != nil {
		return partnership.Trend{}, -1, err
	}
	t = partnership.BuildTrend(r.outcomes(), partnership.TeamSessions(list, s.Team, s))
	return t, t.Column(s.ID), nil
}

// trend says each outcome's scores across the team's sessions, oldest
// first, in one line each, then the overall average the same way.
func (r *run) trend(s *model.Session) {
	switch {
	case r.o.Store == nil:
		r.say("The trend needs the team's earlier sessions, which cannot be read from here; results says this session's check.")
		return
	case strings.TrimSpace(s.Team) == "":
		r.say("This session has no team, so there is no trend across sessions; results says this session's check.")
		return
	}
	t, _, err := r.teamTrend(s)
	if err != nil {
		r.say("The earlier sessions cannot be read: " + sentence(err))
		return
	}
	team := model.CleanLabel(s.Team)
	if t.Checked() == 0 {
		r.say("No session of " + team + " has done the partnership check yet; check starts it.")
		return
	}
	r.say(fmt.Sprintf("The trend of %s over %s, %d with the check, oldest first:", team, present.Plural(len(t.Columns), "session"), t.Checked()))
	var never []string
	for _, series := range t.Series {
		if series.Rated() == 0 {
			never = append(never, series.Label)
			continue
		}
		r.say(seriesSaid(series, strconv.Itoa, "rated once"))
	}
	if len(never) > 0 {
		// A label may hold a comma or a semicolon, never a full stop.
		r.say(present.Plural(len(never), "outcome") + " not rated in any session: " + strings.Join(never, ". ") + ".")
	}
	if avg := t.AverageSeries(); avg.Rated() > 0 {
		r.say(seriesSaid(avg, partnership.Tenths, "one session"))
	}
}

// seriesSaid says one outcome's trend: "No hidden agendas, no unwritten
// rules: 3, 3, 2 over 3 sessions; down 1." or "…: rated once, 4."
func seriesSaid(s partnership.Series, number func(int) string, once string) string {
	var scores []string
	for _, v := range s.Scores {
		if v > 0 {
			scores = append(scores, number(v))
		}
	}
	if len(scores) == 1 {
		return s.Label + ": " + once + ", " + scores[0] + "."
	}
	change, _ := s.Change()
	moved := "the same"
	switch {
	case change > 0:
		moved = "up " + number(change)
	case change < 0:
		moved = "down " + number(-change)
	}
	return fmt.Sprintf("%s: %s over %d sessions; %s.", s.Label, strings.Join(scores, ", "), len(scores), moved)
}

// isNumber reports whether s is all digits, as an answer to the check.
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// plain is text on one line, its spaces as one.
func plain(s string) string { return strings.Join(strings.Fields(s), " ") }
