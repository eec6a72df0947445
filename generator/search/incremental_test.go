package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// realisticDocs are the pages of a handbook from handbookgen, with the
// vocabulary of a real one: handbookgen writes from a few hundred words,
// and a real handbook of 1,000 pages has some 30,000 terms, most of them
// rare (names, places, numbers, codes). Each section gets words drawn from
// a long vocabulary by Zipf's law, a few of them outside ASCII; each page
// uses some glossary terms.
func realisticDocs(tb testing.TB, pages int, seed int64) []Doc {
	tb.Helper()
	docs := generatedDocs(tb, pages, seed)
	vocabulary := vocabulary()
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	zipf := rand.NewZipf(rng, 1.05, 4, uint64(len(vocabulary)-1))
	gloss := testGlossary()
	for i := range docs {
		d := &docs[i]
		for j := range d.Sections {
			var extra strings.Builder
			for range 4 + rng.IntN(28) {
				extra.WriteString(" ")
				extra.WriteString(vocabulary[zipf.Uint64()])
			}
			d.Sections[j].Text += extra.String() + "."
		}
		for _, g := range gloss {
			if rng.IntN(3) == 0 {
				d.Terms = append(d.Terms, g.Term)
			}
		}
	}
	return docs
}

// vocabulary is the long tail of realisticDocs: made-up words, numbers
// and codes, and words in other scripts, among them letters whose order in
// UTF-16 is not their order as characters (past U+FFFF, and from U+E000).
var vocabulary = sync.OnceValue(func() []string {
	const n = 100000
	rng := rand.New(rand.NewPCG(1, 2))
	const (
		onsets = "b c d f g h j k l m n p r s t v w z br cl dr fl gr pl st th sh ch"
		nuclei = "a e i o u ai ea ee oo ou ie"
		codas  = " n r s t l m nd rt st ck ng"
	)
	on, nu, co := strings.Fields(onsets), strings.Fields(nuclei), strings.Split(codas, " ")
	scripts := []string{"é", "ø", "ß", "α", "ж", "日本", "ｆ", "\U0001D4B6", "\U00010428", "\uFB01"}
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var w string
		switch r := rng.IntN(20); {
		case r < 2:
			w = strconv.Itoa(rng.IntN(20000))
		case r < 3:
			w = fmt.Sprintf("%c%c%d", 'A'+rng.IntN(26), 'A'+rng.IntN(26), rng.IntN(100))
		default:
			var b strings.Builder
			for range 1 + rng.IntN(3) {
				b.WriteString(on[rng.IntN(len(on))] + nu[rng.IntN(len(nu))] + co[rng.IntN(len(co))])
			}
			if r == 3 {
				b.WriteString(scripts[rng.IntN(len(scripts))])
			}
			if r == 4 {
				w = scripts[rng.IntN(len(scripts))] + b.String()
			} else {
				w = b.String()
			}
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
})

// oddDocs are pages at the edges of the format: no sections, a section of
// a heading only, text to escape, letters outside the Basic Multilingual
// Plane, invalid UTF-8.
func oddDocs() []Doc {
	return []Doc{
		{URL: "empty/", Title: ""},
		{URL: "title-only/", Title: "Only a title"},
		{URL: "odd/", Title: "Quotes \" and </script> & Q&A", Sections: []Section{
			{Text: ""},
			{ID: "h", Text: "</script><script>alert(1)</script>\u2028 \U00010428\U00010429 \uFF41\uFF42 ａｂ"},
			{ID: "from-headings"},
		}, Headings: []Heading{{Level: 2, ID: "h", Text: "H"}, {Level: 3, ID: "from-headings", Text: "Only a heading"}}},
		{URL: "bad/", Title: "Bad \xff bytes", Sections: []Section{{Text: "caf\xc3 \xe2\x82 words\xffwords déjà vu"}}, Terms: []string{"PSP", "nope"}},
		{URL: "repeat/", Title: "Committee committee", Sections: []Section{
			{Text: "Committee committee committees meeting meetings meet."},
			{ID: "committee", Heading: "Committee", Text: "Committee."},
		}},
	}
}

func TestCompareUTF16(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	pieces := []string{"a", "b", "z", "A", "é", "\u00ff", "\u0100", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "\U00010000", "\U00010428", "\U0010FFFF", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", " ", "0"}
	random := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 200000 {
		a, b := random(), random()
		if got, want := compareUTF16(a, b), refCompareUTF16(a, b); got != want {
			t.Fatalf("compareUTF16(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
}

// TestFindNumbers checks skipNumbers and numberStart, which read eight
// bytes at a time, against reading one byte at a time.
func TestFindNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var list []int32
		prev := int32(-1)
		for range rng.IntN(40) {
			prev += 1 + int32(rng.ExpFloat64()*float64(1+rng.IntN(5000)))
			list = append(list, prev<<2|int32(rng.IntN(4)))
		}
		// As in a term's writing: quotes, and pages after a dot.
		enc := appendList([]byte{'"'}, list, 2)
		end := len(enc)
		enc = append(appendList(append(enc, '.'), list, 1), '"')
		var ends []int // where each number ends
		for i := 1; i < end; i++ {
			if strings.IndexByte(alphabet[:32], enc[i]) >= 0 {
				ends = append(ends, i+1)
			}
		}
		if len(ends) != len(list) {
			t.Fatalf("%d numbers in %q, want %d", len(ends), enc[:end], len(list))
		}
		for i := range len(list) + 1 {
			start := 1
			if i > 0 {
				start = ends[i-1]
			}
			if got := numberStart(enc, 1, end, len(list), i); got != start {
				t.Fatalf("numberStart(%q, %d) = %d, want %d", enc[:end], i, got, start)
			}
			for n := range len(list) - i + 1 {
				want := start
				if n > 0 {
					want = ends[i+n-1]
				}
				if got := skipNumbers(enc, start, n); got != want {
					t.Fatalf("skipNumbers(%q, %d, %d) = %d, want %d", enc[:end], start, n, got, want)
				}
			}
		}
	}
}

// TestBuilderMatchesReference checks Builder, which groups each page's
// postings by term and writes its entry when the page is analysed, against
// the plain way of referenceIndex.
func TestBuilderMatchesReference(t *testing.T) {
	pages := 300
	if testing.Short() {
		pages = 60
	}
	sets := map[string][]Doc{
		"sample":    sampleDocs(),
		"odd":       oddDocs(),
		"none":      nil,
		"realistic": append(realisticDocs(t, pages, 3), oddDocs()...),
	}
	glossaries := map[string][]GlossaryEntry{
		"none":  nil,
		"test":  testGlossary(),
		"twice": append(testGlossary(), testGlossary()...),
		"odd": {{Term: "Q&A", Expansion: "Questions </script>", Definition: "", URL: "glossary/", Anchor: "q-a"},
			{Term: "\U00010428", Definition: "A letter past U+FFFF.", URL: "glossary/", Anchor: "questions-script"}},
	}
	for name, docs := range sets {
		for gname, g := range glossaries {
			opts := Options{Glossary: g}
			want := referenceIndex(docs, opts)
			if got := Index(docs, opts); !bytes.Equal(got, want) {
				t.Errorf("%s docs, %s glossary: Index differs from the reference at byte %d", name, gname, firstDiff(got, want))
			}
		}
	}
}

// firstDiff returns the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// diffContext describes where a and b differ, for a test failure.
func diffContext(a, b []byte) string {
	i := firstDiff(a, b)
	lo := max(0, i-60)
	return fmt.Sprintf("at byte %d of %d and %d:\n  got  …%q…\n  want …%q…", i, len(a), len(b), a[lo:min(len(a), i+60)], b[lo:min(len(b), i+60)])
}

// builderIndex is the index of docs and opts built from scratch.
func builderIndex(docs []*Analyzed, opts Options) []byte {
	b := NewBuilder()
	for _, a := range docs {
		b.Add(a)
	}
	return b.Index(opts)
}

// checkState checks that x keeps no more than the index it made last:
// the documents of its items, the terms of those, and only the glossary
// entries of the call.
func checkState(t *testing.T, x *Incremental, glossary int) {
	t.Helper()
	docs := map[*docState]bool{}
	for _, it := range x.items {
		docs[it.doc] = true
		if x.docs[it.doc.a] != it.doc {
			t.Fatal("an item's document is not in docs")
		}
	}
	if len(docs) != len(x.docs) {
		t.Fatalf("%d documents kept for %d in the index", len(x.docs), len(docs))
	}
	if len(x.gloss) > glossary {
		t.Fatalf("%d glossary entries kept for %d", len(x.gloss), glossary)
	}
	if len(x.ids) != len(x.order) || len(x.terms)-len(x.free) != len(x.ids) {
		t.Fatalf("%d terms named, %d in the index, %d kept and %d free", len(x.ids), len(x.order), len(x.terms), len(x.free))
	}
	for _, id := range x.order {
		if tm := x.terms[id]; !tm.present || tm.refs == 0 || len(tm.sections)+len(tm.pages) == 0 ||
			tm.add != -1 || tm.dirty || tm.stale {
			t.Fatalf("term %q in the index: present %v, refs %d, %d postings", tm.name, tm.present, tm.refs, len(tm.sections)+len(tm.pages))
		}
	}
	if len(x.touched) > 0 || len(x.dirty) > 0 || len(x.born) > 0 || len(x.gone) > 0 || len(x.drop) > 0 || len(x.edits) > 0 || len(x.moves) > 0 {
		t.Fatal("scratch space not cleared")
	}
	for _, a := range x.adds {
		if len(a.sections)+len(a.pages) > 0 {
			t.Fatal("postings to add left over")
		}
	}
}

// editor makes the changes of TestIncrementalRandom: new versions of
// pages and of the glossary.
type editor struct {
	rng  *rand.Rand
	next int // for words no page had before
}

// fresh returns a word no page had before: a term that enters the index,
// and leaves it when the page changes again.
func (e *editor) fresh() string {
	e.next++
	return "fresh" + strconv.Itoa(e.next) + "q"
}

// edit returns a new version of d, with a change of one of several kinds.
func (e *editor) edit(d Doc) Doc {
	d.Sections = slices.Clone(d.Sections)
	d.Headings = slices.Clone(d.Headings)
	d.Terms = slices.Clone(d.Terms)
	r := e.rng
	pick := func() int { return r.IntN(len(d.Sections)) }
	switch k := r.IntN(10); {
	case k < 3 && len(d.Sections) > 0: // text, same sections, new words
		i := pick()
		d.Sections[i].Text += " " + e.fresh() + " " + vocabulary()[r.IntN(len(vocabulary()))] + " patient safety."
	case k < 4 && len(d.Sections) > 0: // text cut: words may leave the index
		i := pick()
		if w := strings.Fields(d.Sections[i].Text); len(w) > 1 {
			d.Sections[i].Text = strings.Join(w[:r.IntN(len(w))], " ")
		}
	case k < 5: // a heading more: one section more
		h := "New heading " + e.fresh()
		s := Section{ID: "new-" + strconv.Itoa(e.next), Heading: h, Text: "Text of " + h + "."}
		at := r.IntN(len(d.Sections) + 1)
		d.Sections = slices.Insert(d.Sections, at, s)
	case k < 6 && len(d.Sections) > 0: // a section less
		i := pick()
		d.Sections = slices.Delete(d.Sections, i, i+1)
	case k < 7: // the title
		d.Title = "Title " + e.fresh() + " " + vocabulary()[r.IntN(len(vocabulary()))]
	case k < 8: // the glossary terms it uses
		if len(d.Terms) > 0 && r.IntN(2) == 0 {
			d.Terms = d.Terms[1:]
		} else {
			d.Terms = append(d.Terms, testGlossary()[r.IntN(3)].Term, "Word "+e.fresh())
		}
	case k < 9: // no text at all: no sections
		d.Sections = nil
	default: // the same text, analysed again
	}
	return d
}

// editGlossary returns a changed copy of g.
func (e *editor) editGlossary(g []GlossaryEntry) []GlossaryEntry {
	g = slices.Clone(g)
	r := e.rng
	switch k := r.IntN(6); {
	case k == 0 || len(g) == 0:
		w := e.fresh()
		g = slices.Insert(g, r.IntN(len(g)+1), GlossaryEntry{Term: "T" + w, Expansion: "Expansion " + w, Definition: "Defines " + w + " for committees.", URL: "glossary/", Anchor: "term-" + w})
	case k == 1:
		g = slices.Delete(g, 0, 1)
	case k == 2:
		i := r.IntN(len(g))
		g[i].Definition += " Also " + e.fresh() + "."
	case k == 3:
		g = append(g, g[r.IntN(len(g))]) // an entry twice
	case k == 4:
		i, j := r.IntN(len(g)), r.IntN(len(g))
		g[i], g[j] = g[j], g[i]
	default:
		g = nil
	}
	return g
}

// TestIncrementalRandom drives an Incremental through a long, random but
// fixed sequence of changes, and checks each index against a Builder's of
// the same documents and, now and then, against referenceIndex of the
// documents' text. It does so as Incremental chooses between patching the
// postings and making them again, and forcing each way.
func TestIncrementalRandom(t *testing.T) {
	pages, steps := 100, 1000
	if testing.Short() {
		pages, steps = 40, 240
	}
	for _, mode := range []struct {
		name   string
		budget int
	}{{"choice", 0}, {"patch", 1 << 30}, {"rebuild", -1}} {
		t.Run(mode.name, func(t *testing.T) {
			n := steps
			if mode.budget != 0 {
				n /= 2
			}
			testIncrementalRandom(t, pages, n, mode.budget)
		})
	}
}

func testIncrementalRandom(t *testing.T, pages, steps, budget int) {
	base := append(realisticDocs(t, pages, 5), oddDocs()...)
	spare := realisticDocs(t, 40, 6) // pages to insert
	e := &editor{rng: rand.New(rand.NewPCG(42, 1))}
	r := e.rng

	docs := slices.Clone(base)
	analyzed := make([]*Analyzed, len(docs))
	for i, d := range docs {
		analyzed[i] = Analyze(d)
	}
	glossary := testGlossary()
	x := NewIncremental()
	x.budget = budget
	var prev []byte
	kinds := map[string]int{}
	for step := range steps {
		op := "none"
		switch k := r.IntN(100); {
		case k < 50 && len(docs) > 0: // the common case: one page changes
			op = "edit"
			i := r.IntN(len(docs))
			docs[i] = e.edit(docs[i])
			analyzed[i] = Analyze(docs[i])
		case k < 55 && len(docs) > 0: // a few pages change
			op = "edit-few"
			for range 2 + r.IntN(4) {
				i := r.IntN(len(docs))
				docs[i] = e.edit(docs[i])
				analyzed[i] = Analyze(docs[i])
			}
		case k < 58: // many pages change
			op = "edit-many"
			for i := range docs {
				if r.IntN(3) == 0 {
					docs[i] = e.edit(docs[i])
					analyzed[i] = Analyze(docs[i])
				}
			}
		case k < 64 && len(docs) > 1: // two pages swap
			op = "swap"
			i, j := r.IntN(len(docs)), r.IntN(len(docs))
			docs[i], docs[j] = docs[j], docs[i]
			analyzed[i], analyzed[j] = analyzed[j], analyzed[i]
		case k < 67 && len(docs) > 1: // a page moves
			op = "move"
			i, j := r.IntN(len(docs)), r.IntN(len(docs)-1)
			d, a := docs[i], analyzed[i]
			docs, analyzed = slices.Delete(docs, i, i+1), slices.Delete(analyzed, i, i+1)
			docs, analyzed = slices.Insert(docs, j, d), slices.Insert(analyzed, j, a)
		case k < 72: // a page is added
			op = "insert"
			i := r.IntN(len(docs) + 1)
			d := spare[r.IntN(len(spare))]
			docs, analyzed = slices.Insert(docs, i, d), slices.Insert(analyzed, i, Analyze(d))
		case k < 77 && len(docs) > 0: // a page is removed
			op = "remove"
			i := r.IntN(len(docs))
			docs, analyzed = slices.Delete(docs, i, i+1), slices.Delete(analyzed, i, i+1)
		case k < 79 && len(docs) > 0: // the same analysis twice
			op = "duplicate"
			i, j := r.IntN(len(docs)), r.IntN(len(docs)+1)
			docs, analyzed = slices.Insert(docs, j, docs[i]), slices.Insert(analyzed, j, analyzed[i])
		case k < 87: // the glossary changes
			op = "glossary"
			glossary = e.editGlossary(glossary)
		case k < 88: // everything goes
			op = "clear"
			docs, analyzed = nil, nil
		case k < 90: // everything comes back
			op = "restore"
			docs = slices.Clone(base)
			analyzed = make([]*Analyzed, len(docs))
			for i, d := range docs {
				analyzed[i] = Analyze(d)
			}
		case k < 93: // a page changes and another is added
			op = "edit-insert"
			if len(docs) > 0 {
				i := r.IntN(len(docs))
				docs[i] = e.edit(docs[i])
				analyzed[i] = Analyze(docs[i])
			}
			d := spare[r.IntN(len(spare))]
			docs, analyzed = append(docs, d), append(analyzed, Analyze(d))
		}
		kinds[op]++
		opts := Options{Glossary: glossary}
		got := x.Index(analyzed, opts)
		want := builderIndex(analyzed, opts)
		if !bytes.Equal(got, want) {
			t.Fatalf("step %d (%s, %d pages, %d glossary entries): Incremental and Builder differ %s", step, op, len(docs), len(glossary), diffContext(got, want))
		}
		if step%25 == 0 {
			if ref := referenceIndex(docs, opts); !bytes.Equal(got, ref) {
				t.Fatalf("step %d (%s): Incremental and referenceIndex differ %s", step, op, diffContext(got, ref))
			}
		}
		checkState(t, x, len(glossary))
		if !bytes.Equal(got, prev) {
			kinds["changed the index"]++
		}
		prev = got
	}
	t.Logf("%d steps: %v", steps, kinds)
	// A test that seldom sees the index change could not catch stale
	// postings.
	if kinds["changed the index"] < steps*3/4 {
		t.Errorf("%d of %d steps changed the index", kinds["changed the index"], steps)
	}
}

// TestIncrementalEdges checks empty input, an index that empties and fills
// again, and the same documents twice in a row.
func TestIncrementalEdges(t *testing.T) {
	x := NewIncremental()
	docs := analyzeAll(append(sampleDocs(), oddDocs()...))
	steps := []struct {
		docs []*Analyzed
		opts Options
	}{
		{nil, Options{}},
		{nil, Options{Glossary: testGlossary()}},
		{docs, Options{Glossary: testGlossary()}},
		{docs, Options{Glossary: testGlossary()}},
		{docs[:0], Options{}},
		{docs[2:3], Options{}},
		{[]*Analyzed{docs[2], docs[2], docs[2]}, Options{Glossary: testGlossary()[:1]}},
		{docs, Options{}},
		{nil, Options{}},
	}
	for i, s := range steps {
		got := x.Index(s.docs, s.opts)
		if want := builderIndex(s.docs, s.opts); !bytes.Equal(got, want) {
			t.Errorf("step %d: Incremental and Builder differ %s", i, diffContext(got, want))
		}
		checkState(t, x, len(s.opts.Glossary))
	}
	var zero Incremental
	if got, want := zero.Index(docs, Options{}), builderIndex(docs, Options{}); !bytes.Equal(got, want) {
		t.Errorf("zero Incremental: differs from Builder %s", diffContext(got, want))
	}
}

// TestIncrementalResultOwned checks that the caller may keep, and change,
// what Index returns.
func TestIncrementalResultOwned(t *testing.T) {
	x := NewIncremental()
	docs := analyzeAll(sampleDocs())
	first := x.Index(docs, Options{})
	for i := range first {
		first[i] = 'x'
	}
	docs[1] = Analyze(sampleDocs()[0])
	x.Index(docs, Options{})
	second := x.Index(docs[:2], Options{})
	if want := builderIndex(docs[:2], Options{}); !bytes.Equal(second, want) {
		t.Errorf("after the caller wrote over a result: %s", diffContext(second, want))
	}
}

func analyzeAll(docs []Doc) []*Analyzed {
	out := make([]*Analyzed, len(docs))
	for i, d := range docs {
		out[i] = Analyze(d)
	}
	return out
}

// TestRealisticDocs checks that the benchmarks' handbook has the size of a
// real one.
func TestRealisticDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 1,000 pages")
	}
	d := decode(t, Index(realisticDocs(t, 1000, 1), Options{Glossary: testGlossary()}))
	outside := 0
	for _, term := range d.terms {
		if !utf8.ValidString(term) {
			t.Errorf("term %q is not UTF-8", term)
		}
		for _, r := range term {
			if r >= 0xE000 {
				outside++
				break
			}
		}
	}
	t.Logf("1,000 pages: %d terms, %d of them with characters from U+E000", len(d.terms), outside)
	if len(d.terms) < 25000 || outside == 0 {
		t.Errorf("%d terms, %d from U+E000: want a realistic vocabulary", len(d.terms), outside)
	}
}

// benchDocs are the 1,000 realistic pages of the benchmarks, analysed, and
// the glossary.
func benchDocs(b *testing.B) ([]Doc, []*Analyzed, Options) {
	docs := realisticDocs(b, 1000, 1)
	return docs, analyzeAll(docs), Options{Glossary: testGlossary()}
}

// BenchmarkIndex1000Builder is what a build does after analysing: a
// Builder assembles the index of 1,000 analysed pages from scratch. Compare
// BenchmarkIncrementalOneDoc.
func BenchmarkIndex1000Builder(b *testing.B) {
	_, analyzed, opts := benchDocs(b)
	var size int
	for b.Loop() {
		size = len(builderIndex(analyzed, opts))
	}
	b.ReportMetric(float64(size), "bytes/index")
}

// BenchmarkIncrementalOneDoc is what the preview does on a save: one page
// of 1,000 is analysed again and the index made again, from an Incremental
// that made it for the page as it was. The page alternates between two
// versions: "text" changes a sentence, which adds a term and keeps the
// sections; "heading" adds a heading, a section more, which moves the
// section numbers of every page after it.
func BenchmarkIncrementalOneDoc(b *testing.B) {
	docs, analyzed, opts := benchDocs(b)
	i := len(docs) / 2
	for _, kind := range []string{"text", "heading"} {
		b.Run(kind, func(b *testing.B) {
			d := docs[i]
			d.Sections = slices.Clone(d.Sections)
			switch kind {
			case "text":
				d.Sections[1].Text += " A new sentence with quixotically rare words."
			case "heading":
				d.Sections = append(d.Sections, Section{ID: "more", Heading: "More", Text: "A new section about rostering."})
			}
			versions := [2]*Analyzed{analyzed[i], Analyze(d)}
			docs := slices.Clone(analyzed)
			x := NewIncremental()
			x.Index(docs, opts)
			n := 0
			for b.Loop() {
				n++
				docs[i] = versions[n%2]
				x.Index(docs, opts)
			}
		})
	}
}

// BenchmarkIncrementalAddPage is a rarer save: a page is added, or taken
// away again, in the middle of 1,000.
func BenchmarkIncrementalAddPage(b *testing.B) {
	docs, analyzed, opts := benchDocs(b)
	extra := Analyze(docs[3])
	i := len(docs) / 2
	with := slices.Insert(slices.Clone(analyzed), i, extra)
	x := NewIncremental()
	x.Index(analyzed, opts)
	n := 0
	for b.Loop() {
		n++
		if n%2 == 1 {
			x.Index(with, opts)
		} else {
			x.Index(analyzed, opts)
		}
	}
}

// BenchmarkIncrementalManyDocs is a save that changes many pages at once,
// as a switch of git branch does: n pages of 1,000, spread out, change
// their text ("text") or get a section more ("heading"). Past a few pages
// Incremental builds the postings again rather than patch them.
func BenchmarkIncrementalManyDocs(b *testing.B) {
	docs, analyzed, opts := benchDocs(b)
	for _, c := range []struct {
		kind string
		n    int
	}{{"text", 30}, {"heading", 3}, {"heading", 100}} {
		b.Run(fmt.Sprintf("%s-%d", c.kind, c.n), func(b *testing.B) {
			changed := slices.Clone(analyzed)
			for j := range c.n {
				i := j * len(docs) / c.n
				d := docs[i]
				d.Sections = slices.Clone(d.Sections)
				if c.kind == "text" {
					d.Sections[0].Text += " Another sentence about rostering."
				} else {
					d.Sections = append(d.Sections, Section{ID: "more", Heading: "More", Text: "More about rostering."})
				}
				changed[i] = Analyze(d)
			}
			versions := [2][]*Analyzed{analyzed, changed}
			x := NewIncremental()
			x.Index(analyzed, opts)
			n := 0
			for b.Loop() {
				n++
				x.Index(versions[n%2], opts)
			}
		})
	}
}
