// Package theme loads a handbook's templates and assets: the default theme
// with the handbook's own theme/ folder laid over it, file by file, and
// renders pages with html/template.
//
// The data every template receives is a *View; its fields are the contract
// between the generator and theme authors.
package theme

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/nhs-psp/handbook/generator/diag"
)

// Layer is one folder of theme files.
type Layer struct {
	FS fs.FS
	// Display is put in front of file paths in error messages, for
	// example "examples/northshire/theme/".
	Display string
}

// Theme is a parsed set of templates plus the assets beside them. It is
// safe for concurrent use once loaded.
type Theme struct {
	tmpl   *template.Template
	fsys   overlay
	layers []Layer
	// fingerprint identifies the contents of every file the theme read.
	fingerprint [32]byte
	// sizes holds, by template name, an *atomic.Int64 with the size of
	// the last output ExecuteBytes made of it, to size the next buffer.
	sizes sync.Map
	// partials are the Go renderings in use, by template name; set while
	// the theme loads and only read afterwards.
	partials map[string]Partial
	// calls holds, by template name, the templates it calls directly or
	// not (see called), worked out when the theme loads: once a template
	// runs, html/template rewrites the parse trees.
	calls map[string][]string
	// refused holds, by template name, the error of each template
	// html/template refused to run (see executeTemplate).
	refusedMu sync.Mutex
	refused   map[string]error
}

// Load parses the templates of the layers, bottom first.
func Load(layers ...Layer) (*Theme, error) { return LoadWith(Options{}, layers...) }

