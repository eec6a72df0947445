//go:build !linux

package publish

// exchange reports that this platform has no atomic folder swap; the
// caller uses two renames, and Recover repairs an interruption between
// them.
func exchange(a, b string) (bool, error) { return false, nil }
