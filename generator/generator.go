package generator

import (
	"context"
	"io/fs"
	"sync"
	"time"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/site"
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
	// Starter and Theme replace the embedded starter handbook and default
	// theme (tests use small ones).
	Starter fs.FS
	Theme   fs.FS
}

// Result describes a finished build.
type Result struct {
	// Config is the configuration the build used.
	Config *config.Config
	// Site is the arranged handbook.
	Site *site.Site
	// Warnings are the problems that did not stop the build.
	Warnings []*diag.Diagnostic
	// Pages and Files count what was written.
	Pages int
	Files int
	// Check is what every rule of `handbook check` found. Its error
	// findings are among the build's errors too.
	Check *check.Result
	// Diagnostics are every error and warning of the build, sorted.
	Diagnostics []*diag.Diagnostic
}

// Build builds the handbook in src into out. It returns the joined
// error-severity diagnostics when anything is wrong; the caller must then
// discard what was written (publish.Dir.Abort does).
func Build(ctx context.Context, src fs.FS, out publish.Writer, opts Options) (*Result, error) {
	if opts.Today.IsZero() {
		now := time.Now()
		opts.Today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	b := &builder{src: src, out: out, opts: opts, minify: publish.NewMinifier()}
	res, err := b.build(ctx)
	if res != nil {
		res.Warnings = b.diags.Warnings()
		res.Diagnostics = b.diags.Items()
	}
	return res, err
}

// builder holds the state of one build.
type builder struct {
	src    fs.FS
	out    publish.Writer
	opts   Options
	diags  diag.List
	minify *publish.Minifier

	mu    sync.Mutex
	files int
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
	pages := b.renderMarkdown(ctx, in)
	b.writeSearchIndex(in, sv, pages)
	// The A–Z index and the print page read every page; they are written
	// while the pages are.
	var extra sync.WaitGroup
	extra.Go(func() { b.writeAZ(in, sv, pages) })
	extra.Go(func() { b.writePrint(in, sv, pages) })
	b.writePages(ctx, in, sv, pages)
	res.Check = b.runChecks(in, pages)
	b.writeReview(in, sv, res.Check)
	extra.Wait()
	b.copyAssets(in.content)
	b.copyStatic(in.site)
	b.write404(in, sv)
	if ctx.Err() != nil {
		b.diags.AddErr("", ctx.Err())
	}
	res.Pages = len(pages)
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
