package markdown

import (
	"strconv"

	"github.com/nhs-psp/handbook/generator/internal/slug"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// ids gives headings IDs made with the same slug rule as URLs, so an author
// can predict the anchor of any heading: "## How meetings work" is
// "#how-meetings-work". A repeated heading gets "-2", "-3"…, and IDs the
// theme uses on every page are never taken.
type ids struct {
	used map[string]bool
}

var _ parser.IDs = (*ids)(nil)

func newIDs(reserved []string) *ids {
	used := make(map[string]bool, len(reserved))
	for _, r := range reserved {
		used[r] = true
	}
	return &ids{used: used}
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs; it records an explicit {#id}.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
