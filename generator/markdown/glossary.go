package markdown

import (
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
	byFirstWord map[string][]Term // lower-case first word → terms, longest first
}

// NewGlossary prepares terms for matching.
func NewGlossary(terms []Term) *Glossary {
	g := &Glossary{byFirstWord: map[string][]Term{}}
	for _, t := range terms {
		words := strings.Fields(t.Term)
		if len(words) == 0 {
			continue
		}
		k := strings.ToLower(words[0])
		g.byFirstWord[k] = append(g.byFirstWord[k], t)
	}
	for k, ts := range g.byFirstWord {
		// Longest phrase first, so "terms of reference" wins over "terms".
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && len(ts[j].Term) > len(ts[j-1].Term); j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
		g.byFirstWord[k] = ts
	}
	return g
}

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
	src := reader.Source()
	seen := map[string]bool{}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
			*ast.HTMLBlock, *ast.RawHTML, *ast.Image, *Value, *Component, *TaskItem:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		st.markTerms(t, src, seen)
	}
}

// markTerms splits text node t around the first unseen glossary term in
// it, and goes on with the rest.
func (st *state) markTerms(t *ast.Text, src []byte, seen map[string]bool) {
	g := st.page.Glossary
	for t != nil {
		value := string(t.Segment.Value(src))
		start, end, term, ok := g.find(value, seen)
		if !ok {
			return
		}
		seen[strings.ToLower(term.Term)] = true
		parent := t.Parent()
		seg := t.Segment
		before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+start))
		node := &GlossaryTerm{Term: term, Written: value[start:end]}
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
func (g *Glossary) find(s string, seen map[string]bool) (int, int, Term, bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) || (i > 0 && isWordRune(lastRune(s[:i]))) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += sz
		}
		for _, term := range g.byFirstWord[lowerWord(s[i:j])] {
			if seen[strings.ToLower(term.Term)] {
				continue
			}
			end := i + len(term.Term)
			if end > len(s) || !strings.EqualFold(s[i:end], term.Term) {
				continue
			}
			if end < len(s) && isWordRune(firstRune(s[end:])) {
				continue
			}
			written := s[i:end]
			if term.Expansion != "" {
				// Acronyms match only in capitals: "IT" is not "it".
				if written != term.Term {
					continue
				}
			} else if written != strings.ToLower(written) && term.Term == strings.ToLower(term.Term) {
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
	return 0, 0, Term{}, false
}

// lowerWord lower-cases w, without allocating when it is already lower
// case ASCII (most words are).
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}

// afterNumber reports whether the text before a word ends in a number.
func afterNumber(before string) bool {
	before = strings.TrimRight(before, " \u00a0")
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsDigit(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
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
