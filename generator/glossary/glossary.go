// Package glossary reads glossary.yaml: the terms and acronyms a handbook
// explains. The starter handbook's glossary is the bottom layer and the
// trust's glossary.yaml (beside handbook.yaml) the top one; a trust entry
// with the same term replaces the starter's.
package glossary

import (
	"cmp"
	"errors"
	"io/fs"
	"slices"
	"strings"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/slug"
	"github.com/nhs-psp/handbook/generator/internal/strictyaml"
	"github.com/nhs-psp/handbook/generator/internal/textfile"
	"go.yaml.in/yaml/v3"
)

// FileName is the glossary's file name.
const FileName = "glossary.yaml"

// Term is one entry.
type Term struct {
	// Term is the word or acronym as written in text, such as "PSP".
	Term string `yaml:"term"`
	// Expansion is an acronym's full form, such as "Patient Safety Partner".
	Expansion string `yaml:"expansion"`
	// Definition explains the term in a sentence or two.
	Definition string `yaml:"definition"`
	// Display and Line say where the entry is written.
	Display string `yaml:"-"`
	Line    int    `yaml:"-"`
}

// Anchor returns the ID of the term's entry on the glossary page.
func (t Term) Anchor() string { return "term-" + slug.Make(t.Term) }

// IsAcronym reports whether the term is an abbreviation with an expansion.
func (t Term) IsAcronym() bool { return t.Expansion != "" }

// Glossary is the merged list of terms, sorted by term.
type Glossary struct {
	Terms []Term
}

// Source is one glossary file to read.
type Source struct {
	FS      fs.FS
	Name    string // path inside FS
	Display string // path shown in messages
}

// Load reads the sources, bottom first. A missing file is not an error.
func Load(sources ...Source) (*Glossary, error) {
	byKey := map[string]Term{}
	var errs []error
	for _, s := range sources {
		raw, err := fs.ReadFile(s.FS, s.Name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, diag.Errorf(s.Display, 0, 0, "cannot read: %v", err))
			continue
		}
		terms, err := parse(s.Display, raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, t := range terms {
			byKey[strings.ToLower(t.Term)] = t
		}
	}
	g := &Glossary{}
	for _, t := range byKey {
		g.Terms = append(g.Terms, t)
	}
	slices.SortFunc(g.Terms, func(a, b Term) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Term), strings.ToLower(b.Term)), cmp.Compare(a.Term, b.Term))
	})
	return g, errors.Join(errs...)
}

func parse(display string, raw []byte) ([]Term, error) {
	src, err := textfile.Normalize(display, raw)
	if err != nil {
		return nil, err
	}
	dec := &strictyaml.Decoder{Path: display}
	root, err := dec.Parse(src)
	if err != nil || root == nil {
		return nil, err
	}
	if root.Kind != yaml.SequenceNode {
		return nil, diag.Errorf(display, root.Line, root.Column, "the glossary must be a list of entries, each starting \"- term:\"")
	}
	var terms []Term
	seen := map[string]int{}
	for _, n := range root.Content {
		var t Term
		if err := dec.Decode(n, &t); err != nil {
			continue
		}
		t.Display, t.Line = display, n.Line
		switch {
		case strings.TrimSpace(t.Term) == "":
			dec.Errorf(n, "glossary entry has no term")
			continue
		case strings.TrimSpace(t.Definition) == "" && t.Expansion == "":
			dec.Errorf(n, "glossary entry %q needs a definition or an expansion", t.Term)
			continue
		}
		key := strings.ToLower(t.Term)
		if first, dup := seen[key]; dup {
			dec.Errorf(n, "%q is already defined on line %d", t.Term, first)
			continue
		}
		seen[key] = n.Line
		terms = append(terms, t)
	}
	return terms, dec.Err()
}

// Lookup returns the entry for term, ignoring case.
func (g *Glossary) Lookup(term string) (Term, bool) {
	for _, t := range g.Terms {
		if strings.EqualFold(t.Term, term) {
			return t, true
		}
	}
	return Term{}, false
}
