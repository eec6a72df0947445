package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// MarkerName is the file handbook puts in every folder it writes a site to.
const MarkerName = ".handbook-site"

const markerText = "This folder was written by handbook (https://github.com/nhs-psp/handbook).\n" +
	"The next build replaces everything in it. Keep your own files elsewhere.\n"

// Temporary folders beside the output are named ".<output>.handbook-new-*"
// (a build in progress) and ".<output>.handbook-old-*" (the previous site,
// kept only between the two renames of a swap).
const (
	newInfix = ".handbook-new-"
	oldInfix = ".handbook-old-"
)

// Guard names the folders an output folder must never be, contain, or lie
// inside.
type Guard struct {
	// Handbook is the handbook folder: the output may not be it or contain it.
	Handbook string
	// Inputs are folders the build reads (content/, theme/, static/): the
	// output may not be, contain, or lie inside any of them.
	Inputs []string
	// Force allows replacing a non-empty folder handbook did not create.
	Force bool
}

// Dir writes a site into a temporary folder and, on Commit, swaps it in
// for the output folder.
type Dir struct {
	out string
	tmp string
	// noExchange makes Commit use two renames even where an atomic
	// exchange exists, so tests cover the path other platforms take.
	noExchange bool
	once       sync.Once
	mu         sync.Mutex
	dirs       map[string]bool
}

// ErrRefused is wrapped by errors about output folders handbook will not
// write to.
var ErrRefused = errors.New("output folder refused")

// OpenDir checks that out is safe to replace, recovers from a previous
// build that was interrupted mid-swap, removes handbook's own stale
// temporary folders beside out, and creates the temporary folder.
func OpenDir(out string, g Guard) (*Dir, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	abs = resolve(abs)
	if err := g.check(abs); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	if err := Recover(abs); err != nil {
		return nil, err
	}
	if err := checkExisting(abs, g.Force); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+newInfix+"*")
	if err != nil {
		return nil, fmt.Errorf("create a temporary folder beside %s: %w", abs, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, MarkerName), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("write in %s: %w", tmp, err)
	}
	return &Dir{out: abs, tmp: tmp, dirs: map[string]bool{".": true}}, nil
}

// Path returns the output folder.
func (d *Dir) Path() string { return d.out }

// WriteFile implements Writer.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("invalid output path %q", name)
	}
	if err := d.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// Create implements Creator, streaming a file into the new site.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, fmt.Errorf("invalid output path %q", name)
	}
	if err := d.mkdir(path.Dir(name)); err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	f, err := os.Create(full)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	return f, nil
}

