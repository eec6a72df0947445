package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Term is a glossary entry as the Markdown renderer needs it.
type Term struct {
	// Term is the word or phrase as written, such as "PSP" or "terms of
	// reference".
	Term string
	// Expansion is an acronym's full form; terms with one become <abbr>.
	Expansion string
	// Anchor is the ID of the entry on the glossary page.
	Anchor string
}

// Glossary is the set of terms one build marks up.
type Glossary struct {
	byFirstWord map[string][]glossaryEntry // lower-case first word → terms, longest first
	// firstWordLengths screens words before the map is asked: for each
	// lower-case byte, bit n is set when some first word starting with
	// that byte is n bytes long (bit 63 stands for 63 or more). Most words
	// of a page start no term, and for a word in ASCII one look here
	// says so.
	firstWordLengths [256]uint64
	// keys counts the terms' distinct lower-case forms: a page that has
	// seen them all has nothing left to mark.
	keys int
	// acronyms is true when some term has an expansion, the only kind
	// marked on a page with no glossary page to link to.
	acronyms bool
}

// glossaryEntry is a term with what matching it needs worked out once.
// (Its Term.Term is the term as written.)
type glossaryEntry struct {
	Term
	// key is the term in lower case, as a page's seen terms are kept.
	key string
	// lower is true when the term is written all in lower case.
	lower bool
}

// NewGlossary prepares terms for matching.
func NewGlossary(terms []Term) *Glossary {
	g := &Glossary{byFirstWord: map[string][]glossaryEntry{}}
	keys := map[string]bool{}
	for _, t := range terms {
		// Terms are looked up by their first word as a page's text is read
		// word by word: letters and digits, so "non-executive director"
		// is found under "non".
		rest := strings.TrimLeftFunc(t.Term, isWordRune)
		k := strings.ToLower(t.Term[:len(t.Term)-len(rest)])
		if k == "" {
			continue
		}
		e := glossaryEntry{Term: t, key: strings.ToLower(t.Term)}
		e.lower = e.key == t.Term
		g.byFirstWord[k] = append(g.byFirstWord[k], e)
		g.firstWordLengths[k[0]] |= lengthBit(len(k))
		keys[e.key] = true
		g.acronyms = g.acronyms || t.Expansion != ""
	}
	g.keys = len(keys)
	for k, ts := range g.byFirstWord {
		// Longest phrase first, so "terms of reference" wins over "terms".
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && len(ts[j].Term.Term) > len(ts[j-1].Term.Term); j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
		g.byFirstWord[k] = ts
	}
	return g
}

// lengthBit is the bit of Glossary.firstWordLengths for a word n bytes
// long.
func lengthBit(n int) uint64 { return 1 << min(n, 63) }

// GlossaryTerm is the first use of a glossary term on a page.
type GlossaryTerm struct {
	ast.BaseInline
	Term Term
	// Href links to the entry on the glossary page; "" for acronyms,
	// which become <abbr> instead.
	Href string
	// Written is the term as the page writes it.
	Written string
}

// KindGlossaryTerm is the node kind of GlossaryTerm.
var KindGlossaryTerm = ast.NewNodeKind("GlossaryTerm")

// Kind implements ast.Node.
func (n *GlossaryTerm) Kind() ast.NodeKind { return KindGlossaryTerm }

// Dump implements ast.Node.
func (n *GlossaryTerm) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Term": n.Term.Term}, nil)
}

// glossaryTransformer marks the first use of each glossary term on a
// page: acronyms as <abbr title="expansion">, other terms as a link to
// their glossary entry. Headings, links, code and trust values are left
// alone, and nothing is marked on the glossary page itself.
type glossaryTransformer struct{}

var _ parser.ASTTransformer = glossaryTransformer{}

func (glossaryTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := pageState(pc)
	if st == nil || st.page.Glossary == nil {
		return
	}
	g := st.page.Glossary
	if g.keys == 0 || (st.page.GlossaryHref == "" && !g.acronyms) {
		// Nothing on this page could be marked.
		return
	}
	var texts []*ast.Text
	walk(doc, func(n ast.Node) ast.WalkStatus {
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
			*ast.HTMLBlock, *ast.RawHTML, *ast.Image, *Value, *Component, *TaskItem:
			return ast.WalkSkipChildren
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue
	})
	m := termMarker{st: st, g: g, src: reader.Source(), seen: map[string]bool{}}
	for _, t := range texts {
		if len(m.seen) == g.keys {
			break // every term has had its first use
		}
		m.markTerms(t)
	}
}

