package search

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAnalyzer checks that an Analyzer that analyses documents one after
// another makes of each what a new Analyzer makes of it: while it remembers
// the words of the documents before, and after it has forgotten them.
func TestAnalyzer(t *testing.T) {
	docs := append(append(realisticDocs(t, 100, 7), oddDocs()...), sampleDocs()...)
	docs = append(docs, docs[:20]...) // again, with every word known
	for _, limit := range []int{0, 1, 300} {
		z := Analyzer{limit: limit}
		for i, d := range docs {
			if got, want := z.Analyze(d), Analyze(d); !reflect.DeepEqual(got, want) {
				t.Fatalf("limit %d: document %d (%s) analysed after others differs from alone", limit, i, d.URL)
			}
		}
		for _, g := range testGlossary() {
			if got, want := z.glossary(g), glossaryAnalyzed(g); !reflect.DeepEqual(got, want) {
				t.Fatalf("limit %d: glossary entry %s analysed after documents differs from alone", limit, g.Term)
			}
		}
		if limit > 0 && z.words.n > limit+2000 {
			t.Errorf("limit %d: the Analyzer remembers %d words", limit, z.words.n)
		}
	}
}

// TestTermsOf checks that termsOf, which takes most words straight from
// the text, cuts text into the terms that Terms does.
func TestTermsOf(t *testing.T) {
	texts := []string{"", "a", "ab", "a b", "Don't stop", "don’t", "Ünïcödé café", "x\u0301y", "ǅemal", "\xff\xfeab", "ab\xffcd", "İstanbul", "ß æ œ", "1,000 items", "PSP's PSPs"}
	for _, v := range readVectors(t).Terms {
		texts = append(texts, v.Text)
	}
	texts = append(texts, randomTexts(2000, 1)...)
	var z Analyzer
	for _, text := range texts {
		checkTermsOf(t, &z, text)
	}
}

func FuzzTermsOf(f *testing.F) {
	for _, s := range append(cleanTexts(), randomTexts(20, 5)...) {
		f.Add(s)
	}
	var z Analyzer
	f.Fuzz(func(t *testing.T, text string) { checkTermsOf(t, &z, text) })
}

// checkTermsOf checks the terms that z.termsOf finds in text.
func checkTermsOf(t *testing.T, z *Analyzer, text string) {
	z.start()
	var got []string
	for _, i := range z.termsOf(text) {
		got = append(got, z.terms[z.page[i]])
	}
	if want := Terms(text); !slices.Equal(got, want) {
		t.Errorf("terms of %q = %q, want %q", text, got, want)
	}
}

// TestWordTable checks that words whose keys are the same, as long words'
// hashes may be, and as a short word's may be a long word's hash, are
// told apart, and that the table finds every word as it grows.
func TestWordTable(t *testing.T) {
	var wt wordTable
	if _, ok := wt.get("word", shortKey("word")); ok {
		t.Fatal("the empty table has a word")
	}
	same := shortKey("ab")
	for i, w := range []string{"long word one", "long word two", "ab"} {
		wt.add(w, same, int32(i))
	}
	for i, w := range []string{"long word one", "long word two", "ab", "long word six"} {
		id, ok := wt.get(w, same)
		if want := i < 3; ok != want || ok && id != int32(i) {
			t.Errorf("get(%q) = %d, %v; want %d, %v", w, id, ok, i, want)
		}
	}
	for i := range 5000 {
		w := strings.Repeat("x", i%12+2) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		key := shortKey(w)
		if len(w) > 8 {
			key = longKey(w)
		}
		if _, ok := wt.get(w, key); ok {
			t.Fatalf("%q is there before it is added", w)
		}
		wt.add(w, key, int32(i))
		if id, ok := wt.get(w, key); !ok || id != int32(i) {
			t.Fatalf("get(%q) = %d, %v after add", w, id, ok)
		}
	}
	if wt.n != 5003 || len(wt.slots) < 2*wt.n {
		t.Errorf("%d words in %d slots", wt.n, len(wt.slots))
	}
}

