package minutes

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"pitstop/model"
)

// busy is a closed session with n notes spread over its stops, every
// seventh of them several lines long, and a board to match.
func busy(n int) *model.Session {
	s := typical()
	s.Notes = make([]model.Note, 0, n)
	long := strings.Repeat("People said more than fits on one line of the projector. ", 3)
	for i := range n {
		created := at(10, 0).Add(time.Duration(i) * 3 * time.Second)
		text := fmt.Sprintf("Note %d: what the room said here", i)
		if i%7 == 5 {
			text = fmt.Sprintf("Note %d, a longer one.\n%s\n*with* some <markup> & [brackets]", i, long)
		}
		note := model.Note{Item: item(strconv.Itoa(100+i), s.Stops[i%len(s.Stops)].Key, created, text)}
		if i%5 == 0 {
			note.Said = "Dana"
		}
		s.Notes = append(s.Notes, note)
	}
	return s
}

func BenchmarkExport(b *testing.B) {
	for _, n := range []int{10000} {
		s := busy(n)
		opts := Options{Workshop: workshop, Now: exportDay}
		last := fmt.Sprintf("Note %d: what the room said here", n-1)
		for _, format := range []struct {
			name  string
			write func(*model.Session, Options) []byte
		}{{"", Markdown}, {"/html", HTML}} {
			// What is timed must hold every note.
			if !bytes.Contains(format.write(s, opts), []byte(last)) {
				b.Fatalf("%s minutes lack the last note", format.name)
			}
			b.Run(strconv.Itoa(n)+format.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_ = format.write(s, opts)
				}
			})
		}
	}
}
