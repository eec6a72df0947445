package handbookgen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
)

// Shape of the section tree.
const (
	maxDepth    = 3  // folders below content/
	minChildren = 3  // pages and subsections a section should have
	maxChildren = 20 // and at most; only the root may exceed it, for huge handbooks
	leafSection = 11 // typical number of children of a section without subsections
	minSubtree  = 1 + minChildren
)

// section is a folder under content/.
type section struct {
	dir    string // slash path relative to content/; "" for the root
	depth  int    // 0 for the root
	parent *section
	index  *page   // the section's _index.md
	pages  []*page // the section's other pages, in weight order
	subs   []*section
	topic  string // what the section is about, in lower case

	names  map[string]bool // file and folder names taken (lookup only)
	titles map[string]bool // lower-cased titles taken (lookup only)
	images []picture       // pictures in dir/images/, chosen on first use
}

// page is one Markdown file.
type page struct {
	id     int
	sec    *section // the folder holding the file
	file   string   // "name.md" or "_index.md"
	topic  string   // what the page is about, in lower case
	title  string
	weight int
	rng    *rand.Rand

	target   int       // words the body aims for
	headings []heading // every ## and ### heading, in order
	links    int       // links to other pages
	related  int       // how many of them go in the closing "Related pages" list
}

// heading is a ## or ### heading of a page.
type heading struct {
	level int
	text  string
	id    string
}

// path returns the page's path relative to content/.
func (p *page) path() string {
	if p.sec.dir == "" {
		return p.file
	}
	return p.sec.dir + "/" + p.file
}

// capacity returns the most Markdown files a folder at depth may hold
// while keeping every section within maxChildren children.
func capacity(depth int) int {
	c := 1 + maxChildren
	for d := maxDepth; d > depth; d-- {
		c = 1 + maxChildren*c
	}
	return c
}

// fill gives s the children that make its subtree hold budget Markdown
// files, its own _index.md included.
func (g *generator) fill(s *section, budget int) {
	kids := g.split(s.depth, budget-1)
	for i, b := range kids {
		weight := (i + 1) * 10
		if b == 1 {
			s.pages = append(s.pages, g.newLeaf(s, weight))
			continue
		}
		sub := g.newSection(s, weight)
		s.subs = append(s.subs, sub)
		g.fill(sub, b)
	}
}

// split shares r Markdown files among the children of a section at depth:
// a 1 is a page, anything larger a subsection's budget.
func (g *generator) split(depth, r int) []int {
	if r <= 0 {
		return nil
	}
	var kids []int
	if depth == maxDepth || r <= maxChildren {
		// A small section: pages only, or now and then one subsection.
		if depth < maxDepth && r >= 10 && g.rng.Float64() < 0.35 {
			b := minSubtree + g.rng.IntN(min(r-2, 12)-minSubtree+1)
			kids = append(ones(r-b), b)
		} else {
			kids = ones(r)
		}
	} else {
		// Aim for sections of about leafSection children at the bottom,
		// using as few levels as that needs.
		want := float64(r) / leafSection
		levels := 1
		for levels < maxDepth-depth && math.Pow(maxChildren, float64(levels)) < want {
			levels++
		}
		fanout := int(math.Round(math.Pow(want, 1/float64(levels)) * (0.8 + 0.4*g.rng.Float64())))
		fanout = max(5, min(maxChildren, fanout))

		capSub := capacity(depth + 1)
		p := 1 + g.rng.IntN(max(1, fanout*2/5))
		var f int
		for {
			f = max(fanout-p, ceilDiv(r-p, capSub))
			f = min(f, (r-p)/minSubtree)
			if p+f <= maxChildren || depth == 0 || p == 0 {
				break
			}
			p--
		}
		kids = append(ones(p), g.distribute(r-p, f, minSubtree, capSub)...)
	}
	g.rng.Shuffle(len(kids), func(i, j int) { kids[i], kids[j] = kids[j], kids[i] })
	return kids
}

