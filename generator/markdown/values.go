package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Data supplies the trust values and block components pages refer to.
type Data interface {
	// Value returns the value at a dotted path such as "trust.name".
	Value(path string) (ValueText, error)
	// IsComponent reports whether name is a block component.
	IsComponent(name string) bool
	// Component renders a block component to HTML.
	Component(name string, args []string) ([]byte, error)
}

// ValueKind says how a value is shown.
type ValueKind int

const (
	// TextValue is shown as text.
	TextValue ValueKind = iota
	// EmailValue is shown as a mailto link.
	EmailValue
	// URLValue is shown as a link.
	URLValue
)

// ValueText is a resolved trust value.
type ValueText struct {
	Text string
	Kind ValueKind
}

// Value is a node for a trust value reference, "{{ trust.name }}".
type Value struct {
	ast.BaseInline
	Path string
	Args []string
	// Output and ValueKind are filled in when the reference is resolved.
	Output    string
	ValueKind ValueKind
	offset    int
}

// KindValue is the node kind of Value.
var KindValue = ast.NewNodeKind("Value")

// Kind implements ast.Node.
func (n *Value) Kind() ast.NodeKind { return KindValue }

// Dump implements ast.Node.
func (n *Value) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Path": n.Path}, nil)
}

// Component is a node for a block component on its own line,
// "{{ contact "sponsor" }}".
type Component struct {
	ast.BaseBlock
	Name string
	Args []string
	// HTML is filled in when the component is rendered.
	HTML []byte
}

// KindComponent is the node kind of Component.
var KindComponent = ast.NewNodeKind("Component")

// Kind implements ast.Node.
func (n *Component) Kind() ast.NodeKind { return KindComponent }

