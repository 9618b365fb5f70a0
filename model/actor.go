package model

import (
	"errors"
	"fmt"
	"sort"
)

// Role is what someone attached to a live session may do there.
type Role string

// The roles. The values are what the session file records as an entry's
// role and what a note-taker types as the SSH user name.
const (
	RoleFacilitator Role = "facilitator" // runs the room: everything
	RoleNotes       Role = "notes"       // writes notes and board entries
	RoleViewer      Role = "viewer"      // follows along, changes nothing
	// RoleSystem is Pit Stop itself making a time-driven change (a stop
	// that moves on by itself, a clock that stepped back). No person has it.
	RoleSystem Role = "system"
)

// Roles lists the roles a person can have, most powerful first.
var Roles = []Role{RoleFacilitator, RoleNotes, RoleViewer}

// legacyNoteTaker is how files written before roles were typed name the
// note-taker's role; it reads as RoleNotes.
const legacyNoteTaker = "note-taker"

// ParseRole reads a role as a file or an SSH user name spells it.
func ParseRole(s string) (Role, bool) {
	switch s {
	case string(RoleFacilitator):
		return RoleFacilitator, true
	case string(RoleNotes), legacyNoteTaker:
		return RoleNotes, true
	case string(RoleViewer), "view":
		return RoleViewer, true
	case string(RoleParticipant):
		return RoleParticipant, true
	}
	return "", false
}

// Noun is the role in words, as a sentence names the person: "the
// note-taker".
func (r Role) Noun() string {
	switch r {
	case RoleNotes:
		return "note-taker"
	case RoleViewer:
		return "viewer"
	case RoleSystem:
		return "Pit Stop"
	case RoleParticipant:
		return "room"
	case "":
		return "someone"
	}
	return string(r)
}

// Actor is who sends a command: a role, and a short name to show beside
// what they did (from an SSH key's comment, say). The owner of a live
// session stamps it on every entry it creates.
//
// Actors are compared whole (an undo history is kept per actor), so two
// people are two actors even when their names would read alike: ID tells
// them apart.
type Actor struct {
	Role Role
	Name string
	// ID is who the person is, whatever their name: the SHA256 fingerprint
	// of the key they joined with, or one id per join-code connection.
	// Empty for the host's own screen and for Pit Stop itself. It is not
	// saved; entries record the name.
	ID string
}

// Facilitator is the actor of the local screen when nobody else is named.
var Facilitator = Actor{Role: RoleFacilitator}

// System is Pit Stop itself, for time-driven changes.
var System = Actor{Role: RoleSystem, Name: "Pit Stop"}

// Label is how screens name the actor: its name, else its role's noun.
func (a Actor) Label() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Role.Noun()
}

// CommandKind names a kind of command, for the permission table and for
// events.
type CommandKind string