// distribute splits total into n unequal parts, each between lo and hi.
func (g *generator) distribute(total, n, lo, hi int) []int {
	out := make([]int, n)
	w := make([]float64, n)
	var sum float64
	for i := range w {
		w[i] = 0.5 + g.rng.Float64()
		sum += w[i]
	}
	rem := total - n*lo
	given := 0
	for i := range out {
		add := min(int(float64(rem)*w[i]/sum), hi-lo)
		out[i] = lo + add
		given += add
	}
	for i, left := g.rng.IntN(n), rem-given; left > 0; i = (i + 1) % n {
		if out[i] < hi {
			out[i]++
			left--
		}
	}
	return out
}

func ones(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = 1
	}
	return s
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// newSection makes a subsection of parent, with its _index.md.
func (g *generator) newSection(parent *section, weight int) *section {
	var phrase string
	if parent.depth == 0 || g.rng.Float64() < 0.2 {
		phrase = g.uniqueName(parent, func() string { return pick(g.rng, areas) })
	} else {
		phrase = g.uniqueName(parent, func() string { return pick(g.rng, subjects) })
	}
	s := &section{
		dir:    joinDir(parent.dir, fileName(phrase)),
		depth:  parent.depth + 1,
		parent: parent,
		topic:  lowerPhrase(phrase),
		names:  map[string]bool{},
		titles: map[string]bool{},
	}
	title := g.uniqueTitle(parent, sentenceCase(phrase), nil)
	s.titles[strings.ToLower(title)] = true
	s.index = g.newPage(s, "_index.md", s.topic, title, weight)
	return s
}

// newLeaf makes a page of s other than its _index.md.
func (g *generator) newLeaf(s *section, weight int) *page {
	var topic string
	var forms []string // other ways to title the page
	phrase := g.uniqueName(s, func() string {
		switch x := g.rng.Float64(); {
		case x < 0.4:
			topic, forms = pick(g.rng, subjects), leafTitleForms
			return topic
		case x < 0.8:
			topic, forms = pick(g.rng, subjects), nil
			return topic + " " + pick(g.rng, docTypes)
		default:
			topic, forms = s.topic, nil
			return pick(g.rng, standaloneDocTypes)
		}
	})
	title := g.uniqueTitle(s, sentenceCase(phrase), forms)
	return g.newPage(s, fileName(phrase)+".md", lowerPhrase(topic), title, weight)
}

// uniqueName calls next until it returns a phrase whose file name is free
// in s, and claims it. After many clashes it combines subjects and
// document types, of which there are thousands.
func (g *generator) uniqueName(s *section, next func() string) string {
	ok := func(phrase string) bool {
		n := fileName(phrase)
		if s.names[n] || n == "images" || n == "index" || (s.parent != nil && n == lastSegment(s.dir)) {
			return false
		}
		s.names[n] = true
		return true
	}
	for range 50 {
		if phrase := next(); ok(phrase) {
			return phrase
		}
	}
	i, j := g.rng.IntN(len(subjects)), g.rng.IntN(len(docTypes))
	for k := 0; ; k++ {
		phrase := subjects[(i+k)%len(subjects)] + " " + docTypes[(j+k/len(subjects))%len(docTypes)]
		if ok(phrase) {
			return phrase
		}
	}
}

// uniqueTitle returns a title for a child of s that no other child has:
// base, or now and then base reworded by one of forms.
func (g *generator) uniqueTitle(s *section, base string, forms []string) string {
	try := func(t string) bool {
		k := strings.ToLower(t)
		if s.titles[k] {
			return false
		}
		s.titles[k] = true
		return true
	}
	if len(forms) > 0 && g.rng.Float64() < 0.35 {
		f := pick(g.rng, forms)
		t := strings.ReplaceAll(strings.ReplaceAll(f, "%S", base), "%s", lowerFirst(base))
		if try(t) {
			return t
		}
	}
	if try(base) {
		return base
	}
	for _, f := range forms {
		t := strings.ReplaceAll(strings.ReplaceAll(f, "%S", base), "%s", lowerFirst(base))
		if try(t) {
			return t
		}
	}
	for n := 2; ; n++ {
		if t := base + " (part " + strconv.Itoa(n) + ")"; try(t) {
			return t
		}
	}
}

