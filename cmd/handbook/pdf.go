package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/pdf"
	"github.com/nhs-psp/handbook/generator/publish"
)

func runPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("pdf", "pdf [FOLDER] [flags]\n\nBuilds the handbook in FOLDER and prints the whole handbook to a PDF file\nwith the Chrome, Chromium or Microsoft Edge already installed on this computer.", stdout)
	out := fs.String("o", "", "write the PDF to `FILE` (default FOLDER/handbook.pdf)")
	chrome := fs.String("chrome", "", "the browser program to print with, if it is not found by itself (`PATH`)")
	today := reviewDateFlag(fs)
	dir, err := parseFolder(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(dir, "handbook.pdf")
	}
	browser, err := pdf.Find(*chrome)
	if err != nil {
		return err
	}
	root, err := openHandbook(dir)
	if err != nil {
		return err
	}
	defer root.Close()

	tmp, err := os.MkdirTemp("", "handbook-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	target, err := publish.OpenDir(filepath.Join(tmp, "site"), publish.Guard{})
	if err != nil {
		return err
	}
	res, err := generator.Build(ctx, root.FS(), target, generator.Options{
		Display:  displayDir(dir),
		Today:    today.today(),
		Portable: true,
	})
	if res != nil {
		printDiagnostics(stderr, res.Warnings())
	}
	if err != nil {
		target.Abort()
		printDiagnostics(stderr, errorsOf(err))
		fmt.Fprintf(stderr, "Build failed with %d error(s); no PDF written.\n", len(errorsOf(err)))
		return errReported
	}
	if err := target.Commit(); err != nil {
		return err
	}
	page := filepath.Join(target.Path(), "print", "index.html")
	if err := pdf.Print(ctx, browser, page, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s (printed with %s).\n", *out, browser)
	return nil
}
