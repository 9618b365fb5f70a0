// Package linemode runs a live session in plain lines, for a screen reader,
// a braille display or a terminal that cannot draw a full screen: it
// writes a line for each thing that happens, once, and reads words such as
// "next", "note TEXT" or "board". No colour, no box drawing, no cursor
// movement, and nothing at all while nothing happens: the timer is said
// only at its warnings or when asked.
//
// It is one more client of the session's owner, like a screen: what it
// sends goes through the same permissions, and what others change is
// announced as it happens. It knows nothing of bubbletea.
package linemode

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"pitstop/actions"
	"pitstop/calendar"
	"pitstop/config"
	"pitstop/minutes"
	"pitstop/model"
	"pitstop/partnership"
	"pitstop/present"
	"pitstop/sessions"
)

// Session is the live session the line mode follows and changes.
type Session = sessions.Attached

// Options are what a run needs besides the session.
type Options struct {
	In       io.Reader
	Out      io.Writer
	Workshop *config.Workshop
	Now      func() time.Time // nil: the computer's clock
	// Terminal is set when In is a terminal that sends each key as it is
	// typed (ssh -t): what is typed is echoed and lines end in \r\n.
	Terminal bool
	// Stop, when it yields, ends the run, saying why: the host stopped
	// serving, a signal arrived.
	Stop <-chan string
	// Store is the sessions' folder, where the team's earlier sessions are
	// for the partnership check's trend; nil: results are said without
	// it, and trend says it cannot be worked out here.
	Store *sessions.Store
}

// Run follows the session in plain lines until the person quits, the input
// ends, the session ends or Stop says so. It does not leave the session:
// the caller does, which saves what is not yet saved.
func Run(s Session, o Options) error {
	if o.Now == nil {
		o.Now = time.Now
	}
	r := &run{s: s, o: o, me: s.Actor(), entries: entryList(), held: heldList(), teamNorms: normList()}
	r.out = &lockedWriter{w: o.Out, mu: &r.mu}
	newline := "\n"
	if o.Terminal {
		newline = "\r\n"
	}
	r.newline = newline

	first := s.Current()
	r.intro(first)
	updates := make(chan struct{})
	go r.follow(first, updates)

	var echo io.Writer
	if o.Terminal {
		echo = r.out
	}
	in := newLineReader(o.In, echo)
	lines := make(chan lineOrErr)
	go func() {
		for {
			l, err := in.readLine()
			lines <- lineOrErr{l, err}
			if err != nil {
				return
			}
		}
	}()
	defer r.stop()
	for {
		select {
		case why, ok := <-o.Stop:
			if !ok || why == "" {
				why = "Pit Stop was asked to stop"
			}
			r.say("The session has ended here: " + why + ". " + r.s.Current().SavedWords())
			return nil
		case <-updates:
			r.say("The session has ended.")
			return nil
		case l := <-lines:
			if l.err != nil {
				if errors.Is(l.err, io.EOF) || errors.Is(l.err, errInterrupted) {
					r.say("Leaving. " + r.s.Current().SavedWords())
					return nil
				}
				return l.err
			}
			if quit := r.handle(l.line); quit {
				r.say("Leaving. " + r.s.Current().SavedWords())
				return nil
			}
		}
	}
}

type lineOrErr struct {
	line string
	err  error
}

// run is one line-mode session: what it last listed, and what it asked.
type run struct {
	s       Session
	o       Options
	me      model.Actor
	mu      sync.Mutex // one line at a time on out
	out     io.Writer
	newline string
	stopped bool

	shown atomic.Uint64 // the version of the session last announced

	// The lists last read out, numbered for the words that name an item
	// by its number: the board, notes or carried items; the notes from
	// the room; the norms.
	entries, held, teamNorms numbered
	// heldSaid: that notes from the room wait has been said, and they
	// have not all been settled nor read out since.
	heldSaid atomic.Bool
	confirm  *confirmation

	// sources names the sessions items were carried from, read from the
	// sessions' folder the first time one is said.
	sources map[string]string

	check *checkAt // the partnership check, while it is on
	// asking is the key of the outcome the check is at, for follow to say
	// when someone else answers it; nil while the check is off.
	asking atomic.Pointer[string]
}

