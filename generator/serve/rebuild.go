package serve

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/nhs-psp/handbook/generator/diag"
)

// state is what the handler serves: swapped whole after each build, never
// changed in place.
type state struct {
	// site is the last good build; nil until one succeeds.
	site *Snapshot
	// problems are the error-severity problems of the latest build; empty
	// when it succeeded.
	problems []*diag.Diagnostic
	// overlay is the error panel injected into every HTML page while
	// problems is not empty.
	overlay []byte
	// build counts builds, good or bad.
	build uint64
}

// Rebuild runs one build now with the changed files (nil means everything),
// then serves its site, or keeps the last good one and shows the error
// overlay when it failed. It prints a summary and the problems, and tells
// every open page. A build in progress is waited for: there is never more
// than one at a time. A build cut short by ctx changes nothing.
func (s *Server) Rebuild(ctx context.Context, changed []string) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()

	start := s.clock.Now()
	snap, err := s.opts.Build(ctx, changed)
	took := s.clock.Now().Sub(start)
	if ctx.Err() != nil {
		return
	}
	errs, warns := problems(snap, err)

	prev := s.state.Load()
	next := &state{site: prev.site, build: prev.build + 1}
	if len(errs) == 0 {
		next.site = snap
	} else {
		next.problems = errs
		next.overlay = overlay(errs, next.site != nil)
	}
	s.state.Store(next)

	same := len(errs) == 0 && len(prev.problems) == 0 && prev.site != nil && sameFiles(prev.site.Files, snap.Files)
	s.report(prev.build == 0, changed, took, errs, warns, same)
	if !same {
		s.broker.publish(s.message(prev, next, changed))
	}
	if s.opts.OnRebuild != nil {
		s.opts.OnRebuild(changed)
	}
}

// problems sorts out the outcome of a build into errors and warnings. A build
// that failed as a whole, or returned nothing, is one error.
func problems(snap *Snapshot, err error) (errs, warns []*diag.Diagnostic) {
	var list diag.List
	if err != nil {
		list.AddErr("", err)
	}
	if snap != nil {
		for _, p := range snap.Problems {
			list.Add(p)
		}
	} else if err == nil {
		list.Add(&diag.Diagnostic{Severity: diag.Error, Msg: "the build returned no site"})
	}
	for _, d := range list.Items() {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		} else {
			warns = append(warns, d)
		}
	}
	return errs, warns
}

// report prints a one-line summary of a build on Stdout and its problems on
// Stderr, once per build.
func (s *Server) report(first bool, changed []string, took time.Duration, errs, warns []*diag.Diagnostic, same bool) {
	var what string
	switch {
	case first:
		what = "Built the handbook"
	case changed == nil:
		what = "Rebuilt everything"
	default:
		what = "Rebuilt " + count(len(changed), "changed file")
	}
	line := fmt.Sprintf("%s in %dms", what, took.Milliseconds())
	var notes []string
	if len(errs) > 0 {
		notes = append(notes, count(len(errs), "error"))
	}
	if len(warns) > 0 {
		notes = append(notes, count(len(warns), "warning"))
	}
	if len(notes) > 0 {
		line += ": " + strings.Join(notes, ", ")
	}
	switch {
	case len(errs) > 0 && s.state.Load().site == nil:
		line += " (nothing to show until they are fixed)"
	case len(errs) > 0:
		line += " (still showing the last version that built)"
	case same:
		line += " (the site did not change)"
	}
	fmt.Fprintln(s.opts.Stdout, line)
	for _, d := range errs {
		fmt.Fprintln(s.opts.Stderr, d.Error())
	}
	for _, d := range warns {
		fmt.Fprintln(s.opts.Stderr, d.Error())
	}
}

// count returns "1 error", "2 errors".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// message is the event that tells open pages about a build: "error" with the
// problems when it failed, otherwise "reload", which swaps the stylesheets in
// place when only CSS changed and, with Options.Navigate, names the page that
// was edited.
func (s *Server) message(prev, next *state, changed []string) event {
	m := eventData{Server: s.id, Build: next.build}
	if len(next.problems) > 0 {
		for _, d := range next.problems {
			m.Problems = append(m.Problems, d.Error())
		}
		return newEvent("error", m)
	}
	if prev.site != nil && len(prev.problems) == 0 && onlyCSS(changed) {
		m.CSS = newCSS(prev.site.Files, next.site.Files)
		m.CSSOnly = len(m.CSS) > 0
	}
	if !m.CSSOnly && s.opts.Navigate {
		m.Navigate = editedPage(next.site.Pages, changed)
	}
	return newEvent("reload", m)
}

// onlyCSS reports whether every changed file is a stylesheet.
func onlyCSS(changed []string) bool {
	if len(changed) == 0 {
		return false
	}
	for _, c := range changed {
		if !strings.EqualFold(path.Ext(c), ".css") {
			return false
		}
	}
	return true
}

// newCSS lists, as URL paths, the stylesheets of the new site that the old
// one did not have or had with other content (a new fingerprint is a new
// file).
func newCSS(old, cur map[string][]byte) []string {
	var out []string
	for name, data := range cur {
		if !strings.EqualFold(path.Ext(name), ".css") {
			continue
		}
		if was, ok := old[name]; !ok || !bytes.Equal(was, data) {
			out = append(out, "/"+name)
		}
	}
	slices.Sort(out)
	return out
}

// editedPage returns the URL path of the page made by the changed files when
// they make exactly one page, or "".
func editedPage(pages map[string]string, changed []string) string {
	found := ""
	for _, c := range changed {
		u, ok := pages[c]
		if !ok {
			continue
		}
		u = "/" + strings.TrimPrefix(u, "/")
		if found != "" && found != u {
			return ""
		}
		found = u
	}
	return found
}

// sameFiles reports whether two sites are byte for byte the same.
func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		other, ok := b[name]
		if !ok || !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}
