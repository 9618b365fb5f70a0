package model

// Each command's kind, for the permission table and for events; and, for
// commands that concern one entry, which.

func (AddNote) Kind() CommandKind             { return KindAddNote }
func (AddAgreement) Kind() CommandKind        { return KindAddAgreement }
func (AddTension) Kind() CommandKind          { return KindAddTension }
func (AddCommitment) Kind() CommandKind       { return KindAddCommitment }
func (EditText) Kind() CommandKind            { return KindEditText }
func (SetOwner) Kind() CommandKind            { return KindSetOwner }
func (SetDue) Kind() CommandKind              { return KindSetDue }
func (SetCommitmentStatus) Kind() CommandKind { return KindSetStatus }
func (ResolveTension) Kind() CommandKind      { return KindResolveTension }
func (ReopenTension) Kind() CommandKind       { return KindReopenTension }
func (RemoveItem) Kind() CommandKind          { return KindRemoveItem }
func (MoveItem) Kind() CommandKind            { return KindMoveItem }
func (UndoBoard) Kind() CommandKind           { return KindUndo }
func (RedoBoard) Kind() CommandKind           { return KindRedo }
func (EditNote) Kind() CommandKind            { return KindEditNote }
func (Rate) Kind() CommandKind                { return KindRate }
func (SkipOutcome) Kind() CommandKind         { return KindSkipOutcome }
func (NoteOutcome) Kind() CommandKind         { return KindNoteOutcome }
func (StartTimer) Kind() CommandKind          { return KindStartTimer }
func (PauseTimer) Kind() CommandKind          { return KindPauseTimer }
func (ToggleTimer) Kind() CommandKind         { return KindToggleTimer }
func (ResetTimer) Kind() CommandKind          { return KindResetTimer }
func (ExtendTimer) Kind() CommandKind         { return KindExtendTimer }
func (NextStop) Kind() CommandKind            { return KindNextStop }
func (PrevStop) Kind() CommandKind            { return KindPrevStop }
func (GoToStop) Kind() CommandKind            { return KindGoToStop }
func (CloseSession) Kind() CommandKind        { return KindCloseSession }
func (ReopenSession) Kind() CommandKind       { return KindReopenSession }
func (MarkOpened) Kind() CommandKind          { return KindMarkOpened }
func (ShiftClock) Kind() CommandKind          { return KindShiftClock }
func (MarkCarriedDone) Kind() CommandKind     { return KindMarkCarriedDone }
func (DropTension) Kind() CommandKind         { return KindDropTension }
func (EditCommitment) Kind() CommandKind      { return KindEditCommitment }

func (c EditText) itemID() string            { return c.ID }
func (c EditNote) itemID() string            { return c.ID }
func (c SetOwner) itemID() string            { return c.ID }
func (c SetDue) itemID() string              { return c.ID }
func (c SetCommitmentStatus) itemID() string { return c.ID }
func (c ResolveTension) itemID() string      { return c.ID }
func (c ReopenTension) itemID() string       { return c.ID }
func (c RemoveItem) itemID() string          { return c.ID }
func (c MoveItem) itemID() string            { return c.ID }
func (c MarkCarriedDone) itemID() string     { return c.ID }
func (c DropTension) itemID() string         { return c.ID }

func (c Rate) itemID() string        { return c.Outcome }
func (c SkipOutcome) itemID() string { return c.Outcome }
func (c NoteOutcome) itemID() string { return c.Outcome }
