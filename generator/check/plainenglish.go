package check

import (
	"cmp"
	"fmt"
	"github.com/nhs-psp/handbook/generator/glossary"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Pages shorter than minGradeWords are too short for a meaningful grade
// level, and blocks shorter than minBlockWords (table cells, short list
// items) would count as very short sentences and flatter the grade.
const (
	minGradeWords = 100
	minBlockWords = 3
)

// plainEnglish runs reading_grade, long_sentence and undefined_acronym over
// one page.
func (r *run) plainEnglish(p *Page) {
	path := display(p)
	var total Readability
	maxWords := int(r.settings.limit("long_sentence"))
	for _, b := range p.Text {
		m, _ := measure(b.Text, func(s string, n int) {
			if n > maxWords {
				r.report("long_sentence", path, b.Line, b.Col,
					"sentence of %d words (%s) is longer than %d: split it, or make it a list; aim for under 20 words",
					n, opening(s, 8), maxWords)
			}
		})
		if m.Words >= minBlockWords {
			total = total.Add(m)
		}
	}
	if limit := r.settings.limit("reading_grade"); total.Words >= minGradeWords && total.Grade() > limit {
		r.reportPage("reading_grade", p,
			"the page reads at grade %.1f (Flesch–Kincaid), above the limit of %s: use shorter sentences and everyday words (grade 9 is a reading age of about 14)",
			total.Grade(), trimFloat(limit))
	}
	r.acronyms(p)
}

// opening quotes the first n words of s, with "…" when there are more.
func opening(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q", strings.Join(f[:n], " ")+"…")
}

func trimFloat(f float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") }

// commonAcronyms are read as words by everyone, so they need no expansion:
// the GOV.UK style guide's "well known" examples (UK, EU, VAT, MP) plus
// those every NHS reader knows (NHS, GP) and everyday ones (OK, TV, ID,
// IT, PDF, am and pm in capitals).
var commonAcronyms = map[string]bool{
	"UK": true, "EU": true, "VAT": true, "MP": true, "NHS": true, "GP": true,
	"OK": true, "TV": true, "ID": true, "IT": true, "PDF": true, "AM": true, "PM": true,
}

var (
	// acronymRE matches a word of two or more capitals, with digits and
	// a plural "s" allowed: "PSP", "PSPs", "B2B".
	acronymRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?$`)
	// romanRE matches the numerals used in names and lists (II, IV, XI…).
	romanRE = regexp.MustCompile(`^[IVXL]+$`)
	// bracketRE finds "(…)" with the text before it.
	bracketRE = regexp.MustCompile(`\(([^()]*)\)`)
)

// acronymOf returns the acronym token is a use of ("PSPs" → "PSP"), or ""
// when token is not an acronym to check.
func acronymOf(token string) string {
	// Most words start with a lower-case letter or have one capital:
	// decide those without the regular expression.
	if len(token) < 2 || token[0] < 'A' || token[0] > 'Z' || token[1] < '0' || token[1] > 'Z' || (token[1] > '9' && token[1] < 'A') {
		return ""
	}
	if !acronymRE.MatchString(token) {
		return ""
	}
	base := token
	if strings.HasSuffix(base, "s") {
		base = base[:len(base)-1]
	}
	if commonAcronyms[base] || romanRE.MatchString(base) {
		return ""
	}
	return base
}

// tokens splits text into runs of letters and digits.
func tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

type use struct {
	acronym   string
	line, col int
}

// acronyms reports the first use of each acronym that is neither in the
// glossary nor written out on the page.
func (r *run) acronyms(p *Page) {
	var uses []use
	texts := []string{p.Title}
	for _, h := range p.Headings {
		texts = append(texts, h.Text)
		for _, t := range tokens(h.Text) {
			if a := acronymOf(t); a != "" {
				uses = append(uses, use{a, h.Line, h.Col})
			}
		}
	}
	for _, b := range p.Text {
		texts = append(texts, b.Text)
		for _, t := range tokens(b.Text) {
			if a := acronymOf(t); a != "" {
				uses = append(uses, use{a, b.Line, b.Col})
			}
		}
	}
	if len(uses) == 0 {
		return
	}
	slices.SortStableFunc(uses, func(a, b use) int { return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col)) })
	expanded := map[string]bool{}
	for _, t := range texts {
		for a := range expansions(t) {
			expanded[a] = true
		}
	}
	seen := map[string]bool{}
	for _, u := range uses {
		if seen[u.acronym] || expanded[u.acronym] {
			continue
		}
		seen[u.acronym] = true
		if inGlossary(r.in.Glossary, u.acronym) {
			continue
		}
		r.report("undefined_acronym", display(p), u.line, u.col,
			"%q is not written out on this page and is not in the glossary: write it in full the first time, followed by the letters in brackets, such as \"Patient Safety Partner (PSP)\", or add it to glossary.yaml",
			u.acronym)
	}
}

// inGlossary reports whether the glossary explains acronym: as a term of
// its own, in the plural, or as the start of a term such as "UTF-8".
func inGlossary(g *glossary.Glossary, acronym string) bool {
	if g == nil {
		return false
	}
	if _, ok := g.Lookup(acronym); ok {
		return true
	}
	if _, ok := g.Lookup(acronym + "s"); ok {
		return true
	}
	for _, t := range g.Terms {
		if strings.HasPrefix(t.Term, acronym+"-") {
			return true
		}
	}
	return false
}

// expansions finds the acronyms text writes out, in either form:
// "Patient Safety Partner (PSP)" or "PSP (Patient Safety Partner)".
func expansions(text string) map[string]bool {
	out := map[string]bool{}
	if !strings.Contains(text, "(") {
		return out
	}
	for _, m := range bracketRE.FindAllStringSubmatchIndex(text, -1) {
		inner := strings.TrimSpace(text[m[2]:m[3]])
		before := tokens(text[:m[0]])
		// "Patient Safety Partner (PSP)", also "(PSPs)".
		if in := tokens(inner); len(in) == 1 {
			if a := acronymOf(in[0]); a != "" && initialsMatch(before, a, true) {
				out[a] = true
			}
		}
		// "PSPs (Patient Safety Partners)".
		if len(before) > 0 {
			if a := acronymOf(before[len(before)-1]); a != "" && initialsMatch(tokens(inner), a, false) {
				out[a] = true
			}
		}
	}
	return out
}

// minorWords may sit between the words of an expansion without giving a
// letter to the acronym: "Freedom to Speak Up (FTSU)" uses "to", but
// "Disclosure and Barring Service (DBS)" skips "and".
var minorWords = map[string]bool{
	"a": true, "an": true, "and": true, "at": true, "by": true, "for": true,
	"in": true, "of": true, "on": true, "the": true, "to": true, "with": true,
}

// initialsMatch reports whether the initials of words spell acronym. With
// fromEnd, it reads the words just before a bracket, last word first;
// otherwise the words inside a bracket, first word first, and all of them
// must be used. Minor words may be skipped.
func initialsMatch(words []string, acronym string, fromEnd bool) bool {
	var letters []rune
	for _, r := range acronym {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	if len(letters) < 2 {
		return false
	}
	if fromEnd {
		i := len(letters) - 1
		for j := len(words) - 1; j >= 0 && i >= 0; j-- {
			w := words[j]
			switch {
			case initial(w) == letters[i]:
				i--
			case minorWords[strings.ToLower(w)]:
			default:
				return false
			}
		}
		return i < 0
	}
	i := 0
	for _, w := range words {
		switch {
		case i < len(letters) && initial(w) == letters[i]:
			i++
		case minorWords[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return i == len(letters)
}

func initial(w string) rune {
	for _, r := range w {
		return unicode.ToUpper(r)
	}
	return 0
}
