package search

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/internal/slug"
)

// decoded is an index read back from the bytes of Index, for tests.
type decoded struct {
	FirstGlossary int        `json:"g"`
	Pages         [][]string `json:"p"`
	TermList      string     `json:"t"`
	Postings      []string   `json:"i"`

	terms []string
	start []int // first section of each page, and the number of sections
}

type posting struct{ n, flags int }

// decode parses the script that Index returns.
func decode(t testing.TB, script []byte) *decoded {
	t.Helper()
	const prefix, suffix = "window.handbookSearchIndex=", ";\n"
	if !bytes.HasPrefix(script, []byte(prefix)) || !bytes.HasSuffix(script, []byte(suffix)) {
		t.Fatalf("index script does not have the form %s{…}%s: %.80q", prefix, suffix, script)
	}
	var d decoded
	dec := json.NewDecoder(bytes.NewReader(script[len(prefix) : len(script)-len(suffix)]))
	dec.DisallowUnknownFields()
	var raw struct {
		V int `json:"v"`
		decoded
	}
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("index JSON: %v", err)
	}
	if raw.V != 1 {
		t.Fatalf("version %d, want 1", raw.V)
	}
	d = raw.decoded
	if d.TermList != "" {
		d.terms = strings.Split(d.TermList, " ")
	}
	if len(d.terms) != len(d.Postings) {
		t.Fatalf("%d terms and %d postings", len(d.terms), len(d.Postings))
	}
	if !slices.IsSortedFunc(d.terms, compareUTF16) {
		t.Fatal("terms are not sorted")
	}
	n := 0
	for _, p := range d.Pages {
		if len(p) < 2 || (len(p)-2)%3 != 0 {
			t.Fatalf("page %q has %d strings", p, len(p))
		}
		for i := 2; i < len(p); i += 3 {
			if p[i] == "" && p[i+1] != "" {
				p[i] = slug.Make(p[i+1]) // as search.js does
			}
		}
		d.start = append(d.start, n)
		n += (len(p) - 2) / 3
	}
	d.start = append(d.start, n)
	return &d
}

// lists decodes the postings of a term: sections and pages.
func (d *decoded) lists(t testing.TB, term string) (secs, pages []posting) {
	t.Helper()
	i, ok := slices.BinarySearchFunc(d.terms, term, compareUTF16)
	if !ok {
		return nil, nil
	}
	secPart, pagePart, _ := strings.Cut(d.Postings[i], ".")
	return decodeList(t, secPart, 2), decodeList(t, pagePart, 1)
}

func decodeList(t testing.TB, s string, shift uint) []posting {
	var out []posting
	prev := -1
	n, place := 0, 0
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(alphabet, s[i])
		if v < 0 {
			t.Fatalf("postings %q: %q is not in the alphabet", s, s[i])
		}
		n |= (v & 31) << place
		place += 5
		if v&32 != 0 {
			continue
		}
		prev += n>>shift + 1
		out = append(out, posting{prev, n & (1<<shift - 1)})
		n, place = 0, 0
	}
	if place != 0 {
		t.Fatalf("postings %q end inside a number", s)
	}
	return out
}

// pageOf returns the page of section s.
func (d *decoded) pageOf(s int) int {
	i, _ := slices.BinarySearch(d.start, s+1)
	return i - 1
}

