package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// inputFiles are the files at the top of the handbook folder that a build
// reads.
func inputFiles() []string { return []string{"handbook.yaml", "glossary.yaml"} }

// inputFolders are the folders a build reads, recursively.
func inputFolders() []string { return []string{"content", "theme", "static"} }

// isInput reports whether rel, a slash path relative to the handbook folder,
// is something a build reads: handbook.yaml, glossary.yaml, or anything in
// content/, theme/ or static/ that is not hidden or an editor's scratch file.
// public/ and everything else is not.
func isInput(rel string) bool {
	top, rest, _ := strings.Cut(rel, "/")
	if rest == "" && slices.Contains(inputFiles(), rel) {
		return true
	}
	if !slices.Contains(inputFolders(), top) {
		return false
	}
	for elem := range strings.SplitSeq(rest, "/") {
		if rest != "" && ignoredName(elem) {
			return false
		}
	}
	return true
}

// ignoredName reports whether a file or folder name is hidden or belongs to
// an editor rather than the author: dotfiles (.about.md.swp, .#about.md,
// .git), backups (about.md~, ~about.md), swap and temporary files (.swp,
// .swo, .swx, .tmp, JetBrains' ___jb_tmp___), Emacs autosaves (#about.md#)
// and vim's "4913" probe.
func ignoredName(name string) bool {
	if name == "" || name == "4913" {
		return true
	}
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") || strings.HasSuffix(name, "~") {
		return true
	}
	if len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".swp", ".swo", ".swx", ".tmp":
		return true
	}
	return strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// walkInputs calls found for every input file under root, and folder for
// root itself and every input folder, skipping ignored names.
func walkInputs(root string, folder func(abs string) error, found func(abs string, d fs.DirEntry)) error {
	if folder != nil {
		if err := folder(root); err != nil {
			return err
		}
	}
	for _, f := range inputFiles() {
		abs := filepath.Join(root, f)
		if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
			found(abs, fs.FileInfoToDirEntry(fi))
		}
	}
	for _, f := range inputFolders() {
		if err := walkTree(filepath.Join(root, f), folder, found); err != nil {
			return err
		}
	}
	return nil
}

