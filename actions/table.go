package actions

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"pitstop/model"
	"pitstop/present"
)

// The actions' ids.
const (
	// Everywhere in a session.
	Help    ID = "help"
	Quit    ID = "quit"
	Board   ID = "board"
	Minutes ID = "minutes"
	// Calendar writes the commitments due as an .ics file.
	Calendar ID = "calendar"
	Undo     ID = "undo"
	Redo     ID = "redo"

	// Running the room.
	Timer ID = "timer"
	Plan  ID = "plan"
	Next  ID = "next"
	Back  ID = "back"
	GoTo  ID = "go"
	Reset ID = "reset"
	Close ID = "close"

	// Capturing what the room says and decides.
	Note       ID = "note"
	Agreement  ID = "agreement"
	Tension    ID = "tension"
	Commitment ID = "commitment"

	// At the stop.
	Notes     ID = "notes"
	Older     ID = "older" // a second key of Notes, named for its help
	Newer     ID = "newer"
	Unpick    ID = "unpick"
	Walk      ID = "walk"
	Presenter ID = "presenter"
	Prompt    ID = "prompt"
	Hint      ID = "hint"
	Check     ID = "check"
	Where     ID = "where"
	Time      ID = "time"
	Who       ID = "who"
	Review    ID = "review"

	// On an entry: a note or a board item.
	Edit    ID = "edit"
	Delete  ID = "delete"
	Move    ID = "move"
	Resolve ID = "resolve"
	Done    ID = "done"
	Drop    ID = "drop"
	Owner   ID = "owner"
	Due     ID = "due"
	Reopen  ID = "reopen"

	// Moving about the board.
	Left   ID = "left"
	Right  ID = "right"
	Up     ID = "up"
	Down   ID = "down"
	Filter ID = "filter"
	Search ID = "search"
	ToStop ID = "to-stop"

	// The partnership check.
	Rate        ID = "rate"
	Skip        ID = "skip"
	OutcomeNote ID = "outcome-note"
	Choose      ID = "choose"
	Again       ID = "again"
	Views       ID = "views"
	LeaveCheck  ID = "leave-check"
	MakeTension ID = "make-tension"
	MakeCommit  ID = "make-commitment"
	Scroll      ID = "scroll"
	OpenRoom    ID = "open-to-room"
	ForgetRoom  ID = "forget-room"
	RevealRoom  ID = "reveal-room"

	// The room's notes, from the participants' page.
	FromRoom   ID = "from-room"
	LetThrough ID = "let-through"
	MendHeld   ID = "mend-held"
	Discard    ID = "discard"
	PickHeld   ID = "pick-held"
	RoomPage   ID = "room-page"

	// The go-around.
	GoAround  ID = "go-around"
	Spoke     ID = "spoke"
	Pass      ID = "pass"
	Roster    ID = "roster"
	ShowNext  ID = "show-next"
	PickTurn  ID = "pick-turn"
	LeaveTurn ID = "leave-go-around"

	// What the team keeps.
	Team       ID = "team"
	MakeNorm   ID = "make-norm"
	NewNorm    ID = "new-norm"
	Reword     ID = "reword"
	Retire     ID = "retire"
	Restore    ID = "restore"
	Define     ID = "define"
	PickInTeam ID = "pick-in-team"

	// The summary and the help.
	NextPage ID = "next-page"
	PrevPage ID = "previous-page"
	HelpBack ID = "help-back"

	// The box being typed into, and questions.
	Save    ID = "save"
	Newline ID = "newline"
	Cancel  ID = "cancel"
	Yes     ID = "yes"
	No      ID = "no"
)

// roomPages are where the keys that run the room work: every page of an
// open session, so the room's time never runs on unseen.
var roomPages = []Page{AtStop, InPresenter, OnBoard, InCheck, InResults, InTrend}

// minutesPages are where e writes the minutes: every page of a session
// but the two whose own e changes the entry picked (mend a note from the
// room, reword a norm).
var minutesPages = slices.DeleteFunc(slices.Clone(sessionPages), func(p Page) bool { return p == InRoom || p == InTeam })

// Reasons an action has no word, or no key, said once.
const (
	lineIsTheBox   = "in plain lines the line typed is the box"
	listsAreRead   = "in plain lines lists are read out whole, numbered"
	noScreen       = "plain lines have no screen to turn or scroll"
	statusBar      = "the status bar always shows it"
	screenAlwaysOn = "the screen always shows the question"
)

