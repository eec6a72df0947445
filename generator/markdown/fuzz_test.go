package markdown_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/markdown"
)

// FuzzMarkdown renders random page bodies with every extension, the golden
// tests' resolver and the real components, and checks, besides "no panic":
//
//  1. The HTML is valid UTF-8 when the input is.
//  2. Every diagnostic names the page and has a line (1 or more, at most
//     one past the last line of the body) and a column of 1 or more.
//  3. Safety, with raw HTML not allowed (UnsafeHTML false): no <script,
//     <style, <iframe, <object, <embed, <base, <meta, <link or <form tag;
//     no attribute named on… (event handlers) or style; and no href or src
//     that a browser would read as a javascript:, vbscript: or data:
//     address (data: pictures in src excepted). Markdown links to such
//     addresses are removed and reported (links.go).
//  4. Values: the trust value grammar (values.go) is "{{", a name or dotted
//     path, optional quoted arguments, "}}". Outside <code> and <pre>, the
//     text of the page (tags removed, entities decoded) may contain a match
//     of that grammar only where the author escaped it ("\{{", or a brace
//     written as an entity such as &#123;), or where the build reported
//     an unknown_variable error: a reference in a bare web address, in raw
//     HTML, or one that does not resolve. So a reference is either
//     replaced by its value, reported, or deliberately escaped: it is never
//     published silently as "{{ … }}". (In code it is shown as written by
//     design, and HTML comments are dropped.)
//
// With UnsafeHTML true the same body must render without panicking and
// give valid UTF-8; raw HTML is then the author's, so property 3 does not
// apply.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"Hello {{ trust.name }}.",
		"{{ contact \"sponsor\" }}\n",
		"\\{{ trust.name }} and {{ nope }}",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](&#106;avascript:alert(1))",
		"<javascript:alert(1)> ![i](data:text/html,x) ![p](data:image/png;base64,AAAA)",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"# Heading {onclick=alert(1) style=color:red}\n",
		"[t](other.md \"{{ trust.name }}\") www.example.com/{{trust.name}}",
		"- [ ] task\n- [x] done\n\n> [!NOTE]\n> note\n",
		strings.Repeat("- ", 300) + "deep\n",
		strings.Repeat(">", 300) + " deep\n",
	} {
		f.Add([]byte(s))
	}
	data := testData(f)
	gloss := markdown.NewGlossary([]markdown.Term{
		{Term: "PSP", Expansion: "Patient Safety Partner", Anchor: "term-psp"},
		{Term: "terms of reference", Anchor: "term-terms-of-reference"},
	})
	safe := markdown.New(markdown.Options{})
	unsafe := markdown.New(markdown.Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, body []byte) {
		page := markdown.Page{
			Display:      "guide/fuzz.md",
			Body:         body,
			BodyLine:     1,
			Links:        resolver{},
			Data:         data,
			ReservedIDs:  []string{"main-content"},
			Glossary:     gloss,
			GlossaryHref: "../glossary/",
		}
		res, err := safe.Render(page)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		out := string(res.HTML)
		if utf8.Valid(body) && !utf8.ValidString(out) {
			t.Errorf("valid UTF-8 in, invalid UTF-8 out:\n%q", out)
		}
		checkDiagnostics(t, body, res.Diagnostics)
		checkSafe(t, out)
		checkValues(t, body, out, res.Diagnostics)

		res2, err := unsafe.Render(page)
		if err != nil {
			t.Fatalf("Render with UnsafeHTML: %v", err)
		}
		if utf8.Valid(body) && !utf8.Valid(res2.HTML) {
			t.Errorf("UnsafeHTML: valid UTF-8 in, invalid UTF-8 out:\n%q", res2.HTML)
		}
	})
}

func checkDiagnostics(t *testing.T, body []byte, ds []*diag.Diagnostic) {
	t.Helper()
	lines := strings.Count(string(body), "\n") + 1
	for _, d := range ds {
		if d.Path != "guide/fuzz.md" || d.Line < 1 || d.Line > lines+1 || d.Col < 1 {
			t.Errorf("diagnostic without a proper place (body has %d lines): %#v", lines, d)
		}
	}
}

var forbiddenTags = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"base": true, "meta": true, "link": true, "form": true,
}

