// Command minimaltea is the floor Pit Stop's idle CPU is measured against
// (scripts/measure.sh): the least a bubbletea v1 program does while it sits
// on screen with a clock, redrawn once a second through the same renderer
// at the same frame rate. It quits on q.
package main

import (
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

type tick time.Time

type clock struct{ now time.Time }

func (c clock) Init() tea.Cmd { return next() }

func next() tea.Cmd {
	return tea.Tick(time.Second-time.Duration(time.Now().UnixNano())%time.Second, func(t time.Time) tea.Msg { return tick(t) })
}

func (c clock) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tick:
		c.now = time.Time(msg)
		return c, next()
	case tea.KeyMsg:
		if msg.String() == "q" {
			return c, tea.Quit
		}
	}
	return c, nil
}

func (c clock) View() string { return "STOP 1 OF 7\n" + c.now.Format("15:04:05") + "\n" }

func main() {
	if _, err := tea.NewProgram(clock{now: time.Now()}, tea.WithAltScreen()).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
