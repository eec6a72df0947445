//go:build race

package main

// raceEnabled is true when the tests run with -race, which makes the
// generator many times slower, so tests of size scale down.
const raceEnabled = true
