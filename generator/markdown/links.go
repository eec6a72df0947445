package markdown

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// LinkState says what a link's destination turned out to be.
type LinkState int

const (
	// Resolved means the target exists; Href holds its relative URL.
	Resolved LinkState = iota
	// Missing means no page or file has that path.
	Missing
	// LeftOutDraft means the target is a draft left out of this build.
	LeftOutDraft
	// LeftOutHidden means the target was hidden on purpose.
	LeftOutHidden
)

// Target is where a relative destination resolves to.
type Target struct {
	State LinkState
	// Href is the URL to write, relative to the page.
	Href string
	// URL is the target's address relative to the site root (for pages,
	// ending in "/"); checks use it to find anchors.
	URL string
	// Page is true when the target is a page rather than a file.
	Page bool
}

// Resolver resolves the relative destinations of one page's links and
// images. dest is as written, percent-decoded, without its #fragment.
type Resolver interface {
	Resolve(dest string, image bool) Target
}

// LinkKind classifies a link.
type LinkKind int

const (
	// LinkInternal is a relative link to a page or file of the handbook.
	LinkInternal LinkKind = iota
	// LinkFragment is a link to an anchor on the same page ("#section").
	LinkFragment
	// LinkExternal is a link with a scheme (https:, mailto:…).
	LinkExternal
	// LinkRooted is a link starting with "/", which breaks under a
	// sub-path.
	LinkRooted
)

// Link is one link or image as found on the page.
type Link struct {
	Kind  LinkKind
	Image bool
	// Dest is the destination as written.
	Dest string
	// Fragment is the part after "#", if any.
	Fragment string
	// Target is the resolution of an internal link.
	Target Target
	// Text is the link text, or the image's alternative text.
	Text string
	Line int
	Col  int
}

// linkTransformer resolves every link and image of a page.
type linkTransformer struct{}

var _ parser.ASTTransformer = linkTransformer{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := pageState(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	var nodes []ast.Node
	walk(doc, func(n ast.Node) ast.WalkStatus {
		switch n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
			nodes = append(nodes, n)
		}
		return ast.WalkContinue
	})
	for _, n := range nodes {
		switch n := n.(type) {
		case *ast.Link:
			n.Title = st.linkTitle(n, n.Title, src)
			n.Destination = st.linkDestination(n, n.Destination, false, src)
		case *ast.Image:
			n.Title = st.linkTitle(n, n.Title, src)
			n.Destination = st.linkDestination(n, n.Destination, true, src)
		case *ast.AutoLink:
			off := offsetOf(n, src)
			if scheme, bad := scriptURL(string(n.URL(src)), false); bad {
				st.errorAt(off, "", scriptLinkMessage, "link", scheme)
				if parent := n.Parent(); parent != nil {
					parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
				}
				continue
			}
			// A bare address is not Markdown text, so a reference in it
			// would be shown as written: say so rather than publish
			// "{{ … }}" to readers.
			if name, ok := findReference(n.URL(src)); ok {
				st.errorAt(off, "unknown_variable", "{{ %s }} inside a bare web address is not replaced by its value: write the address as a link instead, such as [text](https://…{{ %s }}…)", name, name)
			}
			line, col := st.position(off)
			st.links = append(st.links, Link{Kind: LinkExternal, Dest: string(n.URL(src)), Text: string(n.Label(src)), Line: line, Col: col})
		}
	}
}

// linkTitle returns a link's or image's title with value references
// replaced, as in its destination; without this they were shown to
// readers as written ("{{ trust.name }}" in a tooltip).
func (st *state) linkTitle(n ast.Node, title, src []byte) []byte {
	if !bytes.Contains(title, []byte("{{")) {
		return title
	}
	return []byte(st.expandValues(n, string(title), src))
}

// linkStart returns the offset of the "[" (or "![") that opens link n.
func linkStart(n ast.Node, src []byte, image bool) int {
	off := offsetOf(n, src)
	if off > 0 && src[off-1] == '[' {
		off--
		if image && off > 0 && src[off-1] == '!' {
			off--
		}
	}
	return off
}

