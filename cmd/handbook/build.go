package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "build [FOLDER] [flags]\n\nBuilds the handbook in FOLDER (default: this folder) into FOLDER/public.\nThe output folder is replaced in one step, and only if the build succeeds.", stdout)
	out := fs.String("o", "", "write the site to `DIR` instead of FOLDER/public")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at (overrides base_url)")
	portable := fs.Bool("portable", false, "end every link in index.html, so the site works opened from a file share")
	drafts := fs.Bool("drafts", false, "include pages whose status is draft")
	force := fs.Bool("force", false, "replace an output folder that handbook did not create")
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
	src := root.FS()
	if *out == "" {
		*out = filepath.Join(dir, "public")
	}
	target, err := publish.OpenDir(*out, publish.Guard{
		Handbook: dir,
		Inputs:   []string{filepath.Join(dir, "content"), filepath.Join(dir, "theme"), filepath.Join(dir, "static")},
		Force:    *force,
	})
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := generator.Build(ctx, src, target, generator.Options{
		Display:  displayDir(dir),
		Today:    today.today(),
		Drafts:   *drafts,
		BaseURL:  *baseURL,
		Portable: *portable,
	})
	if res != nil {
		printDiagnostics(stderr, res.Warnings())
	}
	if err != nil {
		target.Abort()
		printDiagnostics(stderr, errorsOf(err))
		fmt.Fprintf(stderr, "Build failed with %d error(s); %s was left as it was.\n", len(errorsOf(err)), target.Path())
		return errReported
	}
	if err := target.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Built %d pages (%d files) into %s in %s.\n", res.Pages, res.Files, displayPath(target.Path()), time.Since(start).Round(time.Millisecond))
	return nil
}

// openHandbook opens the handbook folder so that nothing outside it can be
// read through it, even by a symbolic link.
func openHandbook(dir string) (*os.Root, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("no handbook folder %s", dir)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	return os.OpenRoot(dir)
}

func errorsOf(err error) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	for _, e := range diag.Flatten(err) {
		var d *diag.Diagnostic
		if errors.As(e, &d) {
			out = append(out, d)
		} else {
			out = append(out, &diag.Diagnostic{Msg: e.Error()})
		}
	}
	diag.Sort(out)
	return out
}

func printDiagnostics(w io.Writer, ds []*diag.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.Error())
	}
}

// displayDir is how messages name the handbook folder: as given, with
// slashes, and nothing for the current folder.
func displayDir(dir string) string {
	d := filepath.ToSlash(filepath.Clean(dir))
	if d == "." {
		return ""
	}
	return d
}

// displayPath shortens p to a path relative to the current folder when it
// lies inside it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !filepath.IsAbs(rel) && len(rel) > 0 && rel[0] != '.' {
		return rel
	}
	return p
}

// subFS returns the folder dir of root, or nil when it does not exist.
func subFS(root *os.Root, dir string) (iofs.FS, bool) {
	fi, err := root.Stat(dir)
	if err != nil || !fi.IsDir() {
		return nil, false
	}
	sub, err := iofs.Sub(root.FS(), dir)
	return sub, err == nil
}
