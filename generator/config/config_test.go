package config

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/internal/strictyaml"
	"go.yaml.in/yaml/v3"
)

func TestReferenceLoads(t *testing.T) {
	c, err := Parse("handbook.yaml", Reference)
	if err != nil {
		t.Fatalf("reference.yaml: %v", err)
	}
	if c.Trust.Name != "Example Hospitals NHS Foundation Trust" {
		t.Errorf("trust.name = %q", c.Trust.Name)
	}
	if got := c.Payment.FullDay.String(); got != "£150" {
		t.Errorf("payment.full_day = %s, want £150", got)
	}
	if len(c.Committees) != 2 || c.Committees[0].PSPSeats != 2 {
		t.Errorf("committees = %+v", c.Committees)
	}
}

// TestReferenceDocumentsEveryField makes reference.yaml and Config unable to
// drift: every key path of Config must appear in the reference with a
// comment above it (on the key or its parent), and strict decoding already
// rejects keys that Config lacks.
func TestReferenceDocumentsEveryField(t *testing.T) {
	var root yaml.Node
	if err := yaml.Unmarshal(Reference, &root); err != nil {
		t.Fatal(err)
	}
	doc := root.Content[0]
	var walk func(typ reflect.Type, node *yaml.Node, path string, commented bool)
	walk = func(typ reflect.Type, node *yaml.Node, path string, commented bool) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch typ.Kind() {
		case reflect.Struct:
			if _, custom := reflect.New(typ).Interface().(strictyaml.Unmarshaler); custom && typ != reflect.TypeFor[Rule]() {
				return
			}
			if typ == reflect.TypeFor[Rule]() {
				return
			}
			for _, key := range strictyaml.KnownKeys(typ) {
				p := strings.TrimPrefix(path+"."+key, ".")
				var keyNode, val *yaml.Node
				if node != nil && node.Kind == yaml.MappingNode {
					for i := 0; i+1 < len(node.Content); i += 2 {
						if node.Content[i].Value == key {
							keyNode, val = node.Content[i], node.Content[i+1]
						}
					}
				}
				if keyNode == nil {
					t.Errorf("reference.yaml does not show %s", p)
					continue
				}
				hasComment := keyNode.HeadComment != "" || keyNode.LineComment != "" || val.LineComment != ""
				if !hasComment && !commented {
					t.Errorf("reference.yaml has no comment for %s", p)
				}
				sf, _ := typ.FieldByNameFunc(func(n string) bool {
					f, _ := typ.FieldByName(n)
					name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
					return name == key
				})
				walk(sf.Type, val, p, hasComment || commented)
			}
		case reflect.Slice:
			if node != nil && node.Kind == yaml.SequenceNode {
				for _, item := range node.Content {
					walk(typ.Elem(), item, path+"[]", commented)
				}
			}
		case reflect.Map:
			if node != nil && node.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(node.Content); i += 2 {
					walk(typ.Elem(), node.Content[i+1], path+"."+node.Content[i].Value, commented)
				}
			}
		}
	}
	walk(reflect.TypeFor[Config](), doc, "", false)
}

func TestParseErrors(t *testing.T) {
	base := "trust:\n  name: Test Trust\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown top key", base + "titel: x\n", []string{`handbook.yaml:3:1: unknown key "titel" (did you mean "title"?)`}},
		{"unknown nested key", "trust:\n  name: T\n  colour: \"#005EB8\"\n", []string{`handbook.yaml:3:3: unknown key "colour"`}},
		{"missing name", "title: x\n", []string{"handbook.yaml:1:1: trust.name is required"}},
		{"bad email", base + "contacts:\n  sponsor:\n    name: A\n    email: not-an-email\n", []string{`handbook.yaml:6:12: want an e-mail address such as "name@nhs.net", got "not-an-email"`}},
		{"non-hex colour", "trust:\n  name: T\n  brand_colour: blue\n", []string{`handbook.yaml:3:17: want a hex colour`}},
		{"low contrast", "trust:\n  name: T\n  brand_colour: \"#41B6E6\"\n", []string{`handbook.yaml:3:17: trust.brand_colour #41B6E6 has a contrast of 2.`}},
		{"string for number", base + "role:\n  term_months: eighteen\n", []string{`handbook.yaml:4:16: want a whole number, got "eighteen"`}},
		{"undefined contact", base + "role:\n  reports_to: sponser\ncontacts:\n  sponsor: {name: A}\n", []string{`handbook.yaml:4:15: role.reports_to refers to contact "sponser", which is not defined under contacts (did you mean "sponsor"?)`}},
		{"bad enum", base + "committees:\n  - name: C\n    mode: zoom\n", []string{`handbook.yaml:5:11: want one of in_person, online, hybrid, got "zoom"`}},
		{"duplicate key", base + "title: a\ntitle: b\n", []string{`handbook.yaml:4:1: duplicate key "title" (first given on line 3)`}},
		{"tab", "trust:\n\tname: T\n", []string{"handbook.yaml:2:1: invalid YAML: a tab character is not allowed here"}},
		{"many at once", base + "titel: x\nrole:\n  term_months: x\n", []string{`3:1: unknown key "titel"`, `5:16: want a whole number`}},
		{"misspelt contact key", base + "contacts:\n  sponser: {name: A}\n", []string{`handbook.yaml:4:3: unknown contact key "sponser" (did you mean "sponsor"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("handbook.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error:\n%v\nwant it to contain %q", err, w)
				}
			}
			if n := len(strings.Split(err.Error(), "\n")); n != len(tt.want) {
				t.Errorf("got %d messages, want %d:\n%v", n, len(tt.want), err)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse("handbook.yaml", []byte("trust:\n  name: T\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Patient Safety Partner handbook" || c.Language != "en-GB" || !c.Starter || c.Trust.BrandColour != "#005EB8" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if c.Governance.ReviewCycleMonths != 36 || !slices.Equal(c.Induction.ReviewPointsMonths, []int{1, 3, 6}) {
		t.Errorf("governance/induction defaults not applied")
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[string]string{"150": "£150", "75.5": "£75.50", "£1,250.00": "£1,250", "0": "£0"} {
		m, err := ParseMoney(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if m.String() != want {
			t.Errorf("ParseMoney(%q) = %s, want %s", in, m, want)
		}
	}
	for _, bad := range []string{"abc", "-5", "1.234"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q) gave no error", bad)
		}
	}
}

func TestContrast(t *testing.T) {
	if r := Colour("#005EB8").Contrast("#FFFFFF"); r < 4.5 {
		t.Errorf("NHS Blue contrast %.2f, want ≥ 4.5", r)
	}
	if r := Colour("#41B6E6").Contrast("#FFFFFF"); r >= 4.5 {
		t.Errorf("NHS Light Blue contrast %.2f, want < 4.5", r)
	}
}

func TestAddMonths(t *testing.T) {
	d, _ := ParseDate("2024-01-31")
	if got := d.AddMonths(1).ISO(); got != "2024-02-29" {
		t.Errorf("2024-01-31 + 1 month = %s, want 2024-02-29", got)
	}
	if got := d.AddMonths(36).ISO(); got != "2027-01-31" {
		t.Errorf("+36 months = %s", got)
	}
}
