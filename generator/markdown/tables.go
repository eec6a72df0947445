package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableTransformer expresses column alignment as classes (align-left,
// align-center, align-right) that the theme styles, since style attributes
// would break the Content-Security-Policy.
type tableTransformer struct{}

var _ parser.ASTTransformer = tableTransformer{}

func (tableTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	walkBlocks(doc, func(n ast.Node) ast.WalkStatus {
		cell, ok := n.(*east.TableCell)
		if !ok {
			return ast.WalkContinue
		}
		switch cell.Alignment {
		case east.AlignLeft:
			cell.SetAttributeString("class", []byte("align-left"))
		case east.AlignCenter:
			cell.SetAttributeString("class", []byte("align-center"))
		case east.AlignRight:
			cell.SetAttributeString("class", []byte("align-right"))
		}
		return ast.WalkSkipChildren
	})
}
