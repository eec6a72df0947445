// Package search builds the handbook's search index at build time, as a
// JavaScript file loaded with a <script> tag so that search works over
// file:// too.
//
// The index is an inverted index of stemmed terms (see [Terms] and [Stem];
// themes/default/assets/search.js cuts queries into terms by the same rules)
// with postings per section of a page, so that a result links to the heading
// that matched best. The file assigns one object to
// window.handbookSearchIndex:
//
//	{
//	  "v": 1,                        // format version
//	  "g": 12,                       // index in "p" of the first glossary entry
//	  "p": [                         // pages, then glossary entries
//	    ["url/", "Title", "id", "Heading", "snippet", "id", "Heading", "snippet", …],
//	    …
//	  ],
//	  "t": "term term term …",       // the terms, sorted, separated by spaces
//	  "i": ["postings", …]           // the postings of each term of "t"
//	}
//
// Sections are numbered across the whole index, in the order of "p": page 0's
// sections first. A page's sections are (id, heading, snippet) triples after
// its URL and title. The section before the first heading has the id "" and
// no heading. To save room, a section whose id is the slug of its heading
// (lower case, runs of anything but letters and digits to one hyphen,
// apostrophes dropped), for a heading of ASCII characters and ’ only, has
// the id "" too: an empty id with a heading stands for that slug.
// A section's snippet is the start of its text: the first sentence, or the
// first two when the first is short, and never more than [SnippetLength]
// characters (a longer sentence is cut at a space and ends in "…"). Sections with neither text nor heading are left out. A
// glossary entry is a page with one section whose id is the entry's anchor,
// whose heading is the expansion and whose snippet is the definition.
//
// The postings of a term are two lists, separated by ".": the sections the
// term is in, then the pages whose title or glossary terms have it. The
// second list and its "." are left out when it is empty. Each list is a run
// of numbers. A section is written as (gap-1)*4+class, where gap is the
// difference from the previous section number (the first gap is from -1),
// and class is 0, 1 or 2 for a term in the text once, twice or more often,
// and 3 for a term in the section's heading. A page is written as
// (gap-1)*2+kind, where kind is 0 for a term of the title and 1 for one of
// the page's glossary terms. Each number is written in base 32, low digits
// first, one character a digit from the alphabet 0-9A-Za-z-_; a character
// from the second half of the alphabet (value 32 and up) says that another
// digit follows. Most postings take one character.
//
// The browser ranks pages by field: a term of the title counts far more than
// one of a heading, which counts more than one of the page's glossary terms,
// which counts more than one of the text; rarer terms count more.
package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/internal/slug"
)

// Doc is one page to index.
type Doc struct {
	// URL is the page's address from the site root, such as
	// "about-the-role/committees/", or "" for the home page.
	URL   string
	Title string
	// Headings are the h2 and h3 of the page, in order.
	Headings []Heading
	// Sections are the page's text split at h2 and h3 headings: the text
	// before the first heading has the ID "".
	Sections []Section
	// Terms are the glossary terms the page uses. It may be empty.
	Terms []string
}

// Heading is an h2 or h3 of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Section is the text of a page from one heading to the next, as plain text
// without markup.
type Section struct {
	// ID is the heading's ID, or "" for the text before the first heading.
	ID string
	// Heading is the heading's text. When it is "", the text of the
	// Heading of the page with the same ID is used.
	Heading string
	Text    string
}

// GlossaryEntry is one term of the glossary.
type GlossaryEntry struct {
	Term       string // "PSP"
	Expansion  string // "Patient Safety Partner", or "" for a term that is not an acronym
	Definition string
	URL        string // the glossary page, such as "glossary/"
	Anchor     string // the entry's ID on that page, such as "term-psp"
}

// Options are the parts of the index that are not pages.
type Options struct {
	// Glossary entries are indexed as their own results pointing at the
	// glossary page anchors.
	Glossary []GlossaryEntry
}

