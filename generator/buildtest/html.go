package buildtest

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// Element is a start tag with its attributes.
type Element struct {
	Name  string
	Attrs map[string]string
}

// Page is an HTML file broken into what the checks need.
type Page struct {
	Elements []Element
	// Text is the text inside each element name, concatenated, for
	// <title> and <h1>.
	Text map[string][]string
	// InlineScripts counts <script> elements with content.
	InlineScripts int
	// StyleBlocks counts <style> elements.
	StyleBlocks int
}

// ParseHTML tokenises an HTML file with tdewolff's lexer.
func ParseHTML(b []byte) *Page {
	p := &Page{Text: map[string][]string{}}
	l := html.NewLexer(parse.NewInputBytes(b))
	var cur *Element
	var stack []string
	var text map[string]*strings.Builder = map[string]*strings.Builder{}
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			return p
		case html.StartTagToken:
			name := strings.ToLower(string(l.Text()))
			p.Elements = append(p.Elements, Element{Name: name, Attrs: map[string]string{}})
			cur = &p.Elements[len(p.Elements)-1]
			stack = append(stack, name)
			if name == "title" || name == "h1" || name == "script" {
				text[name] = &strings.Builder{}
			}
			if name == "style" {
				p.StyleBlocks++
			}
		case html.AttributeToken:
			if cur != nil {
				v := string(l.AttrVal())
				v = strings.Trim(v, `"'`)
				cur.Attrs[strings.ToLower(string(l.Text()))] = htmlUnescape(v)
			}
		case html.StartTagCloseToken, html.StartTagVoidToken:
			if cur != nil && slices.Contains([]string{"img", "link", "meta", "br", "hr", "input"}, cur.Name) {
				stack = stack[:len(stack)-1]
			}
			cur = nil
		case html.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			if b, ok := text[name]; ok {
				if name == "script" {
					if strings.TrimSpace(b.String()) != "" {
						p.InlineScripts++
					}
				} else {
					p.Text[name] = append(p.Text[name], strings.Join(strings.Fields(b.String()), " "))
				}
				delete(text, name)
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name {
					stack = stack[:i]
					break
				}
			}
		case html.TextToken:
			for _, b := range text {
				b.Write(data)
			}
		}
	}
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&quot;", `"`, "&#39;", "'")
	return r.Replace(s)
}

// Find returns the elements named name.
func (p *Page) Find(name string) []Element {
	var out []Element
	for _, e := range p.Elements {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

// LinkProblems walks every href and src of every HTML file in files and
// returns what is wrong: internal targets that are not in files, internal
// links that start with "/" (which break under a sub-path), and
// sub-resources (stylesheets, scripts, images) that come from another
// host. Links to other sites (<a href="https://…">) are allowed. URLs that
// start with baseURL (when not empty) are taken as paths from the site
// root, as the 404 page writes them.
func LinkProblems(files map[string][]byte, baseURL string) []string {
	var problems []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		if path.Ext(name) != ".html" {
			continue
		}
		page := ParseHTML(files[name])
		base := path.Dir(name)
		for _, el := range page.Elements {
			for _, attr := range []string{"href", "src", "action", "poster", "data"} {
				v, ok := el.Attrs[attr]
				if !ok {
					continue
				}
				dir := base
				if baseURL != "" && strings.HasPrefix(v, baseURL) {
					v, dir = strings.TrimPrefix(v, baseURL), "."
					if v == "" {
						v = "./"
					}
				}
				if msg := checkRef(files, name, dir, el.Name, attr, v); msg != "" {
					problems = append(problems, msg)
				}
			}
			if srcset, ok := el.Attrs["srcset"]; ok {
				problems = append(problems, fmt.Sprintf("%s: <%s srcset=%q> is not checked; avoid srcset", name, el.Name, srcset))
			}
		}
	}
	return problems
}

func checkRef(files map[string][]byte, name, base, tag, attr, v string) string {
	u, err := url.Parse(v)
	if err != nil {
		return fmt.Sprintf("%s: <%s %s=%q> is not a valid URL", name, tag, attr, v)
	}
	if u.Scheme != "" || strings.HasPrefix(v, "//") {
		if tag == "a" {
			return ""
		}
		return fmt.Sprintf("%s: <%s %s=%q> loads from another host", name, tag, attr, v)
	}
	if strings.HasPrefix(v, "/") {
		return fmt.Sprintf("%s: <%s %s=%q> starts with / and breaks under a sub-path", name, tag, attr, v)
	}
	if u.Path == "" {
		if u.Fragment != "" && tag == "a" {
			if !hasID(files[name], u.Fragment) {
				return fmt.Sprintf("%s: <a href=%q>: no element with that id", name, v)
			}
		}
		return ""
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		p = u.Path
	}
	target := path.Join(base, p)
	if strings.HasSuffix(p, "/") || target == "." {
		target = strings.TrimPrefix(path.Join(target, "index.html"), "./")
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		return fmt.Sprintf("%s: <%s %s=%q> points outside the site", name, tag, attr, v)
	}
	body, ok := files[target]
	if !ok {
		return fmt.Sprintf("%s: <%s %s=%q>: no file %s", name, tag, attr, v, target)
	}
	if u.Fragment != "" && tag == "a" && !hasID(body, u.Fragment) {
		return fmt.Sprintf("%s: <a href=%q>: %s has no element with id %q", name, v, target, u.Fragment)
	}
	return ""
}

func hasID(body []byte, id string) bool {
	return bytes.Contains(body, []byte(`id="`+id+`"`)) || bytes.Contains(body, []byte(`id=`+id+`>`)) || bytes.Contains(body, []byte(`id=`+id+` `))
}

// StructureProblems checks the output contract of every HTML page except
// the ones named in skip: one <h1>, <html lang>, a title "Page – Site", a
// skip link, header/nav/main/footer landmarks, and nothing that a strict
// Content-Security-Policy would block (inline scripts, event handlers,
// style attributes or <style> blocks).
func StructureProblems(files map[string][]byte, siteTitle string) []string {
	var problems []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		if path.Ext(name) != ".html" {
			continue
		}
		p := ParseHTML(files[name])
		bad := func(format string, args ...any) {
			problems = append(problems, name+": "+fmt.Sprintf(format, args...))
		}
		if n := len(p.Find("h1")); n != 1 {
			bad("%d <h1> elements, want 1", n)
		}
		if h := p.Find("html"); len(h) != 1 || h[0].Attrs["lang"] == "" {
			bad("<html> has no lang")
		}
		titles := p.Text["title"]
		if len(titles) != 1 || !strings.HasSuffix(titles[0], " – "+siteTitle) || strings.TrimSuffix(titles[0], " – "+siteTitle) == "" {
			bad("<title> %q is not of the form \"Page – %s\"", titles, siteTitle)
		}
		skip := false
		for _, a := range p.Find("a") {
			if a.Attrs["href"] == "#main-content" {
				skip = true
			}
		}
		if !skip {
			bad("no skip link to #main-content")
		}
		for _, landmark := range []string{"header", "nav", "main", "footer"} {
			if len(p.Find(landmark)) == 0 {
				bad("no <%s> landmark", landmark)
			}
		}
		if mains := p.Find("main"); len(mains) != 1 || mains[0].Attrs["id"] != "main-content" {
			bad("want one <main id=\"main-content\">")
		}
		if p.InlineScripts > 0 {
			bad("%d inline scripts", p.InlineScripts)
		}
		if p.StyleBlocks > 0 {
			bad("%d <style> blocks", p.StyleBlocks)
		}
		for _, el := range p.Elements {
			for attr := range el.Attrs {
				if attr == "style" || strings.HasPrefix(attr, "on") {
					bad("<%s %s=…> breaks the Content-Security-Policy", el.Name, attr)
				}
			}
			if el.Name == "script" && el.Attrs["src"] == "" {
				bad("<script> without src")
			}
		}
	}
	return problems
}