// LoadWith is Load with options.
func LoadWith(opts Options, layers ...Layer) (*Theme, error) {
	t := &Theme{layers: layers}
	for _, l := range layers {
		t.fsys = append(t.fsys, l.FS)
	}
	sum := sha256.New()
	root := template.New("").Funcs(template.FuncMap{
		"add":       func(a, b int) int { return a + b },
		partialFunc: t.callPartial,
	})
	err := fs.WalkDir(t.fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		b, err := fs.ReadFile(t.fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "templates/")
		sum.Write([]byte(p + "\x00"))
		sum.Write(b)
		if opts.Minify != nil {
			b = opts.Minify(b)
		}
		if _, err := root.New(name).Parse(string(b)); err != nil {
			return t.templateError(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, required := range []string{"page.html", "404.html"} {
		if root.Lookup(required) == nil {
			return nil, diag.Errorf("theme", 0, 0, "the theme has no templates/%s", required)
		}
	}
	t.tmpl = root
	if err := t.usePartials(root, opts); err != nil {
		return nil, err
	}
	t.calls = map[string][]string{}
	for _, tmpl := range root.Templates() {
		t.calls[tmpl.Name()] = called(root, tmpl.Name())
	}
	assets, err := t.Assets()
	if err != nil {
		return nil, err
	}
	for _, a := range assets {
		b, err := t.ReadAsset(a)
		if err != nil {
			return nil, err
		}
		sum.Write([]byte(a + "\x00"))
		sum.Write(b)
	}
	copy(t.fingerprint[:], sum.Sum(nil))
	return t, nil
}

// Fingerprint identifies the contents of every template and asset of the
// theme: two themes with the same fingerprint render the same.
func (t *Theme) Fingerprint() [32]byte { return t.fingerprint }

// Fingerprint returns the fingerprint the theme of layers would have,
// without parsing it, so a caller can reuse a theme it loaded before.
func Fingerprint(layers ...Layer) ([32]byte, error) {
	var fsys overlay
	for _, l := range layers {
		fsys = append(fsys, l.FS)
	}
	sum := sha256.New()
	var key [32]byte
	for _, dir := range []string{"templates", "assets"} {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if dir == "templates" && path.Ext(p) != ".html" || dir == "assets" && strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			name := p
			if dir == "assets" {
				name = strings.TrimPrefix(p, "assets/")
			}
			sum.Write([]byte(name + "\x00"))
			sum.Write(b)
			return nil
		})
		if err != nil {
			return key, err
		}
	}
	copy(key[:], sum.Sum(nil))
	return key, nil
}

var templateErrRE = regexp.MustCompile(`template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)`)

// templateError turns html/template's "template: name:line: msg" into a
// diagnostic naming the file of the layer it came from.
func (t *Theme) templateError(err error) error {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Errorf("theme", 0, 0, "%v", err)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return diag.Errorf(t.display("templates/"+m[1]), line, col, "template: %s", m[4])
}

// display names a theme file by the layer that supplies it.
func (t *Theme) display(p string) string {
	for i := len(t.layers) - 1; i >= 0; i-- {
		if _, err := fs.Stat(t.layers[i].FS, p); err == nil {
			return t.layers[i].Display + p
		}
	}
	return p
}

// overridden reports whether a layer above the first (the default theme)
// supplies the file at path p, such as "templates/partials/nav-items.html".
func (t *Theme) overridden(p string) bool {
	for _, l := range t.layers[1:] {
		if _, err := fs.Stat(l.FS, p); err == nil {
			return true
		}
	}
	return false
}

// Has reports whether the theme has template name.
func (t *Theme) Has(name string) bool { return t.tmpl.Lookup(name) != nil }

// Execute renders template name ("page.html", "components/contact.html")
// with data into w.
func (t *Theme) Execute(w io.Writer, name string, data any) error {
	if out, ok := t.renderPartial(name, data); ok {
		_, err := w.Write(out.Bytes())
		return err
	}
	return t.executeTemplate(w, name, data)
}

// ExecuteBytes is Execute into a new slice. Where the template runs (no
// Go rendering stands in for it), the slice starts a little larger than
// the template's last output: a page is written in hundreds of small
// pieces, and growing the slice step by step copied it again and again.
func (t *Theme) ExecuteBytes(name string, data any) ([]byte, error) {
	if w, ok := t.renderPartial(name, data); ok {
		return w.Bytes(), nil
	}
	b := bytes.NewBuffer(make([]byte, 0, t.lastSize(name)))
	err := t.executeTemplate(b, name, data)
	t.setSize(name, b.Len())
	return b.Bytes(), err
}

// executeTemplate runs template name itself.
//
// When html/template refuses a template (it calls a template that does
// not exist, say, or leaves an attribute open), it empties it, and then
// panics escaping any template that calls it. So a template that calls
// one refused before is not run: it fails with that refusal.
func (t *Theme) executeTemplate(w io.Writer, name string, data any) error {
	tmpl := t.tmpl.Lookup(name)
	if tmpl == nil {
		return fmt.Errorf("the theme has no template %q", name)
	}
	if err := t.refusal(name); err != nil {
		return err
	}
	if err := tmpl.Execute(w, data); err != nil {
		_, refused := errors.AsType[*template.Error](err)
		err = t.templateError(err)
		if refused {
			t.refusedMu.Lock()
			if t.refused == nil {
				t.refused = map[string]error{}
			}
			t.refused[name] = err
			t.refusedMu.Unlock()
		}
		return err
	}
	return nil
}

// refusal returns the error of a template html/template refused that
// template name calls, or nil.
func (t *Theme) refusal(name string) error {
	t.refusedMu.Lock()
	defer t.refusedMu.Unlock()
	if len(t.refused) == 0 {
		return nil
	}
	for _, c := range t.calls[name] {
		if err := t.refused[c]; err != nil {
			return err
		}
	}
	return nil
}

// lastSize returns a little more than the size of the last output of
// template name, to size the buffer of the next.
func (t *Theme) lastSize(name string) int {
	v, ok := t.sizes.Load(name)
	if !ok {
		return 0
	}
	n := v.(*atomic.Int64).Load()
	return int(n + n/8)
}

// setSize records the size of an output of template name.
func (t *Theme) setSize(name string, n int) {
	v, ok := t.sizes.Load(name)
	if !ok {
		v, _ = t.sizes.LoadOrStore(name, new(atomic.Int64))
	}
	v.(*atomic.Int64).Store(int64(n))
}

// Assets returns the slash paths of the files under assets/, relative to
// that folder.
func (t *Theme) Assets() ([]string, error) {
	var out []string
	err := fs.WalkDir(t.fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			out = append(out, strings.TrimPrefix(p, "assets/"))
		}
		return nil
	})
	return out, err
}

// ReadAsset returns the bytes of asset name (relative to assets/).
func (t *Theme) ReadAsset(name string) ([]byte, error) {
	return fs.ReadFile(t.fsys, "assets/"+name)
}
