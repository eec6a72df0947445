//go:build !race

package generator_test

// readerRace is true when the tests run with -race. The reader tests spend
// their time in the browser, not in Go, so the longest of them run only
// without -race.
const readerRace = false
