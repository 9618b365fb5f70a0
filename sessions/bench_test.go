package sessions

import (
	"fmt"
	"testing"
)

func BenchmarkSave(b *testing.B) {
	for _, n := range []int{300, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := openTestStore(b)
			s := sizedSession(b, "bench", n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := st.Save(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{300, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := openTestStore(b)
			mustSave(b, st, sizedSession(b, "bench", n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := st.Load("bench"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkList measures `pitstop list` over 500 sessions of 300 items as a
// new process sees it: a store opened afresh each time, with the summary
// cache that earlier listings left on disk (warm). BenchmarkListCold has no
// cache.
func BenchmarkList(b *testing.B) {
	st := fiveHundred(b)
	if _, err := st.List(); err != nil { // leaves the cache behind
		b.Fatal(err)
	}
	b.ResetTimer()
	b.Run("500", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			fresh, err := Open(st.Dir())
			if err != nil {
				b.Fatal(err)
			}
			if list, err := fresh.List(); err != nil || len(list) != 500 {
				b.Fatal(len(list), err)
			}
		}
	})
}

func BenchmarkListCold(b *testing.B) {
	st := fiveHundred(b)
	b.Run("500", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			st.cache = &summaryCache{key: st.key, entries: map[string]cacheEntry{}}
			if list, err := st.List(); err != nil || len(list) != 500 {
				b.Fatal(len(list), err)
			}
		}
	})
}

func fiveHundred(b *testing.B) *Store {
	st := openTestStore(b)
	s := sizedSession(b, "s-000", 300)
	for i := 0; i < 500; i++ {
		s.ID = fmt.Sprintf("s-%03d", i)
		mustSave(b, st, s)
	}
	return st
}

// BenchmarkListWarm is BenchmarkList under the name the browser's target
// uses: complete summaries of 500 sessions with the cache warm.
func BenchmarkListWarm(b *testing.B) {
	st := fiveHundred(b)
	if _, err := st.List(); err != nil {
		b.Fatal(err)
	}
	b.Run("500", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if list, err := st.List(); err != nil || len(list) != 500 {
				b.Fatal(len(list), err)
			}
		}
	})
}

// BenchmarkSearch looks for a word in the notes and board items of 500
// sessions of 300 items, their text already in memory.
func BenchmarkSearch(b *testing.B) {
	st := fiveHundred(b)
	if _, err := st.Search("heard", 0); err != nil {
		b.Fatal(err)
	}
	b.Run("500", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			hits, err := st.Search("budget", 0)
			if err != nil || len(hits) == 0 {
				b.Fatal(len(hits), err)
			}
		}
	})
}