// All is the table: every action, in the order the help lists them.
var All = Table{
	// Where the room is.
	{ID: Where, NoKey: statusBar, Word: "where", Does: "the stop, its time, and how many notes and board entries"},
	{ID: Time, NoKey: statusBar, Word: "time", Does: "how the timer stands"},
	{ID: Who, NoKey: statusBar, Word: "who", Does: "who is here"},

	// Running the room.
	{ID: Timer, Keys: []Key{{Keys: []string{" "}, Help: "space", Does: "start/pause timer", Pages: roomPages}},
		Word: "start", Words: []string{"pause"}, Does: "start or pause the stop's timer",
		Kind: model.KindToggleTimer, Changes: true,
		Build: func(c Context) (model.Command, error) {
			switch c.Word {
			case "start":
				return model.StartTimer{}, nil
			case "pause":
				return model.PauseTimer{}, nil
			}
			return model.ToggleTimer{}, nil
		}},
	{ID: Plan, Keys: []Key{
		{Keys: []string{"+", "="}, Help: "+", Does: "add a minute", Pages: roomPages, Arg: "1"},
		{As: "less", Keys: []string{"-", "_"}, Help: "-", Does: "remove a minute", Pages: roomPages, Arg: "-1"},
	}, Word: "add", Args: "N", Does: "add N minutes to the stop's plan (add -2 takes two away)",
		Kind: model.KindExtendTimer, Changes: true,
		Build: func(c Context) (model.Command, error) {
			n, err := minutes(c.Arg)
			if err != nil {
				return nil, err
			}
			return model.ExtendTimer{By: time.Duration(n) * time.Minute}, nil
		}},
	{ID: Reset, Keys: []Key{{Keys: []string{"r"}, Help: "r", Does: "reset timer", Pages: []Page{AtStop, InPresenter}}},
		Word: "reset", Does: "reset the stop's timer to zero (asks first)",
		Kind: model.KindResetTimer, Changes: true, Yes: "reset it", No: "Not reset.",
		Ask: func(c Context) string {
			return "Reset the timer of " + c.Session.CurrentStop().Name + " to zero? The time spent there so far is forgotten."
		},
		Build: func(Context) (model.Command, error) { return model.ResetTimer{}, nil }},
	{ID: Next, Keys: []Key{{Keys: []string{"]"}, Help: "]", Does: "next stop", Pages: roomPages}},
		Word: "next", Does: "go on to the next stop; after the last, close the session (asks first)",
		Kind: model.KindNextStop, Changes: true, Yes: "close it", No: "Not closed.",
		Ask: func(c Context) string {
			if atLastStop(c.Session) {
				return "That was the last stop. Close the session and show the summary?" + stillWaiting(c.Session)
			}
			return ""
		},
		Build: func(c Context) (model.Command, error) {
			if atLastStop(c.Session) {
				return model.CloseSession{}, nil
			}
			return model.NextStop{}, nil
		}},
	{ID: Back, Keys: []Key{{Keys: []string{"["}, Help: "[", Does: "previous stop", Pages: roomPages}},
		Word: "back", Does: "go back a stop",
		Kind: model.KindPrevStop, Changes: true,
		Build: func(Context) (model.Command, error) { return model.PrevStop{}, nil }},
	{ID: GoTo, Keys: []Key{{Keys: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, Help: "1–9", Does: "go to that stop", Pages: []Page{AtStop, InPresenter, OnBoard}, Arg: KeyArg}},
		Word: "go", Args: "N", Does: "go to stop N",
		Kind: model.KindGoToStop, Changes: true,
		Build: func(c Context) (model.Command, error) {
			i, err := stopNumber(c.Session, c.Arg)
			if err != nil {
				return nil, err
			}
			return model.GoToStop{Key: c.Session.Stops[i].Key}, nil
		}},
	{ID: Close, NoKey: "] after the last stop asks to close", Word: "close", Does: "close the session (asks first)",
		Kind: model.KindCloseSession, Changes: true, Yes: "close it", No: "Not closed.",
		Ask: func(c Context) string {
			return "Close the session? It is kept as it is, and can be reopened." + stillWaiting(c.Session)
		},
		Build: func(Context) (model.Command, error) { return model.CloseSession{}, nil }},

	// Capturing.
	{ID: Note, Keys: []Key{{Keys: []string{"n"}, Help: "n", Does: "write a note", Pages: []Page{AtStop, OnBoard, InPresenter}}},
		Word: "note", Args: "TEXT", Does: "write a note at this stop (said:Name records who said it)",
		Kind: model.KindAddNote,
		Text: &Text{Title: func(c Context) string { return "New note at " + c.Session.CurrentStop().Name },
			Placeholder: "What was said? Add said:Name only if the speaker wants it recorded."},
		Build: func(c Context) (model.Command, error) {
			said, text := model.ParseNoteLine(c.Arg)
			return model.AddNote{Stop: c.Session.CurrentStop().Key, Said: said, Text: text}, nil
		}},
	{ID: Agreement, Keys: []Key{{Keys: []string{"a"}, Help: "a", Does: "agreement", Pages: []Page{AtStop, OnBoard, InPresenter}}},
		Word: "agree", Args: "TEXT", Does: "add an agreement",
		Kind: model.KindAddAgreement,
		Text: &Text{Title: func(c Context) string { return "New agreement (at " + c.Session.CurrentStop().Name + ")" }},
		Build: func(c Context) (model.Command, error) {
			return model.AddAgreement{Stop: c.Session.CurrentStop().Key, Text: c.Arg}, nil
		}},
	{ID: Tension, Keys: []Key{{Keys: []string{"t"}, Help: "t", Does: "tension", Pages: []Page{AtStop, OnBoard, InPresenter}}},
		Word: "tension", Args: "TEXT", Does: "add a tension",
		Kind: model.KindAddTension,
		Text: &Text{Title: func(c Context) string { return "New tension (at " + c.Session.CurrentStop().Name + ")" }},
		Build: func(c Context) (model.Command, error) {
			return model.AddTension{Stop: c.Session.CurrentStop().Key, Text: c.Arg}, nil
		}},
	{ID: Commitment, Keys: []Key{{Keys: []string{"c"}, Help: "c", Does: "commitment", Pages: []Page{AtStop, OnBoard, InPresenter}}},
		Word: "commit", Args: "TEXT @owner due:DATE", Does: "add a commitment (due:fri, due:+2w, due:2026-12-05)",
		Kind: model.KindAddCommitment,
		Text: &Text{Title: func(c Context) string {
			return "New commitment (at " + c.Session.CurrentStop().Name + "): what, @who, due:when"
		}, OneLine: true, Placeholder: commitmentPlaceholder},
		Ask: func(c Context) string {
			line, err := model.ParseCommitmentLine(c.Arg, c.Today)
			if err != nil {
				return ""
			}
			return pastDue(line.Due, model.Date{}, c.Today)
		}, Yes: "keep it", No: "Not added: give it another date.",
		Build: func(c Context) (model.Command, error) {
			line, err := model.ParseCommitmentLine(c.Arg, c.Today)
			if err != nil {
				return nil, err
			}
			return model.AddCommitment{Stop: c.Session.CurrentStop().Key, Text: line.Text, Owner: line.Owner, Due: line.Due.String()}, nil
		}},

	// At the stop.
	{ID: Notes, Keys: []Key{
		{Keys: []string{"up", "k"}, Help: "↑/k ↓/j", Does: "pick a note: enter edits, d deletes", Pages: []Page{AtStop}},
		{As: Older, Keys: []string{"up", "k", "pgup"}, Help: "↑/k", Does: "older notes", Pages: []Page{AtStop, LookingBack}},
	}, Word: "notes", Does: "the notes at this stop, numbered for edit and delete",
		Kind: model.KindSeeNotes},
	{ID: Newer, Keys: []Key{{Keys: []string{"down", "j", "pgdown"}, Help: "↓/j", Does: "newer notes", Pages: []Page{AtStop, LookingBack}}},
		NoWord: listsAreRead},
	{ID: Unpick, Keys: []Key{{Keys: []string{"esc"}, Help: "esc", Does: "done", Pages: []Page{AtStop}}},
		NoWord: listsAreRead},
	{ID: Edit, Keys: []Key{
		{Keys: []string{"enter"}, Help: "enter", Does: "edit the note", Pages: []Page{AtStop}},
		{Keys: []string{"enter"}, Help: "enter", Does: "edit text", Pages: []Page{OnBoard}},
	}, Word: "edit", Args: "N TEXT", Does: "change the words of entry N of the last list (a note's said:Name, a commitment's @owner due:DATE)",
		Kind: model.KindEditText, Target: TargetEntry,
		Text:  &Text{Title: editTitle, Value: editValue},
		Build: buildEdit},
	{ID: Delete, Keys: []Key{
		{Keys: []string{"d", "delete"}, Help: "d", Does: "delete it", Pages: []Page{AtStop}},
		{Keys: []string{"d", "delete"}, Help: "d", Does: "delete", Pages: []Page{OnBoard}},
	}, Word: "delete", Args: "N", Does: "delete entry N (asks first; undo brings it back)",
		Kind: model.KindRemoveItem, Target: TargetEntry, Changes: true, Yes: "delete it", No: "Not deleted.",
		Ask: func(c Context) string {
			kind, text := entryText(c.Session, c.Entry)
			return "Delete this " + string(kind) + "? (undo brings it back)\n“" + present.Short(text, 60) + "”"
		},
		Build: func(c Context) (model.Command, error) { return model.RemoveItem{ID: c.Entry}, nil }},
	{ID: Undo, Keys: []Key{{Keys: []string{"u"}, Help: "u", Does: "undo", Pages: []Page{AtStop, OnBoard, InGoAround}}},
		Word: "undo", Does: "undo your last change to a note or the board, and say what it was",
		Kind: model.KindUndo, Changes: true,
		Build: func(Context) (model.Command, error) { return model.UndoBoard{}, nil }},
	{ID: Redo, Keys: []Key{{Keys: []string{"U", "ctrl+r"}, Help: "U", Does: "redo", Pages: []Page{AtStop, OnBoard, InGoAround}}},
		Word: "redo", Does: "do again what you last undid",
		Kind: model.KindRedo, Changes: true,
		Build: func(Context) (model.Command, error) { return model.RedoBoard{}, nil }},
	{ID: Walk, Keys: []Key{{Keys: []string{"w"}, Help: "w", Does: "walk through carried items", Pages: []Page{AtStop, OnBoard}}},
		Word: "carried", Does: "the items carried from last time, numbered, for done, drop, resolve and owner",
		Kind: model.KindSeeBoard},
	{ID: FromRoom, Keys: []Key{{Keys: []string{"R"}, Help: "R", Does: "notes from the room", Pages: []Page{AtStop, OnBoard}}},
		Word: "room", Does: "the notes waiting from the room's phones, numbered, for let and discard",
		Kind: model.KindLetThrough},
	{ID: LetThrough, Keys: []Key{{Keys: []string{"l", "enter"}, Help: "l", Does: "let it through", Pages: []Page{InRoom}}},
		Word: "let", Args: "N [TEXT]", Does: "let note N from the room through, as it is or in the words given: it becomes a note with no name",
		Kind: model.KindLetThrough, Target: TargetHeld, Changes: true,
		Build: func(c Context) (model.Command, error) {
			return model.LetThrough{ID: c.Entry, Text: c.Arg}, nil
		}},
	{ID: MendHeld, Keys: []Key{{Keys: []string{"e"}, Help: "e", Does: "mend it, then let it through", Pages: []Page{InRoom}}},
		NoWord: "let N TEXT lets it through in the words given", Kind: model.KindLetThrough, Target: TargetHeld,
		Text: &Text{Title: func(Context) string {
			return "Mend the note from the room, then enter lets it through (a name in it, a typo)"
		}, Value: func(c Context) string {
			h, _ := c.Session.Room.HeldNote(c.Entry)
			return h.Text
		}},
		Build: func(c Context) (model.Command, error) {
			return model.LetThrough{ID: c.Entry, Text: c.Arg}, nil
		}},
	{ID: Discard, Keys: []Key{{Keys: []string{"x", "d", "delete"}, Help: "x", Does: "discard it", Pages: []Page{InRoom}}},
		Word: "discard", Args: "N", Does: "discard note N from the room: it leaves no trace",
		Kind: model.KindDiscardHeld, Target: TargetHeld, Changes: true,
		Build: func(c Context) (model.Command, error) {
			return model.DiscardHeld{ID: c.Entry}, nil
		}},
	{ID: PickHeld, Keys: []Key{
		{Keys: []string{"up", "k", "down", "j"}, Help: "↑/↓", Does: "pick a note", Pages: []Page{InRoom}},
		{As: "back", Keys: []string{"esc", "R"}, Help: "esc", Does: "back", Pages: []Page{InRoom}},
	}, NoWord: listsAreRead},
	// The go-around.
	{ID: GoAround, Keys: []Key{{Keys: []string{"g"}, Help: "g", Does: "go-around", Pages: []Page{AtStop}}},
		Word: "go-around", Words: []string{"around"}, Does: "who is still to be invited to speak at this stop, least heard first",
		Kind: model.KindMarkTurn},
	{ID: Spoke, Keys: []Key{{Keys: []string{"s", "enter"}, Help: "s", Does: "spoke", Pages: []Page{InGoAround}}},
		Word: "spoke", Args: "NAME", Does: "mark that NAME spoke at this stop (undo takes it back)",
		Kind: model.KindMarkTurn, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if strings.TrimSpace(c.Arg) == "" {
				return nil, errors.New("spoke NAME: whose turn was it? go-around reads the names")
			}
			return model.MarkTurn{Name: c.Arg}, nil
		}},
	{ID: Pass, Keys: []Key{{Keys: []string{"p"}, Help: "p", Does: "passed", Pages: []Page{InGoAround}}},
		Word: "pass", Args: "NAME", Does: "mark that NAME passed at this stop: a pass is respected, never counted against anyone",
		Kind: model.KindMarkTurn, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if strings.TrimSpace(c.Arg) == "" {
				return nil, errors.New("pass NAME: who passed? go-around reads the names")
			}
			return model.MarkTurn{Name: c.Arg, Passed: true}, nil
		}},
	{ID: Roster, Keys: []Key{{Keys: []string{"r"}, Help: "r", Does: "who is in the room", Pages: []Page{InGoAround}}},
		Word: "roster", Args: "NAMES", Does: "set who is in the room for the go-around: first names or initials, with commas between",
		Kind: model.KindSetRoster, Changes: true,
		Text: &Text{Title: func(Context) string {
			return "Who is in the room? First names or initials, with commas between (the next session starts with them)"
		}, Value: func(c Context) string { return strings.Join(c.Session.Roster, ", ") }, OneLine: true, MayBeEmpty: true,
			Placeholder: "Ana, Lee, Sam"},
		Build: func(c Context) (model.Command, error) {
			return model.SetRoster{Names: strings.Split(c.Arg, ",")}, nil
		}},
	{ID: ShowNext, Keys: []Key{{Keys: []string{"o"}, Help: "o", Does: "show who is next on the presenter", Pages: []Page{InGoAround}}},
		Word: "shownext", Args: "on|off", Does: "show (or hide) on the presenter who is next in the go-around",
		Kind: model.KindShowGoAround, Changes: true,
		Build: func(c Context) (model.Command, error) {
			switch strings.TrimSpace(c.Arg) {
			case "on":
				return model.ShowGoAround{On: true}, nil
			case "off":
				return model.ShowGoAround{}, nil
			case "":
				return model.ShowGoAround{On: !c.Session.GoAroundShown}, nil
			}
			return nil, errors.New("shownext on, or shownext off")
		}},
	{ID: PickTurn, Keys: []Key{
		{Keys: []string{"up", "k", "down", "j"}, Help: "↑/↓", Does: "pick a person", Pages: []Page{InGoAround}},
	}, NoWord: "spoke and pass take the name"},
	{ID: LeaveTurn, Keys: []Key{{Keys: []string{"esc", "g"}, Help: "esc", Does: "back to the stop", Pages: []Page{InGoAround, InTeam}}},
		NoWord: "plain lines have no pages: every word works at once"},

	// What the team keeps.
	{ID: Team, Keys: []Key{{Keys: []string{"T"}, Help: "T", Does: "team norms and definitions", Pages: []Page{AtStop, OnBoard}}},
		Word: "norms", Words: []string{"definitions"}, Does: "the team's standing norms, numbered, and what it means by its concepts, with dates"},
	{ID: MakeNorm, Keys: []Key{{Keys: []string{"N"}, Help: "N", Does: "make it a team norm", Pages: []Page{OnBoard}}},
		Word: "norm", Args: "N|TEXT", Does: "make agreement N of the board a standing norm of the team, or write one in the words given: it comes up in every later session",
		Kind: model.KindMakeNorm, Target: TargetEntry, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if kindOf(c) != model.KindAgreement {
				return nil, errors.New("a norm is made from an agreement: pick one in the agreements")
			}
			return model.MakeNorm{Agreement: c.Entry}, nil
		}},
	{ID: NewNorm, Keys: []Key{{Keys: []string{"a"}, Help: "a", Does: "new norm", Pages: []Page{InTeam}}},
		NoWord: "norm TEXT writes one in the words given",
		Kind:   model.KindMakeNorm, Changes: true,
		Text:  &Text{Title: func(Context) string { return "A new norm of the team: how we work together, in a sentence" }, OneLine: true},
		Build: func(c Context) (model.Command, error) { return model.MakeNorm{Text: c.Arg}, nil }},
	{ID: Reword, Keys: []Key{{Keys: []string{"e", "enter"}, Help: "e", Does: "reword the norm", Pages: []Page{InTeam}}},
		Word: "reword", Args: "N TEXT", Does: "reword norm N; the earlier words are kept, dated",
		Kind: model.KindEditNorm, Target: TargetNorm, Changes: true,
		Text: &Text{Title: func(Context) string { return "Reword the norm (its earlier words are kept, dated)" }, Value: func(c Context) string {
			if i, ok := c.Session.Norm(c.Entry); ok {
				return c.Session.Norms[i].Text()
			}
			return ""
		}, OneLine: true},
		Build: func(c Context) (model.Command, error) { return model.EditNorm{ID: c.Entry, Text: c.Arg}, nil }},
	{ID: Retire, Keys: []Key{{Keys: []string{"x"}, Help: "x", Does: "retire the norm", Pages: []Page{InTeam}}},
		Word: "retire", Args: "N", Does: "retire norm N: it stays in the record, dated, and no longer comes up",
		Kind: model.KindRetireNorm, Target: TargetNorm, Changes: true, Yes: "retire it", No: "Still standing.",
		Ask: func(c Context) string {
			if i, ok := c.Session.Norm(c.Entry); ok {
				return "Retire the norm “" + present.Short(c.Session.Norms[i].Text(), 60) + "”? It stays in the record, dated."
			}
			return ""
		},
		Build: func(c Context) (model.Command, error) { return model.RetireNorm{ID: c.Entry}, nil }},
	{ID: Restore, Keys: []Key{{Keys: []string{"s"}, Help: "s", Does: "let a retired norm stand again", Pages: []Page{InTeam}}},
		Word: "restore", Args: "N", Does: "let retired norm N stand again",
		Kind: model.KindRetireNorm, Target: TargetNorm, Changes: true,
		Build: func(c Context) (model.Command, error) { return model.RetireNorm{ID: c.Entry, Restore: true}, nil }},
	{ID: Define, Keys: []Key{{Keys: []string{"d"}, Help: "d", Does: "write what we mean by it", Pages: []Page{InTeam}}},
		Word: "define", Args: "CONCEPT: TEXT", Does: "write what the team means by a concept (respect: …); earlier words are kept, dated",
		Kind: model.KindDefine, Changes: true,
		Text: &Text{Title: func(c Context) string {
			return "What do we mean by " + c.Concept + "? (earlier words are kept, dated)"
		}, Value: func(c Context) string {
			if d, ok := c.Session.DefinitionOf(c.Concept); ok {
				return d.Text()
			}
			return ""
		}},
		Build: func(c Context) (model.Command, error) {
			if c.Concept != "" {
				return model.Define{Concept: c.Concept, Text: c.Arg}, nil
			}
			concept, words, ok := strings.Cut(c.Arg, ":")
			if !ok {
				return nil, errors.New("define CONCEPT: TEXT, as in define respect: we let each other finish")
			}
			return model.Define{Concept: concept, Text: words}, nil
		}},
	{ID: PickInTeam, Keys: []Key{
		{Keys: []string{"up", "k", "down", "j"}, Help: "↑/↓", Does: "pick", Pages: []Page{InTeam}},
	}, NoWord: listsAreRead},
	{ID: RoomPage, Keys: []Key{{Keys: []string{"j"}, Help: "j", Does: "how to join from a phone", Pages: []Page{InPresenter}}},
		NoWord: "serve prints the participants' address when it starts, and the help lists it"},
	{ID: Presenter, Keys: []Key{
		{Keys: []string{"p"}, Help: "p", Does: "presenter view", Pages: []Page{AtStop}},
		{Keys: []string{"p"}, Help: "p", Does: "back", Pages: []Page{InPresenter}},
	}, Word: "prompts", Does: "what the room sees: the stop's description and its prompts"},
	{ID: Prompt, Keys: []Key{
		{Keys: []string{"left", "right"}, Help: "←/→", Does: "prompt", Pages: []Page{InPresenter}},
	}, NoWord: "prompts reads them all"},
	{ID: Hint, Keys: []Key{{Keys: []string{"i"}, Help: "i", Does: "hide/show the hint", Pages: []Page{AtStop}}},
		Word: "hint", Does: "the facilitator's hint for this stop",
		Kind: model.KindSeeHint},
	{ID: Check, Keys: []Key{{Keys: []string{"h"}, Help: "h", Does: "partnership check", Pages: []Page{AtStop}}},
		Word: "check", Does: "the partnership check, one outcome at a time (goes on where it was left)"},
	{ID: Review, Keys: []Key{
		{Keys: []string{"[", "]"}, Help: "[ ]", Does: "look through the stops", Pages: []Page{LookingBack}},
		{Keys: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, Help: "1–9", Does: "look at that stop", Pages: []Page{LookingBack}},
	},
		NoWord: "a closed session's stops are read with where and notes after go N"},
	{ID: Board, Keys: []Key{
		{Keys: []string{"b"}, Help: "b", Does: "board", Pages: []Page{AtStop, LookingBack, OnBoard, InPresenter, InRoom, InGoAround, InTeam, InCheck, InResults, InTrend}},
	}, Word: "board", Does: "the board, numbered: agreements, tensions, commitments",
		Kind: model.KindSeeBoard},
	{ID: Calendar, Keys: []Key{{Keys: []string{"i"}, Help: "i", Does: "commitments to a calendar file (.ics)", Pages: []Page{OnBoard}}},
		Word: "calendar", Does: "write the open commitments with a due date as a calendar file next to the session, to import into any calendar",
		Kind: model.KindWriteMinutes},
	{ID: Minutes, Keys: []Key{{Keys: []string{"e"}, Help: "e", Does: "write minutes", Pages: minutesPages}},
		Word: "minutes", Does: "write the minutes next to the session file",
		Kind: model.KindWriteMinutes, Changes: true},

	// On the board.
	{ID: Left, Keys: []Key{{Keys: []string{"left", "h"}, Help: "←/h", Does: "column left", Pages: []Page{OnBoard}}}, NoWord: listsAreRead},
	{ID: Right, Keys: []Key{{Keys: []string{"right", "l"}, Help: "→/l", Does: "column right", Pages: []Page{OnBoard}}}, NoWord: listsAreRead},
	{ID: Up, Keys: []Key{{Keys: []string{"up", "k"}, Help: "↑/k", Does: "up", Pages: []Page{OnBoard}}}, NoWord: listsAreRead},
	{ID: Down, Keys: []Key{{Keys: []string{"down", "j"}, Help: "↓/j", Does: "down", Pages: []Page{OnBoard}}}, NoWord: listsAreRead},
	{ID: Move, Keys: []Key{{Keys: []string{"m"}, Help: "m", Does: "move to column", Pages: []Page{OnBoard}}},
		Word: "move", Args: "N KIND", Does: "move entry N to the agreements, tensions or commitments",
		Kind: model.KindMoveItem, Target: TargetEntry, Changes: true,
		Build: func(c Context) (model.Command, error) {
			to, ok := KindNamed(c.Arg)
			if !ok {
				return nil, errors.New("move N KIND: to agreements, tensions or commitments")
			}
			return model.MoveItem{ID: c.Entry, To: to}, nil
		}},
	{ID: Resolve, Keys: []Key{{Keys: []string{"r"}, Help: "r", Does: "resolve tension", Pages: []Page{OnBoard}}},
		Word: "resolve", Args: "N", Does: "tension N is resolved (r again on the board reopens it)",
		Kind: model.KindResolveTension, Target: TargetEntry, Changes: true,
		Build: func(c Context) (model.Command, error) {
			t, ok := tensionOf(c)
			if !ok {
				return nil, fmt.Errorf("resolve is for tensions; that is %s", present.A(string(kindOf(c))))
			}
			if t.Status == model.TensionResolved && !c.Line {
				return model.ReopenTension{ID: c.Entry}, nil
			}
			return model.ResolveTension{ID: c.Entry}, nil
		}},
	{ID: Done, Keys: []Key{{Keys: []string{"v"}, Help: "v", Does: "commitment done", Pages: []Page{OnBoard}}},
		Word: "done", Args: "N", Does: "commitment N is done (v again on the board opens it again)",
		Kind: model.KindSetStatus, Target: TargetEntry, Changes: true,
		Build: func(c Context) (model.Command, error) {
			cm, ok := commitmentOf(c)
			if !ok {
				return nil, fmt.Errorf("that is %s, not a commitment", present.A(string(kindOf(c))))
			}
			status := model.CommitmentDone
			if cm.Status == model.CommitmentDone && !c.Line {
				status = model.CommitmentOpen
			}
			return model.SetCommitmentStatus{ID: c.Entry, Status: status}, nil
		}},
	{ID: Drop, Keys: []Key{{Keys: []string{"x"}, Help: "x", Does: "drop commitment", Pages: []Page{OnBoard}}},
		Word: "drop", Args: "N", Does: "drop commitment or tension N: the group lets it go (x again on the board takes it back)",
		Kind: model.KindSetStatus, Target: TargetEntry, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if t, ok := tensionOf(c); ok {
				if t.Status == model.TensionDropped && !c.Line {
					return model.ReopenTension{ID: c.Entry}, nil
				}
				return model.DropTension{ID: c.Entry}, nil
			}
			cm, ok := commitmentOf(c)
			if !ok {
				return nil, fmt.Errorf("drop is for commitments and tensions; that is %s", present.A(string(kindOf(c))))
			}
			status := model.CommitmentDropped
			if cm.Status == model.CommitmentDropped && !c.Line {
				status = model.CommitmentOpen
			}
			return model.SetCommitmentStatus{ID: c.Entry, Status: status}, nil
		}},
	{ID: Reopen, NoKey: "r, v or x again on the board; any change to a closed session asks to reopen it",
		Word: "reopen", Args: "[N]", Does: "open tension or commitment N again; with no N, the closed session",
		Target: TargetOptionalEntry, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if c.Entry == "" {
				return model.ReopenSession{}, nil
			}
			if _, ok := tensionOf(c); ok {
				return model.ReopenTension{ID: c.Entry}, nil
			}
			if _, ok := commitmentOf(c); ok {
				return model.SetCommitmentStatus{ID: c.Entry, Status: model.CommitmentOpen}, nil
			}
			return nil, errors.New("reopen N is for tensions and commitments")
		}},
	{ID: Owner, Keys: []Key{{Keys: []string{"o"}, Help: "o", Does: "owner", Pages: []Page{OnBoard}}},
		Word: "owner", Args: "N NAME", Does: "who takes commitment N on (no name: nobody yet)",
		Kind: model.KindSetOwner, Target: TargetEntry,
		Text: &Text{Title: func(c Context) string {
			_, text := entryText(c.Session, c.Entry)
			return "Who owns “" + present.OneLine(text) + "”?"
		}, Value: func(c Context) string {
			cm, _ := commitmentOf(c)
			return cm.Owner
		}, OneLine: true, MayBeEmpty: true, Placeholder: "Who takes this on? Empty for nobody yet."},
		Build: func(c Context) (model.Command, error) {
			if _, ok := commitmentOf(c); !ok {
				return nil, fmt.Errorf("an owner is for commitments; that is %s", present.A(string(kindOf(c))))
			}
			return model.SetOwner{ID: c.Entry, Owner: strings.TrimPrefix(strings.TrimSpace(c.Arg), "@")}, nil
		}},
	{ID: Due, Keys: []Key{{Keys: []string{"D"}, Help: "D", Does: "due date", Pages: []Page{OnBoard}}},
		Word: "due", Args: "N DATE", Does: "when commitment N is due (no date: none)",
		Kind: model.KindSetDue, Target: TargetEntry,
		Text: &Text{Title: func(c Context) string {
			_, text := entryText(c.Session, c.Entry)
			return "When is “" + present.OneLine(text) + "” due?"
		}, Value: func(c Context) string {
			cm, _ := commitmentOf(c)
			return cm.Due.String()
		}, OneLine: true, MayBeEmpty: true, Placeholder: "2026-12-05, today, tomorrow, fri, +3d, +2w, +1m; empty for none"},
		Ask: func(c Context) string {
			cm, ok := commitmentOf(c)
			d, err := model.ParseDue(c.Arg, c.Today)
			if !ok || err != nil {
				return ""
			}
			return pastDue(d, cm.Due, c.Today)
		}, Yes: "keep it", No: "Not changed: give it another date.",
		Build: func(c Context) (model.Command, error) {
			if _, ok := commitmentOf(c); !ok {
				return nil, fmt.Errorf("a due date is for commitments; that is %s", present.A(string(kindOf(c))))
			}
			d, err := model.ParseDue(c.Arg, c.Today)
			if err != nil {
				return nil, err
			}
			return model.SetDue{ID: c.Entry, Due: d.String()}, nil
		}},
	{ID: Filter, Keys: []Key{{Keys: []string{"f"}, Help: "f", Does: "filter by stop", Pages: []Page{OnBoard}}},
		NoWord: "notes lists a stop's notes after go N; the board is read whole"},
	{ID: Search, Keys: []Key{{Keys: []string{"/"}, Help: "/", Does: "search", Pages: []Page{OnBoard}}},
		NoWord: "the board is read whole, numbered"},
	{ID: ToStop, Keys: []Key{
		{Keys: []string{"esc"}, Help: "esc", Does: "back to the stop", Pages: []Page{OnBoard, InPresenter}},
		{Keys: []string{"esc", "enter", "["}, Help: "esc", Does: "back to the stops", Pages: []Page{OnSummary}},
	}, NoWord: "plain lines have no pages: every word works at once"},

	// The partnership check.
	{ID: Rate, Keys: []Key{{Keys: []string{"1", "2", "3", "4", "5"}, Help: "1–5", Does: "rate and go on", Pages: []Page{InCheck}, Arg: KeyArg}},
		Word: "rate", Args: "1-5", Does: "rate the outcome, 1 not yet, 5 we live it, and go on to the next (a number alone does it too)",
		InCheck: true, Kind: model.KindRate, Target: TargetOutcome, Changes: true,
		Build: func(c Context) (model.Command, error) {
			n, ok := score(c.Arg)
			if !ok {
				return nil, errors.New("rate it 1 to 5: 1 is not yet, 5 is we live it; or skip")
			}
			return model.Rate{Outcome: c.Outcome, Label: c.OutcomeLabel, Score: n}, nil
		}},
	{ID: Skip, Keys: []Key{{Keys: []string{"s", "0"}, Help: "s/0", Does: "skip", Pages: []Page{InCheck}}},
		Word: "skip", Does: "skip the outcome and go on to the next",
		InCheck: true, Kind: model.KindSkipOutcome, Target: TargetOutcome, Changes: true,
		Build: func(c Context) (model.Command, error) {
			return model.SkipOutcome{Outcome: c.Outcome, Label: c.OutcomeLabel}, nil
		}},
	{ID: OutcomeNote, Keys: []Key{{Keys: []string{"n", "enter"}, Help: "n", Does: "note on it", Pages: []Page{InCheck}}},
		Word: "note", Args: "TEXT", Does: "the group's note on the outcome (the check stays on it; empty takes it away)",
		InCheck: true, Kind: model.KindNoteOutcome, Target: TargetOutcome,
		Text: &Text{Title: func(c Context) string {
			return "The group's note on “" + c.OutcomeLabel + "” (empty takes it away)"
		}, Value: func(c Context) string {
			if r, ok := c.Session.RatingOf(c.Outcome); ok {
				return r.Note
			}
			return ""
		}, OneLine: true, MayBeEmpty: true, Placeholder: "What the group said about it, in a line"},
		Build: func(c Context) (model.Command, error) {
			return model.NoteOutcome{Outcome: c.Outcome, Label: c.OutcomeLabel, Text: c.Arg}, nil
		}},
	{ID: Choose, Keys: []Key{
		{Keys: []string{"up", "k", "down", "j"}, Help: "↑/↓", Does: "choose", Pages: []Page{InCheck, InResults}},
	}, Word: "next", Words: []string{"back"}, InCheck: true, Does: "next goes on to the next outcome without answering; back goes to the one before"},
	{ID: Again, NoKey: screenAlwaysOn, Word: "again", Words: []string{"repeat"}, InCheck: true, Does: "the question again"},
	{ID: Views, Keys: []Key{
		{Keys: []string{"tab"}, Help: "tab", Does: "results, trend", Pages: []Page{InCheck, InResults, InTrend}},
		{As: "back", Keys: []string{"shift+tab"}, Help: "shift+tab", Does: "back a view", Pages: []Page{InCheck, InResults, InTrend}},
	}, Word: "results", Words: []string{"trend"}, Does: "results: the check's results, weakest first; trend: each outcome's scores across the team's sessions"},
	{ID: LeaveCheck, Keys: []Key{{Keys: []string{"esc"}, Help: "esc", Does: "back to the stop", Pages: []Page{InCheck, InResults, InTrend}}},
		Word: "stop", InCheck: true, Does: "leave the check, saying how far it came; check goes on from there"},
	{ID: MakeTension, Keys: []Key{{Keys: []string{"t"}, Help: "t", Does: "make it a tension", Pages: []Page{InResults}}},
		NoWord: "tension TEXT after results", Kind: model.KindAddTension},
	{ID: MakeCommit, Keys: []Key{{Keys: []string{"c"}, Help: "c", Does: "make it a commitment", Pages: []Page{InResults}}},
		NoWord: "commit TEXT @owner due:DATE after results", Kind: model.KindAddCommitment},
	{ID: OpenRoom, Keys: []Key{
		{Keys: []string{"o"}, Help: "o", Does: "open it to the room", Pages: []Page{InCheck}},
		{As: "all", Keys: []string{"O"}, Help: "O", Does: "open the whole check to the room", Pages: []Page{InCheck}, Arg: "all"},
	}, Word: "open", Args: "[all]", Does: "open the outcome being asked (or, with all, the whole check) to the room's phones: each answers once, and nothing shows until you reveal",
		InCheck: true, Kind: model.KindOpenToRoom, Target: TargetOutcome, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if strings.TrimSpace(c.Arg) == "all" {
				return model.OpenToRoom{Questions: c.Outcomes}, nil
			}
			return model.OpenToRoom{Questions: []model.RoomQuestion{{Outcome: c.Outcome, Label: c.OutcomeLabel}}}, nil
		}},
	{ID: RevealRoom, Keys: []Key{{Keys: []string{"r"}, Help: "r", Does: "show the room's answers", Pages: []Page{InCheck}}},
		Word: "reveal", Args: "[all]", Does: "close the outcome to the room and show its answers: how many at each score, the median and the spread (all: every outcome open)",
		InCheck: true, Kind: model.KindRevealRoom, Target: TargetOutcome, Changes: true,
		Build: func(c Context) (model.Command, error) {
			if strings.TrimSpace(c.Arg) == "all" || !c.Session.Room.IsOpen(c.Outcome) {
				return model.RevealRoom{}, nil
			}
			return model.RevealRoom{Outcome: c.Outcome}, nil
		}},
	{ID: ForgetRoom, Keys: []Key{{Keys: []string{"x"}, Help: "x", Does: "close it to the room unshown", Pages: []Page{InCheck}}},
		Word: "forget", Args: "[all]", Does: "close the outcome (all: every outcome) to the room without showing its answers, which are forgotten",
		InCheck: true, Kind: model.KindCloseToRoom, Target: TargetOutcome, Changes: true,
		Ask: func(c Context) string {
			if strings.TrimSpace(c.Arg) == "all" {
				return "Close the check to the room without showing its answers? They are forgotten."
			}
			return "Close “" + c.OutcomeLabel + "” to the room without showing its answers? They are forgotten."
		}, Yes: "forget them", No: "Still open to the room.",
		Build: func(c Context) (model.Command, error) {
			if strings.TrimSpace(c.Arg) == "all" {
				return model.CloseToRoom{}, nil
			}
			return model.CloseToRoom{Outcome: c.Outcome}, nil
		}},
	{ID: Scroll, Keys: []Key{
		{Keys: []string{"up", "k", "down", "j"}, Help: "↑/↓", Does: "scroll", Pages: []Page{InTrend, InHelp}},
		{Keys: []string{"pgup", "pgdown"}, Help: "pgup/pgdown", Does: "a page at a time", Pages: []Page{InHelp}},
	}, NoWord: noScreen},

	// The summary of a closed session, and the help.
	{ID: NextPage, Keys: []Key{{Keys: []string{"right", "l", "pgdown"}, Help: "→", Does: "next page", Pages: []Page{OnSummary}}}, NoWord: noScreen},
	{ID: PrevPage, Keys: []Key{{Keys: []string{"left", "h", "pgup"}, Help: "←", Does: "previous page", Pages: []Page{OnSummary}}}, NoWord: noScreen},
	{ID: HelpBack, Keys: []Key{{Keys: []string{"?", "esc", "enter"}, Help: "?/esc", Does: "back", Pages: []Page{InHelp}}}, NoWord: noScreen},
	{ID: Help, Keys: []Key{{Keys: []string{"?"}, Help: "?", Does: "all keys", Pages: sessionPages}},
		Word: "help", Does: "these words"},
	{ID: Quit, Keys: []Key{{Keys: []string{"q", "ctrl+c"}, Help: "q", Does: "quit (all saved)", Pages: append(append([]Page{}, sessionPages...), InHelp)}},
		Word: "quit", Does: "leave; everything is already saved (the end of the input does it too)", Changes: true},

	// The box and questions.
	{ID: Save, Keys: []Key{{Keys: []string{"enter"}, Help: "enter", Does: "save", Pages: []Page{InEntry}}}, NoWord: lineIsTheBox},
	{ID: Newline, Keys: []Key{{Keys: []string{"alt+enter", "ctrl+j"}, Help: "alt+enter/ctrl+j", Does: "new line", Pages: []Page{InEntry}}}, NoWord: lineIsTheBox},
	{ID: Cancel, Keys: []Key{
		{Keys: []string{"esc"}, Help: "esc", Does: "cancel", Pages: []Page{InEntry}},
		{Keys: []string{"esc"}, Help: "esc", Does: "back", Pages: []Page{InQuestion}},
	}, NoWord: lineIsTheBox},
	{ID: Yes, Keys: []Key{{Keys: []string{"y"}, Help: "y", Does: "yes", Pages: []Page{InQuestion}}},
		Word: "yes", Answer: true, Does: "answers a question that asks first"},
	{ID: No, Keys: []Key{{Keys: []string{"n"}, Help: "n", Does: "no", Pages: []Page{InQuestion}}},
		Word: "no", Answer: true, Does: "answers no (so does anything but yes)"},
}