// mkdir makes the folder dir (a slash path in the new site) and its
// parents, remembering which exist: a site has a folder for nearly every
// page, and this costs one system call for each, where os.MkdirAll would
// first look at the folder and at its parent.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	known := d.dirs[dir]
	d.mu.Unlock()
	if known {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	// Another goroutine may have made it since: that is no error.
	if err := os.Mkdir(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Commit replaces the output folder with the new site.
func (d *Dir) Commit() error {
	var err error
	d.once.Do(func() { err = d.swap() })
	return err
}

// Abort removes the temporary folder and leaves the output folder as it was.
func (d *Dir) Abort() {
	d.once.Do(func() { removeSite(d.tmp) })
}

func (d *Dir) swap() error {
	if _, err := os.Lstat(d.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.out); err != nil {
			removeSite(d.tmp)
			return fmt.Errorf("move the new site into place: %w", err)
		}
		return nil
	}
	if d.noExchange {
		return d.swapByRenames()
	}
	if exchanged, err := exchange(d.tmp, d.out); exchanged {
		// d.tmp now holds the previous site.
		removeSite(d.tmp)
		return nil
	} else if err != nil {
		removeSite(d.tmp)
		return fmt.Errorf("swap in the new site: %w", err)
	}
	return d.swapByRenames()
}

// swapByRenames moves the previous site aside, the new one into place,
// and removes the previous one. Recover repairs a crash between the two
// renames.
func (d *Dir) swapByRenames() error {
	old := filepath.Join(filepath.Dir(d.out), "."+filepath.Base(d.out)+oldInfix+randomSuffix())
	if err := os.Rename(d.out, old); err != nil {
		removeSite(d.tmp)
		return fmt.Errorf("move the previous site aside (is a file in %s open in another program?): %w", d.out, err)
	}
	if err := os.Rename(d.tmp, d.out); err != nil {
		// Put the previous site back; Recover does the same after a crash.
		if rerr := os.Rename(old, d.out); rerr != nil {
			return fmt.Errorf("move the new site into place: %w (the previous site is in %s)", err, old)
		}
		removeSite(d.tmp)
		return fmt.Errorf("move the new site into place: %w", err)
	}
	removeSite(old)
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Recover repairs what an interrupted build left beside out: if the output
// folder is missing but a marked previous site is there, it is moved back;
// then every marked temporary folder of out is removed, as far as it can
// be (what cannot be removed now is left for the next build). Folders
// without handbook's marker are never touched.
func Recover(out string) error {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	_, statErr := os.Lstat(out)
	outMissing := errors.Is(statErr, fs.ErrNotExist)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, "."+base+".handbook-") {
			continue
		}
		full := filepath.Join(parent, name)
		if !HasMarker(full) {
			continue
		}
		if outMissing && strings.HasPrefix(name, "."+base+oldInfix) {
			if err := os.Rename(full, out); err != nil {
				return fmt.Errorf("restore the previous site from %s: %w", full, err)
			}
			outMissing = false
			continue
		}
		if strings.HasPrefix(name, "."+base+oldInfix) || strings.HasPrefix(name, "."+base+newInfix) {
			// Best effort: a stale folder that cannot be removed now (on
			// Windows, a file in it held open by another program, such as
			// Explorer's preview or a virus scan) does no harm beside the
			// output and is tried again by the next build. Failing here
			// stopped every build, before it read any content, until
			// someone deleted the folder by hand.
			_ = removeSite(full)
		}
	}
	return nil
}

// removeSite removes a folder handbook wrote, its marker file last. A
// build killed while os.RemoveAll was deleting the previous site after a
// swap used to leave part of it without its marker (RemoveAll deletes in
// directory order), and Recover, which only touches marked folders, then
// left that beside the output for good; one more such folder for every
// interrupted build. Keeping the marker until the rest is gone means an
// interrupted removal is finished by the next build's Recover.
func removeSite(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, e := range entries {
		if e.Name() == MarkerName {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return os.RemoveAll(dir)
}

// HasMarker reports whether dir holds handbook's marker file.
func HasMarker(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, MarkerName))
	return err == nil && fi.Mode().IsRegular()
}

func checkExisting(out string, force bool) error {
	fi, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%w: %s is a symbolic link; give the real folder instead", ErrRefused, out)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s is a file, not a folder", ErrRefused, out)
	}
	if HasMarker(out) {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 || force {
		return nil
	}
	return fmt.Errorf("%w: %s is not empty and was not created by handbook, so building would replace everything in it; choose an empty or new folder, or add --force if you really mean to replace it", ErrRefused, out)
}

// check refuses output folders that would destroy input or cannot be
// replaced safely, whatever --force says.
func (g Guard) check(out string) error {
	if out == filepath.Dir(out) {
		return fmt.Errorf("%w: %s is the root of a drive", ErrRefused, out)
	}
	if home, err := os.UserHomeDir(); err == nil && out == resolve(home) {
		return fmt.Errorf("%w: %s is your home folder", ErrRefused, out)
	}
	if g.Handbook != "" {
		hb := resolveAbs(g.Handbook)
		if within(hb, out) {
			if hb == out {
				return fmt.Errorf("%w: %s is the handbook folder itself; build into a folder of its own, such as %s", ErrRefused, out, filepath.Join(hb, "public"))
			}
			return fmt.Errorf("%w: %s contains the handbook folder %s", ErrRefused, out, hb)
		}
	}
	for _, in := range g.Inputs {
		in = resolveAbs(in)
		if within(in, out) || within(out, in) {
			return fmt.Errorf("%w: %s overlaps %s, which the build reads", ErrRefused, out, in)
		}
	}
	return nil
}

// within reports whether path lies inside dir or is dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

func resolveAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return resolve(abs)
}

// resolve follows symbolic links in the longest existing prefix of p, so
// two spellings of one folder compare equal.
func resolve(p string) string {
	rest := ""
	for cur := p; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}
