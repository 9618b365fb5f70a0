package sessions

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"pitstop/model"
)

// The crash and lock tests run this test binary again as a child process
// that does one job and is then killed; the job is named in this variable.
const childEnv = "PITSTOP_SESSIONS_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "saver":
		saverChild()
	case "locker":
		lockerChild()
	case "lister":
		listerChild()
	case "opener":
		openerChild()
	}
	os.Exit(3)
}

// saverChild saves versions first, first+1, … of one session as fast as it
// can, telling the parent the first version once it is on disk, until it is
// killed.
func saverChild() {
	st, err := Open(os.Getenv("PITSTOP_DIR"))
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	first, _ := strconv.Atoi(os.Getenv("FIRST_VERSION"))
	s, err := model.NewSession("crash", "version 0", "", "", testPlans(), t0)
	if err != nil {
		os.Exit(2)
	}
	// A sizeable session, so that a kill often lands mid-write.
	for i := 0; i < 400; i++ {
		_ = s.Apply(model.AddNote{Text: fmt.Sprintf("note %d with some words to make the file longer", i)}, t0)
	}
	for v := first; ; v++ {
		s.Title = fmt.Sprintf("version %d", v)
		if err := st.Save(s); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		if v == first {
			fmt.Println("saved")
		}
	}
}

// lockerChild takes a session's lock, says so, and waits to be killed.
func lockerChild() {
	st, err := Open(os.Getenv("PITSTOP_DIR"))
	if err != nil {
		os.Exit(2)
	}
	if _, err := st.Lock("held"); err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	fmt.Println("locked")
	time.Sleep(time.Minute)
	os.Exit(0)
}

// listerChild lists the sessions directory and prints each summary as a
// line of JSON: for tests that list as another user.
func listerChild() {
	st, err := Open(os.Getenv("PITSTOP_DIR"))
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	list, err := st.List()
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	out, _ := json.Marshal(list)
	fmt.Println(string(out))
	os.Exit(0)
}

// openerChild opens one session for writing through a hub, says how, and
// holds it until killed: for tests that open as another user.
func openerChild() {
	st, err := Open(os.Getenv("PITSTOP_DIR"))
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	h := NewHub(SystemClock())
	c, err := h.Open(st, os.Getenv("SESSION_PATH"), model.Facilitator)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	if ro := c.Current().Save.ReadOnly; ro != "" {
		fmt.Println("read-only:", ro)
	} else {
		fmt.Println("opened")
	}
	time.Sleep(time.Minute)
	os.Exit(0)
}
