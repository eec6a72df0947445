// Package markdown turns a page's Markdown into HTML with goldmark and the
// handbook's own extensions:
//
//   - links.go: relative links to .md files become links to the target
//     page's URL; images and other files resolve relative to the page;
//     broken links are reported with their line and column.
//   - ids.go: heading IDs, automatic or explicit ({#id}), unique per page.
//   - headings.go: the page's headings, for "on this page" and checks.
//   - callouts.go: GitHub alerts (> [!NOTE] …) and do/don't lists.
//   - values.go: trust values ({{ trust.name }}) and block components
//     ({{ committees }}), parsed by goldmark and resolved through Data.
//   - rawhtml.go: raw HTML shown as text unless unsafe HTML is allowed.
//   - tables.go: table alignment as classes, never style attributes.
//
// A Renderer is built once and renders any number of pages concurrently;
// everything that belongs to one page travels in its parser context.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Renderer.
type Options struct {
	// UnsafeHTML lets raw HTML in pages through. When false it is shown as
	// text, so a pasted <script> can never run.
	UnsafeHTML bool
	// Plain leaves out the handbook's own extensions and keeps only
	// goldmark's (GFM, footnotes, definition lists, typographer, heading
	// IDs). Tests use it to show the extensions leave ordinary Markdown
	// alone.
	Plain bool
}

// Renderer renders Markdown pages. It is safe for concurrent use.
type Renderer struct {
	md      goldmark.Markdown
	outputs sync.Pool // of *output, reused from page to page
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
		extension.Footnote,
		extension.DefinitionList,
		extension.NewTypographer(extension.WithTypographicSubstitutions(ukTypography)),
	}
	if !opts.Plain {
		exts = append(exts, &handbookExtension{unsafeHTML: opts.UnsafeHTML})
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
}

// ukTypography gives curly quotes, dashes and ellipses as characters, and
// leaves "<<" and ">>" alone (they are not quotation marks in English).
var ukTypography = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("\u2018"),
	extension.RightSingleQuote: []byte("\u2019"),
	extension.LeftDoubleQuote:  []byte("\u201C"),
	extension.RightDoubleQuote: []byte("\u201D"),
	extension.Apostrophe:       []byte("\u2019"),
	extension.EnDash:           []byte("\u2013"),
	extension.EmDash:           []byte("\u2014"),
	extension.Ellipsis:         []byte("\u2026"),
	extension.LeftAngleQuote:   nil,
	extension.RightAngleQuote:  nil,
}

// handbookExtension adds the handbook's own parsers, transformers and
// renderers to goldmark.
type handbookExtension struct{ unsafeHTML bool }

func (e *handbookExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(componentBlockParser{}, 50)),
		parser.WithInlineParsers(util.Prioritized(valueInlineParser{}, 50)),
		parser.WithASTTransformers(
			util.Prioritized(calloutTransformer{}, 100),
			util.Prioritized(valueTransformer{}, 200),
			util.Prioritized(linkTransformer{}, 300),
			util.Prioritized(headingTransformer{}, 400),
			util.Prioritized(tableTransformer{}, 500),
			util.Prioritized(rawHTMLTransformer{}, 600),
			util.Prioritized(textTransformer{}, 700),
			util.Prioritized(checklistTransformer{}, 800),
			util.Prioritized(glossaryTransformer{}, 900),
		),
	)
	m.Renderer().AddOptions(goldmarkRendererOptions(e.unsafeHTML)...)
}

// Page is one page to render.
type Page struct {
	// Display names the file in diagnostics.
	Display string
	// Body is the Markdown.
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// Links resolves link and image destinations. Nil leaves them as
	// written.
	Links Resolver
	// Data supplies trust values and components. Nil makes every value
	// reference an error.
	Data Data
	// ReservedIDs are element IDs the theme uses on every page, which
	// headings must not take.
	ReservedIDs []string
	// Glossary marks the first use of each term; nil marks none.
	Glossary *Glossary
	// GlossaryHref links from this page to the glossary page ("" when
	// there is none, or on the glossary page itself).
	GlossaryHref string
}

