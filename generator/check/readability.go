package check

import (
	"strings"
	"unicode"
)

// Readability counts the words, sentences and syllables of some text: what
// the Flesch–Kincaid grade level is computed from.
type Readability struct {
	Words, Sentences, Syllables int
}

// Add returns the sum of r and o, to measure several blocks as one text.
func (r Readability) Add(o Readability) Readability {
	return Readability{r.Words + o.Words, r.Sentences + o.Sentences, r.Syllables + o.Syllables}
}

// Grade returns the Flesch–Kincaid grade level:
//
//	0.39 × words/sentences + 11.8 × syllables/words − 15.59
//
// It is a US school grade; add about 5 for a reading age. Text with no
// words has grade 0.
func (r Readability) Grade() float64 {
	if r.Words == 0 || r.Sentences == 0 {
		return 0
	}
	return 0.39*float64(r.Words)/float64(r.Sentences) + 11.8*float64(r.Syllables)/float64(r.Words) - 15.59
}

// Measure counts the words, sentences and syllables of text. A text that
// does not end with a full stop still ends a sentence: a list item or a
// table cell counts as one.
func Measure(text string) Readability {
	r, _ := measure(text, nil)
	return r
}

// measure is Measure that also calls long, when not nil, with each
// sentence and its number of words: one pass serves both the grade and
// the long-sentence rule.
func measure(text string, long func(sentence string, words int)) (Readability, int) {
	var r Readability
	for _, s := range Sentences(text) {
		words := Words(s)
		if len(words) == 0 {
			continue
		}
		if long != nil {
			long(s, len(words))
		}
		r.Sentences++
		r.Words += len(words)
		for _, w := range words {
			r.Syllables += Syllables(w)
		}
	}
	return r, r.Words
}

// FleschKincaid returns the Flesch–Kincaid grade level of text.
func FleschKincaid(text string) float64 { return Measure(text).Grade() }

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "eg": true, "ie": true, "dr": true, "mr": true,
	"mrs": true, "ms": true, "st": true, "vs": true, "prof": true,
	"approx": true, "cf": true, "a.m": true, "p.m": true,
}

