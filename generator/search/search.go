// Package search builds the handbook's search index at build time, as a
// JavaScript file loaded with a <script> tag so that search works over
// file:// too.
//
// [Index] makes the index of a set of documents at once. A build analyses
// each page with [Analyze], which is most of the work and can run in
// parallel, and assembles the index with a [Builder]. The preview server,
// which builds again on every save, keeps the analyses of the pages that
// did not change and assembles the index with an [Incremental], which only
// does again the work of what changed. For the same input, all three write
// the same bytes.
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
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
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
// that did not change and only assembles the index again. An Analyzed does
// not change once made: builds may share it.
type Analyzed struct {
	// page is the page's entry in "p", written out.
	page []byte
	// sections is the number of sections of the page.
	sections int32
	// terms are the page's distinct terms, sorted. The postings of
	// terms[k] in the page are post[ends[k-1]:ends[k]] (from 0 for k = 0),
	// as section<<2 | class with sections counted from the page's first;
	// kinds[k] is its kind as a term of the title or glossary terms, or
	// noKind.
	terms []string
	kinds []int8
	ends  []int32
	post  []int32
}

// noKind is the kind of a term that is neither in the title nor in the
// glossary terms of a page.
const noKind = -1

// Analyze splits d into terms.
func Analyze(d Doc) *Analyzed {
	page := indexPage{url: d.URL, title: clean(d.Title)}
	var l termLists
	// Page fields: the title, then the glossary terms the page uses.
	for _, t := range Terms(d.Title) {
		l.pageTerm(t, kindTitle)
	}
	for _, term := range d.Terms {
		for _, t := range Terms(term) {
			l.pageTerm(t, kindGlossary)
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
		page.sections = append(page.sections, indexSection{id: s.ID, heading: heading, snippet: snippet(text)})
		l.section(heading, s.Text)
	}
	return l.analyzed(page)
}

// glossaryAnalyzed analyses a glossary entry as a page of its own, with one
// section.
func glossaryAnalyzed(g GlossaryEntry) *Analyzed {
	var l termLists
	for _, t := range Terms(g.Term + " " + g.Expansion) {
		l.pageTerm(t, kindTitle)
	}
	def := clean(g.Definition)
	// The expansion is in the title already: index the definition only.
	l.section("", def)
	return l.analyzed(indexPage{
		url:      g.URL,
		title:    clean(g.Term),
		sections: []indexSection{{id: g.Anchor, heading: clean(g.Expansion), snippet: snippet(def)}},
	})
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

// termLists collects the postings of one page, by term, to make its
// Analyzed. Terms have numbers, in the order they come.
type termLists struct {
	index    map[string]int32 // term → its number
	terms    []string         // by number
	kinds    []int8           // by number
	post     []termPosting    // in the order of the sections
	sections int32
	// words remembers the words the page has stemmed, with the number of
	// their term: a page uses the same words again and again, and a word
	// seen before costs neither an allocation nor a second stemming. Stop
	// words have noTerm.
	words map[string]int32
	// count is, during section, how often each term is in the section's
	// text (up to 2), or classHeading+1 for a term of its heading; seen
	// are the terms whose count is not 0.
	count []int32
	seen  []int32
}

// termPosting is a posting of the term numbered term of a termLists.
type termPosting struct{ term, v int32 }

// noTerm is the term number of a stop word.
const noTerm = -1

// id returns the number of term t, adding it if it is new.
func (l *termLists) id(t string) int32 {
	i, ok := l.index[t]
	if !ok {
		if l.index == nil {
			l.index = map[string]int32{}
		}
		i = int32(len(l.terms))
		l.index[t] = i
		l.terms = append(l.terms, t)
		l.kinds = append(l.kinds, noKind)
		l.count = append(l.count, 0)
	}
	return i
}

// pageTerm records t as a term of the title or glossary terms, of the
// given kind unless it has one already.
func (l *termLists) pageTerm(t string, kind int8) {
	if i := l.id(t); l.kinds[i] == noKind {
		l.kinds[i] = kind
	}
}

// eachTerm calls f with the number of each term of text, as Terms cuts
// them.
func (l *termLists) eachTerm(text string, f func(int32)) {
	eachWord(text, func(w []byte) {
		i, ok := l.words[string(w)]
		if !ok {
			word := string(w)
			i = noTerm
			if !stopWords[word] {
				i = l.id(Stem(word))
			}
			if l.words == nil {
				l.words = map[string]int32{}
			}
			l.words[word] = i
		}
		if i != noTerm {
			f(i)
		}
	})
}

// section adds the postings of the next section, of the given heading and
// text. Each term of the section has one posting, with its class: 3 for a
// term of the heading, else 0, 1 or 2 for a term once, twice, or three
// times or more in the text.
func (l *termLists) section(heading, text string) {
	sec := l.sections
	l.sections++
	seen := l.seen[:0]
	l.eachTerm(text, func(i int32) {
		switch l.count[i] {
		case 0:
			seen = append(seen, i)
			l.count[i] = 1
		case 1, 2:
			l.count[i]++
		}
	})
	l.eachTerm(heading, func(i int32) {
		if l.count[i] == 0 {
			seen = append(seen, i)
		}
		l.count[i] = classHeading + 1
	})
	for _, i := range seen {
		l.post = append(l.post, termPosting{i, sec<<2 | (l.count[i] - 1)})
		l.count[i] = 0
	}
	l.seen = seen
}

// analyzed returns the Analyzed of the page, with its entry in "p" written
// out and its postings grouped by term.
func (l *termLists) analyzed(page indexPage) *Analyzed {
	n := len(l.terms)
	order := make([]int32, n) // the numbers of the terms, sorted by term
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(l.terms[a], l.terms[b]) })
	a := &Analyzed{
		page:     appendPage(nil, page),
		sections: l.sections,
		terms:    make([]string, n),
		kinds:    make([]int8, n),
		ends:     make([]int32, n),
		post:     make([]int32, len(l.post)),
	}
	rank := make([]int32, n) // the place of each term in order
	for k, i := range order {
		a.terms[k] = l.terms[i]
		a.kinds[k] = l.kinds[i]
		rank[i] = int32(k)
	}
	for _, p := range l.post {
		a.ends[rank[p.term]]++
	}
	// A counting sort, stable: each term's postings stay in section order.
	next := rank // reused: where the next posting of each term goes
	start := int32(0)
	for k, c := range a.ends {
		next[order[k]] = start
		start += c
		a.ends[k] = start
	}
	for _, p := range l.post {
		a.post[next[p.term]] = p.v
		next[p.term]++
	}
	return a
}