// termMarker marks the glossary terms of one page.
type termMarker struct {
	st  *state
	g   *Glossary
	src []byte
	// seen holds the lower-case forms of the terms met so far.
	seen map[string]bool
	// lower is scratch space for lower-casing words.
	lower []byte
}

// markTerms splits text node t around the first unseen glossary term in
// it, and goes on with the rest.
func (m *termMarker) markTerms(t *ast.Text) {
	st := m.st
	for t != nil && len(m.seen) < m.g.keys {
		value := t.Segment.Value(m.src)
		start, end, term, ok := m.find(value)
		if !ok {
			return
		}
		m.seen[term.key] = true
		parent := t.Parent()
		seg := t.Segment
		before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+start))
		node := &GlossaryTerm{Term: term.Term, Written: string(value[start:end])}
		if term.Expansion == "" {
			if st.page.GlossaryHref == "" {
				// No glossary page to link to (or this is it): leave
				// the term as text and look for the next one.
				continue
			}
			node.Href = st.page.GlossaryHref + "#" + term.Anchor
		}
		after := ast.NewTextSegment(text.NewSegment(seg.Start+end, seg.Stop))
		after.SetSoftLineBreak(t.SoftLineBreak())
		after.SetHardLineBreak(t.HardLineBreak())
		if start > 0 {
			parent.InsertBefore(parent, t, before)
		}
		parent.InsertBefore(parent, t, node)
		parent.ReplaceChild(parent, t, after)
		t = after
	}
}

// find returns the byte span of the first term in s not yet seen.
//
// A word is a run of letters and digits; a term can start only where one
// does, and its first word must be a whole word of s. Words made of ASCII
// (most of them) are read a byte at a time, screened by their first byte
// and length, and lower-cased into m.lower for the map lookup, so finding
// nothing costs no allocation.
func (m *termMarker) find(s []byte) (int, int, *glossaryEntry, bool) {
	g := m.g
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !isWordByte(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRune(s[i:]); !isWordRune(r) {
			i += size
			continue
		}
		// A word starts at i: the rune before it, if any, is not part of
		// a word (it was stepped over above, or it ended the last word).
		j, ascii := i, true
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if !isWordByte(c) {
					break
				}
				j++
			} else {
				r, size := utf8.DecodeRune(s[j:])
				if !isWordRune(r) {
					break
				}
				ascii = false
				j += size
			}
		}
		var terms []glossaryEntry
		if !ascii {
			terms = g.byFirstWord[strings.ToLower(string(s[i:j]))]
		} else if g.firstWordLengths[lowerASCII(s[i])]&lengthBit(j-i) != 0 {
			m.lower = m.lower[:0]
			for _, c := range s[i:j] {
				m.lower = append(m.lower, lowerASCII(c))
			}
			terms = g.byFirstWord[string(m.lower)]
		}
		for k := range terms {
			term := &terms[k]
			if m.seen[term.key] {
				continue
			}
			end := i + len(term.Term.Term)
			if end > len(s) || !strings.EqualFold(string(s[i:end]), term.Term.Term) {
				continue
			}
			if end < len(s) && isWordRune(firstRune(s[end:])) {
				continue
			}
			written := string(s[i:end])
			if term.Expansion != "" {
				// Acronyms match only in capitals: "IT" is not "it".
				if written != term.Term.Term {
					continue
				}
			} else if term.lower && written != strings.ToLower(written) {
				// A capitalised word is a name or starts a sentence
				// ("Quality and Safety Committee"): not the term.
				continue
			} else if afterNumber(s[:i]) {
				// "15 minutes" is a length of time, not meeting minutes.
				continue
			}
			return i, end, term, true
		}
		i = j
	}
	return 0, 0, nil, false
}

// isWordByte is isWordRune for ASCII.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// lowerASCII lower-cases an ASCII letter and leaves any other byte alone.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// afterNumber reports whether the text before a word ends in a number.
func afterNumber(before []byte) bool {
	before = bytes.TrimRight(before, " \u00a0")
	r, _ := utf8.DecodeLastRune(before)
	return unicode.IsDigit(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s []byte) rune {
	r, _ := utf8.DecodeRune(s)
	return r
}

type glossaryRenderer struct{}

func (glossaryRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindGlossaryTerm, renderGlossaryTerm)
}

func renderGlossaryTerm(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*GlossaryTerm)
	text := escapeHTML(n.Written)
	if n.Href == "" {
		_, _ = w.WriteString(`<abbr title="` + escapeHTML(n.Term.Expansion) + `">` + text + `</abbr>`)
	} else {
		_, _ = w.WriteString(`<a class="glossary-term" href="` + escapeHTML(n.Href) + `">` + text + `</a>`)
	}
	return ast.WalkContinue, nil
}
