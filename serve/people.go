package serve

import (
	"fmt"
	"strings"
	"sync"

	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
)

// people gives everyone who joins an identity of their own and a name no
// one else has: a key is one person (its fingerprint), whatever its
// comment says, and so is each connection that joined with the code. Two
// keys whose comments give the same name are told apart on screen as
// "dana" and "dana-2". Names are given to the keys on the lists when the
// server starts, in the lists' order, so that each key has the same name
// whoever joins first; guests are named as they come.
type people struct {
	mu     sync.Mutex
	names  map[string]string // person id → name
	taken  map[string]bool   // names given or reserved, folded to lower case
	guests int
}

// guestName is what a person who joined with the code is called.
const guestName = "guest"

func newPeople(keys AllowList, reserved ...string) *people {
	p := &people{names: map[string]string{}, taken: map[string]bool{}}
	for _, name := range reserved {
		p.taken[strings.ToLower(name)] = true
	}
	for _, role := range model.Roles {
		for _, a := range keys[role] {
			want := a.name
			if want == "" {
				want = role.Noun()
			}
			p.name(keyID(a.key), want)
		}
	}
	return p
}

// keyID is the identity of a key's holder: its SHA256 fingerprint.
func keyID(key gossh.PublicKey) string { return gossh.FingerprintSHA256(key) }

// name is the name of the person id, given now if they have none: want,
// or want-2, want-3, … when someone else has it.
func (p *people) name(id, want string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if name, ok := p.names[id]; ok {
		return name
	}
	name := want
	for n := 2; p.taken[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s-%d", want, n)
	}
	p.taken[strings.ToLower(name)] = true
	p.names[id] = name
	return name
}

// newGuest is the id of one more person joining with the code.
func (p *people) newGuest() string {
	p.mu.Lock()
	p.guests++
	id := fmt.Sprintf("join code, connection %d", p.guests)
	p.mu.Unlock()
	p.name(id, guestName)
	return id
}