// confirmation is a question waiting for yes.
type confirmation struct {
	cmd model.Command
	no  string // said if the answer is not yes
}

// lockedWriter writes under the run's lock, so that an echoed key never
// lands in the middle of an announcement.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// say writes each line whole.
func (r *run) say(lines ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	for _, l := range lines {
		_, _ = io.WriteString(r.o.Out, model.StripControls(l)+r.newline)
	}
}

func (r *run) stop() {
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
}

func (r *run) today() model.Date { return model.DateOf(r.o.Now()) }

// intro says where the person is and how to go on.
func (r *run) intro(u sessions.Update) {
	s := u.Session
	title := s.Title
	if s.Team != "" {
		title += ", " + s.Team
	}
	r.say("Pit Stop in plain lines: " + title + ". You are " + present.Label(r.me) + ". Type help for the words, quit to leave.")
	if why := u.Save.ReadOnly; why != "" {
		r.say("Read-only: " + why + ". You can look through it; nothing can be changed here.")
	}
	if u.Save.Err != nil {
		r.say(u.SavedWords())
	}
	if s.IsClosed() {
		r.say("This session is closed. board, notes and where look through it; reopen opens it again.")
		return
	}
	r.say(present.StopIntro(s, s.Current), present.TimerSpoken(present.TimerOf(*s.CurrentStop(), r.o.Now())))
	if others := present.Others(u.Present, r.me); others != "" {
		r.say("Here with you: " + others + ".")
	}
}

// follow announces what happens, once each, until the session ends; then
// it tells the run by closing ended.
func (r *run) follow(first sessions.Update, ended chan<- struct{}) {
	defer close(ended)
	prev := first.Session
	r.shown.Store(first.Version)
	var seen uint64
	for _, ev := range first.Events {
		seen = max(seen, ev.Seq)
	}
	failing := first.Save.Err != nil
	for {
		u, ok := r.s.Next()
		if !ok {
			return
		}
		for _, ev := range u.Events {
			if ev.Seq <= seen {
				continue
			}
			seen = ev.Seq
			if ev.Kind == sessions.EventOutsideEdit {
				r.say(u.Save.OutsideEdit)
				continue
			}
			if ev.Is(model.KindSendRoomNote) {
				if r.heldSaid.Swap(true) {
					continue // said once while notes wait
				}
			}
			if text := actions.Announce(ev, prev, u.Session, r.me, r.today()); text != "" {
				r.say(text)
			}
			if ev.Is(model.KindCloseSession) {
				r.readBack(u.Session)
			}
			if key := r.asking.Load(); key != nil && ev.Item == *key && ev.By != r.me && (ev.Is(model.KindRate) || ev.Is(model.KindSkipOutcome)) {
				r.say("That is the outcome the check is at: next goes on, a number changes the answer.")
			}
		}
		switch {
		case u.Save.Err != nil && !failing:
			r.say("Not saved: " + sessions.Problem(u.Save.Err) + ". Pit Stop keeps trying; nothing typed is lost.")
		case u.Save.Err == nil && failing && !u.Saving():
			r.say("Saved again.")
		}
		failing = u.Save.Err != nil
		if len(u.Session.Room.Held) == 0 {
			r.heldSaid.Store(false)
		}
		prev = u.Session
		r.shown.Store(u.Version)
	}
}

