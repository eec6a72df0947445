package markdown

import (
	"testing"
)

func TestTextAndTables(t *testing.T) {
	r := New(Options{})
	src := "Intro text.\n\n## First\n\nA paragraph\nover two lines.\n\n- item one\n- item two\n\n| | |\n|-|-|\n| a | b |\n\n```\ncode is skipped\n```\n"
	res, err := r.Render(Page{Display: "p.md", Body: []byte(src), BodyLine: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := []TextBlock{
		{Text: "Intro text.", Line: 5, Col: 1},
		{Text: "A paragraph over two lines.", Heading: "first", Line: 9, Col: 1},
		{Text: "item one", Heading: "first", Line: 12, Col: 3},
		{Text: "item two", Heading: "first", Line: 13, Col: 3},
		{Text: "a", Heading: "first", Line: 17, Col: 3},
		{Text: "b", Heading: "first", Line: 17, Col: 7},
	}
	if len(res.Text) != len(want) {
		t.Fatalf("blocks = %+v", res.Text)
	}
	for i := range want {
		if res.Text[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, res.Text[i], want[i])
		}
	}
	if len(res.Tables) != 1 || !res.Tables[0].HeaderEmpty || res.Tables[0].Line != 15 {
		t.Errorf("tables = %+v", res.Tables)
	}
}
