// Package sessions keeps workshop sessions outside memory: the TOML files in
// the sessions directory (list, load, save, lock) and the live session owner
// that applies every change in order, saves it and tells every attached
// view. It knows nothing of terminals.
package sessions

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"pitstop/internal/atomicfile"
	"pitstop/model"
)

// Ext is the file name extension of session files.
const Ext = ".toml"

// DirEnv is the environment variable that overrides the sessions directory.
const DirEnv = "PITSTOP_DIR"

// DefaultDir is where sessions live when no --dir is given: $PITSTOP_DIR, or
// pitstop/sessions in the user's XDG data directory.
func DefaultDir() string {
	if d := os.Getenv(DirEnv); d != "" {
		return d
	}
	xdg.Reload() // xdg reads the environment once at start; tests change it
	return filepath.Join(xdg.DataHome, "pitstop", "sessions")
}

// Store is a directory of session files.
type Store struct {
	dir   string
	key   []byte // seals the summary lines of the files it writes; nil: unsealed
	cache *summaryCache
	texts textCache // for Search
}

// Open opens the sessions directory, creating it on first use.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("no sessions directory given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot use %s for sessions: %w", dir, err)
	}
	st := &Store{dir: dir, key: loadSealKey(dir)}
	st.cache = loadSummaryCache(st.cachePath(), st.key)
	st.removeStaleTemps()
	return st, nil
}

// Dir is the directory the store keeps its files in.
func (st *Store) Dir() string { return st.dir }

// Path is the file of the session with this id.
func (st *Store) Path(id string) string { return filepath.Join(st.dir, id+Ext) }

var slugJunk = regexp.MustCompile(`[^a-z0-9]+`)

// NewID makes a readable, unique-enough id from a date and a title, such as
// 2026-11-22-partnership-kickoff-3f9c.
func NewID(title string, now time.Time) string {
	slug := strings.Trim(slugJunk.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(slug) > 40 {
		slug = strings.Trim(slug[:40], "-")
	}
	if slug == "" {
		slug = "session"
	}
	var b [2]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%s-%s", now.Format("2006-01-02"), slug, hex.EncodeToString(b[:]))
}

// Create writes a new session's first file. It refuses to replace an
// existing session.
func (st *Store) Create(s *model.Session) error {
	if _, err := os.Lstat(st.Path(s.ID)); err == nil {
		return fmt.Errorf("a session with id %s already exists", s.ID)
	}
	return st.Save(s)
}

// Save writes the session to its file in the store, st.Path(s.ID).
func (st *Store) Save(s *model.Session) error {
	if !model.ValidID(s.ID) {
		return fmt.Errorf("%q cannot name a session file", s.ID)
	}
	return st.SaveFile(st.Path(s.ID), s)
}

// SaveError is a save that failed: the file on disk is as it was.
type SaveError struct {
	Path string
	Err  error
}

func (e *SaveError) Error() string {
	return "could not save " + model.CleanLabel(filepath.Base(e.Path)) + ": " + Problem(e.Err)
}

func (e *SaveError) Unwrap() error { return e.Err }

// Problem says in plain words what went wrong with a file or the disk:
// "the disk is full", "the disk is read-only".
func Problem(err error) string {
	var se *SaveError
	if errors.As(err, &se) {
		err = se.Err
	}
	return ioProblem(err)
}

// SaveFile writes the session to path, which must be the real file (see
// RealPath), atomically and durably: to a temporary file in the same
// directory, fsynced, renamed over the old file, and then the directory is
// fsynced so the rename itself survives a power cut. A crash at any
// instant leaves the old file or the new one, never a torn one. A session
// that no longer passes its own checks is not written, so that Pit Stop's
// own save can never make a file that Pit Stop refuses to open.
func (st *Store) SaveFile(path string, s *model.Session) error {
	data, err := st.fileFor(path, s)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return &SaveError{Path: path, Err: err}
	}
	return nil
}

// fileFor is what saving s to path writes, or the *SaveError that keeps
// it from being written: a session that no longer passes its own checks.
func (st *Store) fileFor(path string, s *model.Session) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, &SaveError{Path: path, Err: fmt.Errorf("the session no longer passes its own checks (%v), so the file is left as it was", err)}
	}
	data, err := encode(s, st.key)
	if err != nil {
		return nil, &SaveError{Path: path, Err: err}
	}
	return data, nil
}

// RealPath is the file a session named by path is saved to: the path
// with every symbolic link followed, made absolute. Saving there (with the
// lock beside it) keeps a link a link, and makes two names for one file
// share one lock.
func RealPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("there is no session file %s", model.CleanLabel(path))
		}
		return "", fmt.Errorf("cannot open %s: %s", model.CleanLabel(path), ioProblem(err))
	}
	return filepath.Abs(real)
}

// Resolve turns what a person typed (a session id, or the path of a session
// file) into a file path. The copy of a file changed outside Pit Stop
// (NAME.toml.outside-edit-…) is a path too, though it does not end in
// .toml.
func (st *Store) Resolve(idOrPath string) string {
	if strings.HasSuffix(idOrPath, Ext) || strings.ContainsRune(idOrPath, os.PathSeparator) || strings.Contains(idOrPath, Ext+OutsideCopyInfix) {
		return idOrPath
	}
	return st.Path(idOrPath)
}

// Find is the file that holds the session with this id: the one named
// after it, else (a file renamed) the one a listing finds.
func (st *Store) Find(id string) (string, error) {
	if p := st.Path(id); model.ValidID(id) {
		if s, err := LoadFile(p); err == nil && s.ID == id {
			return p, nil
		}
	}
	list, err := st.List()
	if err != nil {
		return "", err
	}
	for _, s := range list {
		if !s.Broken() && s.ID == id {
			return s.Path, nil
		}
	}
	return "", fmt.Errorf("there is no session %s in %s", model.CleanLabel(id), model.CleanLabel(st.dir))
}

// Load reads the session with this id (or at this path).
func (st *Store) Load(idOrPath string) (*model.Session, error) {
	return LoadFile(st.Resolve(idOrPath))
}

// LoadFile reads and strictly decodes one session file. It never writes,
// and never blocks on something that is not a file.
func LoadFile(path string) (*model.Session, error) {
	data, _, err := readSessionFile(path)
	if err != nil {
		return nil, err
	}
	return Decode(path, data)
}

// tempFile matches the temporary files renameio leaves behind when a
// process dies between creating and renaming: "." + target name + digits.
var tempFile = regexp.MustCompile(`^\..+\` + Ext + `[0-9]+$`)

// removeStaleTemps deletes temporary files older than a minute, which only a
// killed process leaves behind. Younger ones may belong to a live save.
func (st *Store) removeStaleTemps() {
	entries, err := os.ReadDir(st.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !tempFile.MatchString(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Minute {
			_ = os.Remove(filepath.Join(st.dir, e.Name()))
		}
	}
}

// Loader reads saved sessions of this directory by id, for what follows a
// carried item back to where it was made (the calendar's UIDs).
func (st *Store) Loader() func(id string) (*model.Session, error) {
	return func(id string) (*model.Session, error) {
		path, err := st.Find(id)
		if err != nil {
			return nil, err
		}
		return LoadFile(path)
	}
}