// The kinds of commands.
const (
	KindAddNote         CommandKind = "add-note"
	KindAddAgreement    CommandKind = "add-agreement"
	KindAddTension      CommandKind = "add-tension"
	KindAddCommitment   CommandKind = "add-commitment"
	KindEditText        CommandKind = "edit-text"
	KindSetOwner        CommandKind = "set-owner"
	KindSetDue          CommandKind = "set-due"
	KindSetStatus       CommandKind = "set-commitment-status"
	KindResolveTension  CommandKind = "resolve-tension"
	KindReopenTension   CommandKind = "reopen-tension"
	KindRemoveItem      CommandKind = "remove-item"
	KindMoveItem        CommandKind = "move-item"
	KindUndo            CommandKind = "undo"
	KindRate            CommandKind = "rate"
	KindSkipOutcome     CommandKind = "skip-outcome"
	KindNoteOutcome     CommandKind = "note-outcome"
	KindStartTimer      CommandKind = "start-timer"
	KindPauseTimer      CommandKind = "pause-timer"
	KindToggleTimer     CommandKind = "toggle-timer"
	KindResetTimer      CommandKind = "reset-timer"
	KindExtendTimer     CommandKind = "extend-timer"
	KindNextStop        CommandKind = "next-stop"
	KindPrevStop        CommandKind = "previous-stop"
	KindGoToStop        CommandKind = "go-to-stop"
	KindCloseSession    CommandKind = "close-session"
	KindReopenSession   CommandKind = "reopen-session"
	KindMarkOpened      CommandKind = "mark-opened"
	KindShiftClock      CommandKind = "shift-clock"
	KindMarkCarriedDone CommandKind = "mark-carried-done"
	KindDropTension     CommandKind = "drop-tension"
	KindEditCommitment  CommandKind = "edit-commitment"
	KindEditNote        CommandKind = "edit-note"
	KindRedo            CommandKind = "redo"
	KindSendRoomNote    CommandKind = "send-room-note"
	KindLetThrough      CommandKind = "let-through"
	KindDiscardHeld     CommandKind = "discard-held"
	KindOpenToRoom      CommandKind = "open-to-room"
	KindCloseToRoom     CommandKind = "close-to-room"
	KindAnswerRoom      CommandKind = "answer-room"
	KindRevealRoom      CommandKind = "reveal-room"
	KindSetRoster       CommandKind = "set-roster"
	KindMarkTurn        CommandKind = "mark-turn"
	KindStartGoAround   CommandKind = "start-go-around"
	KindShowGoAround    CommandKind = "show-go-around"
	KindMakeNorm        CommandKind = "make-norm"
	KindEditNorm        CommandKind = "edit-norm"
	KindRetireNorm      CommandKind = "retire-norm"
	KindDefine          CommandKind = "define"
)

// Kinds of what a person may see or do that changes nothing in the
// session: the permission table answers for them too, so that a screen
// and the line mode refuse the same things in the same words.
const (
	// KindSeeNotes: the stop view with its notes and who wrote them.
	KindSeeNotes CommandKind = "see-notes"
	// KindSeeHint: the facilitator's hint for a stop.
	KindSeeHint CommandKind = "see-hint"
	// KindSeeBoard: the whole board, tensions included.
	KindSeeBoard CommandKind = "see-board"
	// KindWriteMinutes: minutes written next to the session file.
	KindWriteMinutes CommandKind = "write-minutes"
)