// handle does what a line asks; it reports whether the person is leaving.
func (r *run) handle(line string) (quit bool) {
	line = strings.TrimSpace(line)
	if c := r.confirm; c != nil {
		r.confirm = nil
		if a := strings.ToLower(line); a == "y" || a == "yes" {
			r.do(c.cmd)
		} else {
			r.say(c.no)
		}
		return false
	}
	if line == "" {
		return false
	}
	name, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	if r.check != nil && isNumber(line) {
		r.rate(line)
		return false
	}
	found, word, fits := actions.All.Lookup(name, r.check != nil)
	switch {
	case len(fits) > 1:
		r.say(fmt.Sprintf("%q could be %s: type more of the word.", name, strings.Join(fits, ", ")))
		return false
	case found == nil && r.check != nil:
		r.say(fmt.Sprintf("Pit Stop does not know %q. The check takes %s; the other words are: %s. help says what each does.", name, checkWordList(), actions.All.WordList(false)))
		return false
	case found == nil && isCheckWord(strings.ToLower(name)):
		r.say(fmt.Sprintf("%q answers the partnership check; check starts it.", name))
		return false
	case found == nil:
		r.say(fmt.Sprintf("Pit Stop does not know %q. The words are: %s. help says what each does.", name, actions.All.WordList(false)))
		return false
	}
	return r.word(found, word, rest)
}

// word does what the word of action a asks. The words that read something
// out are answered here; those that change the session go through the
// action's own rule (act).
func (r *run) word(a *actions.Action, word, rest string) (quit bool) {
	u := r.s.Current()
	s := u.Session
	now := r.o.Now()
	if err := a.Permitted(r.me.Role); err != nil && a.Build == nil {
		r.say(sentence(err))
		return false
	}
	switch a.ID {
	case actions.Quit:
		return true
	case actions.Help:
		r.help()
	case actions.Where:
		r.where(u)
	case actions.Time:
		r.say(present.TimerSpoken(present.TimerOf(*s.CurrentStop(), now)))
	case actions.Presenter:
		r.prompts(s)
	case actions.Hint:
		r.hint(s)
	case actions.Who:
		if others := present.Others(u.Present, r.me); others != "" {
			r.say("Here with you: " + others + ".")
		} else {
			r.say("Nobody else is here.")
		}
	case actions.Notes:
		r.notes(s)
	case actions.Board:
		r.board(s)
	case actions.Walk:
		r.carried(s)
	case actions.FromRoom:
		r.room(s)
	case actions.GoAround:
		r.goAround(s)
	case actions.Team:
		r.norms(s)
	case actions.MakeNorm:
		if first := strings.Fields(rest); len(first) > 0 {
			if _, err := strconv.Atoi(first[0]); err != nil {
				a = actions.All.Get(actions.NewNorm) // norm TEXT: a norm in its own words
			}
		}
		r.act(a, word, rest, s)
	case actions.Roster:
		if rest == "" {
			r.roster(s)
			return false
		}
		r.act(a, word, rest, s)
	case actions.Check:
		r.startCheck(s)
	case actions.Views:
		if word == "trend" {
			r.trend(s)
			return false
		}
		r.stopCheck()
		r.results(s, false)
	case actions.Minutes:
		r.minutes(s)
	case actions.Calendar:
		r.calendar(s)
	case actions.Rate:
		r.rate(rest)
	case actions.Skip, actions.OutcomeNote, actions.Choose, actions.Again, actions.LeaveCheck:
		r.checkWord(a, word, rest)
	default:
		r.act(a, word, rest, s)
	}
	return false
}