// TestClean checks clean and cleanStart against refClean.
func TestClean(t *testing.T) {
	for _, s := range append(cleanTexts(), randomTexts(1000, 2)...) {
		checkClean(t, s)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range cleanTexts() {
		f.Add(s)
	}
	f.Fuzz(checkClean)
}

// cleanTexts are strings with white space of every kind, and bytes that
// are not UTF-8.
func cleanTexts() []string {
	return []string{
		"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b", "a\tb", "a\nb", " a b c ", "a \n b",
		"a\u00a0b", "a\u0085b", "\u2028", "a\u3000b", "a\u200bb", "a\u1680\u2000\u200a\u2029\u202f\u205fb",
		"\xc2", "\xc2\xa0x", "\xc2\x85", "x\xc2 y", "\xe2\x80", "\xe2\x80 \xa8", "caf\xc3 \xe2\x82 words\xffwords déjà vu",
		"ab cd  ef", "ab cd\u00a0ef gh", "— en – dash —", "ĳ\u0301 x",
	}
}

// checkClean checks clean(s), and cleanStart(s, n) for n up to twice
// snippetChars.
func checkClean(t *testing.T, s string) {
	want := refClean(s)
	if got := clean(s); got != want {
		t.Fatalf("clean(%q) = %q, want %q", s, got, want)
	}
	for n := range 2 * snippetChars {
		// The first n characters of want, as []rune counts them.
		end, k := 0, 0
		for k < n && end < len(want) {
			_, size := utf8.DecodeRuneInString(want[end:])
			end += size
			k++
		}
		if got := cleanStart(s, n); got != want[:end] {
			t.Fatalf("cleanStart(%q, %d) = %q, want %q", s, n, got, want[:end])
		}
	}
}

// TestSnippetStart checks snippet against refSnippet, and that a snippet
// depends only on the first snippetChars characters of the text.
func TestSnippetStart(t *testing.T) {
	for _, s := range append(cleanTexts(), randomTexts(5000, 3)...) {
		checkSnippet(t, s)
	}
}

func FuzzSnippet(f *testing.F) {
	for _, s := range append(cleanTexts(), randomTexts(20, 4)...) {
		f.Add(s)
	}
	f.Fuzz(checkSnippet)
}

// checkSnippet checks the snippet of s, as Analyze makes it, and of s as
// it is.
func checkSnippet(t *testing.T, s string) {
	if got, want := snippet(s), refSnippet(s); got != want {
		t.Fatalf("snippet(%q) = %q, want %q", s, got, want)
	}
	text := prefix(s, 4*SnippetLength)
	if got, want := snippet(cleanStart(text, snippetChars)), refSnippet(refClean(text)); got != want {
		t.Fatalf("snippet of the start of %q = %q, want %q", s, got, want)
	}
}

// randomTexts returns n texts of words, sentences of every length, white
// space, letters that are not ASCII and bytes that are not UTF-8.
func randomTexts(n int, seed uint64) []string {
	pieces := []string{"a", "Word", "word", "PSP's", "don’t", "é", "ß", "\U00010428", ".", ". ", "?", "! ", ",", " ", " ", " ", "  ", "\n", "\u00a0", "\u2028", "—", "\xff", "\xe2\x80", "1", "meetings", "organisation"}
	rng := rand.New(rand.NewPCG(seed, 0x7e575))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts[i] = b.String()
	}
	return texts
}

// BenchmarkAnalyze1000 is the analysis of the pages of a build: 1,000
// pages, one after another, with one Analyzer, as a worker of a build
// analyses its share. "handbook" are handbookgen's pages, whose words are
// few; "realistic" have the long tail of words of realisticDocs too.
func BenchmarkAnalyze1000(b *testing.B) {
	for _, name := range []string{"handbook", "realistic"} {
		b.Run(name, func(b *testing.B) {
			docs := generatedDocs(b, 1000, 1)
			if name == "realistic" {
				docs = realisticDocs(b, 1000, 1)
			}
			for b.Loop() {
				var z Analyzer
				for _, d := range docs {
					z.Analyze(d)
				}
			}
		})
	}
}

// glossaryAnalyzed analyses a glossary entry with an Analyzer of its own.
func glossaryAnalyzed(g GlossaryEntry) *Analyzed {
	var z Analyzer
	return z.glossary(g)
}