// Builder assembles an index one analysed document at a time, so a build
// can drop each document's analysis as soon as it is added.
type Builder struct{ b builder }

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{builder{terms: map[string]*postings{}}} }

// Add appends document a to the index.
func (x *Builder) Add(a *Analyzed) { x.b.add(a) }

// Index adds the glossary entries of opts and returns the script. The
// Builder must not be used afterwards.
func (x *Builder) Index(opts Options) []byte {
	firstGlossary := len(x.b.pages)
	for _, g := range opts.Glossary {
		x.b.add(glossaryAnalyzed(g))
	}
	return x.b.encode(firstGlossary)
}

// builder collects the pages and the postings of every term.
type builder struct {
	pages    [][]byte // the entries of "p"
	sections int32    // sections so far
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

// add appends a page. Each term has one page posting a page, and its
// section postings in the order of the sections.
func (b *builder) add(a *Analyzed) {
	page := int32(len(b.pages))
	for k, t := range a.terms {
		p := b.term(t)
		p.sections, p.pages = a.appendPostings(k, page, b.sections, p.sections, p.pages)
	}
	b.sections += a.sections
	b.pages = append(b.pages, a.page)
}

// appendPostings appends the postings of a's term k to sections and pages,
// numbered for the index in which a is the page page and its first section
// is the section first.
func (a *Analyzed) appendPostings(k int, page, first int32, sections, pages []int32) ([]int32, []int32) {
	lo := int32(0)
	if k > 0 {
		lo = a.ends[k-1]
	}
	for _, v := range a.post[lo:a.ends[k]] {
		sections = append(sections, first<<2+v)
	}
	if kind := a.kinds[k]; kind != noKind {
		pages = append(pages, page<<1|int32(kind))
	}
	return sections, pages
}

// encode writes the script.
func (b *builder) encode(firstGlossary int) []byte {
	terms := make([]string, 0, len(b.terms))
	size := 0
	for t, p := range b.terms {
		terms = append(terms, t)
		size += len(t) + len(p.sections) + len(p.pages) + 4
	}
	// search.js finds terms by binary search with JavaScript's string
	// comparison, which compares UTF-16 code units.
	slices.SortFunc(terms, compareUTF16)
	for _, p := range b.pages {
		size += len(p) + 1
	}
	out := make([]byte, 0, size+size/8+64)
	out = appendHead(out, firstGlossary)
	for i, p := range b.pages {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, p...)
	}
	out = append(out, "],\"t\":"...)
	out = appendString(out, strings.Join(terms, " "))
	out = append(out, ",\"i\":["...)
	for i, t := range terms {
		if i > 0 {
			out = append(out, ',')
		}
		p := b.terms[t]
		out = append(out, '"')
		out = appendList(out, p.sections, 2)
		if len(p.pages) > 0 {
			out = append(out, '.')
			out = appendList(out, p.pages, 1)
		}
		out = append(out, '"')
	}
	return append(out, tail...)
}

