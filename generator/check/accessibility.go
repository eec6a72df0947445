package check

import (
	"fmt"
	"strings"
	"unicode"
)

// accessibility runs the content rules of accessibility over one page:
// image_alt, heading_order, multiple_h1, link_text and table_header.
func (r *run) accessibility(p *Page) {
	path := display(p)
	for _, l := range p.Links {
		if l.Image {
			if strings.TrimSpace(l.Text) == "" {
				r.report("image_alt", path, l.Line, l.Col,
					"image %q has no alternative text: say what it shows between the brackets, ![what the picture shows](%s), so screen reader users get the same information", l.Dest, l.Dest)
			}
			continue
		}
		if why := vagueLinkText(l.Text); why != "" {
			r.report("link_text", path, l.Line, l.Col,
				"link text %s does not say where the link goes: write what the reader will find, such as \"read the induction checklist\"", why)
		}
	}

	prev := 1 // the page title is the h1
	for _, h := range p.Headings {
		switch {
		case h.Level == 1:
			r.report("multiple_h1", path, h.Line, h.Col,
				"heading %q is a second h1: the page title is already the page's h1; use ## for a section heading", h.Text)
		case h.Level > prev+1:
			r.report("heading_order", path, h.Line, h.Col,
				"heading %q skips from h%d to h%d: use %s here, so people using screen readers can follow the structure",
				h.Text, prev, h.Level, fmt.Sprintf("%s (h%d)", strings.Repeat("#", prev+1), prev+1))
		}
		prev = h.Level
	}

	for _, t := range p.Tables {
		if t.HeaderEmpty {
			r.report("table_header", path, t.Line, t.Col,
				"the table's header row is empty: give each column a heading in the first row, so screen readers can say what each cell is")
		}
	}
}

// vagueWords are link texts that do not say where a link goes.
var vagueWords = []string{
	"click here", "here", "read more", "more", "this link", "link",
	"this page", "this", "click", "click this link", "more information",
	"find out more", "learn more",
}

// vagueLinkText returns a description of why text makes poor link text
// ("\"click here\"", "that is a bare web address"), or "" when it is fine.
func vagueLinkText(text string) string {
	norm := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	norm = strings.TrimFunc(norm, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	switch {
	case norm == "":
		return "is empty and"
	case isBareURL(norm):
		return "is a bare web address, which"
	}
	for _, w := range vagueWords {
		if norm == w {
			return `"` + strings.TrimSpace(text) + `"`
		}
	}
	return ""
}

// isBareURL reports whether s (lower case) is a web address rather than
// words.
func isBareURL(s string) bool {
	if strings.ContainsAny(s, " \t") {
		return false
	}
	for _, prefix := range []string{"http://", "https://", "www.", "ftp://"} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