// linkDestination resolves one destination, records the link, reports
// problems, and returns the destination to write. A link to a page left
// out of the build is unwrapped into plain text.
func (st *state) linkDestination(n ast.Node, raw []byte, image bool, src []byte) []byte {
	dest := string(raw)
	written := raw // dest as it is written back, when it stays as it is
	if strings.Contains(dest, "{{") {
		dest = st.expandValues(n, dest, src)
		written = []byte(dest)
	}
	off := linkStart(n, src, image)
	what := "link"
	if image {
		what = "image"
	}
	if scheme, bad := scriptURL(dest, image); bad {
		msg := scriptLinkMessage
		if image {
			msg = scriptImageMessage
		}
		st.errorAt(off, "", msg, what, scheme)
		unwrap(n)
		return nil
	}
	line, col := st.position(off)
	link := Link{Image: image, Dest: dest, Text: plainText(n, src), Line: line, Col: col}
	if img, ok := n.(*ast.Image); ok && link.Text == "" {
		link.Text = plainText(img, src)
	}
	path, fragment, hasFragment := strings.Cut(dest, "#")
	link.Fragment = fragment
	switch {
	case path == "" && hasFragment:
		link.Kind = LinkFragment
		st.links = append(st.links, link)
		return written
	case path == "":
		st.errorAt(off, "broken_link", "the %s has no destination", what)
		st.links = append(st.links, link)
		return raw
	case isExternal(path):
		link.Kind = LinkExternal
		st.links = append(st.links, link)
		return written
	case strings.HasPrefix(path, "/"):
		link.Kind = LinkRooted
		st.links = append(st.links, link)
		st.warnAt(off, "rooted_link", "the %s %q starts with \"/\", which breaks when the handbook is published under a sub-path; write it relative to this page, for example \"../%s\"", what, dest, strings.TrimPrefix(path, "/"))
		return written
	}
	link.Kind = LinkInternal
	decoded, err := url.PathUnescape(path)
	if err != nil {
		decoded = path
	}
	if st.page.Links == nil {
		st.links = append(st.links, link)
		return written
	}
	t := st.page.Links.Resolve(decoded, image)
	link.Target = t
	st.links = append(st.links, link)
	switch t.State {
	case Resolved:
		href := t.Href
		if hasFragment {
			href += "#" + fragment
		}
		return []byte(href)
	case LeftOutDraft:
		st.warnAt(off, "link_to_draft", "the link to %q goes to a draft page left out of this build; it is shown as plain text", path)
		unwrap(n)
	case LeftOutHidden:
		unwrap(n)
	default:
		if image {
			st.errorAt(off, "missing_image", "image %q not found (looked for it relative to this page)", path)
		} else if strings.HasSuffix(strings.ToLower(path), ".md") {
			st.errorAt(off, "broken_link", "link to %q: no such page (links are relative to this page's folder)", path)
		} else {
			st.errorAt(off, "broken_link", "link to %q: no such page or file (link to the .md file of a page, relative to this page's folder)", path)
		}
	}
	return written
}

// scriptLinkMessage and scriptImageMessage are the errors for a link or
// picture whose address could run script; the link is replaced by its
// text, the picture left out.
const (
	scriptLinkMessage  = "the %s goes to a %s: address, which could run code in the reader's browser, so it has been removed: link to a page of the handbook or to a web address starting https:// instead"
	scriptImageMessage = "the %s comes from a %s: address, which could run code in the reader's browser, so it has been left out: put the picture in the handbook folder and give its file name instead"
)

// scriptURL reports whether dest is a javascript:, vbscript: or data:
// address, and its scheme. An image may come from a data: picture (as
// goldmark allows); a link may not go to any data: address, since a
// browser would open it as a page of its own. dest is judged as it will be written into the page: goldmark
// resolves entities and backslash escapes and percent-encodes the rest
// (so "&#106;avascript:" counts, while "java script:" becomes a harmless
// relative "java%20script:"). goldmark itself blanks such addresses only
// when raw HTML is not allowed, and says nothing; here they are removed
// whatever unsafe_html says, and reported.
//
// Escaping is skipped when it cannot make a script address: without an
// entity ("&") or a backslash escape, it changes no byte before the first
// ":" other than by writing it as "%XX", so the scheme written is the one
// in dest, or contains a "%".
func scriptURL(dest string, image bool) (string, bool) {
	if !strings.ContainsAny(dest, `&\`) {
		scheme, _, found := strings.Cut(dest, ":")
		if !found || !isScriptScheme(scheme) {
			return "", false
		}
	}
	u := util.URLEscape([]byte(dest), true)
	i := bytes.IndexByte(u, ':')
	if i <= 0 {
		return "", false
	}
	switch scheme := strings.ToLower(string(u[:i])); scheme {
	case "javascript", "vbscript":
		return scheme, true
	case "data":
		return scheme, !image || html.IsDangerousURL(u)
	}
	return "", false
}

// isScriptScheme reports whether scheme is "javascript", "vbscript" or
// "data" in any mix of ASCII capitals, the schemes scriptURL looks at.
func isScriptScheme(scheme string) bool {
	for _, s := range []string{"javascript", "vbscript", "data"} {
		if len(scheme) == len(s) && asciiEqualFold(scheme, s) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether a and b, of equal length, are equal when
// ASCII letters are lower-cased; other bytes must match exactly.
func asciiEqualFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// isExternal reports whether dest starts with a URL scheme or "//".
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	for i, c := range dest {
		switch {
		case c == ':':
			return i > 1 // "c:" is a Windows drive letter, not a scheme
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// unwrap replaces link n with its children, leaving the text.
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if _, ok := n.(*ast.Image); ok {
		// An image of a left-out page has no text to keep.
		parent.RemoveChild(parent, n)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