// appendHead appends the start of the script, up to the first entry of
// "p".
func appendHead(dst []byte, firstGlossary int) []byte {
	dst = append(dst, "window.handbookSearchIndex={\"v\":1,\"g\":"...)
	dst = strconv.AppendInt(dst, int64(firstGlossary), 10)
	return append(dst, ",\"p\":["...)
}

// tail ends the script, after the last postings of "i".
const tail = "]};\n"

// appendPage appends p as an entry of "p".
func appendPage(dst []byte, p indexPage) []byte {
	dst = append(dst, '[')
	dst = appendString(dst, p.url)
	dst = append(dst, ',')
	dst = appendString(dst, p.title)
	for _, s := range p.sections {
		dst = append(dst, ',')
		if s.id != "" && derivedID(s.heading) == s.id {
			dst = appendString(dst, "")
		} else {
			dst = appendString(dst, s.id)
		}
		dst = append(dst, ',')
		dst = appendString(dst, s.heading)
		dst = append(dst, ',')
		dst = appendString(dst, s.snippet)
	}
	return append(dst, ']')
}

// appendList appends postings (number<<shift | flags) as gaps and flags.
func appendList(dst []byte, list []int32, shift uint) []byte {
	return appendGaps(dst, -1, list, shift)
}

// appendGaps appends postings as appendList does, after a posting of
// number prev.
func appendGaps(dst []byte, prev int32, list []int32, shift uint) []byte {
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

// appendString appends s as a JSON string. encoding/json escapes <, > and
// &, and U+2028 and U+2029, which keeps the script safe to load anywhere.
func appendString(dst []byte, s string) []byte {
	// Most strings are plain text that JSON writes as it is: write those
	// directly, and leave the rest to encoding/json.
	if plainJSON(s) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	q, err := json.Marshal(s)
	if err != nil {
		// A string always marshals; invalid UTF-8 becomes U+FFFD.
		panic(err)
	}
	return append(dst, q...)
}

// plainJSON reports whether JSON writes s as it is, between quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			return false
		}
	}
	return true
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

// compareUTF16 orders strings as JavaScript's < does: by their UTF-16 code
// units, as slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
// does, without converting them. Bytes that are not UTF-8 count as U+FFFD,
// as in the conversion to []rune.
func compareUTF16(a, b string) int {
	for len(a) > 0 && len(b) > 0 {
		if ca, cb := a[0], b[0]; ca < utf8.RuneSelf && cb < utf8.RuneSelf {
			if ca != cb {
				return cmp.Compare(ca, cb)
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			// A character past U+FFFF is two units, the first of them
			// from U+D800 to U+DBFF: below the characters from U+E000.
			if ua, ub := firstUnit(ra), firstUnit(rb); ua != ub {
				return cmp.Compare(ua, ub)
			}
			return cmp.Compare(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	// One is the start of the other.
	return cmp.Compare(len(a), len(b))
}

// firstUnit returns the first UTF-16 code unit of r.
func firstUnit(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
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