const commitmentPlaceholder = "What will be done @Owner due:2026-12-05 (or due:fri, due:+2w, due:tomorrow)"

// pastDue asks once before a due date that has already gone by is kept
// (a year typed wrong, say), unless it is the date the commitment had.
func pastDue(due, was, today model.Date) string {
	if due.IsZero() || !due.Before(today) || due == was {
		return ""
	}
	return "Due " + present.Date(due, today) + " is " + present.Ago(due, today) + ": that day has gone by. Keep that date?"
}

func atLastStop(s *model.Session) bool { return s.Current == len(s.Stops)-1 && !s.IsClosed() }

// score reads a rating from 1 to 5.
func score(arg string) (int, bool) {
	arg = strings.TrimSpace(arg)
	if len(arg) != 1 || arg[0] < '0'+model.MinScore || arg[0] > '0'+model.MaxScore {
		return 0, false
	}
	return int(arg[0] - '0'), true
}

// stillWaiting warns, before the session closes, of notes from the room
// nobody has let through: they are kept only while Pit Stop runs.
func stillWaiting(s *model.Session) string {
	switch n := len(s.Room.Held); n {
	case 0:
		return ""
	case 1:
		return " A note from the room is still waiting (R): it is lost when Pit Stop ends unless let through."
	default:
		return " " + strconv.Itoa(n) + " notes from the room are still waiting (R): they are lost when Pit Stop ends unless let through."
	}
}