// SnippetLength is the longest snippet kept for a section, in characters,
// before the ellipsis.
const SnippetLength = 100

// The classes of a section posting and the kinds of a page posting.
const (
	classHeading = 3 // the term is in the section's heading
	kindTitle    = 0
	kindGlossary = 1
)

// alphabet writes the digits of posting numbers. Keep it in step with
// search.js.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// indexPage is a page or glossary entry as the index holds it.
type indexPage struct {
	url, title string
	sections   []indexSection
}

type indexSection struct {
	id, heading, snippet string
}

// postings are the occurrences of one term.
type postings struct {
	sections []int32 // section<<2 | class
	pages    []int32 // page<<1 | kind
}

// Index returns the bytes of search-index.js: a script that assigns the index
// of docs and of the glossary in opts to window.handbookSearchIndex. The same
// input always gives the same bytes.
func Index(docs []Doc, opts Options) []byte {
	b := NewBuilder()
	for _, d := range docs {
		b.Add(Analyze(d))
	}
	return b.Index(opts)
}

// Analyzed is one document split into the terms the index holds. Analysing
// is most of the work of indexing, and each document's analysis depends on
// that document alone, so the preview server keeps the analysis of pages
// that did not change and only assembles the index again.
type Analyzed struct {
	page indexPage
	// pageTerms are the title and glossary terms, with their kind.
	pageTerms map[string]int32
	// sections hold each section's terms with their class, sorted by term.
	sections [][]termClass
}

// termClass is a term of a section and how it occurs there.
type termClass struct {
	term  string
	class int32
}

// Analyze splits d into terms.
func Analyze(d Doc) *Analyzed {
	stems := stemmer{}
	a := &Analyzed{page: indexPage{url: d.URL, title: clean(d.Title)}, pageTerms: map[string]int32{}}
	// Page fields: the title, then the glossary terms the page uses.
	for _, t := range Terms(d.Title) {
		a.pageTerms[t] = kindTitle
	}
	for _, term := range d.Terms {
		for _, t := range Terms(term) {
			if _, ok := a.pageTerms[t]; !ok {
				a.pageTerms[t] = kindGlossary
			}
		}
	}
	headings := map[string]string{}
	for _, h := range d.Headings {
		headings[h.ID] = h.Text
	}
	for _, s := range d.Sections {
		heading := s.Heading
		if heading == "" && s.ID != "" {
			heading = headings[s.ID]
		}
		heading = clean(heading)
		// Only the start of the text makes the snippet: clean just that
		// much, since a section may be long.
		text := clean(prefix(s.Text, 4*SnippetLength))
		if text == "" && heading == "" {
			continue
		}
		if s.ID == "" {
			// The text before the first heading has no heading; and an id
			// of "" with a heading means "the slug of the heading".
			heading = ""
		}
		a.page.sections = append(a.page.sections, indexSection{id: s.ID, heading: heading, snippet: snippet(text)})
		a.sections = append(a.sections, sorted(sectionClasses(stems.terms(heading), stems.terms(s.Text))))
	}
	return a
}

// prefix returns the first n bytes of s or a little more, ending on a
// character boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}

// stemmer is Terms with a memory of the words it has stemmed: a page uses
// the same words again and again, and a word seen before costs neither an
// allocation nor a second stemming. Stop words map to "".
type stemmer map[string]string

func (m stemmer) terms(text string) []string {
	var out []string
	eachWord(text, func(w []byte) {
		st, ok := m[string(w)]
		if !ok {
			word := string(w)
			if !stopWords[word] {
				st = Stem(word)
			}
			m[word] = st
		}
		if st != "" {
			out = append(out, st)
		}
	})
	return out
}

// Builder assembles an index one analysed document at a time, so a build
// can drop each document's analysis as soon as it is added.
type Builder struct{ b builder }

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{builder{terms: map[string]*postings{}}} }

// Add appends document a to the index.
func (x *Builder) Add(a *Analyzed) { x.b.addAnalyzed(a) }

