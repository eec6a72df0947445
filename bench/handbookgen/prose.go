package handbookgen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Word limits of a page body, counted by countWords.
const (
	minWords = 400
	maxWords = 1500
)

// link is a planned link from one page to another, or to one of its
// headings.
type link struct {
	to     *page
	anchor *heading // nil to link to the page itself
}

// features are the optional blocks a page carries.
type features struct {
	table, quote, alert, tasks bool
	image                      *imageRef
	external                   [][2]string
}

// imageRef is an image a page shows, with the path written in the link.
type imageRef struct {
	href string
	alt  string
}

// render returns the whole Markdown file of p.
func (g *generator) render(p *page) []byte {
	r := p.rng
	links := g.chooseLinks(p)
	f := features{
		table: r.Float64() < 0.5,
		quote: r.Float64() < 1.0/3,
		alert: r.Float64() < 0.125,
		tasks: r.Float64() < 0.1,
	}
	if r.Float64() < 0.2 {
		f.image = g.chooseImage(p)
	}
	nExt := 0
	switch x := r.Float64(); {
	case x < 0.2:
		nExt = 2
	case x < 0.55:
		nExt = 1
	}
	for _, i := range r.Perm(len(externalLinks))[:nExt] {
		f.external = append(f.external, externalLinks[i])
	}

	var body string
	for attempt := 0; ; attempt++ {
		var words int
		body, words = writeBody(p, links, f)
		if words >= minWords && words <= maxWords {
			break
		}
		if attempt == 20 {
			panic(fmt.Sprintf("handbookgen: page %s has %d words after %d attempts", p.path(), words, attempt))
		}
	}

	var b strings.Builder
	b.Grow(len(body) + 400)
	b.WriteString("---\n")
	b.WriteString("title: " + p.title + "\n")
	b.WriteString("description: " + upperFirst(strings.ReplaceAll(pick(r, descriptionForms), "%s", p.topic)) + "\n")
	b.WriteString("weight: " + strconv.Itoa(p.weight) + "\n")
	b.WriteString("audience: [" + strings.Join(pickAudience(r), ", ") + "]\n")
	b.WriteString("owner: " + pick(r, owners) + "\n")
	approved := time.Date(2024, 1, 1+r.IntN(912), 0, 0, 0, 0, time.UTC) // to 2026-06-30
	b.WriteString("approved_on: " + approved.Format(time.DateOnly) + "\n")
	b.WriteString("review_by: " + approved.AddDate(5, r.IntN(7), 0).Format(time.DateOnly) + "\n")
	b.WriteString("---\n\n")
	b.WriteString(body)
	return []byte(b.String())
}

// pickAudience returns a non-empty subset of psp, staff and manager.
func pickAudience(r *rand.Rand) []string {
	all := []string{"psp", "staff", "manager"}
	mask := 1 + r.IntN(7)
	var out []string
	for i, a := range all {
		if mask&(1<<i) != 0 {
			out = append(out, a)
		}
	}
	return out
}

// chooseLinks picks p.links distinct other pages, mostly near p in the
// tree, about a quarter of them to a heading.
func (g *generator) chooseLinks(p *page) []link {
	r := p.rng
	s := p.sec
	var local []*page
	if p == s.index {
		local = append(local, s.pages...)
		for _, sub := range s.subs {
			local = append(local, sub.index)
		}
		if s.parent != nil {
			local = append(local, s.parent.index)
			for _, sib := range s.parent.subs {
				local = append(local, sib.index)
			}
		}
	} else {
		local = append(local, s.index)
		local = append(local, s.pages...)
		for _, sub := range s.subs {
			local = append(local, sub.index)
		}
		if s.parent != nil {
			local = append(local, s.parent.index)
		}
	}

	taken := map[*page]bool{p: true}
	var out []*page
	for tries := 0; len(out) < p.links && tries < 200; tries++ {
		var t *page
		if len(local) > 0 && r.Float64() < 0.65 {
			t = pick(r, local)
		} else {
			t = pick(r, g.pages)
		}
		if !taken[t] {
			taken[t] = true
			out = append(out, t)
		}
	}
	for i, start := 0, r.IntN(len(g.pages)); len(out) < p.links; i++ {
		if t := g.pages[(start+i)%len(g.pages)]; !taken[t] {
			taken[t] = true
			out = append(out, t)
		}
	}

	links := make([]link, len(out))
	for i, t := range out {
		links[i].to = t
		if r.Float64() < 0.25 {
			hs := t.headings
			if t.related > 0 {
				hs = hs[:len(hs)-1] // not "Related pages"
			}
			links[i].anchor = &hs[r.IntN(len(hs))]
		}
	}
	return links
}

