package model

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time of day or zone, such as a commitment's
// due date. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateLayout is the one form a Date is written in: 2026-12-05.
const DateLayout = "2006-01-02"

// ParseDate reads a date written as YYYY-MM-DD. The empty string is the zero
// Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, for example 2026-12-05", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == Date{} }

// String writes d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d is an earlier day than other.
func (d Date) Before(other Date) bool {
	if d.Year != other.Year {
		return d.Year < other.Year
	}
	if d.Month != other.Month {
		return d.Month < other.Month
	}
	return d.Day < other.Day
}

// AddDays returns the day n days after d (before, when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// AddMonths returns the same day n months after d. A day the later month
// does not have becomes its last day: a month after January 31 is the end
// of February, not early March, as "+1m" means "in a month" to people.
func (d Date) AddMonths(n int) Date {
	first := DateOf(time.Date(d.Year, d.Month+time.Month(n), 1, 12, 0, 0, 0, time.UTC))
	last := DateOf(time.Date(first.Year, first.Month+1, 0, 12, 0, 0, 0, time.UTC)).Day
	first.Day = min(d.Day, last)
	return first
}
