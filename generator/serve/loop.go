package serve

import (
	"context"
	"maps"
	"slices"
	"time"
)

// loop takes in changed paths, waits until none has come for
// Options.Debounce, and rebuilds once with all of them; a git checkout of 200
// files is one build. Changes that come in while a build runs wait for the
// next one, so there is never more than one build at a time. The empty path
// means "everything". loop returns when ctx is done, after the build in
// progress, if any.
func (s *Server) loop(ctx context.Context, changes <-chan string) {
	var (
		pending  = make(map[string]bool)
		all      bool             // rebuild everything
		quiet    <-chan time.Time // fires Debounce after the latest change
		ready    bool             // the debounce has passed with changes pending
		building bool
		done     = make(chan struct{}) // the build in progress has finished
	)
	start := func() {
		var changed []string
		if !all {
			changed = slices.Sorted(maps.Keys(pending))
		}
		clear(pending)
		all, ready, building = false, false, true
		go func() {
			s.Rebuild(ctx, changed)
			done <- struct{}{}
		}()
	}
	for {
		select {
		case <-ctx.Done():
			if building {
				<-done
			}
			return
		case rel := <-changes:
			if rel == "" {
				all = true
			} else {
				pending[rel] = true
			}
			ready = false
			quiet = s.clock.After(s.opts.Debounce)
			if s.received != nil {
				s.received(rel)
			}
		case <-quiet:
			quiet = nil
			ready = all || len(pending) > 0
			if ready && !building {
				start()
			}
		case <-done:
			building = false
			if ready {
				start()
			}
		}
	}
}