// Result is a rendered page.
type Result struct {
	HTML []byte
	// Headings are every heading in document order.
	Headings []Heading
	// Links are every link and image, in document order.
	Links []Link
	// Text is the page's prose, block by block, without markup.
	Text []TextBlock
	// Tables are the page's tables.
	Tables []Table
	// Diagnostics are the problems found, errors and warnings.
	Diagnostics []*diag.Diagnostic
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int
	Col   int
}

// state is what the parser context carries for one page.
type state struct {
	page     *Page
	src      []byte
	diags    []*diag.Diagnostic
	headings []Heading
	links    []Link
	blocks   []TextBlock
	tables   []Table

	// references counts the Value and Component nodes the parsers made:
	// a page with none leaves valueTransformer nothing to do.
	references int

	// lineStarts and the last* fields make position cheap: the byte
	// offset of every line start, found once, and the column of the last
	// offset asked about, to count on from (transformers ask in document
	// order).
	lineStarts []int
	lastOff    int
	lastIdx    int
	lastCol    int
}

var stateKey = parser.NewContextKey()

func pageState(pc parser.Context) *state {
	s, _ := pc.Get(stateKey).(*state)
	return s
}

// position converts a byte offset in the body to a file line and column,
// as textfile.Position does. Counting from the start of the body on every
// call made a page with many links or paragraphs take quadratic time (a
// 16 MB page took over a minute), so it uses an index of line starts and
// counts the column on from the previous call when it can.
func (s *state) position(off int) (int, int) {
	off = min(max(off, 0), len(s.src))
	if s.lineStarts == nil {
		s.lineStarts = append(make([]int, 0, bytes.Count(s.src, []byte("\n"))+1), 0)
		for i := 0; ; {
			j := bytes.IndexByte(s.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			s.lineStarts = append(s.lineStarts, i)
		}
		s.lastIdx = -1
	}
	// The last line starting at or before off.
	idx, found := slices.BinarySearch(s.lineStarts, off)
	if !found {
		idx--
	}
	var col int
	if idx == s.lastIdx && s.lastOff <= off && (s.lastOff == len(s.src) || utf8.RuneStart(s.src[s.lastOff])) {
		col = s.lastCol + utf8.RuneCount(s.src[s.lastOff:off])
	} else {
		col = utf8.RuneCount(s.src[s.lineStarts[idx]:off]) + 1
	}
	s.lastOff, s.lastIdx, s.lastCol = off, idx, col
	return idx + s.page.BodyLine, col
}

func (s *state) errorAt(off int, rule, format string, args ...any) {
	line, col := s.position(off)
	d := diag.Errorf(s.page.Display, line, col, format, args...)
	d.Rule = rule
	s.diags = append(s.diags, d)
}

func (s *state) warnAt(off int, rule, format string, args ...any) {
	line, col := s.position(off)
	d := diag.Warningf(s.page.Display, line, col, format, args...)
	d.Rule = rule
	s.diags = append(s.diags, d)
}

// Render renders one page.
func (r *Renderer) Render(p Page) (Result, error) {
	// Nesting beyond maxNesting is cut before goldmark sees it (see
	// nesting.go); positions stay right because no line is added or removed.
	body, first, capped := capNesting(p.Body)
	p.Body = body
	st := &state{page: &p, src: p.Body}
	if capped > 0 {
		more := ""
		if capped > 1 {
			more = fmt.Sprintf(" (and on %d more lines)", capped-1)
		}
		st.warnAt(first, "", "lists, quotes or indentation nested more than %d characters deep here%s; the deeper levels are ignored so the page can be built: use fewer levels", maxNesting, more)
	}
	pc := parser.NewContext(parser.WithIDs(newIDs(p.ReservedIDs)))
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(pc))
	out, _ := r.outputs.Get().(*output)
	if out == nil {
		out = new(output)
	}
	defer r.outputs.Put(out)
	out.Reset()
	if err := r.md.Renderer().Render(out, p.Body, doc); err != nil {
		return Result{}, errors.Join(diag.Errorf(p.Display, 0, 0, "render: %v", err))
	}
	return Result{HTML: bytes.Clone(out.Bytes()), Headings: st.headings, Links: st.links, Text: st.blocks, Tables: st.tables, Diagnostics: st.diags}, nil
}