// Sentences splits text into sentences. A sentence ends at ".", "!", "?" or
// "…" followed by a space or the end of the text (closing quotes and
// brackets may come between), except after an abbreviation such as "e.g."
// or "Dr." or a single-letter initial; "etc." ends a sentence only when a
// capital letter follows.
func Sentences(text string) []string {
	runes := []rune(strings.TrimSpace(text))
	var out []string
	start := 0
	for i := 0; i < len(runes); i++ {
		c := runes[i]
		if c != '.' && c != '!' && c != '?' && c != '…' {
			continue
		}
		j := i + 1
		for j < len(runes) && strings.ContainsRune(".!?…\"')]’”", runes[j]) {
			j++
		}
		if j < len(runes) && !unicode.IsSpace(runes[j]) {
			continue // "1.5", "nhs.uk", "e.g.,"
		}
		if c == '.' && !endsSentence(runes[start:i], runes[j:]) {
			continue
		}
		if s := strings.TrimSpace(string(runes[start:j])); s != "" {
			out = append(out, s)
		}
		start = j
		i = j - 1
	}
	if s := strings.TrimSpace(string(runes[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// endsSentence decides whether a full stop after before, followed by
// after, ends a sentence. It looks only at the word before the stop and
// the first letter after it: it runs at every full stop of the handbook.
func endsSentence(before, after []rune) bool {
	k := len(before)
	for k > 0 && !unicode.IsSpace(before[k-1]) && before[k-1] != '(' {
		k--
	}
	word := before[k:]
	n := 0
	for n < len(after) && unicode.IsSpace(after[n]) {
		n++
	}
	atEnd := n == len(after)
	capitalNext := !atEnd && unicode.IsUpper(after[n])
	switch {
	case len(word) <= 6 && strings.EqualFold(string(word), "etc"):
		return capitalNext || atEnd
	case len(word) <= 6 && abbreviations[strings.ToLower(string(word))]:
		return atEnd
	case len(word) == 1 && unicode.IsLetter(word[0]) && unicode.IsUpper(word[0]):
		return atEnd // "J. Smith"
	}
	return true
}

// Words splits text into words: runs of characters between spaces that
// hold at least one letter or digit. Hyphenated words ("co-design") and
// numbers ("£150", "9am") count as one word.
func Words(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// plainLower reports whether w is made of a–z only.
func plainLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// suffixes whose "e" before them is silent in the stem: "safe|ty",
// "state|ment", "like|ly".
var silentESuffixes = []string{"ments", "ment", "ness", "less", "fully", "ful", "ly", "ty"}

// Syllables estimates the syllables of an English word. It counts groups of
// vowels (y is a vowel except at the start of a word), then drops a silent
// final e ("make", "times", "called") but not in "-le", "-les", "-ted" or
// "-ded" endings, or after c, g, s, x, z, ch or sh before "-es"
// ("changes", "boxes"). A silent e in a stem before a suffix such as -ty,
// -ly, -ment is dropped too ("safety", "statement"). A word in capitals
// ("NHS") is read letter by letter: one syllable a letter, three for W.
// Numbers count as one syllable. Every word has at least one.
//
// It is a heuristic, right for most everyday words and close enough for a
// grade level; it overcounts a few ("create" is counted as 1, "business"
// as 3).
func Syllables(word string) int {
	if plainLower(word) {
		// Most words: lower-case ASCII letters only, nothing to clean.
		return max(syllables(word), 1)
	}
	if isCapitals(word) {
		n := 0
		for _, r := range word {
			switch {
			case r == 'W':
				n += 3
			case unicode.IsUpper(r):
				n++
			}
		}
		return max(n, 1)
	}
	n := 0
	for _, part := range strings.FieldsFunc(strings.ToLower(word), func(r rune) bool { return r == '-' || r == '/' || r == '–' }) {
		n += syllables(lettersOf(part))
	}
	return max(n, 1)
}

func syllables(w string) int {
	if w == "" {
		return 0
	}
	for _, suf := range silentESuffixes {
		stem := strings.TrimSuffix(w, suf)
		if len(stem) == len(w) || len(stem) < 3 || !strings.HasSuffix(stem, "e") || isVowel(stem, len(stem)-2) {
			continue
		}
		if s := syllables(stem); vowelGroups(stem) > 1 {
			return s + 1
		}
	}
	n := vowelGroups(w)
	if n > 1 && silentFinalE(w) {
		n--
	}
	return max(n, 1)
}

// silentFinalE reports whether w ends in a silent e: "make", "times",
// "called", but not "table", "tables", "wanted", "changes".
func silentFinalE(w string) bool {
	l := len(w)
	switch {
	case strings.HasSuffix(w, "e"):
		if isVowel(w, l-2) {
			return false // "agree", "free"
		}
		return !(strings.HasSuffix(w, "le") && !isVowel(w, l-3))
	case strings.HasSuffix(w, "es"):
		if isVowel(w, l-3) {
			return false // "does", "agrees"
		}
		if strings.HasSuffix(w, "les") && !isVowel(w, l-4) {
			return false // "tables"
		}
		for _, s := range []string{"ces", "ges", "ses", "xes", "zes", "ches", "shes"} {
			if strings.HasSuffix(w, s) {
				return false
			}
		}
		return true
	case strings.HasSuffix(w, "ed"):
		if isVowel(w, l-3) {
			return false // "agreed"
		}
		return !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded")
	}
	return false
}

// vowelGroups counts runs of vowels in w.
func vowelGroups(w string) int {
	n, in := 0, false
	for i := range len(w) {
		v := isVowel(w, i)
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

// isVowel reports whether w[i] is a vowel; y is one except at the start.
func isVowel(w string, i int) bool {
	if i < 0 || i >= len(w) {
		return false
	}
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	case 'y':
		return i > 0
	}
	return false
}

// lettersOf keeps the ASCII letters of a lower-case word, folding common
// accented ones ("café" → "cafe").
func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case strings.ContainsRune("àáâäã", r):
			b.WriteByte('a')
		case strings.ContainsRune("èéêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîï", r):
			b.WriteByte('i')
		case strings.ContainsRune("òóôöõ", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûü", r):
			b.WriteByte('u')
		}
	}
	return b.String()
}

// isCapitals reports whether word has two or more letters, all capitals
// (an acronym read letter by letter), allowing a plural "s" and digits.
func isCapitals(word string) bool {
	word = strings.TrimSuffix(word, "s")
	upper := 0
	for _, r := range word {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return upper >= 2
}