// KindNamed reads a board column from its name or the start of it.
func KindNamed(s string) (model.Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range []model.Kind{model.KindAgreement, model.KindTension, model.KindCommitment} {
		if s != "" && (strings.HasPrefix(string(k)+"s", s) || strings.HasPrefix(s, string(k))) {
			return k, true
		}
	}
	return "", false
}

func kindOf(c Context) model.Kind {
	kind, _, _ := c.Session.Find(c.Entry)
	return kind
}

func tensionOf(c Context) (model.Tension, bool) {
	kind, i, ok := c.Session.Find(c.Entry)
	if !ok || kind != model.KindTension {
		return model.Tension{}, false
	}
	return c.Session.Tensions[i], true
}

func commitmentOf(c Context) (model.Commitment, bool) {
	kind, i, ok := c.Session.Find(c.Entry)
	if !ok || kind != model.KindCommitment {
		return model.Commitment{}, false
	}
	return c.Session.Commitments[i], true
}

// entryText is an entry's kind and words.
func entryText(s *model.Session, id string) (model.Kind, string) {
	for kind, it := range s.AllEntries() {
		if it.ID == id {
			return kind, it.Text
		}
	}
	return "", ""
}

func editTitle(c Context) string {
	kind, i, _ := c.Session.Find(c.Entry)
	switch kind {
	case model.KindNote:
		return "Edit the note of " + c.Session.Notes[i].Created.Format("15:04") + " (said:Name says who said it; take it out to leave the name off)"
	case model.KindCommitment:
		return "Edit the commitment: what, @who, due:when"
	}
	return "Edit the " + string(kind)
}

