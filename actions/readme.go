package actions

import (
	"slices"
	"strings"
)

// section is one part of the README's table: the pages it covers.
type section struct {
	title string
	pages []Page
}

// sections are the parts of the README's table, in order. An action is
// listed in every section where it has a key, but for those that work
// everywhere, listed once, first.
var sections = []section{
	{"Everywhere in a session", nil}, // keys on every page: filled in by everywhere
	{"At the stop", []Page{AtStop}},
	{"Looking back on a closed session", []Page{LookingBack, OnSummary}},
	{"On the board", []Page{OnBoard}},
	{"In the presenter view", []Page{InPresenter}},
	{"In the partnership check", []Page{InCheck, InResults, InTrend}},
	{"Notes from the room (R)", []Page{InRoom}},
	{"In the go-around (g)", []Page{InGoAround}},
	{"What the team keeps (T)", []Page{InTeam}},
	{"While typing, and at a question", []Page{InEntry, InQuestion}},
	{"On the help page", []Page{InHelp}},
}

// everywhere reports whether an action's keys work on every page of a
// session, but where a page gives the same key to its own action (e on
// the room's notes mends the note picked, not the minutes).
func everywhere(a *Action) bool {
	if len(a.KeysOn(AtStop)) == 0 {
		return false // a page's own key, however many pages take it too
	}
	for _, p := range sessionPages {
		if len(a.KeysOn(p)) == 0 && !keysTakenOn(a, p) {
			return false
		}
	}
	return true
}

// keysTakenOn reports whether every key of a is another action's on page p.
func keysTakenOn(a *Action, p Page) bool {
	for _, k := range a.Keys {
		for _, key := range k.Keys {
			taken := false
			for _, other := range All {
				for _, ok := range other.KeysOn(p) {
					taken = taken || (other != a && slices.Contains(ok.Keys, key))
				}
			}
			if !taken {
				return false
			}
		}
	}
	return true
}

// Markdown is the README's table of keys and words, from the table: per
// part of the screen, each key with its word in plain lines and what it
// does; then the words that have no key.
func (t Table) Markdown() string {
	var b strings.Builder
	row := func(keys, word, does string) {
		b.WriteString("| " + keys + " | " + word + " | " + does + " |\n")
	}
	for _, sec := range sections {
		var rows []*Action
		for _, a := range t {
			if len(a.Keys) == 0 || (sec.pages != nil && everywhere(a)) {
				continue
			}
			in := sec.pages == nil && everywhere(a)
			for _, p := range sec.pages {
				in = in || len(a.KeysOn(p)) > 0
			}
			if in {
				rows = append(rows, a)
			}
		}
		if len(rows) == 0 {
			continue
		}
		b.WriteString("\n**" + sec.title + "**\n\n| key | word in plain lines | what it does |\n| --- | --- | --- |\n")
		for _, a := range rows {
			row(keysText(a, sec.pages), wordText(a), doesText(a, sec.pages))
		}
	}
	b.WriteString("\n**Only in plain lines** (the full screen shows these without a key)\n\n| word | what it does | on the full screen |\n| --- | --- | --- |\n")
	for _, a := range t {
		if len(a.Keys) == 0 {
			row("`"+a.Usage()+"`", escape(a.Does), escape(a.NoKey))
		}
	}
	return b.String()
}

// keysText is an action's keys on the section's pages, as help writes
// them: "`+` add a minute · `-` remove a minute".
func keysText(a *Action, pages []Page) string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range keysIn(a, pages) {
		if !seen[k.Help] {
			seen[k.Help] = true
			parts = append(parts, "`"+escape(k.Help)+"`")
		}
	}
	return strings.Join(parts, ", ")
}

// keysIn is an action's keys on the pages (all, for nil). A key named for
// a help line (Key.As) is left out when it is the action's own key again
// with other words (↑ as "older notes"), kept when it is another key (-
// beside +) or the only one there.
func keysIn(a *Action, pages []Page) []Key {
	on := func(k Key) bool {
		if pages == nil {
			return true
		}
		for _, p := range pages {
			if k.On(p) {
				return true
			}
		}
		return false
	}
	var own, named []Key
	for _, k := range a.Keys {
		switch {
		case !on(k):
		case k.As == "":
			own = append(own, k)
		default:
			named = append(named, k)
		}
	}
	out := own
	for _, k := range named {
		again := false
		for _, o := range own {
			again = again || o.Keys[0] == k.Keys[0]
		}
		if !again {
			out = append(out, k)
		}
	}
	return out
}

func wordText(a *Action) string {
	if len(a.Names()) == 0 {
		return "— (" + escape(a.NoWord) + ")"
	}
	return "`" + escape(a.Usage()) + "`"
}

func doesText(a *Action, pages []Page) string {
	if a.Does != "" {
		return escape(a.Does)
	}
	var parts []string
	seen := map[string]bool{}
	for _, k := range keysIn(a, pages) {
		if !seen[k.Does] {
			seen[k.Does] = true
			parts = append(parts, k.Does)
		}
	}
	return escape(strings.Join(parts, "; "))
}

// escape keeps a cell's | from ending it.
func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
