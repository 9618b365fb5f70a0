// Package actions is the one table of what a person can do in a live
// session: for each action its keys on the full screen and where they
// work, its word in plain lines and what follows it, its help, who may use
// it (through the model's permission table), whether it asks first and in
// which words, the command it builds, and how a change is said when it is
// done and when it is undone. The screens build their key maps and help
// from it, the line mode its words and answers, and the README's tables
// are checked against it, so that a key and its word cannot drift apart.
//
// It knows nothing of terminals: keys are named as bubbletea names them
// ("space", "ctrl+r", "up"), and the screens turn them into bindings.
package actions

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"pitstop/model"
)

// ID names an action.
type ID string

// Page is where on the full screen a key works.
type Page string

// The pages of a session's screen, and the parts of it that take keys of
// their own.
const (
	AtStop      Page = "stop"      // the stop view
	LookingBack Page = "review"    // the stop view of a closed session
	OnBoard     Page = "board"     // the board
	InPresenter Page = "presenter" // the room's view
	InRoom      Page = "room"      // the notes waiting from the room
	InGoAround  Page = "goaround"  // the go-around
	InTeam      Page = "team"      // the team's norms and definitions
	InCheck     Page = "check"     // the partnership check, rating
	InResults   Page = "results"   // the check's results
	InTrend     Page = "trend"     // the check's trend
	OnSummary   Page = "summary"   // the closed session's summary
	InHelp      Page = "help"      // the help page
	InEntry     Page = "entry"     // the box being typed into
	InQuestion  Page = "question"  // a question over the page
)

// sessionPages are the pages a key that works everywhere in a session
// works on: every page but the help (which has its own way back) and the
// box and questions over them.
var sessionPages = []Page{AtStop, LookingBack, OnBoard, InPresenter, InRoom, InGoAround, InTeam, InCheck, InResults, InTrend, OnSummary}

// Key is one way to an action on the full screen: the keys (as bubbletea
// names them), how help writes them, what the help line says, the pages
// where they work, and the argument of the word they stand for ("+" is
// "add 1"); KeyArg means the key itself ("3" is "go 3").
type Key struct {
	// As names the key when its action has several on one page with
	// different help ("older" of Notes); "" for the action's own.
	As    ID
	Keys  []string
	Help  string
	Does  string
	Pages []Page
	Arg   string
}

// KeyArg as a Key's Arg: the argument is the key pressed.
const KeyArg = "<key>"

// On reports whether the key works on page p.
func (k Key) On(p Page) bool {
	for _, q := range k.Pages {
		if q == p {
			return true
		}
	}
	return false
}

// Target is what an action acts on, beside the session.
type Target int

const (
	// TargetNone: the session or the current stop.
	TargetNone Target = iota
	// TargetEntry: a note or board item; on screen the one picked, in
	// plain lines entry N of the last list read out.
	TargetEntry
	// TargetOutcome: the partnership check's outcome being asked.
	TargetOutcome
	// TargetOptionalEntry: an entry if one is named, else the session
	// (reopen: an entry, or the closed session).
	TargetOptionalEntry
	// TargetHeld: a note waiting from the room; on screen the one picked,
	// in plain lines note N of the last room list read out.
	TargetHeld
	// TargetNorm: a norm of the team; on screen the one picked, in plain
	// lines norm N of the last norms list read out.
	TargetNorm
)

// Text is what an action that takes words asks for: on screen a box opens
// titled Title and holding Value; in plain lines the words follow the word.
type Text struct {
	Title       func(c Context) string
	Value       func(c Context) string // what the box starts with; nil: empty
	OneLine     bool
	Placeholder string
	MayBeEmpty  bool // empty is an answer (no owner, no due date, no note)
}

// Action is one thing a person can do. Keys and Word are the two ways to
// it; one may be missing only with the reason said in NoWord or NoKey.
type Action struct {
	ID     ID
	Keys   []Key
	Word   string   // in plain lines
	Words  []string // other words for it ("pause" beside "start")
	Args   string   // what follows the word, for help: "N TEXT"
	Does   string   // what it does, for the help page, plain lines' help and the README
	NoWord string   // why it has keys and no word
	NoKey  string   // why it has a word and no keys
	// InCheck: the word is one of the partnership check's answers, taken
	// while the check is on in plain lines.
	InCheck bool
	// Answer: the word answers a question that asks first, and is taken
	// only while one waits.
	Answer bool
	// Kind is what the permission table is asked before anything else
	// happens (before a box opens or a question is asked); "" for what
	// anyone may do.
	Kind   model.CommandKind
	Target Target
	Text   *Text
	// Ask, when set, is the question asked before the command is sent; it
	// may answer "" when, in that context, there is nothing to ask.
	Ask func(c Context) string
	// Yes is what the line mode asks to be typed to go ahead ("reset it"),
	// No what it says when the answer is not yes.
	Yes, No string
	// Build makes the command. Actions without it only show something, or
	// are handled by the page or the line mode themselves.
	Build func(c Context) (model.Command, error)
	// Changes: the action changes the session, writes a file or leaves,
	// so its key, when it is a letter or a digit, waits out the typing
	// window (see the README: typing at a command page).
	Changes bool
}

