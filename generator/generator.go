package generator

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/search"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
)

// Options controls a build.
type Options struct {
	// Display is how messages name the handbook folder, for example
	// "examples/northshire". Paths in messages are joined to it.
	Display string
	// Today is the date review checks are made against. The zero value
	// means the current date.
	Today time.Time
	// Drafts includes pages whose status is draft, with a banner.
	Drafts bool
	// BaseURL overrides base_url from handbook.yaml.
	BaseURL string
	// Portable forces links that end in index.html, for file://.
	Portable bool
	// Config is used instead of reading handbook.yaml, for example the
	// placeholder configuration of `handbook serve` in an empty folder.
	Config *config.Config
	// Notice, when set, is shown in a banner on every page (the preview
	// uses it to say how to start a handbook of your own).
	Notice string
	// AllRules runs every rule of `handbook check` on every page. Without
	// it, the rules that look at one page alone run only where
	// handbook.yaml makes them errors: a build stops on errors, and
	// finding warnings it would not show costs time.
	AllRules bool
	// Starter and Theme replace the embedded starter handbook and default
	// theme (tests use small ones).
	Starter fs.FS
	Theme   fs.FS

	// templatesOnly renders every page with the theme's templates, also
	// where a Go rendering could stand in for one (tests compare them).
	templatesOnly bool
}

// Result describes a finished build.
type Result struct {
	// Config is the configuration the build used.
	Config *config.Config
	// Site is the arranged handbook.
	Site *site.Site
	// Pages and Files count what was written.
	Pages int
	Files int
	// Check is what every rule of `handbook check` found. Its error
	// findings are among the build's errors too.
	Check *check.Result
	// Diagnostics are every error and warning of the build, sorted.
	Diagnostics []*diag.Diagnostic
	// Reused counts the pages taken whole from the previous build.
	Reused int
}

// Warnings returns the problems that did not stop the build.
func (r *Result) Warnings() []*diag.Diagnostic {
	var out []*diag.Diagnostic
	for _, d := range r.Diagnostics {
		if d.Severity == diag.Warning {
			out = append(out, d)
		}
	}
	return out
}

// Build builds the handbook in src into out. It returns the joined
// error-severity diagnostics when anything is wrong; the caller must then
// discard what was written (publish.Dir.Abort does).
func Build(ctx context.Context, src fs.FS, out publish.Writer, opts Options) (*Result, error) {
	return New(src, opts).build(ctx, out, false)
}

// Generator builds one handbook again and again, as the preview does on
// every save. It keeps the work of each build and reuses, page by page,
// whatever the next build would do again with the same inputs: a page is
// rendered again only when its file, the configuration, the glossary, the
// theme or the shape of the handbook (its pages' titles, order and
// addresses) changed. Whatever it reuses, a build's output is the same as
// a build from scratch.
//
// Builds of one Generator run one at a time.
type Generator struct {
	src  fs.FS
	opts Options

	mu      sync.Mutex
	sources *source.Cache
	memo    map[string]*pageWork
	// theme is the theme the last build parsed.
	theme *theme.Theme
	// What the last build made of all pages together, with the keys of
	// what each was made from.
	az         kept[keptAZ]
	review     kept[[]byte]
	anchors    kept[map[string]string] // of the print page
	printFrame kept[[][]byte]          // see printer
	// search is the search index of the last build, which the next
	// builds on.
	search *search.Incremental
	// minified is what the last build minified, by output path.
	minified map[string]keptMinified
}

// kept is something a Generator keeps from one build for the next, with
// the key of what it was made from.
type kept[T any] struct {
	key [32]byte
	val T
	ok  bool
}

// get returns the kept value if it was made from key.
func (k *kept[T]) get(key [32]byte) (T, bool) {
	if !k.ok || k.key != key {
		var zero T
		return zero, false
	}
	return k.val, true
}

// set keeps v, made from key.
func (k *kept[T]) set(key [32]byte, v T) { *k = kept[T]{key: key, val: v, ok: true} }

