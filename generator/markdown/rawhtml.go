package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rawHTMLTransformer warns about raw HTML, which is shown as text unless
// unsafe_html is on. HTML comments are an author's hidden notes, so they
// are dropped without a warning.
type rawHTMLTransformer struct{}

var _ parser.ASTTransformer = rawHTMLTransformer{}

func (rawHTMLTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := pageState(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	if bytes.IndexByte(src, '<') < 0 {
		return // raw HTML, block or inline, starts with "<"
	}
	warned := map[int]bool{} // one warning a line is enough
	walk(doc, func(n ast.Node) ast.WalkStatus {
		var first []byte
		var off int
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() == 0 {
				return ast.WalkContinue
			}
			seg := n.Lines().At(0)
			first, off = seg.Value(src), seg.Start
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				return ast.WalkContinue
			}
			seg := n.Segments.At(0)
			first, off = seg.Value(src), seg.Start
		default:
			return ast.WalkContinue
		}
		if !isComment(first) {
			// Raw HTML is not Markdown text: a reference in it would be
			// shown (or, with unsafe_html, published) as written.
			if name, ok := findReference(rawText(n, src)); ok {
				st.errorAt(off, "unknown_variable", "{{ %s }} inside raw HTML is not replaced by its value: write this part in Markdown instead", name)
			}
		}
		line, _ := st.position(off)
		if !isComment(first) && !warned[line] {
			warned[line] = true
			st.warnAt(off, "raw_html", "raw HTML is shown as text; write it in Markdown, or set unsafe_html: true in handbook.yaml if every author is trusted")
		}
		return ast.WalkSkipChildren
	})
}

// rawText returns the source text of an HTML block or inline raw HTML.
func rawText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(src))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(src))
		}
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(src))
		}
	}
	return b.Bytes()
}

func isComment(b []byte) bool { return bytes.HasPrefix(bytes.TrimSpace(b), []byte("<!--")) }

// escapedHTMLRenderer shows raw HTML as text (comments are left out).
type escapedHTMLRenderer struct{}

func (escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderEscapedHTMLBlock)
	reg.Register(ast.KindRawHTML, renderEscapedRawHTML)
}

func renderEscapedHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering || n.Lines().Len() == 0 || isComment(firstLine(n, src)) {
		return ast.WalkContinue, nil
	}
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	_, _ = w.WriteString(`<p class="raw-html">`)
	_, _ = w.WriteString(html.EscapeString(string(bytes.TrimRight(b.Bytes(), "\n"))))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func renderEscapedRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var b bytes.Buffer
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(src))
	}
	if !isComment(b.Bytes()) {
		_, _ = w.WriteString(html.EscapeString(b.String()))
	}
	return ast.WalkSkipChildren, nil
}

// goldmarkRendererOptions returns the renderers the extension adds.
func goldmarkRendererOptions(unsafeHTML bool) []renderer.Option {
	rs := []util.PrioritizedValue{
		util.Prioritized(calloutRenderer{}, 500),
		util.Prioritized(valueRenderer{}, 500),
		util.Prioritized(checklistRenderer{}, 500),
		util.Prioritized(glossaryRenderer{}, 500),
	}
	if !unsafeHTML {
		// Lower numbers win: this replaces goldmark's own (1000).
		rs = append(rs, util.Prioritized(escapedHTMLRenderer{}, 100))
	}
	return []renderer.Option{renderer.WithNodeRenderers(rs...)}
}

func firstLine(n ast.Node, src []byte) []byte {
	seg := n.Lines().At(0)
	return seg.Value(src)
}

// escapeHTML escapes text for an HTML attribute or element.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, `<>&'"`) {
		return s
	}
	return html.EscapeString(s)
}
