package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"pitstop/config"
	"pitstop/model"
	"pitstop/present"
)

// view is what the participants' page shows of the session: the same for
// every browser but for each one's own answers, which are read from
// Session when a page is drawn. It is made once for each change and
// never changed after: every stream reads it.
type view struct {
	// Version counts the changes the page has shown; a browser's stream
	// says which it has, so that it is sent only what is newer.
	Version uint64
	// Session is the snapshot the view was made from, kept up to date with
	// what the page does not show (answers), for each browser's own.
	Session *model.Session
	// Ended says why the page no longer works; "" while it does.
	Ended string
	// Say is what changed since the last version, in a sentence for the
	// page's status line (a screen reader says it): "The room has moved on
	// to stop 3 of 7, Intentionality." Never anything about another
	// browser.
	Say string

	Title      string
	StopNumber int // from 1
	StopCount  int
	StopName   string
	About      []string // the stop's description, a paragraph each
	Prompts    []string
	Questions  []question
	Results    []result
	// hubVersion is the version of the session's update the view was
	// made from.
	hubVersion uint64
	// asked counts the times the facilitator opened, closed or showed an
	// outcome: opening one already open starts it afresh, with nothing in
	// the page's words to tell it by.
	asked uint64
}

// question is an outcome of the check open to the room.
type question struct {
	Outcome string // its key, posted back with an answer
	ID      string // an HTML id made from the key
	Label   string
	Explain string // what it looks like in practice, from the workshop
}

// result is the room's answers to an outcome, shown by the facilitator.
type result struct {
	Outcome string
	Label   string
	Summary string // present.RoomSummary
	Split   string // present.RoomSplit
	Bars    []bar
	at      int64 // when it was shown, to list the latest first
}

// bar is one score's count.
type bar struct {
	Score string // present.ScoreLabel
	Count string // present.RoomCount
	Width int    // of the widest bar's, in steps of five per cent (0 to 20)
}

// makeView works out the page from a session; asked is carried over from
// the previous view, counting what the events say.
func makeView(w *config.Workshop, s *model.Session, ended string, asked uint64) *view {
	v := &view{Session: s, Ended: ended, asked: asked}
	if s == nil {
		return v
	}
	if v.Ended == "" && s.IsClosed() {
		v.Ended = "The facilitator has closed the session."
	}
	v.Title = s.Title
	v.StopCount = len(s.Stops)
	if len(s.Stops) > 0 {
		st := s.CurrentStop()
		v.StopNumber, v.StopName = s.Current+1, st.Name
		if cs, ok := stopOf(w, st.Key); ok {
			v.About = paragraphs(cs.Description)
			v.Prompts = slices.Clone(cs.Prompts)
		}
	}
	for _, q := range s.Room.Open {
		label, explain := outcomeWords(w, q.Outcome, q.Label)
		v.Questions = append(v.Questions, question{Outcome: q.Outcome, ID: htmlID(q.Outcome), Label: label, Explain: explain})
	}
	for _, r := range s.Ratings {
		if r.Room.N() == 0 {
			continue
		}
		label, _ := outcomeWords(w, r.Outcome, r.Label)
		res := result{Outcome: r.Outcome, Label: label, Summary: present.RoomSummary(r.Room), Split: present.RoomSplit(r.Room), at: r.At.UnixNano()}
		most := slices.Max(r.Room[:])
		for i, n := range r.Room {
			score := i + model.MinScore
			res.Bars = append(res.Bars, bar{Score: present.ScoreLabel(score), Count: present.RoomCount(r.Room, score), Width: (n*20 + most/2) / max(most, 1)})
		}
		v.Results = append(v.Results, res)
	}
	slices.SortStableFunc(v.Results, func(a, b result) int { return cmp.Compare(b.at, a.at) })
	return v
}

// sameAs reports whether two views show the same page.
func (v *view) sameAs(o *view) bool {
	return v.Ended == o.Ended && v.Title == o.Title && v.StopNumber == o.StopNumber &&
		v.StopCount == o.StopCount && v.StopName == o.StopName && v.asked == o.asked &&
		slices.Equal(v.About, o.About) && slices.Equal(v.Prompts, o.Prompts) &&
		slices.Equal(v.Questions, o.Questions) &&
		slices.EqualFunc(v.Results, o.Results, func(a, b result) bool {
			return a.Outcome == b.Outcome && a.Label == b.Label && a.Summary == b.Summary && a.at == b.at && slices.Equal(a.Bars, b.Bars)
		})
}

// changeWords says what changed from one view to the next, for the status
// line: the room moving on, a question opened, closed or shown.
func changeWords(old, v *view) string {
	if v.Ended != "" {
		return v.Ended
	}
	var say []string
	if old.StopNumber != v.StopNumber && v.StopNumber > 0 {
		how := "moved on to"
		if v.StopNumber < old.StopNumber {
			how = "gone back to"
		}
		say = append(say, "The room has "+how+" stop "+strconv.Itoa(v.StopNumber)+" of "+strconv.Itoa(v.StopCount)+", "+v.StopName+".")
	}
	var opened []string
	for _, q := range v.Questions {
		if !slices.ContainsFunc(old.Questions, func(o question) bool { return o.Outcome == q.Outcome }) {
			opened = append(opened, q.Label)
		}
	}
	switch {
	case len(opened) == 1:
		say = append(say, "The facilitator asks the room: "+opened[0]+". Your answer is below.")
	case len(opened) > 1:
		say = append(say, "The facilitator asks the room about "+strconv.Itoa(len(opened))+" outcomes of the partnership check. Your answers are below.")
	}
	for _, q := range old.Questions {
		if slices.ContainsFunc(v.Questions, func(n question) bool { return n.Outcome == q.Outcome }) {
			continue
		}
		shown := slices.ContainsFunc(v.Results, func(r result) bool {
			return r.Outcome == q.Outcome && !slices.ContainsFunc(old.Results, func(o result) bool { return o.Outcome == r.Outcome && o.at == r.at })
		})
		if shown {
			say = append(say, "The room's answers on "+q.Label+" are shown below.")
		} else {
			say = append(say, "The facilitator has taken the answers on "+q.Label+" in without showing them.")
		}
	}
	return strings.Join(say, " ")
}

// stopOf is the workshop's stop with this key.
func stopOf(w *config.Workshop, key string) (config.Stop, bool) {
	if w != nil {
		for _, st := range w.Stops {
			if st.Key == key {
				return st, true
			}
		}
	}
	return config.Stop{}, false
}

// outcomeWords are an outcome's label and explanation: the label it was
// opened or rated with, else the workshop's, else its key.
func outcomeWords(w *config.Workshop, key, label string) (string, string) {
	explain := ""
	if w != nil {
		for _, o := range w.Outcomes {
			if o.Key == key {
				explain = o.Explain
				if label == "" {
					label = o.Label
				}
			}
		}
	}
	if label == "" {
		label = key
	}
	return label, explain
}

// paragraphs splits a description at its blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// htmlID makes an outcome's key into the start of an HTML id: letters,
// digits and dashes.
func htmlID(key string) string {
	var b strings.Builder
	b.WriteString("q-")
	for _, r := range strings.ToLower(key) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}
