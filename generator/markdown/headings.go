package markdown

import (
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingTransformer records every heading and strips heading attributes
// other than id and class: "{style=…}" or "{onclick=…}" would break the
// site's Content-Security-Policy or let a page run script.
type headingTransformer struct{}

var _ parser.ASTTransformer = headingTransformer{}

func (headingTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := pageState(pc)
	if st == nil {
		return
	}
	collectHeadings(doc, st)
}

func collectHeadings(doc *ast.Document, st *state) {
	walkBlocks(doc, func(n ast.Node) ast.WalkStatus {
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue
		}
		if !onlyIDAndClass(h.Attributes()) {
			keep := slices.DeleteFunc(slices.Clone(h.Attributes()), func(a ast.Attribute) bool {
				name := string(a.Name)
				return name != "id" && name != "class"
			})
			h.RemoveAttributes()
			for _, a := range keep {
				h.SetAttribute(a.Name, a.Value)
			}
		}
		var id string
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		off := 0
		if h.Lines().Len() > 0 {
			off = h.Lines().At(0).Start
		}
		line, _ := st.position(off)
		st.headings = append(st.headings, Heading{
			Level: h.Level,
			ID:    id,
			Text:  plainText(h, st.src),
			Line:  line,
			Col:   1,
		})
		return ast.WalkSkipChildren
	})
}

// onlyIDAndClass reports whether attrs are id and class at most once
// each, which collectHeadings would keep as they are. Every heading has an
// id, and few have more.
func onlyIDAndClass(attrs []ast.Attribute) bool {
	var id, class bool
	for _, a := range attrs {
		switch {
		case string(a.Name) == "id" && !id:
			id = true
		case string(a.Name) == "class" && !class:
			class = true
		default:
			return false
		}
	}
	return true
}