// Index adds the glossary entries of opts and returns the script. The
// Builder must not be used afterwards.
func (x *Builder) Index(opts Options) []byte {
	firstGlossary := len(x.b.pages)
	for _, g := range opts.Glossary {
		x.b.addGlossary(g)
	}
	return x.b.encode(firstGlossary)
}

// builder collects the pages and the postings of every term.
type builder struct {
	pages    []indexPage
	sections int // sections so far
	terms    map[string]*postings
}

func (b *builder) term(t string) *postings {
	p := b.terms[t]
	if p == nil {
		p = &postings{}
		b.terms[t] = p
	}
	return p
}

func (b *builder) addAnalyzed(a *Analyzed) {
	b.addPageTerms(len(b.pages), a.pageTerms)
	for _, terms := range a.sections {
		sec := int32(b.sections)
		b.sections++
		for _, tc := range terms {
			p := b.term(tc.term)
			p.sections = append(p.sections, sec<<2|tc.class)
		}
	}
	b.pages = append(b.pages, a.page)
}

func (b *builder) addGlossary(g GlossaryEntry) {
	page := len(b.pages)
	kinds := map[string]int32{}
	for _, t := range Terms(g.Term + " " + g.Expansion) {
		kinds[t] = kindTitle
	}
	b.addPageTerms(page, kinds)
	def := clean(g.Definition)
	b.pages = append(b.pages, indexPage{
		url:      g.URL,
		title:    clean(g.Term),
		sections: []indexSection{{id: g.Anchor, heading: clean(g.Expansion), snippet: snippet(def)}},
	})
	// The expansion is in the title already: index the definition only.
	b.addSection(sectionClasses(nil, Terms(def)))
}

// addPageTerms adds the page postings of one page. Each term has one
// posting a page, so the order of the map does not change the result.
func (b *builder) addPageTerms(page int, kinds map[string]int32) {
	for t, kind := range kinds {
		p := b.term(t)
		p.pages = append(p.pages, int32(page)<<1|kind)
	}
}

// sectionClasses gives each term of a section its class: how often it
// appears in the text, or that it is in the heading.
func sectionClasses(heading, text []string) map[string]int32 {
	class := map[string]int32{}
	for _, t := range text {
		if class[t] < 2 {
			class[t]++
		}
	}
	for t := range class {
		class[t]-- // 1, 2, 3+ times → 0, 1, 2
	}
	for _, t := range heading {
		class[t] = classHeading
	}
	return class
}

// sorted returns a section's classes as a slice sorted by term, which is
// cheaper to keep and to add than the map.
func sorted(class map[string]int32) []termClass {
	out := make([]termClass, 0, len(class))
	for t, c := range class {
		out = append(out, termClass{t, c})
	}
	slices.SortFunc(out, func(a, b termClass) int { return strings.Compare(a.term, b.term) })
	return out
}

// addSection adds the postings of the next section.
func (b *builder) addSection(class map[string]int32) {
	sec := int32(b.sections)
	b.sections++
	// One posting a term: the order of the map does not change the result.
	for t, c := range class {
		p := b.term(t)
		p.sections = append(p.sections, sec<<2|c)
	}
}