// walkTree is walkInputs for one folder. A folder that does not exist, or
// vanishes on the way, is not an error.
func walkTree(dir string, folder func(abs string) error, found func(abs string, d fs.DirEntry)) error {
	err := filepath.WalkDir(dir, func(abs string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if abs != dir && ignoredName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if folder != nil {
				return folder(abs)
			}
			return nil
		}
		found(abs, d)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// fsWatcher is what the server needs of an *fsnotify.Watcher. Tests swap in
// their own through Server.newWatcher.
type fsWatcher interface {
	Add(name string) error
	Remove(name string) error
	Close() error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
}

// notifyWatcher adapts *fsnotify.Watcher to fsWatcher.
type notifyWatcher struct{ w *fsnotify.Watcher }

func newNotifyWatcher() (fsWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return notifyWatcher{w}, nil
}

func (n notifyWatcher) Add(name string) error         { return n.w.Add(name) }
func (n notifyWatcher) Remove(name string) error      { return n.w.Remove(name) }
func (n notifyWatcher) Close() error                  { return n.w.Close() }
func (n notifyWatcher) Events() <-chan fsnotify.Event { return n.w.Events }
func (n notifyWatcher) Errors() <-chan error          { return n.w.Errors }

// notifier turns fsnotify events into changed input paths. fsnotify is not
// recursive, so it adds every input folder at start and every folder created
// later, and forgets the ones removed or renamed away. It is used by one
// goroutine at a time.
type notifier struct {
	root    string
	w       fsWatcher
	watched map[string]bool // absolute folders being watched
}

// startNotifier creates the watcher and watches the handbook folder (for the
// two YAML files and for input folders created later) and every input
// folder.
func startNotifier(root string, newWatcher func() (fsWatcher, error)) (*notifier, error) {
	w, err := newWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{root: root, w: w, watched: make(map[string]bool)}
	if err := walkInputs(root, n.add, func(string, fs.DirEntry) {}); err != nil {
		w.Close()
		return nil, err
	}
	return n, nil
}

// add watches one folder.
func (n *notifier) add(dir string) error {
	if n.watched[dir] {
		return nil
	}
	if err := n.w.Add(dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	n.watched[dir] = true
	return nil
}

// forget stops watching dir and every folder under it.
func (n *notifier) forget(dir string) {
	for w := range n.watched {
		if w == dir || strings.HasPrefix(w, dir+string(filepath.Separator)) {
			_ = n.w.Remove(w) // fsnotify may have dropped it already
			delete(n.watched, w)
		}
	}
}

// rel returns the slash path of abs relative to the handbook folder, and
// whether it is an input.
func (n *notifier) rel(abs string) (string, bool) {
	r, err := filepath.Rel(n.root, abs)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	return r, isInput(r)
}

// handle reports the input paths that ev changed through emit. A folder
// created (or moved in) is watched, and every file already in it reported.
// The error says a new folder could not be watched.
func (n *notifier) handle(ev fsnotify.Event, emit func(string)) error {
	rel, ok := n.rel(ev.Name)
	if !ok || ev.Op&^fsnotify.Chmod == 0 {
		return nil // not an input, or attributes only
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		n.forget(ev.Name)
		emit(rel)
	}
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) {
		return nil
	}
	fi, err := os.Lstat(ev.Name)
	switch {
	case err != nil:
		emit(rel) // gone again already: the build will see it missing
	case !fi.IsDir():
		emit(rel)
	case ev.Has(fsnotify.Create):
		// A new folder, perhaps moved in with files already in it, or
		// filled before the watch was in place: report all of them.
		err := walkTree(ev.Name, n.add, func(abs string, _ fs.DirEntry) {
			if r, ok := n.rel(abs); ok {
				emit(r)
			}
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	// A Write on a folder (kqueue, Windows) means its entries changed; they
	// report themselves.
	return nil
}

// watch starts reporting changed inputs on changes until ctx is done, with
// fsnotify, or with the poller when Options.Poll is set or fsnotify cannot be
// set up. The watches are in place when it returns.
func (s *Server) watch(ctx context.Context, changes chan<- string) {
	if s.opts.Poll > 0 {
		p := newPoller(s.root)
		s.wg.Go(func() { s.poll(ctx, p, s.opts.Poll, changes) })
		return
	}
	n, err := startNotifier(s.root, s.newWatcher)
	if err != nil {
		fmt.Fprintf(s.opts.Stderr, "Cannot watch the handbook for changes (%v): checking every %v instead.\n", err, s.fallbackPoll)
		p := newPoller(s.root)
		s.wg.Go(func() { s.poll(ctx, p, s.fallbackPoll, changes) })
		return
	}
	s.wg.Go(func() { s.notify(ctx, n, changes) })
}

// notify forwards the changes n sees until ctx is done. When a new folder
// cannot be watched (the system's limit is reached), it carries on with the
// poller and rebuilds everything, since changes may have been missed.
func (s *Server) notify(ctx context.Context, n *notifier, changes chan<- string) {
	emit := func(rel string) {
		select {
		case changes <- rel:
		case <-ctx.Done():
		}
	}
	for {
		select {
		case <-ctx.Done():
			n.w.Close()
			return
		case ev, ok := <-n.w.Events():
			if !ok {
				n.w.Close()
				return
			}
			if err := n.handle(ev, emit); err != nil {
				n.w.Close()
				fmt.Fprintf(s.opts.Stderr, "Cannot watch the handbook for changes (%v): checking every %v instead.\n", err, s.fallbackPoll)
				p := newPoller(s.root)
				emit("")
				s.poll(ctx, p, s.fallbackPoll, changes)
				return
			}
		case err, ok := <-n.w.Errors():
			if !ok {
				n.w.Close()
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				fmt.Fprintln(s.opts.Stderr, "Too many changes at once to follow: rebuilding everything.")
				emit("")
				continue
			}
			fmt.Fprintf(s.opts.Stderr, "Watching the handbook: %v\n", err)
		}
	}
}
