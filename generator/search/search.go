// Package search builds the handbook's search index at build time, as a
// JavaScript file loaded with a <script> tag so that search works over
// file:// too.
//
// [Index] makes the index of a set of documents at once. A build analyses
// each page with an [Analyzer], which is most of the work and can run in
// parallel, an Analyzer a worker, and assembles the index with a
// [Builder]. The preview server, which builds again on every save, keeps
// the analyses of the pages that did not change and assembles the index
// with an [Incremental], which only does again the work of what changed.
// For the same input, all three write the same bytes.
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
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
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
	var z Analyzer
	for _, d := range docs {
		b.Add(z.Analyze(d))
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
	// terms are the page's distinct terms, in the order in which they
	// first come in the title, the glossary terms, then the sections,
	// each section's text before its heading: an order that depends on
	// the page alone, which the index does not keep. The postings of
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

// Analyze splits d into terms. It is Analyzer.Analyze with an Analyzer of
// its own: to analyse many documents, use one Analyzer for all of them.
func Analyze(d Doc) *Analyzed {
	var z Analyzer
	return z.Analyze(d)
}

// Analyzer analyses documents, one after another, and remembers from one
// to the next what it learnt of their words. The pages of a handbook use
// much the same words again and again: a word an Analyzer has seen before
// costs it one lookup, neither an allocation nor a second stemming, and
// gives it the number of its term, which the rest of the work counts by.
// It reuses its scratch space too, so that a page costs few allocations
// besides its Analyzed.
//
// An Analyzer remembers up to maxWords words and forgets them all, between
// two documents, once it has more: however large the handbook, it stays at
// a few megabytes. What it remembers changes how fast it analyses, never
// what: an Analyzed is the same whichever Analyzer made it.
//
// An Analyzer is for one goroutine at a time: a build that analyses pages
// in parallel gives each worker its own. The zero value is ready to use.
type Analyzer struct {
	// words maps each word seen to the ID of its term, or to noTerm for a
	// stop word.
	words wordTable
	// ids maps each term seen to its ID; terms are by ID.
	ids   map[string]int32
	terms []string

	// The document being analysed. Its terms have numbers, in the order
	// they come. local is by term ID: 1 + the term's number in the
	// document, or 0 for a term that is not in it.
	local    []int32
	page     []int32       // the IDs of the document's terms, by number
	kinds    []int8        // by number
	post     []termPosting // in the order of the sections
	sections int32
	// count is, during section, how often each term is in the section's
	// text (up to 2), or classHeading+1 for a term of its heading; seen
	// are the terms whose count is not 0. Both are by number.
	count []int32
	seen  []int32

	// limit is the most words z remembers, or 0 for maxWords: tests set
	// it low.
	limit int

	// Scratch space, kept between documents.
	found []int32 // what termsOf returns
	buf   []byte  // a word that is not as it stands in the text
	next  []int32 // for analyzed
}

// maxWords is how many words an Analyzer remembers at most, but for those
// of the document it is analysing: some 3 MB at most, with their terms,
// for each worker of a build. The words of a handbook follow Zipf's law: a
// few thousand make most of the text, and an Analyzer that forgets the
// rest, now and then, soon learns the common ones again.
const maxWords = 1 << 14

// termPosting is a posting of the term numbered term in a document.
type termPosting struct{ term, v int32 }

// noTerm is the term ID of a stop word.
const noTerm = -1

// Analyze splits d into terms.
func (z *Analyzer) Analyze(d Doc) *Analyzed {
	z.start()
	page := indexPage{url: d.URL, title: clean(d.Title)}
	// Page fields: the title, then the glossary terms the page uses.
	for _, i := range z.termsOf(d.Title) {
		z.pageTerm(i, kindTitle)
	}
	for _, term := range d.Terms {
		for _, i := range z.termsOf(term) {
			z.pageTerm(i, kindGlossary)
		}
	}
	var headings map[string]string // by ID, made when a section needs it
	for _, s := range d.Sections {
		heading := s.Heading
		if heading == "" && s.ID != "" {
			if headings == nil {
				headings = make(map[string]string, len(d.Headings))
				for _, h := range d.Headings {
					headings[h.ID] = h.Text
				}
			}
			heading = headings[s.ID]
		}
		heading = clean(heading)
		// Only the start of the text makes the snippet: clean just that
		// much, since a section may be long.
		text := cleanStart(prefix(s.Text, 4*SnippetLength), snippetChars)
		if text == "" && heading == "" {
			continue
		}
		if s.ID == "" {
			// The text before the first heading has no heading; and an id
			// of "" with a heading means "the slug of the heading".
			heading = ""
		}
		page.sections = append(page.sections, indexSection{id: s.ID, heading: heading, snippet: snippet(text)})
		z.section(heading, s.Text)
	}
	return z.analyzed(page)
}

// glossary analyses a glossary entry as a page of its own, with one
// section.
func (z *Analyzer) glossary(g GlossaryEntry) *Analyzed {
	z.start()
	for _, i := range z.termsOf(g.Term + " " + g.Expansion) {
		z.pageTerm(i, kindTitle)
	}
	def := clean(g.Definition)
	// The expansion is in the title already: index the definition only.
	z.section("", def)
	return z.analyzed(indexPage{
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

// start readies z for a document: it empties what the last one left, and
// forgets every word if it remembers too many.
func (z *Analyzer) start() {
	for _, id := range z.page {
		z.local[id] = 0
	}
	z.page = z.page[:0]
	z.kinds = z.kinds[:0]
	z.count = z.count[:0]
	z.post = z.post[:0]
	z.sections = 0
	limit := z.limit
	if limit == 0 {
		limit = maxWords
	}
	if z.words.n > limit {
		z.words.clear()
		clear(z.ids)
		clear(z.terms)
		z.terms = z.terms[:0]
		z.local = z.local[:0]
	}
}

// termsOf returns the numbers of the terms of text, in order, with
// repeats, as Terms cuts them, adding the terms that are new to the
// document. The slice is reused by the next call.
func (z *Analyzer) termsOf(text string) []int32 {
	found := z.found[:0]
	for i := 0; i < len(text); {
		// Most words are lower-case ASCII letters and digits, the word as
		// it stands in the text: take those directly, and make their key
		// on the way. Anything else is for cutWord.
		start := i
		var key uint64
		for i < len(text) {
			c := text[i]
			if wordBytes[c] != plainByte {
				break
			}
			key = key<<8 | uint64(c)
			i++
		}
		var w string
		if i == len(text) || wordBytes[text[i]] == separatorByte {
			if i-start < 2 {
				i++
				continue
			}
			w = text[start:i]
			i++ // past the separator
		} else {
			var n int
			z.buf, n, i = cutWord(text, start, z.buf[:0])
			if n < 2 {
				continue
			}
			w = string(z.buf)
			key = shortKey(w)
		}
		if len(w) > 8 {
			key = longKey(w)
		}
		id, ok := z.words.get(w, key)
		if !ok {
			id = z.newWord(w, key)
		}
		if id == noTerm {
			continue
		}
		n := z.local[id] - 1
		if n < 0 {
			n = z.addTerm(id)
		}
		found = append(found, n)
	}
	z.found = found
	return found
}

// addTerm adds the term of ID id to the document's, and returns its
// number.
func (z *Analyzer) addTerm(id int32) int32 {
	n := int32(len(z.page))
	z.local[id] = n + 1
	z.page = append(z.page, id)
	z.kinds = append(z.kinds, noKind)
	z.count = append(z.count, 0)
	return n
}

// newWord stems word w, of the given key, which z has not seen, remembers
// it and returns the ID of its term, or noTerm for a stop word. w is not
// kept: z keeps a copy.
func (z *Analyzer) newWord(w string, key uint64) int32 {
	word := strings.Clone(w)
	id := int32(noTerm)
	if !stopWords[word] {
		id = z.id(Stem(word))
	}
	z.words.add(word, key, id)
	return id
}

// wordTable maps words to term IDs, as a map[string]int32 does, for the
// lookups of an Analyzer, which are most of its work: a hash table with
// open addressing, at most half full, of the words' keys. The key of a word
// of 8 bytes or fewer, as most are, is the word itself, its bytes as a
// number, which termsOf works out as it reads the word and which no other
// word has; that of a longer word is its hash. Its zero value is empty.
type wordTable struct {
	slots []wordSlot // a power of two of them, or none
	shift uint       // 64 - log2(len(slots))
	n     int        // words in slots
	long  []string   // the words of more than 8 bytes
}

// wordSlot is a word of a wordTable, by its key, or 0 for a free slot.
type wordSlot struct {
	key  uint64
	id   int32
	long int32 // 0 for a word of 8 bytes or fewer, else 1 + its index in long
}

// shortKey returns the key of a word of 8 bytes or fewer: its bytes, as a
// number. Words have no zero bytes, so the key of no word is 0.
func shortKey(w string) uint64 {
	var key uint64
	for i := 0; i < len(w) && i < 8; i++ {
		key = key<<8 | uint64(w[i])
	}
	return key
}

// longKey returns the key of a word of more than 8 bytes: its FNV-1a hash,
// or 1 for a hash of 0.
func longKey(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	return max(h, 1)
}

// slot returns the slot where the search for key starts.
func (t *wordTable) slot(key uint64) uint {
	// Fibonacci hashing: the top bits of the product, which all the bits
	// of the key make.
	return uint(key * 0x9E3779B97F4A7C15 >> t.shift)
}

// get returns the ID of word w, of the given key.
func (t *wordTable) get(w string, key uint64) (id int32, ok bool) {
	mask := uint(len(t.slots) - 1)
	// i is past the slots only when there are none.
	for i := t.slot(key); i < uint(len(t.slots)); i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == key {
			if s.long == 0 {
				if len(w) <= 8 {
					return s.id, true
				}
			} else if t.long[s.long-1] == w {
				return s.id, true
			}
		}
		if s.key == 0 {
			break
		}
	}
	return 0, false
}

// add adds word w, of the given key, which it does not have, with its ID.
func (t *wordTable) add(w string, key uint64, id int32) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	long := int32(0)
	if len(w) > 8 {
		t.long = append(t.long, w)
		long = int32(len(t.long))
	}
	t.put(wordSlot{key: key, id: id, long: long})
	t.n++
}

// put puts s in the first free slot from its key's.
func (t *wordTable) put(s wordSlot) {
	mask := uint(len(t.slots) - 1)
	i := t.slot(s.key)
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

// grow doubles the slots.
func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]wordSlot, max(2*len(old), 256))
	t.shift = uint(64 - bits.TrailingZeros(uint(len(t.slots))))
	for _, s := range old {
		if s.key != 0 {
			t.put(s)
		}
	}
}