// output is where goldmark writes a page's HTML. It is a util.BufWriter
// itself, so goldmark writes straight into it rather than through a
// bufio.Writer of its own; and it is reused from page to page, so a page
// costs one allocation of its exact size, not a buffer grown by doubling.
type output struct{ bytes.Buffer }

var _ util.BufWriter = (*output)(nil)

// Buffered implements util.BufWriter: nothing waits to be flushed.
func (*output) Buffered() int { return 0 }

// Flush implements util.BufWriter: everything is written already.
func (*output) Flush() error { return nil }

// offsetOf returns the byte offset in the source where node n starts, as
// near as goldmark's AST allows: inline nodes carry no position of their
// own, so the first text inside them (or their block) stands in.
func offsetOf(n ast.Node, src []byte) int {
	if off := firstOffset(n); off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// firstOffset returns the start of the first text, or of the first block
// with lines, in n and its descendants in document order; -1 if there is
// none.
func firstOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// walk calls fn for n and every node under it in document order, as
// ast.Walk does on entering them; fn's ast.WalkSkipChildren and
// ast.WalkStop work as there. (ast.Walk also calls back on leaving each
// node, which no transformer here needs.)
func walk(n ast.Node, fn func(ast.Node) ast.WalkStatus) {
	walkNodes(n, fn, false)
}

// walkBlocks is walk without going into inline content: inline nodes never
// hold blocks, and most of a page's nodes are inline, so a transformer
// that looks only at blocks need not visit them.
func walkBlocks(n ast.Node, fn func(ast.Node) ast.WalkStatus) {
	walkNodes(n, fn, true)
}

func walkNodes(n ast.Node, fn func(ast.Node) ast.WalkStatus, blocksOnly bool) ast.WalkStatus {
	switch fn(n) {
	case ast.WalkStop:
		return ast.WalkStop
	case ast.WalkSkipChildren:
		return ast.WalkContinue
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if blocksOnly && c.Type() == ast.TypeInline {
			continue
		}
		if walkNodes(c, fn, blocksOnly) == ast.WalkStop {
			return ast.WalkStop
		}
	}
	return ast.WalkContinue
}

// plainText returns the text of n and its descendants without markup.
func plainText(n ast.Node, src []byte) string { return nodeText(n, src, true) }

// proseText is plainText without code spans: words in code are not prose,
// so plain-English checks and the like leave them out.
func proseText(n ast.Node, src []byte) string { return nodeText(n, src, false) }

// nodeText is plainText, or proseText without withCode. The text is
// gathered in a buffer on the stack while it fits, so most blocks cost one
// allocation, the string returned.
func nodeText(n ast.Node, src []byte, withCode bool) string {
	var buf [256]byte
	return string(bytes.TrimSpace(appendText(buf[:0], n, src, withCode)))
}

// appendText appends the text of n and its descendants to b, in document
// order, as nodeText gives it.
func appendText(b []byte, n ast.Node, src []byte, withCode bool) []byte {
	switch n := n.(type) {
	case *ast.Text:
		b = append(b, n.Segment.Value(src)...)
		if n.SoftLineBreak() || n.HardLineBreak() {
			b = append(b, ' ')
		}
	case *ast.String:
		b = append(b, n.Value...)
	case *Value:
		b = append(b, n.Output...)
	case *ast.RawHTML:
		return b
	case *ast.CodeSpan:
		if !withCode {
			return append(b, ' ')
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = appendText(b, c, src, withCode)
	}
	return b
}
