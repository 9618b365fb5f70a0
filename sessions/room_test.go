package sessions

import (
	"os"
	"strings"
	"testing"

	"pitstop/model"
)

// The room's part of a live session: held notes and answers stay in
// memory; what the file gets is a note let through, with no author, and
// counts per score once revealed — never a browser's answer.
func TestTheRoomLeavesOnlyCountsInTheFile(t *testing.T) {
	st := openTestStore(t)
	h := NewHub(SystemClock(), WithSaveBeforeShown())
	h.SetRules(Rules{MinAnswers: 3})
	host := create(t, h, st, "room", model.Facilitator)
	defer host.Leave()
	page, err := h.Join(host, model.Actor{Role: model.RoleParticipant})
	if err != nil {
		t.Fatal(err)
	}
	defer page.Leave()

	path := st.Resolve("room")
	info := func() os.FileInfo {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	before := info()
	for _, text := range []string{"keep", "drop this one"} {
		if err := page.Do(model.SendRoomNote{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := host.Do(model.OpenToRoom{Questions: []model.RoomQuestion{{Outcome: "voice", Label: "Every voice is heard"}}}); err != nil {
		t.Fatal(err)
	}
	browsers := []string{"browser-one-8f3a", "browser-two-77c1", "browser-three-a0d2", "browser-four-51be"}
	for i, b := range browsers {
		if err := page.Do(model.AnswerRoom{Outcome: "voice", Browser: b, Score: 2 + i%2}); err != nil {
			t.Fatal(err)
		}
	}
	if after := info(); !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Error("the file was written for held notes and answers, which it does not keep")
	}
	cur := host.Current()
	if u := cur.Session.Room; len(u.Held) != 2 || !u.IsOpen("voice") || cur.Saving() {
		t.Fatalf("room %+v saving %v", u, cur.Saving())
	}
	held := cur.Session.Room.Held
	if err := host.Do(model.LetThrough{ID: held[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := host.Do(model.DiscardHeld{ID: held[1].ID}); err != nil {
		t.Fatal(err)
	}
	if err := host.Do(model.RevealRoom{Outcome: "voice"}); err != nil {
		t.Fatal(err)
	}
	data := string(readFile(t, path))
	for _, b := range append(browsers, "drop this one", "author") {
		if strings.Contains(data, b) {
			t.Errorf("the file holds %q:\n%s", b, data)
		}
	}
	for _, want := range []string{`role = "participant"`, `text = "keep"`, "room = [0, 2, 2, 0, 0]"} {
		if !strings.Contains(data, want) {
			t.Errorf("the file lacks %q:\n%s", want, data)
		}
	}
	s, err := st.Load("room")
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := s.RatingOf("voice"); r.Room != (model.Counts{0, 2, 2, 0, 0}) || s.Notes[0].Role != string(model.RoleParticipant) {
		t.Fatalf("read back: %+v, %+v", r, s.Notes)
	}
}

func TestRoomCountsOfTheWrongShapeAreRefused(t *testing.T) {
	s := newTestSession(t, "shape")
	mustApply(t, s, t0, model.Rate{Outcome: "voice", Score: 3})
	data, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, room := range []string{"room = [1, 2]", "room = [0, 0, -1, 0, 0]"} {
		bad := strings.Replace(string(data), "score = 3", "score = 3\n"+room, 1)
		if _, err := Decode("shape.toml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "room") {
			t.Errorf("%s: %v", room, err)
		}
	}
}

// The trend counts the group's agreed score, else the room's median.
func TestTheTrendTakesTheRoomsMedianWhenNoScoreWasAgreed(t *testing.T) {
	s := newTestSession(t, "median")
	s.Ratings = []model.Rating{
		{Outcome: "voice", Room: model.Counts{0, 1, 1, 1, 1}, At: t0},           // median 3.5: counted as 3
		{Outcome: "trust", Score: 2, Room: model.Counts{0, 0, 0, 3, 0}, At: t0}, // agreed 2 over the room's 4
	}
	sum := Summarize(s, "")
	if len(sum.Ratings) != 2 || sum.Ratings[0].Score != 3 || sum.Ratings[1].Score != 2 {
		t.Fatalf("summary ratings %+v", sum.Ratings)
	}
}
