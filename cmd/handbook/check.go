package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/diag"
)

// discard is a publish.Writer that keeps nothing: `handbook check`
// builds only to look at the result.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check [FOLDER] [flags]\n\nBuilds the handbook in memory and reports every problem: broken links and\nanchors, missing images, pages nothing links to, review dates that have\npassed or are near, pages without an owner or approval, drafts, starter\npages that changed since you copied them, images without alt text,\nheadings out of order, vague link text, hard-to-read pages and undefined\nacronyms. External links are listed, never fetched.\nExit status: 0 when clean, 1 when there are errors (or, with --strict,\nany finding).", stdout)
	format := fs.String("format", "text", "`text` (grouped by file) or json (for CI; see generator/check/schema.json)")
	strict := fs.Bool("strict", false, "count warnings as errors")
	report := fs.String("report", "", "also write the review schedule to `FILE` (.csv or .md)")
	today := reviewDateFlag(fs)
	dir, err := parseFolder(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
	}
	if ext := filepath.Ext(*report); *report != "" && ext != ".csv" && ext != ".md" {
		return usagef("--report must name a .csv or .md file, not %q", *report)
	}
	root, err := openHandbook(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	res, buildErr := generator.Build(ctx, root.FS(), discard{}, generator.Options{
		Display: displayDir(dir),
		Today:   today.today(),
		// Drafts are checked too: the draft rule reports them.
		Drafts:   true,
		AllRules: true,
	})
	if res == nil || res.Check == nil {
		// handbook.yaml or the theme could not be read: nothing to check.
		printDiagnostics(stderr, errorsOf(buildErr))
		return errReported
	}
	result := merge(res)
	switch *format {
	case "json":
		err = check.WriteJSON(stdout, result, result.Pages)
	default:
		err = check.WriteText(stdout, result, isTerminal(stdout))
	}
	if err != nil {
		return err
	}
	if *report != "" {
		if err := writeReport(*report, result, today.today()); err != nil {
			return err
		}
		if *format == "text" {
			fmt.Fprintf(stdout, "Wrote the review schedule to %s.\n", *report)
		}
	}
	if result.Count(diag.Error) > 0 || (*strict && len(result.Findings) > 0) {
		return errReported
	}
	return nil
}

// merge puts every finding of the build into the check result: the
// errors and warnings found while reading and rendering pages, and the
// rules' findings (whose errors the build already holds).
func merge(res *generator.Result) *check.Result {
	out := *res.Check
	seen := map[string]bool{}
	var all []*diag.Diagnostic
	for _, d := range append(append([]*diag.Diagnostic{}, res.Diagnostics...), res.Check.Findings...) {
		key := d.Error()
		if seen[key] {
			continue
		}
		seen[key] = true
		all = append(all, d)
	}
	diag.Sort(all)
	out.Findings = all
	return &out
}

func writeReport(path string, res *check.Result, today time.Time) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := check.WriteReport(f, path, res.Schedule, today); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// isTerminal reports whether w is a terminal that wants colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