// permissions is the one table of who may do what. Every command kind is
// in it (a test checks), so a new command cannot slip through unlisted.
var permissions = map[CommandKind][]Role{
	// What the room says and decides: the facilitator and the note-taker.
	KindAddNote:        {RoleFacilitator, RoleNotes},
	KindAddAgreement:   {RoleFacilitator, RoleNotes},
	KindAddTension:     {RoleFacilitator, RoleNotes},
	KindAddCommitment:  {RoleFacilitator, RoleNotes},
	KindEditText:       {RoleFacilitator, RoleNotes},
	KindSetOwner:       {RoleFacilitator, RoleNotes},
	KindSetDue:         {RoleFacilitator, RoleNotes},
	KindSetStatus:      {RoleFacilitator, RoleNotes},
	KindResolveTension: {RoleFacilitator, RoleNotes},
	KindReopenTension:  {RoleFacilitator, RoleNotes},
	KindDropTension:    {RoleFacilitator, RoleNotes},
	KindEditCommitment: {RoleFacilitator, RoleNotes},
	KindRemoveItem:     {RoleFacilitator, RoleNotes},
	KindMoveItem:       {RoleFacilitator, RoleNotes},
	KindUndo:           {RoleFacilitator, RoleNotes},
	KindRedo:           {RoleFacilitator, RoleNotes},
	KindEditNote:       {RoleFacilitator, RoleNotes},
	KindRate:           {RoleFacilitator, RoleNotes},
	KindSkipOutcome:    {RoleFacilitator, RoleNotes},
	KindNoteOutcome:    {RoleFacilitator, RoleNotes},
	// The room's notes wait for the facilitator or the note-taker.
	KindLetThrough:  {RoleFacilitator, RoleNotes},
	KindDiscardHeld: {RoleFacilitator, RoleNotes},
	// The room's part: a note, held; an answer to what is open to it.
	KindSendRoomNote: {RoleParticipant},
	KindAnswerRoom:   {RoleParticipant},
	// Opening the check to the room, and showing what it said: the
	// facilitator, who runs the room.
	KindOpenToRoom:  {RoleFacilitator},
	KindCloseToRoom: {RoleFacilitator},
	KindRevealRoom:  {RoleFacilitator},
	// The go-around and what the team keeps: whoever writes the room's
	// words; who is next goes on the projector at the facilitator's word.
	KindSetRoster:     {RoleFacilitator, RoleNotes},
	KindMarkTurn:      {RoleFacilitator, RoleNotes},
	KindStartGoAround: {RoleFacilitator, RoleNotes},
	KindShowGoAround:  {RoleFacilitator},
	KindMakeNorm:      {RoleFacilitator, RoleNotes},
	KindEditNorm:      {RoleFacilitator, RoleNotes},
	KindRetireNorm:    {RoleFacilitator, RoleNotes},
	KindDefine:        {RoleFacilitator, RoleNotes},
	// Marking a carried commitment done where it came from.
	KindMarkCarriedDone: {RoleFacilitator, RoleNotes},
	// Running the room: the facilitator; moving on when time is up, also
	// Pit Stop itself.
	KindStartTimer:    {RoleFacilitator},
	KindPauseTimer:    {RoleFacilitator},
	KindToggleTimer:   {RoleFacilitator},
	KindResetTimer:    {RoleFacilitator},
	KindExtendTimer:   {RoleFacilitator},
	KindNextStop:      {RoleFacilitator, RoleSystem},
	KindPrevStop:      {RoleFacilitator},
	KindGoToStop:      {RoleFacilitator},
	KindCloseSession:  {RoleFacilitator},
	KindReopenSession: {RoleFacilitator},
	KindMarkOpened:    {RoleFacilitator},
	KindShiftClock:    {RoleSystem},
	// What the room's view does not show: the notes and who spoke, the
	// tensions, the hint. A viewer is the room's view.
	KindSeeNotes:     {RoleFacilitator, RoleNotes},
	KindSeeBoard:     {RoleFacilitator, RoleNotes},
	KindSeeHint:      {RoleFacilitator},
	KindWriteMinutes: {RoleFacilitator, RoleNotes},
}

// ErrNotPermitted is wrapped by every refusal of the permission table.
var ErrNotPermitted = errors.New("not permitted for this role")

// Permit says whether someone with role r may send a command of this kind,
// and if not, why, in words meant for that person.
func Permit(r Role, kind CommandKind) error {
	roles, known := permissions[kind]
	if !known {
		return fmt.Errorf("%q is not a command Pit Stop knows (%w)", kind, ErrNotPermitted)
	}
	for _, allowed := range roles {
		if allowed == r {
			return nil
		}
	}
	switch {
	case kind == KindSendRoomNote || kind == KindAnswerRoom:
		return notPermitted("that is for the room, from the participants' page")
	case kind == KindSeeHint:
		return notPermitted("the hint is for the facilitator")
	case r == RoleViewer && (kind == KindSeeNotes || kind == KindSeeBoard):
		return notPermitted("you are following the room's view: the stop, its time, its prompts, and what the room agrees; the notes and the board stay with the facilitator and the note-taker")
	}
	switch r {
	case RoleParticipant:
		return notPermitted("from the participants' page you can send a note to the facilitator and answer what they open to the room")
	case RoleViewer:
		return notPermitted("you are following this session as a viewer: you see every change but cannot make one")
	case RoleNotes:
		return notPermitted("only the facilitator runs the timer and moves the stops; notes and board entries are yours to add")
	case RoleFacilitator:
		return notPermitted("that change is made by Pit Stop itself, not from a screen")
	}
	return notPermitted(fmt.Sprintf("the role %q may not change this session", r))
}

// notPermitted is a refusal said in the words given, that is
// ErrNotPermitted to errors.Is.
type notPermitted string

func (e notPermitted) Error() string { return string(e) }
func (e notPermitted) Unwrap() error { return ErrNotPermitted }

// CommandKinds lists every kind in the permission table, sorted, for tests
// and help texts.
func CommandKinds() []CommandKind {
	out := make([]CommandKind, 0, len(permissions))
	for k := range permissions {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
