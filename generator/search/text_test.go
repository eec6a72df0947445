package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected stems and terms in testdata/stems.json from the Go code")

// stemsFile is the shared test vectors of the text rules: the Go tests here
// and the browser test of search.js read it.
const stemsFile = "testdata/stems.json"

// vectors is the content of stemsFile.
type vectors struct {
	// Stems are [word, stem] pairs.
	Stems [][2]string `json:"stems"`
	// Terms are texts and the terms that Terms returns for them.
	Terms []termVector `json:"terms"`
}

type termVector struct {
	Text  string   `json:"text"`
	Terms []string `json:"terms"`
}

func readVectors(t testing.TB) vectors {
	t.Helper()
	raw, err := os.ReadFile(stemsFile)
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", stemsFile, err)
	}
	if len(v.Stems) == 0 || len(v.Terms) == 0 {
		t.Fatalf("%s has no vectors", stemsFile)
	}
	return v
}

// TestVectors checks Stem and Terms against the shared vectors. With
// -update it rewrites the expected values instead, for review in the diff.
func TestVectors(t *testing.T) {
	v := readVectors(t)
	if *update {
		for i := range v.Stems {
			v.Stems[i][1] = Stem(v.Stems[i][0])
		}
		for i := range v.Terms {
			v.Terms[i].Terms = Terms(v.Terms[i].Text)
		}
		if err := os.WriteFile(stemsFile, formatVectors(v), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, s := range v.Stems {
		if got := Stem(s[0]); got != s[1] {
			t.Errorf("Stem(%q) = %q, want %q", s[0], got, s[1])
		}
	}
	for _, tv := range v.Terms {
		got := Terms(tv.Text)
		if len(got) == 0 && len(tv.Terms) == 0 {
			continue
		}
		if !slices.Equal(got, tv.Terms) {
			t.Errorf("Terms(%q) =\n%q, want\n%q", tv.Text, got, tv.Terms)
		}
	}
}

// formatVectors writes one vector a line, so that a change reads well in a
// diff.
func formatVectors(v vectors) []byte {
	var b bytes.Buffer
	line := func(x any) string {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			panic(err)
		}
		return string(bytes.TrimSpace(buf.Bytes()))
	}
	b.WriteString("{\n\"stems\": [\n")
	for i, s := range v.Stems {
		fmt.Fprintf(&b, "  %s%s\n", line(s), comma(i, len(v.Stems)))
	}
	b.WriteString("],\n\"terms\": [\n")
	for i, tv := range v.Terms {
		if tv.Terms == nil {
			tv.Terms = []string{}
		}
		fmt.Fprintf(&b, "  %s%s\n", line(tv), comma(i, len(v.Terms)))
	}
	b.WriteString("]\n}\n")
	return b.Bytes()
}

func comma(i, n int) string {
	if i < n-1 {
		return ","
	}
	return ""
}

func TestStemShortAndNonASCII(t *testing.T) {
	for _, w := range []string{"", "a", "nhs", "ftsu", "2024", "covid19", "привет"} {
		if w == "ftsu" {
			continue // four letters: stemmed like any word, and has no ending
		}
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it unchanged", w, got)
		}
	}
}

func TestTermsDropsStopWordsAndFolds(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"the and of to a in is", nil},
		{"Don’t", []string{"dont"}},
		{"don't", []string{"dont"}},
		{"PSP", []string{"psp"}},
		{"FTSU Guardian", []string{"ftsu", "guardian"}},
		{"Café", []string{"cafe"}},
		{"Committees", []string{"committe"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