// clear removes every word, and keeps the slots.
func (t *wordTable) clear() {
	clear(t.slots)
	clear(t.long)
	t.long = t.long[:0]
	t.n = 0
}

// id returns the ID of term t, adding it if it is new.
func (z *Analyzer) id(t string) int32 {
	id, ok := z.ids[t]
	if !ok {
		if z.ids == nil {
			z.ids = map[string]int32{}
		}
		id = int32(len(z.terms))
		z.ids[t] = id
		z.terms = append(z.terms, t)
		z.local = append(z.local, 0)
	}
	return id
}

// pageTerm records term number i as a term of the title or glossary terms,
// of the given kind unless it has one already.
func (z *Analyzer) pageTerm(i int32, kind int8) {
	if z.kinds[i] == noKind {
		z.kinds[i] = kind
	}
}

// section adds the postings of the next section, of the given heading and
// text. Each term of the section has one posting, with its class: 3 for a
// term of the heading, else 0, 1 or 2 for a term once, twice, or three
// times or more in the text.
func (z *Analyzer) section(heading, text string) {
	sec := z.sections
	z.sections++
	seen := z.seen[:0]
	for _, i := range z.termsOf(text) {
		switch z.count[i] {
		case 0:
			seen = append(seen, i)
			z.count[i] = 1
		case 1, 2:
			z.count[i]++
		}
	}
	for _, i := range z.termsOf(heading) {
		if z.count[i] == 0 {
			seen = append(seen, i)
		}
		z.count[i] = classHeading + 1
	}
	for _, i := range seen {
		z.post = append(z.post, termPosting{i, sec<<2 | (z.count[i] - 1)})
		z.count[i] = 0
	}
	z.seen = seen
}

