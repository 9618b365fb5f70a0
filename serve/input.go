package serve

import (
	"bytes"
	"context"
	"io"
	"time"
	"unicode/utf8"

	"pitstop/model"
)

// The bound on what one screen may type: a burst, then a steady rate. A
// note at its longest (model.MaxTextBytes), pasted at once, fits in the
// burst; a key held down to repeat sends under half the rate. What goes
// beyond is left out before the screen sees it (a paste cut short is
// closed, so the screen takes what came as a paste), and the person is
// told.
const (
	DefaultInputBurst = model.MaxTextBytes + 1<<10 // bytes at once
	DefaultInputRate  = 256                        // bytes a second, after the burst
)

// burstGap is the pause in input that ends a burst: once a burst has gone
// beyond the bound, the rest of it is left out, not let through in pieces.
const burstGap = 250 * time.Millisecond

// pasteEnd is the marker a terminal puts after a paste (bracketed paste);
// pastePrefix is what it and the start marker, "\x1b[200~", begin with.
const (
	pasteEnd    = "\x1b[201~"
	pastePrefix = "\x1b[20"
)

// inputBudget is a token bucket of input bytes that knows about pastes:
// a paste cut short is closed where it is cut, so the screen takes what
// came of it as a paste, and the rest of it is left out up to its end
// marker, so that no part of a paste ever reaches the screen as keys.
type inputBudget struct {
	rate, burst float64
	tokens      float64
	last        time.Time
	quietUntil  time.Time // the rest of a burst cut short is left out until input pauses

	match      int  // bytes of a paste marker seen so far
	kind       byte // '0' for the start marker, '1' for the end
	streamOpen bool // the client is in the middle of a paste
	screenOpen bool // what the screen was given is in the middle of a paste
}

func newInputBudget(rate float64, burst int, now time.Time) *inputBudget {
	return &inputBudget{rate: rate, burst: float64(burst), tokens: float64(burst), last: now}
}

// take returns what of p may pass on now, and how many bytes were left out.
// pass is a slice of its own, never of p: it may be kept after p is reused.
func (b *inputBudget) take(p []byte, now time.Time) (pass []byte, left int) {
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	quiet := now.Before(b.quietUntil)
	if quiet {
		b.quietUntil = now.Add(burstGap)
	}
	pass = make([]byte, 0, min(len(p), int(b.tokens)))
	dropping := false
	for _, c := range p {
		inStep := b.streamOpen == b.screenOpen
		b.watch(c)
		if !dropping && !quiet && inStep && b.tokens >= 1 {
			pass = append(pass, c)
			b.tokens--
			b.screenOpen = b.streamOpen
			continue
		}
		if !dropping {
			dropping = true
			if !quiet && inStep {
				// Cut here: what was passed must end whole, and the rest of
				// the burst is left out.
				whole := cleanCut(pass)
				left += len(pass) - len(whole)
				pass = whole
				if b.screenOpen {
					pass = append(pass, pasteEnd...)
					b.screenOpen = false
				}
				quiet, b.quietUntil = true, now.Add(burstGap)
			}
		}
		left++
		// A paste whose start was left out is left out to its end; then
		// input may pass again, unless it is the rest of a cut burst.
		if !quiet && b.streamOpen == b.screenOpen {
			dropping = false
		}
	}
	return pass, left
}

// watch follows the client's paste markers, a byte at a time.
func (b *inputBudget) watch(c byte) {
	switch {
	case b.match < len(pastePrefix) && c == pastePrefix[b.match]:
		b.match++
		return
	case b.match == len(pastePrefix) && (c == '0' || c == '1'):
		b.kind, b.match = c, b.match+1
		return
	case b.match == len(pastePrefix)+1 && c == '~':
		b.streamOpen = b.kind == '0'
	}
	b.match = 0
	if c == pastePrefix[0] {
		b.match = 1
	}
}

// cleanCut takes off the end of p a character or an escape sequence cut
// in two by the bound.
func cleanCut(p []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(p); i++ {
		if utf8.RuneStart(p[len(p)-i]) {
			if !utf8.FullRune(p[len(p)-i:]) {
				p = p[:len(p)-i]
			}
			break
		}
	}
	if j := bytes.LastIndexByte(p, 0x1b); j >= 0 && len(p)-j <= 32 && !sequenceEnds(p[j:]) {
		p = p[:j]
	}
	return p
}

// sequenceEnds reports whether the escape sequence seq starts is whole.
func sequenceEnds(seq []byte) bool {
	if len(seq) < 2 {
		return false
	}
	switch seq[1] {
	case '[':
		for _, c := range seq[2:] {
			if c >= 0x40 && c <= 0x7e {
				return true
			}
		}
		return false
	case ']', 'P', '_', '^':
		return bytes.IndexByte(seq, 0x07) >= 0 || bytes.Contains(seq[2:], []byte("\x1b\\"))
	}
	return true
}

// screenInput is what a screen reads: the client's input within the
// bound, read ahead by a goroutine of its own so that a screen that has
// ended can stop reading at once (Read returns io.EOF once ctx is done).
type screenInput struct {
	ctx    context.Context
	chunks chan []byte
	rest   []byte
	err    error // why the input ended; set before chunks is closed
}

// newScreenInput reads from; typed is told of every read (for the idle
// time), cut of every byte left out.
func newScreenInput(ctx context.Context, from io.Reader, budget *inputBudget, typed func(), cut func(left int)) *screenInput {
	in := &screenInput{ctx: ctx, chunks: make(chan []byte)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := from.Read(buf)
			if n > 0 {
				typed()
				pass, left := budget.take(buf[:n], time.Now())
				if left > 0 {
					cut(left)
				}
				if len(pass) > 0 {
					select {
					case in.chunks <- pass: // its own, not of buf (see take)
					case <-ctx.Done():
						return
					}
				}
			}
			if err != nil {
				in.err = err
				close(in.chunks)
				return
			}
		}
	}()
	return in
}

func (in *screenInput) Read(p []byte) (int, error) {
	if len(in.rest) == 0 {
		select {
		case b, ok := <-in.chunks:
			if !ok {
				return 0, in.err
			}
			in.rest = b
		case <-in.ctx.Done():
			return 0, io.EOF
		}
	}
	n := copy(p, in.rest)
	in.rest = in.rest[n:]
	return n, nil
}
