package strictyaml

import (
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

type page struct {
	Title  string         `yaml:"title"`
	Weight int            `yaml:"weight"`
	Tags   []string       `yaml:"tags"`
	Extra  map[string]any `yaml:",extra"`
}

type strict struct {
	Name  string  `yaml:"name"`
	Ratio float64 `yaml:"ratio"`
	On    bool    `yaml:"on"`
	Inner *struct {
		Value int `yaml:"value"`
	} `yaml:"inner"`
}

func decode(t *testing.T, src string, v any) error {
	t.Helper()
	d := &Decoder{Path: "f.yaml", LineOffset: 1}
	n, err := d.Parse([]byte(src))
	if err != nil {
		return err
	}
	return d.Decode(n, v)
}

func TestDecodeStrict(t *testing.T) {
	var s strict
	err := decode(t, "name: x\nratio: 1.5\non: yes\ninner:\n  value: 3\n", &s)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "x" || s.Ratio != 1.5 || !s.On || s.Inner == nil || s.Inner.Value != 3 {
		t.Errorf("got %+v", s)
	}
}

func TestDecodeErrorsHavePositions(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"nmae: x\n", `f.yaml:2:1: unknown key "nmae" (did you mean "name"?)`},
		{"ratio: lots\n", `f.yaml:2:8: want a number, got "lots"`},
		{"on: maybe\n", `f.yaml:2:5: want true or false, got "maybe"`},
		{"inner: [1]\n", `f.yaml:2:8: want a set of key: value pairs, got a list`},
		{"inner:\n  value: x\n", `f.yaml:3:10: want a whole number, got "x"`},
		{"name: a\nname: b\n", `f.yaml:3:1: duplicate key "name" (first given on line 2)`},
		{"name: [unclosed\n", `f.yaml:`},
	}
	for _, tt := range tests {
		var s strict
		err := decode(t, tt.src, &s)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestExtraKeysKept(t *testing.T) {
	var p page
	var unknown []string
	d := &Decoder{Path: "p.md", Unknown: func(k *yaml.Node, known []string) { unknown = append(unknown, k.Value) }}
	n, err := d.Parse([]byte("title: T\ncolour: red\nnested: {a: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Decode(n, &p); err != nil {
		t.Fatal(err)
	}
	if p.Extra["colour"] != "red" || p.Extra["nested"].(map[string]any)["a"] != 1 {
		t.Errorf("extra = %#v", p.Extra)
	}
	if strings.Join(unknown, ",") != "colour,nested" {
		t.Errorf("unknown = %v", unknown)
	}
}

func TestAliasBombRefusedQuickly(t *testing.T) {
	src := "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		src += name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 10), ",") + "]\n"
		prev = name
	}
	start := time.Now()
	var p page
	err := decode(t, src, &p)
	if err == nil || !strings.Contains(err.Error(), "too many aliases") {
		t.Fatalf("err = %v, want a too-many-aliases error", err)
	}
	// Not a timing assertion on the happy path: a bomb that was expanded
	// would take minutes and gigabytes, so a generous bound only catches
	// that regression.
	if time.Since(start) > 10*time.Second {
		t.Errorf("refusing the bomb took %v", time.Since(start))
	}
}

func TestMergeKeys(t *testing.T) {
	var s strict
	if err := decode(t, "base: &b {name: x, ratio: 2}\n", &struct {
		Base strict `yaml:"base"`
	}{}); err != nil {
		t.Fatal(err)
	}
	type wrap struct {
		Base  strict `yaml:"base"`
		Other strict `yaml:"other"`
	}
	var w wrap
	if err := decode(t, "base: &b {name: x, ratio: 2}\nother:\n  <<: *b\n  name: y\n", &w); err != nil {
		t.Fatal(err)
	}
	if w.Other.Name != "y" || w.Other.Ratio != 2 {
		t.Errorf("merged = %+v", w.Other)
	}
	_ = s
}
