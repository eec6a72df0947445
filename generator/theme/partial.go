package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"text/template/parse"
)

// Partial is a Go rendering of one of the default theme's templates. A
// page's header, sidebar, contents and document control are written for
// every page, and html/template spends most of its time calling its
// escapers and finding fields through reflection: the same HTML written
// in Go costs a small part of that.
//
// A Partial stands in for its template only when the theme loaded has the
// default theme's template, and every template it calls, as they are (no
// handbook overrides them), and only after it wrote the same bytes as the
// template for every probe view (Options.Probes): a Partial that no longer
// matches its template is left out, and the template is used, so the
// pages come out right either way, only more slowly. Tests check that
// every Partial of the default theme is in use (Theme.Partials).
type Partial struct {
	// Name is the template, such as "partials/toc.html".
	Name string
	// render writes what the template writes for data, or reports false
	// when data is not what the rendering is for.
	render func(w *Writer, data any) bool
}

// NewPartial returns the Partial for template name that renders data of
// type T, such as *View, with render. The template's own is used for
// data of any other type and for a nil pointer.
func NewPartial[T any](name string, render func(w *Writer, data T)) Partial {
	return Partial{Name: name, render: func(w *Writer, data any) bool {
		d, ok := data.(T)
		if !ok || isNilPointer(data) {
			return false
		}
		render(w, d)
		return true
	}}
}

// Render writes what p's template writes for data, or reports false when
// p does not render data of its type.
func (p Partial) Render(w *Writer, data any) bool { return p.render(w, data) }

func isNilPointer(data any) bool {
	v := reflect.ValueOf(data)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Options controls how LoadWith loads a theme.
type Options struct {
	// Minify, when set, is applied to each template's text before it is
	// parsed, so the static HTML of every page is minified once, when the
	// theme loads, rather than in every page the build writes.
	Minify func([]byte) []byte
	// Partials are Go renderings of the default theme's templates.
	Partials []Partial
	// Probes are the data each Partial must render as its template does:
	// a Partial is checked against those of the type it renders, and
	// there must be at least one. They should between them take every
	// branch of the templates.
	Probes []any
}

// partialFunc is the template function that a template a Partial stands
// in for is redefined to call: {{handbookPartial "name" .}}.
const partialFunc = "handbookPartial"

// usePartials checks each Partial against its template on the probes and
// puts those that match in the place of their templates. It runs before
// any template is executed, as html/template requires of a redefinition.
func (t *Theme) usePartials(root *template.Template, opts Options) error {
	if len(opts.Partials) == 0 {
		return nil
	}
	// The probes run on a copy: once executed, a set of html/template
	// templates can no longer be changed.
	probe, err := root.Clone()
	if err != nil {
		return err
	}
	t.partials = map[string]Partial{}
	for _, p := range opts.Partials {
		if !t.unchanged(root, p) || !matches(probe, p, opts.Probes) {
			continue
		}
		t.partials[p.Name] = p
	}
	for name := range t.partials {
		// The template is kept under another name, for a handbook's own
		// template that calls it with data other than a *View.
		orig := root.Lookup(name)
		if _, err := root.AddParseTree(keptName(name), orig.Tree.Copy()); err != nil {
			return err
		}
		if _, err := root.New(name).Parse(fmt.Sprintf("{{%s %q .}}", partialFunc, name)); err != nil {
			return err
		}
	}
	return nil
}

// keptName is the name a replaced template is kept under.
func keptName(name string) string { return "handbook-default " + name }

// unchanged reports whether p's template and every template it calls,
// directly or not, come from the default theme.
func (t *Theme) unchanged(root *template.Template, p Partial) bool {
	for _, name := range called(root, p.Name) {
		if t.overridden("templates/" + name) {
			return false
		}
	}
	return true
}

// called returns template name and every template it calls, directly or
// through others, as its parse tree says.
func called(root *template.Template, name string) []string {
	var names []string
	var walk func(n parse.Node)
	visit := func(name string) {
		if slices.Contains(names, name) {
			return
		}
		names = append(names, name)
		if tmpl := root.Lookup(name); tmpl != nil && tmpl.Tree != nil {
			walk(tmpl.Tree.Root)
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			visit(n.Name)
		}
	}
	visit(name)
	return names
}

// matches reports whether p renders each probe of its type as its
// template in set does.
func matches(set *template.Template, p Partial, probes []any) bool {
	tried := false
	for _, data := range probes {
		w := NewWriter(0)
		if !p.render(w, data) {
			continue
		}
		tried = true
		var want bytes.Buffer
		if err := set.ExecuteTemplate(&want, p.Name, data); err != nil {
			return false
		}
		if !bytes.Equal(w.Bytes(), want.Bytes()) {
			return false
		}
	}
	return tried
}

// HasPartial reports whether a Partial stands in for template name.
func (t *Theme) HasPartial(name string) bool {
	_, ok := t.partials[name]
	return ok
}

// Partials returns the names of the templates a Partial stands in for.
func (t *Theme) Partials() []string {
	return slices.Sorted(maps.Keys(t.partials))
}

// callPartial is the template function handbookPartial: it renders the
// Partial for name, or the template it replaced when the Partial does not
// render data of that type.
func (t *Theme) callPartial(name string, data any) (template.HTML, error) {
	if w, ok := t.renderPartial(name, data); ok {
		return template.HTML(w.Bytes()), nil
	}
	var b bytes.Buffer
	err := t.tmpl.ExecuteTemplate(&b, keptName(name), data)
	return template.HTML(b.String()), err
}

// renderPartial renders data with the Partial in use for template name,
// if there is one and it renders data of that type.
func (t *Theme) renderPartial(name string, data any) (*Writer, bool) {
	p, ok := t.partials[name]
	if !ok {
		return nil, false
	}
	// A rendering knows best how much it will write (see Writer.Grow).
	w := NewWriter(0)
	if !p.render(w, data) {
		return nil, false
	}
	return w, true
}
