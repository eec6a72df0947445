// Package slug turns titles, headings and file names into the lower-case,
// hyphenated words used in URLs and heading IDs.
//
// The rule is the one DESIGN.md gives for URLs: lower case; letters and
// digits kept (accented letters too); every run of anything else becomes a
// single hyphen; no hyphen at either end. "Meeting notes" becomes
// "meeting-notes" and "Before you recruit: money & time" becomes
// "before-you-recruit-money-time".
package slug

import (
	"strings"
	"unicode"
)

// Make returns the slug of s. It returns "" when s has no letters or digits.
// Make is idempotent: Make(Make(s)) == Make(s).
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingHyphen := false
	for _, r := range s {
		if f := fold(r); unicode.IsLetter(f) || unicode.IsDigit(f) {
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(f)
			continue
		}
		// Apostrophes join words rather than split them: "don't" → "dont".
		if r == '\'' || r == '\u2019' {
			continue
		}
		pendingHyphen = true
	}
	return b.String()
}

// fold maps r to the one lower-case form shared by every rune that
// differs from it only in case, as case-insensitive file systems (NTFS,
// APFS) treat them: "ſ" (long s) and "S", "ς" (final sigma) and "Σ", "ı"
// (dotless i) and "I" fold to "s", "σ" and "i". Plain unicode.ToLower left
// "ſ.md" and "s.md", one file on Windows, with two URLs. It differs from
// unicode.ToLower for 23 runes, none of them in English text.
func fold(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }

// Fold returns s with every rune folded as Make folds it, so names can be
// compared the way Make compares them ("INDEX", "Index" and "ındex" all
// fold to "index").
func Fold(s string) string { return strings.Map(fold, s) }

// File returns the slug of a file name, keeping its extension in lower
// case: "Team Photo.PNG" becomes "team-photo.png". A name that is only an
// extension (".png") keeps it as the base.
func File(name string) string {
	dot := strings.LastIndexByte(name, '.')
	if dot <= 0 {
		return Make(name)
	}
	base, ext := Make(name[:dot]), Make(name[dot+1:])
	if base == "" {
		return ""
	}
	if ext == "" {
		return base
	}
	return base + "." + ext
}
