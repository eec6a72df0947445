package serve

import (
	"bytes"
	"html"
	"strings"

	"github.com/nhs-psp/handbook/generator/diag"
)

// overlayTitle heads the error overlay.
const overlayTitle = "The handbook could not be rebuilt"

// inject adds the live-reload script before the last </body> of an HTML page
// and, when overlay is not empty, the overlay right after <body…>. A page
// without those tags gets them at the end. The page itself is not changed.
func inject(page, overlay []byte) []byte {
	end := lastIndexFold(page, "</body")
	if end < 0 {
		end = len(page)
	}
	at := end // where the overlay goes
	if len(overlay) > 0 {
		if i := afterBodyTag(page); i >= 0 && i <= end {
			at = i
		}
	}
	out := make([]byte, 0, len(page)+len(overlay)+len(scriptElement))
	out = append(out, page[:at]...)
	out = append(out, overlay...)
	out = append(out, page[at:end]...)
	out = append(out, scriptElement...)
	out = append(out, page[end:]...)
	return out
}

// afterBodyTag returns the index just after the opening <body…> tag, or -1.
func afterBodyTag(page []byte) int {
	for from := 0; ; {
		i := indexFold(page[from:], "<body")
		if i < 0 {
			return -1
		}
		i += from + len("<body")
		if i < len(page) && (page[i] == '>' || page[i] == '/' || isSpace(page[i])) {
			// Find the end of the tag; a '>' in a quoted attribute does not
			// count.
			var quote byte
			for j := i; j < len(page); j++ {
				switch c := page[j]; {
				case quote != 0:
					if c == quote {
						quote = 0
					}
				case c == '"' || c == '\'':
					quote = c
				case c == '>':
					return j + 1
				}
			}
			return -1
		}
		from = i
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// indexFold is bytes.Index ignoring ASCII case; s must be lower case.
func indexFold(b []byte, s string) int {
	sb := []byte(s)
	for i := 0; i+len(sb) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(sb)], sb) {
			return i
		}
	}
	return -1
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case; s must be lower case.
func lastIndexFold(b []byte, s string) int {
	sb := []byte(s)
	for i := len(b) - len(sb); i >= 0; i-- {
		if bytes.EqualFold(b[i:i+len(sb)], sb) {
			return i
		}
	}
	return -1
}

// overlay renders the error panel for errs. hasSite says whether an older
// version of the site is being shown underneath. Every message is escaped.
// The panel's look comes from overlay.css and its Hide button from
// livereload.js, so the page's Content-Security-Policy holds.
func overlay(errs []*diag.Diagnostic, hasSite bool) []byte {
	intro := "You are looking at the last version that built. Fix these problems and save: the page reloads by itself."
	if !hasSite {
		intro = "There is no version to show yet. Fix these problems and save: the page reloads by itself."
	}
	var b strings.Builder
	b.WriteString(`<link rel="stylesheet" href="` + overlayCSS + `">`)
	b.WriteString(`<div id="handbook-overlay" class="handbook-overlay" role="alertdialog" aria-labelledby="handbook-overlay-title" aria-describedby="handbook-overlay-intro" tabindex="-1">`)
	b.WriteString(`<h2 id="handbook-overlay-title">` + overlayTitle + `</h2>`)
	b.WriteString(`<p id="handbook-overlay-intro">` + intro + `</p>`)
	b.WriteString(`<ul class="handbook-overlay-problems">`)
	for _, d := range errs {
		b.WriteString(`<li><code>` + html.EscapeString(d.Error()) + `</code></li>`)
	}
	b.WriteString(`</ul>`)
	b.WriteString(`<button type="button" class="handbook-overlay-hide">Hide</button>`)
	b.WriteString(`</div>`)
	return []byte(b.String())
}

// errorPage is what every page shows until the first build succeeds: a plain
// page listing the errors (the overlay lists them again, over it).
func errorPage(errs []*diag.Diagnostic) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>The handbook could not be built</title>\n</head>\n<body>\n<main>\n")
	b.WriteString("<h1>The handbook could not be built</h1>\n")
	if len(errs) == 0 {
		b.WriteString("<p>The first build has not finished yet.</p>\n")
	} else {
		b.WriteString("<p>Fix these problems and save: this page reloads by itself.</p>\n<ul>\n")
		for _, d := range errs {
			b.WriteString("<li><code>" + html.EscapeString(d.Error()) + "</code></li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return []byte(b.String())
}
