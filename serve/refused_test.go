package serve

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"pitstop/model"
)

// loginHeard is what a person at ssh was told while logging in: the banner
// and each keyboard-interactive instruction, in order, and whether they got in.
type loginHeard struct {
	words   []string
	prompts int
	in      bool
}

// tryLogin logs in as user offering keys (named, in order), then answering
// each prompt with the next of answers, as OpenSSH does: keys first, then
// up to three keyboard-interactive rounds.
func (ts *testServer) tryLogin(t *testing.T, user string, keys []string, answers ...string) loginHeard {
	t.Helper()
	var h loginHeard
	var auth []gossh.AuthMethod
	if len(keys) > 0 {
		var signers []gossh.Signer
		for _, k := range keys {
			signers = append(signers, ts.keys[k].signer)
		}
		auth = append(auth, gossh.PublicKeys(signers...))
	}
	auth = append(auth, gossh.RetryableAuthMethod(gossh.KeyboardInteractive(func(_, instruction string, questions []string, _ []bool) ([]string, error) {
		h.words = append(h.words, instruction)
		if len(questions) == 0 {
			return nil, nil
		}
		h.prompts++
		if len(answers) == 0 {
			return nil, errors.New("the test has no more answers")
		}
		answer := answers[0]
		answers = answers[1:]
		return []string{answer}, nil
	}), 3))
	cfg := &gossh.ClientConfig{
		User: user, Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
		BannerCallback: func(message string) error {
			h.words = append(h.words, message)
			return nil
		},
	}
	if client, err := gossh.Dial("tcp", ts.addr, cfg); err == nil {
		h.in = true
		client.Close()
	}
	return h
}

// A mistake in joining is answered before "Permission denied", once, with
// what to do: a user name that is no role, a key on another role's list or
// on none, no key at all, a role nobody may join by key. Nothing said
// names anyone on a list, and a login that works is told nothing, even
// when a first key was refused.
func TestJoiningMistakesAreAnswered(t *testing.T) {
	ts := startServer(t, nil)
	for _, c := range []struct {
		user string
		keys []string
		want string
	}{
		{"admin", []string{"ana"}, `Pit Stop: there is no role called "admin". The name before the @ is the role you join as: notes, view or facilitator.` + "\r\n" +
			"Run the same ssh command with notes@ (or view@, facilitator@) in place of admin@.\r\n"},
		{"facilitator", []string{"dana"}, "Pit Stop: your key is not on the list for facilitator. Ask the facilitator to add your key: send them its .pub file (such as ~/.ssh/id_ed25519.pub)."},
		{"notes", []string{"stranger", "room"}, "Pit Stop: none of your 2 keys is on the list for notes. Ask the facilitator to add your key: send them its .pub file (such as ~/.ssh/id_ed25519.pub)."},
		{"viewer", nil, "Pit Stop: joining as view needs a key the facilitator has added, and ssh offered none. Make one with ssh-keygen -t ed25519 and send the facilitator the .pub file it writes."},
	} {
		h := ts.tryLogin(t, c.user, c.keys)
		if h.in {
			t.Fatalf("%s with %v got in", c.user, c.keys)
		}
		if !slices.Equal(h.words, []string{c.want}) {
			t.Errorf("%s with %v was told %q; want %q, once", c.user, c.keys, h.words, c.want)
		}
		for _, secret := range []string{"ana", "dana", "room", "laptop", "SHA256"} {
			if strings.Contains(strings.Join(h.words, " "), secret) {
				t.Errorf("%s with %v was told %q, which names %q", c.user, c.keys, h.words, secret)
			}
		}
	}
	if h := ts.tryLogin(t, "notes", []string{"stranger", "dana"}); !h.in || len(h.words) > 0 {
		t.Fatalf("a note-taker whose second key is on the list: in %v, told %q", h.in, h.words)
	}
	if log := ts.stderr.String(); !strings.Contains(log, "refused a key") || !strings.Contains(log, "user=admin") || !strings.Contains(log, "asked for a role that does not exist") {
		t.Fatalf("the refusals are not logged:\n%s", log)
	}

	nobody := startServer(t, func(o *Options) {
		delete(o.Keys, model.RoleFacilitator)
		o.JoinCode = "abcd-2345"
	})
	want := "Pit Stop: no key may join as facilitator in this session. Ask the facilitator how to join. The join code lets you in as notes or view, not as facilitator."
	if h := nobody.tryLogin(t, "facilitator", []string{"ana"}, "abcd-2345"); h.in || h.prompts > 0 || !slices.Equal(h.words, []string{want}) {
		t.Fatalf("a facilitator's key where none may join: in %v, asked %d times, told %q", h.in, h.prompts, h.words)
	}
}

// A wrong join code is answered at ssh's prompt, which asks again: how many
// tries are left, then that the code no longer works. An empty answer is no
// try. The right code gets in after a wrong one.
func TestWrongJoinCodeIsAnswered(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.JoinCode = "abcd-2345" })
	h := ts.tryLogin(t, "notes", nil, "abcd-2346", "", "abcd-2345")
	if want := []string{
		"Pit Stop: type the join code the facilitator gave you.",
		"Pit Stop: that code was wrong: 4 tries left.",
		"Pit Stop: no code was typed. Type the join code the facilitator gave you.",
	}; !h.in || !slices.Equal(h.words, want) {
		t.Fatalf("a wrong code, nothing, then the right one: in %v, told %q; want %q", h.in, h.words, want)
	}

	// A key refused first is said beside the question; four wrong answers
	// use the tries left, and the last says the code no longer works.
	h = ts.tryLogin(t, "view", []string{"stranger"}, "1", "2", "3", "4", "abcd-2345")
	if want := []string{
		"Pit Stop: type the join code the facilitator gave you. (Your key is not on the list for view: to join with a key next time, ask the facilitator to add yours.)",
		"Pit Stop: that code was wrong: 3 tries left.",
		"Pit Stop: that code was wrong: 2 tries left.",
		"Pit Stop: that code was wrong: 1 try left.",
		"Pit Stop: that code was wrong, and the join code no longer works: it was typed wrong too often. Ask the facilitator for another way in.",
	}; h.in || h.prompts != 4 || !slices.Equal(h.words, want) {
		t.Fatalf("four wrong codes: in %v, asked %d times, told %q; want %q", h.in, h.prompts, h.words, want)
	}
	h = ts.tryLogin(t, "notes", nil, "abcd-2345")
	if want := []string{"Pit Stop: the join code no longer works: it was typed wrong too often. Ask the facilitator for another way in."}; h.in || h.prompts > 0 || !slices.Equal(h.words, want) {
		t.Fatalf("the right code after the tries ran out: in %v, asked %d times, told %q; want %q", h.in, h.prompts, h.words, want)
	}
	if log := ts.stderr.String(); strings.Count(log, "a wrong join code") != 5 || !strings.Contains(log, "the join code stops working") {
		t.Fatalf("the wrong codes are not logged:\n%s", log)
	}
}
