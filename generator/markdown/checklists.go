package markdown

import (
	"bytes"
	"strconv"

	"github.com/nhs-psp/handbook/generator/internal/slug"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A task list ("- [ ] Get an ID badge") becomes a checklist: each item a
// real checkbox with a label, keyed by a slug of its text so the theme's
// script can remember ticks in the browser (renaming one item loses only
// that item's tick). Without JavaScript the boxes are shown disabled, as a
// plain readable list with [x] items ticked.

// TaskItem is the text of a checklist item, after its checkbox.
type TaskItem struct {
	ast.BaseInline
	// Key is unique on the page: the slug of the item's text.
	Key     string
	Checked bool
}

// KindTaskItem is the node kind of TaskItem.
var KindTaskItem = ast.NewNodeKind("TaskItem")

// Kind implements ast.Node.
func (n *TaskItem) Kind() ast.NodeKind { return KindTaskItem }

// Dump implements ast.Node.
func (n *TaskItem) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Key": n.Key}, nil)
}

// checklistTransformer wraps each task item's text in a TaskItem and marks
// lists of tasks as checklists.
type checklistTransformer struct{}

var _ parser.ASTTransformer = checklistTransformer{}

func (checklistTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !mayHaveCheckBox(src) {
		return
	}
	var boxes []*east.TaskCheckBox
	walk(doc, func(n ast.Node) ast.WalkStatus {
		if b, ok := n.(*east.TaskCheckBox); ok {
			boxes = append(boxes, b)
		}
		return ast.WalkContinue
	})
	used := map[string]int{}
	for _, box := range boxes {
		parent := box.Parent()
		item := &TaskItem{Checked: box.IsChecked}
		for c := box.NextSibling(); c != nil; {
			next := c.NextSibling()
			item.AppendChild(item, c)
			c = next
		}
		parent.RemoveChild(parent, box)
		parent.AppendChild(parent, item)
		key := slug.Make(plainText(item, src))
		if key == "" {
			key = "item"
		}
		if n := used[key]; n > 0 {
			used[key] = n + 1
			key += "-" + strconv.Itoa(n+1)
		} else {
			used[key] = 1
		}
		item.Key = key
		for l := parent.Parent(); l != nil; l = l.Parent() {
			if list, ok := l.(*ast.List); ok {
				list.SetAttributeString("class", []byte("checklist"))
				break
			}
		}
	}
}

// mayHaveCheckBox reports whether src holds "[", one space character,
// "x" or "X", and "]", which goldmark needs to see to make a task list
// checkbox (its pattern is ^\[([\sxX])\]).
func mayHaveCheckBox(src []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], '[')
		if j < 0 {
			return false
		}
		i += j
		if i+2 < len(src) && src[i+2] == ']' {
			switch src[i+1] {
			case ' ', '\t', '\n', '\v', '\f', '\r', 'x', 'X':
				return true
			}
		}
	}
}

type checklistRenderer struct{}

func (checklistRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTaskItem, renderTaskItem)
}

func renderTaskItem(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*TaskItem)
	id := "task-" + n.Key
	if entering {
		_, _ = w.WriteString(`<input type="checkbox" class="checklist-box" id="` + id + `" data-item="` + n.Key + `" disabled`)
		if n.Checked {
			_, _ = w.WriteString(" checked")
		}
		_, _ = w.WriteString(`><label class="checklist-label" for="` + id + `">`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</label>")
	return ast.WalkContinue, nil
}