// encode writes the script.
func (b *builder) encode(firstGlossary int) []byte {
	var out bytes.Buffer
	out.WriteString("window.handbookSearchIndex={\"v\":1,\"g\":")
	out.WriteString(strconv.Itoa(firstGlossary))
	out.WriteString(",\"p\":[")
	for i, p := range b.pages {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteByte('[')
		writeString(&out, p.url)
		out.WriteByte(',')
		writeString(&out, p.title)
		for _, s := range p.sections {
			out.WriteByte(',')
			if s.id != "" && derivedID(s.heading) == s.id {
				writeString(&out, "")
			} else {
				writeString(&out, s.id)
			}
			out.WriteByte(',')
			writeString(&out, s.heading)
			out.WriteByte(',')
			writeString(&out, s.snippet)
		}
		out.WriteByte(']')
	}
	out.WriteString("],\"t\":")

	terms := make([]string, 0, len(b.terms))
	for t := range b.terms {
		terms = append(terms, t)
	}
	// search.js finds terms by binary search with JavaScript's string
	// comparison, which compares UTF-16 code units.
	slices.SortFunc(terms, compareUTF16)
	writeString(&out, strings.Join(terms, " "))
	out.WriteString(",\"i\":[")
	var enc []byte
	for i, t := range terms {
		if i > 0 {
			out.WriteByte(',')
		}
		p := b.terms[t]
		enc = enc[:0]
		enc = append(enc, '"')
		enc = appendList(enc, p.sections, 2)
		if len(p.pages) > 0 {
			enc = append(enc, '.')
			enc = appendList(enc, p.pages, 1)
		}
		enc = append(enc, '"')
		out.Write(enc)
	}
	out.WriteString("]};\n")
	return out.Bytes()
}

// appendList appends postings (number<<shift | flags) as gaps and flags.
func appendList(dst []byte, list []int32, shift uint) []byte {
	prev := int32(-1)
	for _, v := range list {
		n := v >> shift
		flags := v & (1<<shift - 1)
		dst = appendNumber(dst, uint32(n-prev-1)<<shift|uint32(flags))
		prev = n
	}
	return dst
}

// appendNumber appends n in base 32, low digits first, with the
// continuation bit set on every digit but the last.
func appendNumber(dst []byte, n uint32) []byte {
	for n >= 32 {
		dst = append(dst, alphabet[32|n&31])
		n >>= 5
	}
	return append(dst, alphabet[n])
}

// writeString writes s as a JSON string. encoding/json escapes <, > and &,
// and U+2028 and U+2029, which keeps the script safe to load anywhere.
func writeString(out *bytes.Buffer, s string) {
	// Most strings are plain text that JSON writes as it is: write those
	// directly, and leave the rest to encoding/json.
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		out.WriteByte('"')
		out.WriteString(s)
		out.WriteByte('"')
		return
	}
	q, err := json.Marshal(s)
	if err != nil {
		// A string always marshals; invalid UTF-8 becomes U+FFFD.
		panic(err)
	}
	out.Write(q)
}

// derivedID returns the ID that search.js derives from a heading, or "" when
// it derives none: the heading's slug (as internal/slug makes it, and as
// the markdown package makes heading IDs), for a heading of ASCII characters
// and ’, whose slug is the same in Go and JavaScript.
func derivedID(heading string) string {
	for _, r := range heading {
		if r >= 0x80 && r != '\u2019' {
			return ""
		}
	}
	return slug.Make(heading)
}

// compareUTF16 orders strings as JavaScript's < does.
func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// clean collapses runs of white space to one space and trims the ends.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// snippet returns the start of a section's text: its first sentence, and
// the next one when the first is short, up to SnippetLength characters. A
// first sentence that is longer is cut at a space and ended with "…".
func snippet(text string) string {
	r := []rune(text)
	if len(r) <= snippetShort {
		return text
	}
	end := sentenceEnd(r, 0)
	if end < snippetShort && end < len(r) {
		if next := sentenceEnd(r, end+1); next <= SnippetLength {
			end = next
		}
	}
	if end <= SnippetLength {
		return string(r[:end])
	}
	cut := SnippetLength
	for i := SnippetLength; i > SnippetLength/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.-–—") + "…"
}

// snippetShort is the length of a first sentence below which a snippet
// takes the second sentence too.
const snippetShort = 50

// sentenceEnd returns the end of the sentence that starts at from: after a
// full stop, question mark or exclamation mark that a space follows, or the
// end of the text.
func sentenceEnd(r []rune, from int) int {
	for i := from; i < len(r); i++ {
		switch r[i] {
		case '.', '?', '!':
			if i+1 == len(r) || r[i+1] == ' ' {
				return i + 1
			}
		}
	}
	return len(r)
}
