package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// referenceIndex builds the index the plain way the first version of this
// package did: a map lookup a term a section, each page escaped when the
// index is written, terms sorted by converting them to UTF-16. Builder and
// Incremental must give the same bytes; the reference is kept slow and
// simple so that a test compares them with something they share the least
// code with. It shares the text rules (Terms, derivedID), appendNumber and
// prefix, which the format tests check; it cleans text and makes snippets
// with refClean and refSnippet, the first version's. Unlike the first
// version, it gives a term three or more times in a section class 2, as
// the format always said.
func referenceIndex(docs []Doc, opts Options) []byte {
	b := refBuilder{terms: map[string]*postings{}}
	for _, d := range docs {
		b.addDoc(d)
	}
	first := len(b.pages)
	for _, g := range opts.Glossary {
		b.addGlossary(g)
	}
	return b.encode(first)
}

type refBuilder struct {
	pages    []indexPage
	sections int
	terms    map[string]*postings
}

func (b *refBuilder) term(t string) *postings {
	p := b.terms[t]
	if p == nil {
		p = &postings{}
		b.terms[t] = p
	}
	return p
}

func (b *refBuilder) addDoc(d Doc) {
	page := indexPage{url: d.URL, title: refClean(d.Title)}
	kinds := map[string]int32{}
	for _, t := range Terms(d.Title) {
		kinds[t] = kindTitle
	}
	for _, term := range d.Terms {
		for _, t := range Terms(term) {
			if _, ok := kinds[t]; !ok {
				kinds[t] = kindGlossary
			}
		}
	}
	b.addPageTerms(len(b.pages), kinds)
	headings := map[string]string{}
	for _, h := range d.Headings {
		headings[h.ID] = h.Text
	}
	for _, s := range d.Sections {
		heading := s.Heading
		if heading == "" && s.ID != "" {
			heading = headings[s.ID]
		}
		heading = refClean(heading)
		text := refClean(prefix(s.Text, 4*SnippetLength))
		if text == "" && heading == "" {
			continue
		}
		if s.ID == "" {
			heading = ""
		}
		page.sections = append(page.sections, indexSection{id: s.ID, heading: heading, snippet: refSnippet(text)})
		b.addSection(refSectionClasses(Terms(heading), Terms(s.Text)))
	}
	b.pages = append(b.pages, page)
}

func (b *refBuilder) addGlossary(g GlossaryEntry) {
	page := len(b.pages)
	kinds := map[string]int32{}
	for _, t := range Terms(g.Term + " " + g.Expansion) {
		kinds[t] = kindTitle
	}
	b.addPageTerms(page, kinds)
	def := refClean(g.Definition)
	b.pages = append(b.pages, indexPage{
		url:      g.URL,
		title:    refClean(g.Term),
		sections: []indexSection{{id: g.Anchor, heading: refClean(g.Expansion), snippet: refSnippet(def)}},
	})
	b.addSection(refSectionClasses(nil, Terms(def)))
}

func (b *refBuilder) addPageTerms(page int, kinds map[string]int32) {
	for t, kind := range kinds {
		p := b.term(t)
		p.pages = append(p.pages, int32(page)<<1|kind)
	}
}

func (b *refBuilder) addSection(class map[string]int32) {
	sec := int32(b.sections)
	b.sections++
	for t, c := range class {
		p := b.term(t)
		p.sections = append(p.sections, sec<<2|c)
	}
}

func (b *refBuilder) encode(firstGlossary int) []byte {
	var out bytes.Buffer
	out.WriteString("window.handbookSearchIndex={\"v\":1,\"g\":")
	out.WriteString(strconv.Itoa(firstGlossary))
	out.WriteString(",\"p\":[")
	for i, p := range b.pages {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteByte('[')
		refWriteString(&out, p.url)
		out.WriteByte(',')
		refWriteString(&out, p.title)
		for _, s := range p.sections {
			out.WriteByte(',')
			if s.id != "" && derivedID(s.heading) == s.id {
				refWriteString(&out, "")
			} else {
				refWriteString(&out, s.id)
			}
			out.WriteByte(',')
			refWriteString(&out, s.heading)
			out.WriteByte(',')
			refWriteString(&out, s.snippet)
		}
		out.WriteByte(']')
	}
	out.WriteString("],\"t\":")
	terms := make([]string, 0, len(b.terms))
	for t := range b.terms {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, refCompareUTF16)
	refWriteString(&out, strings.Join(terms, " "))
	out.WriteString(",\"i\":[")
	for i, t := range terms {
		if i > 0 {
			out.WriteByte(',')
		}
		p := b.terms[t]
		out.WriteByte('"')
		out.Write(refList(p.sections, 2))
		if len(p.pages) > 0 {
			out.WriteByte('.')
			out.Write(refList(p.pages, 1))
		}
		out.WriteByte('"')
	}
	out.WriteString("]};\n")
	return out.Bytes()
}

// refSectionClasses gives each term of a section its class.
func refSectionClasses(heading, text []string) map[string]int32 {
	class := map[string]int32{}
	for _, t := range text {
		if class[t] < 3 {
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

// refList writes postings (number<<shift | flags) as gaps and flags.
func refList(list []int32, shift uint) []byte {
	var dst []byte
	prev := int32(-1)
	for _, v := range list {
		n := v >> shift
		flags := v & (1<<shift - 1)
		dst = appendNumber(dst, uint32(n-prev-1)<<shift|uint32(flags))
		prev = n
	}
	return dst
}

// refCompareUTF16 orders strings as JavaScript's < does, by converting
// them.
func refCompareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// refWriteString writes s as a JSON string.
func refWriteString(out *bytes.Buffer, s string) {
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
		panic(err)
	}
	out.Write(q)
}

// refClean is clean as the first version had it.
func refClean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// refSnippet is snippet as the first version had it, on the text as
// characters.
func refSnippet(text string) string {
	r := []rune(text)
	if len(r) <= snippetShort {
		return text
	}
	end := refSentenceEnd(r, 0)
	if end < snippetShort && end < len(r) {
		if next := refSentenceEnd(r, end+1); next <= SnippetLength {
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

func refSentenceEnd(r []rune, from int) int {
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