// checkSafe applies property 3 to HTML rendered with UnsafeHTML false.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Errorf("unescaped <script in the output:\n%s", out)
	}
	scanTags(out, func(tag string, attrs [][2]string) {
		if forbiddenTags[tag] {
			t.Errorf("<%s> in the output:\n%s", tag, out)
		}
		for _, a := range attrs {
			name, val := a[0], a[1]
			switch {
			case strings.HasPrefix(name, "on"):
				t.Errorf("event handler attribute %s=%q on <%s>:\n%s", name, val, tag, out)
			case name == "style":
				t.Errorf("style attribute on <%s> (breaks the Content-Security-Policy):\n%s", tag, out)
			case name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href":
				if scheme := browserScheme(val); scheme == "javascript" || scheme == "vbscript" ||
					scheme == "data" && !(tag == "img" && name == "src" && dataPicture.MatchString(val)) {
					t.Errorf("%s=%q on <%s> is a %s: address:\n%s", name, val, tag, scheme, out)
				}
			}
		}
	})
}

var dataPicture = regexp.MustCompile(`(?i)^\s*data:image/(png|gif|jpeg|webp);`)

// browserScheme returns the lower-case scheme a browser finds in the
// (entity-encoded) attribute value v: entities decoded, leading and
// trailing spaces and control characters dropped, tabs and newlines
// removed anywhere, as the URL standard says.
func browserScheme(v string) string {
	u := html.UnescapeString(v)
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return ""
	}
	scheme := strings.ToLower(u[:i])
	for j, c := range scheme {
		if !(c >= 'a' && c <= 'z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return ""
		}
	}
	return scheme
}

// scanTags calls fn for each start tag of out, with its lower-case name
// and attributes (values entity-encoded, as written). Text in the
// output never holds a raw "<" (goldmark and html/template escape it), so
// every "<" starts markup.
func scanTags(out string, fn func(tag string, attrs [][2]string)) {
	i := 0
	for {
		j := strings.IndexByte(out[i:], '<')
		if j < 0 {
			return
		}
		i += j + 1
		if strings.HasPrefix(out[i:], "!--") {
			if k := strings.Index(out[i:], "-->"); k >= 0 {
				i += k + 3
				continue
			}
			return
		}
		if i >= len(out) || !isLetter(out[i]) {
			continue // end tag, doctype
		}
		start := i
		for i < len(out) && (isLetter(out[i]) || out[i] >= '0' && out[i] <= '9' || out[i] == '-') {
			i++
		}
		tag := strings.ToLower(out[start:i])
		var attrs [][2]string
		for i < len(out) {
			for i < len(out) && strings.IndexByte(" \t\n\r\f/", out[i]) >= 0 {
				i++
			}
			if i >= len(out) || out[i] == '>' {
				i++
				break
			}
			ns := i
			for i < len(out) && strings.IndexByte(" \t\n\r\f/>=", out[i]) < 0 {
				i++
			}
			name := strings.ToLower(out[ns:i])
			val := ""
			if i < len(out) && out[i] == '=' {
				i++
				if i < len(out) && (out[i] == '"' || out[i] == '\'') {
					q := out[i]
					k := strings.IndexByte(out[i+1:], q)
					if k < 0 {
						val, i = out[i+1:], len(out)
					} else {
						val, i = out[i+1:i+1+k], i+2+k
					}
				} else {
					vs := i
					for i < len(out) && strings.IndexByte(" \t\n\r\f>", out[i]) < 0 {
						i++
					}
					val = out[vs:i]
				}
			}
			if name != "" {
				attrs = append(attrs, [2]string{name, val})
			}
		}
		fn(tag, attrs)
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

var (
	codeRE        = regexp.MustCompile(`(?s)<pre[\s>].*?</pre>|<code[\s>].*?</code>`)
	tagRE         = regexp.MustCompile(`<[^>]*>`)
	braceEntityRE = regexp.MustCompile(`(?i)&(#0*123;|#x0*7b;|lbrace;|lcub;)`)
)

// checkValues applies property 4.
func checkValues(t *testing.T, body []byte, out string, ds []*diag.Diagnostic) {
	t.Helper()
	text := html.UnescapeString(tagRE.ReplaceAllString(codeRE.ReplaceAllString(out, " "), " "))
	var found []string
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			break
		}
		i += j
		// Only what the author wrote as one reference counts: braces that
		// markup split from a name ("{{*A}}*" gives "{{<em>A}}</em>")
		// were never a reference, and are shown as written.
		if _, _, n, ok := markdown.ParseReference([]byte(text[i:])); ok && strings.Contains(string(body), text[i:i+n]) {
			found = append(found, text[i:i+n])
		}
		i++
	}
	if len(found) == 0 {
		return
	}
	escapes := strings.Count(string(body), "\\{") + len(braceEntityRE.FindAllIndex(body, -1))
	if len(found) <= escapes {
		return
	}
	for _, d := range ds {
		if d.Severity == diag.Error && d.Rule == "unknown_variable" {
			return
		}
	}
	t.Errorf("%d value reference(s) %q published as written, with %d author escape(s) and no unknown_variable error\ninput: %q\noutput:\n%s", len(found), found, escapes, body, out)
}