// act does an action that changes the session, from its word: the
// permission table first, then the entry named by its number, the words,
// the question it asks first, and the command. It reports whether the
// command was done (not refused, nor waiting for a yes).
func (r *run) act(a *actions.Action, word, rest string, s *model.Session) bool {
	if err := a.Permitted(r.me.Role); err != nil {
		r.say(sentence(err))
		return false
	}
	ctx := actions.Context{Session: s, Actor: r.me, Today: r.today(), Line: true, Word: word, Arg: rest, Outcomes: partnership.RoomQuestions(r.o.Workshop.Outcomes)}
	// An optional entry not named (reopen alone) leaves the list unread.
	if list := r.listFor(a.Target); list != nil && !(a.Target == actions.TargetOptionalEntry && rest == "") {
		id, arg, ok := r.pick(list, word, rest, s)
		if !ok {
			return false
		}
		ctx.Entry, ctx.Arg = id, arg
	}
	if a.Target == actions.TargetOutcome {
		if r.check == nil {
			r.say(fmt.Sprintf("%q answers the partnership check; check starts it.", word))
			return false
		}
		it := r.current().Items[r.check.at]
		ctx.Outcome, ctx.OutcomeLabel = it.Key, it.Label
	}
	if a.Text != nil && ctx.Arg == "" && !a.Text.MayBeEmpty {
		if a.Target == actions.TargetEntry {
			r.say(word + " N TEXT: the new words come after the number.")
		} else {
			r.say("It needs its words: " + a.Usage() + ".")
		}
		return false
	}
	cmd, err := a.Build(ctx)
	if err != nil {
		r.say(sentence(err))
		return false
	}
	if err := model.Permit(r.me.Role, cmd.Kind()); err != nil {
		r.say(sentence(err))
		return false
	}
	if q := a.Question(ctx); q != "" {
		r.ask(cmd, strings.ReplaceAll(q, "\n", " ")+" Type yes to "+a.Yes+".", a.No)
		return false
	}
	return r.do(cmd)
}

// goAround reads who is still to be invited to speak at this stop, least
// heard first, and starts the clock of the first turn.
func (r *run) goAround(s *model.Session) {
	stop := s.CurrentStop()
	if len(s.Roster) == 0 {
		r.say("The go-around needs a roster: roster Ana, Lee, Sam sets who is in the room (first names or initials).")
		return
	}
	if err := r.s.Do(model.StartGoAround{}); err != nil {
		r.say(sentence(err))
		return
	}
	order := s.GoAround(stop.Key)
	if len(order) == 0 {
		r.say("Everyone has been invited at " + stop.Name + ". " + present.Period("So far here: "+present.TurnsAt(s, stop.Key)))
		return
	}
	parts := make([]string, len(order))
	heard := s.HeardCounts()
	for i, name := range order {
		parts[i] = name + ", " + present.Heard(heard[name])
	}
	r.say("Still to invite at " + stop.Name + ", least heard first: " + strings.Join(parts, "; ") + ".")
	if done := present.TurnsAt(s, stop.Key); done != "" {
		r.say(present.Period("So far here: " + done))
	}
	r.say("spoke NAME or pass NAME marks a turn; a pass is never counted against anyone.")
}

// roster reads who is in the room for the go-around.
func (r *run) roster(s *model.Session) {
	if len(s.Roster) == 0 {
		r.say("No roster yet: roster Ana, Lee, Sam sets it.")
		return
	}
	r.say("The roster: " + strings.Join(s.Roster, ", ") + ". roster NAMES, with commas between, changes it.")
}

// norms reads the team's norms, numbered for reword, retire and restore,
// and what it means by its concepts, with the dates.
func (r *run) norms(s *model.Session) {
	today := r.today()
	r.teamNorms.readOut("norms")
	if len(s.Norms) == 0 {
		r.say("The team has no norms yet: norm N makes agreement N of the board one; norm TEXT writes one.")
	}
	for _, n := range s.NormsInOrder() {
		r.say(fmt.Sprintf("Norm %d: %s (%s)", r.teamNorms.add(n.ID), present.Period(present.OneLine(n.Text())), present.NormDates(n, today)))
	}
	for _, c := range r.o.Workshop.Team.Concepts {
		if d, ok := s.DefinitionOf(c); ok {
			r.say(fmt.Sprintf("By %s we mean: %s (%s)", d.Concept, present.Period(present.OneLine(d.Text())), present.DefinitionDates(d, today)))
		} else {
			r.say("By " + c + " we mean: not written yet; define " + c + ": TEXT writes it.")
		}
	}
}

