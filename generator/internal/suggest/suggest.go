// Package suggest finds the known word a mistyped one was probably meant to
// be, for "did you mean" hints in error messages.
package suggest

import "strings"

// Closest returns the candidate nearest to word by edit distance, or "" when
// none is close enough to be a plausible typo. The comparison ignores case
// and treats "-", "_" and " " alike, so "review-by" suggests "review_by".
func Closest(word string, candidates []string) string {
	w := fold(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(w, fold(c))
		if d > maxDistance(w, c) {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Hint returns " (did you mean "x"?)" for the closest candidate, or "".
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

func fold(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s))
}

// maxDistance allows one edit for short words and up to a third of the
// longer word's length otherwise.
func maxDistance(a, b string) int {
	n := max(len(a), len(b))
	if n <= 4 {
		return 1
	}
	return max(2, n/3)
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance,
// so a swapped pair of letters counts as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
