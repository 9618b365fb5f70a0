// Package serve hosts one live session over SSH: each connection is one
// more client of the session's owner, with a role decided by the key it
// authenticated with, its own bubbletea program and its own renderer.
package serve

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
)

// allowed is a public key allowed in, with the short name its comment gives.
type allowed struct {
	key  gossh.PublicKey
	name string
}

// AllowList is, per role, the public keys that may join as it.
type AllowList map[model.Role][]allowed

// Empty reports whether no key at all may join.
func (l AllowList) Empty() bool {
	for _, keys := range l {
		if len(keys) > 0 {
			return false
		}
	}
	return true
}

// Count is how many keys may join as r.
func (l AllowList) Count(r model.Role) int { return len(l[r]) }

// AddFile adds the keys of an authorized_keys file for role r. A line that
// is not a key is an error with the file and line, rather than a key
// silently left out.
func (l AllowList) AddFile(r model.Role, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot read the %s keys: %w", r.Noun(), err)
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if err := l.add(r, string(line)); err != nil {
			return fmt.Errorf("%s:%d: %v", model.CleanLabel(path), i+1, err)
		}
	}
	return nil
}

// AddLines adds authorized_keys lines for role r, as the workshop config
// lists them; where says where they came from, for messages.
func (l AllowList) AddLines(r model.Role, where string, lines []string) error {
	for i, line := range lines {
		if err := l.add(r, line); err != nil {
			return fmt.Errorf("%s[%d]: %v", where, i, err)
		}
	}
	return nil
}

func (l AllowList) add(r model.Role, line string) error {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return nil
	}
	key, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return fmt.Errorf("not a public key in authorized_keys form (%v)", err)
	}
	l[r] = append(l[r], allowed{key: key, name: shortName(comment)})
	return nil
}

// shortName is the name a key's comment gives its holder: "dana" for
// "dana@laptop".
func shortName(comment string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(comment), "@")
	name = model.CleanLabel(name)
	if len([]rune(name)) > 24 {
		name = string([]rune(name)[:24])
	}
	return name
}

// find says whether key may join as r, and under what name.
func (l AllowList) find(r model.Role, key ssh.PublicKey) (allowed, bool) {
	if key == nil {
		return allowed{}, false
	}
	for _, a := range l[r] {
		if ssh.KeysEqual(a.key, key) {
			return a, true
		}
	}
	return allowed{}, false
}

// roleOf reads the role an SSH user name asks for.
func roleOf(user string) (model.Role, bool) {
	switch strings.ToLower(user) {
	case "facilitator":
		return model.RoleFacilitator, true
	case "notes", "note-taker", "notetaker":
		return model.RoleNotes, true
	case "view", "viewer":
		return model.RoleViewer, true
	}
	return "", false
}