// room reads the notes waiting from the room, oldest first, numbered for
// let and discard.
func (r *run) room(s *model.Session) {
	r.heldSaid.Store(false) // read out: a note sent after this is news
	r.held.readOut("room")
	for _, h := range s.Room.Held {
		stop := h.Stop
		if i := s.StopIndex(h.Stop); i >= 0 {
			stop = s.Stops[i].Name
		}
		r.say(fmt.Sprintf("%d. %s, at %s: %s", r.held.add(h.ID), h.At.Format("15:04"), stop, present.OneLine(h.Text)))
	}
	if len(r.held.ids) == 0 {
		r.say("Nothing is waiting from the room.")
		return
	}
	r.say("let N lets one through (let N TEXT in other words); discard N drops it, leaving no trace.")
}

// ask waits for yes before sending cmd.
func (r *run) ask(cmd model.Command, question, no string) {
	r.confirm = &confirmation{cmd: cmd, no: no}
	r.say(question)
}

// do sends a command; the owner's announcement says it was done, and a
// refusal is said at once, with why. It reports whether it was done.
func (r *run) do(cmd model.Command) bool {
	if err := r.s.Do(cmd); err != nil {
		r.say(sentence(err))
		return false
	}
	// What was done is said before the next line is read, so that a
	// script's transcript reads in the order it was typed.
	want := r.s.Current().Version
	for deadline := time.Now().Add(2 * time.Second); r.shown.Load() < want && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	return true
}

