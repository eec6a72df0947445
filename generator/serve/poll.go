package serve

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"time"
)

// poller finds changed inputs by walking them and comparing each file's
// size and modification time with the walk before. It needs no help from
// the operating system, so it works on network drives and wherever fsnotify
// runs out of watches.
type poller struct {
	root string
	last map[string]stamp // by slash path relative to root
}

// stamp is what the poller compares.
type stamp struct {
	size int64
	mod  time.Time
}

// newPoller records the inputs as they are now.
func newPoller(root string) *poller {
	p := &poller{root: root}
	p.last = p.scan()
	return p
}

// scan walks the inputs.
func (p *poller) scan() map[string]stamp {
	files := make(map[string]stamp)
	_ = walkInputs(p.root, nil, func(abs string, d fs.DirEntry) { // a walk that fails part way reports what it saw
		fi, err := d.Info()
		if err != nil {
			return
		}
		rel, err := filepath.Rel(p.root, abs)
		if err != nil {
			return
		}
		files[filepath.ToSlash(rel)] = stamp{size: fi.Size(), mod: fi.ModTime()}
	})
	return files
}

// changes walks the inputs again and returns, sorted, the files that are
// new, changed or gone since the last walk.
func (p *poller) changes() []string {
	now := p.scan()
	var out []string
	for rel, st := range now {
		if was, ok := p.last[rel]; !ok || was.size != st.size || !was.mod.Equal(st.mod) {
			out = append(out, rel)
		}
	}
	for rel := range p.last {
		if _, ok := now[rel]; !ok {
			out = append(out, rel)
		}
	}
	p.last = now
	slices.Sort(out)
	return out
}

// poll reports the changes p finds every interval until ctx is done.
func (s *Server) poll(ctx context.Context, p *poller, every time.Duration, changes chan<- string) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.clock.After(every):
		}
		for _, rel := range p.changes() {
			select {
			case changes <- rel:
			case <-ctx.Done():
				return
			}
		}
	}
}