// New returns a Generator for the handbook in src.
func New(src fs.FS, opts Options) *Generator {
	if opts.Today.IsZero() {
		now := time.Now()
		opts.Today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	return &Generator{src: src, opts: opts, sources: source.NewCache(), memo: map[string]*pageWork{}, search: search.NewIncremental()}
}

// Changed tells the generator which files changed since its last build,
// as slash paths relative to the handbook folder ("content/about.md",
// "content/images", "handbook.yaml"). Files under content/ are read again
// only when named here; everything else is read on every build.
// Changed() with no paths makes the next build read everything.
func (g *Generator) Changed(paths ...string) {
	if len(paths) == 0 {
		g.sources.Invalidate("content")
		return
	}
	var inContent []string
	for _, p := range paths {
		p = strings.Trim(p, "/")
		if p == "" || p == "content" {
			g.sources.Invalidate("content")
			return
		}
		if rest, ok := strings.CutPrefix(p, "content/"); ok {
			inContent = append(inContent, rest)
		}
	}
	if len(inContent) > 0 {
		g.sources.Invalidate("content", inContent...)
	}
}

// Build builds the handbook into out, reusing what it can of the
// previous build.
func (g *Generator) Build(ctx context.Context, out publish.Writer) (*Result, error) {
	return g.build(ctx, out, true)
}

func (g *Generator) build(ctx context.Context, out publish.Writer, keep bool) (*Result, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	b := &builder{gen: g, src: g.src, out: out, opts: g.opts, minify: publish.NewMinifier(), keep: keep}
	res, err := b.build(ctx)
	if keep {
		g.minified = b.minifiedNow
	}
	if res != nil {
		res.Diagnostics = b.diags.Items()
		res.Reused = b.reused
	}
	return res, err
}

// builder holds the state of one build.
type builder struct {
	gen    *Generator
	src    fs.FS
	out    publish.Writer
	opts   Options
	diags  diag.List
	minify *publish.Minifier
	// keep is true when the work of this build is kept for the next.
	keep bool
	// minifiedNow is what this build minified, kept for the next.
	minifiedNow map[string]keptMinified

	mu     sync.Mutex
	files  int
	reused int
}

// build runs the stages in order. Each stage adds what it finds to
// b.diags and carries on, so one run reports every problem.
func (b *builder) build(ctx context.Context) (*Result, error) {
	in, err := b.load(ctx)
	if err != nil {
		return nil, err
	}
	res := &Result{Config: in.config, Site: in.site}
	sv, err := b.writeAssets(in)
	if err != nil {
		b.diags.AddErr("", err)
		return res, b.diags.Err()
	}
	// The files that are not pages are copied while the pages render.
	var files sync.WaitGroup
	files.Go(func() {
		b.copyAssets(in.content)
		b.copyStatic(in.site)
		b.write404(in, sv)
	})
	sum := b.renderPages(ctx, in, sv)
	res.Check = b.runChecks(in, sum)
	b.writeReview(in, sv, res.Check)
	files.Wait()
	if ctx.Err() != nil {
		b.diags.AddErr("", ctx.Err())
	}
	res.Pages = len(sum.checks)
	res.Files = b.files
	return res, b.diags.Err()
}

// display joins p to the handbook folder's display path.
func (b *builder) display(p string) string {
	if b.opts.Display == "" || b.opts.Display == "." {
		return p
	}
	return b.opts.Display + "/" + p
}

// write minifies and writes one file, recording failures.
func (b *builder) write(name string, data []byte) {
	b.writeRaw(name, b.minify.Minify(name, data))
}

// writeRaw writes one file as it is.
func (b *builder) writeRaw(name string, data []byte) {
	if err := b.out.WriteFile(name, data); err != nil {
		b.diags.Add(diag.Errorf("", 0, 0, "%v", err))
		return
	}
	b.mu.Lock()
	b.files++
	b.mu.Unlock()
}