// newPage registers a page and plans what its body will hold, so that
// other pages can link to its headings before it is written.
func (g *generator) newPage(s *section, file, topic, title string, weight int) *page {
	p := &page{
		id:     len(g.pages),
		sec:    s,
		file:   file,
		topic:  topic,
		title:  title,
		weight: weight,
	}
	p.rng = rand.New(rand.NewPCG(uint64(g.opts.Seed), uint64(p.id)+1))
	g.pages = append(g.pages, p)
	g.planPage(p)
	return p
}

// planPage picks the page's length, headings and number of links.
func (g *generator) planPage(p *page) {
	r := p.rng
	// More short pages than long ones, between 480 and 1,300 words.
	p.target = 480 + int(820*math.Pow(r.Float64(), 1.4))

	p.links = min(3+r.IntN(6), g.opts.Pages-1)
	if p.links > 0 && r.Float64() < 0.5 {
		p.related = 1 + r.IntN(p.links)
	}

	used := map[string]bool{}
	add := func(level int, text string) bool {
		id := slug(text)
		if used[id] || id == slug(relatedHeading) {
			return false
		}
		used[id] = true
		p.headings = append(p.headings, heading{level: level, text: text, id: id})
		return true
	}
	units := max(3, p.target/110) // blocks of prose between headings
	n2 := max(2, min(8, p.target/190+r.IntN(3)-1))
	for i := range n2 {
		for {
			var text string
			if r.Float64() < 0.3 {
				text = sentenceCase(strings.ReplaceAll(pick(r, topicHeadings), "%s", p.topic))
			} else {
				text = pick(r, headings2)
			}
			if add(2, text) {
				break
			}
		}
		if len(p.headings)+2 > units || i == 0 && r.Float64() < 0.5 {
			continue
		}
		if x := r.Float64(); x < 0.35 {
			n3 := 2 + r.IntN(2)
			for tries := 0; n3 > 0 && tries < 50; tries++ {
				if add(3, pick(r, headings3)) {
					n3--
				}
			}
		}
	}
	if p.related > 0 {
		p.headings = append(p.headings, heading{level: 2, text: relatedHeading, id: slug(relatedHeading)})
	}
}

// joinDir joins a folder and a name with a slash.
func joinDir(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

func lastSegment(dir string) string {
	return dir[strings.LastIndexByte(dir, '/')+1:]
}

// fileName turns a phrase into a file or folder name: lower-case words
// joined with hyphens.
func fileName(phrase string) string {
	return strings.ToLower(strings.Join(strings.Fields(phrase), "-"))
}

// lowerPhrase writes a phrase in lower case, keeping acronyms in capitals.
func lowerPhrase(phrase string) string {
	words := strings.Fields(strings.ToLower(phrase))
	for i, w := range words {
		if a, ok := acronyms[w]; ok {
			words[i] = a
		}
	}
	return strings.Join(words, " ")
}

// sentenceCase writes a phrase in sentence case: a capital first letter,
// acronyms in capitals and everything else in lower case.
func sentenceCase(phrase string) string {
	return upperFirst(lowerPhrase(phrase))
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// lowerFirst lower-cases the first letter unless the first word is an
// acronym.
func lowerFirst(s string) string {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' || (s[1] >= 'A' && s[1] <= 'Z') {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

// slug is the anchor rule: lower case, every run of characters other than
// letters and digits replaced by one hyphen, no hyphen at either end.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(c)
			continue
		}
		hyphen = true
	}
	return b.String()
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T {
	return list[r.IntN(len(list))]
}