// analyzed returns the Analyzed of the document, with its entry in "p"
// written out and its postings grouped by term.
func (z *Analyzer) analyzed(page indexPage) *Analyzed {
	n := len(z.page)
	a := &Analyzed{
		page:     appendPage(nil, page),
		sections: z.sections,
		terms:    make([]string, n),
		kinds:    make([]int8, n),
		ends:     make([]int32, n),
		post:     make([]int32, len(z.post)),
	}
	for i, id := range z.page {
		a.terms[i] = z.terms[id]
	}
	copy(a.kinds, z.kinds)
	for _, p := range z.post {
		a.ends[p.term]++
	}
	// A counting sort, stable: each term's postings stay in section order.
	next := slices.Grow(z.next[:0], n)[:n] // where the next posting of each term goes
	start := int32(0)
	for i, c := range a.ends {
		next[i] = start
		start += c
		a.ends[i] = start
	}
	for _, p := range z.post {
		a.post[next[p.term]] = p.v
		next[p.term]++
	}
	z.next = next
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
	var z Analyzer
	for _, g := range opts.Glossary {
		x.b.add(z.glossary(g))
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
		out, _ = appendEntry(out, p.sections, p.pages)
	}
	return append(out, tail...)
}

// appendEntry appends a term's postings as its entry of "i", quoted, and
// returns with it the length of the list of sections.
func appendEntry(dst []byte, sections, pages []int32) ([]byte, int) {
	dst = append(dst, '"')
	start := len(dst)
	dst = appendList(dst, sections, 2)
	secLen := len(dst) - start
	if len(pages) > 0 {
		dst = append(dst, '.')
		dst = appendList(dst, pages, 1)
	}
	return append(dst, '"'), secLen
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

// clean collapses runs of white space to one space and trims the ends,
// as strings.Join(strings.Fields(s), " ") does.
func clean(s string) string {
	return cleanStart(s, len(s))
}

// cleanStart returns the first n characters of clean(s), or all of it when
// it has fewer, and reads no further into s than it needs to. Many strings
// are clean already, or nearly: while it can, cleanStart returns a part of
// s, and it allocates only when s has white space other than single spaces
// between words.
func cleanStart(s string, n int) string {
	var b []byte     // the result, once it is not a part of s
	from, to := 0, 0 // while b is nil, the result is s[from:to]
	chars := 0       // characters in the result
	i := 0
	for chars < n {
		// Skip white space.
		for i < len(s) {
			size := 0
			switch spaceBytes[s[i]] {
			case asciiSpace:
				size = 1
			case nonASCII:
				size = unicodeSpaceAt(s, i)
			}
			if size == 0 {
				break
			}
			i += size
		}
		if i == len(s) {
			break
		}
		// The next field, a run of characters other than white space: as
		// much of it as the result has room for, after the space before it.
		if chars > 0 {
			chars++
		}
		j := i
		for i < len(s) && chars < n {
			switch spaceBytes[s[i]] {
			case asciiByte:
				// A run of ASCII, a character a byte.
				end := min(len(s), i+n-chars)
				k := i + 1
				for k < end && spaceBytes[s[k]] == asciiByte {
					k++
				}
				chars += k - i
				i = k
				continue
			case nonASCII:
				if r, size := utf8.DecodeRuneInString(s[i:]); !unicode.IsSpace(r) {
					i += size
					chars++
					continue
				}
			}
			break // white space
		}
		switch {
		case b != nil:
			b = append(b, ' ')
			b = append(b, s[j:i]...)
		case to == 0:
			from, to = j, i // the first field
		case j == to+1 && s[to] == ' ':
			to = i
		default:
			b = make([]byte, 0, min(len(s), 4*n))
			b = append(b, s[from:to]...)
			b = append(b, ' ')
			b = append(b, s[j:i]...)
		}
	}
	if b == nil {
		return s[from:to]
	}
	return string(b)
}

// unicodeSpaceAt returns the length in bytes of the white space character
// at byte i of s, which is not ASCII, or 0 when there is none there. White
// space is as strings.Fields has it.
func unicodeSpaceAt(s string, i int) int {
	if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
		return n
	}
	return 0
}

