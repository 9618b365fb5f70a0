package sessions

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"pitstop/model"
)

func TestOwnerManySenders(t *testing.T) {
	st := openTestStore(t)
	o, err := CreateOwner(st, newTestSession(t, "live"), nil)
	if err != nil {
		t.Fatal(err)
	}
	updates, cancel := o.Subscribe()
	defer cancel()
	const senders, each = 16, 25
	var wg sync.WaitGroup
	errs := make(chan error, senders*each)
	for g := 0; g < senders; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				var c model.Command = model.AddNote{Role: fmt.Sprintf("sender-%d", g), Text: fmt.Sprintf("%d/%d", g, i)}
				if i%5 == 4 {
					c = model.AddCommitment{Text: fmt.Sprintf("c %d/%d", g, i), Owner: "Dana"}
				}
				if err := o.Do(c); err != nil {
					errs <- err
				}
				if i%7 == 0 {
					_ = o.Do(model.ToggleTimer{})
				}
			}
		}(g)
	}
	// A reader drains updates concurrently, as a screen would.
	var lastSeq uint64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for u := range updates {
			if u.Seq < lastSeq {
				t.Errorf("updates went backwards: %d after %d", u.Seq, lastSeq)
			}
			lastSeq = u.Seq
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	cur := o.Current().Session
	if len(cur.Notes)+len(cur.Commitments) != senders*each {
		t.Fatalf("in memory: %d entries, want %d", len(cur.Notes)+len(cur.Commitments), senders*each)
	}
	// Every sender's entries are there, in the order that sender sent them.
	for g := 0; g < senders; g++ {
		next := 0
		for _, n := range cur.Notes {
			if n.Role == fmt.Sprintf("sender-%d", g) {
				var gg, i int
				fmt.Sscanf(n.Text, "%d/%d", &gg, &i)
				if i < next {
					t.Fatalf("sender %d's notes out of order", g)
				}
				next = i
			}
		}
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	<-done
	disk, err := st.Load("live")
	if err != nil {
		t.Fatal(err)
	}
	if len(disk.Notes) != len(cur.Notes) || len(disk.Commitments) != len(cur.Commitments) {
		t.Fatalf("on disk %d notes %d commitments; in memory %d and %d", len(disk.Notes), len(disk.Commitments), len(cur.Notes), len(cur.Commitments))
	}
	if err := o.Do(model.AddNote{Text: "late"}); !errors.Is(err, ErrOwnerClosed) {
		t.Fatalf("after close: %v", err)
	}
}

func TestOwnerRefusedCommandChangesNothing(t *testing.T) {
	st := openTestStore(t)
	o, err := CreateOwner(st, newTestSession(t, "refuse"), func() time.Time { return t0 })
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	before := readFile(t, st.Path("refuse"))
	if err := o.Do(model.AddNote{Text: "   "}); !errors.Is(err, model.ErrEmptyText) {
		t.Fatalf("empty note: %v", err)
	}
	if o.Current().Seq != 0 || string(readFile(t, st.Path("refuse"))) != string(before) {
		t.Fatal("a refused command changed the session")
	}
}

func TestOwnerSaveFailureKeepsChange(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes into read-only directories; make saving fail another way
		t.Log("running as root: breaking the directory by replacing it with a file")
	}
	st := openTestStore(t)
	o, err := CreateOwner(st, newTestSession(t, "fragile"), nil)
	if err != nil {
		t.Fatal(err)
	}
	updates, cancel := o.Subscribe()
	defer cancel()
	<-updates // the current state
	dir := st.Dir()
	moved := dir + ".away"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o644); err != nil { // a file where the directory was
		t.Fatal(err)
	}
	err = o.Do(model.AddNote{Text: "said while the disk was gone"})
	if !errors.Is(err, ErrNotSaved) {
		t.Fatalf("want ErrNotSaved, got %v", err)
	}
	u := <-updates
	if u.SaveErr == nil || len(u.Session.Notes) != 1 {
		t.Fatalf("update after failed save: %+v", u)
	}
	// The disk comes back: the next change saves both.
	os.Remove(dir)
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	// A refused command still retries the save, and says it worked.
	if err := o.Do(model.PrevStop{}); !errors.Is(err, model.ErrFirstStop) {
		t.Fatalf("prev at first: %v", err)
	}
	if u := <-updates; u.SaveErr != nil || len(u.Session.Notes) != 1 {
		t.Fatalf("after the retry: %v", u.SaveErr)
	}
	if err := o.Do(model.AddNote{Text: "and after"}); err != nil {
		t.Fatal(err)
	}
	if u := <-updates; u.SaveErr != nil {
		t.Fatalf("still failing: %v", u.SaveErr)
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := st.Load("fragile")
	if err != nil || len(s.Notes) != 2 {
		t.Fatalf("on disk: %v, %+v", err, s)
	}
}

func TestSubscribeAfterClose(t *testing.T) {
	st := openTestStore(t)
	o, err := CreateOwner(st, newTestSession(t, "gone"), nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	ch, cancel := o.Subscribe()
	defer cancel()
	if _, ok := <-ch; ok {
		t.Fatal("subscription to a closed owner should be closed")
	}
}
