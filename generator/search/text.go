package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text rules in this file have a twin in themes/default/assets/search.js:
// the browser must cut a query into the same terms as the build cut the
// pages. testdata/stems.json holds the vectors that both are tested against;
// change the two together, and the vectors with them.

// foldTable maps lower-case accented Latin letters to plain ASCII, as
// search.js's FOLD does. It is a lookup table: filled once, then only read.
var foldTable = makeFoldTable()

// foldGroups lists, for each replacement, the letters it replaces.
var foldGroups = [...]struct{ to, from string }{
	{"a", "àáâãäåāăą"},
	{"ae", "æ"},
	{"c", "çćĉċč"},
	{"d", "ďđð"},
	{"e", "èéêëēĕėęě"},
	{"g", "ĝğġģ"},
	{"h", "ĥħ"},
	{"i", "ìíîïĩīĭįı"},
	{"ij", "ĳ"},
	{"j", "ĵ"},
	{"k", "ķ"},
	{"l", "ĺļľŀł"},
	{"n", "ñńņňŉ"},
	{"o", "òóôõöøōŏő"},
	{"oe", "œ"},
	{"r", "ŕŗř"},
	{"s", "śŝşšſ"},
	{"ss", "ß"},
	{"t", "ţťŧ"},
	{"th", "þ"},
	{"u", "ùúûüũūŭůűų"},
	{"w", "ŵẁẃẅ"},
	{"y", "ýÿŷỳ"},
	{"z", "źżž"},
}

func makeFoldTable() map[rune]string {
	m := map[rune]string{}
	for _, g := range foldGroups {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}

// isApostrophe reports whether r joins the two halves of a word such as
// "don't" or "partner’s": it is dropped, so "don’t" is the term "dont".
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u02bc'
}

// words cuts text into lower-case, accent-folded words of letters and
// digits. Apostrophes and combining marks join; anything else separates.
// Words of one character (after folding) are dropped. Stop words are kept.
func words(text string) []string {
	var out []string
	buf := make([]byte, 0, 32)
	for i := 0; i < len(text); {
		var n int
		buf, n, i = cutWord(text, i, buf[:0])
		if n > 1 {
			out = append(out, string(buf))
		}
	}
	return out
}

// cutWord cuts the word of text that starts at byte i, as words does: it
// appends the word to buf, and returns buf, the word's length in
// characters (after folding), and the start of the rest of the text, past
// the character that ends the word. A word may be empty, of a separator
// alone.
func cutWord(text string, i int, buf []byte) ([]byte, int, int) {
	n := 0 // characters in the word
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII, most of the text: the same rules, faster.
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				buf = append(buf, c)
				n++
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
				n++
			case c == '\'':
				// joins
			default:
				return buf, n, i
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case isApostrophe(r) || unicode.Is(unicode.Mn, r):
			// joins
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if f, ok := foldTable[r]; ok {
				buf = append(buf, f...)
				n += len(f)
			} else {
				buf = utf8.AppendRune(buf, r)
				n++
			}
		default:
			return buf, n, i
		}
	}
	return buf, n, i
}

// The kinds of byte of wordBytes.
const (
	separatorByte = iota // an ASCII character that ends a word
	plainByte            // a to z and 0 to 9, which a word keeps as they are
	otherByte            // the rest: for cutWord to see to
)

// wordBytes tells, for each byte of a text, which of separatorByte,
// plainByte and otherByte it is: a word of plain bytes that a separator
// ends is the word as it stands in the text. It is a lookup table: filled
// once, then only read.
var wordBytes = makeWordBytes()

func makeWordBytes() [256]uint8 {
	var t [256]uint8
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = plainByte
		case 'A' <= c && c <= 'Z' || c == '\'' || c >= utf8.RuneSelf:
			t[c] = otherByte
		}
	}
	return t
}

// stopWords are not indexed and are dropped from queries. It is a lookup
// table: filled once, then only read.
var stopWords = makeStopWords()

// stopList is the text of stopWords, as in search.js.
const stopList = "about above after again all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how if in into is it its itself just me more most my myself no nor not of off on once only or other ought our ours ourselves out over own same shall she should so some such than that the their theirs them themselves then there these they this those through to too under until up upon us very was we were what when where which while who whom why will with would you your yours yourself yourselves"

func makeStopWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopList) {
		m[w] = true
	}
	return m
}

// Terms returns the index terms of text: its words, without stop words,
// stemmed, in order, with repeats.
func Terms(text string) []string {
	ws := words(text)
	out := ws[:0]
	for _, w := range ws {
		if !stopWords[w] {
			out = append(out, Stem(w))
		}
	}
	return out
}

// isVowel reports whether c is a vowel for the stemmer; y counts.
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// hasVowel reports whether s has a vowel.
func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}

// suffixes are the endings Stem strips, tried in order; the first ending
// that a word has is the only one tried. min is the shortest stem that may be
// left, vowel whether that stem needs a vowel, and fix whether the stem is
// then tidied ("plann" → "plan", "car" → "care").
var suffixes = [...]struct {
	end, to    string
	min        int
	vowel, fix bool
}{
	{end: "ation", min: 4},
	{end: "ness", min: 3},
	{end: "ment", min: 4},
	{end: "ing", min: 3, vowel: true, fix: true},
	{end: "ied", to: "y", min: 2},
	{end: "ed", min: 3, vowel: true, fix: true},
	{end: "er", min: 4, fix: true},
	{end: "ly", min: 4},
}

// Stem returns the stem of a lower-case, folded word: a small suffix
// stripper for UK English that maps the forms of a word that readers type
// ("committees", "committee"; "organisation", "organise", "organize";
// "meeting", "meetings") to one term. Words of 3 letters or fewer, and words
// with anything but a to z, are their own stem. It is not Porter's stemmer,
// and search.js has the same function.
func Stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	// Plurals.
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	// One ending.
	for _, s := range suffixes {
		if !strings.HasSuffix(w, s.end) {
			continue
		}
		rest := w[:len(w)-len(s.end)]
		if len(rest) >= s.min && (!s.vowel || hasVowel(rest)) {
			w = rest + s.to
			if s.fix {
				w = tidy(w)
			}
		}
		break
	}
	// Endings that differ between spellings of the same word.
	if len(w) >= 5 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1] // "manage", "raise" → "manag", "rais"
	}
	if len(w) >= 6 && strings.HasSuffix(w, "our") {
		w = w[:len(w)-3] + "or" // "behaviour" → "behavior"
	}
	if strings.HasSuffix(w, "iz") {
		w = w[:len(w)-2] + "is" // "organiz" → "organis"
	}
	if len(w) >= 6 && strings.HasSuffix(w, "at") {
		w = w[:len(w)-2] // "escalat" → "escal", as "escalation"
	}
	return w
}

// tidy mends a stem left by "ing", "ed" or "er": a doubled last consonant
// loses one ("planning" → "plan"), and a short consonant-vowel-consonant stem
// gets its e back ("caring" → "care").
func tidy(w string) string {
	n := len(w)
	last := w[n-1]
	if n >= 4 && last == w[n-2] && !isVowel(last) && !strings.ContainsRune("lsfz", rune(last)) {
		return w[:n-1]
	}
	if n == 3 && !isVowel(w[0]) && isVowel(w[1]) && !isVowel(last) && !strings.ContainsRune("wxy", rune(last)) {
		return w + "e"
	}
	return w
}