// The kinds of byte of spaceBytes.
const (
	asciiByte  = iota // ASCII, not white space
	asciiSpace        // ASCII white space
	nonASCII          // a byte of a character that is not ASCII
)

// spaceBytes tells, for each byte of a text, which of asciiByte, asciiSpace
// and nonASCII it is. White space is as strings.Fields has it. It is a
// lookup table: filled once, then only read.
var spaceBytes = makeSpaceBytes()

func makeSpaceBytes() [256]uint8 {
	var t [256]uint8
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ':
			t[c] = asciiSpace
		}
	}
	return t
}

// snippet returns the start of a section's text: its first sentence, and
// the next one when the first is short, up to SnippetLength characters. A
// first sentence that is longer is cut at a space and ended with "…".
// Text that is not UTF-8 has each byte that is not part of a character
// changed to U+FFFD, unless it is returned whole.
func snippet(text string) string {
	n := utf8.RuneCountInString(text)
	if n <= snippetShort {
		return text
	}
	if !utf8.ValidString(text) {
		text = string([]rune(text))
	}
	// The ends of sentences are ASCII: they are found byte by byte, and
	// measured in characters, which are bytes in ASCII text.
	ascii := n == len(text)
	chars := func(i int) int {
		if ascii {
			return i
		}
		return utf8.RuneCountInString(text[:i])
	}
	end := sentenceEnd(text, 0)
	if end < len(text) && chars(end) < snippetShort {
		if next := sentenceEnd(text, end+1); chars(next) <= SnippetLength {
			end = next
		}
	}
	if chars(end) <= SnippetLength {
		return text[:end]
	}
	// Cut at the last space from character SnippetLength back to the
	// character after SnippetLength/2, or else at character SnippetLength.
	lo, hi := SnippetLength/2, SnippetLength // the starts of those characters
	if !ascii {
		lo, hi = 0, 0
		for c := range SnippetLength {
			_, size := utf8.DecodeRuneInString(text[hi:])
			hi += size
			if c+1 == SnippetLength/2 {
				lo = hi
			}
		}
	}
	cut := hi
	for i := hi; i > lo; i-- {
		if text[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(text[:cut], " ,;:.-–—") + "…"
}

// snippetChars is how many characters of a section's clean text its
// snippet depends on: the snippet of a text is the snippet of its first
// snippetChars characters. snippet looks at the first SnippetLength
// characters, and at the one after, if there is one, to tell whether a
// sentence ends at the last of them.
const snippetChars = SnippetLength + 1

// snippetShort is the length of a first sentence below which a snippet
// takes the second sentence too.
const snippetShort = 50

// sentenceEnd returns the end of the sentence that starts at byte from of
// text: after a full stop, question mark or exclamation mark that a space
// follows, or the end of the text.
func sentenceEnd(text string, from int) int {
	for i := from; i < len(text); i++ {
		switch text[i] {
		case '.', '?', '!':
			if i+1 == len(text) || text[i+1] == ' ' {
				return i + 1
			}
		}
	}
	return len(text)
}