// Context is what an action is done with.
type Context struct {
	Session *model.Session
	Actor   model.Actor
	Today   model.Date
	// Line is set when the action comes from plain lines, not a key.
	Line bool
	// Word is the word typed, or "" for a key.
	Word string
	// Arg is the key's argument, the rest of the line, or the words typed
	// in the box.
	Arg string
	// Entry is the id of the note or board item it acts on.
	Entry string
	// Outcome is the partnership check's outcome being asked: its key and
	// label.
	Outcome, OutcomeLabel string
	// Outcomes is every outcome the workshop's check asks, in its order:
	// what opening the whole check to the room opens.
	Outcomes []model.RoomQuestion
	// Concept is the concept being defined, picked on the team's page.
	Concept string
}

// Permitted says whether the actor may use the action at all, and if not,
// why, in the permission table's own words.
func (a *Action) Permitted(r model.Role) error {
	if a.Kind == "" {
		return nil
	}
	return model.Permit(r, a.Kind)
}

// Question is what the action asks before it is done in this context, or "".
func (a *Action) Question(c Context) string {
	if a.Ask == nil {
		return ""
	}
	return a.Ask(c)
}

// Names is every word of the action: Word, then Words.
func (a *Action) Names() []string {
	if a.Word == "" {
		return a.Words
	}
	return append([]string{a.Word}, a.Words...)
}

// KeysOn is the action's keys that work on page p.
func (a *Action) KeysOn(p Page) []Key {
	var out []Key
	for _, k := range a.Keys {
		if k.On(p) {
			out = append(out, k)
		}
	}
	return out
}

// Table is the actions in the order the help lists them.
type Table []*Action

// Get is the action with this id; it panics on an unknown id, which is a
// mistake in the program, not in what was typed.
func (t Table) Get(id ID) *Action {
	for _, a := range t {
		if a.ID == id {
			return a
		}
	}
	panic("actions: no action " + string(id))
}

// Words is every action that has words, in the table's order: those of
// the check when inCheck, else the others.
func (t Table) Words(inCheck bool) []*Action {
	var out []*Action
	for _, a := range t {
		if len(a.Names()) > 0 && a.InCheck == inCheck && !a.Answer {
			out = append(out, a)
		}
	}
	return out
}

// Lookup finds the action a typed word means: the one whose word it is,
// or, when only one word starts with what was typed, that word's; word is
// the whole word. While the check is on, its words come before the others
// (next is then the check's). found is nil when no word, or more than one,
// fits; fits lists the words when a start fits several.
func (t Table) Lookup(typed string, inCheck bool) (found *Action, word string, fits []string) {
	typed = strings.ToLower(typed)
	words := t.Words(false)
	if inCheck {
		words = append(t.Words(true), words...)
	}
	for _, a := range words {
		if slices.Contains(a.Names(), typed) {
			return a, typed, nil
		}
	}
	for _, a := range words {
		for _, name := range a.Names() {
			if typed != "" && strings.HasPrefix(name, typed) && !slices.Contains(fits, name) {
				if len(fits) == 0 {
					found = a
				}
				fits = append(fits, name)
			}
		}
	}
	if len(fits) == 1 {
		return found, fits[0], nil
	}
	sort.Strings(fits)
	return nil, "", fits
}

// WordList is every word of the check (inCheck) or every other word, for
// a message: "where, time, …".
func (t Table) WordList(inCheck bool) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range t.Words(inCheck) {
		for _, n := range a.Names() {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	return strings.Join(names, ", ")
}

// Usage is the action's word as help writes it: "edit N TEXT".
func (a *Action) Usage() string {
	return strings.TrimSpace(strings.Join(a.Names(), ", ") + " " + a.Args)
}

// Minutes reads "add N" as a number of minutes, +2 or -2.
func minutes(arg string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(arg), "+"))
	if err != nil || n == 0 {
		return 0, errors.New("add takes a number of minutes: add 2, or add -2 to take two away")
	}
	return n, nil
}

// stopNumber reads "go N" as a stop of the session, from 1.
func stopNumber(s *model.Session, arg string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil || n < 1 || n > len(s.Stops) {
		return 0, fmt.Errorf("there are %d stops: go 1 to go %d", len(s.Stops), len(s.Stops))
	}
	return n - 1, nil
}