func editValue(c Context) string {
	kind, i, _ := c.Session.Find(c.Entry)
	switch kind {
	case model.KindNote:
		return model.NoteLine(c.Session.Notes[i])
	case model.KindCommitment:
		return CommitmentLine(c.Session.Commitments[i])
	}
	_, text := entryText(c.Session, c.Entry)
	return text
}

// buildEdit changes an entry's words. A note's box holds who said it as
// said:Name, so the box is the whole of it: taking said: out takes the
// name off. In plain lines the words alone are typed, so the name stays
// unless said:Name (or a bare said:) is given. A commitment's line is read
// again as when adding, keeping what it does not name.
func buildEdit(c Context) (model.Command, error) {
	kind, i, ok := c.Session.Find(c.Entry)
	if !ok {
		return nil, model.ErrNotFound
	}
	switch kind {
	case model.KindNote:
		n := c.Session.Notes[i]
		said, named, text := model.ReadSaid(c.Arg)
		if !named && c.Line {
			said = n.Said
		}
		return model.EditNote{ID: c.Entry, Text: text, Said: said}, nil
	case model.KindCommitment:
		cm := c.Session.Commitments[i]
		line, err := model.ParseCommitmentLine(c.Arg, c.Today)
		if err != nil {
			return nil, err
		}
		owner, due := line.Owner, line.Due
		switch {
		case owner == "" && c.Line:
			owner = cm.Owner // kept unless another is named; owner N with no name clears it
		case owner == "" && strings.ContainsAny(cm.Owner, " \t"):
			owner = cm.Owner // could not be written in the line: kept
		}
		if due.IsZero() && c.Line {
			due = cm.Due
		}
		return model.EditCommitment{ID: c.Entry, Text: line.Text, Owner: owner, Due: due.String()}, nil
	}
	return model.EditText{ID: c.Entry, Text: c.Arg}, nil
}

// CommitmentLine writes a commitment back as the one line that made it,
// so that editing it re-reads its owner and date as adding does: "Book the
// venue @Lee due:2026-12-04". An owner of several words cannot be written
// as one @word; it is kept unless the edited line names another.
func CommitmentLine(c model.Commitment) string {
	line := c.Text
	if c.Owner != "" && !strings.ContainsAny(c.Owner, " \t") {
		line += " @" + c.Owner
	}
	if !c.Due.IsZero() {
		line += " due:" + c.Due.String()
	}
	return line
}