// IsRaw implements ast.Node: a component's line is not Markdown.
func (n *Component) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *Component) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// The grammar, exactly: "{{", a name or dotted path, optional quoted
// arguments, "}}". Anything else with braces is plain text.
var (
	referenceRE = regexp.MustCompile(`^\{\{[ \t]*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)((?:[ \t]+"(?:[^"\\]|\\.)*")*)[ \t]*\}\}`)
	argRE       = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// parseReference matches the grammar at the start of b and returns the
// name, arguments and length matched.
func parseReference(b []byte) (name string, args []string, n int, ok bool) {
	if !bytes.HasPrefix(b, []byte("{{")) {
		return "", nil, 0, false // the inline parser is called at every "{"
	}
	m := referenceRE.FindSubmatchIndex(b)
	if m == nil {
		return "", nil, 0, false
	}
	name = string(b[m[2]:m[3]])
	for _, a := range argRE.FindAllSubmatch(b[m[4]:m[5]], -1) {
		s, err := strconv.Unquote(`"` + string(a[1]) + `"`)
		if err != nil {
			s = string(a[1])
		}
		args = append(args, s)
	}
	return name, args, m[1], true
}

// findReference returns the first reference in b that matches the
// grammar, wherever it starts, and its name.
func findReference(b []byte) (name string, ok bool) {
	for i := 0; ; i++ {
		j := bytes.Index(b[i:], []byte("{{"))
		if j < 0 {
			return "", false
		}
		i += j
		if name, _, _, ok := parseReference(b[i:]); ok {
			return name, true
		}
	}
}

// valueInlineParser parses "{{ path }}" inside text.
type valueInlineParser struct{}

var _ parser.InlineParser = valueInlineParser{}

func (valueInlineParser) Trigger() []byte { return []byte{'{'} }

func (valueInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if block.PrecendingCharacter() == '\\' {
		return nil
	}
	name, args, n, ok := parseReference(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	if st := pageState(pc); st != nil {
		st.references++
	}
	return &Value{Path: name, Args: args, offset: seg.Start}
}

// componentBlockParser parses a component alone on its line.
type componentBlockParser struct{}

var _ parser.BlockParser = componentBlockParser{}

func (componentBlockParser) Trigger() []byte { return []byte{'{'} }

func (componentBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	rest := line[pos:]
	name, args, n, ok := parseReference(rest)
	if !ok || len(bytes.TrimSpace(rest[n:])) != 0 {
		return nil, parser.NoChildren
	}
	st := pageState(pc)
	if st == nil || st.page.Data == nil || !st.page.Data.IsComponent(name) {
		return nil, parser.NoChildren
	}
	st.references++
	c := &Component{Name: name, Args: args}
	c.Lines().Append(text.NewSegment(seg.Start+pos, seg.Stop))
	reader.Advance(seg.Len() - 1)
	return c, parser.NoChildren
}

func (componentBlockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (componentBlockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (componentBlockParser) CanInterruptParagraph() bool                 { return true }
func (componentBlockParser) CanAcceptIndentedLine() bool                 { return false }

// valueTransformer resolves every value and component through Data.
type valueTransformer struct{}

var _ parser.ASTTransformer = valueTransformer{}

func (valueTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := pageState(pc)
	if st == nil || st.references == 0 {
		return
	}
	walk(doc, func(n ast.Node) ast.WalkStatus {
		switch n := n.(type) {
		case *Value:
			st.resolveValue(n)
		case *Component:
			st.renderComponent(n)
		case *ast.Heading:
			// Headings become IDs and navigation; values there are kept
			// out so the same page has the same anchors for every trust.
			walk(n, func(c ast.Node) ast.WalkStatus {
				if v, ok := c.(*Value); ok {
					st.errorAt(v.offset, "unknown_variable", "trust values cannot be used in headings; write the heading in plain words")
				}
				return ast.WalkContinue
			})
		}
		return ast.WalkContinue
	})
}

func (st *state) resolveValue(v *Value) {
	data := st.page.Data
	if data == nil {
		st.errorAt(v.offset, "unknown_variable", "{{ %s }}: trust values are not available here", v.Path)
		return
	}
	if data.IsComponent(v.Path) {
		st.errorAt(v.offset, "unknown_variable", "{{ %s }} is a block component: put it on a line of its own, with a blank line before and after", v.Path)
		return
	}
	if len(v.Args) > 0 {
		st.errorAt(v.offset, "unknown_variable", "{{ %s }} is a trust value and takes no arguments", v.Path)
		return
	}
	val, err := data.Value(v.Path)
	if err != nil {
		st.errorAt(v.offset, "unknown_variable", "{{ %s }}: %v", v.Path, err)
		return
	}
	v.Output, v.ValueKind = val.Text, val.Kind
}

func (st *state) renderComponent(c *Component) {
	off := c.Lines().At(0).Start
	b, err := st.page.Data.Component(c.Name, c.Args)
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			err = errors.New(d.Msg)
		}
		st.errorAt(off, "unknown_variable", "%s: %v", reference(c.Name, c.Args), err)
		return
	}
	c.HTML = b
}

// reference writes a reference back as an author would: {{ name "arg" }}.
func reference(name string, args []string) string {
	var b strings.Builder
	b.WriteString("{{ " + name)
	for _, a := range args {
		b.WriteString(" " + strconv.Quote(a))
	}
	b.WriteString(" }}")
	return b.String()
}

// expandValues replaces value references inside a link destination, such
// as "mailto:{{ contacts.sponsor.email }}".
func (st *state) expandValues(n ast.Node, dest string, src []byte) string {
	var b strings.Builder
	for {
		i := strings.Index(dest, "{{")
		if i < 0 {
			b.WriteString(dest)
			return b.String()
		}
		b.WriteString(dest[:i])
		name, args, n2, ok := parseReference([]byte(dest[i:]))
		if !ok {
			b.WriteString(dest[i:])
			return b.String()
		}
		v := &Value{Path: name, Args: args, offset: offsetOf(n, src)}
		st.resolveValue(v)
		b.WriteString(v.Output)
		dest = dest[i+n2:]
	}
}

type valueRenderer struct{}

func (valueRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindValue, renderValue)
	reg.Register(KindComponent, renderComponentNode)
}

func renderValue(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	v := node.(*Value)
	text := html.EscapeString(v.Output)
	inLink := false
	for p := node.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			inLink = true
			break
		}
	}
	switch {
	case inLink || v.Output == "":
		_, _ = w.WriteString(text)
	case v.ValueKind == EmailValue:
		fmt.Fprintf(w, `<a href="mailto:%s">%s</a>`, text, text)
	case v.ValueKind == URLValue:
		fmt.Fprintf(w, `<a href="%s">%s</a>`, text, text)
	default:
		_, _ = w.WriteString(text)
	}
	return ast.WalkContinue, nil
}

func renderComponentNode(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(node.(*Component).HTML)
		_ = w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}
