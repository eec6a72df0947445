package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TextBlock is the plain text of one block of prose: a paragraph, a list
// item's paragraph, a table cell or a definition, without code spans. Checks of plain English
// read these; search indexes them.
type TextBlock struct {
	Text string
	// Heading is the ID of the h2 or h3 the block is under ("" before the
	// first one).
	Heading string
	Line    int
	Col     int
}

// Table is one table of the page.
type Table struct {
	// HeaderEmpty is true when every cell of the header row is blank: the
	// table has no real header row.
	HeaderEmpty bool
	Line        int
	Col         int
}

// textTransformer collects the page's prose and tables.
type textTransformer struct{}

var _ parser.ASTTransformer = textTransformer{}

func (textTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := pageState(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	section := ""
	walkBlocks(doc, func(n ast.Node) ast.WalkStatus {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 || n.Level == 3 {
				if id, ok := n.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						section = string(b)
					}
				}
			}
			return ast.WalkSkipChildren
		case *east.Table:
			off := offsetOf(n, src)
			line, col := st.position(off)
			empty := true
			if head, ok := n.FirstChild().(*east.TableHeader); ok {
				for c := head.FirstChild(); c != nil; c = c.NextSibling() {
					if plainText(c, src) != "" {
						empty = false
					}
				}
			}
			st.tables = append(st.tables, Table{HeaderEmpty: empty, Line: line, Col: max(col-2, 1)})
		case *ast.Paragraph, *ast.TextBlock, *east.TableCell, *east.DefinitionTerm:
			t := proseText(n, src)
			if t == "" {
				return ast.WalkSkipChildren
			}
			off := offsetOf(n, src)
			line, col := st.position(off)
			st.blocks = append(st.blocks, TextBlock{Text: t, Heading: section, Line: line, Col: col})
			return ast.WalkSkipChildren
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren
		}
		return ast.WalkContinue
	})
}