// sentence is an error said as a sentence: capital first, full stop last.
func sentence(err error) string {
	s := strings.TrimSpace(err.Error())
	if s == "" {
		return "Something went wrong."
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func (r *run) help() {
	r.say("The words (the start of a word is enough when only one word starts so):")
	for _, a := range actions.All.Words(false) {
		r.say("  " + a.Usage() + ": " + a.Does)
	}
	r.say("A question that asks first takes yes; anything else is a no.")
	r.say("While the partnership check is on, it takes these answers; back, next and note are then about the outcome, and every other word works as always (the check waits at its question):")
	r.say("  1 to 5: rate the outcome, 1 not yet, 5 we live it, and go on to the next")
	for _, a := range actions.All.Words(true) {
		r.say("  " + a.Usage() + ": " + a.Does)
	}
}

// where says the stop, the time and the counts.
func (r *run) where(u sessions.Update) {
	s := u.Session
	if s.IsClosed() {
		r.say("The session is closed; it ended at " + s.CurrentStop().Name + ".")
	} else {
		r.say(present.StopIntro(s, s.Current), present.TimerSpoken(present.TimerOf(*s.CurrentStop(), r.o.Now())))
	}
	here := 0
	for _, n := range s.Notes {
		if n.Stop == s.CurrentStop().Key {
			here++
		}
	}
	open := 0
	for _, c := range s.Commitments {
		if c.Status == model.CommitmentOpen {
			open++
		}
	}
	openT := 0
	for _, t := range s.Tensions {
		if t.Status == model.TensionOpen {
			openT++
		}
	}
	r.say(fmt.Sprintf("%s here. Board: %s, %s (%d open), %s (%d open).",
		present.Plural(here, "note"), present.Plural(len(s.Agreements), "agreement"),
		present.Plural(len(s.Tensions), "tension"), openT, present.Plural(len(s.Commitments), "commitment"), open))
	r.say("The session is " + present.PaceSpoken(s, r.o.Now()) + ".")
	if total, open := s.Carried(); total > 0 {
		r.say(fmt.Sprintf("Carried from last time: %d of %d still open; carried reads them.", open, total))
	}
}

// readBack reads back what the session ends with, as the closing summary
// on the screen does: what was agreed, who does what by when, and what is
// still open.
func (r *run) readBack(s *model.Session) {
	today := r.today()
	if len(s.Agreements) > 0 {
		r.say("What we agreed:")
		for i, a := range s.Agreements {
			r.say(fmt.Sprintf("%d. %s", i+1, present.Period(present.OneLine(a.Text))))
		}
	}
	if len(s.Commitments) > 0 {
		r.say("Who does what, by when:")
		for n, i := range present.CommitmentOrder(s) {
			r.say(fmt.Sprintf("%d. %s", n+1, present.Period(commitmentSaid(s.Commitments[i], today))))
		}
	}
	n := 0
	for _, t := range s.Tensions {
		if t.Status == model.TensionOpen {
			if n++; n == 1 {
				r.say("Still open:")
			}
			r.say(fmt.Sprintf("%d. %s", n, present.Period(present.OneLine(t.Text))))
		}
	}
	if len(s.Agreements)+len(s.Commitments)+n == 0 {
		r.say("Nothing was agreed or committed to in this session.")
	}
}

// carriedFrom says where an item was carried from, as a list line ends:
// ", carried from “Harbor one” (7 Dec)"; "" when it was not.
func (r *run) carriedFrom(id string) string {
	if id == "" {
		return ""
	}
	if r.sources == nil {
		r.sources = map[string]string{}
		if r.o.Store != nil {
			if list, _, err := r.o.Store.ListQuick(); err == nil {
				for _, s := range list {
					if !s.Broken() && !s.Created.IsZero() {
						r.sources[s.ID] = present.SessionName(s.Title, s.Created, r.today())
					}
				}
			}
		}
	}
	if name, ok := r.sources[id]; ok {
		return ", carried from " + name
	}
	return ", carried from session " + id
}

func (r *run) stopInfo(key string) config.Stop {
	if r.o.Workshop != nil {
		for _, st := range r.o.Workshop.Stops {
			if st.Key == key {
				return st
			}
		}
	}
	return config.Stop{Key: key}
}

func (r *run) prompts(s *model.Session) {
	info := r.stopInfo(s.CurrentStop().Key)
	if info.Description != "" {
		r.say(strings.Join(strings.Fields(info.Description), " "))
	}
	if len(info.Prompts) == 0 {
		r.say("This stop has no prompts.")
		return
	}
	for i, p := range info.Prompts {
		r.say(fmt.Sprintf("Prompt %d of %d: %s", i+1, len(info.Prompts), p))
	}
	if info.Check {
		r.say("This stop suggests the partnership check: check starts it.")
	}
}

func (r *run) hint(s *model.Session) {
	if h := r.stopInfo(s.CurrentStop().Key).Hint; h != "" {
		r.say("Hint: " + strings.Join(strings.Fields(h), " "))
		return
	}
	r.say("This stop has no hint.")
}

// notes reads the notes at this stop, numbered for edit and delete.
func (r *run) notes(s *model.Session) {
	key := s.CurrentStop().Key
	r.entries.readOut("notes")
	for _, n := range s.Notes {
		if n.Stop != key {
			continue
		}
		line := fmt.Sprintf("%d. %s, %s", r.entries.add(n.ID), n.Created.Format("15:04"), present.Label(model.Actor{Role: model.Role(n.Role), Name: n.Author}))
		if n.Said != "" {
			line += ", said by " + n.Said
		}
		r.say(line + ": " + strings.Join(strings.Fields(n.Text), " "))
	}
	if len(r.entries.ids) == 0 {
		r.say("No notes at " + s.CurrentStop().Name + " yet.")
		return
	}
	r.say(present.Plural(len(r.entries.ids), "note") + " at " + s.CurrentStop().Name + ". edit N TEXT and delete N change them.")
}

// board reads the board, numbered: agreements, tensions, commitments.
func (r *run) board(s *model.Session) {
	r.entries.readOut("board")
	today := r.today()
	item := func(id, text string) string { return fmt.Sprintf("%d. %s", r.entries.add(id), text) }
	r.say("Agreements: " + countSpoken(len(s.Agreements), "agreement") + ".")
	for _, a := range s.Agreements {
		r.say(item(a.ID, strings.Join(strings.Fields(a.Text), " ")))
	}
	r.say("Tensions: " + countSpoken(len(s.Tensions), "tension") + ".")
	for _, t := range s.Tensions {
		status := "open"
		if t.Status != model.TensionOpen {
			status = string(t.Status)
		}
		r.say(item(t.ID, strings.Join(strings.Fields(t.Text), " ")+", "+status+r.carriedFrom(t.CarriedFrom)))
	}
	r.say("Commitments: " + countSpoken(len(s.Commitments), "commitment") + ".")
	for _, i := range present.CommitmentOrder(s) {
		c := s.Commitments[i]
		r.say(item(c.ID, commitmentSaid(c, today)+r.carriedFrom(c.CarriedFrom)))
	}
	if len(r.entries.ids) > 0 {
		r.say("Numbers for edit, delete, done, drop, resolve, reopen, owner, due and move.")
	}
}

// carried reads the items carried from the team's last session that are
// still open, numbered for done, drop, resolve and owner: the walk the full
// screen takes with w.
func (r *run) carried(s *model.Session) {
	r.entries.readOut("carried")
	today := r.today()
	for _, i := range present.CommitmentOrder(s) {
		if c := s.Commitments[i]; c.CarriedFrom != "" && c.Status == model.CommitmentOpen {
			r.say(fmt.Sprintf("%d. Commitment: %s%s.", r.entries.add(c.ID), present.CommitmentSpoken(c, today), r.carriedFrom(c.CarriedFrom)))
		}
	}
	for _, t := range s.Tensions {
		if t.CarriedFrom != "" && t.Status == model.TensionOpen {
			r.say(fmt.Sprintf("%d. Tension: %s%s.", r.entries.add(t.ID), present.OneLine(t.Text), r.carriedFrom(t.CarriedFrom)))
		}
	}
	if len(r.entries.ids) == 0 {
		r.say("Nothing carried from last time is still open.")
		return
	}
	r.say(present.Plural(len(r.entries.ids), "item") + " carried from last time and still open. done N, drop N, resolve N and owner N NAME answer them.")
}

// commitmentSaid is a commitment as a list reads it, with its status
// unless it is open: "Book the hall, owner Lee, done".
func commitmentSaid(c model.Commitment, today model.Date) string {
	line := present.CommitmentSpoken(c, today)
	if c.Status != model.CommitmentOpen {
		line += ", " + string(c.Status)
	}
	return line
}

// countSpoken is a count for a heading: "none", "1 agreement", "3 tensions".
func countSpoken(n int, noun string) string {
	if n == 0 {
		return "none"
	}
	return present.Plural(n, noun)
}

// calendar writes the open commitments with a due date as a calendar
// file next to the session.
func (r *run) calendar(s *model.Session) {
	if len(calendar.Due(s)) == 0 {
		r.say("No open commitment has a due date, so there is no calendar to write.")
		return
	}
	opts := calendar.Options{Now: r.o.Now()}
	if r.o.Store != nil {
		opts.LoadSession = r.o.Store.Loader()
	}
	path, err := calendar.WriteNextTo(r.s.Path(), s, opts)
	if err != nil {
		r.say(sentence(err))
		return
	}
	r.say("Commitments due written to " + model.CleanLabel(path) + ": import it into any calendar; a new export updates the same events.")
}

func (r *run) minutes(s *model.Session) {
	opts := minutes.Options{Workshop: r.o.Workshop, Now: r.o.Now()}
	opts.Trend, _ = minutes.TeamTrend(r.o.Store, r.o.Workshop, s) // none when the team's sessions cannot be listed
	path, err := minutes.WriteNextTo(r.s.Path(), s, minutes.FormatMarkdown, opts)
	if err != nil {
		r.say(sentence(err))
		return
	}
	r.say("Minutes written to " + model.CleanLabel(path) + ".")
}
