package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/serve"
)

// starterNotice is shown when serve runs in a folder without a handbook.
const starterNotice = "There is no handbook.yaml here, so this is the starter handbook with a made-up trust. To start your own, run: handbook init my-handbook"

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [FOLDER] [flags]\n\nPreviews the handbook in FOLDER at http://127.0.0.1:1313/ and rebuilds it\nwhenever a file is saved; open pages refresh by themselves. Draft pages\nare shown with a banner. Nothing is written to disk. Stop with Ctrl+C.", stdout)
	bind := fs.String("bind", "127.0.0.1", "the `ADDRESS` to listen on")
	port := fs.Int("port", 1313, "the `PORT` to listen on; the next free one is used if it is taken")
	poll := fs.Duration("poll", 0, "check for changes every `DURATION` (such as 1s) instead of waiting for the system to report them; for network drives")
	navigate := fs.Bool("navigate", false, "after a page is saved, go to it in the browser")
	today := reviewDateFlag(fs)
	dir, err := parseFolder(fs, args)
	if err != nil {
		return err
	}
	root, err := openHandbook(dir)
	if err != nil {
		return err
	}
	defer root.Close()

	opts := generator.Options{Display: displayDir(dir), Drafts: true}
	notice := ""
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); errors.Is(err, os.ErrNotExist) {
		opts.Config = config.Placeholder()
		opts.Notice = starterNotice
		notice = starterNotice
	}
	opts.Today = today.today()
	gen := generator.New(root.FS(), opts)
	build := func(ctx context.Context, changed []string) (*serve.Snapshot, error) {
		gen.Changed(changed...)
		mem := publish.NewMemory()
		res, err := gen.Build(ctx, mem)
		snap := &serve.Snapshot{Pages: map[string]string{}}
		if res != nil {
			snap.Problems = res.Diagnostics
			snap.Title = res.Config.Title
			for _, p := range res.Site.All() {
				if p.Source != nil && p.Source.Layer == "content" {
					snap.Pages["content/"+p.Source.Path] = p.URL
				}
			}
		} else {
			snap.Problems = errorsOf(err)
		}
		if hasErrors(snap.Problems) || err != nil {
			return snap, nil
		}
		snap.Files = map[string][]byte{}
		for _, name := range mem.Names() {
			snap.Files[name], _ = mem.File(name)
		}
		return snap, nil
	}
	return serve.Serve(ctx, serve.Options{
		Dir:      dir,
		Build:    build,
		Bind:     *bind,
		Port:     *port,
		Poll:     *poll,
		Navigate: *navigate,
		Debounce: 30 * time.Millisecond,
		Stdout:   stdout,
		Stderr:   stderr,
		Notice:   notice,
	})
}

func hasErrors(ds []*diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}
