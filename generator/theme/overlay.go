package theme

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay is a read-only fs.FS of layers where a file in a later layer
// hides the file at the same path in earlier ones.
type overlay []fs.FS

var _ fs.ReadDirFS = overlay(nil)

// Open implements fs.FS.
func (o overlay) Open(name string) (fs.File, error) {
	for i := len(o) - 1; i >= 0; i-- {
		f, err := o[i].Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS, merging the layers' entries.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for i := len(o) - 1; i >= 0; i-- {
		entries, err := fs.ReadDir(o[i], name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return out, nil
}
