package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callout is a blockquote that starts with a GitHub alert marker such as
// "[!NOTE]", or with "[!DO]" or "[!DONT]" for do and don't lists.
type Callout struct {
	ast.BaseBlock
	// Variant is the lower-case marker: note, tip, important, warning,
	// caution, do or dont.
	Variant string
}

// KindCallout is the node kind of Callout.
var KindCallout = ast.NewNodeKind("Callout")

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant}, nil)
}

// calloutLabels are the words each callout shows, so its meaning never
// rests on colour or an icon alone.
var calloutLabels = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
	"do":        "Do",
	"dont":      "Don\u2019t",
}

// calloutTransformer turns marked blockquotes into Callout nodes.
type calloutTransformer struct{}

var _ parser.ASTTransformer = calloutTransformer{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	walkBlocks(doc, func(n ast.Node) ast.WalkStatus {
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue
	})
	for _, q := range quotes {
		kind, para := calloutMarker(q, src)
		if kind == "" {
			continue
		}
		// Drop the inline nodes of the marker line.
		stop := para.Lines().At(0).Stop
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			t, ok := c.(*ast.Text)
			if !ok || t.Segment.Start >= stop {
				break
			}
			para.RemoveChild(para, c)
			c = next
		}
		if para.ChildCount() == 0 {
			q.RemoveChild(q, para)
		} else {
			lines := text.NewSegments()
			for i := 1; i < para.Lines().Len(); i++ {
				lines.Append(para.Lines().At(i))
			}
			para.SetLines(lines)
		}
		c := &Callout{Variant: kind}
		c.SetLines(q.Lines())
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// calloutMarker returns the kind of q's marker and the paragraph holding
// it, or "" when q is an ordinary blockquote. The marker must be alone on
// the first line.
func calloutMarker(q *ast.Blockquote, src []byte) (string, *ast.Paragraph) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return "", nil
	}
	first := para.Lines().At(0)
	line := bytes.TrimSpace(first.Value(src))
	if len(line) < 4 || !bytes.HasPrefix(line, []byte("[!")) || line[len(line)-1] != ']' {
		return "", nil
	}
	kind := strings.ToLower(string(line[2 : len(line)-1]))
	kind = strings.ReplaceAll(kind, "'", "")
	if kind == "don\u2019t" {
		kind = "dont"
	}
	if _, ok := calloutLabels[kind]; !ok {
		return "", nil
	}
	return kind, para
}

type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	label := calloutLabels[n.Variant]
	switch n.Variant {
	case "do", "dont":
		icon := "\u2713"
		if n.Variant == "dont" {
			icon = "\u2717"
		}
		_, _ = w.WriteString(`<div class="do-dont do-dont-` + n.Variant + `">` + "\n")
		_, _ = w.WriteString(`<p class="do-dont-label"><span class="do-dont-icon" aria-hidden="true">` + icon + `</span>` + label + "</p>\n")
	default:
		_, _ = w.WriteString(`<div class="callout callout-` + n.Variant + `" role="note">` + "\n")
		_, _ = w.WriteString(`<p class="callout-label">` + label + "</p>\n")
	}
	return ast.WalkContinue, nil
}
