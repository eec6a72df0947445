package main

import (
	"context"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"

	"github.com/nhs-psp/handbook/content"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/scaffold"
)

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", "init FOLDER [flags]\n\nCreates a new handbook in FOLDER: a handbook.yaml with every field present\nand explained, and an empty content/ folder. The starter Patient Safety\nPartner handbook supplies the pages until you add your own.", stdout)
	force := fs.Bool("force", false, "create the handbook in a folder that is not empty (handbook.yaml is never overwritten)")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the folder to create, for example: handbook init my-handbook")
	}
	dir := pos[0]
	if err := scaffold.Init(dir, *force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created a handbook in %s.\n\nNext:\n  1. Open %s in a text editor and replace every value marked EXAMPLE.\n  2. Preview it:   handbook serve %s\n  3. Build it:     handbook build %s\n", dir, filepath.Join(dir, config.FileName), dir, dir)
	return nil
}

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", "new PAGE [flags]\n\nWrites a new page at content/PAGE, for example:\n  handbook new about-the-role/local-parking.md\nThe front matter is filled in: a title from the file name, the owner and\napprover from handbook.yaml, draft status and a review date.\nWith --from-starter, copies the starter page at PAGE so you can change it;\nthe copy records which version of the starter text it came from.", stdout)
	dir := fs.String("dir", ".", "the handbook `FOLDER`")
	fromStarter := fs.Bool("from-starter", false, "copy the starter page at PAGE instead of writing a blank page")
	var today dateFlag
	fs.Var(&today, "today", "count the review date from `YYYY-MM-DD` instead of today")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the page to create, for example: handbook new about-the-role/local-parking.md")
	}
	page, err := scaffold.PagePath(pos[0])
	if err != nil {
		return usagef("%v", err)
	}
	root, err := openHandbook(*dir)
	if err != nil {
		return err
	}
	defer root.Close()
	cfg, err := config.Load(root.FS(), filepath.Join(*dir, config.FileName))
	if err != nil {
		printDiagnostics(stderr, errorsOf(err))
		return errReported
	}
	target := filepath.Join(*dir, "content", filepath.FromSlash(page))
	if _, err := os.Stat(target); err == nil {
		return fmt.Errorf("%s already exists; handbook new never overwrites a page", target)
	}
	var text []byte
	if *fromStarter {
		text, err = scaffold.FromStarter(content.Starter(), page)
		if err != nil {
			return err
		}
	} else {
		layers := []iofs.FS{}
		if cfg.Starter {
			layers = append(layers, content.Starter())
		}
		if contentFS, ok := subFS(root, "content"); ok {
			layers = append(layers, contentFS)
		}
		text = scaffold.NewPage(cfg, layers, page, today.today())
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s.\n", target)
	return nil
}