// href is the relative link from p to l's target.
func (l link) href(from *page) string {
	h := relPath(from.sec.dir, l.to.path())
	if l.anchor != nil {
		h += "#" + l.anchor.id
	}
	return h
}

// relPath returns the slash path to target (relative to content/) from
// the folder fromDir (relative to content/).
func relPath(fromDir, target string) string {
	var from []string
	if fromDir != "" {
		from = strings.Split(fromDir, "/")
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// bodyWriter accumulates one page body and its word count.
type bodyWriter struct {
	p     *page
	r     *rand.Rand
	b     strings.Builder
	words int
	used  map[int]bool // sentence templates used on this page (lookup only)
	prose bool         // the last block was a paragraph
}

// block appends one Markdown block.
func (w *bodyWriter) block(s string) {
	w.prose = false
	if w.b.Len() > 0 {
		w.b.WriteString("\n")
	}
	w.b.WriteString(s)
	w.b.WriteString("\n")
	w.words += countWords(s)
}

// writeBody writes the Markdown after the front matter and returns it with its
// word count.
func writeBody(p *page, links []link, f features) (string, int) {
	r := p.rng
	w := &bodyWriter{p: p, r: r, used: map[int]bool{}}
	w.b.Grow(p.target * 8)

	heads := p.headings
	inline := links[:len(links)-p.related]
	related := links[len(links)-p.related:]
	if p.related > 0 {
		heads = heads[:len(heads)-1]
	}
	units := len(heads) + 1 // the introduction, then one per heading

	// Give every link and feature a unit to appear in.
	type unitPlan struct {
		links    []link
		external [][2]string
		extras   []func()
	}
	plan := make([]unitPlan, units)
	for _, l := range inline {
		u := r.IntN(units)
		plan[u].links = append(plan[u].links, l)
	}
	for _, e := range f.external {
		u := r.IntN(units)
		plan[u].external = append(plan[u].external, e)
	}
	// Tables and task lists come after the first heading when there is one.
	later := func() int {
		if units == 1 {
			return 0
		}
		return 1 + r.IntN(units-1)
	}
	if f.table {
		u := later()
		plan[u].extras = append(plan[u].extras, func() { w.table() })
	}
	if f.quote {
		u := r.IntN(units)
		plan[u].extras = append(plan[u].extras, func() { w.quote() })
	}
	if f.alert {
		u := r.IntN(units)
		plan[u].extras = append(plan[u].extras, func() { w.alert() })
	}
	if f.tasks {
		u := later()
		plan[u].extras = append(plan[u].extras, func() { w.tasks() })
	}
	if img := f.image; img != nil {
		u := r.IntN(units)
		plan[u].extras = append(plan[u].extras, func() {
			w.block(pick(r, imageLeads))
			w.block("![" + img.alt + "](" + img.href + ")")
		})
	}

	reserve := 0
	if len(related) > 0 {
		reserve = 8 + 10*len(related)
	}
	ceiling := maxWords - reserve - 40
	// The introduction is shorter than the sections after it.
	weight := func(u int) float64 {
		if u == 0 {
			return 0.5
		}
		return 1
	}
	for u := range units {
		if u > 0 {
			h := heads[u-1]
			w.block(strings.Repeat("#", h.level) + " " + h.text)
		}
		left := 0.0
		for v := u; v < units; v++ {
			left += weight(v)
		}
		goal := w.words + int(float64(p.target-reserve-w.words)*weight(u)/left)
		pending := plan[u].links
		ext := plan[u].external
		// The first block after a heading is always a paragraph.
		pending, ext = w.paragraph(pending, ext)
		for _, extra := range plan[u].extras {
			extra()
		}
		for w.words < goal {
			before := w.b.Len()
			words := w.words
			// Lists follow prose, never another list.
			switch x := r.Float64(); {
			case x < 0.55 || !w.prose:
				pending, ext = w.paragraph(pending, ext)
			case x < 0.85:
				w.bullets()
			default:
				w.steps()
			}
			if w.words > ceiling {
				// Take the block back and stop this unit.
				s := w.b.String()[:before]
				w.b.Reset()
				w.b.WriteString(s)
				w.words = words
				break
			}
		}
		for len(pending) > 0 || len(ext) > 0 {
			pending, ext = w.paragraph(pending, ext)
		}
	}
	if len(related) > 0 {
		w.block("## " + relatedHeading)
		var items []string
		for _, l := range related {
			if l.anchor != nil {
				items = append(items, "- ["+l.anchor.text+"]("+l.href(p)+") in "+l.to.title)
			} else {
				items = append(items, "- ["+l.to.title+"]("+l.href(p)+")")
			}
		}
		w.block(strings.Join(items, "\n"))
	}
	return w.b.String(), w.words
}

// paragraph writes 2 to 4 sentences, plus a sentence for each of up to two
// pending links and one external link, and returns the links left over.
func (w *bodyWriter) paragraph(pending []link, ext [][2]string) ([]link, [][2]string) {
	r := w.r
	n := 2 + r.IntN(3)
	var out []string
	for range n {
		out = append(out, w.sentence())
	}
	insert := func(s string) {
		i := r.IntN(len(out) + 1)
		out = append(out[:i], append([]string{s}, out[i:]...)...)
	}
	for k := 0; k < 2 && len(pending) > 0; k++ {
		l := pending[0]
		pending = pending[1:]
		if l.anchor != nil {
			s := pick(r, anchorSentences)
			s = strings.ReplaceAll(s, "{L}", "["+lowerFirst(l.anchor.text)+"]("+l.href(w.p)+")")
			s = strings.ReplaceAll(s, "{TITLE}", l.to.title)
			insert(upperFirst(s))
		} else {
			s := pick(r, linkSentences)
			insert(upperFirst(strings.ReplaceAll(s, "{L}", "["+l.to.title+"]("+l.href(w.p)+")")))
		}
	}
	if len(ext) > 0 {
		e := ext[0]
		ext = ext[1:]
		insert(strings.ReplaceAll(pick(r, externalSentences), "{L}", "["+e[0]+"]("+e[1]+")"))
	}
	w.block(strings.Join(out, " "))
	w.prose = true
	return pending, ext
}

// sentence returns one filled sentence, avoiding templates already used
// on the page where it can.
func (w *bodyWriter) sentence() string {
	r := w.r
	if r.Float64() < 0.02 {
		return w.fill(pick(r, codeSentences), true)
	}
	i := r.IntN(len(sentences))
	for tries := 0; w.used[i] && tries < 4; tries++ {
		i = r.IntN(len(sentences))
	}
	w.used[i] = true
	return w.fill(sentences[i], true)
}

// fill replaces the slots of a template and, if capital, capitalises the
// first letter.
func (w *bodyWriter) fill(t string, capital bool) string {
	r := w.r
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		name := t[i+1 : i+j]
		t = t[i+j+1:]
		switch name {
		case "T":
			topic := w.p.topic
			if r.Float64() < 0.2 {
				topic = w.p.sec.topic
			}
			if r.Float64() < 0.03 {
				topic = "**" + topic + "**"
			}
			b.WriteString(topic)
		case "P":
			b.WriteString(pick(r, people))
		case "G":
			b.WriteString(pick(r, groups))
		case "W":
			b.WriteString(pick(r, whens))
		case "F":
			b.WriteString(pick(r, frequencies))
		case "X":
			b.WriteString(pick(r, audiencesText))
		case "D":
			b.WriteString(pick(r, docs))
		case "N":
			b.WriteString(strconv.Itoa(pick(r, []int{2, 3, 4, 5, 6, 8, 10, 12})))
		case "M":
			b.WriteString(strconv.Itoa(2 + r.IntN(2)))
		case "DUR":
			b.WriteString(pick(r, durations))
		case "C":
			b.WriteString(pick(r, codeNames))
		default:
			panic("handbookgen: unknown slot {" + name + "}")
		}
	}
	s := b.String()
	if capital {
		s = capitalise(s)
	}
	return s
}

// capitalise upper-cases the first letter, skipping any leading markup.
func capitalise(s string) string {
	for i, c := range s {
		if unicode.IsLetter(c) {
			return s[:i] + string(unicode.ToUpper(c)) + s[i+len(string(c)):]
		}
	}
	return s
}

// bullets writes a lead-in and a bulleted list that reads on from it.
func (w *bodyWriter) bullets() {
	r := w.r
	var items []string
	if r.Float64() < 0.15 {
		for _, i := range r.Perm(len(keyedItems))[:3+r.IntN(3)] {
			items = append(items, "- "+w.fill(keyedItems[i], false))
		}
		w.block("In short:")
	} else {
		for _, i := range r.Perm(len(bulletItems))[:3+r.IntN(4)] {
			items = append(items, "- "+w.fill(bulletItems[i], false))
		}
		w.block(w.fill(pick(r, listLeads), true) + ":")
	}
	w.block(strings.Join(items, "\n"))
}

// steps writes a lead-in and a numbered list.
func (w *bodyWriter) steps() {
	r := w.r
	n := 3 + r.IntN(4)
	var items []string
	for k, i := range r.Perm(len(steps))[:n] {
		items = append(items, strconv.Itoa(k+1)+". "+w.fill(steps[i], true))
	}
	w.block(strings.ReplaceAll(pick(r, stepLeads), "%d", strconv.Itoa(n)) + ":")
	w.block(strings.Join(items, "\n"))
}

// tasks writes a lead-in and a task list.
func (w *bodyWriter) tasks() {
	r := w.r
	var items []string
	for _, i := range r.Perm(len(tasks))[:3+r.IntN(4)] {
		items = append(items, "- [ ] "+w.fill(tasks[i], true))
	}
	w.block(pick(r, taskLeads) + ".")
	w.block(strings.Join(items, "\n"))
}

// quote writes a blockquote with who said it.
func (w *bodyWriter) quote() {
	r := w.r
	w.block("> " + pick(r, quotes) + "\n>\n> — " + pick(r, quoteSources))
}

// alert writes a GitHub alert.
func (w *bodyWriter) alert() {
	r := w.r
	w.block("> [!" + pick(r, alertKinds) + "]\n> " + w.fill(pick(r, alertTexts), true))
}

// table writes a lead-in and a table with a header row.
func (w *bodyWriter) table() {
	r := w.r
	n := 3 + r.IntN(3)
	var rows [][]string
	switch r.IntN(5) {
	case 0:
		rows = append(rows, []string{"Role", "What they do"})
		duties := r.Perm(len(roleDuties))
		for k, i := range r.Perm(len(people))[:n] {
			rows = append(rows, []string{capitalise(people[i]), roleDuties[duties[k]]})
		}
	case 1:
		rows = append(rows, []string{"Meeting", "How often", "Chair"})
		for _, i := range r.Perm(len(groups))[:n] {
			rows = append(rows, []string{strings.TrimPrefix(groups[i], "the "), capitalise(pick(r, frequencies)), pick(r, owners)})
		}
	case 2:
		rows = append(rows, []string{"Document", "Owner", "Review"})
		for _, i := range r.Perm(len(docs))[:n] {
			rows = append(rows, []string{capitalise(strings.TrimPrefix(docs[i], "the ")), pick(r, owners), pick(r, reviewCycles)})
		}
	case 3:
		rows = append(rows, []string{"Step", "Who", "By when"})
		for _, i := range r.Perm(len(stepNames))[:n] {
			rows = append(rows, []string{stepNames[i], capitalise(pick(r, people)), pick(r, stepTimes)})
		}
	default:
		rows = append(rows, []string{"Term", "What it means"})
		for _, i := range r.Perm(len(terms))[:n] {
			rows = append(rows, terms[i][:])
		}
	}
	var b strings.Builder
	for k, row := range rows {
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
		if k == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", len(row)) + "\n")
		}
	}
	w.block(pick(r, tableLeads))
	w.block(strings.TrimSuffix(b.String(), "\n"))
}

// countWords counts the whitespace-separated tokens of s that hold at
// least one letter or digit, so Markdown punctuation such as "|", "-" and
// ">" is not counted.
func countWords(s string) int {
	n := 0
	inWord, hasAlnum := false, false
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c >= utf8.RuneSelf && unicode.IsSpace(c) {
			if inWord && hasAlnum {
				n++
			}
			inWord, hasAlnum = false, false
			continue
		}
		inWord = true
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			hasAlnum = true
		}
	}
	if inWord && hasAlnum {
		n++
	}
	return n
}