// score ranks pages for a query of whole words with the weights of
// search.js: a Go sketch of its ranking, to check that the index carries
// what the ranking needs. The browser test checks search.js itself.
func (d *decoded) score(t testing.TB, query string) []int {
	wClass := [4]float64{1, 1.5, 2, 6}
	const wTitle, wGlossary = 12, 4
	nSec := d.start[len(d.start)-1]
	page := map[int]float64{}
	sec := map[int]float64{}
	for _, term := range Terms(query) {
		secs, pages := d.lists(t, term)
		idf := math.Log(1 + float64(nSec)/float64(len(secs)+len(pages)))
		for _, p := range secs {
			sec[p.n] += idf * wClass[p.flags]
		}
		for _, p := range pages {
			w := wTitle
			if p.flags == kindGlossary {
				w = wGlossary
			}
			page[p.n] += idf * float64(w)
		}
	}
	best := map[int]float64{}
	for s, v := range sec {
		p := d.pageOf(s)
		best[p] = max(best[p], v)
	}
	total := map[int]float64{}
	for p, v := range page {
		total[p] += v
		// A title that is all query words gets the title weight again.
		if title := Terms(d.Pages[p][1]); len(title) > 0 && !slices.ContainsFunc(title, func(s string) bool {
			return !slices.Contains(Terms(query), s)
		}) {
			total[p] += wTitle
		}
	}
	for p, v := range best {
		total[p] += v
	}
	var ranked []int
	for p := range total {
		ranked = append(ranked, p)
	}
	slices.SortFunc(ranked, func(a, b int) int {
		if total[a] != total[b] {
			if total[a] > total[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	return ranked
}

func sampleDocs() []Doc {
	return []Doc{
		{
			URL:   "",
			Title: "Start here",
			Sections: []Section{
				{Text: "Welcome to the handbook. You will sit on a committee after your induction."},
			},
		},
		{
			URL:   "about-the-role/other-things/",
			Title: "Other things",
			Headings: []Heading{
				{Level: 2, ID: "before-you-start", Text: "Before you start"},
			},
			Sections: []Section{
				{Text: "Some notes."},
				{ID: "before-you-start", Text: "Read the papers of the committees you join. Committees meet monthly."},
			},
		},
		{
			URL:   "about-the-role/committees/",
			Title: "Committees",
			Headings: []Heading{
				{Level: 2, ID: "how-meetings-work", Text: "How meetings work"},
				{Level: 3, ID: "papers", Text: "Papers"},
			},
			Sections: []Section{
				{Text: "You will join 2 groups."},
				{ID: "how-meetings-work", Text: "Meetings last about an hour."},
				{ID: "papers", Text: "Papers come a week before. Don’t share them."},
			},
			Terms: []string{"Terms of reference", "PSP"},
		},
	}
}

func TestIndexDeterministic(t *testing.T) {
	docs := generatedDocs(t, 60, 3)
	first := Index(docs, Options{Glossary: testGlossary()})
	for range 3 {
		if again := Index(docs, Options{Glossary: testGlossary()}); !bytes.Equal(first, again) {
			t.Fatal("two indexes of the same docs differ")
		}
	}
	if !strings.HasPrefix(string(first), "window.handbookSearchIndex={") {
		t.Errorf("index starts %.40q", first)
	}
}

func TestIndexFormat(t *testing.T) {
	d := decode(t, Index(sampleDocs(), Options{Glossary: testGlossary()}))
	if d.FirstGlossary != 3 || len(d.Pages) != 6 {
		t.Fatalf("g = %d, %d pages; want 3 and 6", d.FirstGlossary, len(d.Pages))
	}
	want := []string{"about-the-role/committees/", "Committees",
		"", "", "You will join 2 groups.",
		"how-meetings-work", "How meetings work", "Meetings last about an hour.",
		"papers", "Papers", "Papers come a week before. Don’t share them."}
	if !slices.Equal(d.Pages[2], want) {
		t.Errorf("page 2 =\n%q, want\n%q", d.Pages[2], want)
	}
	wantGloss := []string{"glossary/", "PSP", "term-psp", "Patient Safety Partner",
		"A patient, carer or member of the public who helps the trust improve patient safety."}
	if !slices.Equal(d.Pages[4], wantGloss) {
		t.Errorf("glossary entry =\n%q, want\n%q", d.Pages[4], wantGloss)
	}
	// Stop words are not indexed; acronyms and folded apostrophes are.
	for _, w := range []string{"the", "of", "and", "you"} {
		if slices.Contains(d.terms, w) {
			t.Errorf("stop word %q is indexed", w)
		}
	}
	for _, w := range []string{"dont", "psp", "ftsu", "committe"} {
		if !slices.Contains(d.terms, w) {
			t.Errorf("term %q is not indexed", w)
		}
	}
	// "committe": in the text of section 0 (once), of section 2 (twice) and
	// of the definition of "Terms of reference" (section 8); in the title of
	// page 2.
	secs, pages := d.lists(t, "committe")
	if want := []posting{{0, 0}, {2, 1}, {8, 0}}; !slices.Equal(secs, want) {
		t.Errorf("sections of committe = %v, want %v", secs, want)
	}
	if want := []posting{{2, kindTitle}}; !slices.Equal(pages, want) {
		t.Errorf("pages of committe = %v, want %v", pages, want)
	}
	// Headings: class 3.
	secs, _ = d.lists(t, "paper")
	if !slices.Contains(secs, posting{5, classHeading}) {
		t.Errorf("sections of paper = %v, want the heading of section 5", secs)
	}
	// Glossary terms the page uses: kind 1.
	_, pages = d.lists(t, "psp")
	if !slices.Contains(pages, posting{2, kindGlossary}) || !slices.Contains(pages, posting{4, kindTitle}) {
		t.Errorf("pages of psp = %v, want glossary term of page 2 and title of entry 4", pages)
	}
}

func TestIndexRanking(t *testing.T) {
	docs := append(generatedDocs(t, 40, 7), sampleDocs()...)
	docs = append(docs,
		Doc{URL: "complaints/", Title: "Complaints", Sections: []Section{
			{Text: "If you are not happy with our answer, you can ask the ombudsman. The ombudsman is independent."},
			{ID: "time-limits", Heading: "Time limits", Text: "Contact the ombudsman within 12 months."},
		}},
		Doc{URL: "ombudsman/", Title: "The Health Service Ombudsman", Sections: []Section{
			{Text: "An independent body that looks at complaints."},
		}},
	)
	d := decode(t, Index(docs, Options{Glossary: testGlossary()}))
	urlOf := func(p int) string { return d.Pages[p][0] + " (" + d.Pages[p][1] + ")" }
	tests := []struct {
		query, want string
	}{
		{"committees", "about-the-role/committees/ (Committees)"},
		{"committee", "about-the-role/committees/ (Committees)"},
		{"ombudsman", "ombudsman/ (The Health Service Ombudsman)"},
		{"FTSU", "glossary/ (FTSU)"},
		{"freedom to speak up", "glossary/ (FTSU)"},
	}
	for _, tt := range tests {
		ranked := d.score(t, tt.query)
		if len(ranked) == 0 {
			t.Errorf("%q: no results", tt.query)
			continue
		}
		if got := urlOf(ranked[0]); got != tt.want {
			t.Errorf("%q: first result %s, want %s", tt.query, got, tt.want)
		}
	}
}

func TestIndexEmptyAndOdd(t *testing.T) {
	d := decode(t, Index(nil, Options{}))
	if len(d.Pages) != 0 || len(d.terms) != 0 {
		t.Errorf("empty index has %d pages and %d terms", len(d.Pages), len(d.terms))
	}
	odd := []Doc{{
		URL:   "odd/",
		Title: "Quotes \" and </script>",
		Sections: []Section{
			{Text: ""}, // no text before the first heading: left out
			{ID: "h", Text: "</script><script>alert(1)</script>\u2028"},
			{ID: "from-headings"},
		},
		Headings: []Heading{{Level: 2, ID: "h", Text: "H"}, {Level: 3, ID: "from-headings", Text: "Only a heading"}},
	}}
	script := Index(odd, Options{})
	if bytes.Contains(script, []byte("</script>")) || bytes.Contains(script, []byte("\u2028")) {
		t.Errorf("index holds </script> or U+2028 unescaped: %s", script)
	}
	d = decode(t, script)
	want := []string{"odd/", "Quotes \" and </script>", "h", "H", "</script><script>alert(1)</script>", "from-headings", "Only a heading", ""}
	if !slices.Equal(d.Pages[0], want) {
		t.Errorf("page =\n%q, want\n%q", d.Pages[0], want)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 60)
	s := snippet(strings.TrimSpace(long))
	if n := len([]rune(s)); n > SnippetLength+1 || !strings.HasSuffix(s, "word…") {
		t.Errorf("snippet = %q (%d characters)", s, n)
	}
	if s := snippet("Short text."); s != "Short text." {
		t.Errorf("snippet of short text = %q", s)
	}
}

func TestIndexSize1000(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-page index")
	}
	docs := generatedDocs(t, 1000, 1)
	script := Index(docs, Options{Glossary: testGlossary()})
	t.Logf("1,000 pages: %d bytes (%.2f MB)", len(script), float64(len(script))/1e6)
	if len(script) > 2_000_000 {
		t.Errorf("1,000-page index is %d bytes, want under 2 MB", len(script))
	}
}

func BenchmarkIndex1000(b *testing.B) {
	docs := generatedDocs(b, 1000, 1)
	opts := Options{Glossary: testGlossary()}
	var size int
	for b.Loop() {
		size = len(Index(docs, opts))
	}
	b.ReportMetric(float64(size), "bytes/index")
}

// TestIndexClasses checks the class of a term in a section's text: 0 once,
// 1 twice, 2 three times or more.
func TestIndexClasses(t *testing.T) {
	doc := Doc{URL: "a/", Title: "A", Sections: []Section{
		{Text: "Budget."},
		{ID: "two", Heading: "Two", Text: "Budget and budget."},
		{ID: "three", Heading: "Three", Text: "Budget, budget, budget."},
		{ID: "four", Heading: "Four", Text: "Budget budget budget budget."},
	}}
	d := decode(t, Index([]Doc{doc}, Options{}))
	secs, _ := d.lists(t, "budget")
	if want := []posting{{0, 0}, {1, 1}, {2, 2}, {3, 2}}; !slices.Equal(secs, want) {
		t.Errorf("sections of budget = %v, want %v", secs, want)
	}
}
