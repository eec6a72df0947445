package slug

import (
	"strings"
	"testing"
)

// TestCaseInsensitive checks that names differing only in case, by the
// case mappings file systems use, have one slug: before, "ſ.md" and
// "s.md" (one file on Windows) had two URLs.
func TestCaseInsensitive(t *testing.T) {
	for _, pair := range [][2]string{
		{"\u017f", "S"},         // long s
		{"\u03c2", "\u03a3"},    // final sigma, capital sigma
		{"\u212a", "k"},         // Kelvin sign
		{"\u0131ndex", "INDEX"}, // dotless i
		{"\u00b5g", "\u039cG"},  // micro sign, capital mu
		{"Caf\u00e9", "CAF\u00c9"},
	} {
		a, b := Make(pair[0]), Make(pair[1])
		if a != b {
			t.Errorf("Make(%q) = %q but Make(%q) = %q", pair[0], a, pair[1], b)
		}
		if Make(strings.ToUpper(pair[0])) != Make(strings.ToLower(pair[0])) {
			t.Errorf("%q: upper and lower case differ", pair[0])
		}
	}
	if got := Fold("ĮNDEX"); got != "įndex" {
		t.Errorf("Fold = %q", got)
	}
}
